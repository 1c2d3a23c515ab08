/**
 * Month-end review ticks ("this row was checked by the bookkeeper"), per environment, in
 * `<envDir>/reviews.json` as { "YYYY-MM": [row keys] }. One small file: even a busy shop has a few
 * thousand rows a month, and a tick must survive restarts.
 */
import { renameSync } from 'node:fs'
import { z } from 'zod'
import type { JsonFileStore, JsonFileStoreFactory } from '../storage/json-file-engine'

const reviewsSchema = z.record(z.string().regex(/^\d{4}-\d{2}$/), z.array(z.string()))

export interface ReviewStore {
  reviewedKeys(month: string): string[]
  setReviewed(month: string, keys: string[], reviewed: boolean): string[]
  readonly notices: string[]
}

export function openReviewStore(opts: { dir: string; engine: JsonFileStoreFactory; now?: () => Date }): ReviewStore {
  const now = opts.now ?? (() => new Date())
  const notices: string[] = []
  let file: JsonFileStore
  try {
    file = opts.engine({ cwd: opts.dir, name: 'reviews' })
  } catch {
    const aside = `${opts.dir}/reviews.corrupt-${now().getTime()}.json`
    renameSync(`${opts.dir}/reviews.json`, aside)
    notices.push(`Review ticks file was unreadable and was set aside as ${aside}.`)
    file = opts.engine({ cwd: opts.dir, name: 'reviews' })
  }
  const parsed = reviewsSchema.safeParse(file.store)
  const months = new Map<string, Set<string>>(
    parsed.success ? Object.entries(parsed.data).map(([m, keys]) => [m, new Set(keys)]) : []
  )
  if (!parsed.success && Object.keys(file.store).length > 0) {
    notices.push('Review ticks file had an unexpected shape; starting with no ticks.')
  }

  function persist(): void {
    file.store = Object.fromEntries([...months].map(([m, keys]) => [m, [...keys]]))
  }

  return {
    notices,
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
