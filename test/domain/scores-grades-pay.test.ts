import { describe, expect, it } from 'vitest';
import { exactTotal, sectionScoreFromGoals, totalScore } from '../../src/domain/scores.js';
import { gradeFor, gradeIssue } from '../../src/domain/grades.js';
import { netPay, payBase, payBaseExact, performancePay, moneySum } from '../../src/domain/pay.js';
import { payBaseRule } from '../../src/domain/classify.js';
import { renderIssue } from '../../src/i18n/index.js';
import { defaultPolicy, emp } from './helpers.js';

const policy = defaultPolicy();

describe('section score from goals', () => {
  it('Σ weight × score / 100, exact', () => {
    // 30×100 + 30×95.5 + 40×88 = 3000 + 2865 + 3520 = 9385 → 93.85
    expect(sectionScoreFromGoals([{ weight: 30, score: 100 }, { weight: 30, score: '95.5' }, { weight: 40, score: 88 }]))
      .toEqual({ score: '93.85', weightSum: '100', weightsOk: true });
  });
  it('keeps every decimal (no intermediate rounding)', () => {
    // 33.33×97.3 + 33.33×88.1 + 33.34×101 = 3243.009 + 2936.373 + 3367.34 = 9546.722 → 95.46722
    const r = sectionScoreFromGoals([{ weight: '33.33', score: '97.3' }, { weight: '33.33', score: '88.1' }, { weight: '33.34', score: 101 }]);
    expect(r).toEqual({ score: '95.46722', weightSum: '100', weightsOk: true });
  });
  it('reports the weight sum when it is not 100', () => {
    const r = sectionScoreFromGoals([{ weight: 50, score: 100 }, { weight: 40, score: 100 }]);
    expect(r).toEqual({ score: '90', weightSum: '90', weightsOk: false });
    expect(sectionScoreFromGoals([])).toEqual({ score: '0', weightSum: '0', weightsOk: false });
  });
});

describe('total score', () => {
  it('创利 example: 40×95 + 20×100 + 30×97.5 + 10×100 = 9725 → 97.25', () => {
    expect(totalScore([{ weight: 40, score: '95' }, { weight: 20, score: '100' }, { weight: 30, score: '97.5' }, { weight: 10, score: '100' }])).toBe('97.25');
  });
  it('rounds only the total, half-up', () => {
    // 30 × 95.46722 + 70 × 89.995 = 2864.0166 + 6299.65 = 9163.6666 → 91.636666 → 91.64
    expect(totalScore([{ weight: 30, score: '95.46722' }, { weight: 70, score: '89.995' }])).toBe('91.64');
    // 10 × 100.005 + 90 × 100 = 10000.05 → 100.0005 → 100.00
    expect(totalScore([{ weight: 10, score: '100.005' }, { weight: 90, score: '100' }])).toBe('100.00');
    // Exactly half at the 3rd decimal: 50 × 90.01 + 50 × 90 = 9000.5 → 90.005 → 90.01 (half-up)
    expect(totalScore([{ weight: 50, score: '90.01' }, { weight: 50, score: '90' }])).toBe('90.01');
    // Why no intermediate rounding: 50 × 89.985 + 50 × 90 = 8999.25 → 89.9925 → 89.99 (D);
    // rounding the section first (89.99) would give 89.995 → 90.00 (C).
    expect(totalScore([{ weight: 50, score: '89.985' }, { weight: 50, score: '90' }])).toBe('89.99');
  });
  it('is null when a section is missing', () => {
    expect(totalScore([{ weight: 50, score: '90' }, { weight: 50, score: null }])).toBeNull();
    expect(exactTotal([{ weight: 50, score: '90' }, { weight: 50, score: '91' }])!.toString()).toBe('90.5');
  });
});

