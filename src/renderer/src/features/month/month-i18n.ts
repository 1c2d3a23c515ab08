/** Strings of the month-end review (namespace 'month'), German and English. */
import { registerTranslations } from '../../i18n'

export const MONTH_NS = 'month'

const de = {
  title: 'Monatsabschluss',
  monthNames: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
  picker: {
    label: 'Monat',
    previous: 'Vorheriger Monat',
    next: 'Nächster Monat',
    lastMonth: 'Letzter Monat',
    thisMonth: 'Dieser Monat'
  },
  kinds: {
    label: 'Buchungsart',
    all: 'Alle Buchungen',
    payments: 'Nur Zahlungen',
    refunds: 'Nur Erstattungen'
  },
  kind: {
    payment: 'Zahlung',
    refund: 'Erstattung',
    dispute: 'Rückbuchung (Dispute)',
    dispute_refund: 'Dispute-Erstattung'
  },
  dataAsOf: 'Datenstand: {{time}}',
  dataAsOfNever: 'Datenstand: noch nie synchronisiert',
  staleBadge: 'veraltet',
  stale: {
    title: 'Daten sind älter als 24 h — erst synchronisieren?',
    never: 'Es wurde noch nie synchronisiert — erst synchronisieren?',
    body: 'Exporte und die Druckansicht tragen den Datenstand und den Hinweis „veraltet“.',
    sync: 'Jetzt synchronisieren',
    syncing: 'Synchronisiere …'
  },
  loading: 'Buchungen des Monats werden geladen …',
  loadingProgress: '{{loaded, number}} von {{total, number}} Buchungen geladen …',
  loadError: 'Die Buchungen des Monats konnten nicht geladen werden.',
  empty: {
    title: 'Keine Buchungen in {{month}}',
    detail: 'Im lokalen Speicher gibt es für diesen Monat keine Zahlungen oder Erstattungen. Wenn das nicht stimmt: synchronisieren.'
  },
  totals: {
    heading: 'Summen {{month}}',
    grossPayIns: 'Zahlungseingänge (brutto)',
    refunds: 'Erstattungen',
    disputes: 'Rückbuchungen',
    net: 'Netto (Eingänge − Erstattungen − Rückbuchungen)',
    fees: 'Gebühren',
    netAfterFees: 'Auszahlungsbetrag (nach Gebühren)',
    paymentCount_one: '{{count, number}} Zahlung',
    paymentCount_other: '{{count, number}} Zahlungen',
    refundCount_one: '{{count, number}} Erstattung',
    refundCount_other: '{{count, number}} Erstattungen',
    disputeCount_one: '{{count, number}} Rückbuchung',
    disputeCount_other: '{{count, number}} Rückbuchungen',
    count_one: '{{count, number}} Buchung',
    count_other: '{{count, number}} Buchungen'
  },
  chart: {
    heading: 'Eingänge und Erstattungen pro Tag',
    description: 'Balkendiagramm: je Tag des Monats die Zahlungseingänge (nach oben) und Erstattungen (nach unten). Dieselben Werte stehen in der Tabelle darunter.',
    tableToggle: 'Werte pro Tag als Tabelle',
    day: 'Tag',
    payInCount: 'Anzahl Eingänge',
    refundCount: 'Anzahl Erstattungen',
    xAxis: 'Tag im {{month}}',
    yAxis: 'Betrag (EUR)',
    payIns: 'Zahlungseingänge',
    refunds: 'Erstattungen',
  },
  review: {
    heading: 'Prüfliste',
    progress: '{{done, number}}/{{total, number}} geprüft',
    progressLabel: 'Prüffortschritt',
    allDone: 'Alles geprüft.',
    markAll: 'Alle sichtbaren als geprüft markieren',
    unmarkAll: 'Häkchen aller sichtbaren entfernen',
    onlyOpen: 'Nur ungeprüfte zeigen',
    saving: 'Speichere …',
    saveError: 'Das Häkchen konnte nicht gespeichert werden: {{message}}',
    rowLabel: 'Geprüft: {{date}}, {{reference}}, {{amount}}',
    noneVisible: 'Keine ungeprüften Buchungen mehr in dieser Ansicht.'
  },
  col: {
    reviewed: 'Geprüft',
    date: 'Datum',
    payId: 'Pay-ID',
    reference: 'Verwendungszweck',
    kind: 'Art',
    status: 'Status',
    method: 'Zahlart',
    amount: 'Betrag',
    fees: 'Gebühren',
    net: 'Netto'
  },
  export: {
    heading: 'Export dieser Ansicht',
    preview_one: 'Exportiert wird {{count, number}} Buchung aus {{month}} ({{view}}).',
    preview_other: 'Exportiert werden {{count, number}} Buchungen aus {{month}} ({{view}}).',
    csvDe: 'CSV Excel (Deutsch)',
    csv: 'CSV (Standard)',
    json: 'JSON',
    print: 'Druckansicht',
    csvDeHint: 'Semikolon, Dezimalkomma, UTF-8 mit BOM, Datum TT.MM.JJJJ – öffnet sich in deutschem Excel korrekt.',
    csvHint: 'Komma, Dezimalpunkt, ISO-Datum – für andere Programme.',
    jsonHint: 'Maschinenlesbar, mit Summen und Datenstand.',
    printHint: 'Zusammenfassung mit Summen und Tagestabelle zum Drucken oder als PDF.',
    working: 'Export wird erstellt …',
    done_one: '{{fileName}} gespeichert ({{count, number}} Buchung).',
    done_other: '{{fileName}} gespeichert ({{count, number}} Buchungen).',
    doneStale: 'Achtung: Die Datei ist als veraltet gekennzeichnet (Datenstand älter als 24 h).',
    error: 'Export fehlgeschlagen: {{message}}'
  },
  print: {
    title: 'Monatsabschluss {{month}}',
    dialogTitle: 'Druckansicht',
    print: 'Drucken …',
    close: 'Schließen',
    period: 'Zeitraum',
    periodValue: '{{from}} – {{to}} (Europe/Berlin)',
    view: 'Ansicht',
    environment: 'Umgebung',
    dataAsOf: 'Datenstand',
    never: 'nie synchronisiert',
    printedAt: 'Erstellt',
    reviewed: 'Geprüft',
    staleWarning: 'Achtung: Der Datenstand ist älter als 24 Stunden.',
    totals: 'Summen',
    perDay: 'Pro Tag',
    date: 'Datum',
    payInCount: 'Anz. Eingänge',
    payIns: 'Eingänge',
    refundCount: 'Anz. Erstattungen',
    refunds: 'Erstattungen',
    net: 'Saldo',
    sum: 'Summe',
    perDayNote: 'Saldo je Tag = Eingänge + Erstattungen; Rückbuchungen (Disputes) sind nur in den Summen oben enthalten.',
    footer: 'Erstellt mit SecPaid Desk aus dem lokalen Speicher. Beträge in EUR.'
  }
}

