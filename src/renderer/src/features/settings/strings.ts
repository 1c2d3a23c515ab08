import { registerTranslations } from '../../i18n'

registerTranslations('settings', {
  de: {
    env: {
      title: 'Umgebung',
      intro: 'Mit welchem SecPaid-Konto arbeitet SecPaid Desk?',
      production: 'Produktion',
      productionHint: 'Ihr echtes SecPaid-Konto (app.secpaid.com). Erstattungen gehen an echte Kunden.',
      development: 'Test (Development)',
      developmentHint: 'Die Testumgebung von SecPaid (app.dev.secpaid.com) mit einem Test-Schlüssel.',
      demo: 'Demo',
      demoHint: 'Ein eingebauter Simulator mit Beispieldaten – ohne SecPaid-Konto, nichts verlässt Ihren Rechner.',
      custom: 'Eigene Adresse',
      customHint: 'Ein anderer Server (per Umgebungsvariable gesetzt): {{url}}',
      active: 'aktiv',
      switching: 'Wird umgeschaltet …'
    },
    key: {
      title: 'API-Schlüssel',
      demoNone: 'Die Demo-Umgebung braucht keinen Schlüssel.',
      stored: 'Schlüssel endet auf …{{last4}}',
      storedKeychain: 'Im Schlüsselbund des Systems gespeichert.',
      storedSession: 'Nur für diese Sitzung – wird beim Beenden vergessen.',
      none: 'Noch kein Schlüssel hinterlegt.',
      label: 'API-Schlüssel einfügen',
      hint: 'Sie finden den Schlüssel im SecPaid-Dashboard unter Einstellungen → API.',
      where: 'Der Schlüssel wird vor dem Speichern bei SecPaid geprüft und dann im Schlüsselbund Ihres Betriebssystems abgelegt (Secret Service unter Linux, Schlüsselbund unter macOS, Anmeldeinformationsverwaltung unter Windows) – nie in einer Datei.',
      show: 'Anzeigen',
      hide: 'Verbergen',
      save: 'Prüfen und speichern',
      saving: 'Wird geprüft …',
      saved: 'Schlüssel geprüft und gespeichert.',
      sessionOnly: 'Nur für diese Sitzung verwenden',
      sessionOnlyHint: 'Der Schlüssel bleibt nur im Arbeitsspeicher, bis SecPaid Desk beendet wird.',
      keychainMissing: 'Kein Schlüsselbund verfügbar',
      signOut: 'Abmelden (Schlüssel entfernen)',
      signingOut: 'Wird entfernt …',
      replace: 'Anderen Schlüssel hinterlegen'
    },
    appearance: {
      title: 'Sprache und Darstellung',
      language: 'Sprache',
      languageSystem: 'Wie das System ({{lang}})',
      de: 'Deutsch',
      en: 'English',
      theme: 'Farbschema',
      system: 'Wie das System',
      light: 'Hell',
      dark: 'Dunkel'
    },
    data: {
      title: 'Daten',
      history: 'Zeitraum, der synchronisiert wird (Monate)',
      historyHint: 'Ältere Buchungen werden nicht geladen. Wirkt bei der nächsten vollständigen Synchronisierung.',
      fullSync: 'Alles neu laden',
      fullSyncHint: 'Lädt den ganzen Zeitraum erneut von SecPaid. Erstattungsanfragen bleiben erhalten.',
      saved: 'Gespeichert'
    },
    welcome: {
      title: 'Willkommen bei SecPaid Desk',
      intro: 'Ihre Zahlungen, Erstattungen und der Monatsabschluss – auch offline. Wählen Sie zuerst die Umgebung.',
      step1: '1. Umgebung wählen',
      step2: '2. API-Schlüssel hinterlegen',
      start: 'Weiter zu den Transaktionen',
      startDemo: 'Demo starten',
      later: 'Später'
    }
  },
  en: {
    env: {
      title: 'Environment',
      intro: 'Which SecPaid account does SecPaid Desk work with?',
      production: 'Production',
      productionHint: 'Your real SecPaid account (app.secpaid.com). Refunds go to real customers.',
      development: 'Test (Development)',
      developmentHint: 'SecPaid\'s test environment (app.dev.secpaid.com) with a test key.',
      demo: 'Demo',
      demoHint: 'A built-in simulator with sample data – no SecPaid account needed, nothing leaves your computer.',
      custom: 'Custom address',
      customHint: 'Another server (set by environment variable): {{url}}',
      active: 'active',
      switching: 'Switching …'
    },
    key: {
      title: 'API key',
      demoNone: 'The Demo environment needs no key.',
      stored: 'Key ending in …{{last4}}',
      storedKeychain: 'Stored in the system keychain.',
      storedSession: 'For this session only – forgotten when you quit.',
      none: 'No key stored yet.',
      label: 'Paste your API key',
      hint: 'You find the key in the SecPaid dashboard under Settings → API.',
      where: 'The key is checked with SecPaid before it is saved, then kept in your operating system\'s keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on Windows) – never in a file.',
      show: 'Show',
      hide: 'Hide',
      save: 'Check and save',
      saving: 'Checking …',
      saved: 'Key checked and saved.',
      sessionOnly: 'Use for this session only',
      sessionOnlyHint: 'The key stays in memory only until SecPaid Desk quits.',
      keychainMissing: 'No keychain available',
      signOut: 'Sign out (remove key)',
      signingOut: 'Removing …',
      replace: 'Use a different key'
    },
    appearance: {
      title: 'Language and appearance',
      language: 'Language',
      languageSystem: 'Same as system ({{lang}})',
      de: 'Deutsch',
      en: 'English',
      theme: 'Theme',
      system: 'Same as system',
      light: 'Light',
      dark: 'Dark'
    },
    data: {
      title: 'Data',
      history: 'Period to sync (months)',
      historyHint: 'Older entries are not loaded. Takes effect at the next full sync.',
      fullSync: 'Reload everything',
      fullSyncHint: 'Loads the whole period from SecPaid again. Refund requests are kept.',
      saved: 'Saved'
    },
    welcome: {
      title: 'Welcome to SecPaid Desk',
      intro: 'Your payments, refunds and month-end review – offline too. First choose the environment.',
      step1: '1. Choose the environment',
      step2: '2. Add your API key',
      start: 'Continue to transactions',
      startDemo: 'Start the demo',
      later: 'Later'
    }
  }
})