describe('grades (default bands)', () => {
  const g = (t: string | number) => {
    const r = gradeFor(t, policy.grades, policy.score_max);
    return r.ok ? r.grade : r.code;
  };
  it.each([
    [0, 'E'], [70, 'E'], ['70.01', 'D'], ['89.99', 'D'], [90, 'C'], ['104.99', 'C'], [105, 'B'],
    ['119.99', 'B'], [120, 'A'], [130, 'A'], ['130.01', 'grade.above_max'], ['-0.01', 'grade.below_zero'],
  ])('%s → %s', (t, want) => expect(g(t)).toBe(want));
  it('reads the band from the rounded total', () => {
    expect(g('89.995')).toBe('C'); // rounds to 90.00
    expect(g('89.994')).toBe('D');
    expect(g('70.004')).toBe('E'); // rounds to 70.00
    expect(g('130.004')).toBe('A');
    expect(g('130.005')).toBe('grade.above_max');
    expect(gradeFor('97.254', policy.grades, 130)).toEqual({ ok: true, grade: 'C', total: '97.25' });
  });
  it('rejection becomes an Issue with a message', () => {
    const r = gradeFor('131', policy.grades, 130);
    if (r.ok) throw new Error('expected rejection');
    const i = gradeIssue(r, 130, { employeeId: '1001', name: '张三' });
    expect(i.code).toBe('grade.above_max');
    expect(renderIssue(i, 'zh').message).toBe('张三(工号 1001)的总分 131.00 超过了满分 130。');
  });
});

describe('pay', () => {
  const rule = (department: string, position: string, category: '创利' | '职能') => payBaseRule(emp({ department, position }), category, policy);
  it('创利: commission 8000 × 97.25 / 100 = 7780.00', () => {
    const base = payBase(rule('服务站', '维修技师', '创利'), '6000', '8000')!;
    expect(base).toBe('8000.00');
    expect(performancePay(base, '97.25')).toBe('7780.00');
    expect(payBase({ kind: 'commission' }, '6000', null)).toBeNull();
  });
  it('职能: 30% of salary 5000 = 1500.00', () => {
    expect(rule('行政部', '行政专员', '职能')).toEqual({ kind: 'salary', percent: 30, manager: false });
    expect(payBase(rule('行政部', '行政专员', '职能'), '5000', null)).toBe('1500.00');
  });
  it('managers: 50%; 行政部经理 30% (also via an alias department); manager rule wins over category', () => {
    expect(rule('销售部', '经理', '职能')).toEqual({ kind: 'salary', percent: 50, manager: true });
    expect(payBase(rule('销售部', '经理', '职能'), '12000', null)).toBe('6000.00');
    expect(rule('行政部', '经理', '职能')).toEqual({ kind: 'salary', percent: 30, manager: true });
    expect(payBase(rule('行政部', '经理', '职能'), '9000', null)).toBe('2700.00');
    expect(rule('客户服务部', '经理', '职能')).toEqual({ kind: 'salary', percent: 30, manager: true });
    expect(rule('人事部', '经理', '职能')).toEqual({ kind: 'salary', percent: 30, manager: true });
    // VIP会所经理 is 创利 (commission by category) but a manager position → 50% of salary.
    expect(rule('VIP会所', 'VIP会所经理', '创利')).toEqual({ kind: 'salary', percent: 50, manager: true });
  });
  it('rounds half-up to the fen, exactly', () => {
    // 1234.57 × 83.33 = 102876.7181 → /100 = 1028.767181 → 1028.77
    expect(performancePay('1234.57', '83.33')).toBe('1028.77');
    // 1001.00 × 50.50 = 50550.5 → /100 = 505.505 exactly half a fen → half-up 505.51
    // (binary floats give 505.50499… → 505.50; banker's rounding would give 505.50)
    expect(performancePay('1001.00', '50.50')).toBe('505.51');
    // 3001.00 × 83.50 / 100 = 2505.835 → 2505.84
    expect(performancePay('3001.00', '83.50')).toBe('2505.84');
    // Salary percent: 3333.35 × 30% = 1000.005 → 1000.01
    expect(payBase({ kind: 'salary', percent: 30, manager: false }, '3333.35', null)).toBe('1000.01');
  });
  it('net pay and column sums', () => {
    expect(netPay('1500.00', '500.00')).toBe('1000.00');
    expect(netPay('0.00', '500.00')).toBe('-500.00');
    expect(moneySum(['0.10', '0.20', null, '1028.77'])).toBe('1029.07');
  });
});

describe('pay from the exact base, rounded once', () => {
  it('8000.02 × 30% = 2400.006: shown base 2400.01, pay at 83.33 = 1999.92 (not 1999.93 from the rounded base)', () => {
    const rule = { kind: 'salary', percent: 30, manager: false } as const;
    expect(payBaseExact(rule, '8000.02', null)).toBe('2400.006');
    expect(payBase(rule, '8000.02', null)).toBe('2400.01');
    // 2400.006 × 83.33 / 100 = 1999.924999.. → 1999.92
    expect(performancePay(payBaseExact(rule, '8000.02', null)!, '83.33')).toBe('1999.92');
  });
});
