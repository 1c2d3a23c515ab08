/**
 * Column layout of the transaction table (one grid template shared by header and rows).
 *
 * Every track has a fixed width except the reference, which takes what is left. When the table is
 * too narrow (small window, detail panel open) the least important columns are left out, in the
 * order of `dropOrder`; everything they show is still in the detail panel.
 */
import type { SortColumn } from '@shared/views'

export type ColumnId = SortColumn

export interface ColumnDef {
  id: ColumnId
  /** Track width in px, padding included (German / English). */
  width: { de: number; en: number }
  align?: 'right'
  /** 0 = always shown; higher numbers are left out first when space is short. */
  dropOrder: number
}

/** The reference column never gets narrower than this; other columns give way first. */
const NOTE_MIN = { de: 140, en: 140 }
/** Below this the reference column is considered too cramped while the detail panel is open. */
const NOTE_MIN_WITH_PANEL = 170

export const COLUMNS: readonly ColumnDef[] = [
  { id: 'createdAt', width: { de: 128, en: 142 }, dropOrder: 0 },
  // Room for ten digits: a shop's pay_ids can be that long (SecPaid allows up to 18; longer ones
  // are cut, the detail panel shows them whole).
  { id: 'payId', width: { de: 92, en: 92 }, dropOrder: 4 },
  { id: 'transactionId', width: { de: 164, en: 164 }, dropOrder: 9 },
  { id: 'recipientNote', width: { de: 0, en: 0 }, dropOrder: 0 },
  { id: 'transactionType', width: { de: 110, en: 108 }, dropOrder: 3 },
  { id: 'status', width: { de: 122, en: 128 }, dropOrder: 2 },
  { id: 'paymentMethod', width: { de: 104, en: 112 }, dropOrder: 8 },
  // Room for seven figures with cents and the currency sign ("1.234.567,89 €").
  { id: 'amount', width: { de: 112, en: 112 }, align: 'right', dropOrder: 0 },
  { id: 'netAmount', width: { de: 112, en: 112 }, align: 'right', dropOrder: 6 },
  { id: 'serviceFee', width: { de: 90, en: 70 }, align: 'right', dropOrder: 7 }
]

export interface ColumnLayout {
  columns: readonly ColumnDef[]
  template: string
  hidden: readonly ColumnId[]
}

/** The columns that fit into `available` px (the grid's inner width, scrollbar excluded). */
export function columnLayout(lang: 'de' | 'en', available: number, panelOpen: boolean): ColumnLayout {
  const noteMin = panelOpen ? NOTE_MIN_WITH_PANEL : NOTE_MIN[lang]
  const shown = new Set(COLUMNS.map((c) => c.id))
  const fixed = (): number => COLUMNS.filter((c) => shown.has(c.id)).reduce((sum, c) => sum + c.width[lang], 0)
  const droppable = [...COLUMNS].filter((c) => c.dropOrder > 0).sort((a, b) => b.dropOrder - a.dropOrder)
  for (const col of droppable) {
    if (fixed() + noteMin <= available) break
    shown.delete(col.id)
  }
  const columns = COLUMNS.filter((c) => shown.has(c.id))
  const template = columns.map((c) => (c.id === 'recipientNote' ? `minmax(${noteMin}px, 1fr)` : `${c.width[lang]}px`)).join(' ')
  return { columns, template, hidden: COLUMNS.filter((c) => !shown.has(c.id)).map((c) => c.id) }
}
