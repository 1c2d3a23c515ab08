/**
 * The operations of the application (app-api.ts names them and parses their input). Each is a
 * few lines over the active environment's workspace; the session — which environment, which
 * client — is the app core's (app-core.ts).
 */
import type { EnvironmentId } from '@shared/domain'
import type { CredentialStatus, EnvironmentInfo } from '@shared/views'
import type { CredentialsService, KeySlot } from '../services/credentials'
import { exportPayoutsCsv } from '../services/export'
import { coveredDayOf, entriesCoveredBy } from '../services/payouts'
import { readDatevSettings, writeDatevSettings } from '../services/settings/datev-settings-store'
import type { SettingsStore } from '../services/settings/settings-store'
import type { AccountUseCases } from './account-use-cases'
import type { UseCases } from './app-api'
import { AppError, accountSwitchedError } from './app-errors'
import type { ModuleLoaders } from './module-loaders'
import { acceptedReviewKeys } from './review-keys'
import type { ReviewState } from '@shared/ipc-channels'
import type { TeamStatus } from '@shared/team'
import type { TeamSettings, TeamSlot } from './team-settings'
import type { Workspace } from './workspace'
import { exportWorkspaceDatev, exportWorkspaceTransactions } from './workspace-exports'

/** What the operations need from the app core's session. */
export interface UseCaseContext {
  readonly settings: SettingsStore
  readonly credentials: CredentialsService
  /** The accounts operations (account-use-cases.ts). */
  readonly accounts: AccountUseCases
  /** Settings → Team (team-settings.ts) and where the open account keeps them. */
  readonly team: TeamSettings
  teamSlot(): TeamSlot
  /** The open account's team link (team-sync.ts). */
  teamStatus(): Promise<TeamStatus>
  /** Push what waits, pull what teammates wrote, now. */
  syncTeamNow(): Promise<TeamStatus>
  now: () => Date
  activeEnv(): EnvironmentId
  /** The open account's keychain slot. */
  keySlot(): KeySlot
  workspace(): Workspace
  hasClient(): boolean
  /** Builds the active environment's client from its key (after a key change). */
  reloadClient(): Promise<void>
  dropClient(): void
  environmentInfo(): EnvironmentInfo
  credentialStatus(): Promise<CredentialStatus>
  switchEnvironment(env: EnvironmentId): Promise<EnvironmentInfo>
  /** The bank-statement check and its readers, loaded on the first check (module-loaders.ts). */
  loadBankCheck: ModuleLoaders['bankCheck']
}

