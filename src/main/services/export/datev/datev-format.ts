/**
 * The fixed parts of DATEV's "Buchungsstapel" format as DATEV publishes it (header version 700,
 * format category 21, format version 13): the header constants and the 125 column titles.
 * docs/datev-export.md says where each rule comes from and which choices are ours.
 */

export const DATEV_HEADER_VERSION = 700
export const DATEV_FORMAT_CATEGORY = 21
export const DATEV_FORMAT_NAME = 'Buchungsstapel'
export const DATEV_FORMAT_VERSION = 13

/** Field separator, line end (also after the last line) and quote of the DATEV format. */
export const DATEV_SEPARATOR = ';'
export const DATEV_LINE_END = '\r\n'

/** DATEV imports at most this many bookings from one Buchungsstapel file. */
export const DATEV_MAX_BOOKINGS = 99_999

/** Widest Umsatz the format allows: 10 integer digits and 2 decimals. */
export const DATEV_MAX_AMOUNT_CENTS = 999_999_999_999

/** Field length limits we fill (characters, without the surrounding quotes). */
export const DATEV_LIMITS = {
  belegfeld1: 36,
  buchungstext: 60,
  zusatzinfoArt: 20,
  zusatzinfoInhalt: 210,
  bezeichnung: 30,
  anwendungsinformation: 16
} as const

function numbered(prefixArt: string, prefixInhalt: string, count: number): string[] {
  const out: string[] = []
  for (let i = 1; i <= count; i++) out.push(`${prefixArt} ${i}`, `${prefixInhalt} ${i}`)
  return out
}

/**
 * The column line, spelled as in DATEV's sample file (including its "Zusatzinformation- Inhalt"
 * without a space before the hyphen). DATEV reads the data lines by position; the titles are for
 * people, but we keep them exactly as published so the file looks like any other DATEV export.
 */
export const DATEV_COLUMNS: readonly string[] = Object.freeze([
  'Umsatz (ohne Soll/Haben-Kz)', // 1
  'Soll/Haben-Kennzeichen',
  'WKZ Umsatz',
  'Kurs',
  'Basis-Umsatz',
  'WKZ Basis-Umsatz',
  'Konto', // 7
  'Gegenkonto (ohne BU-Schlüssel)',
  'BU-Schlüssel',
  'Belegdatum', // 10
  'Belegfeld 1',
  'Belegfeld 2',
  'Skonto',
  'Buchungstext', // 14
  'Postensperre',
  'Diverse Adressnummer',
  'Geschäftspartnerbank',
  'Sachverhalt',
  'Zinssperre',
  'Beleglink', // 20
  ...numbered('Beleginfo - Art', 'Beleginfo - Inhalt', 8), // 21–36
  'KOST1 - Kostenstelle', // 37
  'KOST2 - Kostenstelle',
  'Kost-Menge',
  'EU-Land u. UStID (Bestimmung)', // 40
  'EU-Steuersatz (Bestimmung)',
  'Abw. Versteuerungsart',
  'Sachverhalt L+L',
  'Funktionsergänzung L+L',
  'BU 49 Hauptfunktionstyp',
  'BU 49 Hauptfunktionsnummer',
  'BU 49 Funktionsergänzung', // 47
  ...numbered('Zusatzinformation - Art', 'Zusatzinformation- Inhalt', 20), // 48–87
  'Stück', // 88
  'Gewicht',
  'Zahlweise', // 90
  'Forderungsart',
  'Veranlagungsjahr',
  'Zugeordnete Fälligkeit',
  'Skontotyp',
  'Auftragsnummer', // 95
  'Buchungstyp',
  'USt-Schlüssel (Anzahlungen)',
  'EU-Land (Anzahlungen)',
  'Sachverhalt L+L (Anzahlungen)',
  'EU-Steuersatz (Anzahlungen)', // 100
  'Erlöskonto (Anzahlungen)',
  'Herkunft-Kz',
  'Buchungs GUID',
  'KOST-Datum',
  'SEPA-Mandatsreferenz', // 105
  'Skontosperre',
  'Gesellschaftername',
  'Beteiligtennummer',
  'Identifikationsnummer',
  'Zeichnernummer', // 110
  'Postensperre bis',
  'Bezeichnung SoBil-Sachverhalt',
  'Kennzeichen SoBil-Buchung',
  'Festschreibung', // 114
  'Leistungsdatum',
  'Datum Zuord. Steuerperiode',
  'Fälligkeit',
  'Generalumkehr (GU)',
  'Steuersatz',
  'Land', // 120
  'Abrechnungsreferenz',
  'BVV-Position',
  'EU-Land u. UStID (Ursprung)',
  'EU-Steuersatz (Ursprung)',
  'Abw. Skontokonto' // 125
])

/** 1-based column numbers of the fields we fill. */
export const COL = {
  umsatz: 1,
  sollHaben: 2,
  wkzUmsatz: 3,
  konto: 7,
  gegenkonto: 8,
  belegdatum: 10,
  belegfeld1: 11,
  buchungstext: 14,
  zusatzinfoArt1: 48,
  zusatzinfoInhalt1: 49,
  festschreibung: 114
} as const
