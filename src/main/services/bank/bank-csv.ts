/**
 * Reads a German bank's CSV export ("Umsätze als CSV") into booked credits and debits.
 *
 * Banks differ in everything but the idea: a few account lines before the header (DKB, ING,
 * Deutsche Bank), semicolons, decimal commas, DD.MM.YYYY or DD.MM.YY dates, Windows-1252 or UTF-8
 * with or without BOM, the sign in the amount or in Soll/Haben columns, and their own column names.
 * So we find the header row by its names (the alias table below), not by position, and say which
 * columns we used. A row we cannot read fails the whole import with its line number: a silently
 * dropped row would show up later as a payout "missing" from the bank.
 */
import {
  BANK_IMPORT_LIMITS,
  BankImportError,
  assignIds,
  checkMovements,
  cleanText,
  decimalToCents,
  isCalendarDate,
  periodOf,
  type BankImportLimits,
  type BankMovement,
  type BankStatementImport
} from './bank-credit'

/** The fields we look for, each with the header names banks use for it (compared normalised). */
const COLUMN_ALIASES = {
  bookingDate: ['Buchungstag', 'Buchungsdatum', 'Buchung', 'Datum', 'Booking date', 'Date'],
  valueDate: ['Valutadatum', 'Valuta', 'Wertstellung', 'Wertstellungsdatum', 'Wert', 'Value date'],
  amount: ['Betrag', 'Betrag (EUR)', 'Betrag (€)', 'Betrag EUR', 'Betrag in EUR', 'Umsatz', 'Umsatz in EUR', 'Amount'],
  debitAmount: ['Soll', 'Soll (EUR)', 'Soll in EUR', 'Ausgang'],
  creditAmount: ['Haben', 'Haben (EUR)', 'Haben in EUR', 'Eingang'],
  sign: ['Soll/Haben', 'S/H', 'Soll-Haben-Kennzeichen', 'Soll/Haben-Kennzeichen'],
  currency: ['Währung', 'Waehrung', 'Währungscode', 'WKZ', 'Currency'],
  /** Names the payer of a credit specifically (DKB splits payer and payee into two columns). */
  payer: ['Zahlungspflichtige*r', 'Zahlungspflichtiger', 'Auftraggeber', 'Zahlungspflichtige'],
  counterparty: [
    'Beguenstigter/Zahlungspflichtiger',
    'Begünstigter/Zahlungspflichtiger',
    'Name Zahlungsbeteiligter',
    'Auftraggeber/Empfänger',
    'Auftraggeber / Empfänger',
    'Auftraggeber/Begünstigter',
    'Auftraggeber / Begünstigter',
    'Begünstigter / Auftraggeber',
    'Begünstigter/Auftraggeber',
    'Empfänger/Zahlungspflichtiger',
    'Zahlungsempfänger*in',
    'Zahlungsempfänger',
    'Empfänger',
    'Name',
    'Gegenkonto Name',
    'Payee',
    'Counterparty'
  ],
  purpose: ['Verwendungszweck', 'Vorgang/Verwendungszweck', 'Verwendungszweck/Buchungsdetails', 'Buchungsdetails', 'Payment reference', 'Reference'],
  /** Where a bank has no Verwendungszweck column (Commerzbank), the booking text carries it. */
  bookingText: ['Buchungstext', 'Umsatzart', 'Umsatztyp'],
  endToEnd: ['Kundenreferenz (End-to-End)', 'Kundenreferenz', 'End-to-End-Referenz', 'End-to-End Referenz'],
  /** DKB: "Gebucht"/"Vorgemerkt"; Sparkasse's "Info": "Umsatz gebucht"/"Umsatz vorgemerkt". */
  status: ['Status', 'Info', 'Buchungsstatus']
} as const

export type CsvField = keyof typeof COLUMN_ALIASES

/** Which header (as written in the file) was used for which field. */
export type CsvColumnsUsed = Partial<Record<CsvField, string>>

