import { useTranslation } from 'react-i18next'
import { IpcCallError } from '../api/call'
import { Button } from './Button'
import { describeError } from './error-text'

export interface ErrorStateProps {
  error: unknown
  /** Heading; defaults to the translated error kind. */
  title?: string
  onRetry?: () => void
  /** 'block' = centred in an empty area, 'inline' = a compact notice. */
  variant?: 'block' | 'inline'
}

/**
 * Translated kind as the heading, a translated sentence (by kind/code) as the text; main's own
 * (English) message only as a secondary "Details: …" line, and SecPaid's words as detail.
 */
export function ErrorState({ error, title, onRetry, variant = 'block' }: ErrorStateProps): React.JSX.Element {
  const { t } = useTranslation('ui')
  const kind = error instanceof IpcCallError ? error.kind : 'internal'
  const heading = title ?? t(`errorKind.${kind}`)
  const { sentence, details } = describeError(error, t)
  const detailsLine = details && details !== sentence ? t('details', { message: details }) : null
  const serverMessage = error instanceof IpcCallError ? error.serverMessage : undefined
  const retry = onRetry ? (
    <Button size={variant === 'inline' ? 'sm' : 'md'} onClick={onRetry}>
      {t('retry')}
    </Button>
  ) : null
  if (variant === 'inline') {
    return (
      <div className="notice notice--danger" role="alert">
        <div className="notice__body">
          <p className="notice__title">{heading}</p>
          <p>{sentence}</p>
          {detailsLine ? <p className="error-details">{detailsLine}</p> : null}
          {serverMessage ? <p>{t('serverSaid', { message: serverMessage })}</p> : null}
        </div>
        {retry}
      </div>
    )
  }
  return (
    <div className="state-box state-box--error" role="alert">
      <p className="state-box__title">{heading}</p>
      <p className="state-box__detail">{sentence}</p>
      {detailsLine ? <p className="state-box__detail error-details">{detailsLine}</p> : null}
      {serverMessage ? <p className="state-box__detail">{t('serverSaid', { message: serverMessage })}</p> : null}
      {retry}
    </div>
  )
}
