import { registerTranslations } from '../i18n'

registerTranslations('app', {
  de: {
    appName: 'SecPaid Desk',
    skipToContent: 'Zum Inhalt springen',
    nav: {
      label: 'Hauptnavigation',
      transactions: 'Transaktionen',
      requests: 'Erstattungsanfragen',
      month: 'Monatsabschluss',
      settings: 'Einstellungen',
      openRequests_one: '{{count}} offene Anfrage',
      openRequests_other: '{{count}} offene Anfragen'
    },
    env: {
      demo: 'DEMO – simulierte Daten',
      development: 'TEST (Development)',
      custom: 'CUSTOM {{url}}',
      production: 'Produktion',
      bannerHint: 'Keine echten Zahlungen'
    },
    sync: {
      region: 'Synchronisierung',
      never: 'Noch nie synchronisiert',
      lastSynced: 'Zuletzt synchronisiert {{when}}',
      syncing: 'Synchronisiere …',
      progress: 'Seite {{pages}} · {{rows}} Zeilen',
      button: 'Synchronisieren',
      cachedRows: '{{rows}} Buchungen im lokalen Speicher',
      offlineTitle: 'Offline',
      offline: 'SecPaid ist gerade nicht erreichbar. Alle gespeicherten Daten bleiben durchsuchbar und exportierbar; Stand: {{when}}.',
      offlineNever: 'SecPaid ist gerade nicht erreichbar, und es gibt noch keine gespeicherten Daten.',
      errorTitle: 'Synchronisierung fehlgeschlagen',
      needsKey: 'Für diese Umgebung ist kein API-Schlüssel hinterlegt.',
      needsKeyAction: 'Schlüssel hinterlegen',
      noticeTitle: 'Hinweis',
      statusOffline: 'Offline',
      statusError: 'Fehler'
    },
    loadingApp: 'SecPaid Desk wird gestartet …',
    loadingScreen: 'Wird geladen …',
    startError: 'SecPaid Desk konnte nicht starten'
  },
  en: {
    appName: 'SecPaid Desk',
    skipToContent: 'Skip to main content',
    nav: {
      label: 'Main navigation',
      transactions: 'Transactions',
      requests: 'Refund requests',
      month: 'Month-end',
      settings: 'Settings',
      openRequests_one: '{{count}} open request',
      openRequests_other: '{{count}} open requests'
    },
    env: {
      demo: 'DEMO – simulated data',
      development: 'TEST (Development)',
      custom: 'CUSTOM {{url}}',
      production: 'Production',
      bannerHint: 'No real payments'
    },
    sync: {
      region: 'Synchronisation',
      never: 'Never synced',
      lastSynced: 'Last synced {{when}}',
      syncing: 'Syncing …',
      progress: 'Page {{pages}} · {{rows}} rows',
      button: 'Sync',
      cachedRows: '{{rows}} entries stored locally',
      offlineTitle: 'Offline',
      offline: 'SecPaid cannot be reached right now. All stored data stays searchable and exportable; data as of {{when}}.',
      offlineNever: 'SecPaid cannot be reached right now, and no data has been stored yet.',
      errorTitle: 'Sync failed',
      needsKey: 'No API key is stored for this environment.',
      needsKeyAction: 'Add a key',
      noticeTitle: 'Notice',
      statusOffline: 'Offline',
      statusError: 'Error'
    },
    loadingApp: 'Starting SecPaid Desk …',
    loadingScreen: 'Loading …',
    startError: 'SecPaid Desk could not start'
  }
})
