/**
 * The Berlin month ("YYYY-MM") holding the most of the given rows. Tests that need several rows of
 * one month take it instead of the newest month, which can hold a single row early on its first day.
 */
export function busiestMonth(rows: readonly { createdAt: string }[]): string {
  const perMonth = new Map<string, number>()
  for (const r of rows) perMonth.set(r.createdAt.slice(0, 7), (perMonth.get(r.createdAt.slice(0, 7)) ?? 0) + 1)
  const busiest = [...perMonth].sort((a, b) => b[1] - a[1])[0]
  if (busiest === undefined) throw new Error('busiestMonth: no rows')
  return busiest[0]
}
