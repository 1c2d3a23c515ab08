/** Column layout of the transaction table (one grid template shared by header and rows). */
import type { SortColumn } from '../../../../shared/views'

export type ColumnId = SortColumn | 'refund'

export interface ColumnDef {
  id: ColumnId
  /** CSS grid track. */
  width: string
  align?: 'right'
  sortable: boolean
}

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'createdAt', width: '128px', sortable: true },
  { id: 'payId', width: '74px', sortable: true },
  { id: 'transactionId', width: '176px', sortable: true },
  { id: 'recipientNote', width: 'minmax(120px, 1fr)', sortable: true },
  { id: 'transactionType', width: '108px', sortable: true },
  { id: 'status', width: '96px', sortable: true },
  { id: 'paymentMethod', width: '88px', sortable: true },
  { id: 'refund', width: '124px', sortable: false },
  { id: 'amount', width: '96px', align: 'right', sortable: true },
  { id: 'netAmount', width: '92px', align: 'right', sortable: true },
  { id: 'serviceFee', width: '74px', align: 'right', sortable: true }
]

/** English dates ("26 Nov 2026, 04:38") need a little more room than German ones. */
export function gridTemplate(lang: 'de' | 'en'): string {
  return COLUMNS.map((c) => (c.id === 'createdAt' && lang === 'en' ? '146px' : c.width)).join(' ')
}
