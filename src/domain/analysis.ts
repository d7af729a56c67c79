/**
 * 打分分析 (policy §5.1.6: 人力资源部分析总结评估情况): how each scorer scored each section in a
 * closed month, set beside the scores the other scorers gave for the same section, and the
 * questions worth asking (lenient or severe, everyone the same score, copied goal weights, a
 * department far off the §5.5 distribution). Findings are questions for HR, never verdicts.
 *
 * Pure: takes the month's individual scores, earlier months' scores, the goal sheets and the
 * department distribution; returns plain values. Exact decimals throughout; the standard
 * deviation is the population one (divide by n) of the pooled individual scores.
 */
import type { AnalysisFlag, Comparison, DecimalText, DistributionRow, GoalRow, Month, ScoreFigures, ScorerAnalysis, ScorerSection } from '../model.js';
import type { AnalysisSettings } from '../policy/schema.js';
import { dec, Decimal, fixed, sum } from './decimal.js';
import { compareMonths, monthDiff } from './dates.js';

/** One section score one scorer gave one employee. */
export interface GivenScore {
  employeeId: string;
  department: string;
  sectionId: string;
  sectionName: string;
  scorerId: string;
  score: DecimalText;
}

export interface AnalysisInput {
  month: Month;
  settings: AnalysisSettings;
  /** Section ids scored by a policy role (财务部经理 …) rather than by the direct manager. */
  roleSections: ReadonlySet<string>;
  scores: readonly GivenScore[];
  /** Earlier closed months (any order; months outside the window are ignored). */
  earlier: readonly { month: Month; scores: readonly GivenScore[] }[];
  /** Goal rows of each direct manager's sheet (§5.1.1). */
  goalSheets: readonly { scorerId: string; goals: readonly GoalRow[] }[];
  /** The §5.5 distribution per department (target and actual counts). */
  departments: readonly { department: string; rows: readonly DistributionRow[] }[];
  scorerName: (id: string) => string;
  /** Sections in the order the policy lists them (the table follows it); unknown ids go last. */
  sectionOrder?: readonly string[];
  /** Section names for the goal-sheet findings (goal rows carry only the id). */
  sectionName?: (id: string) => string;
}

export type { AnalysisFlag, Comparison, ScoreFigures, ScorerAnalysis, ScorerSection } from '../model.js';

const mean = (xs: readonly Decimal[]): Decimal => sum(xs).div(xs.length);

/** Population variance Σ(x − μ)² / n, exact to the library's 40 digits. */
export const populationVariance = (xs: readonly Decimal[]): Decimal => {
  const m = mean(xs);
  return sum(xs.map((x) => x.minus(m).pow(2))).div(xs.length);
};

export const median = (xs: readonly Decimal[]): Decimal => {
  const s = [...xs].sort((a, b) => a.comparedTo(b));
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : s[mid - 1].plus(s[mid]).div(2);
};

/**
 * Count, Σx and Σx² of some scores: a section's figures for "everyone but this scorer" come
 * from the section's totals minus the scorer's own, instead of re-reading every score of the
 * section for each scorer (quadratic in a dealer group: issue 11).
 */
interface Moments {
  n: number;
  s: Decimal;
  q: Decimal;
}

const NO_MOMENTS: Moments = { n: 0, s: dec(0), q: dec(0) };

function momentsOf(values: readonly DecimalText[]): Moments {
  let s = dec(0);
  let q = dec(0);
  for (const v of values) {
    const x = dec(v);
    s = s.plus(x);
    q = q.plus(x.times(x));
  }
  return { n: values.length, s, q };
}

const addMoments = (a: Moments, b: Moments): Moments => ({ n: a.n + b.n, s: a.s.plus(b.s), q: a.q.plus(b.q) });
const subMoments = (a: Moments, b: Moments): Moments => ({ n: a.n - b.n, s: a.s.minus(b.s), q: a.q.minus(b.q) });
const momentsMean = (m: Moments): Decimal => m.s.div(m.n);
/**
 * Σ(x − μ)² / n written as (nΣx² − (Σx)²) / n²: the same number, computed from the totals with
 * one rounded division (where μ is exact, populationVariance gives the very same decimal).
 */
