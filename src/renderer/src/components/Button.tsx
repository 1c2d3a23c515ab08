import type { ButtonHTMLAttributes, Ref } from 'react'

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'md' | 'sm'
  ref?: Ref<HTMLButtonElement>
}

/** The one button. type="button" unless said otherwise, so it never submits a form by accident. */
export function Button({ variant = 'default', size = 'md', className, type = 'button', ...rest }: ButtonProps): React.JSX.Element {
  const classes = ['btn', variant !== 'default' && `btn--${variant}`, size === 'sm' && 'btn--sm', className].filter(Boolean).join(' ')
  return <button type={type} className={classes} {...rest} />
}
