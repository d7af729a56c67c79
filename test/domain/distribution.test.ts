import { describe, expect, it } from 'vitest';
import { calibrate, distributionRows, nearestToBoundaries, targetCounts, type CalibrationInput } from '../../src/domain/distribution.js';
import type { GradeLetter } from '../../src/model.js';
import { defaultPolicy } from './helpers.js';

const policy = defaultPolicy();
const shares = policy.distribution.shares; // A5 B20 C60 D10 E5
const tie = policy.distribution.tie_order; // C B D A E
const tc = (n: number) => targetCounts(n, shares, tie);

describe('targetCounts (largest remainder, ties C B D A E)', () => {
  it('7 → A0 B2 C4 D1 E0', () => {
    // quotas: A .35 B 1.4 C 4.2 D .7 E .35 → floors 0,1,4,0,0 = 5; 2 left:
    // remainders D .7, B .4 (then A/E .35, C .2) → D+1, B+1
    expect(tc(7)).toEqual({ A: 0, B: 2, C: 4, D: 1, E: 0 });
  });
  it('20 → 1/4/12/2/1 (all exact)', () => {
    // 20×5% = 1, 20×20% = 4, 20×60% = 12, 20×10% = 2, 20×5% = 1: no remainders
    expect(tc(20)).toEqual({ A: 1, B: 4, C: 12, D: 2, E: 1 });
  });
  it('63 → 3/13/38/6/3', () => {
    // quotas: A 3.15 B 12.6 C 37.8 D 6.3 E 3.15 → floors 3,12,37,6,3 = 61; 2 left: C .8, B .6
    expect(tc(63)).toEqual({ A: 3, B: 13, C: 38, D: 6, E: 3 });
  });
  it('100 → 5/20/60/10/5', () => {
    expect(tc(100)).toEqual({ A: 5, B: 20, C: 60, D: 10, E: 5 });
  });
  it('301 → 15/60/181/30/15', () => {
    // quotas: A 15.05 B 60.2 C 180.6 D 30.1 E 15.05 → floors 15,60,180,30,15 = 300; 1 left: C .6
    expect(tc(301)).toEqual({ A: 15, B: 60, C: 181, D: 30, E: 15 });
  });
  it('equal remainders are served in tie order', () => {
    // 2: A .1 B .4 C 1.2 D .2 E .1 → floors C1; 1 left: B .4
    expect(tc(2)).toEqual({ A: 0, B: 1, C: 1, D: 0, E: 0 });
    // 1: A .05 B .2 C .6 D .1 E .05 → C
    expect(tc(1)).toEqual({ A: 0, B: 0, C: 1, D: 0, E: 0 });
    // 10: A .5 B 2 C 6 D 1 E .5 → floors 0,2,6,1,0 = 9; 1 left: A .5 and E .5 tie → A before E
    expect(tc(10)).toEqual({ A: 1, B: 2, C: 6, D: 1, E: 0 });
    expect(targetCounts(10, shares, ['E', 'D', 'C', 'B', 'A'])).toEqual({ A: 0, B: 2, C: 6, D: 1, E: 1 });
    expect(tc(0)).toEqual({ A: 0, B: 0, C: 0, D: 0, E: 0 });
  });
  it('always sums to n', () => {
    for (let n = 1; n <= 500; n++) {
      const c = tc(n);
      expect(c.A + c.B + c.C + c.D + c.E).toBe(n);
    }
  });
});

describe('distributionRows', () => {
  it('target and actual per grade', () => {
    const grades: GradeLetter[] = ['A', 'B', 'B', 'C', 'C', 'C', 'E'];
    const rows = distributionRows(grades, policy);
    expect(rows).toEqual([
      { grade: 'A', name: '杰出', targetPercent: 5, targetCount: 0, actualCount: 1, actualPercent: '14.3', difference: 1 },
      { grade: 'B', name: '优秀', targetPercent: 20, targetCount: 2, actualCount: 2, actualPercent: '28.6', difference: 0 },
      { grade: 'C', name: '良好', targetPercent: 60, targetCount: 4, actualCount: 3, actualPercent: '42.9', difference: -1 },
      { grade: 'D', name: '待改进', targetPercent: 10, targetCount: 1, actualCount: 0, actualPercent: '0.0', difference: -1 },
      { grade: 'E', name: '不胜任', targetPercent: 5, targetCount: 0, actualCount: 1, actualPercent: '14.3', difference: 1 },
    ]);
    // 1/7 = 14.2857…% → 14.3; 2/7 = 28.571…% → 28.6; 3/7 = 42.857…% → 42.9
    expect(distributionRows([], policy).every((r) => r.actualPercent === '0.0' && r.targetCount === 0)).toBe(true);
    // ungraded entries (null) are not counted
    expect(distributionRows(['C', null], policy)[2]).toMatchObject({ targetCount: 1, actualCount: 1, actualPercent: '100.0' });
  });
  it('a half at the first decimal rounds up: 1/8 = 12.5% ; 1/16 = 6.25% → 6.3', () => {
    const g = (n: number): GradeLetter[] => ['A', ...Array<GradeLetter>(n - 1).fill('C')];
    expect(distributionRows(g(16), policy)[0].actualPercent).toBe('6.3');
    expect(distributionRows(g(8), policy)[0].actualPercent).toBe('12.5');
  });
});

