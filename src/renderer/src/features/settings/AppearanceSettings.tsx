import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { useSettings, useUpdateSettings } from '../../api/hooks'
import type { Language, Theme } from '@shared/views'
import { detectOsLanguage } from '../../i18n'

const THEMES: Theme[] = ['system', 'light', 'dark']

/** Language (OS default or fixed) and theme; both apply live. */
export function AppearanceSettings(): React.JSX.Element | null {
  const { t } = useTranslation('settings')
  const id = useId()
  const settings = useSettings()
  const update = useUpdateSettings()
  if (!settings.data) return null
  const { language, theme } = settings.data
  const osLang = detectOsLanguage()

  return (
    <div className="settings-grid">
      <label className="field__label" htmlFor={`${id}-lang`}>
        {t('appearance.language')}
      </label>
      <select
        id={`${id}-lang`}
        className="select"
        value={language ?? 'system'}
        onChange={(e) => void update({ language: e.target.value === 'system' ? null : (e.target.value as Language) })}
      >
        <option value="system">{t('appearance.languageSystem', { lang: t(`appearance.${osLang}`) })}</option>
        <option value="de">{t('appearance.de')}</option>
        <option value="en">{t('appearance.en')}</option>
      </select>
      <span className="field__label" id={`${id}-theme`}>
        {t('appearance.theme')}
      </span>
      <div className="segmented" role="radiogroup" aria-labelledby={`${id}-theme`}>
        {THEMES.map((th) => (
          <label key={th} className="segmented__option">
            <input type="radio" name={`${id}-theme-radio`} checked={theme === th} onChange={() => void update({ theme: th })} />
            <span>{t(`appearance.${th}`)}</span>
          </label>
        ))}
      </div>
    </div>
  )
}
