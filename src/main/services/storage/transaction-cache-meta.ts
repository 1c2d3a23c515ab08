/**
 * meta.json of a transaction cache: sync bookkeeping plus per-month shard facts.
 *
 * Shards are the source of truth for rows; the per-shard row counts here are a cheap summary
 * (e.g. for "13 months, 201 344 rows" without parsing shards) and are recomputed on load. The
 * `needsResync` flag is a fact only meta holds: it tells the sync layer which months
 * lost data (shard set aside) and must be refetched. So is `oneMonthPerKey` (below).
 */
import { z } from 'zod'

export const META_SCHEMA = 'secpaid-desk/tx-cache-meta'
export const META_SCHEMA_VERSION = 1

const shardInfoSchema = z.object({
  rows: z.number().int().nonnegative(),
  needsResync: z.boolean()
})

const metaSchema = z.object({
  schema: z.literal(META_SCHEMA),
  schemaVersion: z.literal(META_SCHEMA_VERSION),
  lastSuccessfulSyncAt: z.iso.datetime({ offset: true }).nullable(),
  lastError: z.object({ message: z.string(), at: z.iso.datetime({ offset: true }) }).nullable(),
  historyWindowMonths: z.number().int().positive().nullable(),
  /** First Berlin month ("YYYY-MM") the cache covers, as requested by the sync layer. */
  syncedFrom: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).nullable(),
  shards: z.record(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), shardInfoSchema),
  /**
   * True when the cache vouches that no key is held by two months' files, so a cold open need
   * not check every key against every other month. Only a write that moves a row to another
   * month can break that, and only when it is interrupted: such a write clears this flag on disk
   * before it touches a month, and no other process's stale meta sets it again (transaction-cache
   * `writeMetaNow`). Absent (a cache written before the flag, a meta rebuilt from the
   * months): not vouched, the next open checks every key and records it when none repeats.
   */
  oneMonthPerKey: z.boolean().optional()
})

export type ShardInfo = z.infer<typeof shardInfoSchema>
export type CacheMeta = z.infer<typeof metaSchema>

/** Fields the sync layer may set through `updateMeta`; `shards` is owned by the cache. */
export type CacheMetaPatch = Partial<
  Pick<CacheMeta, 'lastSuccessfulSyncAt' | 'lastError' | 'historyWindowMonths' | 'syncedFrom'>
>

const patchSchema = metaSchema
  .pick({ lastSuccessfulSyncAt: true, lastError: true, historyWindowMonths: true, syncedFrom: true })
  .partial()
  .strict()

export function emptyMeta(): CacheMeta {
  return {
    schema: META_SCHEMA,
    schemaVersion: META_SCHEMA_VERSION,
    lastSuccessfulSyncAt: null,
    lastError: null,
    historyWindowMonths: null,
    syncedFrom: null,
    shards: {}
  }
}

export function parseMeta(doc: unknown): { ok: true; meta: CacheMeta } | { ok: false; detail: string } {
  const r = metaSchema.safeParse(doc)
  return r.success ? { ok: true, meta: r.data } : { ok: false, detail: r.error.message }
}

/** Rejects malformed patches up front: a bad value must not reach disk and poison meta.json. */
export function parseMetaPatch(patch: CacheMetaPatch): CacheMetaPatch {
  return patchSchema.parse(patch)
}
