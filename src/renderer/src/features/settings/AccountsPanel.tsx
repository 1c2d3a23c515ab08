/**
 * Settings → Accounts: every account on this PC (built-in ones are the environments themselves),
 * open one, add a shop (name + environment; it opens without a key, and the usual "add a key"
 * notice follows), rename or remove an added one. Removing says first what it does and what it
 * does not (SecPaid is not touched).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ACCOUNT_NAME_MAX_LENGTH, ADDABLE_ACCOUNT_ENVIRONMENTS, type AccountsState, type AccountView, type AddableAccountEnvironment } from '@shared/accounts'
import { groupByEnvironment, useAccountLabel, useAccounts, useSwitchAccount } from '../../api/accounts'
import { call } from '../../api/call'
import { useEnvironment } from '../../api/hooks'
import { queryKeys } from '../../api/query-keys'
import { Badge, Button, describeError, Dialog, ErrorState, Field, Spinner } from '../../components'

/** The name rule of the contract (trimmed, 1–60 characters), said before main has to refuse it. */
function nameError(name: string, t: TFunction<'accounts'>): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return t('add.errorEmpty')
  if (trimmed.length > ACCOUNT_NAME_MAX_LENGTH) return t('add.errorLong', { max: ACCOUNT_NAME_MAX_LENGTH })
  return null
}

