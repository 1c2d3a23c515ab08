/** One operation of the application API from the CLI: parse → run (failures map through the error table). */
import { runUseCase, type UseCaseName, type UseCaseResponses } from '../app/app-api'
import type { AppCore } from '../app/app-core'

export function call<N extends UseCaseName>(core: AppCore, name: N, input: unknown): Promise<UseCaseResponses[N]> {
  return runUseCase(core.api, name, input)
}
