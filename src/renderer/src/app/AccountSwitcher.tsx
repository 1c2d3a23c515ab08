/**
 * The account switcher at the top of the navigation: which shop is open (its name, or the
 * environment's label for a built-in account) and in which environment, and every account grouped
 * by environment, one click (or Enter) to open another.
 *
 * A disclosure, not an ARIA menu: the button says what is open (its name is its visible text:
 * "Account", the name, the environment) and whether the list is shown;
 * the list is ordinary buttons (the open one marked aria-current), so screen readers read it as
 * they read the navigation. ↓/↑/Home/End move between the entries, Esc closes and returns focus
 * to the button, Tab or a click elsewhere closes it.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { AccountView } from '@shared/accounts'
import { groupByEnvironment, useAccountLabel, useAccounts, useSwitchAccount } from '../api/accounts'
import { describeError } from '../components'
import { routeHref } from './router'

export function AccountSwitcher(): React.JSX.Element | null {
  const { t } = useTranslation('accounts')
  const { t: tUi } = useTranslation('ui')
  const accounts = useAccounts()
  const switcher = useSwitchAccount()
  const label = useAccountLabel()
  const [open, setOpen] = useState(false)
  const [announcement, setAnnouncement] = useState('')
  const panelId = useId()
  const rootRef = useRef<HTMLDivElement>(null)
  const buttonRef = useRef<HTMLButtonElement>(null)

  // A click or touch anywhere else closes the list.
  useEffect(() => {
    if (!open) return
    const onPointerDown = (e: PointerEvent): void => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [open])

  const state = accounts.data
  const current = state?.accounts.find((a) => a.id === state.active) ?? null
  if (!state || !current) return null

  const choose = (account: AccountView): void => {
    if (account.id === state.active) {
      setOpen(false)
      buttonRef.current?.focus()
      return
    }
    switcher.mutate(account.id, {
      onSuccess: () => {
        setOpen(false)
        setAnnouncement(t('switcher.opened', { name: label(account), env: t(`env.${account.env}`) }))
        buttonRef.current?.focus()
      }
    })
  }

  const onPanelKeyDown = (e: React.KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      setOpen(false)
      buttonRef.current?.focus()
      return
    }
    if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key)) return
    const items = [...(rootRef.current?.querySelectorAll<HTMLElement>('[data-account-item]') ?? [])]
    if (items.length === 0) return
    e.preventDefault()
    const at = items.indexOf(document.activeElement as HTMLElement)
    const next =
      e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : e.key === 'ArrowDown' ? (at + 1) % items.length : (at - 1 + items.length) % items.length
    items[next]?.focus()
  }

  const name = label(current)
  const envLabel = t(`env.${current.env}`)

  return (
    <div
      className="acct-switcher"
      ref={rootRef}
      onBlur={(e) => {
        // Tab out of the list closes it (focus moving inside it does not).
        if (open && e.relatedTarget instanceof Node && !e.currentTarget.contains(e.relatedTarget)) setOpen(false)
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="acct-switcher__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-describedby={`${panelId}-hint`}
        title={t('switcher.button', { name, env: envLabel })}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault()
            setOpen(true)
          } else if (e.key === 'Escape' && open) {
            e.preventDefault()
            setOpen(false)
          }
        }}
      >
        <span className="acct-switcher__initials" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="acct-switcher__text">
          <span className="acct-switcher__caption">{t('switcher.label')}</span>
          <span className="acct-switcher__name">{name}</span>
          {/* A built-in account is named by its environment: saying it twice helps nobody. */}
          <span className={`acct-switcher__env acct-switcher__env--${current.env}`}>{current.builtIn ? t('settings.builtIn') : envLabel}</span>
        </span>
        <span className="acct-switcher__chevron" aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      {open ? (
        <div id={panelId} className="acct-switcher__panel" role="group" aria-label={t('switcher.panel')} data-popover="true" onKeyDown={onPanelKeyDown}>
          <FocusFirstOnOpen root={rootRef} />
          {groupByEnvironment(state.accounts).map((group) => (
            <div key={group.env} className="acct-switcher__group" role="group" aria-labelledby={`${panelId}-${group.env}`}>
              <p className="acct-switcher__group-title" id={`${panelId}-${group.env}`}>
                {t(`env.${group.env}`)}
              </p>
              <ul>
                {group.accounts.map((account) => (
                  <li key={account.id}>
                    <button
                      type="button"
                      className="acct-switcher__item"
                      data-account-item=""
                      aria-current={account.id === state.active ? 'true' : undefined}
                      {...(switcher.isPending && switcher.variables === account.id ? { 'aria-busy': true } : {})}
                      onClick={() => choose(account)}
                    >
                      <span className="acct-switcher__check" aria-hidden="true">
                        {account.id === state.active ? '✓' : ''}
                      </span>
                      <span className="acct-switcher__item-name">
                        {label(account)}
                        {account.builtIn ? <span className="acct-switcher__builtin"> ({t('settings.builtIn')})</span> : null}
                      </span>
                      {account.id === state.active ? <span className="acct-switcher__current">{t('switcher.current')}</span> : null}
                      {switcher.isPending && switcher.variables === account.id ? <span className="muted">{t('switcher.switching')}</span> : null}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {switcher.isError ? (
            <p className="field__error acct-switcher__error" role="alert">
              {t('switcher.error', { message: describeError(switcher.error, tUi).sentence })}
            </p>
          ) : null}
          <a className="acct-switcher__manage" href={`${routeHref('settings')}`} data-account-item="" onClick={() => setOpen(false)}>
            {t('switcher.manage')}
          </a>
        </div>
      ) : null}
      <span className="visually-hidden" id={`${panelId}-hint`}>
        {t('switcher.panel')}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  )
}

/** On opening, focus goes to the open account's entry (else the first), as a listbox would. */
function FocusFirstOnOpen({ root }: { root: React.RefObject<HTMLDivElement | null> }): null {
  useEffect(() => {
    const panel = root.current
    const target = panel?.querySelector<HTMLElement>('[data-account-item][aria-current="true"]') ?? panel?.querySelector<HTMLElement>('[data-account-item]')
    target?.focus()
  }, [root])
  return null
}

/** Up to two letters for the collapsed navigation (the full name is the button's accessible name). */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean)
  const letters = words.length > 1 ? [words[0]![0], words[1]![0]] : [...(words[0] ?? '?')].slice(0, 2)
  return letters.join('').toUpperCase()
}
