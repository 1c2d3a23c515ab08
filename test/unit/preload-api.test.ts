/**
 * The object the preload exposes as window.secpaid
 * (docs/architecture.md#the-renderer-is-untrusted): named methods from the contract plus `on`,
 * nothing generic (no invoke/send/ipcRenderer), frozen, and events limited to the contract's names.
 * Electron's contextBridge itself cannot run here; createSecpaidApi is the code both the real
 * preload and the Chromium test backend use.
 */
import { describe, expect, it } from 'vitest'
import { createSecpaidApi } from '../../src/preload/create-api'
import { IPC_EVENTS, IPC_METHODS } from '../../src/shared/ipc-channels'

function fakeTransport() {
  const calls: { channel: string; arg: unknown }[] = []
  const subscriptions: string[] = []
  return {
    calls,
    subscriptions,
    transport: {
      invoke: async (channel: string, arg: unknown) => {
        calls.push({ channel, arg })
        return { ok: true, value: null }
      },
      subscribe: (channel: string) => {
        subscriptions.push(channel)
        return () => undefined
      }
    }
  }
}

describe('window.secpaid (createSecpaidApi)', () => {
  it('exposes exactly the contract methods and `on` — no generic IPC, no key getter', () => {
    const api = createSecpaidApi(fakeTransport().transport)
    expect(Object.keys(api).sort()).toEqual([...Object.keys(IPC_METHODS), 'on'].sort())
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'getApiKey', 'getKey', 'sendSync']) {
      expect(api).not.toHaveProperty(forbidden)
    }
    expect(Object.isFrozen(api)).toBe(true)
  })

  it('sends each method on its own contract channel', async () => {
    const { transport, calls } = fakeTransport()
    const api = createSecpaidApi(transport)
    await api.runSync({ full: true })
    await api.getRefundEligibility({ payId: '42' })
    expect(calls).toEqual([
      { channel: IPC_METHODS.runSync, arg: { full: true } },
      { channel: IPC_METHODS.getRefundEligibility, arg: { payId: '42' } }
    ])
  })

  it('subscribes only to contract events', () => {
    const { transport, subscriptions } = fakeTransport()
    const api = createSecpaidApi(transport)
    api.on('syncProgress', () => undefined)
    expect(subscriptions).toEqual([IPC_EVENTS.syncProgress])
    expect(() => api.on('anything-else' as 'syncProgress', () => undefined)).toThrow()
  })

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses %s: event names are looked up among own properties only',
    (name) => {
      const { transport, subscriptions } = fakeTransport()
      const api = createSecpaidApi(transport)
      expect(() => api.on(name as 'syncProgress', () => undefined)).toThrow(/Unknown event/)
      expect(subscriptions).toEqual([])
    }
  )
})
