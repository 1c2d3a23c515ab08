/**
 * Team mode end to end: two PCs of one shop share one refund ledger and one month-end review
 * through a real PostgreSQL server (a throw-away cluster), each syncing its own rows from one
 * simulator. Two app instances on two data directories play the two PCs: the shop owner's (A, in
 * English) and the bookkeeper's (B, in German). Through the UI only:
 *  - both connect to the same team in Settings → Team;
 *  - A requests a refund with a reason; B, before it has pulled it, tries to refund the same payment
 *    and is refused with who holds it (the claim in the database); after "sync with team now" B sees
 *    A's request on Refund requests with its origin, and cannot even start a second refund (open);
 *  - B ticks review rows of the month; A sees them ticked, and by whom, and A's next sync's digest
 *    counts them under what teammates did;
 *  - the database stops: a refund on either PC offers the two explicit choices; A waits and tries
 *    again once the database is back (one refund at the simulator), B sends on its PC alone (one).
 * Screenshots <de|en>-settings-team, <de|en>-requests-team-origin, <de|en>-team-unreachable;
 * axe on each state.
 *
 * Both instances run on this one machine as one OS user: each gets its own PC name and OS user
 * (launchApp's `machine`/`osUser`), and PC B reaches the simulator as `localhost` rather than
 * `127.0.0.1` so that its keychain entries (API key, team connection) are its own and not PC A's
 * (an entry's name follows the server URL).
 */
import { expect, test, type Page } from '@playwright/test'
import { startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { startPostgresServer, type PostgresServer } from '../support/postgres-server'
import { expectAccessible } from './axe-check'
import { dataRows, freshDataDir, goTo, screenshot, search, waitForRows } from './fixtures'
import { launchApp, type LaunchedApp } from './harness'

type Lang = 'en' | 'de'

const TEAM = 'Café Müller'
const OWNER = { osUser: 'anna', machine: 'KASSE-PC' }
const BOOKKEEPER = { osUser: 'bernd', machine: 'BUERO-PC' }
const WORDS = {
  en: {
    teamName: 'Team name',
    connection: 'Connection string',
    connect: 'Connect',
    connected: /^Connected\. The database answered: /,
    syncNow: 'Sync with team now',
    synced: /^Synced with the team at /,
    requestRefund: 'Request refund',
    reason: 'Reason',
    continue: 'Continue to review',
    submit: /^Request refund of /,
    sent: 'Request sent',
    close: 'Close',
    openRequest: 'A refund request for this payment is already open.',
    claimHeld: (who: typeof OWNER) => `${who.osUser} on PC ${who.machine} is already refunding this payment (since `,
    unreachableTitle: 'The team database cannot be reached',
    wait: 'Wait and try again',
    alone: 'Send on this PC alone',
    reviewed: /^Reviewed: /,
    tickedBy: 'Ticked by'
  },
  de: {
    teamName: 'Teamname',
    connection: 'Verbindungszeichenfolge',
    connect: 'Verbinden',
    connected: /^Verbunden\. Die Datenbank hat geantwortet: /,
    syncNow: 'Jetzt mit dem Team abgleichen',
    synced: /^Mit dem Team abgeglichen um /,
    requestRefund: 'Erstattung anfragen',
    reason: 'Grund',
    continue: 'Weiter zur Prüfung',
    submit: /^Erstattung über .* verbindlich anfragen$/,
    sent: 'Anfrage gesendet',
    close: 'Schließen',
    openRequest: 'Für diese Zahlung ist bereits eine Erstattungsanfrage offen.',
    claimHeld: (who: typeof OWNER) => `${who.osUser} an PC ${who.machine} erstattet diese Zahlung bereits (seit `,
    unreachableTitle: 'Die Team-Datenbank ist nicht erreichbar',
    wait: 'Warten und erneut versuchen',
    alone: 'Nur auf diesem PC senden',
    reviewed: /^Geprüft: /,
    tickedBy: 'Abgehakt von'
  }
} as const

let server: PostgresServer
let sim: RunningSimulator
let pcA: LaunchedApp
let pcB: LaunchedApp
/** The test stopped the database server (an outage); afterEach brings it back. */
let databaseDown = false
const cleanups: Array<() => void> = []

test.beforeAll(async () => {
  server = await startPostgresServer()
})

test.afterAll(() => {
  server?.destroy()
})

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 12, rows: 200, rateLimitPerMinute: null })
  const a = freshDataDir()
  const b = freshDataDir()
  cleanups.push(a.cleanup, b.cleanup)
  ;[pcA, pcB] = await Promise.all([
    launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: a.dir, locale: 'en', ...OWNER }),
    // B pulls only when told to (and at the cycles a refund or a sync starts): so it still has the
    // stale view when it tries the payment A holds.
    launchApp({ env: 'custom', apiBase: sim.baseUrl.replace('127.0.0.1', 'localhost'), apiKey: sim.apiKey, dataDir: b.dir, locale: 'de', ...BOOKKEEPER, teamPollMs: 600_000 })
  ])
  console.log(`[e2e] backend: ${pcA.backend}`)
})

