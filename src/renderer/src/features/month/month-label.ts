/** "2026-01" → "Januar 2026" / "January 2026", from this feature's translations. */
import { useTranslation } from 'react-i18next'

export function useMonthLabel(): (month: string) => string {
  const { t } = useTranslation('month')
  const names = t('monthNames', { returnObjects: true }) as unknown
  return (month) => {
    const [year, m] = month.split('-')
    const name = Array.isArray(names) ? names[Number(m) - 1] : undefined
    return typeof name === 'string' ? `${name} ${year ?? ''}` : month
  }
}
