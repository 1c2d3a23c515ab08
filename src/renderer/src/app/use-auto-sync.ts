/** Runs one incremental sync after startup (and after opening another account) when a key is there. */
import { useEffect, useRef } from 'react'
import { accountKeyOf } from '../api/accounts'
import { useCredentialStatus, useEnvironment, useRunSync } from '../api/hooks'

export function useAutoSync(enabled: boolean): void {
  const { data: env } = useEnvironment()
  const { data: credentials } = useCredentialStatus()
  const { run } = useRunSync()
  const doneFor = useRef<string | null>(null)
  const runRef = useRef(run)
  runRef.current = run

  useEffect(() => {
    if (!enabled || !env || !credentials || credentials.env !== env.active) return
    const account = accountKeyOf(env)
    if (!credentials.hasKey || doneFor.current === account) return
    doneFor.current = account
    runRef.current(false)
  }, [enabled, env, credentials])
}