export interface BankCsvImport extends BankStatementImport {
  format: 'csv'
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le'
  delimiter: ';' | ',' | '\t'
  decimalSeparator: ',' | '.'
  /** 1-based line of the header row; the lines before it were the bank's account preamble. */
  headerLine: number
  columns: CsvColumnsUsed
  /** Lines after the data that are not movements (closing balance, notes): left out, counted. */
  skippedTrailer: number
  /** True when no currency column exists and EUR was assumed. */
  currencyAssumed: boolean
}

/** How many leading records may precede the header (DKB and ING have up to ~14). */
const MAX_PREAMBLE = 40

function normaliseHeader(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/€/g, 'eur')
    .replace(/[^a-z0-9*/]/g, '')
}

/** Normalised header → its field and rank (position in the alias list: lower wins). */
const ALIAS_LOOKUP: Map<string, { field: CsvField; rank: number }> = (() => {
  const map = new Map<string, { field: CsvField; rank: number }>()
  for (const [field, names] of Object.entries(COLUMN_ALIASES) as [CsvField, readonly string[]][]) {
    names.forEach((name, rank) => map.set(normaliseHeader(name), { field, rank }))
  }
  return map
})()

/** Decodes the bytes: BOM first, then strict UTF-8, else Windows-1252 (what "ANSI" exports are). */
export function decodeBankText(bytes: Uint8Array): { text: string; encoding: BankCsvImport['encoding'] } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    // Not UTF-8: German bytes like 0xE4 (ä) alone are invalid UTF-8, so this is the ANSI export.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' }
  }
}

/**
 * Windows-1252 differs from Latin-1 only in 0x80–0x9F (€, „, “, –, …). Node's TextDecoder treats
 * 'windows-1252' as Latin-1 and turns 0x80 into a control character, so we map that row ourselves.
 */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178
]

export function decodeWindows1252(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192)
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : b)))
  }
  return out
}

interface CsvRecord {
  line: number
  cells: string[]
}

/**
 * RFC 4180 records: quoted cells may contain the delimiter, "" and line breaks. Runs of plain
 * text are sliced, not copied character by character, so a long cell stays linear.
 */
