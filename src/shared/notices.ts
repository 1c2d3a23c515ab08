/**
 * Things main tells the user once (a cache file set aside, requests recovered after a crash …),
 * as a code plus parameters: the renderer words them in the user's language, the CLI and the log
 * in English (noticeText). Parameters are our own values (months, counts, file names), never
 * server text.
 */
export type AppNotice =
  | { code: 'cache_shard_corrupt'; params: { month: string; setAsideAs: string; reason: CorruptFileReason } }
  | { code: 'cache_shard_missing'; params: { month: string } }
  | { code: 'cache_meta_corrupt'; params: { setAsideAs: string; reason: CorruptFileReason } }
  | { code: 'reconcile_failed'; params: { detail: string } }
  | { code: 'cache_read_failed'; params: { detail: string } }
  | { code: 'payouts_failed'; params: { detail: string } }
  | { code: 'requests_recovered'; params: { count: number } }
  | { code: 'file_set_aside'; params: { file: 'settings' | 'reviews' | 'payouts'; setAsideAs: string } }
  | { code: 'reviews_reset'; params: Record<string, never> }
  | { code: 'ledger_diagnostic'; params: { detail: string } }
  | { code: 'account_unreadable'; params: { folder: string } }

export type NoticeCode = AppNotice['code']

const FILE_WORDS = { settings: 'settings', reviews: 'review ticks', payouts: 'payouts' } as const
export type CorruptFileReason = 'invalid_json' | 'unsupported_version' | 'invalid_content'

const REASON_TEXT: Record<CorruptFileReason, string> = {
  invalid_json: 'not valid JSON',
  unsupported_version: 'written by another version',
  invalid_content: 'unexpected content'
}

/** The notice in English (CLI output, logs). */
export function noticeText(n: AppNotice): string {
  switch (n.code) {
    case 'cache_shard_corrupt':
      return `Cached data for ${n.params.month} was unreadable (${REASON_TEXT[n.params.reason]}); it was set aside as ${n.params.setAsideAs} and will be fetched again from SecPaid.`
    case 'cache_shard_missing':
      return `Cached data for ${n.params.month} was missing; it will be fetched again from SecPaid.`
    case 'cache_meta_corrupt':
      return `The cache index was unreadable (${REASON_TEXT[n.params.reason]}); it was set aside as ${n.params.setAsideAs}, and the next sync reloads the history window.`
    case 'cache_read_failed':
      return `The stored data of some months could not be read (${n.params.detail}). The transactions list shows the months read so far; syncing, exports, the month-end review and refunds are unavailable until SecPaid Desk is started again. If this keeps happening, check that file (its permissions, the disk).`
    case 'payouts_failed':
      return `The payouts could not be fetched with this sync (the last ones stay shown): ${n.params.detail}`
    case 'reconcile_failed':
      return `Refund requests could not be matched with this sync: ${n.params.detail}`
    case 'requests_recovered':
      return `${n.params.count} refund request(s) were being sent when SecPaid Desk last closed; their outcome is unknown — use "Check again".`
    case 'file_set_aside':
      return `The ${FILE_WORDS[n.params.file]} file was unreadable and was set aside as ${n.params.setAsideAs}.`
    case 'reviews_reset':
      return 'Review ticks file had an unexpected shape; starting with no ticks.'
    case 'ledger_diagnostic':
      return n.params.detail
    case 'account_unreadable':
      return `An account's file in ${n.params.folder} was unreadable; that account is not listed (its data were left where they are).`
  }
}

/** A stable identity (for dismissing a notice and not showing it twice). */
export function noticeId(n: AppNotice): string {
  return JSON.stringify([n.code, n.params])
}
