/**
 * Settings → Team for the open account. Not set up: team name + connection string (a password
 * field — the string carries the database password; main proves it, keeps it in the keychain and
 * never sends it back; the field is emptied after saving). Set up: which team and server, the
 * link (online / unreachable with its reason / connecting), events waiting, last contact, this
 * PC's name; test, sync now, leave (with a confirmation that says what leaving does not do).
 */
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { TFunction } from 'i18next'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { TEAM_CONNECTION_MAX_LENGTH, TEAM_NAME_MAX_LENGTH, type TeamConnectionCheck, type TeamSettingsView, type TeamStatus } from '@shared/team'
import { call } from '../../api/call'
import { queryKeys } from '../../api/query-keys'
import { TEAM_SHARED_ROOTS, useSyncTeamNow, useTeamSettings, useTeamStatus } from '../../api/team'
import { Badge, Button, describeError, Dialog, ErrorState, Field, machineId, machineName, Notice, Spinner, type BadgeTone } from '../../components'
import { formatInstant } from '../../components/format-instant'
import { useUiLanguage } from '../../i18n/use-ui-language'
import { formatCount } from '../../i18n/format-count'

export const TEAM_CONNECTION_EXAMPLE = 'postgresql://user:password@db.example.com:5432/shop?sslmode=verify-full'

const LINK_TONE: Record<TeamStatus['link'], BadgeTone> = { off: 'neutral', starting: 'info', online: 'success', unreachable: 'warning' }

export function TeamPanel(): React.JSX.Element {
  const { t } = useTranslation('team')
  const settings = useTeamSettings()
  // The answer of "Connect" stays visible after the form made way for the team's details.
  const [connected, setConnected] = useState<TeamConnectionCheck | null>(null)
  const [left, setLeft] = useState(false)

  if (settings.isPending) return <Spinner />
  if (settings.isError) return <ErrorState variant="inline" error={settings.error} onRetry={() => void settings.refetch()} />
  return (
    <div className="stack">
      <p className="muted">{t('settings.intro')}</p>
      {settings.data.configured ? (
        <TeamDetails
          settings={settings.data}
          connected={connected}
          onLeft={() => {
            setConnected(null)
            setLeft(true)
          }}
        />
      ) : (
        <TeamConnectForm
          onConnected={(check) => {
            setLeft(false)
            setConnected(check)
          }}
        />
      )}
      <p className="visually-hidden" role="status">
        {left ? t('settings.leaveDialog.done') : ''}
      </p>
    </div>
  )
}

function nameError(name: string, t: TFunction<'team'>): string | null {
  const trimmed = name.trim()
  if (trimmed === '') return t('settings.errorName')
  if (trimmed.length > TEAM_NAME_MAX_LENGTH) return t('settings.errorNameLong', { max: TEAM_NAME_MAX_LENGTH })
  return null
}

