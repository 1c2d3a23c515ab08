import { useTranslation } from 'react-i18next'
import { Badge, type BadgeTone } from '../../components'
import type { RefundRequestState } from '../../../../shared/views'
import './strings'

const TONE: Record<RefundRequestState, BadgeTone> = {
  submitting: 'info',
  submitted: 'warning',
  rejected: 'danger',
  outcome_unknown: 'warning',
  refunded: 'success',
  denied: 'danger'
}

/** A refund request's state as a labelled badge. */
export function RequestStateBadge({ state }: { state: RefundRequestState }): React.JSX.Element {
  const { t } = useTranslation('refund')
  return <Badge tone={TONE[state]} label={t(`state.${state}`)} />
}
