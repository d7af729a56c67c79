/**
 * §5.5 阵态分布: target counts per grade, the distribution report, the people nearest each
 * band boundary, and (mode `enforce`) calibration of grades by rank.
 */
import type { Calibration, DecimalText, DistributionRow, GradeLetter, NearestToBoundary } from '../model.js';
import { GRADE_LETTERS, type Policy } from '../policy/schema.js';
import { dec, Decimal, fixed } from './decimal.js';
import { compareIds } from './ids.js';

export type GradeCounts = Record<GradeLetter, number>;

const zeroCounts = (): GradeCounts => ({ A: 0, B: 0, C: 0, D: 0, E: 0 });

/**
 * Largest-remainder apportionment of `n` people to the grade shares (percent, adding to 100):
 * every grade gets ⌊n × share / 100⌋, then the people left over go one each to the grades
 * with the largest remainders; equal remainders are served in `tieOrder` (default C, B, D, A, E).
 * Exact decimal arithmetic, so 5% of 20 is exactly 1 with remainder 0.
 */
export function targetCounts(n: number, shares: Record<GradeLetter, number>, tieOrder: readonly GradeLetter[]): GradeCounts {
  const counts = zeroCounts();
  if (!Number.isInteger(n) || n <= 0) return counts;
  const shareSum = GRADE_LETTERS.reduce((s, g) => s.plus(String(shares[g])), new Decimal(0));
  if (shareSum.lte(0)) return counts;
  const rem: { g: GradeLetter; r: Decimal }[] = [];
  let given = 0;
  for (const g of GRADE_LETTERS) {
    // Shares are normalised by their sum (100 for a valid policy).
    const quota = dec(n).times(String(shares[g])).div(shareSum);
    const whole = quota.floor();
    counts[g] = whole.toNumber();
    given += counts[g];
    rem.push({ g, r: quota.minus(whole) });
  }
  const order = [...tieOrder, ...GRADE_LETTERS.filter((g) => !tieOrder.includes(g))];
  rem.sort((a, b) => b.r.comparedTo(a.r) || order.indexOf(a.g) - order.indexOf(b.g));
  for (let i = 0; given < n; i = (i + 1) % rem.length, given++) counts[rem[i].g]++;
  return counts;
}

/** Per grade: target %, target count, actual count, actual % (1 decimal, half-up) and actual − target. */
export function distributionRows(grades: readonly (GradeLetter | null | undefined)[], policy: Policy): DistributionRow[] {
  const graded = grades.filter((g): g is GradeLetter => !!g);
  const n = graded.length;
  const target = targetCounts(n, policy.distribution.shares, policy.distribution.tie_order);
  const actual = zeroCounts();
  for (const g of graded) actual[g]++;
  return GRADE_LETTERS.map((g) => ({
    grade: g,
    name: policy.grades[g].name,
    targetPercent: policy.distribution.shares[g],
    targetCount: target[g],
    actualCount: actual[g],
    actualPercent: n === 0 ? '0.0' : fixed(dec(actual[g]).times(100).div(n), 1),
    difference: actual[g] - target[g],
  }));
}

export interface RankedResult {
  employeeId: string;
  name: string;
  total: DecimalText;
  grade: GradeLetter;
}

/** Total descending, then 工号 ascending. */
const byRank = (a: { total: DecimalText; employeeId: string }, b: { total: DecimalText; employeeId: string }) =>
  dec(b.total).comparedTo(a.total) || compareIds(a.employeeId, b.employeeId);

/**
 * The boundaries between adjacent bands, from the top (A/B at 120, B/C at 105, C/D at 90,
 * D/E at 70 by default), each with the `k` employees whose totals are closest to it
 * (distance ascending, then total descending, then 工号). k = 0 gives empty lists.
 */
export function nearestToBoundaries(results: readonly RankedResult[], policy: Policy, k: number): NearestToBoundary[] {
  const bands = GRADE_LETTERS.map((g) => ({ g, band: policy.grades[g] })).sort((a, b) => b.band.min - a.band.min);
  const out: NearestToBoundary[] = [];
  for (let i = 0; i + 1 < bands.length; i++) {
    const upper = bands[i];
    const lower = bands[i + 1];
    const value = upper.band.min;
    const employees = [...results]
      .sort((a, b) => dec(a.total).minus(value).abs().comparedTo(dec(b.total).minus(value).abs()) || byRank(a, b))
      .slice(0, Math.max(0, k))
      .map((r) => ({ employeeId: r.employeeId, name: r.name, total: r.total, grade: r.grade }));
    out.push({ boundary: `${upper.g}/${lower.g}`, value, employees });
  }
  return out;
}

export interface CalibrationInput {
  employeeId: string;
  name: string;
  total: DecimalText;
  bandGrade: GradeLetter;
}

export interface CalibrationResult extends Calibration {
  /** Final grade of every input employee (band grade when unchanged). */
  grades: Record<string, GradeLetter>;
}

