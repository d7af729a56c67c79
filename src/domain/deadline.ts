/**
 * §5.7 deadlines and late fines. Day d of month M+1 at the policy time in the policy's UTC
 * offset; a weekend day moves to the next Monday (遇周六日顺延) when weekend_rule is
 * next_monday; with the holiday calendar enabled, a statutory holiday moves it to the next
 * working day and a listed 调休 workday counts as a working day even on a weekend.
 */
import type { Month } from '../model.js';
import { issue, type Issue } from '../issues.js';
import type { Policy } from '../policy/schema.js';
import { dec, fixed, type DecimalValue } from './decimal.js';
import { addDays, dateIn, isWeekend, nextMonth } from './dates.js';

export type DeadlinesPolicy = Policy['deadlines'];

export interface Deadline {
  /** ISO instant with the policy offset: '2026-11-09T17:30:00+08:00'. */
  instant: string;
  /** The calendar day after moving: '2026-11-09'. */
  date: string;
  /** deadline.holiday_year_not_covered when the holiday calendar does not cover a year looked at. */
  warnings: Issue[];
}

/** Is `date` a working day under the policy? Also reports years the holiday calendar does not cover. */
export function isWorkingDay(date: string, p: DeadlinesPolicy, uncoveredYears?: Set<number>): boolean {
  const h = p.holidays;
  if (h.enabled) {
    const year = Number(date.slice(0, 4));
    if (!h.years.includes(year)) uncoveredYears?.add(year);
    if (h.workdays.includes(date)) return true;
    if (h.holidays.includes(date)) return false;
  }
  return p.weekend_rule === 'next_monday' ? !isWeekend(date) : true;
}

export function deadlineFor(month: Month, dueDay: number, p: DeadlinesPolicy): Deadline {
  const uncovered = new Set<number>();
  let date = dateIn(nextMonth(month), dueDay);
  // A year of holidays is at most ~10 consecutive days off; 60 is a safe bound against a bad calendar.
  for (let i = 0; i < 60 && !isWorkingDay(date, p, uncovered); i++) date = addDays(date, 1);
  const warnings = [...uncovered].sort().map((year) =>
    issue('deadline.holiday_year_not_covered', 'warning', {
      params: { year, month, date, years: p.holidays.years.join(', ') },
    }),
  );
  return { instant: `${date}T${p.time}:00${p.utc_offset}`, date, warnings };
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
