/** Exports the current filter as CSV "Excel (Deutsch)" and hands it to the browser as a download. */
import { useState } from 'react'
import { call } from '../../api/call'
import { downloadTextFile } from '../../components'
import { useUiLanguage } from '../../i18n/use-ui-language'
import type { ExportFile, TransactionFilter } from '@shared/views'

export type ExportState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; file: Pick<ExportFile, 'fileName' | 'rowCount' | 'stale'> }
  | { status: 'error'; error: unknown }

export function useExportView(filter: TransactionFilter): { state: ExportState; run: () => void; clear: () => void } {
  const lang = useUiLanguage()
  const [state, setState] = useState<ExportState>({ status: 'idle' })
  const run = (): void => {
    if (state.status === 'running') return
    setState({ status: 'running' })
    call('exportTransactions', { filter, format: 'csv-de', language: lang })
      .then((file) => {
        downloadTextFile(file.fileName, file.content, file.mimeType)
        setState({ status: 'done', file: { fileName: file.fileName, rowCount: file.rowCount, stale: file.stale } })
      })
      .catch((error: unknown) => setState({ status: 'error', error }))
  }
  return { state, run, clear: () => setState({ status: 'idle' }) }
}
