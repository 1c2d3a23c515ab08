/**
 * "Check against bank statement…": the bookkeeper picks the bank's camt.053 or CSV export, main
 * reads it and pairs its credits with the stored payouts of the month. Nothing is stored — the
 * result lives in this component until another file is picked or the month changes.
 *
 * The file is read here as bytes (a bank CSV may be Windows-1252 or UTF-16; decoding is main's
 * job) and sent base64-encoded; the size limit is checked here first so a huge file is not read.
 */
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { formatBerlinDate } from '@shared/berlin-time'
import { BANK_STATEMENT_MAX_BYTES, type BankCheckResult } from '@shared/bookkeeping-views'
import { call, IpcCallError } from '../../api/call'
import { describeError, Money } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  // In slices: String.fromCharCode with millions of arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

class FileTooLarge extends Error {}

export function BankCheck({ month }: { month: string }): React.JSX.Element {
  const { t } = useTranslation('payouts')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const [fileName, setFileName] = useState<string | null>(null)
  const check = useMutation({
    mutationFn: async (file: File): Promise<BankCheckResult> => {
      if (file.size > BANK_STATEMENT_MAX_BYTES) throw new FileTooLarge()
      const bytes = new Uint8Array(await file.arrayBuffer())
      return call('checkBankStatement', { month, base64: toBase64(bytes) })
    }
  })
  const result = check.data?.month === month ? check.data : null

  let errorText: string | null = null
  if (check.error instanceof FileTooLarge) errorText = t('bank.error.too_large')
  else if (check.error instanceof IpcCallError && check.error.code?.startsWith('bank_')) {
    errorText = t(`bank.error.${check.error.code.slice(5)}` as 'bank.error.unknown_format', { defaultValue: t('bank.error.unknown_format') })
  } else if (check.error) errorText = describeError(check.error, tUi).sentence
  const details = check.error instanceof IpcCallError ? check.error.message : null

  return (
    <div className="po-bank stack">
      <h3 className="po-subheading">{t('bank.heading')}</h3>
      <p className="muted">{t('bank.intro')}</p>
      <div className="row">
        {/* The input sits inside its button-styled label: keyboard focus on the input shows on the label. */}
        <label className="btn po-bank__choose">
          {t('bank.choose')}
          <input
            className="po-bank__input"
            type="file"
            accept=".xml,.csv,.txt,text/csv,text/xml,application/xml"
            onChange={(e) => {
              const file = e.target.files?.[0]
              e.target.value = ''
              if (!file) return
              setFileName(file.name)
              check.mutate(file)
            }}
          />
        </label>
        {fileName ? <span className="muted">{fileName}</span> : null}
      </div>
      <div aria-live="polite">
        {check.isPending ? <p>{t('bank.working')}</p> : null}
        {errorText ? (
          <p className="field__error">
            {errorText}
            {details ? (
              <>
                <br />
                <span className="error-details">{tUi('details', { message: details })}</span>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {result && !check.isPending ? <BankCheckResultView result={result} lang={lang} /> : null}
    </div>
  )
}

function BankCheckResultView({ result, lang }: { result: BankCheckResult; lang: 'de' | 'en' }): React.JSX.Element {
  const { t } = useTranslation('payouts')
  const date = (d: string): string => formatBerlinDate(d, lang)
  const r = result.recognised
  return (
    <div className="stack po-bank__result">
      <p>
        {result.format === 'camt053'
          ? t('bank.recognisedCamt', { version: r.messageVersion || '?', credits: result.creditCount })
          : t('bank.recognisedCsv', { encoding: r.encoding, delimiter: r.delimiter === '\t' ? 'Tab' : r.delimiter, line: r.headerLine, credits: result.creditCount })}
        {result.period ? ` ${t('bank.period', { from: date(result.period.from), to: date(result.period.to) })}` : null}
      </p>
      {r.columns ? (
        <p className="muted">
          {t('bank.columns')}{' '}
          {Object.entries(r.columns)
            .map(([field, header]) => `${t(`bank.field.${field}` as 'bank.field.amount', { defaultValue: field })}: ${t('bank.quoted', { text: header })}`)
            .join(' · ')}
          {r.currencyAssumed ? ` · ${t('bank.currencyAssumed')}` : null}
        </p>
      ) : null}
      <p className="po-bank__counts">
        {t('bank.summary', { matched: result.matched.length, payouts: result.unmatchedPayouts.length, credits: result.unmatchedCredits.length, window: result.windowDays })}
      </p>

      <h4>{t('bank.unmatchedPayoutsHeading', { count: result.unmatchedPayouts.length })}</h4>
      {result.unmatchedPayouts.length === 0 ? (
        <p className="muted">{t('bank.allPayoutsFound')}</p>
      ) : (
        <ul className="po-bank__list po-bank__unmatched-payouts">
          {result.unmatchedPayouts.map((u) => (
            <li key={u.payoutId}>
              <strong>{u.payoutId}</strong> · {date(u.payoutDate)} · <Money cents={u.amountCents} /> — {t(`bank.payoutCause.${u.cause}` as 'bank.payoutCause.pending', { defaultValue: u.cause })}
            </li>
          ))}
        </ul>
      )}

      <h4>{t('bank.unmatchedCreditsHeading', { count: result.unmatchedCredits.length })}</h4>
      {result.unmatchedCredits.length === 0 ? (
        <p className="muted">{t('bank.allCreditsExplained')}</p>
      ) : (
        <ul className="po-bank__list po-bank__unmatched-credits">
          {result.unmatchedCredits.map((c) => (
            <li key={c.creditId}>
              {date(c.bookingDate)} · <Money cents={c.amountCents} /> · {c.counterparty || '—'} {c.reference ? t('bank.quoted', { text: c.reference }) : ''} — {t(`bank.creditCause.${c.cause}` as 'bank.creditCause.no_payout', { defaultValue: c.cause })}
            </li>
          ))}
        </ul>
      )}

      {/* What needs attention first; the (long) list of pairs after it. */}
      <h4>{t('bank.matchedHeading', { count: result.matched.length })}</h4>
      {result.matched.length === 0 ? (
        <p className="muted">{t('bank.noneMatched')}</p>
      ) : (
        <div className="po-table-wrap" role="region" aria-label={t('bank.matchedHeading', { count: result.matched.length })} tabIndex={0}>
          <table className="po-table po-bank__matched">
            <thead>
              <tr>
                <th scope="col">{t('bank.col.payout')}</th>
                <th scope="col">{t('bank.col.payoutDate')}</th>
                <th scope="col">{t('bank.col.bookingDate')}</th>
                <th scope="col" className="num">{t('bank.col.amount')}</th>
                <th scope="col">{t('bank.col.gap')}</th>
              </tr>
            </thead>
            <tbody>
              {result.matched.map((m) => (
                <tr key={m.payoutId}>
                  <td>{m.payoutId}</td>
                  <td className="po-nowrap">{date(m.payoutDate)}</td>
                  <td className="po-nowrap">{date(m.bookingDate)}</td>
                  <td className="num"><Money cents={m.amountCents} /></td>
                  <td>
                    {t('bank.gapDays', { count: m.gapDays })}
                    {m.byReference ? ` · ${t('bank.byReference')}` : ''}
                    {m.ambiguous ? ` · ${t('bank.ambiguous')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
