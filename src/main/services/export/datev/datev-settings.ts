/**
 * The DATEV settings live in shared code (src/shared/datev-settings.ts) because the Settings screen
 * validates the form with the same schema main parses the stored file and the IPC input with.
 */
export * from '@shared/datev-settings'
