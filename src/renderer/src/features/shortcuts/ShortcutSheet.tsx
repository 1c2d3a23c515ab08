/**
 * The `?` sheet: every shortcut, grouped by where it works. `?` itself works on every screen,
 * except while typing or while a dialog is open.
 */
import { useTranslation } from 'react-i18next'
import { useState } from 'react'
import { Button, Dialog, useScreenShortcut } from '../../components'
import './shortcuts.css'

interface Key {
  label: string
  /** Spoken name for symbols a screen reader would mangle (↓, /, ?). */
  name: string
}

interface Shortcut {
  keys: Key[][]
  action: string
}

interface Group {
  heading: string
  shortcuts: Shortcut[]
}

function KeyCap({ label, name }: Key): React.JSX.Element {
  return (
    <kbd>
      <span aria-hidden="true">{label}</span>
      <span className="visually-hidden">{name}</span>
    </kbd>
  )
}

export function ShortcutSheet(): React.JSX.Element {
  const { t } = useTranslation('shortcuts')
  const [open, setOpen] = useState(false)
  useScreenShortcut('?', () => setOpen(true))
  const k = (label: string, name: string): Key => ({ label, name })
  const groups: Group[] = [
    {
      heading: t('where.everywhere'),
      shortcuts: [
        { keys: [[k('?', t('keys.question'))]], action: t('help') },
        { keys: [[k('Esc', t('keys.esc'))]], action: t('close') }
      ]
    },
    {
      heading: t('where.transactions'),
      shortcuts: [
        { keys: [[k('/', t('keys.slash'))]], action: t('search') },
        { keys: [[k('↓', t('keys.down'))], [k('Enter', t('keys.enter'))]], action: t('toResults') },
        { keys: [[k('↓', t('keys.down')), k('↑', t('keys.up'))], [k('j', 'j'), k('k', 'k')]], action: t('move') },
        { keys: [[k('Enter', t('keys.enter'))]], action: t('details') },
        { keys: [[k('r', 'r')]], action: t('refund') },
        { keys: [[k('e', 'e')]], action: t('export') }
      ]
    },
    {
      heading: t('where.month'),
      shortcuts: [{ keys: [[k('e', 'e')]], action: t('exportMonth') }]
    }
  ]
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t('title')}
      description={t('description')}
      width={520}
      footer={
        <Button variant="primary" onClick={() => setOpen(false)}>
          {t('closeButton')}
        </Button>
      }
    >
      {groups.map((group) => (
        <table key={group.heading} className="sc-table">
          <caption>{group.heading}</caption>
          <thead>
            <tr>
              <th scope="col">{t('keyHeader')}</th>
              <th scope="col">{t('actionHeader')}</th>
            </tr>
          </thead>
          <tbody>
            {group.shortcuts.map((s) => (
              <tr key={s.action}>
                <td className="sc-keys">
                  {s.keys.map((keys, gi) => (
                    <span key={gi} className="sc-group">
                      {gi > 0 ? <span className="sc-or">{t('or')}</span> : null}
                      {keys.map((key) => (
                        <KeyCap key={key.label} {...key} />
                      ))}
                    </span>
                  ))}
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Dialog>
  )
}
