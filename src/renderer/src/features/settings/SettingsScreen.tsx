import { useTranslation } from 'react-i18next'
import { useEnvironment } from '../../api/hooks'
import { ApiKeyPanel } from './ApiKeyPanel'
import { AppearanceSettings } from './AppearanceSettings'
import { DataSettings } from './DataSettings'
import { DatevSettingsPanel } from './DatevSettingsPanel'
import { EnvironmentPicker } from './EnvironmentPicker'

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation('settings')
  const env = useEnvironment()
  return (
    <section className="screen screen--padded">
      <div className="settings">
        <section className="settings-card" aria-labelledby="set-env">
          <h2 id="set-env">{t('env.title')}</h2>
          <p className="muted">{t('env.intro')}</p>
          <EnvironmentPicker selected={env.data?.active ?? null} />
        </section>
        <section className="settings-card" aria-labelledby="set-key">
          <h2 id="set-key">{t('key.title')}</h2>
          <ApiKeyPanel />
        </section>
        <section className="settings-card" aria-labelledby="set-look">
          <h2 id="set-look">{t('appearance.title')}</h2>
          <AppearanceSettings />
        </section>
        <section className="settings-card" aria-labelledby="set-datev">
          <h2 id="set-datev">{t('datev.title')}</h2>
          <DatevSettingsPanel />
        </section>
        <section className="settings-card" aria-labelledby="set-data">
          <h2 id="set-data">{t('data.title')}</h2>
          <DataSettings />
        </section>
      </div>
    </section>
  )
}
