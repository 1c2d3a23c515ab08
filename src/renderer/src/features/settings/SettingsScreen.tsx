import { useTranslation } from 'react-i18next'
import { useAccountLabel } from '../../api/accounts'
import { useEnvironment } from '../../api/hooks'
import { AccountsPanel } from './AccountsPanel'
import { ApiKeyPanel } from './ApiKeyPanel'
import { AppearanceSettings } from './AppearanceSettings'
import { DataSettings } from './DataSettings'
import { DatevSettingsPanel } from './DatevSettingsPanel'
import { EnvironmentPicker } from './EnvironmentPicker'
import { TeamPanel } from './TeamPanel'

export function SettingsScreen(): React.JSX.Element {
  const { t } = useTranslation('settings')
  const { t: tAccounts } = useTranslation('accounts')
  const { t: tTeam } = useTranslation('team')
  const env = useEnvironment()
  const label = useAccountLabel()
  // The key, the team and the DATEV numbers belong to the open account: say which one.
  const openAccount = env.data ? t('openAccount', { name: label({ name: env.data.account.name, env: env.data.active }), env: tAccounts(`env.${env.data.active}`) }) : null
  return (
    <section className="screen screen--padded">
      <div className="settings">
        <section className="settings-card" aria-labelledby="set-accounts">
          <h2 id="set-accounts">{tAccounts('settings.title')}</h2>
          <AccountsPanel />
        </section>
        <section className="settings-card" aria-labelledby="set-env">
          <h2 id="set-env">{t('env.title')}</h2>
          <p className="muted">{t('env.intro')}</p>
          <EnvironmentPicker selected={env.data?.active ?? null} />
        </section>
        <section className="settings-card" aria-labelledby="set-key">
          <h2 id="set-key">{t('key.title')}</h2>
          {openAccount ? <p className="muted settings-account">{openAccount}</p> : null}
          <ApiKeyPanel />
        </section>
        <section className="settings-card" aria-labelledby="set-team">
          <h2 id="set-team">{tTeam('title')}</h2>
          {openAccount ? <p className="muted settings-account">{openAccount}</p> : null}
          <TeamPanel />
        </section>
        <section className="settings-card" aria-labelledby="set-look">
          <h2 id="set-look">{t('appearance.title')}</h2>
          <AppearanceSettings />
        </section>
        <section className="settings-card" aria-labelledby="set-datev">
          <h2 id="set-datev">{t('datev.title')}</h2>
          {openAccount ? <p className="muted settings-account">{openAccount}</p> : null}
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
