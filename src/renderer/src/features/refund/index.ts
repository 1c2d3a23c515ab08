/** What other features may use of the refund feature. */
export { RefundAction, type RefundActionProps } from './RefundAction'
export { RefundDialog, type RefundDialogProps } from './RefundDialog'
