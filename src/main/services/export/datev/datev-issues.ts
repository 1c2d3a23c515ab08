/**
 * The issues of an export grouped for a person: one entry per kind of replacement ("– written as
 * - in 1302 lines, first in line 5") instead of one per occurrence, in the order first seen.
 * Changed document numbers stay one entry each: each is a different document.
 */
import type { DatevIssue } from './datev-file'
import type { CharReplacementReason } from './datev-text'

export type DatevIssueGroup =
  | {
      kind: 'character'
      original: string
      replacement: string
      reason: CharReplacementReason
      /** How many times it was replaced, and in which line of the file first. */
      count: number
      firstLine: number
    }
  | { kind: 'belegfeld'; original: string; written: string; line: number }

export function summarizeDatevIssues(issues: readonly DatevIssue[]): DatevIssueGroup[] {
  const groups: DatevIssueGroup[] = []
  const byChar = new Map<string, Extract<DatevIssueGroup, { kind: 'character' }>>()
  for (const issue of issues) {
    if (issue.kind === 'belegfeld') {
      groups.push({ kind: 'belegfeld', original: issue.original, written: issue.written, line: issue.line })
      continue
    }
    const key = `${issue.reason}\u0000${issue.original}`
    const group = byChar.get(key)
    if (group) {
      group.count++
    } else {
      const fresh = { kind: 'character' as const, original: issue.original, replacement: issue.replacement, reason: issue.reason, count: 1, firstLine: issue.line }
      byChar.set(key, fresh)
      groups.push(fresh)
    }
  }
  return groups
}