test.afterEach(async () => {
  if (databaseDown) server.start()
  databaseDown = false
  await Promise.all([pcA?.close(), pcB?.close()])
  await sim.close()
  for (const cleanup of cleanups.splice(0)) cleanup()
})

function teamRegion(page: Page) {
  return page.getByRole('region', { name: 'Team', exact: true })
}

/** Settings → Team → team name + connection string → Connect: main proves it, shows what answered. */
async function connectTeam(page: Page, lang: Lang, connectionString: string): Promise<void> {
  const w = WORDS[lang]
  await goTo(page, 'settings')
  const team = teamRegion(page)
  await team.getByLabel(w.teamName).fill(TEAM)
  const field = team.getByLabel(w.connection)
  await expect(field).toHaveAttribute('type', 'password')
  await field.fill(connectionString)
  await team.getByRole('button', { name: w.connect, exact: true }).click()
  await expect(team.getByText(w.connected)).toBeVisible({ timeout: 20_000 })
  // The connection string (it carries the password) is not in the page any more.
  await expect(page.locator(`input[value*="127.0.0.1:${server.port}"]`)).toHaveCount(0)
  await expect(team.getByText(`127.0.0.1:${server.port}/`)).toBeVisible()
}

async function syncWithTeam(page: Page, lang: Lang): Promise<void> {
  const w = WORDS[lang]
  await goTo(page, 'settings')
  const team = teamRegion(page)
  await team.getByRole('button', { name: w.syncNow }).click()
  await expect(team.getByText(w.synced)).toBeVisible({ timeout: 20_000 })
}

/** Transactions → search the payment → its detail → "Request refund" → the dialog's form. */
async function openRefund(page: Page, payId: string) {
  await goTo(page, 'transactions')
  await search(page, payId)
  await expect(dataRows(page)).toHaveCount(1)
  await dataRows(page).first().click()
  const detail = page.getByRole('complementary')
  await expect(detail).toContainText(payId)
  return detail
}

