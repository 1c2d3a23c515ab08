/**
 * Inputs for the IPC fuzz test: one arbitrary of valid arguments per IPC method (built from the
 * contract's own enums and limits), near-valid mutations of those, and hostile shapes.
 */
import fc from 'fast-check'
import { ACROSS_ACCOUNTS_EXPORT_FORMATS, ADDABLE_ACCOUNT_ENVIRONMENTS } from '../../../src/shared/accounts'
import { ENVIRONMENTS } from '../../../src/shared/domain'
import type { IpcMethod } from '../../../src/shared/ipc-channels'
import { EXPORT_FORMATS } from '../../../src/shared/transaction-filter'
import { REFUND_REASONS, ROW_KINDS, SORT_COLUMNS } from '../../../src/shared/views'

export interface KnownData {
  keys: string[]
  payIds: string[]
  months: string[]
  requestIds: string[]
}

const monthArb = (known: KnownData): fc.Arbitrary<string> =>
  fc.oneof(fc.constantFrom(...known.months), fc.stringMatching(/^\d{4}-(0[1-9]|1[0-2])$/))
const dateArb = fc.stringMatching(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/)
const centsArb = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.maxSafeInteger(), fc.constant(Number.MIN_SAFE_INTEGER))
const payIdArb = (known: KnownData): fc.Arbitrary<string> => fc.oneof(fc.constantFrom(...known.payIds), fc.stringMatching(/^\d{1,18}$/))
const requestIdArb = (known: KnownData): fc.Arbitrary<string> =>
  known.requestIds.length > 0 ? fc.oneof(fc.constantFrom(...known.requestIds), fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)) : fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/)

const filterArb = (known: KnownData): fc.Arbitrary<Record<string, unknown>> =>
  fc.record({
    period: fc.oneof(
      fc.constant({ kind: 'all' }),
      monthArb(known).map((month) => ({ kind: 'month', month })),
      fc.tuple(dateArb, dateArb).map(([from, to]) => ({ kind: 'range', from, to }))
    ),
    kinds: fc.uniqueArray(fc.constantFrom(...ROW_KINDS), { maxLength: 4 }),
    statuses: fc.array(fc.oneof(fc.constantFrom('Success', 'Cancelled', 'Pending'), fc.string({ maxLength: 40 })), { maxLength: 20 }),
    amountMinCents: fc.option(centsArb, { nil: null }),
    amountMaxCents: fc.option(centsArb, { nil: null }),
    search: fc.string({ maxLength: 200 })
  })

