/**
 * The application API: every operation SecPaid Desk offers, named, with a zod schema for its
 * input. The IPC router and the CLI both call an operation through `runUseCase` — parse, run — and
 * map a failure through the one error table (app-errors.ts), so neither can pass an input the
 * other refuses.
 */
import { z } from 'zod'
import type { IpcMethod, IpcResponses } from '@shared/ipc-channels'
import { ipcRequestSchemas } from '@shared/ipc-contract'
import { PAY_ID_PATTERN } from '@shared/pay-id'
import { transactionFilterSchema } from '@shared/transaction-filter'
import type { Totals, TransactionView } from '@shared/views'
import { AppError } from './app-errors'

/** Operations only local front ends (the CLI) use; they are not on the IPC contract. */
export const localRequestSchemas = {
  /** Every matching row, sorted, with totals (CLI `list`). */
  selectTransactions: z.object({ filter: transactionFilterSchema }).strict(),
  /** Fetches one payment's rows from SecPaid into the cache (CLI `refund` of an uncached payment). */
  refreshPayment: z.object({ payId: z.string().regex(PAY_ID_PATTERN, 'pay_id is 1–18 digits') }).strict()
}

export interface LocalResponses {
  selectTransactions: { dataAsOf: string | null; rows: TransactionView[]; totals: Totals }
  refreshPayment: void
}

export const useCaseSchemas = { ...ipcRequestSchemas, ...localRequestSchemas }
export type UseCaseName = keyof typeof useCaseSchemas
export type UseCaseInput<N extends UseCaseName> = z.output<(typeof useCaseSchemas)[N]>
export type UseCaseResponses = IpcResponses & LocalResponses

/** The operations; each receives input that already passed its schema. */
export type UseCases = { [N in UseCaseName]: (input: UseCaseInput<N>) => Promise<UseCaseResponses[N]> }
/** The part of the application API the renderer may call. */
export type IpcUseCases = Pick<UseCases, IpcMethod>

/** Parses untrusted input for `name`; throws AppError('invalid_argument') naming the first problem. */
export function parseUseCaseInput<N extends UseCaseName>(name: N, raw: unknown): UseCaseInput<N> {
  const parsed = useCaseSchemas[name].safeParse(raw)
  if (parsed.success) return parsed.data as UseCaseInput<N>
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : ''
  throw new AppError('invalid_argument', `Invalid argument for ${name}${where}: ${issue?.message ?? 'invalid'}`)
}

/** Parse → run. The operation is looked up at call time, so a wrapped or replaced one is used. */
export async function runUseCase<N extends UseCaseName>(useCases: Pick<UseCases, N>, name: N, raw: unknown): Promise<UseCaseResponses[N]> {
  const input = parseUseCaseInput(name, raw)
  // The map type ties each name to its own schema output; TS cannot correlate the union here.
  const run = useCases[name] as (input: unknown) => Promise<UseCaseResponses[N]>
  return run(input)
}
