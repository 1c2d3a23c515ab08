/**
 * Query engine benchmark: `npx tsx bench/query-bench.ts [rows]` (default 200 000).
 * Medians of 7 runs. "first query" = a fresh engine (no result cache) over all rows, which is
 * what the transactions screen does on open; "scroll" = same filter/sort, another offset.
 */
import type { TransactionFilter, TransactionQuery } from '../src/shared/views'
import { createQueryEngine } from '../src/main/services/query/query-engine'
import { createTransactionIndex } from '../src/main/services/query/transaction-index'
import { syntheticRows } from './cache-synthetic-rows'

const COUNT = Number(process.argv[2] ?? 200_000)
const RUNS = 7

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? NaN
}

function time(fn: () => void): number {
  const t0 = performance.now()
  fn()
  return performance.now() - t0
}

const ALL: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const q = (filter: Partial<TransactionFilter>, rest: Partial<TransactionQuery> = {}): TransactionQuery => ({
  filter: { ...ALL, ...filter },
  sort: { column: 'createdAt', direction: 'desc' },
  offset: 0,
  limit: 100,
  ...rest
})

const rows = syntheticRows(COUNT)
const results: Array<[string, number, string]> = []
const measure = (name: string, fn: () => unknown, note = ''): void => {
  const times: number[] = []
  let out: unknown
  for (let i = 0; i < RUNS; i++) times.push(time(() => (out = fn())))
  const total = (out as { total?: number } | undefined)?.total
  results.push([name, median(times), note || (total !== undefined ? `${total} matches` : '')])
}

measure('index build (reset) + base order', () => {
  const idx = createTransactionIndex()
  idx.reset(rows)
  idx.baseOrder()
})

const index = createTransactionIndex()
index.reset(rows)
index.baseOrder()
const month = index.months()[6] as string

measure('first query, all rows, createdAt desc', () => createQueryEngine({ index }).query(q({})))
measure('first query, all rows, sort by amount asc', () => createQueryEngine({ index }).query(q({}, { sort: { column: 'amount', direction: 'asc' } })))
measure('first query, all rows, sort by note asc', () => createQueryEngine({ index }).query(q({}, { sort: { column: 'recipientNote', direction: 'asc' } })))
const engine = createQueryEngine({ index })
engine.query(q({}, { sort: { column: 'amount', direction: 'desc' } }))
let off = 0
measure('scroll window (same filter/sort, offset +5000, 100 rows)', () => engine.query(q({}, { sort: { column: 'amount', direction: 'desc' }, offset: (off += 5000) % COUNT })))
measure('search "12,50" (amount, de) over all rows', () => createQueryEngine({ index }).query(q({ search: '12,50' })))
measure('search "bestellung" (text) over all rows', () => createQueryEngine({ index }).query(q({ search: 'bestellung' })))
measure(`month filter ${month}`, () => createQueryEngine({ index }).query(q({ period: { kind: 'month', month } })))
measure(`month + refunds only + amount sort`, () =>
  createQueryEngine({ index }).query(q({ period: { kind: 'month', month }, kinds: ['refund'] }, { sort: { column: 'amount', direction: 'asc' } }))
)
measure('incremental upsert of 50 rows (then re-query)', () => {
  index.upsert(rows.slice(0, 50).map((r) => ({ ...r, status: r.status === 'Success' ? 'Pending' : 'Success' })))
  return createQueryEngine({ index }).query(q({}))
})

console.log(`query bench, ${COUNT} rows, median of ${RUNS} (Node ${process.version})`)
for (const [name, ms, note] of results) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}${note ? `  (${note})` : ''}`)
