/**
 * The `?` sheet (issue 4 item 8). Opens on the `secpaid:shortcuts` window event the shell
 * dispatches for `?`. As a fallback (a shell without that wiring), it also reacts to `?` itself —
 * but only when no such event arrived for the same key press, so it never opens twice.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, Dialog } from '../../components'
import { SHORTCUTS_NS } from './shortcuts-i18n'
import './shortcuts.css'

export const SHORTCUTS_EVENT = 'secpaid:shortcuts'

interface Key {
  label: string
  /** Accessible name for symbols a screen reader would mangle. */
  name: string
}

interface Shortcut {
  keys: Key[][]
  action: string
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type)
}

function useShortcutSheetOpen(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false)
  useEffect(() => {
    let eventSeen = false
    const onEvent = (): void => {
      eventSeen = true
      setOpen(true)
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return
      // The shell dispatches its event synchronously within this same key press (before or after
      // this listener); look once the press is fully handled.
      setTimeout(() => {
        if (!eventSeen && !document.querySelector('[role="dialog"]')) setOpen(true)
        eventSeen = false
      }, 0)
    }
    window.addEventListener(SHORTCUTS_EVENT, onEvent)
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener(SHORTCUTS_EVENT, onEvent)
      window.removeEventListener('keydown', onKey)
    }
  }, [])
  return [open, setOpen]
}

export function ShortcutSheet(): React.JSX.Element {
  const { t } = useTranslation(SHORTCUTS_NS)
  const [open, setOpen] = useShortcutSheetOpen()
  const k = (label: string, name: string): Key => ({ label, name })
  const shortcuts: Shortcut[] = [
    { keys: [[k('/', t('keys.slash'))]], action: t('search') },
    { keys: [[k('↓', t('keys.down')), k('↑', t('keys.up'))], [k('j', 'j'), k('k', 'k')]], action: t('move') },
    { keys: [[k('Enter', t('keys.enter'))]], action: t('details') },
    { keys: [[k('r', 'r')]], action: t('refund') },
    { keys: [[k('e', 'e')]], action: t('export') },
    { keys: [[k('?', t('keys.question'))]], action: t('help') },
    { keys: [[k('Esc', t('keys.esc'))]], action: t('close') }
  ]
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t('title')}
      description={t('description')}
      width={480}
      footer={
        <Button variant="primary" onClick={() => setOpen(false)}>
          {t('closeButton')}
        </Button>
      }
    >
      <table className="sc-table">
        <thead>
          <tr>
            <th scope="col">{t('keyHeader')}</th>
            <th scope="col">{t('actionHeader')}</th>
          </tr>
        </thead>
        <tbody>
          {shortcuts.map((s) => (
            <tr key={s.action}>
              <td className="sc-keys">
                {s.keys.map((group, gi) => (
                  <span key={gi} className="sc-group">
                    {gi > 0 ? <span className="sc-or">{t('or')}</span> : null}
                    {group.map((key) => (
                      <kbd key={key.label} aria-label={key.name} title={key.name}>
                        {key.label}
                      </kbd>
                    ))}
                  </span>
                ))}
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
