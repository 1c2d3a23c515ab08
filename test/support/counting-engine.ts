/** The real conf engine, counting every write (`store =`) by file name, in order. */
import { createConfEngine, type JsonFileStoreFactory } from '../../src/main/services/storage/json-file-engine'

export function countingEngine(): { engine: JsonFileStoreFactory; writes: string[] } {
  const writes: string[] = []
  const real = createConfEngine()
  const engine: JsonFileStoreFactory = (opts) => {
    const inner = real(opts)
    return {
      get path() {
        return inner.path
      },
      get store() {
        return inner.store
      },
      set store(v) {
        writes.push(opts.name)
        inner.store = v
      }
    }
  }
  return { engine, writes }
}
