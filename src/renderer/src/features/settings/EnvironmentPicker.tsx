import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/call'
import { useEnvironment } from '../../api/hooks'
import { openedAccount } from '../../api/use-live-updates'
import { ErrorState } from '../../components'
import type { EnvironmentId } from '@shared/domain'

const ORDER: EnvironmentId[] = ['production', 'development', 'demo', 'custom']

/** Radio cards for the environments main offers; switching is immediate. */
export function EnvironmentPicker({ selected }: { selected: EnvironmentId | null }): React.JSX.Element {
  const { t } = useTranslation('settings')
  const id = useId()
  const client = useQueryClient()
  const env = useEnvironment()
  const change = useMutation({
    mutationFn: (target: EnvironmentId) => call('setEnvironment', { env: target }),
    // Another environment is another (built-in) account: its data replaces the previous one's.
    onSuccess: (info) => openedAccount(client, info)
  })
  const available = ORDER.filter((e) => env.data?.available.includes(e))

  return (
    <fieldset className="settings-fieldset">
      <legend className="visually-hidden">{t('env.title')}</legend>
      <div className="env-options">
        {available.map((e) => (
          <label key={e} className="radio-card">
            <input
              type="radio"
              name={`${id}-env`}
              value={e}
              checked={selected === e}
              disabled={change.isPending}
              onChange={() => change.mutate(e)}
            />
            <span>
              <strong>{t(`env.${e}`)}</strong>
              <br />
              <span className="muted">{e === 'custom' ? t('env.customHint', { url: env.data?.baseUrl ?? '' }) : t(`env.${e}Hint`)}</span>
            </span>
          </label>
        ))}
      </div>
      {change.isError ? <ErrorState variant="inline" error={change.error} /> : null}
    </fieldset>
  )
}
