/** Parsing of command-line values that carry meaning (months, receipt times); a bad value is a usage Stop (exit 2). */
import { issue, Stop } from '../issues.js';

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
 * "2026-11-04 16:20" (Beijing time, as the clerk reads it off the e-mail) → ISO instant with +08:00.
 * An explicit offset or Z is kept as given.
 */
export function parseAtOption(v: string, utcOffset = '+08:00'): string {
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+)(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(v.trim().normalize('NFKC'));
  if (!m) throw badTime(v);
  const [, y, mo, d, h, mi, s, off] = m;
  const pad = (x: string) => x.padStart(2, '0');
  let offset = off ?? utcOffset;
  if (offset !== 'Z' && !offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const iso = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${mi}:${s ?? '00'}${offset === 'Z' ? '+00:00' : offset}`;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime()) || Number(mo) > 12 || Number(d) > 31 || Number(h) > 23)
    throw badTime(v);
  return iso;
}

/** Render an instant in Beijing time as "2026-11-09 17:30" (what the clerk sees). */
export function beijingText(iso: string, utcOffset = '+08:00'): string {
  const sign = utcOffset.startsWith('-') ? -1 : 1;
  const [hh, mm] = utcOffset.slice(1).split(':').map(Number);
  const local = new Date(new Date(iso).getTime() + sign * (hh * 60 + mm) * 60_000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}
