/**
 * Reads an ISO 20022 camt.053 bank statement (BankToCustomerStatement, versions 001.02 … 001.13)
 * into booked credits and debits. docs/bank-statements.md describes the elements we read.
 *
 * Safety first, because the file comes from outside: size limit before decoding, strict UTF-8, any
 * DTD (<!DOCTYPE / <!ENTITY) refused before the parser sees it (no entity expansion, no external
 * entities: a camt file never needs one), a well-formedness check, a nesting limit. The parser
 * keeps every value as text; zod then checks the shape of each entry we use.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { z } from 'zod'
import {
  BANK_IMPORT_LIMITS,
  BankImportError,
  assignIds,
  checkMovements,
  cleanText,
  decimalToCents,
  isCalendarDate,
  periodOf,
  stripBom,
  type BankImportLimits,
  type BankMovement,
  type BankStatementImport
} from './bank-credit'

/** camt.053 entries sit about 12 levels deep; 64 leaves room for bank extensions, not for a bomb. */
const MAX_NESTING = 64

/** Elements that may repeat; always read as arrays so one and many look the same. */
const REPEATED = new Set(['Stmt', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'Bal'])

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/**
 * One pass over the five XML entities and numeric character references. The parser's own entity
 * handling is off so a DTD can never define anything; doing it in one pass keeps "&amp;#228;" as
 * the literal text "&#228;".
 */
function decodeXmlText(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name[0] !== '#') return XML_ENTITIES[name] ?? whole
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Namespace prefixes vary by bank ("ns2:Ntry"); the names after the colon are the standard's.
  transformTagName: (name) => name.slice(name.indexOf(':') + 1),
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  htmlEntities: false,
  trimValues: true,
  maxNestedTags: MAX_NESTING,
  isArray: (name) => REPEATED.has(name),
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value)
})

// ---- the shapes we read (zod); unknown elements pass through untouched ----

const text = z.string()
const dateChoice = z.looseObject({ Dt: text.optional(), DtTm: text.optional() })
const party = z.looseObject({ Nm: text.optional(), Pty: z.looseObject({ Nm: text.optional() }).optional() })
const txDetails = z.looseObject({
  RmtInf: z
    .looseObject({
      Ustrd: z.array(text).optional(),
      Strd: z.array(z.looseObject({ CdtrRefInf: z.looseObject({ Ref: text.optional() }).optional() })).optional()
    })
    .optional(),
  RltdPties: z
    .looseObject({
      Dbtr: party.optional(),
      UltmtDbtr: party.optional(),
      Cdtr: party.optional(),
      UltmtCdtr: party.optional()
    })
    .optional(),
  Refs: z.looseObject({ EndToEndId: text.optional() }).optional()
})
const entrySchema = z.looseObject({
  Amt: z.looseObject({ '#text': text, '@_Ccy': text }),
  CdtDbtInd: z.enum(['CRDT', 'DBIT']),
  RvslInd: z.enum(['true', 'false', '1', '0']).optional(),
  // 001.02–001.04: <Sts>BOOK</Sts>; from 001.08: <Sts><Cd>BOOK</Cd></Sts> (or Prtry).
  Sts: z.union([text, z.looseObject({ Cd: text.optional(), Prtry: text.optional() })]).optional(),
  BookgDt: dateChoice.optional(),
  ValDt: dateChoice.optional(),
  AcctSvcrRef: text.optional(),
  AddtlNtryInf: text.optional(),
  NtryDtls: z.array(z.looseObject({ TxDtls: z.array(txDetails).optional() })).optional()
})
const statementSchema = z.looseObject({
  Id: text.optional(),
  Ntry: z.array(z.unknown()).optional()
})
const documentSchema = z.looseObject({
  Document: z.looseObject({
    BkToCstmrStmt: z.looseObject({ Stmt: z.array(z.unknown()) })
  })
})

type Entry = z.infer<typeof entrySchema>
type Party = z.infer<typeof party>

export interface Camt053Import extends BankStatementImport {
  format: 'camt053'
  /** "001.02", "001.08" … from the namespace; '' when the file carries none. */
  messageVersion: string
}

