import { useTranslation } from 'react-i18next'
import { useCredentialStatus, useSettings } from '../../api/hooks'
import { navigate } from '../../app/router'
import { Button } from '../../components'
import { ApiKeyPanel, AppearanceSettings, EnvironmentPicker } from '../settings'

/** First run: pick the environment, add a key where one is needed, then go to the transactions. */
export function WelcomeScreen(): React.JSX.Element {
  const { t } = useTranslation('settings')
  const settings = useSettings()
  const credentials = useCredentialStatus()
  const chosen = settings.data?.environment ?? null
  const needsKey = chosen !== null && chosen !== 'demo'
  const ready = chosen === 'demo' || (needsKey && credentials.data?.hasKey === true && credentials.data.env === chosen)

  return (
    <div className="welcome">
      <header className="welcome__header">
        <h1>{t('welcome.title')}</h1>
        <p className="muted">{t('welcome.intro')}</p>
      </header>
      <section className="settings-card" aria-labelledby="welcome-env">
        <h2 id="welcome-env">{t('welcome.step1')}</h2>
        <EnvironmentPicker selected={chosen} />
      </section>
      {needsKey ? (
        <section className="settings-card" aria-labelledby="welcome-key">
          <h2 id="welcome-key">{t('welcome.step2')}</h2>
          <ApiKeyPanel />
        </section>
      ) : null}
      <section className="settings-card">
        <AppearanceSettings />
      </section>
      <div className="welcome__actions">
        {needsKey && !ready ? (
          <Button variant="ghost" onClick={() => navigate('transactions')}>
            {t('welcome.later')}
          </Button>
        ) : null}
        <Button variant="primary" disabled={!ready} onClick={() => navigate('transactions')}>
          {chosen === 'demo' ? t('welcome.startDemo') : t('welcome.start')}
        </Button>
      </div>
    </div>
  )
}
