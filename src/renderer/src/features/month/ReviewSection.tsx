/** The review list with its progress, "only unreviewed" and "mark all visible" controls. */
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Button, describeError } from '../../components'
import type { ReviewTickOrigin } from '@shared/team'
import type { TransactionView } from '@shared/views'
import { ReviewList } from './ReviewList'
import { ReviewProgress } from './ReviewProgress'
import { useSetReviewed } from './use-month-data'

interface Props {
  month: string
  rows: TransactionView[]
  reviewed: ReadonlySet<string>
  reviewedCount: number
  /** Team mode: who set each row's tick; null when the account is not in a team. */
  tickOrigins: ReadonlyMap<string, ReviewTickOrigin> | null
}

export function ReviewSection({ month, rows, reviewed, reviewedCount, tickOrigins }: Props): React.JSX.Element {
  const { t } = useTranslation('month')
  const setReviewed = useSetReviewed(month)
  const [onlyOpen, setOnlyOpen] = useState(false)
  // Ticking a row in "only unreviewed" must not yank it away mid-click: the list is fixed when
  // the toggle is switched on and refreshed when it is switched again.
  const [openSnapshot, setOpenSnapshot] = useState<ReadonlySet<string> | null>(null)
  const visible = useMemo(
    () => (onlyOpen && openSnapshot ? rows.filter((r) => openSnapshot.has(r.key)) : rows),
    [rows, onlyOpen, openSnapshot]
  )

  const toggleOnlyOpen = (on: boolean): void => {
    setOnlyOpen(on)
    setOpenSnapshot(on ? new Set(rows.filter((r) => !reviewed.has(r.key)).map((r) => r.key)) : null)
  }
  const markVisible = (value: boolean): void => {
    const keys = visible.filter((r) => reviewed.has(r.key) !== value).map((r) => r.key)
    if (keys.length > 0) setReviewed.mutate({ keys, reviewed: value })
  }
  const allVisibleDone = visible.every((r) => reviewed.has(r.key))

  return (
    <section className="stack mr-review" aria-labelledby="mr-review-title">
      <div className="row mr-review__head">
        <h2 id="mr-review-title">{t('review.heading')}</h2>
        <ReviewProgress done={reviewedCount} total={rows.length} />
        <span className="mr-spacer" />
        <label className="row mr-check">
          <input type="checkbox" checked={onlyOpen} onChange={(e) => toggleOnlyOpen(e.target.checked)} />
          {t('review.onlyOpen')}
        </label>
        {allVisibleDone && visible.length > 0 ? (
          <Button size="sm" onClick={() => markVisible(false)}>
            {t('review.unmarkAll')}
          </Button>
        ) : (
          <Button size="sm" variant="primary" disabled={visible.length === 0} onClick={() => markVisible(true)}>
            {t('review.markAll')}
          </Button>
        )}
      </div>
      {setReviewed.isError ? (
        <ReviewSaveError error={setReviewed.error} />
      ) : null}
      {visible.length === 0 ? (
        <p className="muted">{t('review.noneVisible')}</p>
      ) : (
        <ReviewList rows={visible} reviewed={reviewed} tickOrigins={tickOrigins} onToggle={(key, value) => setReviewed.mutate({ keys: [key], reviewed: value })} />
      )}
    </section>
  )
}

/** Translated sentence by the error's kind/code; main's English message only as "Details: …". */
function ReviewSaveError({ error }: { error: unknown }): React.JSX.Element {
  const { t } = useTranslation('month')
  const { t: tUi } = useTranslation('ui')
  const { sentence, details } = describeError(error, tUi)
  return (
    <div className="field__error" role="alert">
      <p>{t('review.saveError', { message: sentence })}</p>
      {details ? <p className="error-details">{tUi('details', { message: details })}</p> : null}
    </div>
  )
}
