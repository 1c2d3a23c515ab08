/**
 * Stand-ins for the libraries conf loads for two features SecPaid Desk never uses: JSON-schema
 * validation (ajv, ajv-formats) and version migrations (semver). Our stores get no `schema` and no
 * `migrations` — documents are parsed with zod at the edge — so the bundles alias those imports
 * here and every command starts without compiling them (~15 ms of a cold CLI start).
 * Should a store ever pass a schema or migrations, it fails loudly at construction.
 */
function notBundled(feature: string): Error {
  return new Error(`conf ${feature} is not bundled in SecPaid Desk: validate with zod instead`)
}

/** `ajv/dist/2020.js` */
export class Ajv2020 {
  constructor() {
    throw notBundled('schema validation')
  }
}

/** `ajv-formats` (conf reads `.default`) and `semver` (conf calls eq, clean, satisfies, lte, gt). */
const unavailable = (): never => {
  throw notBundled('migrations or schema formats')
}
export default Object.assign(unavailable, { default: unavailable, eq: unavailable, clean: unavailable, satisfies: unavailable, lte: unavailable, gt: unavailable })
