import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { call } from '../../api/call'
import { useCredentialStatus } from '../../api/hooks'
import { queryKeys } from '../../api/query-keys'
import { Button, ErrorState, Field, Notice, Spinner } from '../../components'
import type { CredentialStatus, KeychainProblem } from '@shared/views'

/** Shows which key is stored (last 4 only) or takes a new one; main validates and stores it. */
export function ApiKeyPanel(): React.JSX.Element {
  const { t } = useTranslation('settings')
  const status = useCredentialStatus()
  const client = useQueryClient()
  const [replacing, setReplacing] = useState(false)
  const onStatus = (next: CredentialStatus): void => {
    client.setQueryData(queryKeys.credentials, next)
    setReplacing(false)
  }
  const signOut = useMutation({ mutationFn: () => call('signOut', {}), onSuccess: onStatus })

  if (status.isLoading) return <Spinner />
  if (status.isError) return <ErrorState variant="inline" error={status.error} onRetry={() => void status.refetch()} />
  const s = status.data
  if (!s) return <Spinner />
  if (s.storage === 'demo') return <p className="muted">{t('key.demoNone')}</p>

  return (
    <div className="stack">
      {!s.keychainAvailable && s.keychainProblem ? (
        <Notice tone="warning" title={t('key.keychainMissing')}>
          <KeychainAdvice problem={s.keychainProblem} />
        </Notice>
      ) : null}
      {s.hasKey && !replacing ? (
        <div className="key-status">
          <div>
            <p>
              <strong>{t('key.stored', { last4: s.last4 ?? '????' })}</strong>
            </p>
            <p className="muted">{s.storage === 'session' ? t('key.storedSession') : t('key.storedKeychain')}</p>
          </div>
          <div className="row">
            <Button onClick={() => setReplacing(true)}>{t('key.replace')}</Button>
            <Button variant="danger" onClick={() => signOut.mutate()} busy={signOut.isPending}>
              {signOut.isPending ? t('key.signingOut') : t('key.signOut')}
            </Button>
          </div>
        </div>
      ) : (
        <ApiKeyForm keychainAvailable={s.keychainAvailable} onSaved={onStatus} />
      )}
      {signOut.isError ? <ErrorState variant="inline" error={signOut.error} /> : null}
    </div>
  )
}

function ApiKeyForm({ keychainAvailable, onSaved }: { keychainAvailable: boolean; onSaved: (s: CredentialStatus) => void }): React.JSX.Element {
  const { t } = useTranslation('settings')
  const client = useQueryClient()
  const [key, setKey] = useState('')
  const [visible, setVisible] = useState(false)
  const save = useMutation({
    mutationFn: (sessionOnly: boolean) => call('saveApiKey', { key: key.trim(), sessionOnly }),
    onSuccess: (s) => {
      setKey('')
      onSaved(s)
      // A new key may make a sync possible now.
      void call('runSync', { full: false }).then((state) => client.setQueryData(queryKeys.syncState, state)).catch(() => undefined)
    }
  })
  const canSave = key.trim() !== '' && !save.isPending

  return (
    <form
      className="stack"
      onSubmit={(e) => {
        e.preventDefault()
        if (canSave) save.mutate(!keychainAvailable)
      }}
    >
      <Field label={t('key.label')} hint={t('key.hint')}>
        {({ id, describedBy }) => (
          <div className="key-input">
            <input
              id={id}
              className="input mono"
              type={visible ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={key}
              maxLength={512}
              aria-describedby={describedBy}
              onChange={(e) => setKey(e.target.value)}
            />
            <Button onClick={() => setVisible((v) => !v)} aria-pressed={visible}>
              {visible ? t('key.hide') : t('key.show')}
            </Button>
          </div>
        )}
      </Field>
      <p className="muted key-where">{t('key.where')}</p>
      {save.isError ? <ErrorState variant="inline" error={save.error} /> : null}
      <div className="row">
        {keychainAvailable ? (
          <Button type="submit" variant="primary" disabled={!canSave}>
            {save.isPending ? t('key.saving') : t('key.save')}
          </Button>
        ) : (
          <Button type="submit" variant="primary" disabled={!canSave} title={t('key.sessionOnlyHint')}>
            {save.isPending ? t('key.saving') : t('key.sessionOnly')}
          </Button>
        )}
      </div>
      {!keychainAvailable ? <p className="muted">{t('key.sessionOnlyHint')}</p> : null}
    </form>
  )
}

/** What is wrong with the OS keychain and what to do, in the user's language. */
function KeychainAdvice({ problem }: { problem: KeychainProblem }): React.JSX.Element {
  const { t } = useTranslation('settings')
  const advice = problem.platform === 'linux' ? t(`keychainAdvice.linux.${problem.reason}`) : t(`keychainAdvice.${problem.platform}`)
  return (
    <>
      <p>
        {t(`keychainAdvice.summary.${problem.reason}`)} {advice}
      </p>
      <p>{t('keychainAdvice.sessionOnly')}</p>
    </>
  )
}
