import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import {
  analyseScorers,
  competitionRanks,
  departmentsOff,
  identicalWeights,
  scoreFigures,
  type AnalysisInput,
  type GivenScore,
} from '../../src/domain/analysis.js';
import { ANALYSIS_DEFAULTS } from '../../src/policy/schema.js';
import type { DistributionRow, GoalRow } from '../../src/model.js';

const S = { ...ANALYSIS_DEFAULTS };

/** Independent reference figures: plain Decimal arithmetic written out here, variance as E[x²] − μ². */
function reference(values: number[]) {
  const xs = values.map((v) => new Decimal(v));
  const n = xs.length;
  const total = xs.reduce((a, b) => a.plus(b), new Decimal(0));
  const mu = total.div(n);
  const meanSq = xs.reduce((a, b) => a.plus(b.times(b)), new Decimal(0)).div(n);
  const sd = meanSq.minus(mu.times(mu)).sqrt();
  const sorted = [...values].sort((a, b) => a - b);
  const med = n % 2 ? new Decimal(sorted[(n - 1) / 2]) : new Decimal(sorted[n / 2 - 1]).plus(sorted[n / 2]).div(2);
  const r2 = (d: Decimal) => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return { mean: r2(mu), sd: r2(sd), median: r2(med), muD: mu, sdD: sd };
}

let seq = 0;
const given = (scorerId: string, sectionId: string, values: number[], department = '服务站'): GivenScore[] =>
  values.map((v) => ({ employeeId: `P${++seq}`, department, sectionId, sectionName: sectionId === 'kpi' ? '关键考核指标KPI' : '财务指标', scorerId, score: String(v) }));

const input = (over: Partial<AnalysisInput>): AnalysisInput => ({
  month: '2026-10',
  settings: S,
  roleSections: new Set(['finance']),
  scores: [],
  earlier: [],
  goalSheets: [],
  departments: [],
  scorerName: (id) => `名${id}`,
  ...over,
});

describe('score figures', () => {
  it('people, mean, median, population SD, shares of 120+ and ≤70 match an independent computation', () => {
    const values = [70, 88.5, 95, 101.25, 120, 125, 64];
    const f = scoreFigures(values.map(String), S);
    const ref = reference(values);
    expect(f.people).toBe(7);
    expect(f.mean).toBe(ref.mean);
    expect(f.median).toBe(ref.median);
    expect(f.sd).toBe(ref.sd);
    expect(f.min).toBe('64.00');
    expect(f.max).toBe('125.00');
    // 120 and 125 are "120+"; 70 and 64 are "≤70" (both ends inclusive)
    expect([f.highCount, f.highShare]).toEqual([2, new Decimal(200).div(7).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)]);
    expect([f.lowCount, f.lowShare]).toEqual([2, '28.6']);
  });

  it('median of an even count is the mean of the middle two', () => {
    expect(scoreFigures(['90', '100', '97.125', '80'], S).median).toBe(reference([90, 100, 97.125, 80]).median);
  });
});