describe('nearestToBoundaries', () => {
  it('k closest per boundary, ties by higher total then 工号', () => {
    const rs = [
      { employeeId: '1', name: '甲', total: '121.00', grade: 'A' as const },
      { employeeId: '2', name: '乙', total: '119.50', grade: 'B' as const },
      { employeeId: '3', name: '丙', total: '104.99', grade: 'C' as const },
      { employeeId: '4', name: '丁', total: '105.01', grade: 'B' as const },
      { employeeId: '5', name: '戊', total: '90.00', grade: 'C' as const },
      { employeeId: '6', name: '己', total: '70.00', grade: 'E' as const },
    ];
    const n = nearestToBoundaries(rs, policy, 2);
    expect(n.map((b) => [b.boundary, b.value, b.employees.map((e) => e.employeeId)])).toEqual([
      ['A/B', 120, ['2', '1']],
      ['B/C', 105, ['4', '3']], // both 0.01 away: 105.01 first (higher total)
      ['C/D', 90, ['5', '3']],
      ['D/E', 70, ['6', '5']],
    ]);
    expect(nearestToBoundaries(rs, policy, 0).every((b) => b.employees.length === 0)).toBe(true);
  });
});

const people = (totals: (string | number)[], band: (t: number) => GradeLetter): CalibrationInput[] =>
  totals.map((t, i) => ({ employeeId: String(i + 1).padStart(3, '0'), name: `员工${i + 1}`, total: String(t), bandGrade: band(Number(t)) }));
const bandOf = (t: number): GradeLetter => (t >= 120 ? 'A' : t >= 105 ? 'B' : t >= 90 ? 'C' : t > 70 ? 'D' : 'E');
const countOf = (grades: Record<string, GradeLetter>) => {
  const c: Record<GradeLetter, number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
  for (const g of Object.values(grades)) c[g]++;
  return c;
};

