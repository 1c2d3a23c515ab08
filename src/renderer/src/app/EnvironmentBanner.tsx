import { useTranslation } from 'react-i18next'
import { useEnvironment } from '../api/hooks'

/**
 * Loud strip whenever the active environment is not Production. A labelled region, so it sits in
 * a landmark like the rest of the page. With an added account open it names the account too: two
 * shops in the test environment look alike otherwise.
 */
export function EnvironmentBanner(): React.JSX.Element | null {
  const { t } = useTranslation('app')
  const { t: tAccounts } = useTranslation('accounts')
  const { data: env } = useEnvironment()
  if (!env || env.isProduction) return null
  const label = env.active === 'custom' ? t('env.custom', { url: env.baseUrl ?? '?' }) : t(`env.${env.active}`)
  const account = env.account.name === null ? null : tAccounts('banner.account', { name: env.account.name })
  return (
    <div className="env-banner" role="region" aria-label={account ? `${label} · ${account}` : label}>
      <strong>{label}</strong>
      {account ? (
        <>
          <span aria-hidden="true">·</span>
          <strong className="env-banner__account">{account}</strong>
        </>
      ) : null}
      <span aria-hidden="true">·</span>
      <span>{t('env.bannerHint')}</span>
    </div>
  )
}
