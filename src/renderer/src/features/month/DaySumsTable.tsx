/** The month's pay-ins and refunds per day, with their sums: on screen under the chart and in print. */
import { useTranslation } from 'react-i18next'
import { formatBerlinDate } from '@shared/berlin-time'
import { formatMoney, sumCents } from '@shared/money'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { DaySums } from './month-view'

function sumCountBy(days: DaySums[], field: 'payInCount' | 'refundCount'): number {
  return days.reduce((n, d) => n + d[field], 0)
}

export interface DaySumsTableProps {
  days: DaySums[]
  className?: string
  /** Print: days without entries in a lighter tone, so busy days stand out on paper. */
  dimEmptyDays?: boolean
}

export function DaySumsTable({ days, className, dimEmptyDays = false }: DaySumsTableProps): React.JSX.Element {
  const { t } = useTranslation('month')
  const lang = useUiLanguage()
  const money = (c: number): string => formatMoney(c, lang)
  return (
    <table className={className}>
      <thead>
        <tr>
          <th scope="col">{t('print.date')}</th>
          <th scope="col" className="num">{t('print.payInCount')}</th>
          <th scope="col" className="num">{t('print.payIns')}</th>
          <th scope="col" className="num">{t('print.refundCount')}</th>
          <th scope="col" className="num">{t('print.refunds')}</th>
          <th scope="col" className="num">{t('print.net')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => (
          <tr key={d.date} className={dimEmptyDays && d.payInCount + d.refundCount === 0 ? 'mr-print__quiet' : undefined}>
            <td>{formatBerlinDate(d.date, lang)}</td>
            <td className="num">{d.payInCount}</td>
            <td className="num">{money(d.payIns)}</td>
            <td className="num">{d.refundCount}</td>
            <td className="num">{money(d.refunds)}</td>
            <td className="num">{money(sumCents([d.payIns, d.refunds]))}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('print.sum')}</th>
          <td className="num">{sumCountBy(days, 'payInCount')}</td>
          <td className="num">{money(sumCents(days.map((d) => d.payIns)))}</td>
          <td className="num">{sumCountBy(days, 'refundCount')}</td>
          <td className="num">{money(sumCents(days.map((d) => d.refunds)))}</td>
          <td className="num">{money(sumCents(days.flatMap((d) => [d.payIns, d.refunds])))}</td>
        </tr>
      </tfoot>
    </table>
  )
}
