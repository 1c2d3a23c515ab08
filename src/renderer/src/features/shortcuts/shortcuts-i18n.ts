/** Strings of the keyboard shortcut sheet (namespace 'shortcuts'), German and English. */
import { registerTranslations } from '../../i18n'

export const SHORTCUTS_NS = 'shortcuts'

const de = {
  title: 'Tastenkürzel',
  description: 'Nicht während Sie in ein Textfeld schreiben und nicht, solange ein Dialog offen ist.',
  where: { everywhere: 'Überall', transactions: 'Transaktionen', month: 'Monatsabschluss' },
  toResults: 'Aus der Suche in die Ergebnisliste (erste Zeile)',
  exportMonth: 'Monat als CSV für Excel (Deutsch) exportieren',
  keyHeader: 'Taste',
  actionHeader: 'Aktion',
  or: 'oder',
  search: 'Suche öffnen',
  move: 'Eine Zeile nach unten / oben (Fokus in der Liste)',
  details: 'Details der gewählten Zeile öffnen',
  refund: 'Erstattung für die gewählte Zahlung beantragen',
  export: 'Aktuelle Ansicht exportieren',
  help: 'Diese Liste anzeigen',
  close: 'Dialog oder Details schließen',
  keys: { up: 'Pfeil nach oben', down: 'Pfeil nach unten', enter: 'Eingabetaste', esc: 'Escape', slash: 'Schrägstrich', question: 'Fragezeichen' },
  closeButton: 'Schließen'
}

const en: typeof de = {
  title: 'Keyboard shortcuts',
  description: 'Not while you are typing in a text field, and not while a dialog is open.',
  where: { everywhere: 'Everywhere', transactions: 'Transactions', month: 'Month-end' },
  toResults: 'From the search box into the results (first row)',
  exportMonth: 'Export the month as CSV for Excel (German)',
  keyHeader: 'Key',
  actionHeader: 'Action',
  or: 'or',
  search: 'Go to search',
  move: 'Move one row down / up (focus in the list)',
  details: 'Open the selected row’s details',
  refund: 'Request a refund for the selected payment',
  export: 'Export the current view',
  help: 'Show this list',
  close: 'Close a dialog or the details',
  keys: { up: 'Up arrow', down: 'Down arrow', enter: 'Enter', esc: 'Escape', slash: 'Slash', question: 'Question mark' },
  closeButton: 'Close'
}

registerTranslations(SHORTCUTS_NS, { de, en })
