/** Large seeded datasets (up to hundreds of thousands of rows). Timing is printed, not asserted. */
import { describe, expect, it } from 'vitest'
import { startSimulator } from '../../src/main/simulator'

describe('simulator scale', () => {
  it('generates 200k rows and serves a 1000-row page', async () => {
    const t0 = performance.now()
    const sim = await startSimulator({ rows: 200_000, now: () => new Date('2026-05-20T16:56:08Z'), rateLimitPerMinute: null })
    const generated = performance.now() - t0
    try {
      expect(sim.admin.state().rows).toBe(200_000)
      const post = async (params: Record<string, string>) => {
        const t = performance.now()
        const res = await fetch(sim.baseUrl + 'getPayInTransactions', { method: 'POST', headers: { token: sim.apiKey }, body: new URLSearchParams(params) })
        const json = (await res.json()) as { data: unknown[]; totalRecords: number }
        return { json, ms: performance.now() - t }
      }
      await post({ limit: '1' }) // warm up the HTTP client
      const page = await post({ limit: '1000', page: '57' })
      expect(page.json.data).toHaveLength(1000)
      expect(page.json.totalRecords).toBe(200_000)
      const since = await post({ limit: '1000', since: '30', page: '2' })
      const search = await post({ limit: '1000', search: 'berger' })
      const again = await post({ limit: '1000', page: '58' })
      console.log(
        `simulator: 200k rows generated in ${generated.toFixed(0)} ms; page ${page.ms.toFixed(1)} ms, ` +
          `since ${since.ms.toFixed(1)} ms, search ${search.ms.toFixed(1)} ms, page again ${again.ms.toFixed(1)} ms`
      )
    } finally {
      await sim.close()
    }
  }, 60_000)
})
