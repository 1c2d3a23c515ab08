/** axe-core over the state on screen (WCAG A/AA and best practice, as a11y.spec.ts): no violation. */
import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export async function expectAccessible(page: Page, state: string): Promise<void> {
  await page.waitForTimeout(300)
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  const found = result.violations.map((v) => `${state}: ${v.id} (${v.impact ?? '?'}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`)
  expect(found).toEqual([])
}
