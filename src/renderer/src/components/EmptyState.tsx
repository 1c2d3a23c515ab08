import type { ReactNode } from 'react'

export interface EmptyStateProps {
  title: string
  detail?: ReactNode
  action?: ReactNode
}

export function EmptyState({ title, detail, action }: EmptyStateProps): React.JSX.Element {
  return (
    <div className="state-box">
      <p className="state-box__title">{title}</p>
      {detail ? <p className="state-box__detail">{detail}</p> : null}
      {action}
    </div>
  )
}
