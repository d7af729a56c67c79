import { describe, expect, it } from 'vitest';
import {
  findIndicator,
  largestRemainder,
  nearestIndicators,
  parseTarget,
  percentPoints,
  scoreByRule,
  sheetTargets,
  splitToMonths,
  splitToPeople,
  targetText,
} from '../../src/domain/targets.js';
import { Decimal, sum } from '../../src/domain/decimal.js';
import type { TargetRow } from '../../src/model.js';
import { defaultPolicy } from './helpers.js';

const library = defaultPolicy().targets!.indicators;
const v = (s: string) => parseTarget(s)!;

describe('largest remainder split (sums preserved to the smallest unit)', () => {
  it('1,000,001 元 over 12 uneven months, then each month over 7 people: no fen lost or made', () => {
    const weights = [0.6, 0.7, 1.1, 1, 1, 0.9, 0.8, 0.8, 1, 1.2, 1.3, 1.6];
    const months = splitToMonths('1000001', weights, 2);
    expect(months).toHaveLength(12);
    expect(sum(months).toFixed(2)).toBe('1000001.00');
    for (const m of months) expect(m).toMatch(/^\d+\.\d{2}$/);
    // each month within one fen of its exact quota
    const wsum = weights.reduce((a, b) => a + b, 0);
    months.forEach((m, i) => {
      const exact = new Decimal('1000001').times(weights[i]).div(wsum);
      expect(new Decimal(m).minus(exact).abs().lt('0.01')).toBe(true);
    });
    const shares = [3, 2, 2, 1, 1, 1, 0.5];
    for (const m of months) {
      const people = splitToPeople(m, shares, 2);
      expect(people).toHaveLength(7);
      expect(sum(people).toFixed(2)).toBe(m);
    }
  });

  it('3,001 台次 over 12 months: whole 台次, adding to 3,001; the odd units go to the largest remainders', () => {
    const months = splitToMonths('3001', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 0);
    expect(months.map(Number).reduce((a, b) => a + b, 0)).toBe(3001);
    // 3001 = 12 × 250 + 1: the one left over goes to the first month (equal remainders, equal weights)
    expect(months).toEqual(['251', ...Array(11).fill('250')]);
    const uneven = splitToMonths('3001', [5, 5, 9, 10, 10, 9, 8, 8, 10, 12, 12, 14], 0);
    expect(uneven.map(Number).reduce((a, b) => a + b, 0)).toBe(3001);
    expect(uneven.every((m) => /^\d+$/.test(m))).toBe(true);
  });

  it('a tiny total over many parts: whole units to the largest remainders, zeros elsewhere', () => {
    expect(largestRemainder('0.03', [1, 1, 1, 1, 1], 2).map((d) => d.toFixed(2))).toEqual(['0.01', '0.01', '0.01', '0.00', '0.00']);
    expect(largestRemainder('10', [1, 2], 0).map(String)).toEqual(['3', '7']); // 3.33 / 6.67 → 3 / 7
    expect(largestRemainder('0', [1, 2], 2).map(String)).toEqual(['0', '0']);
  });

  it('absent weights split evenly; a total finer than the unit is refused (callers round first)', () => {
    expect(splitToMonths('12', null, 0)).toEqual(Array(12).fill('1'));
    expect(() => largestRemainder('1.005', [1, 1], 2)).toThrow(TypeError);
    expect(() => largestRemainder('1', [0, 0], 2)).toThrow(TypeError);
  });
});