/** Parses the bytes of a camt.053 file. Throws `BankImportError` with what is wrong. */
export function parseCamt053(bytes: Uint8Array, limits: BankImportLimits = {}): Camt053Import {
  const maxBytes = limits.maxBytes ?? BANK_IMPORT_LIMITS.maxBytes
  const maxEntries = limits.maxEntries ?? BANK_IMPORT_LIMITS.maxEntries
  if (bytes.byteLength > maxBytes) {
    throw new BankImportError('too_large', `The file is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes.`)
  }
  let xml: string
  try {
    // Blank lines before the declaration are not XML, but harmless: some exports carry them.
    xml = stripBom(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).trimStart()
  } catch {
    throw new BankImportError('encoding', 'The file is not valid UTF-8, which camt.053 requires.')
  }
  return parseCamt053Text(xml, maxEntries)
}

function parseCamt053Text(xml: string, maxEntries: number): Camt053Import {
  if (xml.trim() === '') throw new BankImportError('empty', 'The file is empty.')
  // A DTD is the door to entity bombs and external entities; a bank statement has no use for one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) {
    throw new BankImportError('unsafe_xml', 'The file declares a DTD (<!DOCTYPE>/<!ENTITY>); bank statements never do, so it is refused.')
  }
  // The parser first: it stops early at the nesting limit, where the validator would walk it all.
  // The validator then refuses what the lenient parser let through, and words errors better.
  let tree: unknown
  try {
    tree = parser.parse(xml)
  } catch (error) {
    checkWellFormed(xml)
    const detail = error instanceof Error ? error.message : String(error)
    throw new BankImportError('malformed_xml', `The XML could not be read: ${detail}.`)
  }
  checkWellFormed(xml)

  const doc = documentSchema.safeParse(tree)
  if (!doc.success) throw new BankImportError('not_camt053', describeWrongDocument(tree))
  const namespace = findNamespace(doc.data.Document)
  const version = /camt\.053\.(\d{3}\.\d{2})/.exec(namespace)?.[1] ?? ''
  if (namespace !== '' && version === '') {
    throw new BankImportError('not_camt053', `The document's namespace is "${namespace}", not a camt.053 statement.`)
  }

  const credits: BankMovement[] = []
  const debits: BankMovement[] = []
  let skippedPending = 0
  let skippedZero = 0
  let entryNumber = 0
  doc.data.Document.BkToCstmrStmt.Stmt.forEach((rawStatement, statementIndex) => {
    const statement = statementSchema.safeParse(rawStatement)
    if (!statement.success) {
      throw new BankImportError('not_camt053', `Statement ${statementIndex + 1} has an unexpected structure.`)
    }
    const statementId = statement.data.Id ?? `statement ${statementIndex + 1}`
    for (const rawEntry of statement.data.Ntry ?? []) {
      entryNumber += 1
      if (entryNumber > maxEntries) {
        throw new BankImportError('too_many_entries', `The file has more than ${maxEntries} entries.`)
      }
      const where = `Entry ${entryNumber} (statement ${statementId})`
      const parsed = entrySchema.safeParse(rawEntry)
      if (!parsed.success) {
        const issue = parsed.error.issues[0]
        throw new BankImportError('invalid_entry', `${where}: ${issue?.path.join('/') || 'Ntry'} is missing or invalid (${issue?.message ?? ''}).`)
      }
      const entry = parsed.data
      const status = statusOf(entry)
      if (status !== 'BOOK') {
        skippedPending += 1
        continue
      }
      const movement = toMovement(entry, where, { messageVersion: version, statementId, entryNumber })
      if (movement.amountCents === 0) {
        skippedZero += 1
        continue
      }
      ;(entry.CdtDbtInd === 'CRDT' ? credits : debits).push(movement)
    }
  })

  const fallbackId = (m: BankMovement): string =>
    m.source.format === 'camt053' ? `${m.source.statementId}#${m.source.entryNumber}` : m.id
  const all = assignIds([...credits, ...debits], fallbackId)
  const withIds = {
    credits: checkMovements(all.slice(0, credits.length), 'Credit'),
    debits: checkMovements(all.slice(credits.length), 'Debit')
  }
  return {
    format: 'camt053',
    messageVersion: version,
    ...withIds,
    skippedPending,
    skippedZero,
    period: periodOf(all)
  }
}

function checkWellFormed(xml: string): void {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    throw new BankImportError('malformed_xml', `The file is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`)
  }
}