export function createUseCases(ctx: UseCaseContext): UseCases {
  const ws = (): Workspace => ctx.workspace()
  /**
   * The open workspace once every cached month is in its index: for what reads whole months or
   * every row (exports, a month's review and payouts). While the window's cache load reads older
   * months, only the transactions list may answer from what is read so far (marked partial).
   */
  async function loaded(): Promise<Workspace> {
    const w = ws()
    // Rejects when another account opened before the last month was read.
    await w.whenLoaded()
    // …and an account opened after it: the answer would be for a shop no longer on screen.
    if (ctx.workspace() !== w) throw accountSwitchedError()
    return w
  }

  function requireRow(key: string): NonNullable<ReturnType<Workspace['index']['get']>> {
    const row = ws().index.get(key)
    if (!row) throw new AppError('not_found', 'This transaction is not in the local cache (any more).')
    return row
  }

  function payoutReconciliation(w: Workspace, month: string): ReturnType<Workspace['payouts']['reconcile']> {
    const { index, payouts } = w
    return payouts.reconcile(month, index.monthRows(month).map((r) => r.view))
  }

  /** The month's ticks; in a team also who set each one. */
  function reviewState(month: string, reviewedKeys: string[]): ReviewState {
    const ticks = ws().reviews.ticks(month)
    return ticks === null ? { month, reviewedKeys } : { month, reviewedKeys, ticks }
  }

  function requireKeyedSlot(whatNot: string): KeySlot {
    if (ctx.activeEnv() === 'demo') throw new AppError('precondition', whatNot)
    return ctx.keySlot()
  }

  return {
    ...ctx.accounts,
    getEnvironment: async () => ctx.environmentInfo(),
    setEnvironment: async ({ env }) => ctx.switchEnvironment(env),
    getCredentialStatus: () => ctx.credentialStatus(),
    saveApiKey: async ({ key, sessionOnly }) => {
      await ctx.credentials.saveKey(requireKeyedSlot('The Demo environment needs no key.'), key, { sessionOnly })
      await ctx.reloadClient()
      return ctx.credentialStatus()
    },
    signOut: async () => {
      await ctx.credentials.signOut(requireKeyedSlot('The Demo environment has no key to remove.'))
      ctx.dropClient()
      return ctx.credentialStatus()
    },
    getSyncState: async () => ws().sync.state(),
    runSync: async ({ full }) => {
      if (!ctx.hasClient()) await ctx.reloadClient()
      return ws().sync.run({ full })
    },
    dismissSyncNotices: async () => {
      ws().sync.dismissNotices()
      return ws().sync.state()
    },
    queryTransactions: async (q) => ws().engine.query(q),
    selectTransactions: async ({ filter }) => {
      const w = await loaded()
      return { dataAsOf: w.cache.getMeta().lastSuccessfulSyncAt, ...w.engine.selectAll(filter) }
    },
    getTransaction: async ({ key }) => {
      const row = requireRow(key)
      const related = ws().index.byPayId(row.payId).filter((r) => r.key !== row.key)
      const requests = ws().refunds.list().filter((r) => r.payId === row.payId)
      return { row, related, requests, eligibility: row.kind === 'payment' ? ws().refunds.eligibility(row.payId) : null }
    },
    listStatuses: async () => ws().engine.distinctStatuses(),
    refreshPayment: async ({ payId }) => {
      await ws().sync.refreshPayId(payId)
    },
    getRefundEligibility: async ({ payId }) => ws().refunds.eligibility(payId),
    // After the whole cache (as the refresh before submit needs), and for the shop still on screen.
    submitRefund: async (input) => (await loaded()).refunds.submit(input),
    listRefundRequests: async () => ws().refunds.list(),
    checkRefundRequest: async ({ requestId }) => ws().refunds.checkAgain(requestId),
    markRefundDenied: async ({ requestId, reason }) => ws().refunds.markDenied(requestId, reason),
    exportTransactions: async ({ filter, format, language }) => exportWorkspaceTransactions(await loaded(), { filter, format, language, now: ctx.now() }),
    getSettings: async () => ctx.settings.get(),
    updateSettings: async (patch) => {
      const clean = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined))
      return ctx.settings.update(clean)
    },
    getReviewState: async ({ month }) => reviewState(month, ws().reviews.reviewedKeys(month)),
    setReviewed: async ({ month, keys, reviewed }) => {
      const { index, reviews } = await loaded()
      const accepted = acceptedReviewKeys({
        month,
        keys,
        reviewed,
        monthKeys: new Set(index.monthRows(month).map((r) => r.view.key)),
        tickedKeys: new Set(reviews.reviewedKeys(month))
      })
      return reviewState(month, reviews.setReviewed(month, accepted, reviewed))
    },
    listPayouts: async () => ({ payouts: ws().payouts.list(), syncedAt: ws().payouts.syncedAt() }),
    getPayoutReconciliation: async ({ month }) => payoutReconciliation(await loaded(), month),
    getPayoutEntries: async ({ payoutId }) => {
      const w = await loaded()
      const payout = w.payouts.list().find((p) => p.payoutId === payoutId)
      if (payout === undefined) throw new AppError('not_found', 'This payout is not in the local store (any more).')
      const month = coveredDayOf(payout).slice(0, 7)
      const monthRows = w.index.monthRows(month).map((r) => r.view)
      const line = w.payouts.reconcile(month, monthRows).payouts.find((l) => l.payoutId === payoutId)
      if (line === undefined) throw new AppError('not_found', 'This payout is not in the local store (any more).')
      return { line, entries: entriesCoveredBy(payout, monthRows) }
    },
    exportPayoutReconciliation: async ({ month, format, language }) => exportPayoutsCsv(payoutReconciliation(await loaded(), month), format, language, ctx.now()),
    getDatevSettings: async () => ({ settings: readDatevSettings(ws().dir) }),
    saveDatevSettings: async ({ settings }) => ({ settings: writeDatevSettings(ws().dir, settings) }),
    exportDatev: async ({ month }) => exportWorkspaceDatev(await loaded(), month, ctx.now()),
    getTeamSettings: () => ctx.team.view(ctx.teamSlot()),
    saveTeamSettings: (input) => ctx.team.save(ctx.teamSlot(), input),
    testTeamConnection: () => ctx.team.test(ctx.teamSlot()),
    removeTeamSettings: () => ctx.team.remove(ctx.teamSlot()),
    getTeamStatus: () => ctx.teamStatus(),
    syncTeamNow: () => ctx.syncTeamNow(),
    checkBankStatement: async ({ month, base64 }) => {
      const bytes = Buffer.from(base64, 'base64')
      const { checkBankStatement, BankImportError } = await ctx.loadBankCheck()
      try {
        return checkBankStatement({ month, bytes, payouts: ws().payouts.list() })
      } catch (e) {
        // The file's problem, said in the user's words by its code (the message names line or entry).
        if (e instanceof BankImportError) throw new AppError('invalid_argument', e.message, `bank_${e.code}`)
        throw e
      }
    }
  }
}
