/**
 * Printable month summary: period, view, data-as-of, totals and a per-day table. Opens as a
 * full-window preview (Radix Dialog: focus kept inside, Esc closes); month.css hides everything
 * else under @media print, so window.print() prints exactly this page.
 */
import * as RadixDialog from '@radix-ui/react-dialog'
import { useTranslation } from 'react-i18next'
import { useEnvironment } from '../../api/hooks'
import { Button } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatBerlinDate } from '@shared/berlin-time'
import { formatMoney } from '@shared/money'
import type { Totals } from '@shared/views'
import { formatInstant } from '../../components/format-instant'
import { DaySumsTable } from './DaySumsTable'
import type { DaySums } from './month-view'
import { payoutCheckLines, totalLines } from './totals-lines'

export interface SummaryProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  monthLabel: string
  viewLabel: string
  days: DaySums[]
  totals: Totals
  dataAsOf: string | null
  stale: boolean
  reviewedCount: number
}

export function PrintableSummary(props: SummaryProps): React.JSX.Element {
  const { t } = useTranslation('month')
  return (
    <RadixDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Content className="mr-print" aria-describedby={undefined}>
          <div className="mr-print__toolbar row">
            <RadixDialog.Title asChild>
              <h2>{t('print.dialogTitle')}</h2>
            </RadixDialog.Title>
            <span className="mr-print__spacer" />
            <Button variant="primary" onClick={() => window.print()}>
              {t('print.print')}
            </Button>
            <RadixDialog.Close asChild>
              <Button>{t('print.close')}</Button>
            </RadixDialog.Close>
          </div>
          <SummaryPage {...props} />
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}

function SummaryPage({ monthLabel, viewLabel, days, totals, dataAsOf, stale, reviewedCount }: SummaryProps): React.JSX.Element {
  const { t } = useTranslation('month')
  const lang = useUiLanguage()
  const env = useEnvironment()
  const money = (c: number): string => formatMoney(c, lang)
  const first = days[0]?.date
  const last = days[days.length - 1]?.date
  const envLabel = env.data ? t(`env.${env.data.active}`, { ns: 'app', url: env.data.baseUrl ?? '' }) : '–'

  return (
    <article className="mr-print__page">
      <h1>{t('print.title', { month: monthLabel })}</h1>
      <dl className="kv mr-print__meta">
        <dt>{t('print.period')}</dt>
        <dd>{first && last ? t('print.periodValue', { from: formatBerlinDate(first, lang), to: formatBerlinDate(last, lang) }) : '–'}</dd>
        <dt>{t('print.view')}</dt>
        <dd>{viewLabel}</dd>
        {env.data && env.data.account.name !== null ? (
          <>
            <dt>{t('print.account')}</dt>
            <dd>
              <strong>{env.data.account.name}</strong>
            </dd>
          </>
        ) : null}
        <dt>{t('print.environment')}</dt>
        <dd>{envLabel}</dd>
        <dt>{t('print.dataAsOf')}</dt>
        <dd>
          <strong>{dataAsOf ? formatInstant(dataAsOf, lang) : t('print.never')}</strong>
        </dd>
        <dt>{t('print.printedAt')}</dt>
        <dd>{formatInstant(new Date().toISOString(), lang)}</dd>
        <dt>{t('print.reviewed')}</dt>
        <dd>{t('review.progress', { done: reviewedCount, total: totals.count })}</dd>
      </dl>
      {stale ? <p className="mr-print__stale">⚠ {t('print.staleWarning')}</p> : null}

      <h2>{t('print.totals')}</h2>
      <table className="mr-print__table mr-print__totals">
        <tbody>
          {totalLines(totals, t).map((line) => (
            <TotalRow key={line.key} label={line.label} sub={line.sub ?? ''} value={money(line.cents)} strong={line.strong === true} />
          ))}
        </tbody>
      </table>

      {totals.payoutCheck.difference !== 0 ? (
        <div className="mr-print__footer">
          <p>{t('totals.checkTitle', { difference: money(totals.payoutCheck.difference) })}</p>
          <ul>
            {payoutCheckLines(totals, t, money).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2>{t('print.perDay')}</h2>
      <DaySumsTable days={days} className="mr-print__table mr-print__days" dimEmptyDays />
      {totals.disputeCount > 0 ? <p className="mr-print__footer">{t('print.perDayNote')}</p> : null}
      <p className="mr-print__footer">{t('print.footer')}</p>
    </article>
  )
}

function TotalRow({ label, sub, value, strong = false }: { label: string; sub: string; value: string; strong?: boolean }): React.JSX.Element {
  return (
    <tr className={strong ? 'mr-print__strong' : undefined}>
      <th scope="row">{label}</th>
      <td className="muted">{sub}</td>
      <td className="num">{value}</td>
    </tr>
  )
}
