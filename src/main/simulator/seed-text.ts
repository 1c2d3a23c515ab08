/**
 * Realistic-looking German merchant data for seeded rows: recipient notes, amounts, payment
 * methods and fees. Shared by the seed generator and admin "add payment".
 */
import type { Cents } from '@shared/domain'
import type { Prng } from './prng'

const SURNAMES = [
  'Berger', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Meyer', 'Wagner', 'Becker',
  'Schulz', 'Hoffmann', 'Koch', 'Richter', 'Klein', 'Wolf', 'Schröder', 'Neumann', 'Schwarz',
  'Zimmermann', 'Braun', 'Krüger', 'Hartmann', 'Lange', 'Werner', 'Krause', 'Lehmann', 'Köhler',
  'Özdemir', 'Nowak', 'Jäger', 'Weiß', 'Groß'
] as const

const MONTHS = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'] as const

export type PaymentType = 'Basic' | 'Split' | 'Personal QR'

interface NoteParts {
  name: string
  year: string
  month: string
  mm: string
  orderNo: number
}
type NoteTemplate = (p: NoteParts) => string

// Templates are picked first and only the chosen one is built (seed speed, 500k rows).
const NOTE_TEMPLATES: Record<PaymentType | 'Invoice', readonly NoteTemplate[]> = {
  Invoice: [
    (p) => `Rechnung ${p.year}-${String(p.orderNo % 10000).padStart(4, '0')}`,
    (p) => `Rechnung RE-${p.orderNo} – ${p.name}`,
    (p) => `Invoice INV-${p.year}-${String(p.orderNo % 100000).padStart(5, '0')}`
  ],
  Split: [
    (p) => `Gruppenreise – Anteil ${p.name}`,
    (p) => `Split: Abendessen Team ${p.month}`,
    (p) => `WG-Einkauf – ${p.name}`,
    (p) => `Vereinsfahrt ${p.year} – ${p.name}`
  ],
  'Personal QR': [() => 'Trinkgeld', () => 'QR-Zahlung Marktstand', () => 'Kaffee & Kuchen', (p) => `Spende – ${p.name}`, () => 'Flohmarkt'],
  Basic: [
    (p) => `Bestellung #${p.orderNo} – ${p.name}`,
    (p) => `Bestellung #${p.orderNo} – ${p.name}`,
    (p) => `Order TEST${p.year}${String(p.orderNo).padStart(6, '0')}`,
    (p) => `Auftrag ${p.orderNo} – ${p.name}`,
    (p) => `Kundennummer ${p.orderNo + 40000}`,
    (p) => `Miete ${p.month} ${p.year} – ${p.name}`,
    (p) => `Abo Premium ${p.mm}/${p.year}`,
    (p) => `Reparatur Fahrrad – ${p.name}`,
    (p) => `Workshop-Ticket ${p.month} – ${p.name}`,
    (p) => `Gutschein Nr. ${p.orderNo}`
  ]
}

/** Notes by link type. Only invoice-type links start with "Rechnung"/"Invoice" (see types.ts). */
export function pickNote(prng: Prng, type: PaymentType | 'Invoice', orderNo: number, day: string): string {
  const template = prng.pick(NOTE_TEMPLATES[type])
  const name = prng.pick(SURNAMES)
  const mm = day.slice(5, 7)
  return template({ name, year: day.slice(0, 4), month: MONTHS[Number(mm) - 1] ?? 'Mai', mm, orderNo })
}

/** 1.00 … 2500.00 €, skewed to small amounts, with some "nice" prices. */
export function pickAmountCents(prng: Prng): Cents {
  if (prng.chance(0.15)) return prng.pick([500, 1000, 1990, 2500, 4999, 5000, 9900, 12000, 25000])
  const min = Math.log(100)
  const max = Math.log(250_000)
  const cents = Math.round(Math.exp(min + (max - min) * Math.pow(prng.next(), 1.8)))
  return Math.min(250_000, Math.max(100, cents))
}

export function pickPaymentMethod(prng: Prng): string | null {
  const u = prng.next()
  if (u < 0.5) return 'card'
  if (u < 0.7) return 'Bank Transfer'
  if (u < 0.9) return 'paypal'
  return null // the new reference example sends null
}

/**
 * SecPaid fee ~1.5 % (occasionally a -0.10 credit, as SecPaid's examples show) and a PSP fee by method.
 * Rounding with Math.round on integer cents × rate is deterministic (IEEE), fine for seeding.
 */
export function pickFees(prng: Prng, amountCents: Cents, method: string | null): { service: Cents; psp: Cents } {
  const service = prng.chance(0.01) ? -10 : Math.round(amountCents * 0.015)
  let psp: Cents
  switch (method) {
    case 'card':
      psp = Math.round(amountCents * 0.014) + 25
      break
    case 'paypal':
      psp = Math.round(amountCents * 0.0249) + 35
      break
    case 'Bank Transfer':
      psp = 35
      break
    default:
      psp = Math.round(amountCents * 0.015) + 25
  }
  // Never let fees exceed the amount on tiny payments.
  if (service + psp >= amountCents) return { service: 0, psp: Math.floor(amountCents / 4) }
  return { service, psp }
}

export function pickPaymentType(prng: Prng): PaymentType {
  const u = prng.next()
  if (u < 0.8) return 'Basic'
  if (u < 0.9) return 'Split'
  return 'Personal QR'
}

export const DENIAL_REASONS = [
  'Customer was already refunded by bank transfer',
  'Goods were not returned',
  'Refund window expired'
] as const