const momentsVariance = (m: Moments): Decimal => m.q.times(m.n).minus(m.s.times(m.s)).div(dec(m.n).times(m.n));

const share = (count: number, n: number): DecimalText => fixed(dec(count).times(100).div(n), 1);

export function scoreFigures(values: readonly DecimalText[], settings: Pick<AnalysisSettings, 'high_score' | 'low_score'>): ScoreFigures {
  const xs = values.map((v) => dec(v));
  const n = xs.length;
  const highCount = xs.filter((x) => x.gte(settings.high_score)).length;
  const lowCount = xs.filter((x) => x.lte(settings.low_score)).length;
  return {
    people: n,
    mean: fixed(mean(xs), 2),
    median: fixed(median(xs), 2),
    sd: fixed(populationVariance(xs).sqrt(), 2),
    min: fixed(Decimal.min(...xs), 2),
    max: fixed(Decimal.max(...xs), 2),
    highCount,
    highShare: share(highCount, n),
    lowCount,
    lowShare: share(lowCount, n),
  };
}

/**
 * How far `own` sits from `others` (pooled individual scores), or why it is not compared:
 * fewer than `minPeople` on either side gives no comparison.
 */
export function compareScores(
  own: readonly DecimalText[],
  others: readonly DecimalText[],
  minPeople: number,
  basis: 'others' | 'own_history',
  months: Month[] = [],
): Comparison {
  return compareMoments(momentsOf(own), momentsOf(others), minPeople, basis, months);
}

function compareMoments(own: Moments, others: Moments, minPeople: number, basis: 'others' | 'own_history', months: Month[] = []): Comparison {
  if (others.n === 0) return { basis: 'none', reason: 'no_others', people: own.n, otherPeople: 0 };
  if (own.n < minPeople || others.n < minPeople) return { basis: 'none', reason: 'too_few', people: own.n, otherPeople: others.n };
  const otherMean = momentsMean(others);
  const diff = momentsMean(own).minus(otherMean);
  const sd = momentsVariance(others).sqrt();
  return {
    basis,
    people: own.n,
    otherPeople: others.n,
    otherMean: fixed(otherMean, 2),
    otherSd: fixed(sd, 2),
    difference: fixed(diff, 2),
    differenceSd: sd.isZero() ? null : fixed(diff.div(sd), 2),
    months,
  };
}

/**
 * Lenient (+) or severe (−) when the scorer's mean is more than `lenient_severe_sd` standard
 * deviations AND more than `lenient_severe_points` points from the others' mean. Judged
 * exactly on squares (diff² > k² × variance), so a mean exactly at the threshold is not flagged.
 */
export function leniency(own: readonly DecimalText[], others: readonly DecimalText[], s: AnalysisSettings): 'lenient' | 'severe' | null {
  return leniencyOf(momentsOf(own), momentsOf(others), s);
}

function leniencyOf(own: Moments, others: Moments, s: AnalysisSettings): 'lenient' | 'severe' | null {
  const diff = momentsMean(own).minus(momentsMean(others));
  const beyondSd = diff.pow(2).gt(dec(s.lenient_severe_sd).pow(2).times(momentsVariance(others)));
  const beyondPoints = diff.abs().gt(s.lenient_severe_points);
  if (!beyondSd || !beyondPoints) return null;
  return diff.gt(0) ? 'lenient' : 'severe';
}

/** 1, 2, 2, 4: the rank of each total among `totals` (higher is better; equal totals share a rank). */
export function competitionRanks(totals: readonly { id: string; total: DecimalText }[]): Map<string, number> {
  const sorted = [...totals].sort((a, b) => dec(b.total).comparedTo(a.total));
  const out = new Map<string, number>();
  sorted.forEach((t, i) => {
    const prev = sorted[i - 1];
    out.set(t.id, prev && dec(prev.total).eq(t.total) ? out.get(prev.id)! : i + 1);
  });
  return out;
}