function TeamConnectForm({ onConnected }: { onConnected: (check: TeamConnectionCheck) => void }): React.JSX.Element {
  const { t } = useTranslation('team')
  const { t: tUi } = useTranslation('ui')
  const client = useQueryClient()
  const [teamName, setTeamName] = useState('')
  const [connection, setConnection] = useState('')
  const [visible, setVisible] = useState(false)
  const [touched, setTouched] = useState(false)
  const save = useMutation({
    mutationFn: (input: { teamName: string; connectionString: string }) => call('saveTeamSettings', input),
    onSuccess: (result) => {
      // The password must not stay in the page once main has it.
      setConnection('')
      setVisible(false)
      client.setQueryData<TeamSettingsView>(queryKeys.teamSettings, result.settings)
      void client.invalidateQueries({ queryKey: queryKeys.teamStatus })
      onConnected(result.check)
    }
  })
  const nameProblem = touched ? nameError(teamName, t) : null
  const connectionProblem = touched && connection.trim() === '' ? t('settings.errorConnection') : null
  const error = save.isError ? describeError(save.error, tUi) : null

  return (
    <form
      className="stack team-form"
      aria-labelledby="team-connect-title"
      onSubmit={(e) => {
        e.preventDefault()
        setTouched(true)
        if (nameError(teamName, t) !== null || connection.trim() === '' || save.isPending) return
        save.mutate({ teamName: teamName.trim(), connectionString: connection.trim() })
      }}
    >
      <h3 id="team-connect-title">{t('settings.connectTitle')}</h3>
      <Field label={t('settings.teamName')} hint={t('settings.teamNameHint', { max: TEAM_NAME_MAX_LENGTH })} error={nameProblem}>
        {({ id, describedBy, invalid }) => (
          <input
            id={id}
            className="input"
            value={teamName}
            maxLength={TEAM_NAME_MAX_LENGTH + 20}
            autoComplete="off"
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onChange={(e) => setTeamName(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('settings.connection')}
        hint={
          <>
            {t('settings.connectionHint')} {t('settings.tlsHint')}
            <span className="team-example">
              {t('settings.example')} <code>{TEAM_CONNECTION_EXAMPLE}</code>
            </span>
          </>
        }
        error={connectionProblem}
      >
        {({ id, describedBy, invalid }) => (
          <div className="key-input">
            <input
              id={id}
              className="input mono"
              type={visible ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={connection}
              maxLength={TEAM_CONNECTION_MAX_LENGTH}
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              onChange={(e) => setConnection(e.target.value)}
            />
            <Button onClick={() => setVisible((v) => !v)} aria-pressed={visible}>
              {visible ? t('settings.hide') : t('settings.show')}
            </Button>
          </div>
        )}
      </Field>
      <div className="row">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {save.isPending ? t('settings.connecting') : t('settings.connect')}
        </Button>
      </div>
      <div aria-live="polite">
        {error ? (
          <div className="field__error" role="alert">
            <p>{t('settings.connectError', { message: error.sentence })}</p>
            {error.details ? <p className="error-details">{tUi('details', { message: error.details })}</p> : null}
          </div>
        ) : null}
      </div>
    </form>
  )
}

function TeamDetails({ settings, connected, onLeft }: { settings: TeamSettingsView; connected: TeamConnectionCheck | null; onLeft: () => void }): React.JSX.Element {
  const { t } = useTranslation('team')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  const status = useTeamStatus()
  const test = useMutation({ mutationFn: () => call('testTeamConnection', {}) })
  const sync = useSyncTeamNow()
  const [leaving, setLeaving] = useState(false)
  const s = status.data
  const teamName = settings.teamName ?? s?.teamName ?? '–'

  const failure = (error: unknown, key: 'settings.testError' | 'settings.syncError'): React.JSX.Element => {
    const { sentence, details } = describeError(error, tUi)
    return (
      <div className="field__error" role="alert">
        <p>{t(key, { message: sentence })}</p>
        {details ? <p className="error-details">{tUi('details', { message: details })}</p> : null}
      </div>
    )
  }

  return (
    <div className="stack">
      {connected ? (
        <Notice tone="success" title={t('settings.connected', { version: connected.serverVersion, schema: connected.schemaVersion })}>
          {connected.applied.length > 0 ? <p>{t('settings.created')}</p> : null}
        </Notice>
      ) : null}
      <dl className="team-facts">
        <dt>{t('settings.team')}</dt>
        <dd>{teamName}</dd>
        <dt>{t('settings.server')}</dt>
        <dd className="mono">{settings.server ?? '–'}</dd>
        <dt>{t('settings.tls')}</dt>
        <dd>{settings.tls ? t('settings.tlsYes') : t('settings.tlsNo')}</dd>
        <dt>{t('settings.link')}</dt>
        <dd>
          {s ? (
            <>
              <Badge tone={LINK_TONE[s.link]} label={t(`link.${s.link}`)} />
              {s.link === 'unreachable' && s.lastError ? <span className="team-facts__detail error-details">{t('settings.lastError', { message: s.lastError })}</span> : null}
            </>
          ) : status.isError ? (
            describeError(status.error, tUi).sentence
          ) : (
            '…'
          )}
        </dd>
        <dt>{t('settings.pending')}</dt>
        <dd data-testid="team-pending">{s ? formatCount(s.pending, lang) : '…'}</dd>
        <dt>{t('settings.lastContact')}</dt>
        <dd>{s ? (s.lastContactAt === null ? t('settings.never') : formatInstant(s.lastContactAt, lang)) : '…'}</dd>
        <dt>{t('settings.machine')}</dt>
        <dd>
          {s ? (
            <>
              <span className="mono">{machineName(s.machine)}</span>
              {machineId(s.machine) ? <span className="muted"> · {t('settings.machineId', { id: machineId(s.machine) })}</span> : null}
            </>
          ) : (
            '…'
          )}
        </dd>
      </dl>
      <div className="row team-actions">
        <Button busy={test.isPending} onClick={() => test.mutate()}>
          {test.isPending ? t('settings.testing') : t('settings.test')}
        </Button>
        <Button busy={sync.isPending} onClick={() => sync.mutate()}>
          {sync.isPending ? t('settings.syncing') : t('settings.syncNow')}
        </Button>
        <Button variant="danger" onClick={() => setLeaving(true)}>
          {t('settings.leave')}
        </Button>
      </div>
      <div aria-live="polite">
        {test.isSuccess && !test.isPending ? (
          <p className="team-result">{t('settings.testOk', { version: test.data.serverVersion, schema: test.data.schemaVersion })}</p>
        ) : null}
        {test.isError ? failure(test.error, 'settings.testError') : null}
        {sync.isSuccess && !sync.isPending ? <SyncOutcome status={sync.data} /> : null}
        {sync.isError ? failure(sync.error, 'settings.syncError') : null}
      </div>
      {leaving ? (
        <LeaveTeamDialog
          teamName={teamName}
          onClose={(done) => {
            setLeaving(false)
            if (done) onLeft()
          }}
        />
      ) : null}
    </div>
  )
}

/** What "Sync with team now" achieved: main answers with the link, which may be down. */
function SyncOutcome({ status }: { status: TeamStatus }): React.JSX.Element | null {
  const { t } = useTranslation('team')
  const { t: tUi } = useTranslation('ui')
  const lang = useUiLanguage()
  if (status.link === 'online' && status.lastContactAt !== null) {
    return <p className="team-result">{t('settings.syncDone', { time: formatInstant(status.lastContactAt, lang) })}</p>
  }
  if (status.link !== 'unreachable') return null
  return (
    <div className="field__error" role="alert">
      <p>{t('settings.syncError', { message: tUi('errorCode.team_unreachable') })}</p>
      {status.lastError ? <p className="error-details">{tUi('details', { message: status.lastError })}</p> : null}
    </div>
  )
}

function LeaveTeamDialog({ teamName, onClose }: { teamName: string; onClose: (left: boolean) => void }): React.JSX.Element {
  const { t } = useTranslation('team')
  const { t: tUi } = useTranslation('ui')
  const client = useQueryClient()
  const leave = useMutation({
    mutationFn: () => call('removeTeamSettings', {}),
    onSuccess: (settings) => {
      client.setQueryData<TeamSettingsView>(queryKeys.teamSettings, settings)
      void client.invalidateQueries({ queryKey: queryKeys.teamStatus })
      // Origins and teammates' ticks are no longer this PC's to show.
      void client.invalidateQueries({ predicate: (q) => TEAM_SHARED_ROOTS.includes(String(q.queryKey[0])) })
      onClose(true)
    }
  })
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose(false))}
      title={t('settings.leaveDialog.title', { team: teamName })}
      locked={leave.isPending}
      width={540}
      footer={
        <>
          <Button onClick={() => onClose(false)} disabled={leave.isPending}>
            {t('settings.leaveDialog.cancel')}
          </Button>
          <Button variant="danger" busy={leave.isPending} onClick={() => leave.mutate()}>
            {leave.isPending ? t('settings.leaveDialog.leaving') : t('settings.leaveDialog.confirm')}
          </Button>
        </>
      }
    >
      <p>{t('settings.leaveDialog.intro')}</p>
      <ul className="acct-remove__list">
        <li>{t('settings.leaveDialog.stops')}</li>
        <li>{t('settings.leaveDialog.database')}</li>
        <li>{t('settings.leaveDialog.local')}</li>
        <li>{t('settings.leaveDialog.keychain')}</li>
      </ul>
      {leave.isError ? (
        <p className="field__error" role="alert">
          {t('settings.leaveDialog.error', { message: describeError(leave.error, tUi).sentence })}
        </p>
      ) : null}
    </Dialog>
  )
}
