/** Parsing of command-line values that carry meaning (months, receipt times); a bad value is a usage Stop (exit 2). Time itself is src/domain/clock.ts. */
import { issue, Stop } from '../issues.js';
import { parseWallClock } from '../domain/clock.js';

const badMonth = (value: string) => new Stop('usage', [issue('option.month_format', 'error', { params: { value } })]);
const badTime = (value: string) => new Stop('usage', [issue('option.time_format', 'error', { params: { value } })]);

export function parseMonthOption(v: string | undefined, required: boolean): string | undefined {
  if (v === undefined) {
    if (required) throw badMonth('');
    return undefined;
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})月?$/.exec(v.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw badMonth(v);
  return `${m[1]}-${m[2].padStart(2, '0')}`;
}

/**
 * "2026-11-04 16:20" (wall-clock time in the policy's offset, as the clerk reads it off the
 * e-mail) → ISO instant in that offset. An explicit offset or Z is honoured and rewritten in the policy's offset.
 */
export function parseAtOption(v: string, utcOffset: string): string {
  const iso = parseWallClock(v, utcOffset);
  if (iso === null) throw badTime(v);
  return iso;
}
