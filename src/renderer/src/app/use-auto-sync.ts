/** Runs one incremental sync after startup (and after an environment switch) when a key is there. */
import { useEffect, useRef } from 'react'
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
    if (!credentials.hasKey || doneFor.current === env.active) return
    doneFor.current = env.active
    runRef.current(false)
  }, [enabled, env, credentials])
}
