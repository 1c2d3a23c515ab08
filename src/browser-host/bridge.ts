/**
 * The Chromium host's stand-in for ipcMain.handle / ipcRenderer.invoke and webContents.send: a
 * Playwright binding (`__secpaidInvoke`) plus the preload shim (browser-preload.ts) as an init
 * script. Every request, answer and event crosses as one JSON string (wire-json.ts says why).
 *
 * One function for every page that wants the app's bridge — the host app, and the benchmark's
 * floor pages (bench/harness/), so a floor measured "through the same bridge" really is.
 */
import { join } from 'node:path'
import { build } from 'esbuild'
import type { Frame, Page } from 'playwright-core'
import { decodeWire, encodeWire } from './wire-json'

/** Answers one request: the channel, the decoded argument, and the frame that sent it. */
export type BridgeHandler = (channel: string, arg: unknown, frame: Frame) => Promise<unknown> | unknown

export interface Bridge {
  /** Pushes a main → renderer event into the page (best-effort, like webContents.send). */
  emit(channel: string, payload: unknown): void
}

let preloadBundle: Promise<string> | null = null
/**
 * The shim, bundled once per process. Exported so a host can start it while Chromium starts
 * (esbuild and the browser's launch then overlap instead of queueing).
 */
export function bundleBrowserPreload(): Promise<string> {
  preloadBundle ??= build({
    entryPoints: [join(__dirname, 'browser-preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    // The preload imports the contract from src/shared as @shared/… (see electron.vite.config.ts).
    alias: { '@shared': join(__dirname, '..', 'shared') }
  }).then((result) => {
    const file = result.outputFiles[0]
    if (!file) throw new Error('esbuild produced no preload bundle')
    return file.text
  })
  return preloadBundle
}

/**
 * An argument that is not the shim's string (a script calling the binding itself) is answered
 * like a malformed argument, without reaching the handler.
 */
const NOT_A_MESSAGE = {
  ok: false,
  error: { kind: 'invalid_argument', message: 'The argument did not arrive as a bridge message.' }
} as const

/** Installs the bridge on `page`; call before the page's first navigation. */
export async function installBridge(page: Page, handle: BridgeHandler): Promise<Bridge> {
  await page.exposeBinding('__secpaidInvoke', async (source, channel: unknown, text: unknown) => {
    let arg: unknown
    try {
      if (typeof text !== 'string') return encodeWire(NOT_A_MESSAGE)
      arg = decodeWire(text)
    } catch {
      return encodeWire(NOT_A_MESSAGE)
    }
    // Encoded here, in Node: Playwright then carries one string instead of every value of the answer.
    return encodeWire(await handle(String(channel), arg, source.frame))
  })
  await page.addInitScript({ content: await bundleBrowserPreload() })
  return {
    emit(channel, payload) {
      let text: string
      try {
        text = encodeWire(payload)
      } catch (error) {
        // A payload the wire refuses is a bug in main, not a reason to crash the emitter.
        console.error(`[secpaid-desk] event ${channel} not sent: ${error instanceof Error ? error.message : String(error)}`)
        return
      }
      void page
        .evaluate(([ch, text]) => {
          const w = globalThis as unknown as { __secpaidEmit?: (c: string, x: string) => void }
          w.__secpaidEmit?.(ch, text)
        }, [channel, text] as const)
        .catch(() => undefined) // page closed or navigating: events are best-effort, state is re-queried
    }
  }
}