/** A full refund with the reason "duplicate", up to the review step's send button. */
async function fillAndReview(page: Page, lang: Lang, payId: string) {
  const w = WORDS[lang]
  const detail = await openRefund(page, payId)
  await detail.getByRole('button', { name: w.requestRefund }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel(w.reason).selectOption('duplicate')
  await dialog.getByRole('button', { name: w.continue }).click()
  return dialog
}

function refundsAtSimulator(payId: string): number {
  return sim.admin.requestLog({ path: 'refundPayment', payId }).length
}

test('two PCs share refund requests and the month-end review through PostgreSQL', async () => {
  // Two app instances and a database server on a shared 2-core machine: room beyond the default.
  test.setTimeout(180_000)
  const a = pcA.page
  const b = pcB.page
  const url = await server.createDatabase()
  const [first, second, third] = sim.admin.payments({ kind: 'refundable', limit: 3 })
  if (!first || !second || !third) throw new Error('the simulator has too few refundable payments')
  await Promise.all([waitForRows(a), waitForRows(b)])

  // Both PCs join the team (the two PCs act at the same time wherever the story allows).
  await Promise.all([connectTeam(a, 'en', url), connectTeam(b, 'de', url)])
  await Promise.all(
    ([[a, 'en'], [b, 'de']] as const).map(async ([page, lang]) => {
      await expect(page.getByTestId('team-indicator')).toBeVisible()
      await screenshot(page, `${lang}-settings-team`)
      await expectAccessible(page, `${lang} settings team`)
    })
  )

  // PC A requests a refund, with a reason.
  const dialogA = await fillAndReview(a, 'en', first.payId)
  await dialogA.getByRole('button', { name: WORDS.en.submit }).click()
  await expect(dialogA.getByText(WORDS.en.sent)).toBeVisible({ timeout: 20_000 })
  await dialogA.getByRole('button', { name: WORDS.en.close }).first().click()
  expect(refundsAtSimulator(first.payId)).toBe(1)

  // PC B has not pulled it yet and tries the same payment: the claim in the team database refuses
  // it, says who holds it, and nothing goes out.
  const heldB = await fillAndReview(b, 'de', first.payId)
  await heldB.getByRole('button', { name: WORDS.de.submit }).click()
  await expect(heldB.getByText(WORDS.de.claimHeld(OWNER))).toBeVisible({ timeout: 20_000 })
  await expect(heldB.getByText('Es wurde nichts gesendet.', { exact: false })).toBeVisible()
  await expect(heldB.getByRole('button', { name: WORDS.de.wait })).toHaveCount(0)
  await expect(heldB.getByRole('button', { name: WORDS.de.alone })).toHaveCount(0)
  expect(refundsAtSimulator(first.payId)).toBe(1)
  await screenshot(b, 'de-team-claim-held')
  await expectAccessible(b, 'de team claim held')
  await heldB.getByRole('button', { name: WORDS.de.close }).first().click()

  // PC B pulls it: the request is listed with A's origin, reason and all; A lists it as its own.
  await Promise.all([
    (async () => {
      await syncWithTeam(b, 'de')
      await goTo(b, 'requests')
      const rowB = b.getByRole('row').filter({ hasText: first.payId })
      await expect(rowB).toBeVisible({ timeout: 20_000 })
      await expect(rowB).toContainText('Doppelte Zahlung')
      await expect(rowB.getByTestId('rq-origin')).toHaveText(`von ${OWNER.osUser} an ${OWNER.machine}`)
      await screenshot(b, 'de-requests-team-origin')
      await expectAccessible(b, 'de requests team origin')
    })(),
    (async () => {
      await goTo(a, 'requests')
      await expect(a.getByRole('row').filter({ hasText: first.payId }).getByTestId('rq-origin')).toHaveText('on this PC')
      await screenshot(a, 'en-requests-team-origin')
      await expectAccessible(a, 'en requests team origin')
    })()
  ])

  // …and PC B cannot request a second refund of that payment: the request is open.
  const detailB = await openRefund(b, first.payId)
  await expect(detailB.getByRole('button', { name: WORDS.de.requestRefund })).toBeDisabled()
  await expect(detailB).toContainText(WORDS.de.openRequest)
  expect(refundsAtSimulator(first.payId)).toBe(1)

  // PC B ticks two rows of the month's review; PC A sees them ticked, and by whom.
  await goTo(b, 'month')
  const ticksB = b.getByRole('checkbox', { name: WORDS.de.reviewed })
  await expect(ticksB.first()).toBeVisible({ timeout: 20_000 })
  const ticked: string[] = []
  for (const i of [0, 1]) {
    const box = ticksB.nth(i)
    // The row's pay ID finds the same row on PC A (dates and amounts are written per language).
    ticked.push((await box.locator('xpath=ancestor::*[@role="row"][1]').locator('.mono').textContent()) ?? '')
    // A click, not check(): the tick shows once its optimistic state is in (an await later).
    await box.click()
    await expect(box).toBeChecked()
  }
  await syncWithTeam(b, 'de')
  await syncWithTeam(a, 'en')
  await goTo(a, 'month')
  for (const payId of ticked) {
    const tick = a.getByRole('row').filter({ hasText: payId }).getByRole('checkbox', { name: WORDS.en.reviewed }).first()
    await expect(tick).toBeChecked({ timeout: 20_000 })
    await expect(tick).toHaveAccessibleDescription(new RegExp(`^${WORDS.en.tickedBy} ${BOOKKEEPER.osUser} on ${BOOKKEEPER.machine}, `))
    await expect(a.getByRole('row').filter({ hasText: payId }).first()).toContainText(`by ${BOOKKEEPER.osUser}`)
  }
  // A's next sync says what teammates did since the one before: B's two ticks.
  await a.getByRole('button', { name: 'Sync', exact: true }).click()
  await goTo(a, 'requests')
  await expect(a.getByRole('status').filter({ hasText: 'Changes since the last sync' })).toContainText('Teammates: 2 review ticks', { timeout: 20_000 })

  // The database goes away: a refund offers the two explicit choices, and nothing goes out.
  server.stop()
  databaseDown = true
  const [waiting, alone] = await Promise.all([
    (async () => {
      const dialog = await fillAndReview(a, 'en', second.payId)
      await dialog.getByRole('button', { name: WORDS.en.submit }).click()
      await expect(dialog.getByText(WORDS.en.unreachableTitle)).toBeVisible({ timeout: 20_000 })
      await expect(dialog.getByRole('button', { name: WORDS.en.wait })).toBeVisible()
      await expect(dialog.getByRole('button', { name: WORDS.en.alone })).toBeVisible()
      await screenshot(a, 'en-team-unreachable')
      await expectAccessible(a, 'en team unreachable')
      return dialog
    })(),
    (async () => {
      const dialog = await fillAndReview(b, 'de', third.payId)
      await dialog.getByRole('button', { name: WORDS.de.submit }).click()
      await expect(dialog.getByText(WORDS.de.unreachableTitle)).toBeVisible({ timeout: 20_000 })
      await screenshot(b, 'de-team-unreachable')
      await expectAccessible(b, 'de team unreachable')
      return dialog
    })()
  ])
  expect(refundsAtSimulator(second.payId)).toBe(0)
  expect(refundsAtSimulator(third.payId)).toBe(0)

  // B sends on its PC alone: exactly one refund goes out.
  await alone.getByRole('button', { name: WORDS.de.alone }).click()
  await expect(alone.getByText(WORDS.de.sent)).toBeVisible({ timeout: 20_000 })
  expect(refundsAtSimulator(third.payId)).toBe(1)

  // A waits: the database is back, "try again" claims the payment for the team and sends it once.
  server.start()
  databaseDown = false
  await waiting.getByRole('button', { name: WORDS.en.wait }).click()
  await expect(waiting.getByText(WORDS.en.sent)).toBeVisible({ timeout: 20_000 })
  expect(refundsAtSimulator(second.payId)).toBe(1)
  await waiting.getByRole('button', { name: WORDS.en.close }).first().click()

  // A leaves the team: the confirmation says what leaving does not do; the form is back.
  await goTo(a, 'settings')
  await teamRegion(a).getByRole('button', { name: 'Leave team' }).click()
  const leave = a.getByRole('dialog', { name: `Leave the team “${TEAM}”?` })
  await expect(leave).toContainText('Nothing is deleted in the database')
  await leave.getByRole('button', { name: 'Leave team' }).click()
  await expect(leave).toHaveCount(0)
  await expect(teamRegion(a).getByLabel(WORDS.en.connection)).toHaveValue('')
  await expect(a.getByTestId('team-indicator')).toHaveCount(0)
})
