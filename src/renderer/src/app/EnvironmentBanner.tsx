import { useTranslation } from 'react-i18next'
import { useEnvironment } from '../api/hooks'

/**
 * Loud strip whenever the active environment is not Production. A labelled region, so it sits in
 * a landmark like the rest of the page.
 */
export function EnvironmentBanner(): React.JSX.Element | null {
  const { t } = useTranslation('app')
  const { data: env } = useEnvironment()
  if (!env || env.isProduction) return null
  const label = env.active === 'custom' ? t('env.custom', { url: env.baseUrl ?? '?' }) : t(`env.${env.active}`)
  return (
    <div className="env-banner" role="region" aria-label={label}>
      <strong>{label}</strong>
      <span aria-hidden="true">·</span>
      <span>{t('env.bannerHint')}</span>
    </div>
  )
}
