import type { ReactNode } from 'react'

export interface NoticeProps {
  tone?: 'info' | 'warning' | 'danger' | 'success'
  title?: string
  children?: ReactNode
  actions?: ReactNode
  /** 'status' for calm updates, 'alert' for things that need attention now. */
  role?: 'status' | 'alert' | 'note'
}

export function Notice({ tone = 'info', title, children, actions, role = 'status' }: NoticeProps): React.JSX.Element {
  return (
    <div className={`notice notice--${tone}`} role={role}>
      <div className="notice__body">
        {title ? <p className="notice__title">{title}</p> : null}
        {children}
      </div>
      {actions ? <div className="row">{actions}</div> : null}
    </div>
  )
}