const en: typeof de = {
  title: 'Month-end review',
  monthNames: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  picker: {
    label: 'Month',
    previous: 'Previous month',
    next: 'Next month',
    lastMonth: 'Last month',
    thisMonth: 'This month'
  },
  kinds: {
    label: 'Entry type',
    all: 'All entries',
    payments: 'Payments only',
    refunds: 'Refunds only'
  },
  kind: {
    payment: 'Payment',
    refund: 'Refund',
    dispute: 'Dispute',
    dispute_refund: 'Dispute refund'
  },
  dataAsOf: 'Data as of {{time}}',
  dataAsOfNever: 'Data as of: never synced',
  staleBadge: 'stale',
  stale: {
    title: 'Data is older than 24 h — sync first?',
    never: 'Never synced — sync first?',
    body: 'Exports and the printable summary carry the data-as-of time and a "stale" note.',
    sync: 'Sync now',
    syncing: 'Syncing …'
  },
  loading: 'Loading the month’s entries …',
  loadingProgress: '{{loaded, number}} of {{total, number}} entries loaded …',
  loadError: 'The month’s entries could not be loaded.',
  empty: {
    title: 'No entries in {{month}}',
    detail: 'The local store has no payments or refunds for this month. If that looks wrong, sync.'
  },
  totals: {
    heading: 'Totals {{month}}',
    grossPayIns: 'Pay-ins (gross)',
    refunds: 'Refunds',
    disputes: 'Disputes',
    net: 'Net (pay-ins − refunds − disputes)',
    fees: 'Fees',
    netAfterFees: 'Payout amount (after fees)',
    paymentCount_one: '{{count, number}} payment',
    paymentCount_other: '{{count, number}} payments',
    refundCount_one: '{{count, number}} refund',
    refundCount_other: '{{count, number}} refunds',
    disputeCount_one: '{{count, number}} dispute',
    disputeCount_other: '{{count, number}} disputes',
    count_one: '{{count, number}} entry',
    count_other: '{{count, number}} entries'
  },
  chart: {
    heading: 'Pay-ins and refunds per day',
    description: 'Bar chart: for each day of the month, pay-ins (upwards) and refunds (downwards). The table below it has the same values.',
    tableToggle: 'Values per day as a table',
    day: 'Day',
    payInCount: 'Number of pay-ins',
    refundCount: 'Number of refunds',
    xAxis: 'Day in {{month}}',
    yAxis: 'Amount (EUR)',
    payIns: 'Pay-ins',
    refunds: 'Refunds',
  },
  review: {
    heading: 'Review list',
    progress: '{{done, number}}/{{total, number}} reviewed',
    progressLabel: 'Review progress',
    allDone: 'Everything reviewed.',
    markAll: 'Mark all visible as reviewed',
    unmarkAll: 'Clear ticks of all visible',
    onlyOpen: 'Show only unreviewed',
    saving: 'Saving …',
    saveError: 'The tick could not be saved: {{message}}',
    rowLabel: 'Reviewed: {{date}}, {{reference}}, {{amount}}',
    noneVisible: 'No unreviewed entries left in this view.'
  },
  col: {
    reviewed: 'Reviewed',
    date: 'Date',
    payId: 'Pay ID',
    reference: 'Reference',
    kind: 'Type',
    status: 'Status',
    method: 'Method',
    amount: 'Amount',
    fees: 'Fees',
    net: 'Net'
  },
  export: {
    heading: 'Export this view',
    preview_one: 'Exports {{count, number}} entry from {{month}} ({{view}}).',
    preview_other: 'Exports {{count, number}} entries from {{month}} ({{view}}).',
    csvDe: 'CSV Excel (German)',
    csv: 'CSV (standard)',
    json: 'JSON',
    print: 'Printable summary',
    csvDeHint: 'Semicolon, decimal comma, UTF-8 with BOM, dates dd.MM.yyyy — opens correctly in German Excel.',
    csvHint: 'Comma, decimal point, ISO dates — for other software.',
    jsonHint: 'Machine-readable, with totals and data-as-of time.',
    printHint: 'Summary with totals and a per-day table to print or save as PDF.',
    working: 'Creating the export …',
    done_one: '{{fileName}} saved ({{count, number}} entry).',
    done_other: '{{fileName}} saved ({{count, number}} entries).',
    doneStale: 'Note: the file is marked stale (data older than 24 h).',
    error: 'Export failed: {{message}}'
  },
  print: {
    title: 'Month-end summary {{month}}',
    dialogTitle: 'Printable summary',
    print: 'Print …',
    close: 'Close',
    period: 'Period',
    periodValue: '{{from}} – {{to}} (Europe/Berlin)',
    view: 'View',
    environment: 'Environment',
    dataAsOf: 'Data as of',
    never: 'never synced',
    printedAt: 'Created',
    reviewed: 'Reviewed',
    staleWarning: 'Note: the data is older than 24 hours.',
    totals: 'Totals',
    perDay: 'Per day',
    date: 'Date',
    payInCount: 'No. pay-ins',
    payIns: 'Pay-ins',
    refundCount: 'No. refunds',
    refunds: 'Refunds',
    net: 'Balance',
    sum: 'Total',
    perDayNote: 'Daily balance = pay-ins + refunds; disputes are only included in the totals above.',
    footer: 'Created with SecPaid Desk from the local store. Amounts in EUR.'
  }
}

registerTranslations(MONTH_NS, { de, en })