/** Valid arguments (by the contract) for every IPC method. */
export function validArgs(known: KnownData): { [M in IpcMethod]: fc.Arbitrary<unknown> } {
  const empty = fc.constant({})
  return {
    getEnvironment: empty,
    setEnvironment: fc.record({ env: fc.constantFrom(...ENVIRONMENTS) }),
    getCredentialStatus: empty,
    saveApiKey: fc.record({ key: fc.string({ minLength: 1, maxLength: 512 }), sessionOnly: fc.boolean() }),
    signOut: empty,
    getSyncState: empty,
    runSync: fc.record({ full: fc.boolean() }),
    dismissSyncNotices: empty,
    queryTransactions: fc.record({
      filter: filterArb(known),
      sort: fc.record({ column: fc.constantFrom(...SORT_COLUMNS), direction: fc.constantFrom('asc', 'desc') }),
      offset: fc.nat({ max: 100_000 }),
      limit: fc.integer({ min: 1, max: 1000 })
    }),
    getTransaction: fc.record({ key: fc.oneof(fc.constantFrom(...known.keys), fc.string({ minLength: 1, maxLength: 200 })) }),
    listStatuses: empty,
    getRefundEligibility: fc.record({ payId: payIdArb(known) }),
    submitRefund: fc.record({
      payId: payIdArb(known),
      amount: fc.oneof(fc.integer({ min: 1, max: 10_000_000 }), fc.maxSafeInteger()),
      isFullRefund: fc.boolean(),
      reason: fc.constantFrom(...REFUND_REASONS),
      note: fc.option(fc.string({ maxLength: 500 }), { nil: null })
    }),
    listRefundRequests: empty,
    checkRefundRequest: fc.record({ requestId: requestIdArb(known) }),
    markRefundDenied: fc.record({ requestId: requestIdArb(known), reason: fc.string({ minLength: 1, maxLength: 500 }) }),
    exportTransactions: fc.record({ filter: filterArb(known), format: fc.constantFrom(...EXPORT_FORMATS), language: fc.constantFrom('de', 'en') }),
    getSettings: empty,
    updateSettings: fc.record(
      {
        language: fc.constantFrom('de', 'en', null),
        theme: fc.constantFrom('system', 'light', 'dark'),
        transactionFilter: fc.option(filterArb(known), { nil: null }),
        historyWindowMonths: fc.integer({ min: 1, max: 60 })
      },
      { requiredKeys: [] }
    ),
    getReviewState: fc.record({ month: monthArb(known) }),
    setReviewed: fc.record({
      month: monthArb(known),
      keys: fc.array(fc.oneof(fc.constantFrom(...known.keys), fc.string({ minLength: 1, maxLength: 200 })), { minLength: 1, maxLength: 20 }),
      reviewed: fc.boolean()
    }),
    listPayouts: fc.constant({}),
    getPayoutReconciliation: fc.record({ month: monthArb(known) }),
    getPayoutEntries: fc.record({ payoutId: fc.string({ minLength: 1, maxLength: 100 }) }),
    exportPayoutReconciliation: fc.record({ month: monthArb(known), format: fc.constantFrom('csv-de', 'csv'), language: fc.constantFrom('de', 'en') }),
    getDatevSettings: empty,
    saveDatevSettings: fc.record({ settings: datevSettingsArb }),
    exportDatev: fc.record({ month: monthArb(known) }),
    checkBankStatement: fc.record({ month: monthArb(known), base64: bankFileArb }),
    listAccounts: empty,
    addAccount: fc.record({ name: accountNameArb, env: fc.constantFrom(...ADDABLE_ACCOUNT_ENVIRONMENTS) }),
    renameAccount: fc.record({ id: addedAccountIdArb, name: accountNameArb }),
    removeAccount: fc.record({ id: addedAccountIdArb }),
    switchAccount: fc.record({ id: fc.oneof(fc.constantFrom(...ENVIRONMENTS), addedAccountIdArb) }),
    getMonthAcrossAccounts: fc.record({ month: monthArb(known) }),
    getTeamSettings: empty,
    // Connection strings the fuzz may send: refused ones (remote without TLS, junk) and one to a
    // loopback port where nothing listens — never a real server, so nothing is ever stored.
    saveTeamSettings: fc.record({
      connectionString: fc.oneof(
        fc.constant('postgres://u:p@db.example.com/shop'),
        fc.constant('postgres://u:p@127.0.0.1:1/shop'),
        fc.string({ minLength: 1, maxLength: 200 })
      ),
      teamName: accountNameArb
    }),
    testTeamConnection: empty,
    removeTeamSettings: empty,
    getTeamStatus: empty,
    syncTeamNow: empty,
    exportMonthAcrossAccounts: fc.record({
      month: monthArb(known),
      format: fc.constantFrom(...ACROSS_ACCOUNTS_EXPORT_FORMATS),
      language: fc.constantFrom('de', 'en')
    })
  }
}

