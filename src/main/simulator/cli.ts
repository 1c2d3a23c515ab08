/**
 * `npm run simulator -- --port 4010 --seed 42 --rows 5000 [--latency 200] [--error-rate 0.1]
 * [--no-rate-limit] [--api-key KEY] [--merchants N] [--payout-refunds netted|debited] [--payout-lag-days 1]`: serves
 * until SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util'
import { startSimulator } from './index'

function num(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative number`)
  return n
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '42' },
      rows: { type: 'string', default: '5000' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      'no-rate-limit': { type: 'boolean', default: false },
      'api-key': { type: 'string' },
      /** Extra merchants on the same server (seeds seed+1 …), for trying several accounts. */
      merchants: { type: 'string', default: '0' },
      'payout-refunds': { type: 'string', default: 'netted' },
      'payout-lag-days': { type: 'string', default: '1' },
      quiet: { type: 'boolean', default: false }
    },
    strict: true
  })
  const payoutRefunds = values['payout-refunds']
  if (payoutRefunds !== 'netted' && payoutRefunds !== 'debited') throw new Error('--payout-refunds must be netted or debited')
  const started = Date.now()
  const seed = num(values.seed, 'seed', 42)
  const extra = Math.min(20, Math.floor(num(values.merchants, 'merchants', 0)))
  const sim = await startSimulator({
    merchants: Array.from({ length: extra }, (_, i) => ({ seed: seed + i + 1 })),
    port: num(values.port, 'port', 4010),
    host: values.host,
    seed,
    rows: Math.floor(num(values.rows, 'rows', 5000)),
    ...(values['api-key'] !== undefined && { apiKey: values['api-key'] }),
    rateLimitPerMinute: values['no-rate-limit'] ? null : 60,
    payouts: { refunds: payoutRefunds, creationLagDays: Math.floor(num(values['payout-lag-days'], 'payout-lag-days', 1)) },
    log: values.quiet ? () => undefined : (line) => console.error(line)
  })
  const faults = {
    ...(values.latency !== undefined && { latencyMs: Math.floor(num(values.latency, 'latency', 0)) }),
    ...(values['error-rate'] !== undefined && { errorRate: Math.min(1, num(values['error-rate'], 'error-rate', 0)) })
  }
  if (Object.keys(faults).length > 0) sim.admin.setFaults(faults)
  // stdout carries only the values scripts need; logs go to stderr.
  console.log(`SecPaid simulator ready (${sim.admin.state().rows} rows, ${Date.now() - started} ms)`)
  console.log(`Base URL:    ${sim.baseUrl}`)
  console.log(`Control URL: ${sim.controlUrl}`)
  // New each run: control requests need it in the x-simulator-control-token header.
  console.log(`Control token: ${sim.controlToken}`)
  console.log(`API key:     ${sim.apiKey}`)
  sim.merchants.forEach((m, i) => console.log(`API key ${i + 2}:   ${m.apiKey}`))
  const stop = (signal: string): void => {
    console.error(`${signal}: shutting down`)
    sim.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err))
  process.exit(1)
})
