/** Quarter and year reports (issue 9 item 4): exact means rounded once at the 2-decimal boundary, lists, missing months. */
import { describe, expect, it } from 'vitest';
import { periodReport, type PeriodMonth } from '../../src/domain/period.js';
import type { GradeLetter } from '../../src/model.js';
import { defaultPolicy } from '../domain/helpers.js';

const policy = defaultPolicy();
const months = ['2026-10', '2026-11', '2026-12'];
const line = (id: string, total: string | null, grade: GradeLetter) => ({ employeeId: id, name: `员工${id}`, status: 'graded', total, grade });
const data = (rows: Record<string, ReturnType<typeof line>[]>) =>
  new Map<string, PeriodMonth>(Object.entries(rows).map(([m, lines]) => [m, { month: m, source: 'closed', lines }]));

describe('period means', () => {
  it('104.995 rounds up to 105.00 (B); 104.99333… stays 104.99 (C); rounded once from the exact mean', () => {
    const r = periodReport(
      { label: '2026Q4', kind: 'quarter', months },
      data({
        '2026-10': [line('1', '104.99', 'C'), line('2', '104.99', 'C'), line('3', '100.00', 'C')],
        '2026-11': [line('1', '105.00', 'B'), line('2', '104.99', 'C'), line('3', '100.00', 'C')],
        '2026-12': [line('2', '105.00', 'B'), line('3', '100.01', 'C')],
      }),
      policy,
    );
    const by = Object.fromEntries(r.employees.map((e) => [e.employeeId, e]));
    expect([by['1'].score, by['1'].grade, by['1'].counted.length, by['1'].missing]).toEqual(['105.00', 'B', 2, ['2026-12']]);
    expect([by['2'].score, by['2'].grade]).toEqual(['104.99', 'C']);
    expect(by['3'].score).toBe('100.00'); // 100.00333… (rounding each month first would not change it, but 2 decimals once)
    expect(r.notClosed).toEqual([]);
  });

  it('a month with a grade alone counts for chains (award) but not for the mean; a month without results is named', () => {
    const r = periodReport(
      { label: '2026', kind: 'year', months: ['2026-07', '2026-08', '2026-09', '2026-10'] },
      data({
        '2026-07': [line('9', null, 'A'), line('5', '95.00', 'C')],
        '2026-08': [line('9', '125.00', 'A'), line('5', '108.00', 'B')],
        '2026-09': [line('9', '121.00', 'A'), line('5', '70.00', 'E')],
      }),
      policy,
    );
    const nine = r.employees.find((e) => e.employeeId === '9')!;
    expect([nine.score, nine.gradeOnly, nine.counted]).toEqual(['123.00', ['2026-07'], ['2026-08', '2026-09']]);
    expect(r.awardCandidates).toEqual([{ employeeId: '9', name: '员工9', months: ['2026-07', '2026-08', '2026-09'] }]);
    expect(r.notClosed).toEqual(['2026-10']);
    expect(r.raiseEligible.map((e) => e.employeeId)).toEqual(['9']);
    // 5: (95 + 108 + 70) / 3 = 91.00 → C → pay/promotion priority
    expect(r.promotionPriority.map((e) => [e.employeeId, e.score])).toEqual([['5', '91.00']]);
    expect(r.distribution.filter((d) => d.count).map((d) => [d.grade, d.count, d.percent])).toEqual([
      ['A', 1, '50.0'],
      ['C', 1, '50.0'],
    ]);
  });
});
