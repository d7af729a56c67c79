import { describe, expect, it } from 'vitest';
import { consequencesFor, periodScore, runEndingAt, yearOutcomes, type GradedMonth } from '../../src/domain/chains.js';
import type { GradeLetter } from '../../src/model.js';
import { hasMessage, t } from '../../src/i18n/index.js';
import { defaultPolicy } from './helpers.js';

const policy = defaultPolicy();
const who = { employeeId: '1001', name: '张三' };
const TOTAL: Record<GradeLetter, string> = { A: '125.00', B: '110.00', C: '95.00', D: '80.00', E: '60.00' };
/** History from 'YYYY-MM' → grade, e.g. h({ '2026-01': 'D', '2026-02': 'D' }). */
const h = (m: Record<string, GradeLetter>): GradedMonth[] => Object.entries(m).map(([month, grade]) => ({ month, total: TOTAL[grade], grade }));
const keys = (hist: GradedMonth[], target: string) => consequencesFor(who, hist, target, policy).map((c) => c.rule.key);

describe('chains', () => {
  it('3 consecutive A → award, once per run', () => {
    const hist = h({ '2026-01': 'A', '2026-02': 'A', '2026-03': 'A', '2026-04': 'A', '2026-05': 'A', '2026-06': 'A' });
    expect(keys(hist, '2026-02')).toEqual([]);
    expect(keys(hist, '2026-03')).toEqual(['consequence.award']);
    expect(keys(hist, '2026-04')).toEqual([]);
    expect(keys(hist, '2026-06')).toEqual([]); // still the same run
    const c = consequencesFor(who, hist, '2026-03', policy)[0];
    expect(c).toEqual({
      employeeId: '1001',
      name: '张三',
      rule: { key: 'consequence.award', params: { count: 3, first: '2026-01', last: '2026-03' } },
      months: [
        { month: '2026-01', total: '125.00', grade: 'A' },
        { month: '2026-02', total: '125.00', grade: 'A' },
        { month: '2026-03', total: '125.00', grade: 'A' },
      ],
    });
    expect(t(c.rule.key, c.rule.params, 'zh')).toBe('连续 3 个月评为 A(2026-01 至 2026-03):优秀员工奖或奖励旅游候选人');
  });

  it('a gap (month not graded) breaks a chain; a new run can earn the award again', () => {
    const hist = h({ '2026-01': 'A', '2026-02': 'A', '2026-04': 'A', '2026-05': 'A', '2026-06': 'A' });
    expect(keys(hist, '2026-04')).toEqual([]);
    expect(keys(hist, '2026-06')).toEqual(['consequence.award']);
    expect(runEndingAt(hist, '2026-06', (g) => g === 'A').map((x) => x.month)).toEqual(['2026-04', '2026-05', '2026-06']);
    expect(keys(hist, '2026-03')).toEqual([]); // target not graded
  });

  it('D chain: 2nd → improvement plan, 3rd nothing, 4th → HR warning, 5th → dismissal; E counts as D or worse', () => {
    const hist = h({ '2025-11': 'D', '2025-12': 'E', '2026-01': 'D', '2026-02': 'D', '2026-03': 'D', '2026-04': 'D' });
    expect(keys(hist, '2025-11')).toEqual([]);
    expect(keys(hist, '2025-12')).toEqual(['consequence.improvement_plan']); // across the year end
    expect(keys(hist, '2026-01')).toEqual([]);
    expect(keys(hist, '2026-02')).toEqual(['consequence.hr_warning']);
    expect(keys(hist, '2026-03')).toEqual(['consequence.dismissal_d']);
    expect(keys(hist, '2026-04')).toEqual(['consequence.dismissal_d']); // still listed until HR acts
    const c = consequencesFor(who, hist, '2026-03', policy)[0];
    expect(c.months.map((m) => `${m.month}:${m.grade}`)).toEqual(['2025-11:D', '2025-12:E', '2026-01:D', '2026-02:D', '2026-03:D']);
    expect(c.rule.params).toEqual({ count: 5, first: '2025-11', last: '2026-03' });
  });

  it('a C in between or a missing month restarts the D chain', () => {
    expect(keys(h({ '2026-01': 'D', '2026-02': 'C', '2026-03': 'D', '2026-04': 'D' }), '2026-04')).toEqual(['consequence.improvement_plan']);
    expect(keys(h({ '2026-01': 'D', '2026-03': 'D' }), '2026-03')).toEqual([]);
  });

  it('E chain: 2nd → manager warning (and the D-chain improvement plan), 3rd → dismissal only', () => {
    const hist = h({ '2026-01': 'E', '2026-02': 'E', '2026-03': 'E' });
    expect(keys(hist, '2026-01')).toEqual([]);
    expect(keys(hist, '2026-02')).toEqual(['consequence.improvement_plan', 'consequence.manager_warning']);
    expect(keys(hist, '2026-03')).toEqual(['consequence.dismissal_e']);
  });

  it('D then E, E: the E chain counts only the E months', () => {
    const hist = h({ '2026-01': 'D', '2026-02': 'D', '2026-03': 'D', '2026-04': 'E', '2026-05': 'E' });
    expect(keys(hist, '2026-04')).toEqual(['consequence.hr_warning']); // D chain 4
    expect(keys(hist, '2026-05')).toEqual(['consequence.dismissal_d']); // D chain 5 (E chain only 2)
  });

  it('months after the target are ignored, input order does not matter', () => {
    const hist = h({ '2026-03': 'D', '2026-01': 'D', '2026-02': 'D' });
    expect(keys(hist, '2026-02')).toEqual(['consequence.improvement_plan']);
  });
});

describe('periods', () => {
  it('mean of the monthly totals, half-up to 2 decimals, with grade and month count', () => {
    // (97.25 + 104.99 + 105.00) / 3 = 307.24 / 3 = 102.41333… → 102.41 (C)
    expect(periodScore(['97.25', '104.99', '105.00'], policy)).toEqual({ score: '102.41', grade: 'C', months: 3 });
    // (104.99 + 105.00) / 2 = 104.995 → 105.00 (B): half-up on the mean
    expect(periodScore(['104.99', '105.00'], policy)).toEqual({ score: '105.00', grade: 'B', months: 2 });
    expect(periodScore([], policy)).toBeNull();
  });
  it('year outcomes', () => {
    expect(yearOutcomes('A', policy).map((r) => r.key)).toEqual(['consequence.raise_eligible']);
    expect(yearOutcomes('B', policy).map((r) => r.key)).toEqual(['consequence.raise_eligible']);
    expect(yearOutcomes('C', policy).map((r) => r.key)).toEqual(['consequence.promotion_priority']);
    expect(yearOutcomes('D', policy)).toEqual([]);
    expect(yearOutcomes(null, policy)).toEqual([]);
  });
  it('every consequence key has text', () => {
    for (const k of ['award', 'improvement_plan', 'hr_warning', 'dismissal_d', 'manager_warning', 'dismissal_e', 'raise_eligible', 'promotion_priority'])
      expect(hasMessage(`consequence.${k}`)).toBe(true);
  });
});