function splitRecords(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = []
  let cells: string[] = []
  let line = 1
  let recordLine = 1
  let i = 0
  const n = text.length
  const endRecord = (): void => {
    records.push({ line: recordLine, cells })
    cells = []
    recordLine = line
  }
  while (i < n) {
    // One cell starts at i.
    let start = i
    while (start < n && (text[start] === ' ' || text[start] === '\t') && text[start] !== delimiter) start++
    if (text[start] === '"') {
      let value = ''
      let j = start + 1
      for (;;) {
        const quote = text.indexOf('"', j)
        if (quote === -1) throw new BankImportError('csv_bad_row', `Line ${recordLine}: a quoted cell is never closed.`)
        value += text.slice(j, quote)
        if (text[quote + 1] === '"') {
          value += '"'
          j = quote + 2
        } else {
          j = quote + 1
          break
        }
      }
      for (let k = 0; k < value.length; k++) if (value[k] === '\n') line++
      // Anything between the closing quote and the next delimiter is kept, as spreadsheets do.
      let end = j
      while (end < n && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++
      cells.push(value + text.slice(j, end))
      i = end
    } else {
      let end = i
      while (end < n && text[end] !== delimiter && text[end] !== '\n' && text[end] !== '\r') end++
      cells.push(text.slice(i, end))
      i = end
    }
    if (i >= n) break
    if (text[i] === delimiter) {
      i++
      if (i >= n) cells.push('')
      continue
    }
    // A line break ends the record.
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1
    line++
    endRecord()
  }
  if (cells.length > 0) endRecord()
  return records
}

interface Layout {
  headerIndex: number
  index: Partial<Record<CsvField, number>>
  names: CsvColumnsUsed
}

/** The first record whose names give a booking date and an amount (or Soll + Haben). */
function findLayout(records: CsvRecord[]): Layout | null {
  const limit = Math.min(records.length, MAX_PREAMBLE + 1)
  for (let r = 0; r < limit; r++) {
    const cells = records[r]!.cells
    const index: Partial<Record<CsvField, number>> = {}
    const names: CsvColumnsUsed = {}
    const ranks: Partial<Record<CsvField, number>> = {}
    cells.forEach((raw, i) => {
      const alias = ALIAS_LOOKUP.get(normaliseHeader(raw))
      if (alias === undefined) return
      // The better-ranked name wins ("Buchungstext" over "Umsatzart"); on a tie the first column
      // (a second currency column, ING's, is resolved below).
      const { field, rank } = alias
      if (ranks[field] === undefined || rank < ranks[field]) {
        index[field] = i
        names[field] = raw.trim()
        ranks[field] = rank
      }
    })
    const hasAmount = index.amount !== undefined || (index.debitAmount !== undefined && index.creditAmount !== undefined)
    if (index.bookingDate === undefined || !hasAmount) continue
    if (index.amount !== undefined) {
      // The amount's own currency is the column right after it when there is one (ING repeats "Währung").
      const next = cells[index.amount + 1]
      if (next !== undefined && ALIAS_LOOKUP.get(normaliseHeader(next))?.field === 'currency') {
        index.currency = index.amount + 1
        names.currency = next.trim()
      }
    }
    return { headerIndex: r, index, names }
  }
  return null
}

function pickDelimiter(text: string): { records: CsvRecord[]; layout: Layout; delimiter: BankCsvImport['delimiter'] } {
  for (const delimiter of [';', '\t', ','] as const) {
    const records = splitRecordsSafe(text, delimiter)
    if (records === null) continue
    const layout = findLayout(records)
    if (layout) return { records, layout, delimiter }
  }
  throw new BankImportError(
    'csv_no_header',
    'No header row with a booking date (e.g. "Buchungstag") and an amount (e.g. "Betrag", or "Soll" and "Haben") was found in the first lines.'
  )
}

function splitRecordsSafe(text: string, delimiter: string): CsvRecord[] | null {
  try {
    return splitRecords(text, delimiter)
  } catch (error) {
    // An unclosed quote under the wrong delimiter guess is not the file's fault yet.
    if (delimiter !== ';') return null
    throw error
  }
}

/** DD.MM.YYYY, DD.MM.YY (20YY: bank exports are recent) or YYYY-MM-DD → YYYY-MM-DD, or null. */
export function parseBankDate(raw: string): string | null {
  const value = raw.trim()
  let iso: string | null = null
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(value)
  if (de) {
    const year = de[3]!.length === 2 ? `20${de[3]}` : de[3]!
    iso = `${year}-${de[2]!.padStart(2, '0')}-${de[1]!.padStart(2, '0')}`
  } else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) iso = value
  return iso !== null && isCalendarDate(iso) ? iso : null
}

/**
 * A signed amount in cents. `decimal` is the file's decimal separator; the other one may only
 * group thousands in threes. A currency sign or code around the number is ignored; a trailing
 * minus ("12,00-") counts as negative. Null when the text is not an exact amount.
 */
export function parseBankAmount(raw: string, decimal: ',' | '.'): number | null {
  let value = raw.replace(/[\s\u00a0\u202f]/g, '').replace(/€|EUR$/i, '').replace(/^EUR/i, '')
  let negative = false
  if (/^[-+]/.test(value)) {
    negative = value[0] === '-'
    value = value.slice(1)
  } else if (/-$/.test(value)) {
    negative = true
    value = value.slice(0, -1)
  }
  const group = decimal === ',' ? '.' : ','
  const [intPart, fracPart, extra] = value.split(decimal)
  if (extra !== undefined || intPart === undefined || intPart === '') return null
  let digits = intPart
  if (intPart.includes(group)) {
    const groups = intPart.split(group)
    if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null
    digits = groups.join('')
  }
  if (fracPart !== undefined && !/^\d{1,2}$/.test(fracPart)) return null
  const cents = decimalToCents(digits, fracPart ?? '')
  if (cents === null) return null
  return negative && cents !== 0 ? -cents : cents
}

