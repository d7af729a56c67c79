import { describe, expect, it } from 'vitest';
import {
  addDays, dateIn, dayOfWeek, isConsecutive, isDate, isMonth, lastDay, month, monthDiff, monthOf,
  nextMonth, parseQuarter, prevMonth, quarterMonths, quarterOf, yearMonths,
} from '../../src/domain/dates.js';

describe('months', () => {
  it('validates YYYY-MM', () => {
    expect(isMonth('2026-10')).toBe(true);
    expect(isMonth('2026-1')).toBe(false);
    expect(isMonth('2026-13')).toBe(false);
    expect(isMonth('2026-00')).toBe(false);
    expect(isMonth('2026/10')).toBe(false);
    expect(isMonth(' 2026-10 ')).toBe(true);
    expect(month(' 2026-10 ')).toBe('2026-10');
    expect(() => month('10-2026')).toThrow(RangeError);
  });
  it('last day, including leap years', () => {
    expect(lastDay('2026-10')).toBe('2026-10-31');
    expect(lastDay('2026-11')).toBe('2026-11-30');
    expect(lastDay('2026-02')).toBe('2026-02-28');
    expect(lastDay('2028-02')).toBe('2028-02-29');
    expect(lastDay('2100-02')).toBe('2100-02-28');
  });
  it('next/prev month across years', () => {
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-10')).toBe('2026-11');
    expect(prevMonth('2026-01')).toBe('2025-12');
    expect(monthDiff('2025-11', '2026-02')).toBe(3);
  });
  it('month of a date, consecutive months', () => {
    expect(monthOf('2026-11-07')).toBe('2026-11');
    expect(() => monthOf('2026-02-30')).toThrow(RangeError);
    expect(isDate('2026-02-29')).toBe(false);
    expect(isConsecutive('2026-12', '2027-01')).toBe(true);
    expect(isConsecutive('2026-10', '2026-12')).toBe(false);
    expect(isConsecutive('2026-11', '2026-10')).toBe(false);
  });
  it('quarters and years', () => {
    expect(parseQuarter('2026Q4')).toEqual({ year: 2026, quarter: 4 });
    expect(parseQuarter('2026Q5')).toBeNull();
    expect(quarterMonths(2026, 4)).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(quarterMonths(2026, 1)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(quarterOf('2026-10')).toBe(4);
    expect(yearMonths(2026)).toHaveLength(12);
    expect(yearMonths(2026)[11]).toBe('2026-12');
  });
  it('day arithmetic', () => {
    expect(dateIn('2026-11', 7)).toBe('2026-11-07');
    expect(() => dateIn('2026-02', 30)).toThrow(RangeError);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(dayOfWeek('2026-11-07')).toBe(6); // Saturday
    expect(dayOfWeek('2026-10-01')).toBe(4); // Thursday
  });
});