describe('comparison with the other scorers (pooled individual scores)', () => {
  it('gives the distance in points and in SDs of the others, with counts on each side', () => {
    const mine = [110, 112, 115, 108, 120];
    const a = [90, 95, 100];
    const b = [85, 99, 104, 101];
    const scores = [...given('M1', 'kpi', mine), ...given('M2', 'kpi', a), ...given('M3', 'kpi', b)];
    const r = analyseScorers(input({ scores }));
    const m1 = r.scorers.find((x) => x.scorerId === 'M1')!;
    const own = reference(mine);
    const others = reference([...a, ...b]);
    expect(m1.comparison).toMatchObject({
      basis: 'others',
      people: 5,
      otherPeople: 7,
      otherMean: others.mean,
      otherSd: others.sd,
      difference: own.muD.minus(others.muD).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      differenceSd: own.muD.minus(others.muD).div(others.sdD).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
    });
    // M2 has 3 people: below five on its side, no comparison, and said so
    expect(r.scorers.find((x) => x.scorerId === 'M2')!.comparison).toEqual({ basis: 'none', reason: 'too_few', people: 3, otherPeople: 9 });
  });

  it('no comparison when the others have fewer than five people', () => {
    const scores = [...given('M1', 'kpi', [100, 100, 100, 100, 130]), ...given('M2', 'kpi', [80, 80, 80, 80])];
    const c = analyseScorers(input({ scores })).scorers.find((x) => x.scorerId === 'M1')!.comparison;
    expect(c).toEqual({ basis: 'none', reason: 'too_few', people: 5, otherPeople: 4 });
  });

  it('a section nobody else scored and no history: nothing to compare with', () => {
    const r = analyseScorers(input({ scores: given('F', 'finance', [100, 101, 102, 103, 104]) }));
    expect(r.scorers[0].comparison).toEqual({ basis: 'none', reason: 'no_others', people: 5, otherPeople: 0 });
    expect(r.scorers[0].trend).toEqual([]);
    expect(r.scorers[0].trendMean).toBeNull();
  });

  it('a role section with one scorer is compared with the same scorer in earlier months of the window', () => {
    const past1 = [100, 100, 100];
    const past2 = [96, 104, 100];
    const tooOld = [40, 40, 40, 40, 40];
    const now = [112, 114, 110, 116, 118];
    const r = analyseScorers(
      input({
        scores: given('F', 'finance', now),
        earlier: [
          { month: '2026-09', scores: given('F', 'finance', past2) },
          { month: '2026-08', scores: given('F', 'finance', past1) },
          { month: '2026-07', scores: given('F', 'finance', tooOld) }, // outside the 3-month window
        ],
      }),
    );
    const f = r.scorers[0];
    const ref = reference([...past1, ...past2]);
    expect(f.comparison).toMatchObject({ basis: 'own_history', people: 5, otherPeople: 6, otherMean: ref.mean, otherSd: ref.sd, months: ['2026-08', '2026-09'] });
    expect(f.trend).toEqual([
      { month: '2026-08', people: 3, mean: '100.00' },
      { month: '2026-09', people: 3, mean: '100.00' },
      { month: '2026-10', people: 5, mean: reference(now).mean },
    ]);
    expect(f.trendMean).toBe(reference([...past1, ...past2, ...now]).mean);
    expect(r.historyMonths).toEqual(['2026-08', '2026-09']);
    // 114 − 100 = 14 points, SD of the past = sqrt(32/6) ≈ 2.31: lenient against its own history
    expect(r.flags).toContainEqual(expect.objectContaining({ kind: 'lenient', scorerId: 'F', basis: 'own_history', difference: '14.00' }));
  });

  it('a direct-manager section does not fall back to the scorer’s own history', () => {
    const r = analyseScorers(
      input({ scores: given('M', 'kpi', [100, 100, 100, 100, 100]), earlier: [{ month: '2026-09', scores: given('M', 'kpi', [90, 90, 90, 90, 90]) }] }),
    );
    expect(r.scorers[0].comparison.basis).toBe('none');
    expect(r.scorers[0].trend.map((t) => t.month)).toEqual(['2026-09', '2026-10']);
  });
});

describe('lenient / severe at the threshold', () => {
  // Others: 90 ×3 and 110 ×3 → mean 100, population SD exactly 10.
  const others = () => [...given('O1', 'kpi', [90, 90, 90]), ...given('O2', 'kpi', [110, 110, 110])];
  const flagsFor = (mine: number[], settings = S) =>
    analyseScorers(input({ settings, scores: [...given('M', 'kpi', mine), ...others()] })).flags.filter((f) => 'scorerId' in f && f.scorerId === 'M');

  it('a mean exactly one SD above is not flagged; a hair above is', () => {
    expect(flagsFor([110, 110, 110, 110, 110])).toEqual([expect.objectContaining({ kind: 'same_score' })]);
    const above = flagsFor([110, 110, 110, 110, 110.05]);
    expect(above).toContainEqual(
      expect.objectContaining({ kind: 'lenient', mean: '110.01', otherMean: '100.00', difference: '10.01', differenceSd: '1.00', people: 5, otherPeople: 6 }),
    );
  });

  it('severe below, symmetric', () => {
    expect(flagsFor([90, 90, 90, 90, 90.05]).some((f) => f.kind === 'severe')).toBe(false);
    expect(flagsFor([90, 90, 90, 90, 89.95])).toContainEqual(expect.objectContaining({ kind: 'severe', difference: '-10.01' }));
  });

  it('the points threshold holds too: beyond 1 SD but not beyond 5 points is not flagged', () => {
    const wide = { ...S, lenient_severe_sd: 0.4 }; // 0.4 SD = 4 points
    expect(flagsFor([105, 105, 105, 105, 104], wide).some((f) => f.kind === 'lenient')).toBe(false); // +4.8
    expect(flagsFor([105, 105, 105, 105, 105], wide).some((f) => f.kind === 'lenient')).toBe(false); // +5 exactly
    expect(flagsFor([105, 105, 105, 105, 105.05], wide).some((f) => f.kind === 'lenient')).toBe(true); // +5.01
  });

  it('others who all gave one score: any distance beyond the points threshold is flagged, SD distance left empty', () => {
    const scores = [...given('M', 'kpi', [110, 110, 110, 110, 106]), ...given('O', 'kpi', [100, 100, 100, 100, 100])];
    const f = analyseScorers(input({ scores })).flags.find((x) => x.kind === 'lenient' && x.scorerId === 'M');
    expect(f).toMatchObject({ difference: '9.20', differenceSd: null });
  });
});

