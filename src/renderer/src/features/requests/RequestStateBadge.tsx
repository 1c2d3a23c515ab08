/** A request's state as a labelled badge (words + symbol, never colour alone). */
import { useTranslation } from 'react-i18next'
import { Badge, type BadgeTone } from '../../components'
import type { RefundRequestState } from '@shared/views'

const TONE: Record<RefundRequestState, BadgeTone> = {
  submitting: 'neutral',
  submitted: 'info',
  rejected: 'danger',
  outcome_unknown: 'warning',
  refunded: 'success',
  denied: 'danger'
}

export function RequestStateBadge({ state }: { state: RefundRequestState }): React.JSX.Element {
  const { t } = useTranslation('requests')
  return <Badge tone={TONE[state]} label={t(`state.${state}`)} title={t(`stateHint.${state}`)} />
}
