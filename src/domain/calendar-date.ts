/**
 * Is a typed date a real day in a plausible year? (issue 10 §6: `--at "2026-02-30 10:00"` was
 * accepted and shown as 2026-03-02; year 9999 crashed.) One small function, used wherever the
 * clerk types a date or time, so every command refuses the same dates the same way.
 */

/** Years a clerk may mean; anything else is a typo (9999, 0202 …). */
export const PLAUSIBLE_YEARS = { from: 2000, to: 2099 } as const;

export type DateProblem = 'impossible' | 'out_of_range';

/** null when y-m-d is a real calendar day in a plausible year. */
export function calendarDateProblem(y: number, m: number, d: number): DateProblem | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return 'impossible';
  if (y < PLAUSIBLE_YEARS.from || y > PLAUSIBLE_YEARS.to) return 'out_of_range';
  if (m < 1 || m > 12 || d < 1) return 'impossible';
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate(); // day 0 of the next month = last day of this one
  return d > days ? 'impossible' : null;
}
