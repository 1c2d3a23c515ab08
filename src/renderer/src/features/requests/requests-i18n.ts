/** Strings of the refund-requests screen (namespace 'requests'), German and English. */
import { registerTranslations } from '../../i18n'

export const REQUESTS_NS = 'requests'

const de = {
  title: 'Erstattungsanfragen',
  intro:
    'Jede Erstattung ist eine Anfrage: SecPaid prüft sie (meist innerhalb weniger Tage) und genehmigt oder lehnt sie ab. Hier sehen Sie alle Anfragen dieses Arbeitsplatzes und ihren Stand.',
  loading: 'Anfragen werden geladen …',
  loadError: 'Die Anfragen konnten nicht geladen werden.',
  openCount_one: '{{count}} offene Anfrage',
  openCount_other: '{{count}} offene Anfragen',
  empty: {
    title: 'Noch keine Erstattungsanfragen',
    body:
      'Eine Erstattung fragen Sie in der Zahlungsdetailansicht mit „Erstattung anfragen“ an. SecPaid prüft die Anfrage; sobald die Erstattung als negative Buchung erscheint, steht sie hier auf „Erstattet“. Die Liste ist das Protokoll dieses Arbeitsplatzes und wird nie gelöscht.',
    filtered: 'Keine Anfragen in diesem Filter.'
  },
  filter: {
    label: 'Anfragen filtern',
    open: 'Offen',
    refunded: 'Erstattet',
    denied: 'Abgelehnt (SecPaid)',
    rejected: 'Nicht angenommen',
    all: 'Alle'
  },
  col: {
    created: 'Erstellt',
    payId: 'Pay-ID',
    reference: 'Verwendungszweck',
    amount: 'Betrag',
    scope: 'Umfang',
    reason: 'Grund',
    state: 'Status',
    actions: 'Aktionen'
  },
  scope: { full: 'Vollständig', partial: 'Teilweise' },
  reason: {
    requested_by_customer: 'Auf Wunsch des Kunden',
    duplicate: 'Doppelte Zahlung',
    fraudulent: 'Betrug',
    product_not_delivered: 'Ware nicht geliefert',
    other: 'Sonstiges'
  },
  state: {
    submitting: 'Wird gesendet',
    submitted: 'Wartet auf Prüfung durch SecPaid',
    rejected: 'Von SecPaid nicht angenommen',
    outcome_unknown: 'Ergebnis unbekannt – erneut prüfen',
    refunded: 'Erstattet',
    denied: 'Abgelehnt'
  },
  stateHint: {
    submitting: 'Die Anfrage wird gerade an SecPaid übertragen.',
    submitted: 'SecPaid hat die Anfrage angenommen und prüft sie. Das dauert meist einige Tage.',
    rejected: 'SecPaid hat die Anfrage sofort zurückgewiesen; es wurde nichts erstattet.',
    outcome_unknown:
      'Die Verbindung brach ab, bevor SecPaid antwortete. Ob die Anfrage angekommen ist, ist offen – bitte erneut prüfen.',
    refunded: 'Die Erstattung ist als negative Buchung bei SecPaid erschienen.',
    denied: 'SecPaid hat die Erstattung abgelehnt.'
  },
  rejection: {
    amount_exceeds: 'Der Betrag ist höher als erstattbar.',
    duplicate_pending: 'Für diese Zahlung läuft bereits eine Anfrage.',
    link_cancelled: 'Der Zahlungslink ist storniert.',
    invoice: 'Rechnungs-Links können nicht erstattet werden.',
    dispute: 'Die Zahlung ist in einem Zahlungsstreit (Dispute).',
    not_found: 'SecPaid kennt diese Zahlung nicht.',
    invalid_amount: 'Der Betrag ist ungültig.',
    missing_field: 'Der Anfrage fehlte eine Angabe.',
    unknown: 'SecPaid hat die Anfrage ohne bekannten Grund zurückgewiesen.'
  },
  serverSaid: 'SecPaid meldet: „{{message}}“',
  deniedReason: 'Grund: {{reason}}',
  deniedNoReason: 'Kein Grund angegeben.',
  note: 'Notiz: {{note}}',
  action: {
    checkAgain: 'Erneut prüfen',
    checking: 'Prüfe …',
    checkAgainHint:
      'Lädt die Zahlung neu von SecPaid. Ist noch keine Erstattungsbuchung da, bleibt die Anfrage offen.',
    checkAgainUnknownHint:
      'Lädt die Zahlung neu von SecPaid. Ist keine Erstattungsbuchung da, wird dieselbe Anfrage einmal erneut gesendet – SecPaid weist Duplikate zurück, so wird klar, ob die erste angekommen ist.',
    markDenied: 'Als abgelehnt markieren',
    openRefundEntry: 'Erstattungsbuchung öffnen',
    showHistory: 'Verlauf anzeigen',
    hideHistory: 'Verlauf ausblenden'
  },
  checkResult: {
    stillOpen: 'Noch keine Erstattungsbuchung bei SecPaid – die Anfrage bleibt offen.',
    changed: 'Neuer Stand: {{state}}'
  },
  error: {
    offline: 'Sie sind offline. Zum Prüfen wird SecPaid benötigt.',
    generic: 'Das hat nicht geklappt: {{message}}'
  },
  history: {
    title: 'Verlauf (Protokoll)',
    time: 'Zeit',
    state: 'Status',
    user: 'Benutzer (Betriebssystem)',
    note: 'Notiz',
    none: '–'
  },
  deny: {
    title: 'Anfrage als abgelehnt markieren',
    description:
      'SecPaid teilt Ablehnungen nicht über die Schnittstelle mit. Tragen Sie den Grund ein, den SecPaid Ihnen genannt hat (z. B. per E-Mail). Das wird im Protokoll mit Ihrem Benutzernamen gespeichert.',
    summary: 'Zahlung {{payId}} · {{amount}}',
    reasonLabel: 'Grund der Ablehnung (Pflichtfeld)',
    reasonRequired: 'Bitte geben Sie einen Grund an.',
    submit: 'Als abgelehnt markieren',
    submitting: 'Speichere …',
    cancel: 'Abbrechen'
  },
  digest: {
    title: 'Änderungen seit der letzten Synchronisierung',
    at: 'Synchronisiert am {{time}}',
    none: 'Keine Änderungen.',
    newPayments_one: '{{count, number}} neue Zahlung',
    newPayments_other: '{{count, number}} neue Zahlungen',
    newRefundEntries_one: '{{count, number}} neue Erstattungsbuchung',
    newRefundEntries_other: '{{count, number}} neue Erstattungsbuchungen',
    updatedRows_one: '{{count, number}} geänderte Buchung',
    updatedRows_other: '{{count, number}} geänderte Buchungen',
    requestsRefunded_one: '{{count, number}} Anfrage genehmigt und erstattet',
    requestsRefunded_other: '{{count, number}} Anfragen genehmigt und erstattet'
  }
}

