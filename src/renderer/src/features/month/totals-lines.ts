/**
 * The month's total lines in one order for the cards and the printable summary. Each label is the
 * formula the figure follows (main computes them by the signed rules on `Totals`), and the
 * dispute-returns line only appears when there is one — the net label then names it too.
 */
import type { TFunction } from 'i18next'
import type { Totals } from '@shared/views'

export interface TotalLine {
  key: string
  label: string
  sub: string | null
  cents: number
  strong?: boolean
}

export function totalLines(totals: Totals, t: TFunction<'month'>): TotalLine[] {
  const withReturns = totals.disputeReturnCount > 0 || totals.disputeReturns !== 0
  const lines: TotalLine[] = [
    { key: 'grossPayIns', label: t('totals.grossPayIns'), cents: totals.grossPayIns, sub: t('totals.paymentCount', { count: totals.paymentCount }) },
    { key: 'refunds', label: t('totals.refunds'), cents: totals.refunds, sub: t('totals.refundCount', { count: totals.refundCount }) },
    { key: 'disputes', label: t('totals.disputes'), cents: totals.disputes, sub: t('totals.disputeCount', { count: totals.disputeCount }) }
  ]
  if (withReturns) {
    lines.push({
      key: 'disputeReturns',
      label: t('totals.disputeReturns'),
      cents: totals.disputeReturns,
      sub: t('totals.disputeReturnCount', { count: totals.disputeReturnCount })
    })
  }
  lines.push(
    { key: 'net', label: t(withReturns ? 'totals.netWithReturns' : 'totals.net'), cents: totals.net, sub: t('totals.count', { count: totals.count }), strong: true },
    { key: 'fees', label: t('totals.fees'), cents: totals.fees, sub: null },
    { key: 'netAfterFees', label: t('totals.netAfterFees'), cents: totals.netAfterFees, sub: null, strong: true },
    { key: 'payoutPerSecpaid', label: t('totals.payoutPerSecpaid'), cents: totals.payoutPerSecpaid, sub: null }
  )
  return lines
}

/** The causes of a payout difference, as sentences (empty when SecPaid's figure agrees). */
export function payoutCheckLines(totals: Totals, t: TFunction<'month'>, money: (cents: number) => string): string[] {
  const c = totals.payoutCheck
  const lines: string[] = []
  if (c.missingNetAmount.rows > 0) lines.push(t('totals.checkMissing', { count: c.missingNetAmount.rows, cents: money(c.missingNetAmount.cents) }))
  if (c.otherSign.rows > 0) lines.push(t('totals.checkOtherSign', { count: c.otherSign.rows, cents: money(c.otherSign.cents) }))
  if (c.otherAmount.rows > 0) lines.push(t('totals.checkOtherAmount', { count: c.otherAmount.rows, cents: money(c.otherAmount.cents) }))
  return lines
}
