/** "37/52 reviewed" with a bar; announced politely as ticks change. */
import { useTranslation } from 'react-i18next'

export function ReviewProgress({ done, total }: { done: number; total: number }): React.JSX.Element {
  const { t } = useTranslation('month')
  return (
    <div className="mr-progress">
      <p aria-live="polite" className="mr-progress__text">
        {t('review.progress', { done, total })}
        {total > 0 && done === total ? <span> · ✓ {t('review.allDone')}</span> : null}
      </p>
      <progress className="mr-progress__bar" max={Math.max(total, 1)} value={done} aria-label={t('review.progressLabel')} />
    </div>
  )
}
