import type { ButtonHTMLAttributes, MouseEvent, Ref } from 'react'

export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost'

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant
  size?: 'md' | 'sm'
  ref?: Ref<HTMLButtonElement>
  /**
   * Working (e.g. a request in flight): the button ignores clicks but stays focusable
   * (aria-disabled), so keyboard focus is not thrown to the page body while it waits.
   */
  busy?: boolean
}

/** The one button. type="button" unless said otherwise, so it never submits a form by accident. */
export function Button({ variant = 'default', size = 'md', className, type = 'button', busy = false, onClick, ...rest }: ButtonProps): React.JSX.Element {
  const classes = ['btn', variant !== 'default' && `btn--${variant}`, size === 'sm' && 'btn--sm', className].filter(Boolean).join(' ')
  const click = (e: MouseEvent<HTMLButtonElement>): void => {
    if (busy) {
      e.preventDefault()
      return
    }
    onClick?.(e)
  }
  return <button type={type} className={classes} {...(busy ? { 'aria-disabled': true, 'aria-busy': true } : {})} onClick={click} {...rest} />
}
