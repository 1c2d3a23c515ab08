/**
 * `npx tsx bench/team.ts [--runs=N] [--pcs=N] [--events=N]` — team mode on a real PostgreSQL
 * (a throw-away cluster, test/support/postgres-server.ts; needs Debian's `postgresql` package).
 *
 * 10 PCs × 1,000 ledger events each: every PC queues its events in its own outbox and all PCs
 * flush at once (push), then every PC pulls the team's 10,000 events from the start (pull) and
 * merges them (canonical order + the ledger fold). The push is also timed without the outbox
 * (store.push straight away, into a second team) to show what the outbox's file work costs. Reported: medians of wall time and the number
 * of database round trips, next to a floor measured in the same run, alternating with it:
 *  - push floor: the same rows, same batch size, same concurrency, as plain multi-row INSERTs into
 *    a table with the same columns but no constraint but its seq key (no lock, no conflict check,
 *    no validation, no outbox file);
 *  - pull floor: plain `SELECT … ORDER BY seq LIMIT` pages of that table, same columns, rows used
 *    as the driver returns them.
 * Each run uses a fresh team, so every push inserts. Prints a table and the JSON; writes nothing.
 */
import fs from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { foldLedger } from '../src/main/services/refunds/ledger-model'
import { makeLedgerEvent } from '../src/main/services/refunds/ledger-events'
import { teamEventFromLedger, type TeamEvent } from '../src/main/services/team/team-events'
import { canonicalLedgerOrder } from '../src/main/services/team/team-merge'
import { openTeamOutbox } from '../src/main/services/team/team-outbox'
import { openTeamStore, PULL_PAGE, PUSH_BATCH, type TeamStore } from '../src/main/services/team/team-store'
import { startPostgresServer } from '../test/support/postgres-server'

const option = (name: string, fallback: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback)
const RUNS = option('runs', 5)
const PCS = option('pcs', 10)
const EVENTS = option('events', 1000)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2
}

/** PC `pc`'s events: requests, each submitted later (a realistic mix of two event types). */
function eventsOf(pc: number): TeamEvent[] {
  const machine = `pc-${pc}`
  const base = Date.UTC(2026, 10, 2, 9, 0, 0) + pc * 7
  const out: TeamEvent[] = []
  for (let i = 0; out.length < EVENTS; i++) {
    const requestId = `${machine}-req-${i}`
    const requested = makeLedgerEvent('requested', requestId, new Date(base + i * 100), {
      env: 'demo',
      payId: String(1_000_000 + pc * 100_000 + i),
      amount: 1999 + i,
      isFullRefund: false,
      reason: 'requested_by_customer',
      note: `damaged in transit, order ${i}`,
      recipientNote: `Order ${i}`,
      osUser: 'anna'
    })
    out.push(teamEventFromLedger(requested, { account: 'acct-1', machine }, out.length))
    if (out.length < EVENTS) {
      const submitted = makeLedgerEvent('submitted', requestId, new Date(base + i * 100 + 50), { serverMessage: 'Refund request received', osUser: 'anna' })
      out.push(teamEventFromLedger(submitted, { account: 'acct-1', machine }, out.length))
    }
  }
  return out
}

