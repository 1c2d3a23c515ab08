import { registerTranslations } from '../../i18n'

registerTranslations('transactions', {
  de: {
    columns: {
      createdAt: 'Datum',
      payId: 'Pay-ID',
      transactionId: 'Transaktions-ID',
      recipientNote: 'Verwendungszweck',
      transactionType: 'Art',
      status: 'Status',
      paymentMethod: 'Zahlart',
      amount: 'Betrag',
      netAmount: 'Netto',
      serviceFee: 'Gebühren'
    },
    sortAsc: 'aufsteigend sortiert',
    sortDesc: 'absteigend sortiert',
    sortBy: 'Nach {{column}} sortieren',
    tableLabel: 'Transaktionen',
    announceSelection: 'Zeile {{position}} von {{total}}: {{kind}} {{payId}}, {{amount}}',
    rowsLabel: '{{shown}} von {{total}} Buchungen',
    kind: {
      payment: 'Zahlung',
      refund: 'Erstattung',
      dispute: 'Rückbuchung',
      dispute_refund: 'Dispute-Erstattung'
    },
    kindHint: {
      refund: 'Erstattungsbuchung (negativer Betrag)',
      dispute: 'Rückbuchung durch einen Zahlungsstreit (Dispute)',
      dispute_refund: 'Erstattung nach einem Zahlungsstreit (Dispute)'
    },
    paymentType: {
      Basic: 'Standard',
      Split: 'Split-Zahlung',
      Personal_QR: 'QR-Zahlung',
      Refund: 'Erstattung',
      Dispute: 'Rückbuchung',
      Dispute_Refund: 'Dispute-Erstattung'
    },
    payoutStatus: {
      Pending: 'Ausstehend',
      InProgress: 'In Bearbeitung',
      Approved: 'Freigegeben',
      Paid: 'Ausgezahlt'
    },
    refundState: {
      none: '',
      requested: 'Erstattung angefragt',
      partially_refunded: 'Teilweise erstattet',
      refunded: 'Erstattet'
    },
    refundStateShort: {
      requested: 'Angefragt',
      partially_refunded: 'Teilerstattet',
      refunded: 'Erstattet'
    },
    status: {
      Success: 'Erfolgreich',
      Pending: 'Ausstehend',
      Failed: 'Fehlgeschlagen',
      Cancelled: 'Storniert',
      Canceled: 'Storniert',
      Expired: 'Abgelaufen'
    },
    method: {
      card: 'Karte',
      paypal: 'PayPal',
      bank_transfer: 'Überweisung',
      sepa: 'SEPA',
      sofort: 'Sofort',
      giropay: 'giropay',
      apple_pay: 'Apple Pay',
      google_pay: 'Google Pay',
      klarna: 'Klarna'
    },
    toolbar: {
      label: 'Filter',
      period: 'Zeitraum',
      periodAll: 'Alle Zeiträume',
      periodThisMonth: 'Dieser Monat',
      periodLastMonth: 'Letzter Monat',
      periodMonth: 'Monat wählen …',
      periodRange: 'Eigener Zeitraum …',
      month: 'Monat',
      from: 'Von',
      to: 'Bis',
      type: 'Art',
      typeAll: 'Alle Arten',
      status: 'Status',
      statusAll: 'Alle Status',
      amountMin: 'Betrag ab',
      amountMax: 'Betrag bis',
      amountPlaceholder: '0,00',
      amountInvalid: 'Betrag nicht lesbar (z. B. 12,50)',
      search: 'Suche',
      searchPlaceholder: 'Verwendungszweck, ID oder Betrag suchen …',
      refundsOnly: 'Nur Erstattungen',
      reset: 'Filter zurücksetzen',
      export: 'Exportieren (CSV)',
      exportHint: 'Aktuelle Ansicht als CSV für Excel (Deutsch) speichern – Taste E',
      exporting: 'Export läuft …',
      exported: '{{rows}} Zeilen exportiert: {{file}}',
      exportedStale: '{{rows}} Zeilen exportiert: {{file}}. Achtung: Die Daten sind nicht aktuell (letzte Synchronisierung liegt zurück).',
      exportFailed: 'Export fehlgeschlagen'
    },
    totals: {
      label: 'Summen für den aktuellen Filter',
      count: 'Buchungen',
      grossPayIns: 'Eingänge brutto',
      refunds: 'Erstattungen',
      disputes: 'Rückbuchungen',
      net: 'Saldo brutto',
      fees: 'Gebühren',
      netAfterFees: 'Saldo netto'
    },
    empty: {
      title: 'Keine Buchungen für diesen Filter',
      detail: 'Ändern Sie den Zeitraum oder die Filter – oder setzen Sie sie zurück.',
      noDataTitle: 'Noch keine Buchungen gespeichert',
      noDataDetail: 'Synchronisieren Sie mit SecPaid, um Ihre Transaktionen zu laden.'
    },
    loading: 'Buchungen werden geladen …',
    loadError: 'Buchungen konnten nicht geladen werden',
    none: '–'
  },
  en: {
    columns: {
      createdAt: 'Date',
      payId: 'Pay ID',
      transactionId: 'Transaction ID',
      recipientNote: 'Reference',
      transactionType: 'Type',
      status: 'Status',
      paymentMethod: 'Method',
      amount: 'Amount',
      netAmount: 'Net',
      serviceFee: 'Fees'
    },
    sortAsc: 'sorted ascending',
    sortDesc: 'sorted descending',
    sortBy: 'Sort by {{column}}',
    tableLabel: 'Transactions',
    announceSelection: 'Row {{position}} of {{total}}: {{kind}} {{payId}}, {{amount}}',
    rowsLabel: '{{shown}} of {{total}} entries',
    kind: {
      payment: 'Payment',
      refund: 'Refund',
      dispute: 'Dispute',
      dispute_refund: 'Dispute refund'
    },
    kindHint: {
      refund: 'Refund entry (negative amount)',
      dispute: 'Charged back by a dispute',
      dispute_refund: 'Refund after a dispute'
    },
    paymentType: {
      Basic: 'Standard',
      Split: 'Split payment',
      Personal_QR: 'QR payment',
      Refund: 'Refund',
      Dispute: 'Dispute',
      Dispute_Refund: 'Dispute refund'
    },
    payoutStatus: {
      Pending: 'Pending',
      InProgress: 'In progress',
      Approved: 'Approved',
      Paid: 'Paid out'
    },
    refundState: {
      none: '',
      requested: 'Refund requested',
      partially_refunded: 'Partially refunded',
      refunded: 'Refunded'
    },
    refundStateShort: {
      requested: 'Requested',
      partially_refunded: 'Part-refunded',
      refunded: 'Refunded'
    },
    status: {
      Success: 'Successful',
      Pending: 'Pending',
      Failed: 'Failed',
      Cancelled: 'Cancelled',
      Canceled: 'Cancelled',
      Expired: 'Expired'
    },
    method: {
      card: 'Card',
      paypal: 'PayPal',
      bank_transfer: 'Bank transfer',
      sepa: 'SEPA',
      sofort: 'Sofort',
      giropay: 'giropay',
      apple_pay: 'Apple Pay',
      google_pay: 'Google Pay',
      klarna: 'Klarna'
    },
    toolbar: {
      label: 'Filters',
      period: 'Period',
      periodAll: 'All time',
      periodThisMonth: 'This month',
      periodLastMonth: 'Last month',
      periodMonth: 'Pick a month …',
      periodRange: 'Custom range …',
      month: 'Month',
      from: 'From',
      to: 'To',
      type: 'Type',
      typeAll: 'All types',
      status: 'Status',
      statusAll: 'All statuses',
      amountMin: 'Amount from',
      amountMax: 'Amount to',
      amountPlaceholder: '0.00',
      amountInvalid: 'Amount not readable (e.g. 12.50)',
      search: 'Search',
      searchPlaceholder: 'Search reference, ID or amount …',
      refundsOnly: 'Refunds only',
      reset: 'Reset filters',
      export: 'Export (CSV)',
      exportHint: 'Save the current view as CSV for Excel (German) – key E',
      exporting: 'Exporting …',
      exported: '{{rows}} rows exported: {{file}}',
      exportedStale: '{{rows}} rows exported: {{file}}. Note: the data is not current (last sync is a while ago).',
      exportFailed: 'Export failed'
    },
    totals: {
      label: 'Totals for the current filter',
      count: 'Entries',
      grossPayIns: 'Pay-ins gross',
      refunds: 'Refunds',
      disputes: 'Disputes',
      net: 'Balance gross',
      fees: 'Fees',
      netAfterFees: 'Balance net'
    },
    empty: {
      title: 'No entries match this filter',
      detail: 'Change the period or the filters – or reset them.',
      noDataTitle: 'No entries stored yet',
      noDataDetail: 'Sync with SecPaid to load your transactions.'
    },
    loading: 'Loading entries …',
    loadError: 'Entries could not be loaded',
    none: '–'
  }
})
