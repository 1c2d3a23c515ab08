/**
 * Month-end review ticks ("this row was checked by the bookkeeper"), per environment, in
 * `<envDir>/reviews.json` as { "YYYY-MM": [row keys] }. One small file: even a busy shop has a few
 * thousand rows a month, and a tick must survive restarts.
 */
import type { AppNotice } from '@shared/notices'
import { z } from 'zod'
import type { JsonFileStoreFactory } from '../storage/json-file-engine'
import { openOrSetAside } from './open-or-set-aside'

const reviewsSchema = z.record(z.string().regex(/^\d{4}-\d{2}$/), z.array(z.string()))

export interface ReviewStore {
  /** Months with at least one tick. */
  months(): string[]
  reviewedKeys(month: string): string[]
  setReviewed(month: string, keys: string[], reviewed: boolean): string[]
  readonly notices: AppNotice[]
}

export function openReviewStore(opts: { dir: string; engine: JsonFileStoreFactory; now?: () => Date }): ReviewStore {
  const now = opts.now ?? (() => new Date())
  const { file, notices } = openOrSetAside({ dir: opts.dir, name: 'reviews', engine: opts.engine, now })
  const parsed = reviewsSchema.safeParse(file.store)
  const months = new Map<string, Set<string>>(
    parsed.success ? Object.entries(parsed.data).map(([m, keys]) => [m, new Set(keys)]) : []
  )
  if (!parsed.success && Object.keys(file.store).length > 0) {
    notices.push({ code: 'reviews_reset', params: {} })
  }

  function persist(): void {
    file.store = Object.fromEntries([...months].map(([m, keys]) => [m, [...keys]]))
  }

  return {
    notices,
    months: () => [...months].filter(([, keys]) => keys.size > 0).map(([m]) => m),
    reviewedKeys: (month) => [...(months.get(month) ?? [])],
    setReviewed(month, keys, reviewed) {
      const set = months.get(month) ?? new Set<string>()
      for (const key of keys) {
        if (reviewed) set.add(key)
        else set.delete(key)
      }
      months.set(month, set)
      persist()
      return [...set]
    }
  }
}
