/**
 * Calendar months ('YYYY-MM') and dates ('YYYY-MM-DD') as plain strings.
 * Pure: no clock, no time zone — a date is a calendar day, computed with UTC arithmetic.
 */
import type { Month } from '../model.js';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const QUARTER_RE = /^(\d{4})[Qq]([1-4])$/;

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

/** { year, month (1–12) } of a valid 'YYYY-MM', else null. */
export function parseMonth(text: string): { year: number; month: number } | null {
  const m = MONTH_RE.exec(String(text ?? '').trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  return { year, month: Number(m[2]) };
}

export const isMonth = (text: string): boolean => parseMonth(text) !== null;

/** The same month, checked; throws RangeError on a malformed month (callers validate user input with isMonth first). */
export function month(text: string): Month {
  const p = parseMonth(text);
  if (!p) throw new RangeError(`not a month (YYYY-MM): ${text}`);
  return `${pad4(p.year)}-${pad2(p.month)}`;
}

const must = (m: Month) => {
  const p = parseMonth(m);
  if (!p) throw new RangeError(`not a month (YYYY-MM): ${m}`);
  return p;
};

export const monthOfParts = (year: number, monthNo: number): Month => {
  const idx = year * 12 + (monthNo - 1);
  return `${pad4(Math.floor(idx / 12))}-${pad2((idx % 12) + 1)}`;
};

export const daysInMonth = (m: Month): number => {
  const { year, month: mo } = must(m);
  return new Date(Date.UTC(year, mo, 0)).getUTCDate();
};

/** Last calendar day of the month: '2026-02' → '2026-02-28'. */
export const lastDay = (m: Month): string => `${month(m)}-${pad2(daysInMonth(m))}`;
/** First calendar day of the month. */
export const firstDay = (m: Month): string => `${month(m)}-01`;

export const nextMonth = (m: Month): Month => {
  const p = must(m);
  return monthOfParts(p.year, p.month + 1);
};
export const prevMonth = (m: Month): Month => {
  const p = must(m);
  return monthOfParts(p.year, p.month - 1);
};
/** Months from a to b (b − a), e.g. 2026-11 − 2026-10 = 1. */
export const monthDiff = (a: Month, b: Month): number => {
  const pa = must(a);
  const pb = must(b);
  return pb.year * 12 + pb.month - (pa.year * 12 + pa.month);
};
/** True when `b` is the calendar month right after `a`. */
export const isConsecutive = (a: Month, b: Month): boolean => monthDiff(a, b) === 1;
export const compareMonths = (a: Month, b: Month): number => (a < b ? -1 : a > b ? 1 : 0);

/** { year, month, day } of a valid calendar date 'YYYY-MM-DD', else null (2026-02-30 → null). */
export function parseDate(text: string): { year: number; month: number; day: number } | null {
  const m = DATE_RE.exec(String(text ?? '').trim());
  if (!m) return null;
  const [year, mo, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || day < 1) return null;
  if (day > new Date(Date.UTC(year, mo, 0)).getUTCDate()) return null;
  return { year, month: mo, day };
}
export const isDate = (text: string): boolean => parseDate(text) !== null;

const mustDate = (d: string) => {
  const p = parseDate(d);
  if (!p) throw new RangeError(`not a date (YYYY-MM-DD): ${d}`);
  return p;
};

/** Month of a date: '2026-11-07' → '2026-11'. */
export const monthOf = (date: string): Month => {
  const p = mustDate(date);
  return `${pad4(p.year)}-${pad2(p.month)}`;
};

/** Day `day` of month `m` ('2026-11', 7 → '2026-11-07'); throws when the month has no such day. */
export const dateIn = (m: Month, day: number): string => {
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(m)) throw new RangeError(`no day ${day} in ${m}`);
  return `${month(m)}-${pad2(day)}`;
};

const toUtc = (date: string): number => {
  const p = mustDate(date);
  return Date.UTC(p.year, p.month - 1, p.day);
};
const fromUtc = (ms: number): string => {
  const d = new Date(ms);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
};

export const addDays = (date: string, n: number): string => fromUtc(toUtc(date) + n * 86_400_000);
/** 0 = Sunday … 6 = Saturday. */
export const dayOfWeek = (date: string): number => new Date(toUtc(date)).getUTCDay();
export const isWeekend = (date: string): boolean => {
  const w = dayOfWeek(date);
  return w === 0 || w === 6;
};

/** '2026Q4' (or '2026q4') → { year: 2026, quarter: 4 }, else null. */
export function parseQuarter(text: string): { year: number; quarter: number } | null {
  const m = QUARTER_RE.exec(String(text ?? '').trim());
  return m ? { year: Number(m[1]), quarter: Number(m[2]) } : null;
}
/** The three months of a quarter: (2026, 4) → ['2026-10', '2026-11', '2026-12']. */
export const quarterMonths = (year: number, quarter: number): Month[] => {
  if (!Number.isInteger(quarter) || quarter < 1 || quarter > 4) throw new RangeError(`not a quarter: ${quarter}`);
  return [1, 2, 3].map((i) => monthOfParts(year, (quarter - 1) * 3 + i));
};
/** The twelve months of a year. */
export const yearMonths = (year: number): Month[] => Array.from({ length: 12 }, (_, i) => monthOfParts(year, i + 1));
/** Quarter (1–4) a month belongs to. */
export const quarterOf = (m: Month): number => Math.floor((must(m).month - 1) / 3) + 1;
