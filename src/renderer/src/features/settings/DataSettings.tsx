import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useRunSync, useSettings, useUpdateSettings } from '../../api/hooks'
import { Button } from '../../components'

/** History window (months) and a full re-sync. */
export function DataSettings(): React.JSX.Element | null {
  const { t } = useTranslation('settings')
  const id = useId()
  const settings = useSettings()
  const update = useUpdateSettings()
  const { run, pending } = useRunSync()
  const saved = settings.data?.historyWindowMonths
  const [text, setText] = useState(saved === undefined ? '' : String(saved))
  useEffect(() => {
    if (saved !== undefined) setText(String(saved))
  }, [saved])
  if (!settings.data) return null

  const commit = (): void => {
    const n = Number(text)
    if (Number.isInteger(n) && n >= 1 && n <= 60 && n !== saved) void update({ historyWindowMonths: n })
    else if (saved !== undefined) setText(String(saved))
  }

  return (
    <div className="stack">
      <div className="settings-grid">
        <label className="field__label" htmlFor={`${id}-hist`}>
          {t('data.history')}
        </label>
        <div>
          <input
            id={`${id}-hist`}
            className="input settings-number"
            type="number"
            min={1}
            max={60}
            value={text}
            aria-describedby={`${id}-hist-hint`}
            onChange={(e) => setText(e.target.value)}
            onBlur={commit}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
          <p id={`${id}-hist-hint`} className="field__hint">
            {t('data.historyHint')}
          </p>
        </div>
      </div>
      <div className="row">
        <Button onClick={() => run(true)} busy={pending}>
          {t('data.fullSync')}
        </Button>
        <span className="muted">{t('data.fullSyncHint')}</span>
      </div>
    </div>
  )
}
