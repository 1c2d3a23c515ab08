/** The audit trail of one request: every state change with time, OS user and note. */
import { useTranslation } from 'react-i18next'
import type { RefundHistoryEntry } from '@shared/views'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'

export function RequestHistory({ id, entries }: { id: string; entries: RefundHistoryEntry[] }): React.JSX.Element {
  const { t } = useTranslation('requests')
  const lang = useUiLanguage()
  return (
    <table className="rq-history" id={id}>
      <caption>{t('history.title')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('history.time')}</th>
          <th scope="col">{t('history.state')}</th>
          <th scope="col">{t('history.user')}</th>
          <th scope="col">{t('history.note')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={`${e.at}-${i}`}>
            <td className="rq-nowrap">{formatInstant(e.at, lang)}</td>
            <td>{t(`state.${e.state}`)}</td>
            <td>{e.osUser}</td>
            <td>{e.note ?? t('history.none')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
