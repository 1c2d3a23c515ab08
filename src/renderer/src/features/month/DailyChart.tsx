/**
 * Daily pay-ins (up) and refunds (down) of the month (recharts). Colours are theme tokens, so the
 * chart follows light/dark; amounts through formatMoney; a legend names both series in words.
 */
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatBerlinDate } from '@shared/berlin-time'
import { formatMoney } from '@shared/money'
import { useNoTabStops } from '../../components'
import { DaySumsTable } from './DaySumsTable'
import type { DaySums } from './month-view'

interface Props {
  days: DaySums[]
  monthLabel: string
}

const AXIS_TICK = { fill: 'var(--text-muted)', fontSize: 11 }

/** Whole euros on the axis keep the labels short; exact cents are in the tooltip. */
function axisMoney(cents: number, lang: 'de' | 'en'): string {
  return formatMoney(cents, lang).replace(/[.,]00(?=\D*$)/, '')
}

export function DailyChart({ days, monthLabel }: Props): React.JSX.Element {
  const { t } = useTranslation('month')
  const lang = useUiLanguage()
  const data = days.map((d) => ({ ...d, day: Number(d.date.slice(8, 10)) }))
  const canvas = useRef<HTMLDivElement>(null)
  useNoTabStops(canvas)
  return (
    <figure className="mr-chart" aria-labelledby="mr-chart-title" aria-describedby="mr-chart-desc">
      <figcaption>
        <h2 id="mr-chart-title">{t('chart.heading')}</h2>
        <p id="mr-chart-desc" className="visually-hidden">
          {t('chart.description')}
        </p>
      </figcaption>
      <div className="mr-chart__canvas" aria-hidden="true" ref={canvas}>
        <ResponsiveContainer width="100%" height={260}>
          {/* No keyboard layer: the chart is hidden from assistive technology (the table below has
              its values), so it must not hold invisible tab stops either. */}
          <BarChart accessibilityLayer={false} data={data} stackOffset="sign" margin={{ top: 8, right: 16, bottom: 24, left: 24 }}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
            <XAxis
              dataKey="day"
              tick={AXIS_TICK}
              stroke="var(--border-strong)"
              // Every day on a wide chart; at 200 % zoom only as many as fit without overlapping.
              interval="preserveStartEnd"
              minTickGap={4}
              label={{ value: t('chart.xAxis', { month: monthLabel }), position: 'insideBottom', offset: -16, fill: 'var(--text-muted)', fontSize: 12 }}
            />
            <YAxis
              tick={AXIS_TICK}
              stroke="var(--border-strong)"
              width={88}
              tickFormatter={(v: number) => axisMoney(v, lang)}
              label={{ value: t('chart.yAxis'), angle: -90, position: 'insideLeft', offset: -12, fill: 'var(--text-muted)', fontSize: 12, style: { textAnchor: 'middle' } }}
            />
            <ReferenceLine y={0} stroke="var(--border-strong)" />
            <Tooltip
              cursor={{ fill: 'var(--surface-hover)' }}
              contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
              labelStyle={{ color: 'var(--text)', fontWeight: 600 }}
              labelFormatter={(_label, payload) => {
                const date = payload[0]?.payload as { date?: string } | undefined
                return date?.date ? formatBerlinDate(date.date, lang) : ''
              }}
              formatter={(value) => (typeof value === 'number' ? formatMoney(value, lang) : String(value))}
            />
            <Legend verticalAlign="top" height={28} itemSorter="dataKey" wrapperStyle={{ color: 'var(--text)' }} />
            <Bar dataKey="payIns" name={t('chart.payIns')} stackId="day" fill="var(--accent)" />
            <Bar dataKey="refunds" name={t('chart.refunds')} stackId="day" fill="var(--negative)" />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <DailyTable days={days} />
    </figure>
  )
}

/** The chart's values for keyboards and screen readers (and anyone who wants the exact cents). */
function DailyTable({ days }: { days: DaySums[] }): React.JSX.Element {
  const { t } = useTranslation('month')
  return (
    <details className="mr-chart__table">
      <summary>{t('chart.tableToggle')}</summary>
      <DaySumsTable days={days} />
    </details>
  )
}
