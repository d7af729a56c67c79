/** Parsing of command-line values that carry meaning (months, receipt times); a bad value is a usage Stop (exit 2). Time itself is src/domain/clock.ts. */
import { issue, Stop } from '../issues.js';
import { parseWallClock } from '../domain/clock.js';
import { calendarDateProblem, PLAUSIBLE_YEARS } from '../domain/calendar-date.js';

const badMonth = (value: string) => new Stop('usage', [issue('option.month_format', 'error', { params: { value } })]);
const badTime = (value: string) => new Stop('usage', [issue('option.time_format', 'error', { params: { value } })]);
const outOfRange = (value: string) => new Stop('usage', [issue('option.date_out_of_range', 'error', { params: { value, ...PLAUSIBLE_YEARS } })]);

export function parseMonthOption(v: string | undefined, required: boolean): string | undefined {
  if (v === undefined) {
    if (required) throw badMonth('');
    return undefined;
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(v.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw badMonth(v);
  if (calendarDateProblem(Number(m[1]), Number(m[2]), 1) === 'out_of_range') throw outOfRange(v);
  return `${m[1]}-${m[2].padStart(2, '0')}`;
}

/**
 * "2026-11-04 16:20" (wall-clock time in the policy's offset, as the clerk reads it off the
 * e-mail) → ISO instant in that offset. An explicit offset or Z is honoured and rewritten in the policy's offset.
 */
export function parseAtOption(v: string, utcOffset: string): string {
  // A day that does not exist (2026-02-30) or a mistyped year (9999) is said so, not "wrong format".
  const d = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(v.trim().normalize('NFKC'));
  const problem = d ? calendarDateProblem(Number(d[1]), Number(d[2]), Number(d[3])) : null;
  if (problem === 'out_of_range') throw outOfRange(v);
  if (problem === 'impossible') throw new Stop('usage', [issue('option.date_impossible', 'error', { params: { value: v } })]);
  const iso = parseWallClock(v, utcOffset);
  if (iso === null) throw badTime(v);
  return iso;
}