/** Decides the file's decimal separator from its amount cells: any comma means decimal comma. */
function detectDecimal(cells: string[]): ',' | '.' {
  if (cells.some((c) => c.includes(','))) {
    // "1,234.56" (English export) has both, the comma first.
    const english = cells.some((c) => /\d,\d{3}\.\d{1,2}\s*$/.test(c.trim()))
    return english ? '.' : ','
  }
  return cells.some((c) => /\.\d{1,2}\s*(€|EUR)?$/i.test(c.trim())) ? '.' : ','
}

/** A status cell (normalised) that marks a row as not booked yet. */
function isPendingStatus(value: string): boolean {
  const status = normaliseHeader(value)
  return status.includes('vorgemerkt') || status.includes('nichtgebucht') || status === 'pending' || status === 'offen'
}

/** Parses the bytes of a bank CSV export. Throws `BankImportError` with what is wrong and where. */
export function parseBankCsv(bytes: Uint8Array, limits: BankImportLimits = {}): BankCsvImport {
  const maxBytes = limits.maxBytes ?? BANK_IMPORT_LIMITS.maxBytes
  const maxEntries = limits.maxEntries ?? BANK_IMPORT_LIMITS.maxEntries
  if (bytes.byteLength > maxBytes) {
    throw new BankImportError('too_large', `The file is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes.`)
  }
  const { text, encoding } = decodeBankText(bytes)
  if (text.trim() === '') throw new BankImportError('empty', 'The file is empty.')
  const { records, layout, delimiter } = pickDelimiter(text)
  const { index, names } = layout
  const cell = (record: CsvRecord, field: CsvField): string => {
    const i = index[field]
    return i === undefined ? '' : (record.cells[i] ?? '').trim()
  }

  const body = records.slice(layout.headerIndex + 1).filter((r) => r.cells.some((c) => c.trim() !== ''))
  // Trailer: the rows after the last one with a booking date (closing balance, disclaimers).
  let lastData = body.length - 1
  while (lastData >= 0 && parseBankDate(cell(body[lastData]!, 'bookingDate')) === null) lastData--
  const data = body.slice(0, lastData + 1)
  if (data.length > maxEntries) throw new BankImportError('too_many_entries', `The file has more than ${maxEntries} rows.`)

  const amountCells = data.flatMap((r) => [cell(r, 'amount'), cell(r, 'debitAmount'), cell(r, 'creditAmount')]).filter((c) => c !== '')
  const decimal = detectDecimal(amountCells)
  const currencyAssumed = index.currency === undefined

  const credits: BankMovement[] = []
  const debits: BankMovement[] = []
  let skippedPending = 0
  let skippedZero = 0
  for (const record of data) {
    const where = `Line ${record.line}`
    if (isPendingStatus(cell(record, 'status'))) {
      skippedPending += 1
      continue
    }
    const bookingDate = parseBankDate(cell(record, 'bookingDate'))
    if (bookingDate === null) {
      throw new BankImportError('csv_bad_row', `${where}: "${cell(record, 'bookingDate').slice(0, 20)}" in column "${names.bookingDate}" is not a date.`)
    }
    const valueText = cell(record, 'valueDate')
    const valueDate = valueText === '' ? bookingDate : parseBankDate(valueText)
    if (valueDate === null) {
      throw new BankImportError('csv_bad_row', `${where}: "${valueText.slice(0, 20)}" in column "${names.valueDate}" is not a date.`)
    }
    const signed = signedAmount(record, cell, names, decimal, where)
    if (signed === 0) {
      skippedZero += 1
      continue
    }
    const currency = currencyAssumed ? 'EUR' : cell(record, 'currency').toUpperCase() || 'EUR'
    if (!/^[A-Z]{3}$/.test(currency)) {
      throw new BankImportError('csv_bad_row', `${where}: "${currency.slice(0, 10)}" in column "${names.currency}" is not a currency code.`)
    }
    const isCredit = signed > 0
    // DKB names payer and payee in two columns; the payer is the other party of a credit.
    const counterparty = (isCredit && cell(record, 'payer')) || cell(record, 'counterparty')
    const purpose = index.purpose !== undefined ? cell(record, 'purpose') : cell(record, 'bookingText')
    const endToEnd = cell(record, 'endToEnd')
    // The end-to-end reference often carries the payer's own id; added unless the purpose has it.
    const reference = cleanText([purpose, endToEnd === 'NOTPROVIDED' || purpose.includes(endToEnd) ? '' : endToEnd].join(' '))
    const movement: BankMovement = {
      id: '',
      bookingDate,
      valueDate,
      amountCents: Math.abs(signed),
      currency,
      counterparty: cleanText(counterparty),
      reference,
      reversal: /storno/i.test(cell(record, 'bookingText')),
      source: { format: 'csv', line: record.line }
    }
    ;(isCredit ? credits : debits).push(movement)
  }

  const lineId = (m: BankMovement): string => (m.source.format === 'csv' ? `line-${m.source.line}` : m.id)
  const all = assignIds([...credits, ...debits], lineId)
  return {
    format: 'csv',
    encoding,
    delimiter,
    decimalSeparator: decimal,
    headerLine: records[layout.headerIndex]!.line,
    // Every recognised column is read: the booking text also marks reversals (Storno).
    columns: { ...names },
    credits: checkMovements(all.slice(0, credits.length), 'Credit'),
    debits: checkMovements(all.slice(credits.length), 'Debit'),
    skippedPending,
    skippedZero,
    skippedTrailer: body.length - data.length,
    currencyAssumed,
    period: periodOf(all)
  }
}

