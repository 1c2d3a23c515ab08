/**
 * The payouts SecPaid reported, per workspace, in `<envDir>/payouts.json`. Small by nature (one
 * payout per day with successful payments: a few hundred a year), so one file, rewritten whole
 * when the payouts changed. Every sync fetches them all, and nearly every sync finds them as they
 * were: then only the time of that fetch is written, to `payouts-fetched.json` (~60 bytes, where
 * the whole file is ~150 KiB at two years of daily payouts and was nine tenths of what a 10-row
 * sync wrote). The time shown is the later of the two files' times, so a sync stopped between
 * them never shows an older fetch than the payouts it stored.
 * Disposable like the transaction cache: an unreadable file is set aside and the next sync
 * fetches the payouts again.
 */
import type { AppNotice } from '@shared/notices'
import type { PayOutTransaction } from '@shared/domain'
import { z } from 'zod'
import { openOrSetAside } from '../settings/open-or-set-aside'
import type { JsonFileStoreFactory } from '../storage/json-file-engine'

const cents = z.number().int().refine(Number.isSafeInteger)
const payoutSchema = z.object({
  payoutId: z.string().min(1),
  userId: z.string().nullable(),
  transactionId: z.string().nullable(),
  payoutAmount: cents,
  serviceFee: cents.nullable(),
  netAmount: cents.nullable(),
  payoutStatus: z.string(),
  requestDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  createdAt: z.string(),
  isSplitLink: z.boolean(),
  isDispute: z.boolean(),
  isRefund: z.boolean(),
  transactionType: z.string()
}) satisfies z.ZodType<PayOutTransaction>

const fileSchema = z.object({
  schemaVersion: z.literal(1),
  syncedAt: z.iso.datetime({ offset: true }),
  payouts: z.array(payoutSchema)
})

const fetchedSchema = z.object({
  schemaVersion: z.literal(1),
  syncedAt: z.iso.datetime({ offset: true })
})

/** Every field of a payout: what "the same payouts" compares. */
const PAYOUT_FIELDS = Object.keys({
  payoutId: true, userId: true, transactionId: true, payoutAmount: true, serviceFee: true, netAmount: true,
  payoutStatus: true, requestDate: true, createdAt: true, isSplitLink: true, isDispute: true, isRefund: true,
  transactionType: true
} satisfies Record<keyof PayOutTransaction, true>) as (keyof PayOutTransaction)[]

function samePayouts(a: readonly PayOutTransaction[], b: readonly PayOutTransaction[]): boolean {
  return a.length === b.length && a.every((p, i) => PAYOUT_FIELDS.every((f) => p[f] === (b[i] as PayOutTransaction)[f]))
}

/** The later of two ISO times (either may be missing). */
function later(a: string | null, b: string | null): string | null {
  if (a === null || b === null) return a ?? b
  return Date.parse(b) > Date.parse(a) ? b : a
}

export interface PayoutStore {
  /** Newest request date first. */
  all(): PayOutTransaction[]
  /** When the payouts were last fetched (ISO), null if never. */
  syncedAt(): string | null
  replace(payouts: readonly PayOutTransaction[], syncedAt: Date): void
  readonly notices: AppNotice[]
}

function newestFirst(a: PayOutTransaction, b: PayOutTransaction): number {
  const da = a.requestDate ?? a.createdAt.slice(0, 10)
  const db = b.requestDate ?? b.createdAt.slice(0, 10)
  return da < db ? 1 : da > db ? -1 : a.payoutId < b.payoutId ? 1 : -1
}

export function openPayoutStore(opts: { dir: string; engine: JsonFileStoreFactory; now?: () => Date }): PayoutStore {
  const now = opts.now ?? (() => new Date())
  const { file, notices } = openOrSetAside({ dir: opts.dir, name: 'payouts', engine: opts.engine, now })
  const fetched = openOrSetAside({ dir: opts.dir, name: 'payouts', fileName: 'payouts-fetched', engine: opts.engine, now })
  notices.push(...fetched.notices)
  const parsed = fileSchema.safeParse(file.store)
  let payouts: PayOutTransaction[] = parsed.success ? [...parsed.data.payouts].sort(newestFirst) : []
  // A file this version cannot read is rewritten by the next sync, whatever it fetches.
  let payoutsStored = parsed.success
  const fetchedAt = fetchedSchema.safeParse(fetched.file.store)
  let syncedAt: string | null = later(parsed.success ? parsed.data.syncedAt : null, fetchedAt.success ? fetchedAt.data.syncedAt : null)
  if (!parsed.success && Object.keys(file.store).length > 0) {
    // Another version's file or hand-edited: refetched by the next sync, nothing is lost for good.
    notices.push({ code: 'file_set_aside', params: { file: 'payouts', setAsideAs: '(replaced at the next sync)' } })
  }
  return {
    notices,
    all: () => payouts.slice(),
    syncedAt: () => syncedAt,
    replace(next, at) {
      const sorted = [...next].sort(newestFirst)
      syncedAt = at.toISOString()
      if (payoutsStored && samePayouts(payouts, sorted)) {
        fetched.file.store = { schemaVersion: 1, syncedAt }
        return
      }
      payouts = sorted
      file.store = { schemaVersion: 1, syncedAt, payouts }
      payoutsStored = true
    }
  }
}