describe('scoring rules (capped 0..130, exact, half-up to 2 decimals)', () => {
  const cap = 130;
  const higher = { rule: 'higher_better', direction: 'higher' } as const;
  const lower = { rule: 'lower_better', direction: 'lower' } as const;

  it('higher is better: 100 × 实际 / 目标', () => {
    expect(scoreByRule(higher, v('80'), '0', cap)).toEqual({ score: '0.00', capped: false });
    expect(scoreByRule(higher, v('80'), '80', cap)).toEqual({ score: '100.00', capped: false });
    expect(scoreByRule(higher, v('3'), '2', cap)!.score).toBe('66.67'); // 66.666…
    expect(scoreByRule(higher, v('80'), '104', cap)).toEqual({ score: '130.00', capped: false }); // exactly the cap
    expect(scoreByRule(higher, v('80'), '104.01', cap)).toEqual({ score: '130.00', capped: true });
    expect(scoreByRule(higher, v('8'), '0.0004', cap)!.score).toBe('0.01'); // 0.005 → half-up
    expect(scoreByRule(higher, v('0'), '0', cap)!.score).toBe('100.00');
    expect(scoreByRule(higher, v('0'), '1', cap)).toEqual({ score: '130.00', capped: true });
  });

  it('lower is better: 100 × 目标 / 实际; 实际 = 0 → the cap', () => {
    expect(scoreByRule(lower, v('3'), '0', cap)).toEqual({ score: '130.00', capped: true });
    expect(scoreByRule(lower, v('3'), '3', cap)!.score).toBe('100.00');
    expect(scoreByRule(lower, v('3'), '6', cap)!.score).toBe('50.00');
    expect(scoreByRule(lower, v('2.6'), '2', cap)).toEqual({ score: '130.00', capped: false }); // exactly 130
    expect(scoreByRule(lower, v('3'), '2', cap)).toEqual({ score: '130.00', capped: true }); // 150 → 130
  });

  it('threshold: 100 when met, else 0 (回厂率 ≥ 50, 返修率 ≤ 3)', () => {
    const atLeast = { rule: 'threshold', direction: 'higher' } as const;
    const atMost = { rule: 'threshold', direction: 'lower' } as const;
    expect(scoreByRule(atLeast, v('50'), '50', cap)!.score).toBe('100.00');
    expect(scoreByRule(atLeast, v('50'), '49.99', cap)!.score).toBe('0.00');
    expect(scoreByRule(atLeast, v('50'), '0', cap)!.score).toBe('0.00');
    expect(scoreByRule(atMost, v('3'), '3', cap)!.score).toBe('100.00');
    expect(scoreByRule(atMost, v('3'), '3.01', cap)!.score).toBe('0.00');
    expect(scoreByRule(atMost, v('3'), '0', cap)!.score).toBe('100.00');
  });

  it('range [4, 5]: 100 inside, 100 × 实际 / lo below, 100 × hi / 实际 above', () => {
    const range = { rule: 'range', direction: 'higher' } as const;
    expect(scoreByRule(range, v('4-5'), '4', cap)!.score).toBe('100.00');
    expect(scoreByRule(range, v('4–5'), '5', cap)!.score).toBe('100.00');
    expect(scoreByRule(range, v('4-5'), '4.5', cap)!.score).toBe('100.00');
    expect(scoreByRule(range, v('4-5'), '3', cap)!.score).toBe('75.00');
    expect(scoreByRule(range, v('4-5'), '0', cap)!.score).toBe('0.00');
    expect(scoreByRule(range, v('4-5'), '6', cap)!.score).toBe('83.33');
    expect(scoreByRule(range, v('4-5'), '3.99', cap)!.score).toBe('99.75');
    // a range rule needs a range target, and a plain rule a number
    expect(scoreByRule(range, v('4'), '4', cap)).toBeNull();
    expect(scoreByRule(higher, v('4-5'), '4', cap)).toBeNull();
  });

  it('a negative 实际 floors at 0', () => {
    expect(scoreByRule(higher, v('100'), '-5', cap)).toEqual({ score: '0.00', capped: true });
  });
});

