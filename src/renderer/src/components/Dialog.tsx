import * as RadixDialog from '@radix-ui/react-dialog'
import { useRef, type ReactNode, type Ref } from 'react'
import { useTranslation } from 'react-i18next'
import { Button } from './Button'

export interface DialogProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: ReactNode
  children: ReactNode
  footer?: ReactNode
  /** Width in px (default 560). */
  width?: number
  /** While true, Esc / outside click / the close button do nothing (e.g. a request in flight). */
  locked?: boolean
  /**
   * False: a click / pointer-down outside does not close the dialog (e.g. a form with input that
   * would be lost). Esc and the close/cancel buttons still close it.
   */
  dismissOnOutside?: boolean
  /** The title heading (focusable with tabIndex -1), e.g. to move focus to it when a step changes. */
  titleRef?: Ref<HTMLHeadingElement>
}

/** Where focus goes when the element that opened a dialog is gone: the grid, else the main area. */
function focusFallback(): HTMLElement | null {
  return document.querySelector<HTMLElement>('main [role="grid"]') ?? document.getElementById('main')
}

/** Focuses el when it is still there and can take focus; false otherwise (e.g. now disabled). */
function refocus(el: Element | null): boolean {
  if (!(el instanceof HTMLElement) || !el.isConnected || el === document.body || el.getClientRects().length === 0) return false
  el.focus({ preventScroll: true })
  return document.activeElement === el
}

/**
 * Modal dialog over Radix: focus trapped, Esc closes, labelled by its title, modal to assistive
 * technology (aria-modal, which also makes screen-level shortcuts stand still), and focus returns
 * to what opened it when it closes.
 */
export function Dialog({ open, onOpenChange, title, description, children, footer, width, locked = false, dismissOnOutside = true, titleRef }: DialogProps): React.JSX.Element {
  const { t } = useTranslation('ui')
  // Our dialogs are opened by state, not by a Radix trigger, so Radix has nowhere to return focus to.
  const opener = useRef<Element | null>(null)
  const change = (next: boolean): void => {
    if (!next && locked) return
    onOpenChange(next)
  }
  return (
    <RadixDialog.Root open={open} onOpenChange={change}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          className="dialog"
          aria-modal="true"
          style={width ? { width: `min(${width}px, calc(100vw - 32px))` } : undefined}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onPointerDownOutside={(e) => {
            if (!dismissOnOutside || locked) e.preventDefault()
          }}
          onInteractOutside={(e) => {
            if (!dismissOnOutside || locked) e.preventDefault()
          }}
          onOpenAutoFocus={(e) => {
            // Start in the content (first field) rather than on the close button; while the body
            // is still loading, on the dialog itself (its title is announced).
            e.preventDefault()
            opener.current = document.activeElement
            const content = e.currentTarget as HTMLElement | null
            const first = content?.querySelector<HTMLElement>(
              '.dialog__body input:not([disabled]), .dialog__body select, .dialog__body textarea, .dialog__body button'
            )
            ;(first ?? content)?.focus()
          }}
          onCloseAutoFocus={(e) => {
            e.preventDefault()
            const back = opener.current
            opener.current = null
            // The opener may have been replaced meanwhile (e.g. "Request refund" after a refund).
            if (!refocus(back)) focusFallback()?.focus({ preventScroll: true })
          }}
        >
          <div className="dialog__header">
            <div>
              <RadixDialog.Title asChild>
                <h2 ref={titleRef} tabIndex={-1}>
                  {title}
                </h2>
              </RadixDialog.Title>
              {description ? (
                <RadixDialog.Description asChild>
                  <p className="dialog__description">{description}</p>
                </RadixDialog.Description>
              ) : null}
            </div>
            <RadixDialog.Close asChild>
              <Button variant="ghost" size="sm" disabled={locked} aria-label={t('close')}>
                ✕
              </Button>
            </RadixDialog.Close>
          </div>
          <div className="dialog__body">{children}</div>
          {footer ? <div className="dialog__footer">{footer}</div> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  )
}
