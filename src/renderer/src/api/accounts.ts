/**
 * Accounts (shop = name + environment, each with its own key, cache, ledger and review ticks):
 * the list, and opening one. What is shown of an account is its name, or for a built-in account
 * its environment's label.
 */
import { useMutation, useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query'
import type { AccountsState, AccountView } from '@shared/accounts'
import type { EnvironmentId } from '@shared/domain'
import type { EnvironmentInfo } from '@shared/views'
import { useTranslation } from 'react-i18next'
import { call } from './call'
import { queryKeys } from './query-keys'
import { openedAccount } from './use-live-updates'

export function useAccounts(): UseQueryResult<AccountsState> {
  return useQuery({ queryKey: queryKeys.accounts, queryFn: () => call('listAccounts', {}), staleTime: Infinity })
}

/** Opens an account; main answers with the new environment info (and emits environmentChanged). */
export function useSwitchAccount() {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => call('switchAccount', { id }),
    onSuccess: (info: EnvironmentInfo) => openedAccount(client, info)
  })
}

/** Environment order of the switcher's groups and the settings list (as main lists built-ins). */
export const ENVIRONMENT_ORDER: readonly EnvironmentId[] = ['production', 'development', 'demo', 'custom']

/** The accounts grouped by environment, in environment order; empty groups left out. */
export function groupByEnvironment(accounts: readonly AccountView[]): Array<{ env: EnvironmentId; accounts: AccountView[] }> {
  return ENVIRONMENT_ORDER.map((env) => ({ env, accounts: accounts.filter((a) => a.env === env) })).filter((g) => g.accounts.length > 0)
}

/** What an account is called on screen: its name, or its environment's label for a built-in one. */
export function useAccountLabel(): (account: { name: string | null; env: EnvironmentId }) => string {
  const { t } = useTranslation('accounts')
  return (account) => account.name ?? t(`env.${account.env}`)
}

/** Identifies the open account (a built-in custom account differs per base URL). */
export function accountKeyOf(info: EnvironmentInfo): string {
  return `${info.active}:${info.baseUrl ?? ''}:${info.account.id}`
}
