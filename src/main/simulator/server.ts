/** The node:http server: dispatches /api/v2/* and /__control/*, nothing else. */
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SimulatorAdmin } from './admin-types'
import { handleApi } from './api-pipeline'
import { handleControl } from './control-routes'
import type { SimulatorCore } from './core'
import { urlHost } from './loopback'

export const API_PREFIX = '/api/v2/'
export const CONTROL_PREFIX = '/__control/'

export interface ListeningServer {
  port: number
  close(): Promise<void>
}

/**
 * The control side's credentials, or null for no /__control/ routes at all (they then 404 like any
 * unknown path). `hosts` is filled in once the port is known.
 */
export type ControlConfig = { token: string; hosts: Set<string> } | null

/** Pathname of a request target, or null when it is not one we can parse ("//x:abc"). */
export function targetPath(target: string | undefined): string | null {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname
  } catch {
    return null
  }
}

export async function listen(core: SimulatorCore, admin: SimulatorAdmin, host: string, port: number, control: ControlConfig): Promise<ListeningServer> {
  // Aborts pending latency/hang sleeps on close so tests never wait for them.
  const shutdown = new AbortController()
  const fail = (res: ServerResponse, status: number, err: unknown): void => {
    if (err !== undefined) core.logLine(`simulator: internal error: ${err instanceof Error ? err.message : String(err)}`)
    if (!res.headersSent && !res.destroyed) {
      const body = JSON.stringify({ error: status === 400 ? 'bad request' : 'internal simulator error' })
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
      res.end(body)
    } else if (!res.writableEnded) {
      res.destroy()
    }
  }
  // Nothing a client sends may throw out of this callback: node:http would turn it into an
  // uncaught exception and take the whole process (the app, in Demo) down.
  const server: Server = createServer((req, res) => {
    try {
      const path = targetPath(req.url)
      if (path === null) {
        core.logLine(`simulator: unparsable request target ${JSON.stringify((req.url ?? '').slice(0, 200))}`)
        return fail(res, 400, undefined)
      }
      const task = path.startsWith(API_PREFIX)
        ? handleApi(core, req, res, path.slice(API_PREFIX.length), shutdown.signal)
        : control && path.startsWith(CONTROL_PREFIX)
          ? handleControl(admin, control, req, res, path.slice(CONTROL_PREFIX.length))
          : Promise.resolve(notFound(res))
      task.catch((err: unknown) => fail(res, 500, err))
    } catch (err) {
      fail(res, 500, err)
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  // After listen() only: an 'error' before then must still reject the promise above.
  server.on('error', (err) => core.logLine(`simulator: server error: ${err.message}`))
  const boundPort = (server.address() as AddressInfo).port
  if (control) {
    control.hosts.add(`${urlHost(host)}:${boundPort}`.toLowerCase())
    control.hosts.add(`localhost:${boundPort}`)
  }
  return {
    port: boundPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        shutdown.abort()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
  }
}

function notFound(res: ServerResponse): void {
  const body = JSON.stringify({ ResponseCode: 0, ResponseMsg: 'Not found', Result: 'False' })
  res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}