async function main(): Promise<void> {
  const server = await startPostgresServer()
  const work = fs.mkdtempSync(path.join(tmpdir(), 'secpaid-team-bench-'))
  try {
    const url = await server.createDatabase()
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(
      `CREATE TABLE floor_events (seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, team text, event_id uuid, account text, stream text,
         request_id text, type text, at timestamptz, data jsonb, os_user text, machine text, ordinal bigint)`
    )
    const setup = openTeamStore({ connection: url, team: 'setup', machine: 'bench' })
    await setup.migrate()
    await setup.close()

    const perPc = Array.from({ length: PCS }, (_, i) => eventsOf(i))
    const total = PCS * EVENTS
    const stores: TeamStore[] = Array.from({ length: PCS }, (_, i) => openTeamStore({ connection: url, team: 'warm', machine: `pc-${i}`, maxConnections: 1 }))
    const floorClients = await Promise.all(
      Array.from({ length: PCS }, async () => {
        const c = new pg.Client({ connectionString: url })
        await c.connect()
        return c
      })
    )

    const push: number[] = []
    const direct: number[] = []
    const pushFloor: number[] = []
    const pull: number[] = []
    const pullFloor: number[] = []
    const merge: number[] = []
    let pushTrips = 0
    let pullTrips = 0
    let floorPushTrips = 0
    let floorPullTrips = 0

    for (let run = -1; run < RUNS; run++) {
      // run −1 warms up connections, plans and caches; it is not counted.
      const team = `run-${run + 1}`
      const runStores = stores.map((_, i) => openTeamStore({ connection: url, team, machine: `pc-${i}`, maxConnections: 1 }))

      // Push: each PC's outbox (fsync'd JSONL) → store.
      let trips = 0
      const outboxes = runStores.map((s, i) => {
        const dir = path.join(work, `${team}-pc-${i}`)
        const outbox = openTeamOutbox({
          dir,
          batchSize: PUSH_BATCH,
          pusher: {
            async push(events) {
              const r = await s.push(events)
              trips += r.roundTrips
            }
          }
        })
        outbox.enqueue(perPc[i] as TeamEvent[])
        return outbox
      })
      let t = performance.now()
      const flushed = await Promise.all(outboxes.map((o) => o.flush()))
      const pushMs = performance.now() - t
      if (flushed.some((f) => f.error !== null || f.remaining > 0)) throw new Error(`push failed: ${JSON.stringify(flushed)}`)

      // The same push without the outbox (store.push straight away), to split the cost.
      const directStores = stores.map((_, i) => openTeamStore({ connection: url, team: `${team}-direct`, machine: `pc-${i}`, maxConnections: 1 }))
      t = performance.now()
      await Promise.all(directStores.map((s, i) => s.push(perPc[i] as TeamEvent[])))
      const directMs = performance.now() - t
      for (const s of directStores) await s.close()

      // Push floor: the same rows as plain multi-row INSERTs.
      let ftrips = 0
      t = performance.now()
      await Promise.all(
        floorClients.map(async (c, i) => {
          const evs = perPc[i] as TeamEvent[]
          for (let k = 0; k < evs.length; k += PUSH_BATCH) {
            const batch = evs.slice(k, k + PUSH_BATCH)
            await c.query(
              `INSERT INTO floor_events (team, event_id, account, stream, request_id, type, at, data, os_user, machine, ordinal)
               SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::jsonb[], $9::text[], $10::text[], $11::bigint[])`,
              [
                team,
                batch.map((e) => e.eventId),
                batch.map((e) => e.account),
                batch.map((e) => e.stream),
                batch.map((e) => e.requestId),
                batch.map((e) => e.type),
                batch.map((e) => e.at),
                batch.map((e) => JSON.stringify(e.data)),
                batch.map((e) => e.osUser),
                batch.map((e) => e.machine),
                batch.map((e) => e.ordinal)
              ]
            )
            ftrips++
          }
        })
      )
      const pushFloorMs = performance.now() - t

      // Pull: every PC reads the team's events from the start, page by page.
      let ptrips = 0
      t = performance.now()
      const pulled = await Promise.all(
        runStores.map(async (s) => {
          const all: TeamEvent[] = []
          let cursor = '0'
          for (;;) {
            const { events, next } = await s.pull(cursor, PULL_PAGE)
            ptrips++
            all.push(...events)
            if (next === cursor) return all
            cursor = next
          }
        })
      )
      const pullMs = performance.now() - t
      if (pulled.some((p) => p.length !== total)) throw new Error(`pull returned ${pulled.map((p) => p.length).join(',')}, expected ${total}`)

      // Pull floor: plain pages of the bare table.
      let fptrips = 0
      t = performance.now()
      await Promise.all(
        floorClients.map(async (c) => {
          let cursor = 0
          for (;;) {
            const { rows } = await c.query<{ seq: string }>('SELECT seq, event_id, account, stream, request_id, type, at, data, os_user, machine, ordinal FROM floor_events WHERE team = $1 AND seq > $2 ORDER BY seq LIMIT $3', [team, cursor, PULL_PAGE])
            fptrips++
            if (rows.length === 0) return
            cursor = Number(rows.at(-1)?.seq)
          }
        })
      )
      const pullFloorMs = performance.now() - t

      // Merge on one PC: canonical order + the ledger fold of all 10,000 events.
      t = performance.now()
      const requests = foldLedger(canonicalLedgerOrder(pulled[0] as TeamEvent[]))
      const mergeMs = performance.now() - t
      if (requests.length !== Math.ceil(total / 2)) throw new Error(`fold gave ${requests.length} requests`)

      for (const s of runStores) await s.close()
      if (run < 0) continue
      push.push(pushMs)
      direct.push(directMs)
      pushFloor.push(pushFloorMs)
      pull.push(pullMs)
      pullFloor.push(pullFloorMs)
      merge.push(mergeMs)
      pushTrips = trips
      pullTrips = ptrips
      floorPushTrips = ftrips
      floorPullTrips = fptrips
      console.log(`run ${run + 1}: push ${pushMs.toFixed(0)} ms (without outbox ${directMs.toFixed(0)}, floor ${pushFloorMs.toFixed(0)}), pull ${pullMs.toFixed(0)} ms (floor ${pullFloorMs.toFixed(0)}), merge+fold ${mergeMs.toFixed(0)} ms`)
    }
    for (const s of stores) await s.close()
    for (const c of floorClients) await c.end()
    await admin.end()

    const rows = [
      { metric: `push ${PCS} PCs × ${EVENTS} events (outbox → database, all PCs at once)`, ms: median(push), floorMs: median(pushFloor), roundTrips: pushTrips, floorRoundTrips: floorPushTrips },
      { metric: `  the same push without the outbox (store.push)`, ms: median(direct), floorMs: median(pushFloor), roundTrips: pushTrips, floorRoundTrips: floorPushTrips },
      { metric: `pull ${total} events by each of ${PCS} PCs (all at once)`, ms: median(pull), floorMs: median(pullFloor), roundTrips: pullTrips, floorRoundTrips: floorPullTrips },
      { metric: `merge + fold ${total} events on one PC`, ms: median(merge), floorMs: null, roundTrips: 0, floorRoundTrips: null }
    ]
    console.log('')
    for (const r of rows) {
      const ratio = r.floorMs ? ` = ${(r.ms / r.floorMs).toFixed(2)}×` : ''
      console.log(`${r.metric}: ${r.ms.toFixed(0)} ms${r.floorMs ? ` (floor ${r.floorMs.toFixed(0)} ms)${ratio}` : ''}, ${r.roundTrips} round trips${r.floorRoundTrips !== null ? ` (floor ${r.floorRoundTrips})` : ''}`)
    }
    console.log(JSON.stringify({ runs: RUNS, pcs: PCS, eventsPerPc: EVENTS, loadAvg: loadavg().map((l) => Number(l.toFixed(2))), rows, push, direct, pushFloor, pull, pullFloor, merge }))
  } finally {
    server.destroy()
    fs.rmSync(work, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
