/**
 * §5.7 / §5.8 (SPEC §6): period scores and the consequences of runs of grades.
 * Consecutive = calendar-consecutive months in which the employee was graded; a month not
 * graded (excluded, incomplete, missing from the history) breaks every chain.
 */
import type { Consequence, DecimalText, GradeLetter, Month, Reason } from '../model.js';
import type { Policy } from '../policy/schema.js';
import { dec, fixed, type DecimalValue } from './decimal.js';
import { atLeast, gradeFor } from './grades.js';
import { compareMonths, isConsecutive } from './dates.js';

export interface GradedMonth {
  month: Month;
  /** Null for an imported month that kept only a grade: it counts for chains, not for means. */
  total: DecimalText | null;
  grade: GradeLetter;
}

/** Consequence rule keys (messages in src/i18n/domain.ts). */
export const CONSEQUENCE = {
  award: 'consequence.award', // N consecutive A → 优秀员工奖/奖励旅游 candidate
  improvementPlan: 'consequence.improvement_plan', // D chain, 2nd month
  hrWarning: 'consequence.hr_warning', // D chain, 4th month: 人力资源部严重警告信
  dismissalD: 'consequence.dismissal_d', // D chain, 5th month
  managerWarning: 'consequence.manager_warning', // E chain, 2nd month: 直线经理严重警告信
  dismissalE: 'consequence.dismissal_e', // E chain, 3rd month
  raiseEligible: 'consequence.raise_eligible', // year grade B or better
  promotionPriority: 'consequence.promotion_priority', // year grade C
} as const;

/**
 * The run of calendar-consecutive graded months ending at `target` whose grades all satisfy
 * `pred` (oldest first). Empty when `target` is not graded or does not satisfy `pred`.
 */
export function runEndingAt(history: readonly GradedMonth[], target: Month, pred: (g: GradeLetter) => boolean): GradedMonth[] {
  const sorted = [...history].sort((a, b) => compareMonths(a.month, b.month));
  let i = sorted.findIndex((h) => h.month === target);
  if (i < 0 || !pred(sorted[i].grade)) return [];
  const run = [sorted[i]];
  while (i > 0 && isConsecutive(sorted[i - 1].month, sorted[i].month) && pred(sorted[i - 1].grade)) {
    run.unshift(sorted[i - 1]);
    i--;
  }
  return run;
}

const isDOrWorse = (g: GradeLetter) => g === 'D' || g === 'E';

/**
 * The consequences that `target` triggers for one employee, given their graded months (any
 * order; months after `target` are ignored):
 *  - award_consecutive_a (3) A's in a row → consequence.award, exactly once per run (at the 3rd);
 *  - D chain (D or E): month d_improvement_plan_month (2) → improvement_plan; d_hr_warning_month
 *    (4) → hr_warning; d_dismissal_month (5) and later → dismissal_d (listed again each month
 *    until HR acts);
 *  - E chain: e_manager_warning_month (2) → manager_warning; e_dismissal_month (3) and later → dismissal_e.
 * A dismissal makes the month's other consequences moot: then only the dismissal is returned
 * (the E one when both chains reach dismissal). Each consequence carries its chain's months.
 */
export function consequencesFor(
  employee: { employeeId: string; name: string },
  history: readonly GradedMonth[],
  target: Month,
  policy: Pick<Policy, 'consequences'>,
): Consequence[] {
  const c = policy.consequences;
  const mk = (key: string, run: GradedMonth[]): Consequence => ({
    employeeId: employee.employeeId,
    name: employee.name,
    rule: { key, params: { count: run.length, first: run[0].month, last: run[run.length - 1].month } },
    months: run.map((r) => ({ month: r.month, total: r.total, grade: r.grade })),
  });
  const out: Consequence[] = [];

  const aRun = runEndingAt(history, target, (g) => g === 'A');
  if (aRun.length === c.award_consecutive_a) out.push(mk(CONSEQUENCE.award, aRun));

  const dRun = runEndingAt(history, target, isDOrWorse);
  const eRun = runEndingAt(history, target, (g) => g === 'E');
  const eDismiss = eRun.length >= c.e_dismissal_month;
  const dDismiss = dRun.length >= c.d_dismissal_month;
  if (eDismiss) return [mk(CONSEQUENCE.dismissalE, eRun)];
  if (dDismiss) return [mk(CONSEQUENCE.dismissalD, dRun)];

  if (dRun.length === c.d_improvement_plan_month) out.push(mk(CONSEQUENCE.improvementPlan, dRun));
  if (dRun.length === c.d_hr_warning_month) out.push(mk(CONSEQUENCE.hrWarning, dRun));
  if (eRun.length === c.e_manager_warning_month) out.push(mk(CONSEQUENCE.managerWarning, eRun));
  return out;
}

