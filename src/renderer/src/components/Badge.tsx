export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger'

const ICONS: Record<BadgeTone, string> = {
  neutral: '●',
  info: '◔',
  success: '✓',
  warning: '!',
  danger: '✕'
}

export interface BadgeProps {
  tone?: BadgeTone
  /** The status in words — a badge never relies on its colour alone. */
  label: string
  /** Optional longer explanation (tooltip + accessible description). */
  title?: string
  icon?: boolean
}

export function Badge({ tone = 'neutral', label, title, icon = true }: BadgeProps): React.JSX.Element {
  return (
    <span className={`badge badge--${tone}`} title={title ?? label}>
      {icon && (
        <span className="badge__icon" aria-hidden="true">
          {ICONS[tone]}
        </span>
      )}
      <span className="badge__label">{label}</span>
    </span>
  )
}

/** A small count pill (e.g. open requests in the navigation). */
export function CountBadge({ count, label }: { count: number; label: string }): React.JSX.Element | null {
  if (count <= 0) return null
  return (
    <span className="badge badge--count" aria-label={label} title={label}>
      {count}
    </span>
  )
}