function describeWrongDocument(tree: unknown): string {
  const root = tree && typeof tree === 'object' ? Object.keys(tree).filter((k) => k !== '?xml') : []
  const doc = (tree as Record<string, unknown> | null)?.['Document']
  const inner = doc && typeof doc === 'object' ? Object.keys(doc).filter((k) => !k.startsWith('@_')) : []
  if (inner.includes('BkToCstmrAcctRpt')) return 'This is a camt.052 account report, not a camt.053 statement.'
  if (inner.includes('BkToCstmrDbtCdtNtfctn')) return 'This is a camt.054 notification, not a camt.053 statement.'
  if (inner.includes('BkToCstmrStmt')) return 'The statement (BkToCstmrStmt) has no Stmt element.'
  return `The XML is not a camt.053 statement (root element: ${root.join(', ') || 'none'}${inner.length ? ` containing ${inner.slice(0, 3).join(', ')}` : ''}).`
}

function findNamespace(document: Record<string, unknown>): string {
  for (const [key, value] of Object.entries(document)) {
    if ((key === '@_xmlns' || key.startsWith('@_xmlns:')) && typeof value === 'string' && value.includes('camt.')) return value
  }
  const plain = document['@_xmlns']
  return typeof plain === 'string' ? plain : ''
}

function statusOf(entry: Entry): string {
  if (entry.Sts === undefined) return 'BOOK' // optional in 001.02; a statement lists booked entries
  if (typeof entry.Sts === 'string') return entry.Sts
  return entry.Sts.Cd ?? entry.Sts.Prtry ?? 'BOOK'
}

/** The calendar date as written; a DtTm keeps the bank's own day rather than shifting zones. */
function dateOf(choice: { Dt?: string | undefined; DtTm?: string | undefined } | undefined): string | null {
  const raw = choice?.Dt ?? choice?.DtTm
  if (raw === undefined) return null
  const day = raw.slice(0, 10)
  return isCalendarDate(day) ? day : null
}

function amountOf(raw: string, where: string): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(raw.trim())
  const cents = m ? decimalToCents(m[1]!, m[2] ?? '') : null
  if (cents === null) throw new BankImportError('invalid_entry', `${where}: amount "${raw.slice(0, 30)}" is not an exact amount in cents.`)
  return cents
}

function partyName(p: Party | undefined): string {
  return (p?.Pty?.Nm ?? p?.Nm ?? '').trim()
}

function toMovement(
  entry: Entry,
  where: string,
  source: { messageVersion: string; statementId: string; entryNumber: number }
): BankMovement {
  const bookingDate = dateOf(entry.BookgDt) ?? dateOf(entry.ValDt)
  if (bookingDate === null) throw new BankImportError('invalid_entry', `${where}: no valid booking date (BookgDt) or value date (ValDt).`)
  const currency = entry.Amt['@_Ccy'].trim().toUpperCase()
  if (!/^[A-Z]{3}$/.test(currency)) throw new BankImportError('invalid_entry', `${where}: currency "${currency}" is not an ISO code.`)
  const details = (entry.NtryDtls ?? []).flatMap((d) => d.TxDtls ?? [])
  const credit = entry.CdtDbtInd === 'CRDT'
  // The other party: the payer of a credit, the payee of a debit; the first transaction's for a batch.
  const counterparty =
    details
      .map((tx) => (credit ? partyName(tx.RltdPties?.Dbtr) || partyName(tx.RltdPties?.UltmtDbtr) : partyName(tx.RltdPties?.Cdtr) || partyName(tx.RltdPties?.UltmtCdtr)))
      .find((name) => name !== '') ?? ''
  const remittance = details.flatMap((tx) => {
    const texts = [...(tx.RmtInf?.Ustrd ?? []), ...(tx.RmtInf?.Strd ?? []).map((s) => s.CdtrRefInf?.Ref ?? '')]
    // The payer's end-to-end id often carries its own reference (a payout id, say).
    const endToEnd = tx.Refs?.EndToEndId?.trim() ?? ''
    const addEndToEnd = endToEnd !== '' && endToEnd !== 'NOTPROVIDED' && !texts.some((t) => t.includes(endToEnd))
    return addEndToEnd ? [...texts, endToEnd] : texts
  })
  const parts = remittance.length > 0 && remittance.some((t) => t.trim() !== '') ? remittance : [entry.AddtlNtryInf ?? '']
  return {
    id: entry.AcctSvcrRef?.trim() ?? '',
    bookingDate,
    valueDate: dateOf(entry.ValDt) ?? bookingDate,
    amountCents: amountOf(entry.Amt['#text'], where),
    currency,
    counterparty: cleanText(counterparty),
    reference: cleanText(parts.map((t) => t.trim()).filter((t) => t !== '').join(' ')),
    reversal: entry.RvslInd === 'true' || entry.RvslInd === '1',
    source: { format: 'camt053', ...source }
  }
}
