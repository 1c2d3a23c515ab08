/**
 * Query engine benchmark: `npx tsx bench/query-bench.ts [rows]` (default 200 000).
 * Medians of 7 runs. "first query" = a fresh engine (no result cache) over all rows, which is
 * what the transactions screen does on open; "scroll" = same filter/sort, another offset.
 *
 * The search section reports median and p95 over many runs, against a floor measured in the
 * same run: a bare loop of `String.prototype.includes` over 200k prebuilt lowercase strings,
 * which is what any substring scan of every row costs at least.
 *   - "search": a fresh engine (no previous result) answering a term hitting ~2 % of the rows;
 *   - "keystrokes": typing that term one character at a time, one query per keystroke (what the
 *     search box sends without a debounce), page 0 of 200 rows like the window asks for;
 *   - "first search after load": the same term with no haystack built yet.
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

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN
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
// A fresh engine per run: with the search index that includes building it (the app keeps one
// engine; the search section below measures that).
measure('search "12,50" (amount, de) over all rows, fresh engine', () => createQueryEngine({ index }).query(q({ search: '12,50' })))
measure('search "bestellung" (text) over all rows, fresh engine', () => createQueryEngine({ index }).query(q({ search: 'bestellung' })))
measure(`month filter ${month}`, () => createQueryEngine({ index }).query(q({ period: { kind: 'month', month } })))
measure(`month + refunds only + amount sort`, () =>
  createQueryEngine({ index }).query(q({ period: { kind: 'month', month }, kinds: ['refund'] }, { sort: { column: 'amount', direction: 'asc' } }))
)
measure('incremental upsert of 50 rows (then re-query)', () => {
  index.upsert(rows.slice(0, 50).map((r) => ({ ...r, status: r.status === 'Success' ? 'Pending' : 'Success' })))
  return createQueryEngine({ index }).query(q({}))
})

// ---- search ----
const TERM = 'ung 12' // "Bestellung 12…" / "Rechnung 12…": ~1.6 % of the synthetic rows
const SEARCH_RUNS = 40
const all = index.baseOrder()
const plain = all.map((r) => `${r.view.recipientNote}\u0000${r.view.transactionId ?? ''}\u0000${r.view.payId}\u0000${r.view.paymentMethod ?? ''}`.toLowerCase())
const floorTimes: number[] = []
for (let i = 0; i < SEARCH_RUNS; i++) {
  floorTimes.push(
    time(() => {
      let n = 0
      for (let j = 0; j < plain.length; j++) if ((plain[j] as string).includes(TERM)) n++
      if (n < 0) throw new Error('unreachable')
    })
  )
}
const floor = median(floorTimes)
const searchLines: string[] = []
const report = (name: string, xs: number[], note = ''): void => {
  const med = median(xs)
  const p95 = percentile(xs, 95)
  searchLines.push(
    `${med.toFixed(1).padStart(8)} ms median ${p95.toFixed(1).padStart(8)} ms p95  ${(med / floor).toFixed(2).padStart(6)}× floor  ${name}${note ? `  (${note})` : ''}`
  )
}
const pageQ = (search: string, sort: TransactionQuery['sort'] = { column: 'createdAt', direction: 'desc' }): TransactionQuery =>
  q({ search }, { sort, limit: 200 })

// One long-lived engine, as in the app. `prepareSearch` (when the engine has it) is the work
// the app does in the background after the first screen; typing starts after it.
const engineOf = (): ReturnType<typeof createQueryEngine> => createQueryEngine({ index })
const prepare = (e: ReturnType<typeof createQueryEngine>): void => {
  const p = (e as { prepareSearch?: () => boolean }).prepareSearch
  if (p) while (p.call(e)) continue
}
// Terms hitting ~1.6 % each that do not contain one another: each query is answered afresh.
const TERMS = ['ung 12', 'ung 13', 'ung 14', 'ung 15', 'ung 16', 'ung 17', 'ung 18', 'ung 19', 'ung 23']

// First search after load: no haystack built yet (as after a cold open), no background build.
const firstTimes: number[] = []
let firstTotal = 0
for (let i = 0; i < 5; i++) {
  const e = engineOf()
  e.query(pageQ(''))
  firstTimes.push(time(() => (firstTotal = e.query(pageQ(TERM)).total)))
}
report(`first search after load "${TERM}" (index built by the search)`, firstTimes, `${firstTotal} matches`)

const buildTimes: number[] = []
for (let i = 0; i < 5; i++) {
  const e = engineOf()
  e.query(pageQ(''))
  buildTimes.push(time(() => prepare(e)))
}
report('background index build after load (all slices together)', buildTimes)

const engineS = engineOf()
engineS.query(pageQ(''))
prepare(engineS)
const freshTimes: number[] = []
let freshTotal = 0
for (let i = 0; i < SEARCH_RUNS; i++) freshTimes.push(time(() => (freshTotal = engineS.query(pageQ(TERMS[i % TERMS.length] as string)).total)))
report(`search "${TERM}"…, answered afresh`, freshTimes, `${freshTotal} matches, ${((100 * freshTotal) / COUNT).toFixed(1)} %`)

for (const sort of [
  { column: 'createdAt', direction: 'desc' },
  { column: 'amount', direction: 'asc' }
] as const) {
  const keys: number[] = []
  let worst = 0
  const e = engineOf()
  for (let i = 0; i < 10; i++) {
    // A sync changed a row (new index version: no result can be reused), the list shows the
    // unfiltered rows, the background build catches up, then the user types.
    const changed = all[i * 1000]?.view
    if (changed) index.upsert([{ ...changed, status: changed.status === 'Success' ? 'Pending' : 'Success' }])
    e.query(pageQ('', sort))
    prepare(e)
    for (let k = 1; k <= TERM.length; k++) {
      const t = time(() => e.query(pageQ(TERM.slice(0, k), sort)))
      keys.push(t)
      worst = Math.max(worst, t)
    }
  }
  report(`keystrokes typing "${TERM}", sort ${sort.column} ${sort.direction}`, keys, `${keys.length} keystrokes, worst ${worst.toFixed(1)} ms`)
}

// The window bench's typed terms (bench/run.ts KEY_TERMS), one query per key from the unfiltered
// list, page 0 of 50 rows: which keys cost what (the first key of each matches most rows).
const perKey = new Map<string, number[]>()
const engineK = engineOf()
engineK.query(pageQ(''))
prepare(engineK)
for (let round = 0; round < 5; round++) {
  for (const term of ['9876', 'payp', '2468', '7531', '3690']) {
    for (let k = 1; k <= term.length; k++) {
      const typed = term.slice(0, k)
      const t = time(() => engineK.query(q({ search: typed }, { limit: 50 })))
      perKey.set(typed, [...(perKey.get(typed) ?? []), t])
    }
    engineK.query(pageQ(''))
  }
}
report('window bench keys, every key', [...perKey.values()].flat())
const slowKeys = [...perKey.entries()].sort((a, b) => median(b[1]) - median(a[1])).slice(0, 5)
searchLines.push(`         slowest keys (median): ${slowKeys.map(([key, xs]) => `"${key}" ${median(xs).toFixed(1)} ms`).join(', ')}`)

engineS.query(pageQ(''))
prepare(engineS)
const amountTimes: number[] = []
const amountTerms = ['1.234,56', '12,50', '99.99', '250,00 €', '1,234.56']
for (let i = 0; i < SEARCH_RUNS; i++) amountTimes.push(time(() => engineS.query(pageQ(amountTerms[i % amountTerms.length] as string))))
report('search amounts ("1.234,56", "12,50", "99.99", …), answered afresh', amountTimes)

console.log(`query bench, ${COUNT} rows, median of ${RUNS} (Node ${process.version})`)
for (const [name, ms, note] of results) console.log(`${ms.toFixed(1).padStart(8)} ms  ${name}${note ? `  (${note})` : ''}`)
console.log(`search, floor = bare includes loop over ${COUNT} strings: ${floor.toFixed(1)} ms median`)
for (const line of searchLines) console.log(line)
