/** What other features (the first-run welcome) may use of the settings feature. */
export { ApiKeyPanel } from './ApiKeyPanel'
export { AppearanceSettings } from './AppearanceSettings'
export { EnvironmentPicker } from './EnvironmentPicker'
export { useDatevSettings } from './use-datev-settings'
