/** Strings of the keyboard shortcut sheet (namespace 'shortcuts'), German and English. */
import { registerTranslations } from '../../i18n'

export const SHORTCUTS_NS = 'shortcuts'

const de = {
  title: 'Tastenkürzel',
  description: 'Funktionieren überall, außer während Sie in ein Textfeld schreiben.',
  keyHeader: 'Taste',
  actionHeader: 'Aktion',
  or: 'oder',
  search: 'Suche öffnen',
  move: 'Eine Zeile nach unten / oben',
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
  description: 'They work everywhere except while you are typing in a text field.',
  keyHeader: 'Key',
  actionHeader: 'Action',
  or: 'or',
  search: 'Go to search',
  move: 'Move one row down / up',
  details: 'Open the selected row’s details',
  refund: 'Request a refund for the selected payment',
  export: 'Export the current view',
  help: 'Show this list',
  close: 'Close a dialog or the details',
  keys: { up: 'Up arrow', down: 'Down arrow', enter: 'Enter', esc: 'Escape', slash: 'Slash', question: 'Question mark' },
  closeButton: 'Close'
}

registerTranslations(SHORTCUTS_NS, { de, en })
