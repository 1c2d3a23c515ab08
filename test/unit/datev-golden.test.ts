/**
 * Golden file: October 2026 of test/fixtures/datev/golden-month.ts, exported, must equal
 * test/fixtures/datev/EXTF_Buchungsstapel_SecPaid_2026-10.csv byte for byte.
 *
 * What was checked by hand in that file (decoded as Windows-1252) before it was committed:
 * - Line 1: "EXTF";700;21;"Buchungsstapel";13; created 20261102093015123 (09:30:15.123 CET for
 *   08:30:15.123 UTC); Berater 29098, Mandant 55003; WJ-Beginn 20260101; Sachkontenlänge 4;
 *   period 20261001–20261031; "SecPaid 10/2026"; Diktatkürzel "SD"; Buchungstyp 1; Zweck 0;
 *   Festschreibung 0; "EUR"; chart "03"; 31 fields, empty and "" exactly where DATEV's sample has them.
 * - Line 2: the 125 column titles, umlauts as single bytes (0xFC in "Schlüssel").
 * - 13 booking lines, oldest first, each with Konto 1360 (clearing):
 *   payment 119,00 S/8400 on 0210 and its fee 0,50 H/4970 (0,30 + 0,20 PSP);
 *   partial refund 50,00 H/8400 on 0510 (sent negative; Buchungstext cut at 60 characters);
 *   payment 250,00 S/8400 on 1010 — note „Sommer“ – Łódź 🚀 written as "Sommer" - Lódz ?;
 *   its fee 0,50 H/4970; dispute sent POSITIVE 250,00 H/8700 on 1210;
 *   payment 80,00 S/8400 on 1410 with the note's quotes doubled and its ";" inside the quotes,
 *   no Zusatzinformation (no transaction id); negative fee −0,10 as 0,10 S/4970 "Gebührengutschrift";
 *   dispute sent NEGATIVE 80,00 H/8700 on 2010 (its fee 0,00 gives no line);
 *   dispute refund 80,00 S/8700 on 2310;
 *   payment 19,99 S/8400 on 2510 (02:30 in the night the clocks go back) with "€" written "EUR"
 *   and "×" kept (0xD7); its fee 0,30 H/4970;
 *   payout 100,00 H/1200 on 3010, Belegfeld "PO-2026-10-30-001".
 * - Not in the file: payment 100005 (42,00, status Pending): its money has not moved.
 * - Sums: S 549,09, H 481,30 on 1360 → 67,79 = net 168,99 − fees 1,20 − payout 100,00.
 * - Every line: 125 fields, "EUR" in column 3, Festschreibung 0 in column 114, CR LF, no BOM.
 * A change to the writer that alters any byte fails here; re-review the diff by hand before
 * replacing the fixture.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportDatevMonth } from '../../src/main/services/export/datev'
import { decodeWindows1252 } from '../fixtures/datev/datev-reader'
import { GOLDEN_MONTH, GOLDEN_NOW, GOLDEN_PAYOUTS, GOLDEN_ROWS, GOLDEN_SETTINGS } from '../fixtures/datev/golden-month'

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'datev', 'EXTF_Buchungsstapel_SecPaid_2026-10.csv')

describe('DATEV golden file', () => {
  const result = exportDatevMonth({ month: GOLDEN_MONTH, rows: GOLDEN_ROWS, payouts: GOLDEN_PAYOUTS, settings: GOLDEN_SETTINGS, now: GOLDEN_NOW })
  const golden = readFileSync(GOLDEN)

  it('is reproduced byte for byte', () => {
    // Compare decoded lines first: a failure then shows which line differs, not a byte offset.
    expect(decodeWindows1252(result.bytes).split('\r\n')).toEqual(decodeWindows1252(golden).split('\r\n'))
    expect(Buffer.compare(result.bytes, golden)).toBe(0)
  })

  it('books nothing for the payment still pending, and lists it with its amount and fee instead', () => {
    expect(result.skipped).toEqual([{ key: '20261031-pi-J6K7L8M9N0', payId: '100005', kind: 'payment', status: 'Pending', signedAmount: 4_200, fees: 15 }])
    expect(result.text).not.toContain('100005')
  })

  it('has the file name DATEV imports', () => {
    expect(result.fileName).toBe('EXTF_Buchungsstapel_SecPaid_2026-10.csv')
  })

  it('has one booking per pay-in, refund, dispute, dispute refund, non-zero fee and payout, as reviewed', () => {
    expect(result.bookingCount).toBe(13)
    expect(result.bookings.map((b) => `${b.kind} ${b.side} ${b.amountCents} ${b.gegenkonto}`)).toEqual([
      'payment S 11900 8400',
      'fee H 50 4970',
      'refund H 5000 8400',
      'payment S 25000 8400',
      'fee H 50 4970',
      'dispute H 25000 8700',
      'payment S 8000 8400',
      'fee S 10 4970',
      'dispute H 8000 8700',
      'dispute_refund S 8000 8700',
      'payment S 1999 8400',
      'fee H 30 4970',
      'payout H 10000 1200'
    ])
  })
})
