/**
 * Starts the open account's team sharing (services/team/team-sync.ts) from its stored settings:
 * the connection string from the keychain, the team name from `team.json`. Never blocks the app on
 * the network: the store connects on its first cycle, and a database that is away only makes the
 * status say "unreachable" while everything waits in the outbox.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TeamStatus } from '@shared/team'
import { writeFileAtomic } from '../services/storage/shard-files'
import type { OpenTeamStoreOptions, TeamStore } from '../services/team/team-store'
import type { TeamSync } from '../services/team/team-sync'
import type { RefundClaims } from '../services/refunds/refund-service-types'
import { TeamRefusalError } from '../services/team/team-errors'
import { TEAM_FILE, type TeamSettings, type TeamSlot } from './team-settings'
import type { ModuleLoaders } from './module-loaders'
import type { Workspace } from './workspace'

export interface TeamSessionDeps {
  settings: TeamSettings
  machine: string
  osUser: string
  now: () => Date
  /** Pull interval (the window); null = one cycle at start and a flush at close (the CLI). */
  pollMs: number | null
  onStatus: (status: TeamStatus) => void
  onReviewTicks: () => void
  /** The PostgreSQL driver and the sharing machinery: loaded only for an account in a team. */
  loaders: Pick<ModuleLoaders, 'teamStore' | 'teamSync'>
  openStore?: (opts: OpenTeamStoreOptions) => TeamStore
  /** 'memory' for a process that must not own the outbox file (the CLI; team-sync.ts). */
  outbox: 'file' | 'memory'
}

/** Marks that this PC's ticks from before it joined were shared with this team (once per team). */
const SEEDED_FILE = 'reviews-shared.json'

export async function startTeamSession(deps: TeamSessionDeps, slot: TeamSlot, ws: Workspace): Promise<TeamSync | null> {
  const stored = await deps.settings.stored(slot)
  if (stored === null) return null
  const [{ openTeamStore }, { openTeamSync }] = await Promise.all([deps.loaders.teamStore(), deps.loaders.teamSync()])
  const store = (deps.openStore ?? openTeamStore)({
    connection: stored.connection,
    team: stored.teamName,
    machine: deps.machine,
    // A claim waits for the database while the user waits: a few seconds, then the choice.
    connectTimeoutMs: 5_000,
    statementTimeoutMs: 15_000
  })
  const dir = join(ws.dir, 'team')
  const sync = openTeamSync({
    dir,
    teamName: stored.teamName,
    account: ws.env,
    env: ws.env,
    machine: deps.machine,
    osUser: deps.osUser,
    store,
    ledger: ws.ledger,
    now: deps.now,
    pollMs: deps.pollMs,
    onStatus: deps.onStatus,
    onReviewTicks: deps.onReviewTicks,
    outbox: deps.outbox
  })
  try {
    if (deps.outbox === 'file') shareTicksFromBeforeJoining(sync, ws, dir, stored.teamName)
  } catch (error) {
    await sync.close()
    throw error
  }
  return sync
}

/**
 * The claims a refund must take on this account: the running team sync's; none when the account
 * is not in a team; and when it is in a team but sharing does not run (it could not start, or is
 * restarting after a settings change), claims that refuse like an unreachable database — a refund
 * never leaves a team PC unclaimed without the user's explicit "send on this PC alone".
 */
export function claimsFor(sync: TeamSync | null, accountDir: string, whyNotRunning: string | null): RefundClaims | null {
  if (sync !== null) return sync.claims
  if (!existsSync(join(accountDir, TEAM_FILE))) return null
  const detail = whyNotRunning ?? 'team sharing is not running on this PC yet'
  return {
    async acquire({ payId, withoutTeam }) {
      if (withoutTeam) return { abandon: async () => undefined, settled: () => undefined }
      throw new TeamRefusalError('team_unreachable', `Payment ${payId} cannot be claimed for the team (${detail}). Nothing was sent.`, { detail })
    }
  }
}

/**
 * The review a PC did before it joined belongs to the team's review too: shared once per team, as
 * ticks made now (a teammate's later change wins over them, as over any tick).
 */
function shareTicksFromBeforeJoining(sync: TeamSync, ws: Workspace, dir: string, teamName: string): void {
  const marker = join(dir, SEEDED_FILE)
  if (existsSync(marker)) {
    try {
      if ((JSON.parse(readFileSync(marker, 'utf8')) as { team?: unknown }).team === teamName) return
    } catch {
      // A damaged marker: share again (ticks are idempotent in effect).
    }
  }
  for (const month of ws.reviews.months()) {
    const keys = ws.reviews.reviewedKeys(month)
    for (let i = 0; i < keys.length; i += 5_000) sync.shareReviewTick({ month, keys: keys.slice(i, i + 5_000), reviewed: true })
  }
  writeFileAtomic(marker, JSON.stringify({ team: teamName }) + '\n')
}

/** The status when no sharing runs for the open account. */
export function idleTeamStatus(configured: { teamName: string | null } | null, machine: string, lastError: string | null): TeamStatus {
  if (configured === null) return { configured: false, teamName: null, link: 'off', lastContactAt: null, pending: 0, lastError: null, machine }
  return { configured: true, teamName: configured.teamName, link: 'unreachable', lastContactAt: null, pending: 0, lastError, machine }
}
