/**
 * The judging half of `npm run audit:electronegativity` (the scan itself needs the tool from the
 * npm registry, so it is not part of this suite): a new finding fails, accepted ones need a reason.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
// @ts-expect-error plain .mjs script without type declarations
import { findingsFromCsv, judge } from '../../scripts/electronegativity-findings.mjs'

interface Accepted {
  check: string
  file: string
  why: string
}
const config = JSON.parse(readFileSync(join(__dirname, '..', '..', 'electronegativity.config.json'), 'utf8')) as { accepted: Accepted[]; tool: string }

// The report 1.10.3 gives for src/ today (-e <our electron> -r), as the tool writes it.
const TODAY = `issue, severity, confidence, filename, location, sample, description, url
CSP_GLOBAL_CHECK,"LOW","TENTATIVE","main/index.ts","95:15",N/A,"Failed to parse CSP, it may not be valid.",https://github.com/doyensec/electronegativity/wiki/CSP_GLOBAL_CHECK
AUXCLICK_JS_CHECK,"MEDIUM","FIRM","main/index.ts","52:17","const window = new BrowserWindow(","Limit navigation flows to untrusted origins. Middle-click may cause Electron to open a link within a new window",https://github.com/doyensec/electronegativity/wiki/AUXCLICK_JS_CHECK
CONTEXT_ISOLATION_JS_CHECK,"HIGH","FIRM","main/index.ts","52:17","const window = new BrowserWindow(","Review the use of the contextIsolation option",https://github.com/doyensec/electronegativity/wiki/CONTEXT_ISOLATION_JS_CHECK
SANDBOX_JS_CHECK,"MEDIUM","FIRM","main/index.ts","52:17","const window = new BrowserWindow(","Use sandbox for untrusted origins",https://github.com/doyensec/electronegativity/wiki/SANDBOX_JS_CHECK
`

describe('electronegativity audit judging', () => {
  it('pins the tool version', () => {
    expect(config.tool).toBe('@doyensec/electronegativity@1.10.3')
  })

  it("accepts today's report: every finding explained, no stale or unjustified entry", () => {
    const findings = findingsFromCsv(TODAY)
    expect(findings).toHaveLength(4)
    expect(findings[1]).toMatchObject({ check: 'AUXCLICK_JS_CHECK', file: 'main/index.ts', location: '52:17', sample: 'const window = new BrowserWindow(' })
    expect(judge(findings, config.accepted)).toEqual({ unexplained: [], stale: [], unjustified: [] })
  })

  it('reads every finding even when a sample quotes source text with unbalanced quotes', () => {
    const broken = TODAY.replace(
      'N/A,"Failed to parse CSP, it may not be valid."',
      '"default-src \'self\'; img-src "data:; style-src \'self\'","Failed to parse CSP, it may not be valid."'
    )
    const findings = findingsFromCsv(broken)
    expect(findings.map((f: { check: string }) => f.check)).toEqual(['CSP_GLOBAL_CHECK', 'AUXCLICK_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'SANDBOX_JS_CHECK'])
    expect(judge(findings, config.accepted)).toEqual({ unexplained: [], stale: [], unjustified: [] })
  })

  it('fails on a new finding, on a stale entry and on an entry without a reason', () => {
    const added = `${TODAY}NODE_INTEGRATION_JS_CHECK,"HIGH","FIRM","main/other-window.ts","3:1","new BrowserWindow({ webPreferences: { nodeIntegration: true } })","Disable nodeIntegration for untrusted origins",https://example.invalid\n`
    expect(judge(findingsFromCsv(added), config.accepted).unexplained.map((f: { check: string; file: string }) => `${f.check} ${f.file}`)).toEqual([
      'NODE_INTEGRATION_JS_CHECK main/other-window.ts'
    ])
    const withoutCsp = TODAY.split('\n').filter((l) => !l.startsWith('CSP_GLOBAL_CHECK')).join('\n')
    expect(judge(findingsFromCsv(withoutCsp), config.accepted).stale.map((a: Accepted) => a.check)).toEqual(['CSP_GLOBAL_CHECK'])
    expect(judge([], [{ check: 'X', file: 'y', why: 'fine' }]).unjustified).toHaveLength(1)
  })
})