const en: typeof de = {
  title: 'Refund requests',
  intro:
    'Every refund is a request: SecPaid reviews it (usually within a few days) and approves or denies it. This list shows every request made on this computer and where it stands.',
  loading: 'Loading requests …',
  loadError: 'The refund requests could not be loaded.',
  openCount_one: '{{count}} open request',
  openCount_other: '{{count}} open requests',
  empty: {
    title: 'No refund requests yet',
    body:
      'You request a refund from a payment’s detail view ("Request refund"). SecPaid reviews it; once the refund shows up as a negative entry, the request here turns "Refunded". This list is the audit trail of this computer and is never wiped.',
    filtered: 'No requests match this filter.'
  },
  filter: {
    label: 'Filter requests',
    open: 'Open',
    refunded: 'Refunded',
    denied: 'Denied (SecPaid)',
    rejected: 'Not accepted',
    all: 'All'
  },
  col: {
    created: 'Created',
    payId: 'Pay ID',
    reference: 'Reference',
    amount: 'Amount',
    scope: 'Scope',
    reason: 'Reason',
    state: 'Status',
    actions: 'Actions'
  },
  scope: { full: 'Full', partial: 'Partial' },
  reason: {
    requested_by_customer: 'Requested by customer',
    duplicate: 'Duplicate payment',
    fraudulent: 'Fraudulent',
    product_not_delivered: 'Product not delivered',
    other: 'Other'
  },
  state: {
    submitting: 'Sending',
    submitted: 'Awaiting SecPaid review',
    rejected: 'Not accepted by SecPaid',
    outcome_unknown: 'Outcome unknown — check again',
    refunded: 'Refunded',
    denied: 'Denied'
  },
  stateHint: {
    submitting: 'The request is being sent to SecPaid right now.',
    submitted: 'SecPaid accepted the request and is reviewing it. This usually takes a few days.',
    rejected: 'SecPaid refused the request straight away; nothing was refunded.',
    outcome_unknown:
      'The connection dropped before SecPaid answered. Whether the request arrived is unknown — please check again.',
    refunded: 'The refund has appeared as a negative entry at SecPaid.',
    denied: 'SecPaid denied the refund.'
  },
  rejection: {
    amount_exceeds: 'The amount is more than can be refunded.',
    duplicate_pending: 'A request for this payment is already pending.',
    link_cancelled: 'The payment link is cancelled.',
    invoice: 'Invoice links cannot be refunded.',
    dispute: 'The payment is in a dispute.',
    not_found: 'SecPaid does not know this payment.',
    invalid_amount: 'The amount is not valid.',
    missing_field: 'The request was missing a field.',
    unknown: 'SecPaid refused the request for a reason we do not recognise.'
  },
  serverSaid: 'SecPaid said: "{{message}}"',
  deniedReason: 'Reason: {{reason}}',
  deniedNoReason: 'No reason given.',
  note: 'Note: {{note}}',
  action: {
    checkAgain: 'Check again',
    checking: 'Checking …',
    checkAgainHint: 'Reloads the payment from SecPaid. If no refund entry is there yet, the request stays open.',
    checkAgainUnknownHint:
      'Reloads the payment from SecPaid. If there is no refund entry, the same request is sent once more — SecPaid refuses duplicates, which tells us whether the first one arrived.',
    markDenied: 'Mark as denied',
    openRefundEntry: 'Open refund entry',
    showHistory: 'Show history',
    hideHistory: 'Hide history'
  },
  checkResult: {
    stillOpen: 'No refund entry at SecPaid yet — the request stays open.',
    changed: 'New status: {{state}}'
  },
  error: {
    offline: 'You are offline. Checking needs SecPaid.',
    generic: 'That did not work: {{message}}'
  },
  history: {
    title: 'History (audit trail)',
    time: 'Time',
    state: 'Status',
    user: 'User (OS account)',
    note: 'Note',
    none: '–'
  },
  deny: {
    title: 'Mark request as denied',
    description:
      'SecPaid does not report denials through its API. Enter the reason SecPaid gave you (e.g. by email). It is stored in the audit trail with your user name.',
    summary: 'Payment {{payId}} · {{amount}}',
    reasonLabel: 'Reason for the denial (required)',
    reasonRequired: 'Please enter a reason.',
    submit: 'Mark as denied',
    submitting: 'Saving …',
    cancel: 'Cancel'
  },
  digest: {
    title: 'Changes since the last sync',
    at: 'Synced {{time}}',
    none: 'No changes.',
    newPayments_one: '{{count, number}} new payment',
    newPayments_other: '{{count, number}} new payments',
    newRefundEntries_one: '{{count, number}} new refund entry',
    newRefundEntries_other: '{{count, number}} new refund entries',
    updatedRows_one: '{{count, number}} updated entry',
    updatedRows_other: '{{count, number}} updated entries',
    requestsRefunded_one: '{{count, number}} request approved and refunded',
    requestsRefunded_other: '{{count, number}} requests approved and refunded'
  }
}

registerTranslations(REQUESTS_NS, { de, en })
