/**
 * Which days are working days, for deadlines (§5.7): weekends move a deadline to Monday
 * (遇周六日顺延); statutory holidays move it to the next working day and the 调休 make-up
 * workdays count as working days even on a Saturday or Sunday.
 *
 * The State Council's holidays and make-up workdays come from the chinese-days package by
 * default (its data, 2004 up to the latest published year, is a static table shipped with
 * it; MIT). The policy's own table overrides and extends it: a date it lists wins, and the
 * years it names count as covered. A year neither covers is reported, never guessed.
 */
import statutory from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { Policy } from '../policy/schema.js';
import { isWeekend } from './dates.js';

export type DeadlinesPolicy = Policy['deadlines'];

const STATUTORY_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys(statutory.holidays));
const STATUTORY_WORKDAYS: ReadonlySet<string> = new Set(Object.keys(statutory.workdays));
/** Years the package has a published schedule for. */
export const STATUTORY_YEARS: readonly number[] = [...new Set([...STATUTORY_HOLIDAYS].map((d) => Number(d.slice(0, 4))))].sort((a, b) => a - b);

export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
  /** Whether the holiday schedule of the year is known (always true with the holiday calendar off). */
  covers(year: number): boolean;
  /** The covered years as the clerk reads them: '2004–2026'; '' when the calendar is off. */
  coveredText: string;
}

/** The working-day calendar the policy asks for (memoise per policy: it is cheap but called per day looked at). */
export function workCalendar(p: DeadlinesPolicy): WorkCalendar {
  const h = p.holidays;
  const weekday = (date: string) => (p.weekend_rule === 'next_monday' ? !isWeekend(date) : true);
  if (!h.enabled) return { isWorkingDay: weekday, covers: () => true, coveredText: '' };
  const fromPackage = h.source === 'chinese-days';
  const years = new Set([...(fromPackage ? STATUTORY_YEARS : []), ...h.years]);
  const ownHolidays = new Set(h.holidays);
  const ownWorkdays = new Set(h.workdays);
  return {
    isWorkingDay(date) {
      if (ownWorkdays.has(date)) return true;
      if (ownHolidays.has(date)) return false;
      if (fromPackage && STATUTORY_WORKDAYS.has(date)) return true;
      if (fromPackage && STATUTORY_HOLIDAYS.has(date)) return false;
      return weekday(date);
    },
    covers: (year) => years.has(year),
    coveredText: yearRanges([...years]),
  };
}

/** [2004, 2005, …, 2026, 2028] → '2004–2026, 2028'. */
export function yearRanges(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    out.push(j > i ? `${sorted[i]}–${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}
