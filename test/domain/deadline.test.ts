import { describe, expect, it } from 'vitest';
import { deadlineFor, isWorkingDay, lateDays, lateFine } from '../../src/domain/deadline.js';
import { renderIssue } from '../../src/i18n/index.js';
import { defaultPolicy } from './helpers.js';

const policy = defaultPolicy();
const d = policy.deadlines; // 17:30 +08:00, next_monday, holidays disabled
const withHolidays = (over: Partial<typeof d.holidays> = {}) => ({ ...d, holidays: { ...d.holidays, enabled: true, ...over } });

describe('deadlineFor', () => {
  it('2026-10 finance (day 7 = Saturday 2026-11-07) → Monday 2026-11-09 17:30 +08:00', () => {
    expect(deadlineFor('2026-10', 7, d)).toEqual({ instant: '2026-11-09T17:30:00+08:00', date: '2026-11-09', warnings: [] });
  });
  it('a weekday stays; Sunday moves one day; year end rolls over', () => {
    expect(deadlineFor('2026-10', 4, d).instant).toBe('2026-11-04T17:30:00+08:00'); // Wednesday
    expect(deadlineFor('2026-10', 8, d).date).toBe('2026-11-09'); // Sunday → Monday
    expect(deadlineFor('2026-12', 2, d).date).toBe('2027-01-04'); // 2027-01-02 Saturday → Monday 01-04
  });
  it('weekend_rule none keeps the weekend day', () => {
    expect(deadlineFor('2026-10', 7, { ...d, weekend_rule: 'none' }).date).toBe('2026-11-07');
  });
  it('holiday case: 2026-09 discipline due 2026-10-02 (国庆) → the next working day 2026-10-08', () => {
    // 10-01 … 10-07 are holidays in the default list; 10-08 is a Thursday
    expect(deadlineFor('2026-09', 2, d).date).toBe('2026-10-02'); // calendar off: Friday stays
    expect(deadlineFor('2026-09', 2, withHolidays())).toEqual({ instant: '2026-10-08T17:30:00+08:00', date: '2026-10-08', warnings: [] });
  });
  it('调休 workday case: a Saturday listed as a workday counts as a working day', () => {
    // 2026-10-10 is a Saturday
    expect(deadlineFor('2026-09', 10, withHolidays()).date).toBe('2026-10-12');
    expect(deadlineFor('2026-09', 10, withHolidays({ workdays: ['2026-10-10'] })).date).toBe('2026-10-10');
    // 10-03 (Saturday) a holiday, 10-04 (Sunday) a make-up workday → 10-04
    expect(deadlineFor('2026-09', 3, withHolidays({ holidays: ['2026-10-03', '2026-10-05'], workdays: ['2026-10-04'] })).date).toBe('2026-10-04');
  });
  it('a year the holiday calendar does not cover → warning, weekends still move', () => {
    const r = deadlineFor('2027-10', 7, withHolidays()); // 2027-11-07 is a Sunday
    expect(r.date).toBe('2027-11-08');
    expect(r.warnings).toEqual([
      { code: 'deadline.holiday_year_not_covered', severity: 'warning', params: { year: 2027, month: '2027-10', date: '2027-11-08', years: '2026' } },
    ]);
    expect(renderIssue(r.warnings[0], 'zh').message).toBe('节假日表没有 2027 年的安排(现有:2026),2027-10 月的截止日只按周末顺延计算。');
    expect(deadlineFor('2027-10', 7, d).warnings).toEqual([]); // no calendar, no warning
  });
  it('isWorkingDay', () => {
    expect(isWorkingDay('2026-11-07', d)).toBe(false);
    expect(isWorkingDay('2026-10-01', d)).toBe(true);
    expect(isWorkingDay('2026-10-01', withHolidays())).toBe(false);
  });
});

describe('lateDays and fines', () => {
  const dl = '2026-11-09T17:30:00+08:00';
  it.each([
    ['2026-11-09T17:30:00+08:00', 0], // on time (exactly at the deadline)
    ['2026-11-09T09:00:00+08:00', 0],
    ['2026-11-09T17:31:00+08:00', 1], // 1 minute late
    ['2026-11-09T17:30:01+08:00', 1],
    ['2026-11-10T17:30:00+08:00', 1], // exactly 24 h late
    ['2026-11-10T17:31:00+08:00', 2], // 24 h 1 min
    ['2026-11-09T09:31:00Z', 1], // same instant as 17:31 in Beijing
    ['2026-11-16T17:30:00+08:00', 7],
  ])('received %s → %i day(s)', (received, days) => expect(lateDays(dl, received)).toBe(days));
  it('fine = days × 500', () => {
    expect(lateFine(0, 500)).toBe('0.00');
    expect(lateFine(2, 500)).toBe('1000.00');
    expect(lateFine(3, '0.1')).toBe('0.30');
  });
  it('rejects malformed instants', () => {
    expect(() => lateDays(dl, 'yesterday')).toThrow(RangeError);
  });
});