const addedAccountIdArb = fc.stringMatching(/^acc-[0-9a-f]{8}$/)
/** Names a user could type: letters, digits, spaces, umlauts, punctuation; never control characters. */
const accountNameArb = fc.stringMatching(/^[A-Za-z0-9äöüÄÖÜß&.' -]{1,60}$/).filter((n) => n.trim().length > 0)

/** Valid DATEV settings: every account has the Sachkontenlänge's digits and differs from the clearing account. */
const datevSettingsArb = fc.integer({ min: 4, max: 8 }).chain((length) =>
  fc.record({
    beraternummer: fc.integer({ min: 1001, max: 9_999_999 }),
    mandantennummer: fc.integer({ min: 1, max: 99_999 }),
    fiscalYearStartMonth: fc.integer({ min: 1, max: 12 }),
    sachkontenlaenge: fc.constant(length),
    chart: fc.constantFrom('SKR03', 'SKR04'),
    accounts: fc
      .uniqueArray(fc.integer({ min: 10 ** (length - 1), max: 10 ** length - 1 }), { minLength: 5, maxLength: 5 })
      .map(([clearing, revenue, fees, disputes, bank]) => ({
        clearing: String(clearing),
        revenue: String(revenue),
        fees: String(fees),
        disputes: String(disputes),
        bank: String(bank)
      })),
    diktatkuerzel: fc.oneof(fc.constant(''), fc.stringMatching(/^[A-Z]{2}$/)),
    festschreibung: fc.boolean()
  })
)

const BANK_CSV = 'Buchungstag;Valutadatum;Auftraggeber;Verwendungszweck;Betrag;Währung\n03.11.2026;03.11.2026;SecPaid;PO-1;12,34;EUR\n'

/** Statement files as base64: a readable CSV, random bytes, and text that is nearly XML. */
const bankFileArb = fc.oneof(
  fc.constant(Buffer.from(BANK_CSV, 'utf8').toString('base64')),
  fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b).toString('base64')),
  fc.string({ maxLength: 500 }).map((t) => Buffer.from(`<?xml version="1.0"?><Document>${t}`, 'utf8').toString('base64'))
)

class Instance {
  constructor(values: object) {
    Object.assign(this, values)
  }
}

const EDGE_VALUES: unknown[] = [
  undefined, null, NaN, Infinity, -Infinity, -0, 0.5, -1, 2 ** 53, 1e21, '', ' ', '\u0000', 'x'.repeat(10_000),
  '__proto__', 'constructor', [], {}, true, false, '2026-13', '9'.repeat(19), '\u202E=1+1', Symbol('s'), () => 1, 10n
]

type Json = Record<string, unknown> | unknown[]

/** Paths to every value inside a plain object/array. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix]
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value)
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))]
}

function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T
}

function setAt(root: Json, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement
  let node = root as Record<string | number, unknown>
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>
  node[path[path.length - 1] as string | number] = replacement
  return root
}

function deleteAt(root: Json, path: (string | number)[]): unknown {
  if (path.length === 0) return undefined
  let node = root as Record<string | number, unknown>
  for (const step of path.slice(0, -1)) node = node[step] as Record<string | number, unknown>
  const last = path[path.length - 1] as string | number
  if (Array.isArray(node)) node.splice(Number(last), 1)
  else delete node[last]
  return root
}

/** One near-valid mutation of a valid argument: picked by `how`, applied at the `where`-th path. */
export function mutate(valid: unknown, how: number, where: number, replacement: unknown, extraKey: string): unknown {
  const v = cloneJson(valid) as Json
  const all = paths(v)
  const path = all[where % all.length] ?? []
  switch (how % 9) {
    case 0:
      return deleteAt(v, path)
    case 1:
      return setAt(v, path, replacement)
    case 2:
      return setAt(v, path, EDGE_VALUES[where % EDGE_VALUES.length])
    case 3: {
      const target = path.length === 0 ? v : (path.slice(0, -1).reduce<unknown>((n, k) => (n as Record<string | number, unknown>)[k], v) as Json)
      if (target && typeof target === 'object' && !Array.isArray(target)) (target as Record<string, unknown>)[extraKey] = replacement
      return v
    }
    case 4:
      return [v]
    case 5:
      return new Instance(v)
    case 6: {
      const withGetter = cloneJson(v) as Record<string, unknown>
      const key = Object.keys(withGetter)[0] ?? 'x'
      const value = withGetter[key]
      return Object.defineProperty(withGetter, key, { enumerable: true, get: () => value })
    }
    case 7:
      return new Proxy(v, {})
    default:
      return Object.create(v) as unknown
  }
}