describe('everyone the same score', () => {
  it('flags from same_score_min_people people, not below', () => {
    const two = analyseScorers(input({ scores: given('M', 'kpi', [100, 100]) })).flags;
    expect(two.some((f) => f.kind === 'same_score')).toBe(false);
    const three = analyseScorers(input({ scores: given('M', 'kpi', [100, 100, 100]) })).flags;
    expect(three).toEqual([expect.objectContaining({ kind: 'same_score', score: '100.00', people: 3 })]);
    const differs = analyseScorers(input({ scores: given('M', 'kpi', [100, 100, 100.01]) })).flags;
    expect(differs).toEqual([]);
  });
});

describe('identical goal weights on a goals sheet', () => {
  const goals = (employeeId: string, weights: number[], sectionId = 'kpi'): GoalRow[] =>
    weights.map((w, i) => ({ employeeId, name: employeeId, seq: i + 1, sectionId, goal: `目标${i}`, weight: String(w), target: '', actual: '', score: '100', note: '' }));

  it('flags when every employee (at least three) has the same weights in 序号 order', () => {
    const sheet = { scorerId: 'M', goals: [...goals('A', [40, 30, 30]), ...goals('B', [40, 30, 30]), ...goals('C', [40, 30.0, 30])] };
    expect(identicalWeights([sheet], S, (id) => id)).toEqual([
      { kind: 'identical_weights', scorerId: 'M', scorerName: 'M', sectionId: 'kpi', sectionName: 'kpi', employees: 3, weights: ['40', '30', '30'] },
    ]);
  });
  it('two employees are below the threshold; one different list clears the sheet', () => {
    expect(identicalWeights([{ scorerId: 'M', goals: [...goals('A', [50, 50]), ...goals('B', [50, 50])] }], S, (id) => id)).toEqual([]);
    const mixed = { scorerId: 'M', goals: [...goals('A', [40, 30, 30]), ...goals('B', [40, 30, 30]), ...goals('C', [30, 40, 30])] };
    expect(identicalWeights([mixed], S, (id) => id)).toEqual([]);
  });
  it('each section of the sheet is judged on its own', () => {
    const sheet = {
      scorerId: 'M',
      goals: ['A', 'B', 'C'].flatMap((e, i) => [...goals(e, [50, 50], 'mbo'), ...goals(e, [100 - i * 10, i * 10].filter((w) => w > 0), 'kpi')]),
    };
    expect(identicalWeights([sheet], S, (id) => id).map((f) => f.kind === 'identical_weights' && f.sectionId)).toEqual(['mbo']);
  });
});

describe('department off the distribution', () => {
  const rows = (pairs: [number, number][]): DistributionRow[] =>
    (['A', 'B', 'C', 'D', 'E'] as const).map((g, i) => ({
      grade: g,
      name: g,
      targetPercent: 0,
      targetCount: pairs[i][0],
      actualCount: pairs[i][1],
      actualPercent: '0',
      difference: pairs[i][1] - pairs[i][0],
    }));

  it('counts the people beyond the target counts and flags above department_off_people', () => {
    // target A0 B2 C4 D1 E0 (7 people)
    const twoOff = rows([[0, 1], [2, 3], [4, 2], [1, 1], [0, 0]]); // +1 A, +1 B → 2 off
    const threeOff = rows([[0, 2], [2, 3], [4, 1], [1, 1], [0, 0]]); // +2 A, +1 B → 3 off
    expect(departmentsOff([{ department: '销售部', rows: twoOff }], S)).toEqual([]);
    expect(departmentsOff([{ department: '销售部', rows: threeOff }], S)).toEqual([
      expect.objectContaining({ kind: 'department_off', department: '销售部', off: 3, evaluated: 7 }),
    ]);
  });
});

describe('rank in department', () => {
  it('equal totals share a rank: 1, 2, 2, 4', () => {
    const r = competitionRanks([
      { id: 'a', total: '101.5' },
      { id: 'b', total: '99.00' },
      { id: 'c', total: '110' },
      { id: 'd', total: '101.50' },
    ]);
    expect([r.get('c'), r.get('a'), r.get('d'), r.get('b')]).toEqual([1, 2, 2, 4]);
  });
});
