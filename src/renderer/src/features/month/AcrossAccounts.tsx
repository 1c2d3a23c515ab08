/**
 * Month-end → All accounts: one row per account for the chosen month, each read by main from that
 * account's own stored data (nothing is fetched from SecPaid), and "Export all accounts": one file
 * per account, saved as the bytes main made (a DATEV file is Windows-1252), and the accounts that
 * could not be exported, with the reason in the user's language.
 *
 * No total across accounts: they are different shops, possibly in different environments.
 */
import { useMutation, useQuery } from '@tanstack/react-query'
import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import {
  ACROSS_ACCOUNTS_EXPORT_FORMATS,
  type AccountExport,
  type AccountMonthSummary,
  type AcrossAccountsExportFormat,
  type MonthAcrossAccounts,
  type MonthExportAcrossAccounts
} from '@shared/accounts'
import { useAccountLabel, useAccounts } from '../../api/accounts'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import { Badge, Button, describeError, downloadBase64File, ErrorState, Money, Spinner } from '../../components'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { isKeyOf } from '../../i18n'
import { en } from '../../i18n/resources'
import { isStale } from './month-view'
import { formatCount } from '../../i18n/format-count'

export function AcrossAccounts({ month, monthLabel }: { month: string; monthLabel: string }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const summary = useQuery({ queryKey: queryKeys.acrossAccounts(month), queryFn: () => call('getMonthAcrossAccounts', { month }) })
  return (
    <section className="mr-across stack" aria-labelledby="mr-across-title">
      <h2 id="mr-across-title" className="mr-heading">
        {t('month.heading', { month: monthLabel })}
      </h2>
      <p className="muted mr-across__intro">{t('month.intro')}</p>
      {summary.isPending ? (
        <Spinner label={t('month.loading')} />
      ) : summary.isError ? (
        <ErrorState error={summary.error} title={t('month.loadError')} onRetry={() => void summary.refetch()} />
      ) : (
        <>
          <AcrossTable data={summary.data} monthLabel={monthLabel} />
          <p className="mr-totals__note muted">{t('month.formulas')}</p>
          <ExportAll month={month} monthLabel={monthLabel} summaries={summary.data.accounts} />
        </>
      )}
    </section>
  )
}