describe('targets, percent points and the KPI library', () => {
  it('reads targets and ranges as written', () => {
    expect(targetText(v('4 – 5'))).toBe('4-5');
    expect(targetText(v('50.0'))).toBe('50');
    expect(parseTarget('5-4')).toBeNull();
    expect(parseTarget('五十')).toBeNull();
  });

  it('a %-formatted 0.48 and a plain 48 are the same 48 percent points', () => {
    expect(percentPoints('0.48', true).toFixed()).toBe('48');
    expect(percentPoints('48', false).toFixed()).toBe('48');
  });

  it('finds indicators by name or alias, loosely; suggests near names for unknown ones', () => {
    expect(findIndicator('维修产值', library)?.name).toBe('产值');
    expect(findIndicator('进厂台次', library)?.name).toBe('台次');
    expect(findIndicator(' 回厂率(%)', library)?.name).toBe('回厂率');
    expect(findIndicator('产量', library)).toBeNull();
    expect(nearestIndicators('回场率', library)[0]).toBe('回厂率');
    expect(nearestIndicators('配件销量', library)).toContain('配件销售额');
  });

  it('the default library: kinds, units and rules as chosen from section ❶', () => {
    const brief = Object.fromEntries(library.map((i) => [i.name, `${i.kind}/${i.unit}/${i.decimals}/${i.rule}/${i.direction}`]));
    expect(brief).toEqual({
      产值: 'additive/元/2/higher_better/higher',
      台次: 'additive/台次/0/higher_better/higher',
      配件销售额: 'additive/元/2/higher_better/higher',
      精品销售额: 'additive/元/2/higher_better/higher',
      回厂率: 'ratio/%/2/threshold/higher',
      返修率: 'ratio/%/2/threshold/lower',
      定期保养实施率: 'ratio/%/2/higher_better/higher',
      客户投诉率: 'ratio/%/2/lower_better/lower',
      服务吸收率: 'ratio/%/2/higher_better/higher',
      一次修复率: 'ratio/%/2/higher_better/higher',
      配件库存周转: 'ratio/次/年/1/range/higher',
    });
    expect(defaultPolicy().targets!.score_tolerance).toBe(5);
    expect(library.find((i) => i.name === '配件库存周转')!.default_target).toBe('4-5');
  });
});

describe('the KPI library in the policy file: rules a clerk can break', () => {
  it('a name used twice and a range on an additive indicator are reported with their paths', async () => {
    const { parsePolicy } = await import('../../src/policy/load.js');
    const { defaultPolicyTextFixed } = await import('./helpers.js');
    const text = defaultPolicyTextFixed()
      .replace('aliases: [精品销售]', 'aliases: [维修产值]')
      .replace('kind: additive, decimals: 0, direction: higher, rule: higher_better', 'kind: additive, decimals: 0, direction: higher, rule: range');
    const r = parsePolicy(text);
    expect(r.policy).toBeNull();
    expect(r.problems).toEqual([
      { path: 'targets.indicators[1].rule', key: 'policy.range_needs_ratio', params: { name: '台次' } },
      { path: 'targets.indicators[3]', key: 'policy.duplicate_indicator', params: { name: '维修产值' } },
    ]);
  });
});

describe('sheetTargets: what a goals sheet carries', () => {
  const row = (employeeId: string | null, target: string, month = 10): TargetRow => ({
    indicator: '精品销售额', unit: '元', kind: 'additive', department: '精品部', employeeId, month, target,
  });
  const rows = [row('H', '500.00'), row(null, '3000.00'), row('P', '2500.00'), row(null, '9.00', 11)];
  const heads = new Map([['精品部', 'H']]);

  it('the head carries the department target even when the shares also name the head, whatever the row order', () => {
    for (const order of [rows, [...rows].reverse()]) {
      const got = sheetTargets(order, 10, ['H', 'P'], heads);
      expect(got.get('H')).toEqual([{ employeeId: 'H', indicator: '精品销售额', unit: '元', target: '3000.00', scope: 'department' }]);
      expect(got.get('P')).toEqual([{ employeeId: 'P', indicator: '精品销售额', unit: '元', target: '2500.00', scope: 'person' }]);
    }
  });

  it('only people on the sheet, only the month asked', () => {
    const got = sheetTargets(rows, 11, ['P'], heads);
    expect([...got.keys()]).toEqual([]);
    expect(sheetTargets(rows, 11, ['H'], heads).get('H')![0].target).toBe('9.00');
  });
});
