/**
 * Shape check that runs before any schema: an IPC argument must be plain data — what JSON or the
 * structured clone produce — so that validating it cannot run code of the sender's and what is
 * validated is what the use case later reads. zod reads properties through getters and proxy
 * traps and accepts class instances whose prototype supplies fields; both could answer one thing
 * while the schema looks and another when the operation runs.
 *
 * Accepted: strings, numbers, booleans, null (the schemas judge the values);
 * arrays whose prototype is Array.prototype; objects whose prototype is Object.prototype or null.
 * Every property must be an own, enumerable data property with a string key (no getters or
 * setters, no symbols); proxies are refused without touching their traps. The top level must be
 * an object: every IPC method takes one.
 */
import { types } from 'node:util'

/** Deeper than any argument of the contract (a transaction filter is 3 levels); also stops cycles. */
export const MAX_ARGUMENT_DEPTH = 16

/** Why `arg` is not a plain-data object, or null when it is. */
export function plainArgumentProblem(arg: unknown): string | null {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) return 'the argument must be an object'
  return plainDataProblem(arg, 0)
}

function plainDataProblem(value: unknown, depth: number): string | null {
  if (value === null) return null
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
      return null
    case 'object':
      break
    default:
      return `a ${typeof value} is not plain data`
  }
  if (depth >= MAX_ARGUMENT_DEPTH) return 'the argument is nested too deeply'
  if (types.isProxy(value)) return 'a proxy is not plain data'
  const proto: unknown = Object.getPrototypeOf(value)
  const isArray = Array.isArray(value)
  if (isArray ? proto !== Array.prototype : proto !== Object.prototype && proto !== null) {
    return 'only plain objects and arrays are accepted'
  }
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') return 'symbol keys are not plain data'
    if (isArray && key === 'length') continue
    const descriptor = Object.getOwnPropertyDescriptor(value, key)
    if (!descriptor || !('value' in descriptor) || !descriptor.enumerable) return `property "${key.slice(0, 40)}" is not a plain data property`
    const problem = plainDataProblem(descriptor.value, depth + 1)
    if (problem !== null) return problem
  }
  return null
}