function AcrossTable({ data, monthLabel }: { data: MonthAcrossAccounts; monthLabel: string }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const lang = useUiLanguage()
  const label = useAccountLabel()
  const accounts = useAccounts()
  const now = new Date()
  return (
    <div className="mr-across__wrap" role="region" aria-labelledby="mr-across-caption" tabIndex={0}>
      <table className="mr-across__table">
        <caption id="mr-across-caption" className="visually-hidden">
          {t('month.caption', { month: monthLabel })}
        </caption>
        <thead>
          <tr>
            <th scope="col">
              {t('month.account')} <span className="mr-across__sub">{t('month.env')}</span>
            </th>
            <th scope="col">{t('month.dataAsOf')}</th>
            <th scope="col" className="num">
              {t('month.entries')}
            </th>
            <th scope="col" className="num">
              {t('month.reviewed')}
            </th>
            <th scope="col" className="num">
              {t('month.net')}
            </th>
            <th scope="col" className="num">
              {t('month.fees')}
            </th>
            <th scope="col" className="num">
              {t('month.netAfterFees')}
            </th>
            <th scope="col" className="num">
              {t('month.payouts')}
            </th>
            <th scope="col" className="num" title={t('month.openRequestsLong')}>
              {t('month.openRequests')}
            </th>
            <th scope="col">{t('month.problem')}</th>
          </tr>
        </thead>
        <tbody>
          {data.accounts.map((row) => {
            const never = row.dataAsOf === null
            const open = accounts.data?.active === row.accountId
            return (
              <tr key={row.accountId} className={never ? 'mr-across__never' : undefined} data-account-id={row.accountId}>
                <th scope="row">
                  {label(row)}
                  {open ? <span className="muted"> ({t('month.current')})</span> : null}
                  <span className="mr-across__sub">{t(`env.${row.env}`)}</span>
                </th>
                <td>
                  {row.dataAsOf === null ? (
                    <span className="muted">{t('month.never')}</span>
                  ) : (
                    <>
                      <span className="mr-across__nowrap">{formatInstant(row.dataAsOf, lang)}</span>
                      {isStale(row.dataAsOf, now) ? (
                        <>
                          {' '}
                          <Badge tone="warning" label={t('month.stale')} />
                        </>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="num">{formatCount(row.entries, lang)}</td>
                <td className="num mr-across__nowrap">{t('month.reviewedValue', { done: row.reviewed, total: row.entries })}</td>
                <td className="num">
                  <Money cents={row.totals.net} />
                </td>
                <td className="num">
                  <Money cents={row.totals.fees} />
                </td>
                <td className="num">
                  <Money cents={row.totals.netAfterFees} />
                </td>
                <td className="num">
                  <Money cents={row.payouts} />
                  <span className="mr-across__sub">{t('month.payoutCount', { count: row.payoutCount })}</span>
                </td>
                <td className="num">{formatCount(row.openRefundRequests, lang)}</td>
                <td>{row.problem === null ? <span className="muted">{t('month.none')}</span> : <ProblemText code={row.problem} message={null} failed="readFailed" />}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

const FORMAT_LABEL: Record<AcrossAccountsExportFormat, 'export.csvDe' | 'export.csv' | 'export.json' | 'export.datev'> = {
  'csv-de': 'export.csvDe',
  csv: 'export.csv',
  json: 'export.json',
  datev: 'export.datev'
}

interface ExportOutcome {
  saved: AccountExport[]
  failed: AccountExport[]
  /** Accounts never synced: nothing stored, so no file (an empty file would look like an empty month). */
  skipped: AccountMonthSummary[]
  format: AcrossAccountsExportFormat
}

function ExportAll({ month, monthLabel, summaries }: { month: string; monthLabel: string; summaries: AccountMonthSummary[] }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const label = useAccountLabel()
  const selectId = useId()
  const [format, setFormat] = useState<AcrossAccountsExportFormat>('csv-de')
  const exporter = useMutation({
    mutationFn: async (chosen: AcrossAccountsExportFormat): Promise<ExportOutcome> => {
      const result: MonthExportAcrossAccounts = await call('exportMonthAcrossAccounts', { month, format: chosen, language: lang })
      const never = new Set(summaries.filter((s) => s.dataAsOf === null).map((s) => s.accountId))
      const outcome: ExportOutcome = { saved: [], failed: [], skipped: summaries.filter((s) => never.has(s.accountId)), format: chosen }
      for (const item of result.exports) {
        if (never.has(item.accountId)) continue
        if (item.file) {
          downloadBase64File(item.file.fileName, item.file.base64, item.file.mimeType)
          outcome.saved.push(item)
        } else {
          outcome.failed.push(item)
        }
      }
      return outcome
    }
  })
  const outcome = exporter.data
  return (
    <section className="mr-export stack" aria-labelledby="mr-across-export-title">
      <div className="row mr-export__head">
        <h2 id="mr-across-export-title">{t('export.heading')}</h2>
        <p className="muted">{t('export.scope', { month: monthLabel })}</p>
      </div>
      <div className="row mr-export__buttons">
        <label className="field__label" htmlFor={selectId}>
          {t('export.format')}
        </label>
        <select id={selectId} className="select" value={format} onChange={(e) => setFormat(e.target.value as AcrossAccountsExportFormat)}>
          {ACROSS_ACCOUNTS_EXPORT_FORMATS.map((f) => (
            <option key={f} value={f}>
              {t(FORMAT_LABEL[f])}
            </option>
          ))}
        </select>
        <Button variant="primary" busy={exporter.isPending} onClick={() => exporter.mutate(format)}>
          {t('export.button')}
        </Button>
      </div>
      <div className="mr-export__status" aria-live="polite">
        {exporter.isPending ? <p>{t('export.working')}</p> : null}
        {exporter.isError ? <p className="field__error">{t('export.error', { message: describeError(exporter.error, tUi).sentence })}</p> : null}
        {outcome ? (
          <div className="stack mr-across__outcome">
            {outcome.saved.length > 0 ? (
              <>
                <p>{t('export.saved', { count: outcome.saved.length })}</p>
                <ul>
                  {outcome.saved.map((item) =>
                    item.file ? (
                      <li key={item.accountId}>
                        {t(outcome.format === 'datev' ? 'export.bookingLine' : 'export.fileLine', {
                          account: label(item),
                          fileName: item.file.fileName,
                          count: item.file.entryCount
                        })}
                      </li>
                    ) : null
                  )}
                </ul>
              </>
            ) : null}
            {outcome.failed.length > 0 || outcome.skipped.length > 0 ? (
              <>
                <p className="mr-warn-text">{t('export.failed')}</p>
                <ul className="mr-across__failed">
                  {outcome.failed.map((item) => (
                    <li key={item.accountId}>
                      {label(item)}: <ProblemText code={item.problem?.code ?? null} message={item.problem?.message ?? null} failed="exportFailed" />
                    </li>
                  ))}
                  {outcome.skipped.map((s) => (
                    <li key={s.accountId}>{t('export.failedLine', { account: label(s), reason: t('export.neverSynced') })}</li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  )
}

/** A problem code from main in the user's language; an unknown one by its kind, main's English only as detail. */
function ProblemText({ code, message, failed }: { code: string | null; message: string | null; failed: 'readFailed' | 'exportFailed' }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const { sentence, details } = problemWords(code, message, failed, t, tUi)
  return (
    <span>
      {sentence}
      {details ? <span className="error-details"> ({t('problem.details', { message: details })})</span> : null}
    </span>
  )
}

function problemWords(
  code: string | null,
  message: string | null,
  failed: 'readFailed' | 'exportFailed',
  t: TFunction<'accounts'>,
  tUi: TFunction<'ui'>
): { sentence: string; details: string | null } {
  if (code !== null && isKeyOf(en.accounts.problem.code, code)) return { sentence: t(`problem.code.${code}`), details: null }
  if (code !== null && isKeyOf(en.ui.errorCode, code)) return { sentence: tUi(`errorCode.${code}`), details: null }
  if (code !== null && isKeyOf(en.ui.errorText, code)) return { sentence: tUi(`errorText.${code}`), details: message }
  // Main words a problem it has no code for in English: shown as the detail of our own sentence.
  return { sentence: t(`problem.${failed}`), details: message ?? code }
}
