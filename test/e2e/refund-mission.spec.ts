/**
 * The shop owner's mission: first run with a key → sync → browse → search → Refunds
 * only → partial refund request → a second request is blocked with its reason → approve on the
 * simulator's admin side → sync → the request shows refunded and the negative entry appears under
 * Refunds only. Real simulator over loopback; the key goes through the real keychain.
 */
import { expect, test } from '@playwright/test'
import { createSimulatorControlClient, startSimulator, type RunningSimulator } from '../../src/main/simulator'
import { launchApp, type LaunchedApp } from './harness'
import { dataRows, freshDataDir, goTo, screenshot, search, waitForRows } from './fixtures'

let sim: RunningSimulator
let app: LaunchedApp
let cleanup: () => void

test.beforeEach(async () => {
  sim = await startSimulator({ seed: 21, rows: 3000, rateLimitPerMinute: null })
  const data = freshDataDir()
  cleanup = data.cleanup
  app = await launchApp({ env: 'custom', apiBase: sim.baseUrl, apiKey: sim.apiKey, dataDir: data.dir, locale: 'en' })
  console.log(`[e2e] backend: ${app.backend}`)
})

test.afterEach(async () => {
  await app.close()
  await sim.close()
  cleanup()
})

test('request a partial refund, see it blocked twice, approved, and listed under Refunds only', async () => {
  const { page } = app
  const control = createSimulatorControlClient(sim.controlUrl)
  await waitForRows(page)
  await expect(page.getByText(/CUSTOM/)).toBeVisible() // loud banner outside production

  const [payment] = await control.payments({ kind: 'refundable', limit: 1 })
  if (!payment) throw new Error('no refundable payment in the simulator')

  await search(page, payment.payId)
  await expect(dataRows(page)).toHaveCount(1)
  await dataRows(page).first().click()
  const detail = page.getByRole('complementary')
  await expect(detail).toContainText(payment.payId)

  await detail.getByRole('button', { name: 'Request refund' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByText('Partial refund').click()
  await dialog.getByLabel(/Amount in €/).fill('1.50')
  await dialog.getByRole('button', { name: 'Continue to review' }).click()
  await expect(dialog).toContainText('SecPaid reviews the request')
  await screenshot(page, 'en-refund-review')
  await dialog.getByRole('button', { name: /Request refund of/ }).click()
  await expect(dialog.getByText('Request sent')).toBeVisible()
  await dialog.getByRole('button', { name: 'Close' }).first().click()

  // Exactly one refundPayment reached SecPaid.
  expect(sim.admin.requestLog({ path: 'refundPayment', payId: payment.payId })).toHaveLength(1)

  // A second request for the same payment is blocked, and the app says why.
  await expect(detail.getByRole('button', { name: 'Request refund' })).toBeDisabled()
  await expect(detail).toContainText('A refund request for this payment is already open.')
  // …and main refuses it too, even if the renderer tried (the button is not the guard).
  const second = await page.evaluate(async (payId) => {
    const api = (globalThis as unknown as { secpaid: import('../../src/preload/create-api').SecpaidApi }).secpaid
    return api.submitRefund({ payId, amount: 100, isFullRefund: false, reason: 'duplicate', note: null })
  }, payment.payId)
  expect(second).toMatchObject({ ok: false, error: { kind: 'precondition' } })
  expect(sim.admin.requestLog({ path: 'refundPayment', payId: payment.payId })).toHaveLength(1)

  // The admin approves; the next sync turns the request into "refunded".
  await control.approveRefund(payment.payId)
  await page.getByRole('button', { name: /^Sync/ }).click()
  await goTo(page, 'requests')
  const requestRow = page.getByRole('row').filter({ hasText: payment.payId })
  // The state badge itself, not any text containing "refunded" (a rejection message would match).
  await expect(requestRow.getByText('Refunded', { exact: true })).toBeVisible({ timeout: 20_000 })
  await expect(requestRow.getByText('Awaiting SecPaid review', { exact: true })).toHaveCount(0)
  await screenshot(page, 'en-requests-refunded')

  // The negative entry shows under Refunds only.
  await goTo(page, 'transactions')
  await page.getByRole('button', { name: 'Refunds only' }).click()
  await search(page, payment.payId)
  await expect(dataRows(page)).toHaveCount(1)
  await expect(dataRows(page).first()).toContainText('-€1.50')
  expect(sim.admin.requestLog({ path: 'refundPayment' })).toHaveLength(1)
})