/**
 * SPEC §4 enforce mode. Grades are re-assigned by rank (total descending) so the counts come
 * as close to `counts` as possible, under three rules:
 *  1. nobody moves more than one grade away from their band grade;
 *  2. rank order is kept: a higher total never gets a worse grade than a lower total;
 *  3. people with equal totals get the same grade. A group of equal totals that the best
 *     assignment would have to split across a quota boundary is an unresolved tie: the whole
 *     group keeps its band grade and is named for HR/managers to decide.
 *
 * How: with rank order kept, an assignment is four cut points p_A ≤ … ≤ p_D (p_g = how many
 * people get grade g or better). Rule 1 bounds each cut by the band counts, rule 3 puts cuts
 * only between groups of equal totals, so the best cuts are found exactly by a small dynamic
 * programme. "Best" = closest to the pure rank assignment (the first counts.A people get A, the
 * next counts.B get B, …): smallest Σ_g |p_g − ideal p_g|, which is the total number of grade
 * steps between each person's final grade and their rank grade; then smallest Σ|count − target|
 * over the grades; then fewest people moved. Without ties this is exactly "rank grade, limited
 * to one step from the band grade". It is solved first with cuts allowed inside tie groups
 * (avoiding them when that costs nothing) to find the groups the rank assignment would split;
 * those keep their band grade; then it is solved again with cuts only between groups.
 * `policy` is accepted for symmetry with the other functions (grade order comes from the schema).
 */
export function calibrate(ranked: readonly CalibrationInput[], counts: GradeCounts, _policy?: Policy): CalibrationResult {
  const people = [...ranked].sort(byRank);
  const n = people.length;
  const G = GRADE_LETTERS.length;
  const band = people.map((p) => GRADE_LETTERS.indexOf(p.bandGrade));
  const target = GRADE_LETTERS.map((g) => counts[g] ?? 0);

  // Tie groups [start, end) in rank order.
  const groups: { start: number; end: number }[] = [];
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && dec(people[j].total).eq(people[i].total)) j++;
    groups.push({ start: i, end: j });
    i = j;
  }
  const groupBoundaries = new Set<number>(groups.map((g) => g.start).concat([n]));

  // Band cuts B_k = # people with band ≤ k; the ±1 rule gives L_k = B_{k-1} ≤ p_k ≤ B_{k+1} = U_k.
  const bandCut = (k: number) => (k < 0 ? 0 : k >= G - 1 ? n : band.filter((b) => b <= k).length);
  const idealCut = (k: number) => target.slice(0, k + 1).reduce((s, x) => s + x, 0);

  type Cost = [number, number, number, number]; // distance from rank cuts, cuts inside tie groups, Σ|count − target|, moved
  const less = (a: Cost, b: Cost) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
    return false;
  };
  const add = (a: Cost, b: Cost): Cost => [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]];

  const solve = (splitAllowed: boolean, kept: { start: number; end: number; band: number }[]): number[] => {
    const cuts = G - 1; // p_0 … p_3
    const allowed: number[][] = [];
    for (let k = 0; k < cuts; k++) {
      let lo = bandCut(k - 1);
      let hi = bandCut(k + 1);
      for (const g of kept) {
        if (g.band === k + 1) hi = Math.min(hi, g.start); // p_{b-1} ≤ start
        if (g.band === k) lo = Math.max(lo, g.end); // p_b ≥ end
      }
      const list: number[] = [];
      for (let p = lo; p <= hi; p++) if (splitAllowed || groupBoundaries.has(p)) list.push(p);
      allowed.push(list);
    }
    const inside = (p: number) => (groupBoundaries.has(p) ? 0 : 1);
    // dp over cuts: best cost of grades 0..k with p_k = p.
    let prev = new Map<number, { cost: Cost; path: number[] }>([[0, { cost: [0, 0, 0, 0], path: [] }]]);
    for (let k = 0; k < cuts; k++) {
      const next = new Map<number, { cost: Cost; path: number[] }>();
      for (const p of allowed[k]) {
        const step: Cost = [Math.abs(p - idealCut(k)), inside(p), 0, Math.abs(p - bandCut(k))];
        for (const [q, s] of prev) {
          if (q > p) continue;
          const c = add(add(s.cost, step), [0, 0, Math.abs(p - q - target[k]), 0]);
          const cur = next.get(p);
          if (!cur || less(c, cur.cost)) next.set(p, { cost: c, path: [...s.path, p] });
        }
      }
      prev = next;
    }
    let best: { cost: Cost; path: number[] } | null = null;
    for (const [q, s] of prev) {
      const c = add(s.cost, [0, 0, Math.abs(n - q - target[G - 1]), 0]);
      if (!best || less(c, best.cost)) best = { cost: c, path: s.path };
    }
    // The band assignment itself is always feasible, so best is never null.
    return best ? best.path : GRADE_LETTERS.slice(0, cuts).map((_, k) => bandCut(k));
  };

  const gradeAt = (cutsArr: number[], r: number) => {
    let g = 0;
    while (g < cutsArr.length && r >= cutsArr[g]) g++;
    return g;
  };

  const first = solve(true, []);
  const straddling = groups.filter((g) => first.some((p) => p > g.start && p < g.end));
  const kept = straddling.map((g) => ({ ...g, band: band[g.start] }));
  const finalCuts = solve(false, kept);

  const grades: Record<string, GradeLetter> = {};
  const changes: Calibration['changes'] = [];
  const actual = zeroCounts();
  people.forEach((p, r) => {
    const g = GRADE_LETTERS[gradeAt(finalCuts, r)];
    grades[p.employeeId] = g;
    actual[g]++;
    if (g !== p.bandGrade) changes.push({ employeeId: p.employeeId, name: p.name, total: p.total, from: p.bandGrade, to: g });
  });
  const unresolvedTies: Calibration['unresolvedTies'] = kept.map((g) => ({
    grade: GRADE_LETTERS[g.band],
    total: people[g.start].total,
    employees: people.slice(g.start, g.end).map((p) => ({ employeeId: p.employeeId, name: p.name })),
  }));
  const shortfall = GRADE_LETTERS.map((g) => ({ grade: g, target: counts[g] ?? 0, actual: actual[g] }));
  return { changes, unresolvedTies, shortfall, grades };
}
