import { registerTranslations } from '../i18n'

/** Strings of the shared primitives (namespace "ui"). */
registerTranslations('ui', {
  de: {
    close: 'Schließen',
    retry: 'Erneut versuchen',
    loading: 'Wird geladen …',
    dismiss: 'Ausblenden',
    serverSaid: 'Antwort von SecPaid: „{{message}}“',
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
