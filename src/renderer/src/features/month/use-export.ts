/** Export of the current view through main (which builds the file from the same filter). */
import { useMutation } from '@tanstack/react-query'
import { call } from '../../api/call'
import { downloadTextFile } from '../../components'
import type { ExportFile, ExportFormat, Language, TransactionFilter } from '@shared/views'

export function useExport(filter: TransactionFilter, language: Language) {
  return useMutation({
    mutationFn: (format: ExportFormat) => call('exportTransactions', { filter, format, language }),
    onSuccess: (file: ExportFile) => downloadTextFile(file.fileName, file.content, file.mimeType)
  })
}