export function AccountsPanel(): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const accounts = useAccounts()
  const label = useAccountLabel()
  const switcher = useSwitchAccount()
  const [renaming, setRenaming] = useState<AccountView | null>(null)
  const [removing, setRemoving] = useState<AccountView | null>(null)
  const [status, setStatus] = useState('')

  if (accounts.isPending) return <Spinner />
  if (accounts.isError) return <ErrorState variant="inline" error={accounts.error} title={t('switcher.loadError')} onRetry={() => void accounts.refetch()} />
  const state = accounts.data

  return (
    <div className="stack">
      <p className="muted">{t('settings.intro')}</p>
      <table className="acct-table">
        <caption className="visually-hidden">{t('settings.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('settings.name')}</th>
            <th scope="col">{t('settings.env')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('settings.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {groupByEnvironment(state.accounts).flatMap((g) => g.accounts).map((account) => {
            const name = label(account)
            const isOpen = account.id === state.active
            return (
              <tr key={account.id} className={isOpen ? 'acct-table__open' : undefined}>
                <th scope="row" className="acct-table__name">
                  {name}
                  {account.builtIn ? <span className="acct-table__builtin"> ({t('settings.builtIn')})</span> : null}
                  {isOpen ? (
                    <>
                      {' '}
                      <Badge tone="info" label={t('settings.open')} />
                    </>
                  ) : null}
                </th>
                <td>{t(`env.${account.env}`)}</td>
                <td>
                  <div className="row acct-table__actions">
                    {!isOpen ? (
                      <Button
                        size="sm"
                        aria-label={t('settings.openLabel', { name })}
                        busy={switcher.isPending && switcher.variables === account.id}
                        onClick={() => switcher.mutate(account.id)}
                      >
                        {t('settings.openAction')}
                      </Button>
                    ) : null}
                    {!account.builtIn ? (
                      <>
                        <Button size="sm" aria-label={t('settings.renameLabel', { name })} onClick={() => setRenaming(account)}>
                          {t('settings.rename')}
                        </Button>
                        <Button
                          size="sm"
                          variant="danger"
                          aria-label={t('settings.removeLabel', { name })}
                          disabled={isOpen}
                          title={isOpen ? t('settings.removeOpenHint') : undefined}
                          onClick={() => setRemoving(account)}
                        >
                          {t('settings.remove')}
                        </Button>
                      </>
                    ) : null}
                  </div>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {state.accounts.some((a) => a.id === state.active && !a.builtIn) ? <p className="field__hint">{t('settings.removeOpenHint')}</p> : null}
      {switcher.isError ? <p className="field__error">{t('switcher.error', { message: describeError(switcher.error, tUi).sentence })}</p> : null}
      <p className="visually-hidden" aria-live="polite">
        {status}
      </p>
      <AddAccountForm />
      {renaming ? <RenameDialog account={renaming} onClose={() => setRenaming(null)} /> : null}
      {removing ? (
        <RemoveDialog
          account={removing}
          onClose={(removedName) => {
            setRemoving(null)
            if (removedName) setStatus(t('removeDialog.done', { name: removedName }))
          }}
        />
      ) : null}
    </div>
  )
}

function AddAccountForm(): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const client = useQueryClient()
  const env = useEnvironment()
  const switcher = useSwitchAccount()
  const addable = ADDABLE_ACCOUNT_ENVIRONMENTS.filter((e) => env.data?.available.includes(e) ?? e !== 'custom')
  const [name, setName] = useState('')
  const [target, setTarget] = useState<AddableAccountEnvironment>(addable[0] ?? 'production')
  const [touched, setTouched] = useState(false)
  const add = useMutation({
    mutationFn: (input: { name: string; env: AddableAccountEnvironment }) => call('addAccount', input),
    onSuccess: (added) => {
      client.setQueryData<AccountsState>(queryKeys.accounts, added.accounts)
      setName('')
      setTouched(false)
    }
  })
  const error = touched ? nameError(name, t) : null
  const added = add.data ? add.data.accounts.accounts.find((a) => a.id === add.data.id) : undefined

  return (
    <form
      className="stack acct-add"
      aria-labelledby="acct-add-title"
      onSubmit={(e) => {
        e.preventDefault()
        setTouched(true)
        if (nameError(name, t) === null && !add.isPending) add.mutate({ name: name.trim(), env: target })
      }}
    >
      <h3 id="acct-add-title">{t('add.title')}</h3>
      <div className="acct-add__fields">
        <Field label={t('add.name')} hint={t('add.nameHint', { max: ACCOUNT_NAME_MAX_LENGTH })} error={error}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={name}
              maxLength={ACCOUNT_NAME_MAX_LENGTH + 20}
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('add.env')}>
          {({ id }) => (
            <select id={id} className="select" value={target} onChange={(e) => setTarget(e.target.value as AddableAccountEnvironment)}>
              {addable.map((e) => (
                <option key={e} value={e}>
                  {t(`env.${e}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Button type="submit" variant="primary" busy={add.isPending}>
          {add.isPending ? t('add.adding') : t('add.submit')}
        </Button>
      </div>
      <div aria-live="polite">
        {add.isError ? <p className="field__error">{t('add.error', { message: describeError(add.error, tUi).sentence })}</p> : null}
        {add.isSuccess && added ? (
          <div className="row acct-add__done">
            <span>{t('add.done', { name: added.name ?? '' })}</span>
            <Button size="sm" busy={switcher.isPending} onClick={() => switcher.mutate(added.id)}>
              {t('add.openNow', { name: added.name ?? '' })}
            </Button>
          </div>
        ) : null}
      </div>
    </form>
  )
}

function RenameDialog({ account, onClose }: { account: AccountView; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const client = useQueryClient()
  const label = useAccountLabel()
  const [name, setName] = useState(account.name ?? '')
  const [touched, setTouched] = useState(false)
  const rename = useMutation({
    mutationFn: (next: string) => call('renameAccount', { id: account.id, name: next }),
    onSuccess: (state) => {
      client.setQueryData<AccountsState>(queryKeys.accounts, state)
      // The banner and the switcher name the open account from the environment info.
      void client.invalidateQueries({ queryKey: queryKeys.environment })
      onClose()
    }
  })
  const error = touched ? nameError(name, t) : null
  const submit = (): void => {
    setTouched(true)
    if (nameError(name, t) === null && !rename.isPending) rename.mutate(name.trim())
  }
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('renameDialog.title', { name: label(account) })}
      locked={rename.isPending}
      dismissOnOutside={false}
      width={460}
      footer={
        <>
          <Button onClick={onClose} disabled={rename.isPending}>
            {t('renameDialog.cancel')}
          </Button>
          <Button variant="primary" busy={rename.isPending} onClick={submit}>
            {rename.isPending ? t('renameDialog.saving') : t('renameDialog.save')}
          </Button>
        </>
      }
    >
      <form
        onSubmit={(e) => {
          e.preventDefault()
          submit()
        }}
      >
        <Field label={t('renameDialog.name')} error={error}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              className="input"
              value={name}
              maxLength={ACCOUNT_NAME_MAX_LENGTH + 20}
              autoComplete="off"
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        {rename.isError ? <p className="field__error">{t('renameDialog.error', { message: describeError(rename.error, tUi).sentence })}</p> : null}
      </form>
    </Dialog>
  )
}

function RemoveDialog({ account, onClose }: { account: AccountView; onClose: (removedName: string | null) => void }): React.JSX.Element {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const client = useQueryClient()
  const label = useAccountLabel()
  const name = label(account)
  const remove = useMutation({
    mutationFn: () => call('removeAccount', { id: account.id }),
    onSuccess: (state) => {
      client.setQueryData<AccountsState>(queryKeys.accounts, state)
      // Every account's month lists this one no more.
      void client.invalidateQueries({ queryKey: ['acrossAccounts'] })
      onClose(name)
    }
  })
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose(null))}
      title={t('removeDialog.title', { name })}
      locked={remove.isPending}
      width={520}
      footer={
        <>
          <Button onClick={() => onClose(null)} disabled={remove.isPending}>
            {t('removeDialog.cancel')}
          </Button>
          <Button variant="danger" busy={remove.isPending} onClick={() => remove.mutate()}>
            {remove.isPending ? t('removeDialog.removing') : t('removeDialog.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('removeDialog.intro')}</p>
      <ul className="acct-remove__list">
        <li>{t('removeDialog.key')}</li>
        <li>{t('removeDialog.data')}</li>
        <li>{t('removeDialog.secpaid')}</li>
      </ul>
      {remove.isError ? (
        <p className="field__error" role="alert">
          {t('removeDialog.error', { message: describeError(remove.error, tUi).sentence })}
        </p>
      ) : null}
    </Dialog>
  )
}
