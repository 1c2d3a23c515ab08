/** The node:http server: dispatches /api/v2/* and /__control/*, nothing else. */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { SimulatorAdmin } from './admin-types'
import { handleApi } from './api-pipeline'
import { handleControl } from './control-routes'
import type { SimulatorCore } from './core'

export const API_PREFIX = '/api/v2/'
export const CONTROL_PREFIX = '/__control/'

export interface ListeningServer {
  port: number
  close(): Promise<void>
}

export async function listen(core: SimulatorCore, admin: SimulatorAdmin, host: string, port: number): Promise<ListeningServer> {
  // Aborts pending latency/hang sleeps on close so tests never wait for them.
  const shutdown = new AbortController()
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    const task = path.startsWith(API_PREFIX)
      ? handleApi(core, req, res, path.slice(API_PREFIX.length), shutdown.signal)
      : path.startsWith(CONTROL_PREFIX)
        ? handleControl(admin, req, res, path.slice(CONTROL_PREFIX.length))
        : Promise.resolve(notFound(res))
    task.catch((err: unknown) => {
      core.logLine(`simulator: internal error: ${err instanceof Error ? err.message : String(err)}`)
      if (!res.headersSent && !res.destroyed) {
        res.writeHead(500, { 'Content-Type': 'application/json' })
        res.end(JSON.stringify({ error: 'internal simulator error' }))
      }
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        shutdown.abort()
        server.close((err) => (err ? reject(err) : resolve()))
        server.closeAllConnections()
      })
  }
}

function notFound(res: import('node:http').ServerResponse): void {
  const body = JSON.stringify({ ResponseCode: 0, ResponseMsg: 'Not found', Result: 'False' })
  res.writeHead(404, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) })
  res.end(body)
}