const key = (scorerId: string, sectionId: string) => `${scorerId}\u0000${sectionId}`;

export function analyseScorers(input: AnalysisInput): ScorerAnalysis {
  const s = input.settings;
  const inWindow = (m: Month) => monthDiff(m, input.month) > 0 && monthDiff(m, input.month) < s.months;
  const earlier = input.earlier.filter((e) => inWindow(e.month) && e.scores.length).sort((a, b) => compareMonths(a.month, b.month));

  // Group this month's scores by scorer and section, keeping first-seen order stable by ids.
  const groups = new Map<string, GivenScore[]>();
  for (const g of input.scores) {
    const k = key(g.scorerId, g.sectionId);
    const list = groups.get(k);
    if (list) list.push(g);
    else groups.set(k, [g]);
  }
  // Each group's and each section's totals, once; earlier months' scores by scorer and section.
  const groupMoments = new Map<string, Moments>();
  const sectionMoments = new Map<string, Moments>();
  for (const [k, list] of groups) {
    const m = momentsOf(list.map((g) => g.score));
    groupMoments.set(k, m);
    sectionMoments.set(list[0].sectionId, addMoments(sectionMoments.get(list[0].sectionId) ?? NO_MOMENTS, m));
  }
  const earlierByKey = earlier.map((e) => {
    const byKey = new Map<string, DecimalText[]>();
    for (const g of e.scores) {
      const k = key(g.scorerId, g.sectionId);
      const list = byKey.get(k);
      if (list) list.push(g.score);
      else byKey.set(k, [g.score]);
    }
    return { month: e.month, byKey };
  });
  const order = (id: string) => {
    const i = input.sectionOrder?.indexOf(id) ?? -1;
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  // Policy section order, then the scorers who scored most people first.
  const ordered = [...groups.values()].sort(
    (a, b) =>
      order(a[0].sectionId) - order(b[0].sectionId) ||
      a[0].sectionId.localeCompare(b[0].sectionId) ||
      b.length - a.length ||
      a[0].scorerId.localeCompare(b[0].scorerId),
  );

  const scorers: ScorerSection[] = [];
  const flags: AnalysisFlag[] = [];
  for (const list of ordered) {
    const { scorerId, sectionId, sectionName } = list[0];
    const scorerName = input.scorerName(scorerId);
    const own = list.map((g) => g.score);
    const k = key(scorerId, sectionId);
    const ownMoments = groupMoments.get(k)!;
    const othersMoments = subMoments(sectionMoments.get(sectionId)!, ownMoments);

    let comparison = compareMoments(ownMoments, othersMoments, s.min_people, 'others');
    let compared = othersMoments;
    // A role section (one 财务部经理 per store) has nobody else to compare with in one store:
    // compare with the same scorer's own earlier months instead.
    if (comparison.basis === 'none' && input.roleSections.has(sectionId)) {
      const past = earlierByKey.map((e) => ({ month: e.month, scores: e.byKey.get(k) ?? [] }));
      const pastScores = past.flatMap((p) => p.scores);
      if (pastScores.length) {
        const months = past.filter((p) => p.scores.length).map((p) => p.month);
        const pastMoments = momentsOf(pastScores);
        const viaHistory = compareMoments(ownMoments, pastMoments, s.min_people, 'own_history', months);
        if (viaHistory.basis !== 'none' || comparison.reason === 'no_others') {
          comparison = viaHistory;
          compared = pastMoments;
        }
      }
    }

    const trendMonths = earlierByKey.map((e) => ({ month: e.month, scores: e.byKey.get(k) ?? [] })).filter((e) => e.scores.length);
    const trend = trendMonths.length ? [...trendMonths, { month: input.month, scores: own }] : [];

    const figures = scoreFigures(own, s);
    scorers.push({
      scorerId,
      scorerName,
      sectionId,
      sectionName,
      figures,
      comparison,
      trend: trend.map((t) => ({ month: t.month, people: t.scores.length, mean: fixed(mean(t.scores.map((v) => dec(v))), 2) })),
      trendMean: trend.length ? fixed(mean(trend.flatMap((t) => t.scores.map((v) => dec(v)))), 2) : null,
    });

    if (comparison.basis !== 'none') {
      const kind = leniencyOf(ownMoments, compared, s);
      if (kind)
        flags.push({
          kind,
          scorerId,
          scorerName,
          sectionId,
          sectionName,
          basis: comparison.basis,
          mean: figures.mean,
          otherMean: comparison.otherMean,
          difference: comparison.difference,
          differenceSd: comparison.differenceSd,
          people: comparison.people,
          otherPeople: comparison.otherPeople,
          months: comparison.months,
        });
    }
    if (own.length >= s.same_score_min_people && own.every((v) => dec(v).eq(own[0])))
      flags.push({ kind: 'same_score', scorerId, scorerName, sectionId, sectionName, score: fixed(own[0], 2), people: own.length });
  }

  flags.push(...identicalWeights(input.goalSheets, s, input.scorerName, input.sectionName));
  flags.push(...departmentsOff(input.departments, s));

  return { month: input.month, settings: s, scorers, flags, historyMonths: earlier.map((e) => e.month) };
}

/**
 * A goals sheet on which every employee (at least `identical_weights_min_employees`) has the
 * same list of goal weights in a section: goals copied rather than set per person (§5.1.1 SMART).
 */
export function identicalWeights(
  sheets: AnalysisInput['goalSheets'],
  s: Pick<AnalysisSettings, 'identical_weights_min_employees'>,
  scorerName: (id: string) => string,
  sectionName: (id: string) => string = (id) => id,
): AnalysisFlag[] {
  const out: AnalysisFlag[] = [];
  for (const sheet of sheets) {
    const sections = [...new Set(sheet.goals.map((g) => g.sectionId))].sort();
    for (const sectionId of sections) {
      const byEmployee = new Map<string, GoalRow[]>();
      for (const g of sheet.goals.filter((x) => x.sectionId === sectionId))
        byEmployee.set(g.employeeId, [...(byEmployee.get(g.employeeId) ?? []), g]);
      if (byEmployee.size < s.identical_weights_min_employees) continue;
      const lists = [...byEmployee.values()].map((rows) =>
        rows
          .map((r, i) => ({ r, i }))
          .sort((a, b) => (a.r.seq ?? a.i) - (b.r.seq ?? b.i) || a.i - b.i)
          .map(({ r }) => dec(r.weight).toFixed()),
      );
      const first = lists[0].join('/');
      if (lists.every((l) => l.join('/') === first))
        out.push({
          kind: 'identical_weights',
          scorerId: sheet.scorerId,
          scorerName: scorerName(sheet.scorerId),
          sectionId,
          sectionName: sectionName(sectionId),
          employees: lists.length, weights: lists[0] });
    }
  }
  return out;
}

/** A department whose grades are more than `department_off_people` people beyond the §5.5 target counts. */
export function departmentsOff(departments: AnalysisInput['departments'], s: Pick<AnalysisSettings, 'department_off_people'>): AnalysisFlag[] {
  const out: AnalysisFlag[] = [];
  for (const d of departments) {
    const off = d.rows.reduce((n, r) => n + Math.max(0, r.actualCount - r.targetCount), 0);
    if (off > s.department_off_people)
      out.push({
        kind: 'department_off',
        department: d.department,
        evaluated: d.rows.reduce((n, r) => n + r.actualCount, 0),
        off,
        rows: d.rows.map((r) => ({ grade: r.grade, target: r.targetCount, actual: r.actualCount })),
      });
  }
  return out;
}
