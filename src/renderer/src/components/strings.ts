import { registerTranslations } from '../i18n'

/** Strings of the shared primitives (namespace "ui"). */
registerTranslations('ui', {
  de: {
    close: 'Schließen',
    retry: 'Erneut versuchen',
    loading: 'Wird geladen …',
    dismiss: 'Ausblenden',
    serverSaid: 'Antwort von SecPaid: „{{message}}“',
    details: 'Details: {{message}}',
    errorText: {
      invalid_argument: 'Die Eingabe wurde nicht angenommen.',
      forbidden_sender: 'Diese Anfrage ist nicht erlaubt.',
      auth: 'SecPaid hat den API-Schlüssel abgelehnt. Bitte in den Einstellungen prüfen.',
      rejected: 'SecPaid hat die Anfrage abgelehnt.',
      rate_limited: 'Zu viele Anfragen an SecPaid. Bitte kurz warten und erneut versuchen.',
      offline: 'SecPaid ist gerade nicht erreichbar. Bitte die Internetverbindung prüfen.',
      server: 'SecPaid meldet einen Serverfehler. Bitte später erneut versuchen.',
      protocol: 'SecPaid hat unerwartet geantwortet. Bitte später erneut versuchen.',
      keychain_unavailable: 'Der Schlüsselbund des Systems ist nicht verfügbar.',
      not_found: 'Der Eintrag wurde nicht gefunden.',
      precondition: 'Das ist gerade nicht möglich.',
      internal: 'In SecPaid Desk ist ein Fehler aufgetreten.'
    },
    errorCode: {
      ledger_locked: 'Ein anderer SecPaid-Desk-Prozess (App oder CLI) schreibt gerade die Erstattungen. Bitte gleich erneut versuchen.',
      no_key: 'Für diese Umgebung ist kein SecPaid-API-Schlüssel gespeichert. Bitte in den Einstellungen hinterlegen.'
    },
    syncErrorText: {
      network: 'SecPaid ist gerade nicht erreichbar. Bitte die Internetverbindung prüfen.',
      auth: 'SecPaid hat den API-Schlüssel abgelehnt. Bitte in den Einstellungen prüfen.',
      rate_limited: 'SecPaid hat zu viele Anfragen gemeldet. Die Synchronisation wird später erneut versucht.',
      server: 'SecPaid meldet einen Serverfehler. Bitte später erneut synchronisieren.',
      protocol: 'SecPaid hat unerwartet geantwortet. Bitte später erneut synchronisieren.',
      pagination_limit: 'SecPaid hat mehr Seiten geliefert als erwartet; die Synchronisation wurde abgebrochen.',
      base_url: 'Die Adresse von SecPaid ist ungültig.',
      invalid_input: 'Die Anfrage an SecPaid war ungültig.',
      rejection: 'SecPaid hat die Anfrage abgelehnt.',
      previous_run: 'Die letzte Synchronisation ist fehlgeschlagen.',
      internal: 'Die Synchronisation ist fehlgeschlagen (z. B. kein Speicherplatz oder fehlende Dateirechte).'
    },
    errorKind: {
      invalid_argument: 'Ungültige Eingabe',
      forbidden_sender: 'Anfrage nicht erlaubt',
      auth: 'API-Schlüssel abgelehnt',
      rejected: 'Von SecPaid abgelehnt',
      rate_limited: 'Zu viele Anfragen – bitte kurz warten',
      offline: 'Keine Verbindung zu SecPaid',
      server: 'SecPaid meldet einen Serverfehler',
      protocol: 'Unerwartete Antwort von SecPaid',
      keychain_unavailable: 'Schlüsselbund nicht verfügbar',
      not_found: 'Nicht gefunden',
      precondition: 'Nicht möglich',
      internal: 'Interner Fehler'
    }
  },
  en: {
    close: 'Close',
    retry: 'Try again',
    loading: 'Loading …',
    dismiss: 'Dismiss',
    serverSaid: 'SecPaid said: “{{message}}”',
    details: 'Details: {{message}}',
    errorText: {
      invalid_argument: 'The input was not accepted.',
      forbidden_sender: 'This request is not allowed.',
      auth: 'SecPaid rejected the API key. Please check it in Settings.',
      rejected: 'SecPaid rejected the request.',
      rate_limited: 'Too many requests to SecPaid. Please wait a moment and try again.',
      offline: 'SecPaid cannot be reached right now. Please check the internet connection.',
      server: 'SecPaid reports a server error. Please try again later.',
      protocol: 'SecPaid answered unexpectedly. Please try again later.',
      keychain_unavailable: 'The system keychain is not available.',
      not_found: 'The entry was not found.',
      precondition: 'This is not possible right now.',
      internal: 'Something went wrong inside SecPaid Desk.'
    },
    errorCode: {
      ledger_locked: 'Another SecPaid Desk process (app or CLI) is writing the refund ledger right now. Please try again in a moment.',
      no_key: 'No SecPaid API key is stored for this environment. Please add it in Settings.'
    },
    syncErrorText: {
      network: 'SecPaid cannot be reached right now. Please check the internet connection.',
      auth: 'SecPaid rejected the API key. Please check it in Settings.',
      rate_limited: 'SecPaid reported too many requests. Sync will be tried again later.',
      server: 'SecPaid reports a server error. Please sync again later.',
      protocol: 'SecPaid answered unexpectedly. Please sync again later.',
      pagination_limit: 'SecPaid returned more pages than expected; the sync was stopped.',
      base_url: 'The SecPaid address is not valid.',
      invalid_input: 'The request to SecPaid was invalid.',
      rejection: 'SecPaid rejected the request.',
      previous_run: 'The last sync failed.',
      internal: 'The sync failed (for example no disk space or missing file permissions).'
    },
    errorKind: {
      invalid_argument: 'Invalid input',
      forbidden_sender: 'Request not allowed',
      auth: 'API key rejected',
      rejected: 'Rejected by SecPaid',
      rate_limited: 'Too many requests – please wait a moment',
      offline: 'No connection to SecPaid',
      server: 'SecPaid reports a server error',
      protocol: 'Unexpected reply from SecPaid',
      keychain_unavailable: 'Keychain not available',
      not_found: 'Not found',
      precondition: 'Not possible',
      internal: 'Internal error'
    }
  }
})
