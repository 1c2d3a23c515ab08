/**
 * A refund main refused because of the team, said plainly (nothing was sent in either case):
 *  - team_claim_held: a teammate's open request holds the payment — who, on which PC, since when.
 *    No button here could send: the teammate's request has to end first.
 *  - team_unreachable: the payment could not be reserved in the team database. Two explicit
 *    choices: try again with the team, or send on this PC alone with the risk spelled out.
 */
import { useTranslation } from 'react-i18next'
import { IpcCallError } from '../../api/call'
import { Button, describeError, machineName, Notice } from '../../components'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'
import './team-refusal.css'

/** True for a refusal this component words (the dialog shows the generic error otherwise). */
export function isTeamRefusal(error: unknown): error is IpcCallError {
  return error instanceof IpcCallError && (error.code === 'team_claim_held' || error.code === 'team_unreachable')
}

export interface TeamRefusalProps {
  error: IpcCallError
  /** Submit again as before: the payment is claimed in the team database first. */
  onRetry: (e: React.MouseEvent<HTMLButtonElement>) => void
  /** Submit with `withoutTeam: true`. */
  onSendAlone: (e: React.MouseEvent<HTMLButtonElement>) => void
  /** Guards both send buttons against a key press that began elsewhere. */
  onSendKeyDown: (e: React.KeyboardEvent<HTMLButtonElement>) => void
  /** One of the choices is being sent. */
  busy: boolean
  /** …and it is "send on this PC alone". */
  sendingAlone: boolean
}

export function TeamRefusal({ error, onRetry, onSendAlone, onSendKeyDown, busy, sendingAlone }: TeamRefusalProps): React.JSX.Element {
  const { t } = useTranslation('team')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const params = error.params ?? {}

  if (error.code === 'team_claim_held') {
    const since = params['since'] ? formatInstant(params['since'], lang) : '–'
    return (
      <Notice tone="warning" role="alert" title={t('refund.claimHeldTitle')}>
        <p>{t('refund.claimHeld', { user: params['osUser'] ?? '–', machine: params['machine'] ? machineName(params['machine']) : '–', since })}</p>
        <p className="muted">{t('refund.claimHeldNext')}</p>
      </Notice>
    )
  }

  const detail = params['detail'] ?? describeError(error, tUi).details
  return (
    <div className="stack team-refusal">
      <Notice tone="warning" role="alert" title={t('refund.unreachableTitle')}>
        <p>{t('refund.unreachable')}</p>
        {detail ? <p className="error-details">{tUi('details', { message: detail })}</p> : null}
      </Notice>
      <p>{t('refund.choose')}</p>
      <div className="team-refusal__choice">
        <p id="team-wait-hint">{t('refund.waitHint')}</p>
        <Button aria-describedby="team-wait-hint" onClick={onRetry} onKeyDown={onSendKeyDown} busy={busy}>
          {busy && !sendingAlone ? t('refund.sending') : t('refund.wait')}
        </Button>
      </div>
      <div className="team-refusal__choice team-refusal__choice--risk">
        <p id="team-alone-hint">{t('refund.aloneHint')}</p>
        <Button variant="danger" aria-describedby="team-alone-hint" onClick={onSendAlone} onKeyDown={onSendKeyDown} busy={busy}>
          {sendingAlone ? t('refund.sending') : t('refund.alone')}
        </Button>
      </div>
    </div>
  )
}
