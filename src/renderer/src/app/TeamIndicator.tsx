/**
 * The team link in the header, next to the sync line, only when the open account is in a team:
 * "Team: online", "Team: unreachable · 3 waiting". A link to Settings → Team, where the details
 * are. Changes of the link state (not every change of the count) are announced.
 */
import { useTranslation } from 'react-i18next'
import type { TeamStatus } from '@shared/team'
import { useTeamStatus } from '../api/team'
import { Badge, type BadgeTone } from '../components'
import { formatInstant } from '../components/format-instant'
import { useUiLanguage } from '../i18n/use-ui-language'
import { routeHref } from './router'

const TONE: Record<TeamStatus['link'], BadgeTone> = { off: 'neutral', starting: 'info', online: 'success', unreachable: 'warning' }

export function TeamIndicator(): React.JSX.Element | null {
  const { t } = useTranslation('team')
  const lang = useUiLanguage()
  const { data: status } = useTeamStatus()
  if (!status?.configured) return null
  const label = t('indicator.label', { state: t(`link.${status.link}`) })
  const when = status.lastContactAt === null ? t('settings.never') : formatInstant(status.lastContactAt, lang)
  const title = t('indicator.title', { team: status.teamName ?? '–', when })
  return (
    <div className="team-indicator">
      <a className="team-indicator__link" href={routeHref('settings')} title={title} data-testid="team-indicator">
        <Badge tone={TONE[status.link]} label={label} title={title} />
        {status.pending > 0 ? <span className="team-indicator__waiting">{t('indicator.waiting', { count: status.pending })}</span> : null}
      </a>
      <span className="visually-hidden" role="status">
        {label}
      </span>
    </div>
  )
}
