/**
 * Quarter and year reports (§5.7, §5.8; SPEC §6; issue 9 item 4), pure: per employee the mean of
 * the monthly totals of the graded months in the period (exact, rounded half-up to 2 decimals
 * once), how many months it stands on and which are missing, the grade by the same bands; the
 * year lists (年终加薪资格, 调薪/晋升优先考虑, 优秀员工奖/奖励旅游 candidates) and the
 * distribution. A month that has no results yet (not closed, not imported) is named, not hidden.
 */
import type { GradeLetter, Month } from '../model.js';
import type { Policy } from '../policy/schema.js';
import { GRADE_LETTERS } from '../policy/schema.js';
import { dec, fixed } from './decimal.js';
import { periodScore, runEndingAt, yearOutcomes, type GradedMonth } from './chains.js';

/** One month's results as the ledger has them (closed revision or latest import). */
export interface PeriodMonth {
  month: Month;
  source: 'closed' | 'imported';
  lines: { employeeId: string; name: string; status: string; total: string | null; grade: GradeLetter | null }[];
}

export interface PeriodEmployee {
  employeeId: string;
  name: string;
  /** Mean of the totals, 2 decimals; null when no month of the period has a total. */
  score: string | null;
  grade: GradeLetter | null;
  /** Months with a total (the mean stands on these). */
  counted: Month[];
  /** Graded months that kept only a grade: they count for chains, not for the mean. */
  gradeOnly: Month[];
  /** Months of the period with results in which this employee was not graded, and months without results. */
  missing: Month[];
  monthly: { month: Month; total: string | null; grade: GradeLetter }[];
  raiseEligible: boolean;
  promotionPriority: boolean;
}

export interface PeriodReport {
  label: string;
  kind: 'quarter' | 'year';
  months: { month: Month; source: 'closed' | 'imported' | 'none' }[];
  /** Months of the period without results yet. */
  notClosed: Month[];
  employees: PeriodEmployee[];
  raiseEligible: PeriodEmployee[];
  promotionPriority: PeriodEmployee[];
  awardCandidates: { employeeId: string; name: string; months: Month[] }[];
  distribution: { grade: GradeLetter; count: number; percent: string }[];
}

export function periodReport(
  o: { label: string; kind: 'quarter' | 'year'; months: Month[] },
  data: ReadonlyMap<Month, PeriodMonth>,
  policy: Pick<Policy, 'grades' | 'score_max' | 'consequences'>,
): PeriodReport {
  const months = o.months.map((m) => ({ month: m, source: data.get(m)?.source ?? ('none' as const) }));
  const notClosed = months.filter((m) => m.source === 'none').map((m) => m.month);
  const byEmployee = new Map<string, { name: string; monthly: PeriodEmployee['monthly'] }>();
  for (const m of o.months) {
    for (const l of data.get(m)?.lines ?? []) {
      if (l.status !== 'graded' || !l.grade) continue;
      const e = byEmployee.get(l.employeeId) ?? { name: l.name, monthly: [] };
      e.name = l.name; // the latest name
      e.monthly.push({ month: m, total: l.total, grade: l.grade });
      byEmployee.set(l.employeeId, e);
    }
  }
  const employees: PeriodEmployee[] = [...byEmployee.entries()]
    .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))
    .map(([employeeId, e]) => {
      const withTotal = e.monthly.filter((x) => x.total !== null);
      const p = periodScore(withTotal.map((x) => dec(x.total!)), policy);
      const grade = p?.grade ?? null;
      const outcomes = o.kind === 'year' ? yearOutcomes(grade, policy).map((r) => r.key) : [];
      return {
        employeeId,
        name: e.name,
        score: p?.score ?? null,
        grade,
        counted: withTotal.map((x) => x.month),
        gradeOnly: e.monthly.filter((x) => x.total === null).map((x) => x.month),
        missing: o.months.filter((m) => !e.monthly.some((x) => x.month === m)),
        monthly: e.monthly,
        raiseEligible: outcomes.includes('consequence.raise_eligible'),
        promotionPriority: outcomes.includes('consequence.promotion_priority'),
      };
    });

  // 3 consecutive monthly A within the period, once per run of A's.
  const awardCandidates: PeriodReport['awardCandidates'] = [];
  for (const e of employees) {
    const hist: GradedMonth[] = e.monthly;
    for (const m of e.monthly) {
      const run = runEndingAt(hist, m.month, (g) => g === 'A');
      if (run.length === policy.consequences.award_consecutive_a) awardCandidates.push({ employeeId: e.employeeId, name: e.name, months: run.map((r) => r.month) });
    }
  }

  const graded = employees.filter((e) => e.grade);
  const distribution = GRADE_LETTERS.map((g) => {
    const count = graded.filter((e) => e.grade === g).length;
    return { grade: g, count, percent: graded.length ? fixed(dec(count).times(100).div(graded.length), 1) : '0.0' };
  });
  return {
    label: o.label,
    kind: o.kind,
    months,
    notClosed,
    employees,
    raiseEligible: employees.filter((e) => e.raiseEligible),
    promotionPriority: employees.filter((e) => e.promotionPriority),
    awardCandidates,
    distribution,
  };
}
