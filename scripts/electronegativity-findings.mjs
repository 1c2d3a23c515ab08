/**
 * Pure part of `npm run audit:electronegativity`: reads the tool's CSV and sorts its findings into
 * accepted (listed with a reason in electronegativity.config.json) and unexplained. Matching is by
 * check + file, not line, so an accepted finding stays accepted when the file is edited elsewhere.
 */

/** RFC 4180-ish: quoted fields may hold commas and doubled quotes. */
export function parseCsv(text) {
  const rows = []
  let row = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field.trim())
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field.trim())
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field.trim())
  if (row.some((f) => f !== '')) rows.push(row)
  return rows
}

/**
 * The fixed head of a finding's line: check id, then severity, confidence, file and location, which
 * the tool writes itself. What follows (sample, description) can quote source text, and the tool
 * does not escape quotes in it — a CSP string with a quote in it once broke RFC 4180 parsing of the
 * whole rest of the report. So each line is read on its own: the head by this pattern, the tail
 * best-effort; a line without such a head continues the previous line's text and is skipped.
 */
const FINDING_HEAD = /^([A-Z][A-Z0-9_]*),\s*"?([^",]*)"?,\s*"?([^",]*)"?,\s*"([^"]*)",\s*"([^"]*)",?/

/** Findings from electronegativity's CSV output (header: issue, severity, confidence, filename, location, …). */
export function findingsFromCsv(text) {
  const lines = text.split(/\r?\n/)
  if (!(lines[0] ?? '').trim().startsWith('issue')) throw new Error('not an electronegativity CSV report')
  const findings = []
  for (const line of lines.slice(1)) {
    const head = FINDING_HEAD.exec(line)
    if (head === null) continue
    const [, check, severity, confidence, file, location] = head
    const [sample, description] = parseCsv(line.slice(head[0].length))[0] ?? []
    findings.push({ check, severity, confidence, file: (file ?? '').replace(/\\/g, '/'), location, sample, description })
  }
  return findings
}

const MIN_REASON = 40

/**
 * unexplained: findings no accepted entry covers (the audit fails on them).
 * stale: accepted entries that matched nothing (fail too, so the list cannot rot).
 * unjustified: accepted entries without a real reason.
 */
export function judge(findings, accepted) {
  const covers = (a, f) => a.check === f.check && a.file === f.file
  return {
    unexplained: findings.filter((f) => !accepted.some((a) => covers(a, f))),
    stale: accepted.filter((a) => !findings.some((f) => covers(a, f))),
    unjustified: accepted.filter((a) => typeof a.why !== 'string' || a.why.trim().length < MIN_REASON)
  }
}
