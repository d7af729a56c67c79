import { describe, expect, it } from 'vitest';
import { deadlineFor, isWorkingDay, lateDays, lateFine, lateness, uncoveredAhead } from '../../src/domain/deadline.js';
import { STATUTORY_YEARS, yearRanges } from '../../src/domain/workdays.js';
import { renderIssue } from '../../src/i18n/index.js';
import { defaultPolicy } from './helpers.js';

const policy = defaultPolicy();
const d = policy.deadlines; // 17:30 +08:00, next_monday, statutory calendar from chinese-days
const weekendsOnly = { ...d, holidays: { ...d.holidays, enabled: false } };
/** Only the policy's own table (no statutory source), as the policy used to ship it. */
const ownTable = (over: Partial<typeof d.holidays> = {}) => ({
  ...d,
  holidays: { ...d.holidays, enabled: true, source: 'none' as const, years: [2026], holidays: ['2026-01-01', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: [], ...over },
});

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
  it('by default a deadline in the 2026 Spring Festival (02-15 … 02-23) moves past it', () => {
    // January's forms due 2026-02-16 (Monday, 春节) → Tuesday 02-24, the first working day after the holiday
    expect(deadlineFor('2026-01', 16, d)).toEqual({ instant: '2026-02-24T17:30:00+08:00', date: '2026-02-24', warnings: [] });
    expect(deadlineFor('2026-01', 16, weekendsOnly).date).toBe('2026-02-16'); // calendar off: Monday stays
  });
  it('by default a 调休 Saturday counts as a working day', () => {
    // 2026-02-14 and 2026-02-28 are Saturdays worked in exchange for the Spring Festival
    expect(deadlineFor('2026-01', 14, d).date).toBe('2026-02-14');
    expect(deadlineFor('2026-01', 28, d).date).toBe('2026-02-28');
    expect(deadlineFor('2026-01', 28, weekendsOnly).date).toBe('2026-03-02');
    // 2026-01-04, a Sunday worked after 元旦: December's goals sheets are due that day
    expect(deadlineFor('2025-12', 4, d).date).toBe('2026-01-04');
  });
  it('holiday case: 2026-09 discipline due 2026-10-02 (国庆) → the next working day 2026-10-08', () => {
    expect(deadlineFor('2026-09', 2, d)).toEqual({ instant: '2026-10-08T17:30:00+08:00', date: '2026-10-08', warnings: [] });
    expect(deadlineFor('2026-09', 2, ownTable())).toEqual({ instant: '2026-10-08T17:30:00+08:00', date: '2026-10-08', warnings: [] });
    expect(deadlineFor('2026-09', 2, weekendsOnly).date).toBe('2026-10-02'); // calendar off: Friday stays
  });
  it("the policy's own table overrides and extends the statutory one", () => {
    // 2026-10-10 is a Saturday worked for 国庆 (statutory); the policy's table alone does not know it
    expect(deadlineFor('2026-09', 10, d).date).toBe('2026-10-10');
    expect(deadlineFor('2026-09', 10, ownTable()).date).toBe('2026-10-12');
    expect(deadlineFor('2026-09', 10, ownTable({ workdays: ['2026-10-10'] })).date).toBe('2026-10-10');
    // a company holiday on a statutory workday wins: 2026-10-10 off → Monday 10-12
    expect(deadlineFor('2026-09', 10, { ...d, holidays: { ...d.holidays, holidays: ['2026-10-10'] } }).date).toBe('2026-10-12');
    // 10-03 (Saturday) a holiday, 10-04 (Sunday) a make-up workday → 10-04
    expect(deadlineFor('2026-09', 3, ownTable({ holidays: ['2026-10-03', '2026-10-05'], workdays: ['2026-10-04'] })).date).toBe('2026-10-04');
    // a year the package does not have, added in the policy: covered, its holidays honoured
    const with2027 = { ...d, holidays: { ...d.holidays, years: [2027], holidays: ['2027-11-08'] } };
    expect(deadlineFor('2027-10', 7, with2027)).toEqual({ instant: '2027-11-09T17:30:00+08:00', date: '2027-11-09', warnings: [] });
  });
  it('a year no source covers → warning, weekends still move', () => {
    expect(STATUTORY_YEARS[0]).toBe(2004);
    expect(STATUTORY_YEARS).toContain(2026);
    expect(STATUTORY_YEARS).not.toContain(2027);
    const r = deadlineFor('2027-10', 7, d); // 2027-11-07 is a Sunday
    expect(r.date).toBe('2027-11-08');
    const years = yearRanges(STATUTORY_YEARS);
    expect(years).toBe(`2004–${STATUTORY_YEARS[STATUTORY_YEARS.length - 1]}`);
    expect(r.warnings).toEqual([
      { code: 'deadline.holiday_year_not_covered', severity: 'warning', params: { year: 2027, month: '2027-10', date: '2027-11-08', years } },
    ]);
    expect(renderIssue(r.warnings[0], 'zh').message).toBe(`节假日表没有 2027 年的安排(现有:${years}),2027-10 月的截止日只按周末顺延计算。`);
    expect(deadlineFor('2027-10', 7, ownTable()).warnings[0].params?.years).toBe('2026');
    expect(deadlineFor('2027-10', 7, weekendsOnly).warnings).toEqual([]); // no calendar, no warning
  });
  it("warns ahead: December's forms are due in January of a year without a schedule", () => {
    const ahead = uncoveredAhead(['2026-10', '2026-11', '2026-12', '2027-01'], [2, 3, 4, 5, 7], d);
    expect(ahead.map((w) => [w.params?.year, w.params?.month])).toEqual([[2027, '2026-12']]); // once, at the first month it affects
    expect(uncoveredAhead(['2026-09', '2026-10'], [2, 7], d)).toEqual([]);
  });
  it('isWorkingDay', () => {
    expect(isWorkingDay('2026-11-07', d)).toBe(false);
    expect(isWorkingDay('2026-10-01', weekendsOnly)).toBe(true);
    expect(isWorkingDay('2026-10-01', d)).toBe(false);
    expect(isWorkingDay('2026-02-14', d)).toBe(true);
    expect(yearRanges([2028, 2004, 2005, 2006, 2010])).toBe('2004–2006, 2010, 2028');
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
  it('lateness: days of the first valid version, or up to now when none arrived, and the fine', () => {
    expect(lateness(dl, '2026-11-10T17:31:00+08:00', '2026-11-20T09:00:00+08:00', 500)).toEqual({ daysLate: 2, fine: '1000.00' });
    expect(lateness(dl, null, '2026-11-12T09:00:00+08:00', 500)).toEqual({ daysLate: 3, fine: '1500.00' });
    expect(lateness(dl, null, '2026-11-09T17:00:00+08:00', 500)).toEqual({ daysLate: 0, fine: '0.00' });
  });
  it('rejects malformed instants', () => {
    expect(() => lateDays(dl, 'yesterday')).toThrow(RangeError);
  });
});
