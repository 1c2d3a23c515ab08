/**
 * Where the window loads the renderer from. The dev server URL (set by `electron-vite dev`) is only
 * honoured in unpackaged runs: in an installed app an inherited ELECTRON_RENDERER_URL would
 * otherwise point our privileged preload at any page someone puts in the environment.
 */
import { APP_INDEX_URL } from './app-protocol'

export function rendererUrl(isPackaged: boolean, env: NodeJS.ProcessEnv = process.env): string {
  const devServer = env['ELECTRON_RENDERER_URL']
  return !isPackaged && devServer ? devServer : APP_INDEX_URL
}
