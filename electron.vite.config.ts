import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Pure-JS dependencies are bundled into main (several are ESM-only: ky, conf, electron-store),
// so the CommonJS main bundle and the headless CLI need nothing at runtime but keytar (native),
// electron-log and pg.
export const bundledDeps = ['ky', 'zod', 'conf', 'electron-store', 'date-fns', '@date-fns/tz']

// src/shared, imported as @shared/… from every side (same mapping in the tsconfigs and Vitest).
const shared = { '@shared': resolve(__dirname, 'src/shared') }

// conf (and electron-store over it) imports ajv, ajv-formats and semver for schema validation
// and migrations, which our stores never use: main's bundles get stand-ins that throw if they
// ever are (see the module), and every command starts without compiling them.
// Exact module names only: a sub-path such as `semver/functions/eq.js` keeps the real module.
const confUnusedFeatures = resolve(__dirname, 'src/main/services/storage/conf-unused-features.ts')
const withoutConfUnusedFeatures = [/^ajv\/dist\/2020\.js$/, /^ajv-formats$/, /^semver$/].map((find) => ({ find, replacement: confUnusedFeatures }))

export default defineConfig({
  main: {
    resolve: { alias: [{ find: '@shared', replacement: shared['@shared'] }, ...withoutConfUnusedFeatures] },
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The headless CLI: same services, plain Node, no electron import.
          cli: resolve(__dirname, 'src/main/cli/index.ts')
        }
        // No manual chunks: the chunks follow the code's dynamic imports (bank-statement readers,
        // Demo simulator, HTTP client, team sharing with pg), and a chunk is loaded — compiled and
        // initialised — only when its import runs (docs/architecture.md#cli-start-up).
      }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // sandbox: true preloads cannot require npm packages: bundle everything into one CJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: {
      alias: { '@renderer': resolve(__dirname, 'src/renderer/src'), ...shared }
    },
    build: {
      // Explicit: the renderer ships minified (smaller bundle, faster first paint).
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') }
      }
    },
    plugins: [react()]
  }
})
