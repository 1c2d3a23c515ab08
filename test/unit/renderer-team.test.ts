/**
 * The renderer's team-mode plumbing, without a window: a refusal's params survive the bridge into
 * IpcCallError (the refund dialog's "who holds this payment" sentence needs them), the teamStatus
 * event lands in the query cache and re-reads the review when a new contact may have pulled
 * teammates' ticks, and a person is named "anna on BUERO-PC" or "this PC" (a PC's id is not read out).
 */
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { IpcError, ReviewState } from '../../src/shared/ipc-channels'
import type { RequestOrigin, TeamStatus } from '../../src/shared/team'

// The renderer's files belong to the web project (tsconfig.web.json), which this test project does
// not compile: they are loaded at run time, with the shapes this test relies on stated here. So is
// TanStack Query: its React types would replace the DOM types the e2e specs of this project use.
interface QueryClient {
  setQueryData(key: readonly unknown[], data: unknown): void
  getQueryData(key: readonly unknown[]): unknown
  getQueryState(key: readonly unknown[]): { isInvalidated: boolean } | undefined
}
const RENDERER = resolve(__dirname, '../../src/renderer/src')
const TANSTACK = '@tanstack/react-query'
const { QueryClient } = (await import(TANSTACK)) as { QueryClient: new (options: object) => QueryClient }
const { IpcCallError } = (await import(`${RENDERER}/api/call.ts`)) as {
  IpcCallError: new (error: IpcError) => Error & { code: string | undefined; params: Readonly<Record<string, string>> | undefined }
}
const { queryKeys } = (await import(`${RENDERER}/api/query-keys.ts`)) as { queryKeys: { teamStatus: readonly unknown[] } }
const { teamStatusChanged } = (await import(`${RENDERER}/api/use-live-updates.ts`)) as { teamStatusChanged: (client: QueryClient, status: TeamStatus) => void }
const { originName, machineName, machineId } = (await import(`${RENDERER}/components/team-origin.ts`)) as {
  originName: (origin: RequestOrigin, t: (key: string, opts?: Record<string, string>) => string) => string
  machineName: (machine: string) => string
  machineId: (machine: string) => string | null
}

const ONLINE: TeamStatus = {
  configured: true,
  teamName: 'Café Müller',
  link: 'online',
  lastContactAt: '2026-11-30T09:00:00.000Z',
  pending: 0,
  lastError: null,
  machine: 'KASSE-PC'
}

function clientWithReview(): { client: QueryClient; review: readonly unknown[] } {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  const review = ['reviewState', '2026-11'] as const
  const state: ReviewState = { month: '2026-11', reviewedKeys: ['a'] }
  client.setQueryData(review, state)
  return { client, review }
}

describe('IpcCallError', () => {
  it('keeps the params of a team refusal next to its code', () => {
    const error = new IpcCallError({
      kind: 'precondition',
      code: 'team_claim_held',
      message: 'held',
      params: { osUser: 'anna', machine: 'BUERO-PC', since: '2026-11-30T09:01:00.000Z', requestId: 'r1' }
    })
    expect(error.code).toBe('team_claim_held')
    expect(error.params).toEqual({ osUser: 'anna', machine: 'BUERO-PC', since: '2026-11-30T09:01:00.000Z', requestId: 'r1' })
  })
})

describe('teamStatusChanged', () => {
  it('puts the status into the cache the indicator and Settings → Team read', () => {
    const { client } = clientWithReview()
    teamStatusChanged(client, ONLINE)
    expect(client.getQueryData(queryKeys.teamStatus)).toEqual(ONLINE)
  })

  it('re-reads the review after a new contact, not when only the count of waiting events changed', () => {
    const { client, review } = clientWithReview()
    teamStatusChanged(client, ONLINE)
    expect(client.getQueryState(review)?.isInvalidated).toBe(true)

    const second = clientWithReview()
    second.client.setQueryData(queryKeys.teamStatus, ONLINE)
    teamStatusChanged(second.client, { ...ONLINE, pending: 3 })
    expect(second.client.getQueryState(second.review)?.isInvalidated).toBe(false)
    teamStatusChanged(second.client, { ...ONLINE, pending: 3, link: 'unreachable', lastError: 'connect ECONNREFUSED' })
    expect(second.client.getQueryState(second.review)?.isInvalidated).toBe(false)
  })
})

describe('originName', () => {
  const t = (key: string, opts?: Record<string, string>): string => (key === 'origin.thisPc' ? 'this PC' : `${opts?.['user']} on ${opts?.['machine']}`)
  it('names a teammate by OS user and PC, and this PC as such', () => {
    expect(originName({ osUser: 'anna', machine: 'BUERO-PC', thisPc: false }, t)).toBe('anna on BUERO-PC')
    expect(originName({ osUser: 'me', machine: 'KASSE-PC', thisPc: true }, t)).toBe('this PC')
  })

  it('names a PC by its host name when its identity carries an id, and keeps any other name whole', () => {
    expect(originName({ osUser: 'anna', machine: 'BUERO-PC#0a1b2c3d', thisPc: false }, t)).toBe('anna on BUERO-PC')
    expect(machineId('BUERO-PC#0a1b2c3d')).toBe('0a1b2c3d')
    expect(machineName('LAGER#2')).toBe('LAGER#2')
    expect(machineId('LAGER#2')).toBeNull()
  })
})
