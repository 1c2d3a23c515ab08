/**
 * Search semantics of the query engine: what a search text matches (case, diacritics, fields,
 * amounts in de and en), and that the engine's fast paths (search index chunks, narrowing the
 * previous keystroke's result, merging amount hits) answer exactly what a naive filter answers,
 * also while the index changes between keystrokes.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { PayInTransaction } from '../../src/shared/domain'
import type { SortColumn, TransactionFilter, TransactionQuery, TransactionView } from '../../src/shared/views'
import { createTransactionIndex } from '../../src/main/services/query/transaction-index'
import { computeTotals, createQueryEngine } from '../../src/main/services/query/query-engine'
import { sortRows } from '../../src/main/services/query/sort-order'
import { searchAmounts } from '../../src/main/services/query/transaction-filter'

let seq = 0
function row(p: Partial<PayInTransaction> & { payId: string }): PayInTransaction {
  seq++
  return {
    transactionId: `20260510-pi-${String(seq).padStart(10, '0')}`,
    creatorId: null,
    userId: null,
    amount: 10_000,
    netAmount: 9_500,
    serviceFee: 200,
    serviceFeePsp: 300,
    status: 'Success',
    recipientNote: `Order ${p.payId}`,
    payoutStatus: 'Pending',
    createdAt: '2026-05-10 12:00:00',
    isSplitLink: false,
    isDispute: false,
    isRefund: false,
    paymentMethod: 'card',
    transactionType: 'Basic',
    ...p
  }
}

const F: TransactionFilter = { period: { kind: 'all' }, kinds: [], statuses: [], amountMinCents: null, amountMaxCents: null, search: '' }
const Q = (search: string, filter: Partial<TransactionFilter> = {}, sort: TransactionQuery['sort'] = { column: 'createdAt', direction: 'desc' }): TransactionQuery => ({
  filter: { ...F, ...filter, search },
  sort,
  offset: 0,
  limit: 100_000
})

function engineOver(rows: PayInTransaction[], chunkRows = 2) {
  const index = createTransactionIndex()
  index.reset(rows)
  return { index, engine: createQueryEngine({ index, warmUpSearch: false, searchChunkRows: chunkRows }) }
}

const payIds = (r: { rows: TransactionView[] }): string[] => r.rows.map((v) => v.payId).sort()

describe('search: text', () => {
  const { engine } = engineOver([
    row({ payId: '1', recipientNote: 'Rechnung Müller' }),
    row({ payId: '2', recipientNote: 'Rechnung Mueller' }),
    row({ payId: '3', recipientNote: 'MULLER GmbH' }),
    row({ payId: '4', recipientNote: 'Straße 5' }),
    row({ payId: '5', recipientNote: 'Café José', paymentMethod: 'paypal' }),
    row({ payId: '6', recipientNote: 'Zürich', createdAt: '2026-04-01 08:00:00' }),
    row({ payId: '7', recipientNote: 'ab', transactionId: 'cd-1', paymentMethod: null })
  ])
  const find = (s: string): string[] => payIds(engine.query(Q(s)))

  it('is case-insensitive', () => {
    expect(find('RECHNUNG')).toEqual(['1', '2'])
    expect(find('PayPal')).toEqual(['5'])
  })

  it('folds diacritics: umlauts match their German spelling (ue) and the bare letter (u)', () => {
    expect(find('müller')).toEqual(['1', '2', '3'])
    expect(find('mueller')).toEqual(['1', '2'])
    expect(find('muller')).toEqual(['1', '3'])
    expect(find('MÜLLER')).toEqual(['1', '2', '3'])
    expect(find('zurich')).toEqual(['6'])
    expect(find('zuerich')).toEqual(['6'])
    expect(find('strasse')).toEqual(['4'])
    expect(find('straße')).toEqual(['4'])
    expect(find('cafe jose')).toEqual(['5'])
    expect(find('café')).toEqual(['5'])
  })

  it('matches within one field only, never across two fields or two rows', () => {
    expect(find('ab')).toEqual(['7'])
    expect(find('cd-1')).toEqual(['7'])
    expect(find('abcd')).toEqual([])
    expect(find('ab cd')).toEqual([])
    expect(find('müllerrechnung')).toEqual([])
  })

  it('ignores surrounding blanks; an empty text matches everything', () => {
    expect(find('  josé ')).toEqual(['5'])
    expect(engine.query(Q('   ')).total).toBe(7)
  })
})

describe('search: amounts in de and en notation', () => {
  const { engine } = engineOver([
    row({ payId: '10', amount: 123456, recipientNote: 'a' }),
    row({ payId: '11', amount: -1250, transactionType: 'Refund', recipientNote: 'b' }),
    row({ payId: '12', amount: 1250, recipientNote: 'c' }),
    row({ payId: '13', amount: 11250, recipientNote: 'd' }),
    row({ payId: '14', amount: 50, recipientNote: 'invoice 12,50' })
  ])
  const find = (s: string): string[] => payIds(engine.query(Q(s)))

  it('finds 1.234,56 € written in either locale, with or without grouping and currency sign', () => {
    for (const s of ['1.234,56', '1234,56', '1,234.56', '1234.56', '1.234,56 €', '€1,234.56', '1.234,56\u00a0€']) {
      expect(find(s), s).toEqual(['10'])
    }
  })

  it('matches |amount| exactly (refund entries too), not amounts that merely contain the digits', () => {
    for (const s of ['12.50', '€ 12.50', '12.50 €', '-12.50']) expect(find(s), s).toEqual(['11', '12'])
    // Row 14 (0,50 €) is found by the text of its note; 112,50 € is no match for "12,50".
    expect(find('12,50')).toEqual(['11', '12', '14'])
    for (const s of ['-12,50', '12,50 €']) expect(find(s), s).toEqual(['11', '12'])
    expect(find('12,50')).not.toContain('13')
    expect(find('0,50')).toEqual(['14'])
  })
})

describe('search: other filters, sorting and windows', () => {
  it('combines with period, kinds and amount range, and every sort column orders the matches', () => {
    const { engine } = engineOver([
      row({ payId: '20', recipientNote: 'Abo März', createdAt: '2026-03-05 10:00:00', amount: 900 }),
      row({ payId: '21', recipientNote: 'Abo April', createdAt: '2026-04-05 10:00:00', amount: 700 }),
      row({ payId: '22', recipientNote: 'Abo Mai', createdAt: '2026-05-05 10:00:00', amount: 800 }),
      row({ payId: '22', recipientNote: 'Abo Mai', createdAt: '2026-05-06 10:00:00', amount: -800, transactionType: 'Refund' }),
      row({ payId: '23', recipientNote: 'Kauf', createdAt: '2026-05-07 10:00:00', amount: 800 })
    ])
    expect(payIds(engine.query(Q('abo', { period: { kind: 'month', month: '2026-05' } })))).toEqual(['22', '22'])
    expect(payIds(engine.query(Q('abo', { period: { kind: 'range', from: '2026-03-01', to: '2026-04-30' } })))).toEqual(['20', '21'])
    expect(payIds(engine.query(Q('abo', { kinds: ['refund'] })))).toEqual(['22'])
    expect(payIds(engine.query(Q('8,00', { amountMinCents: 0 })))).toEqual(['22', '23'])
    expect(engine.query(Q('abo', {}, { column: 'amount', direction: 'asc' })).rows.map((r) => r.amount)).toEqual([-800, 700, 800, 900])
    const byNote = engine.query(Q('8,00', {}, { column: 'recipientNote', direction: 'desc' }))
    expect(byNote.rows.map((r) => r.recipientNote)).toEqual(['Kauf', 'Abo Mai', 'Abo Mai'])
    expect(byNote.totals.count).toBe(3)
  })
})

// ---- the fast paths agree with a naive filter ------------------------------------------------

/** Independent reference: fold each field both ways and test each folded needle. */
function naiveForms(s: string): string[] {
  const lower = s.toLowerCase().normalize('NFC')
  const strip = (x: string): string => x.normalize('NFD').replace(/\p{M}/gu, '')
  const german = strip(lower.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss'))
  return [german, strip(lower).replace(/ß/g, 'ss')]
}

function naiveQuery(views: TransactionView[], search: string, kinds: TransactionFilter['kinds']): TransactionView[] {
  const needle = search.trim()
  return views.filter((v) => {
    if (kinds.length > 0 && !kinds.includes(v.kind)) return false
    if (needle === '') return true
    const fields = [v.recipientNote, v.transactionId ?? '', v.payId, v.paymentMethod ?? '']
    const needles = naiveForms(needle)
    if (fields.some((f) => naiveForms(f).some((hay) => needles.some((n) => hay.includes(n))))) return true
    // Amount parsing itself is covered above; here the reference reuses it.
    return searchAmounts(needle).has(Math.abs(v.amount))
  })
}

const NOTE_WORDS = ['Müller', 'Mueller', 'muller', 'Abo', 'ABO', 'Straße', 'strasse', 'Café', '12,50', 'ab', 'b', '']
const arbRow = fc.record({
  note: fc.array(fc.constantFrom(...NOTE_WORDS), { maxLength: 3 }).map((w) => w.join(' ')),
  amount: fc.constantFrom(1250, -1250, 11250, 123456, 50, 800),
  day: fc.integer({ min: 1, max: 28 }),
  month: fc.constantFrom('2026-04', '2026-05'),
  method: fc.constantFrom('card', 'paypal', null),
  refund: fc.boolean()
})
const arbText = fc.oneof(
  fc.constantFrom('müller', 'mueller', 'MUL', 'abo ', 'strasse', 'ß', 'café', '12,50', '12.50', '1.234,56', 'b', 'pi-', 'paypal'),
  fc.string({ unit: fc.constantFrom('a', 'b', 'u', 'ü', 'e', 'l', '1', '2', ',', '.', ' ', 's', 'ß'), maxLength: 6 })
)
const SORTS: Array<TransactionQuery['sort']> = [
  { column: 'createdAt', direction: 'desc' },
  { column: 'createdAt', direction: 'asc' },
  { column: 'amount', direction: 'asc' },
  { column: 'recipientNote', direction: 'desc' }
]

interface Spec {
  note: string
  amount: number
  day: number
  month: string
  method: string | null
  refund: boolean
}

function toRows(specs: Spec[], offset = 0): PayInTransaction[] {
  return specs.map((s, i) =>
    row({
      payId: String(5000 + offset + i),
      recipientNote: s.note,
      amount: s.refund ? -Math.abs(s.amount) : s.amount,
      transactionType: s.refund ? 'Refund' : 'Basic',
      createdAt: `${s.month}-${String(s.day).padStart(2, '0')} 10:00:00`,
      paymentMethod: s.method
    })
  )
}

function expected(engineIndex: ReturnType<typeof createTransactionIndex>, search: string, kinds: TransactionFilter['kinds'], sort: TransactionQuery['sort']) {
  const base = engineIndex.baseOrder()
  const byKey = new Map(base.map((r) => [r.view.key, r]))
  const matched = naiveQuery(base.map((r) => r.view), search, kinds).map((v) => byKey.get(v.key)!)
  sortRows(matched, sort.column as SortColumn, sort.direction)
  return { keys: matched.map((r) => r.view.key), totals: computeTotals(matched) }
}

describe('search: fast paths agree with a naive filter', () => {
  it('typing a text one character at a time (narrowing) answers like a naive filter at every step, while rows change', () => {
    fc.assert(
      fc.property(
        fc.array(arbRow, { minLength: 1, maxLength: 30 }),
        fc.array(arbRow, { maxLength: 4 }),
        fc.array(arbText, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...SORTS),
        fc.constantFrom<TransactionFilter['kinds']>([], ['payment'], ['refund']),
        fc.integer({ min: 1, max: 5 }),
        (specs, later, texts, sort, kinds, chunkRows) => {
          const { index, engine } = engineOver(toRows(specs), chunkRows)
          engine.query(Q('', { kinds }, sort))
          let step = 0
          for (const text of texts) {
            for (let k = 0; k <= text.length; k++) {
              const typed = text.slice(0, k)
              // Now and then a sync lands between two keystrokes.
              if (step++ % 4 === 3 && later.length > 0) index.upsert(toRows(later.splice(0, 1), 1000 + step))
              const got = engine.query(Q(typed, { kinds }, sort))
              const want = expected(index, typed, kinds, sort)
              expect(got.rows.map((r) => r.key), JSON.stringify(typed)).toEqual(want.keys)
              expect(got.total).toBe(want.keys.length)
              expect(got.totals).toEqual(want.totals)
              // The background build may run at any time without changing answers.
              engine.prepareSearch()
            }
          }
        }
      ),
      { numRuns: 150 }
    )
  })

  it('a narrowed answer equals the answer of a fresh engine', () => {
    fc.assert(
      fc.property(fc.array(arbRow, { minLength: 1, maxLength: 40 }), arbText, fc.constantFrom(...SORTS), (specs, text, sort) => {
        const rows = toRows(specs)
        const typing = engineOver(rows).engine
        for (let k = 0; k <= text.length; k++) typing.query(Q(text.slice(0, k), {}, sort))
        const fresh = engineOver(rows, 8192).engine
        const a = typing.query(Q(text, {}, sort))
        const b = fresh.query(Q(text, {}, sort))
        expect(a.rows.map((r) => r.payId)).toEqual(b.rows.map((r) => r.payId))
        expect(a.totals).toEqual(b.totals)
      }),
      { numRuns: 150 }
    )
  })
})

describe('search: character and digit-pair bits (one-character needles, rare characters, numbers) answer like a naive filter', () => {
  // Many rows per chunk and notes made of mostly common words, so a needle of rare letters or
  // digits has few candidate rows (tested one by one) and a common one many (scanned); rows past
  // 32 and 64 cross the bit words.
  const COMMON = ['order', 'abo', 'card', 'müller', 'Straße', '2025', '1200']
  const RARE = ['q', 'z', 'qz', 'zq', 'zz', 'quiz', 'QUIZ', 'ZZ', 'Zürich', 'x-1', 'X-1', '987', '9', '12-3', '3399']
  const arbNote = fc.array(fc.oneof(fc.constantFrom(...COMMON), fc.constantFrom(...RARE)), { maxLength: 3 }).map((w) => w.join(' '))
  const arbNeedle = fc.oneof(
    fc.constantFrom('q', 'z', 'x', '-', 'zq', 'qz', 'zz', 'quiz', 'zur', 'zür', 'ZÜRICH', 'x-1', 'o', 'order', ' ', 'ß', 'ss', '9', '98', '987', '12', '23', '123', '2-3', '33', '399', '2025', '0'),
    fc.string({ unit: fc.constantFrom('q', 'z', 'u', 'i', 'ü', 'x', '-', 'o', '1', '2', '3', '9'), minLength: 1, maxLength: 4 })
  )

  it('agrees with the naive filter for any needle, in chunks of any size', () => {
    fc.assert(
      fc.property(
        fc.array(arbNote, { minLength: 1, maxLength: 120 }),
        fc.array(arbNeedle, { minLength: 1, maxLength: 4 }),
        fc.constantFrom(3, 40, 8192),
        (notes, needles, chunkRows) => {
          const rows = notes.map((note, i) => row({ payId: String(7000 + i), recipientNote: note, transactionId: null, paymentMethod: null }))
          const { index, engine } = engineOver(rows, chunkRows)
          while (engine.prepareSearch()) continue
          for (const needle of needles) {
            const want = naiveQuery(index.baseOrder().map((r) => r.view), needle, [])
            expect(payIds(engine.query(Q(needle))), JSON.stringify(needle)).toEqual(want.map((v) => v.payId).sort())
          }
        }
      ),
      { numRuns: 150 }
    )
  })
})

describe('search: amounts through the sorted amount keys', () => {
  it('finds exactly the rows of the typed amount, never a neighbouring one, in chunks of any size', () => {
    const arbAmount = fc.constantFrom(1249, 1250, 1251, -1250, 125, 12_500, 0, 1, 123_456, 123_457)
    const arbSearch = fc.constantFrom('12,50', '12.49', '12,51', '0,01', '0', '1,25', '125', '1.234,56', '1234.57', '-12,50')
    fc.assert(
      fc.property(fc.array(arbAmount, { minLength: 1, maxLength: 80 }), fc.array(arbSearch, { minLength: 1, maxLength: 3 }), fc.constantFrom(1, 3, 8192), (amounts, searches, chunkRows) => {
        const rows = amounts.map((amount, i) => row({ payId: String(9000 + i), amount, recipientNote: 'x', transactionId: null, paymentMethod: null }))
        const { index, engine } = engineOver(rows, chunkRows)
        for (const search of searches) {
          const want = naiveQuery(index.baseOrder().map((r) => r.view), search, [])
          expect(payIds(engine.query(Q(search))), search).toEqual(want.map((v) => v.payId).sort())
        }
      }),
      { numRuns: 150 }
    )
  })
})
