/**
 * The month-end review of an account in a team: this PC's review file with the team's ticks laid
 * over it. The team's latest tick per row wins (last writer, team-merge.ts); rows the team has no
 * tick for keep this PC's state (ticks from before the PC joined). Every click is kept in the local
 * file as before and shared as one tick event.
 */
import type { ReviewTickOrigin } from '@shared/team'
import type { ReviewStore } from '../settings/review-store'
import type { TeamSync } from './team-sync'

export interface TeamReviewStore extends ReviewStore {
  /** Who set each tick the team has seen (null when the account is not in a team). */
  ticks(month: string): ReviewTickOrigin[] | null
}

export function createTeamReviews(local: ReviewStore, team: () => TeamSync | null, machine: () => string): TeamReviewStore {
  function merged(month: string): string[] {
    const sync = team()
    const keys = local.reviewedKeys(month)
    if (sync === null) return keys
    const set = new Set(keys)
    for (const t of sync.reviewTicks(month)) {
      if (t.reviewed) set.add(t.key)
      else set.delete(t.key)
    }
    return [...set]
  }

  return {
    notices: local.notices,
    months: () => local.months(),
    reviewedKeys: merged,
    setReviewed(month, keys, reviewed) {
      local.setReviewed(month, keys, reviewed)
      if (keys.length > 0) team()?.shareReviewTick({ month, keys, reviewed })
      return merged(month)
    },
    ticks(month) {
      const sync = team()
      if (sync === null) return null
      const me = machine()
      return sync.reviewTicks(month).map((t) => ({ key: t.key, reviewed: t.reviewed, osUser: t.osUser, machine: t.machine, at: t.at, thisPc: t.machine === me }))
    }
  }
}
