/**
 * `jixiao analyse --month M` (policy §5.1.6, SPEC §11): the scorer analysis of a closed month,
 * from the ledger — the month's stored result (who scored whom, what), the goal rows of the
 * sheets it was closed from, and the results of the earlier closed months in the window.
 * `close` attaches the same analysis to the result it stores, for the summary's 打分分析 sheet.
 */
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { GoalRow, Month, MonthResult } from '../model.js';
import { analyseScorers, type GivenScore, type ScorerAnalysis } from '../domain/analysis.js';
import { CATEGORIES } from '../policy/schema.js';
import { monthDiff } from '../domain/dates.js';

export interface AnalyseResult {
  ok: boolean;
  month: Month;
  revision: number | null;
  analysis: ScorerAnalysis | null;
  issues: Issue[];
}

/** The scores each scorer gave in a month's result; an appealed score counts as the scorer gave it. */
export function givenScores(result: MonthResult): GivenScore[] {
  const out: GivenScore[] = [];
  for (const e of result.employees) {
    if (e.status === 'excluded') continue;
    for (const s of e.sections) {
      const score = s.original ?? s.score;
      if (!s.scorerId || score === null || score === undefined) continue;
      out.push({ employeeId: e.employeeId, department: e.department, sectionId: s.sectionId, sectionName: s.name, scorerId: s.scorerId, score });
    }
  }
  return out;
}

/** The goal rows of the goals sheets a result was computed from (the exact versions used). */
export function goalSheetsOf(ctx: Context, result: MonthResult): { scorerId: string; formKey: string; goals: GoalRow[] }[] {
  const out: { scorerId: string; formKey: string; goals: GoalRow[] }[] = [];
  for (const input of result.inputs) {
    const [, kind, scorerId] = input.formKey.split('/');
    if (kind !== 'goals') continue;
    const used = ctx.ledger.submissionsOf(input.formKey).find((s) => s.version === input.version);
    if (used?.parsed) out.push({ scorerId, formKey: input.formKey, goals: used.parsed.goals });
  }
  return out;
}

export function analysisFor(ctx: Context, result: MonthResult): ScorerAnalysis {
  const settings = ctx.policy.analysis;
  const names = new Map<string, string>();
  for (const e of result.employees) names.set(e.employeeId, e.name);
  for (const f of result.fines) if (!names.has(f.scorerId)) names.set(f.scorerId, f.scorerName);
  const sectionNames = new Map<string, string>();
  // Map keeps first insertion: 创利 sections first, then 职能's own (the summary's column order).
  const roleSections = new Set<string>();
  for (const c of CATEGORIES)
    for (const s of ctx.policy.sections[c]) {
      if (!sectionNames.has(s.id)) sectionNames.set(s.id, s.name);
      if (s.scorer !== 'direct_manager') roleSections.add(s.id);
    }
  const earlier = ctx.ledger
    .closedMonths()
    .map((c) => c.month)
    .filter((m) => monthDiff(m, result.month) > 0 && monthDiff(m, result.month) < settings.months)
    .flatMap((m) => {
      const r = ctx.ledger.closedMonth(m)?.result;
      return r ? [{ month: m, scores: givenScores(r) }] : [];
    });
  return analyseScorers({
    month: result.month,
    settings,
    roleSections,
    scores: givenScores(result),
    earlier,
    goalSheets: goalSheetsOf(ctx, result),
    departments: result.distribution.byDepartment,
    scorerName: (id) => names.get(id) ?? id,
    sectionName: (id) => sectionNames.get(id) ?? id,
    sectionOrder: [...sectionNames.keys()],
  });
}

export function runAnalyse(ctx: Context, o: { month: Month }): AnalyseResult {
  const closed = ctx.ledger.closedMonth(o.month);
  if (!closed) return { ok: false, month: o.month, revision: null, analysis: null, issues: [{ code: 'analysis.month_not_closed', severity: 'error', params: { month: o.month } }] };
  return { ok: true, month: o.month, revision: closed.revision, analysis: analysisFor(ctx, closed.result), issues: [] };
}
