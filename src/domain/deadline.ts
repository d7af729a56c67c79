/**
 * §5.7 deadlines and late fines. Day d of month M+1 at the policy time in the policy's UTC
 * offset, moved to the next working day (workdays.ts: weekends when weekend_rule is
 * next_monday, statutory holidays, 调休 workdays counted as working days).
 */
import type { Month } from '../model.js';
import { issue, type Issue } from '../issues.js';
import type { Policy } from '../policy/schema.js';
import { dec, fixed, type DecimalValue } from './decimal.js';
import { addDays, dateIn, nextMonth } from './dates.js';
import { workCalendar, type DeadlinesPolicy, type WorkCalendar } from './workdays.js';

export type { DeadlinesPolicy } from './workdays.js';

export interface Deadline {
  /** ISO instant with the policy offset: '2026-11-09T17:30:00+08:00'. */
  instant: string;
  /** The calendar day after moving: '2026-11-09'. */
  date: string;
  /** deadline.holiday_year_not_covered when the holiday calendar does not cover a year looked at. */
  warnings: Issue[];
}

/** Is `date` a working day under the policy? Also notes years the holiday calendar does not cover. */
export function isWorkingDay(date: string, p: DeadlinesPolicy | WorkCalendar, uncoveredYears?: Set<number>): boolean {
  const cal = 'isWorkingDay' in p ? p : workCalendar(p);
  const year = Number(date.slice(0, 4));
  if (!cal.covers(year)) uncoveredYears?.add(year);
  return cal.isWorkingDay(date);
}

export function deadlineFor(month: Month, dueDay: number, p: DeadlinesPolicy): Deadline {
  const cal = workCalendar(p);
  const uncovered = new Set<number>();
  let date = dateIn(nextMonth(month), dueDay);
  // The longest run of days off (Spring Festival with its weekends) is ~10 days; 60 guards against a bad table.
  for (let i = 0; i < 60 && !isWorkingDay(date, cal, uncovered); i++) date = addDays(date, 1);
  const warnings = [...uncovered].sort().map((year) =>
    issue('deadline.holiday_year_not_covered', 'warning', { params: { year, month, date, years: cal.coveredText } }),
  );
  return { instant: `${date}T${p.time}:00${p.utc_offset}`, date, warnings };
}

/** Every due day the policy's sections use (§5.7: 2nd, 3rd, 4th, 5th, 7th by default). */
export const policyDueDays = (policy: Policy): number[] =>
  [...new Set(Object.values(policy.sections).flatMap((list) => list.map((s) => s.due_day)))].sort((a, b) => a - b);

/**
 * Warn ahead: the holiday years not covered by the deadlines of `months` (each due day of the
 * policy's sections), one warning per year at the first month it affects — so the clerk hears
 * in November that December's forms, due in January, fall in a year without a schedule.
 */
export function uncoveredAhead(months: readonly Month[], dueDays: readonly number[], p: DeadlinesPolicy): Issue[] {
  const seen = new Set<number>();
  const out: Issue[] = [];
  for (const m of months)
    for (const day of [...new Set(dueDays)].sort((a, b) => a - b))
      for (const w of deadlineFor(m, day, p).warnings) {
        const year = Number(w.params?.year);
        if (seen.has(year)) continue;
        seen.add(year);
        out.push(w);
      }
  return out;
}

const parseInstant = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${iso}`);
  return ms;
};

/**
 * Started 24-hour periods after the deadline: 0 when received on or before it, 1 minute late
 * → 1, exactly 24 h late → 1, 24 h 1 min late → 2. Instants are ISO strings with an offset.
 */
export function lateDays(deadlineISO: string, receivedISO: string): number {
  const late = parseInstant(receivedISO) - parseInstant(deadlineISO);
  return late <= 0 ? 0 : Math.ceil(late / 86_400_000);
}

/** days × fine per day, yuan with 2 decimals ("1000.00"). */
export function lateFine(days: number, finePerDay: DecimalValue): string {
  return fixed(dec(finePerDay).times(days), 2);
}

/**
 * §5.7 how late a form is and what it costs its scorer: the days late of its first valid
 * version, or — never received — up to `asOf` (now for status, the closing time for close).
 * `deadline` is the form plan's instant (planForms worked it out once).
 */
export function lateness(deadline: string, firstValidAt: string | null, asOf: string, finePerDay: DecimalValue): { daysLate: number; fine: string } {
  const daysLate = lateDays(deadline, firstValidAt ?? asOf);
  return { daysLate, fine: lateFine(daysLate, finePerDay) };
}