export interface PeriodScore {
  /** Mean of the monthly totals, half-up to 2 decimals. */
  score: DecimalText;
  /** Grade of the rounded mean from the same bands (null only if the bands do not cover it). */
  grade: GradeLetter | null;
  /** How many months the score stands on. */
  months: number;
}

/** Quarter/year score (§5.7 "季度、年度评估得分为各月评估得分的平均分"): exact mean, rounded once. Null for no months. */
export function periodScore(totals: readonly DecimalValue[], policy: Pick<Policy, 'grades' | 'score_max'>): PeriodScore | null {
  if (totals.length === 0) return null;
  const mean = totals.reduce<ReturnType<typeof dec>>((s, t) => s.plus(t), dec(0)).div(totals.length);
  const score = fixed(mean, 2);
  const g = gradeFor(score, policy.grades, policy.score_max);
  return { score, grade: g.ok ? g.grade : null, months: totals.length };
}

/** §5.8 year-grade outcomes: raise_eligible (B or better by default), promotion_priority (C by default). */
export function yearOutcomes(yearGrade: GradeLetter | null, policy: Pick<Policy, 'consequences'>): Reason[] {
  if (!yearGrade) return [];
  const out: Reason[] = [];
  if (atLeast(yearGrade, policy.consequences.raise_min_year_grade))
    out.push({ key: CONSEQUENCE.raiseEligible, params: { grade: yearGrade } });
  if (yearGrade === policy.consequences.priority_year_grade)
    out.push({ key: CONSEQUENCE.promotionPriority, params: { grade: yearGrade } });
  return out;
}

/** The same day one month later (2026-11-09 → 2026-12-09; 2026-01-31 → 2026-02-28). */
export function oneMonthAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const ny = m === 12 ? y + 1 : y;
  const nm = m === 12 ? 1 : m + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Last day of the month n months after m (the plan's period: M+1 and M+2, ending on the last day of M+2). */
export function lastDayAfter(m: Month, n: number): string {
  const [y, mo] = m.split('-').map(Number);
  const t = y * 12 + (mo - 1) + n;
  const ny = Math.floor(t / 12);
  const nm = (t % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

const sameMonths = (a: Consequence, b: Consequence): boolean =>
  a.months.length === b.months.length && a.months.every((m, i) => m.month === b.months[i].month && m.grade === b.months[i].grade && m.total === b.months[i].total);

/**
 * Who must act on each consequence and by when (SPEC §6, policy §5.8):
 *  - 改进计划: the line manager, at once (立即); the improvement period covers the next two
 *    evaluated months and ends on the last day of M+2;
 *  - 严重警告 (either chain): the letter at once; the employee has one month to improve, counted
 *    from the month's first close (a reopen keeps the date unless the letter's reasons — the
 *    months with grade and total — change; then it runs from the reopen);
 *  - 自动办理离职: 人力资源部 at once; award candidates: 人力资源部, at the year's end.
 * `today` is the (re)close date; `firstClose` the date of the month's first close (= today at a first close).
 */
export function withActions(
  consequences: readonly Consequence[],
  o: { month: Month; today: string; firstClose: string; previous: readonly Consequence[] },
): Consequence[] {
  return consequences.map((c) => {
    const before = o.previous.find((p) => p.employeeId === c.employeeId && p.rule.key === c.rule.key);
    const keep = before && sameMonths(before, c) && before.improveBy ? before.improveBy : null;
    switch (c.rule.key) {
      case CONSEQUENCE.improvementPlan:
        return { ...c, actor: 'line_manager', actBy: o.today, improveBy: lastDayAfter(o.month, 2) };
      case CONSEQUENCE.managerWarning:
        return { ...c, actor: 'line_manager', actBy: o.today, improveBy: keep ?? oneMonthAfter(before ? o.today : o.firstClose) };
      case CONSEQUENCE.hrWarning:
        return { ...c, actor: 'hr', actBy: o.today, improveBy: keep ?? oneMonthAfter(before ? o.today : o.firstClose) };
      case CONSEQUENCE.dismissalD:
      case CONSEQUENCE.dismissalE:
        return { ...c, actor: 'hr', actBy: o.today, improveBy: null };
      default:
        return { ...c, actor: 'hr', improveBy: null };
    }
  });
}
