/** The honest "data as of" stamp (ISO instant of the last successful sync, shown in Berlin time). */
import { useTranslation } from 'react-i18next'
import { Badge } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatInstant } from '../../components/format-instant'

export function DataAsOf({ dataAsOf, stale }: { dataAsOf: string | null; stale: boolean }): React.JSX.Element {
  const { t } = useTranslation('month')
  const lang = useUiLanguage()
  return (
    <p className="row mr-asof">
      <strong>{dataAsOf ? t('dataAsOf', { time: formatInstant(dataAsOf, lang) }) : t('dataAsOfNever')}</strong>
      {stale ? <Badge tone="warning" label={t('staleBadge')} /> : null}
    </p>
  )
}