/** The row's amount with its sign: from one signed column, a Soll/Haben marker, or two columns. */
function signedAmount(
  record: CsvRecord,
  cell: (record: CsvRecord, field: CsvField) => string,
  names: CsvColumnsUsed,
  decimal: ',' | '.',
  where: string
): number {
  const read = (field: CsvField): number => {
    const raw = cell(record, field)
    if (raw === '') return 0
    const cents = parseBankAmount(raw, decimal)
    if (cents === null) throw new BankImportError('csv_bad_row', `${where}: "${raw.slice(0, 30)}" in column "${names[field]}" is not an amount.`)
    return cents
  }
  const twoColumns = names.debitAmount !== undefined && names.creditAmount !== undefined
  // Deutsche Bank has an (empty) "Betrag" beside Soll and Haben: an empty amount cell defers to them.
  if (names.amount !== undefined && !(twoColumns && cell(record, 'amount') === '')) {
    const amount = read('amount')
    const marker = normaliseHeader(cell(record, 'sign'))
    if (names.sign === undefined || marker === '') return amount
    if (marker === 's' || marker === 'soll' || marker === 'd') return -Math.abs(amount)
    if (marker === 'h' || marker === 'haben' || marker === 'c') return Math.abs(amount)
    throw new BankImportError('csv_bad_row', `${where}: "${cell(record, 'sign')}" in column "${names.sign}" is neither S nor H.`)
  }
  // Separate Soll and Haben columns: the bank may write Soll positive or negative; Haben is money in.
  const debit = Math.abs(read('debitAmount'))
  const credit = Math.abs(read('creditAmount'))
  if (debit !== 0 && credit !== 0) {
    throw new BankImportError('csv_bad_row', `${where}: both "${names.debitAmount}" and "${names.creditAmount}" hold an amount.`)
  }
  return credit !== 0 ? credit : -debit
}