describe('calibrate (enforce mode)', () => {
  it('nothing to do when the band grades already meet the counts', () => {
    // 20 people: A1 B4 C12 D2 E1 by band
    const totals = [125, 110, 109, 108, 107, ...Array.from({ length: 12 }, (_, i) => 101 - i), 80, 75, 60];
    const r = calibrate(people(totals, bandOf), tc(20), policy);
    expect(r.changes).toEqual([]);
    expect(r.unresolvedTies).toEqual([]);
    expect(r.shortfall.every((s) => s.target === s.actual)).toBe(true);
  });

  it('one B must move to C: the lowest-ranked B moves', () => {
    // bands: A1, B5 (110…106), C11, D2, E1 → targets A1 B4 C12 D2 E1
    const totals = [125, 110, 109, 108, 107, 106, ...Array.from({ length: 11 }, (_, i) => 100 - i), 80, 75, 60];
    const r = calibrate(people(totals, bandOf), tc(20), policy);
    expect(r.changes).toEqual([{ employeeId: '006', name: '员工6', total: '106', from: 'B', to: 'C' }]);
    expect(r.unresolvedTies).toEqual([]);
    expect(r.grades['006']).toBe('C');
    expect(r.grades['005']).toBe('B');
    expect(countOf(r.grades)).toEqual({ A: 1, B: 4, C: 12, D: 2, E: 1 });
    expect(r.shortfall).toEqual([
      { grade: 'A', target: 1, actual: 1 }, { grade: 'B', target: 4, actual: 4 }, { grade: 'C', target: 12, actual: 12 },
      { grade: 'D', target: 2, actual: 2 }, { grade: 'E', target: 1, actual: 1 },
    ]);
  });

  it('a tie at the quota boundary is not split: both keep B and are named', () => {
    // as above, but the 5th and 6th share 106.50: one of them would have to become C
    const totals = [125, 110, 109, 108, '106.50', '106.50', ...Array.from({ length: 11 }, (_, i) => 100 - i), 80, 75, 60];
    const r = calibrate(people(totals, bandOf), tc(20), policy);
    expect(r.changes).toEqual([]);
    expect(r.unresolvedTies).toEqual([
      { grade: 'B', total: '106.50', employees: [{ employeeId: '005', name: '员工5' }, { employeeId: '006', name: '员工6' }] },
    ]);
    expect(r.shortfall.filter((s) => s.target !== s.actual)).toEqual([
      { grade: 'B', target: 4, actual: 5 },
      { grade: 'C', target: 12, actual: 11 },
    ]);
  });

  it('a tie group that fits entirely in one grade moves together', () => {
    // bands A1 B6 (110 109 108 107, 106 106) C10 D2 E1; targets B4 C12: two must move and the tie is exactly those two
    const totals = [125, 110, 109, 108, 107, 106, 106, ...Array.from({ length: 10 }, (_, i) => 100 - i), 80, 75, 60];
    const r = calibrate(people(totals, bandOf), tc(20), policy);
    expect(r.changes.map((c) => [c.employeeId, c.from, c.to])).toEqual([['006', 'B', 'C'], ['007', 'B', 'C']]);
    expect(r.unresolvedTies).toEqual([]);
  });

  it('20 people all at 125: one tie across every quota — all keep A, shortfall reported', () => {
    const r = calibrate(people(Array(20).fill('125.00'), bandOf), tc(20), policy);
    expect(r.changes).toEqual([]);
    expect(r.unresolvedTies).toHaveLength(1);
    expect(r.unresolvedTies[0].grade).toBe('A');
    expect(r.unresolvedTies[0].total).toBe('125.00');
    expect(r.unresolvedTies[0].employees).toHaveLength(20);
    expect(r.shortfall).toEqual([
      { grade: 'A', target: 1, actual: 20 }, { grade: 'B', target: 4, actual: 0 }, { grade: 'C', target: 12, actual: 0 },
      { grade: 'D', target: 2, actual: 0 }, { grade: 'E', target: 1, actual: 0 },
    ]);
  });

  it('20 people all graded A with different totals: one grade of movement → A1 B19, C/D/E unmet', () => {
    const totals = Array.from({ length: 20 }, (_, i) => (129.5 - i * 0.5).toFixed(2)); // 129.50 … 120.00
    const r = calibrate(people(totals, bandOf), tc(20), policy);
    expect(r.grades['001']).toBe('A');
    expect(r.changes).toHaveLength(19);
    expect(r.changes.every((c) => c.from === 'A' && c.to === 'B')).toBe(true);
    expect(r.unresolvedTies).toEqual([]);
    expect(r.shortfall).toEqual([
      { grade: 'A', target: 1, actual: 1 }, { grade: 'B', target: 4, actual: 19 }, { grade: 'C', target: 12, actual: 0 },
      { grade: 'D', target: 2, actual: 0 }, { grade: 'E', target: 1, actual: 0 },
    ]);
  });

  it('never moves anyone more than one grade and keeps rank order', () => {
    // 10 people all C (99 … 90): targets A1 B2 C6 D1 E0, so by rank: 1st A, 2nd–3rd B, 4th–9th C, 10th D.
    // The 1st can only go one step, to B; so B ends with 3 and A with 0.
    const totals = [99, 98, 97, 96, 95, 94, 93, 92, 91, 90];
    const r = calibrate(people(totals, bandOf), tc(10), policy);
    expect(r.changes.map((c) => [c.employeeId, c.from, c.to])).toEqual([['001', 'C', 'B'], ['002', 'C', 'B'], ['003', 'C', 'B'], ['010', 'C', 'D']]);
    expect(r.shortfall.filter((s) => s.target !== s.actual)).toEqual([
      { grade: 'A', target: 1, actual: 0 },
      { grade: 'B', target: 2, actual: 3 },
    ]);
  });

  it('people in mixed bands: only as far as one step allows', () => {
    // 5 people: 125 (A), 100 (C), 95 (C), 60 (E), 50 (E); targets for 5: A .25 B 1 C 3 D .5 E .25 → B1 C3, 1 left: D .5 → A0 B1 C3 D1 E0
    const r = calibrate(people([125, 100, 95, 60, 50], bandOf), tc(5), policy);
    // rank grades: B C C C D; 125 A→B; 60 E→D is rank C clamped to D; 50 E→D
    expect(r.changes.map((c) => [c.employeeId, c.from, c.to])).toEqual([['001', 'A', 'B'], ['004', 'E', 'D'], ['005', 'E', 'D']]);
    expect(Object.values(r.grades)).toEqual(['B', 'C', 'C', 'D', 'D']);
  });

  it('is independent of input order', () => {
    const totals = [99, 98, 97, 96, 95, 94, 93, 92, 91, 90];
    const a = calibrate(people(totals, bandOf), tc(10), policy);
    const b = calibrate([...people(totals, bandOf)].reverse(), tc(10), policy);
    expect(b).toEqual(a);
  });
});
