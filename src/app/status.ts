/**
 * `jixiao status --month M`: per expected form — scorer, versions received, whether valid,
 * deadline, days late and the fine so far — and, by scorer, the employees still missing a section.
 */
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { FormKind, Month } from '../model.js';
import { formKey } from '../model.js';
import { staffFor } from './roster.js';
import { planForms } from '../domain/plan.js';
import { deadlineFor, lateDays, lateFine } from '../domain/deadline.js';
import { moneySum } from '../domain/pay.js';

export interface FormStatus {
  formKey: string;
  kind: FormKind;
  scorerId: string;
  scorerName: string;
  employees: number;
  deadline: string;
  versions: number;
  firstValidAt: string | null;
  latestAt: string | null;
  /** Problems in the latest version (errors, warnings). */
  errors: number;
  warnings: number;
  valid: boolean;
  daysLate: number;
  fine: string;
}

export interface StatusResult {
  month: Month;
  asOf: string;
  forms: FormStatus[];
  missing: { scorerId: string; scorerName: string; kind: FormKind; employees: { employeeId: string; name: string; sectionId: string }[] }[];
  /** Files received for this month that match no expected form (another scorer's sheet …). */
  unexpected: { fileName: string; formKey: string; receivedAt: string }[];
  fineTotal: string;
  issues: Issue[];
}

export function runStatus(ctx: Context, o: { month: Month; now: string }): StatusResult {
  const { members, employees, versionId } = staffFor(ctx, o.month);
  const nameOf = new Map(employees.map((e) => [e.id, e.name]));
  const { forms: plans, issues } = planForms(members, o.month, ctx.policy);
  if (versionId === null) issues.push({ code: 'roster.none_imported', severity: 'error', params: { month: o.month } });
  const closed = ctx.ledger.closedMonth(o.month);
  if (closed) issues.push({ code: 'status.month_closed', severity: 'warning', params: { month: o.month, revision: closed.revision } });
  const submissions = ctx.ledger.submissionsFor(o.month);
  const expected = new Set(plans.map(formKey));
  const forms: FormStatus[] = plans.map((p) => {
    const key = formKey(p);
    const mine = submissions.filter((s) => s.formKey === key);
    const first = ctx.ledger.firstValid(key);
    const latest = mine[mine.length - 1];
    const d = deadlineFor(o.month, p.dueDay, ctx.policy.deadlines);
    issues.push(...d.warnings);
    const days = lateDays(d.instant, first?.receivedAt ?? o.now);
    const fine = lateFine(days, ctx.policy.deadlines.fine_per_day);
    return {
      formKey: key,
      kind: p.kind,
      scorerId: p.scorerId,
      scorerName: nameOf.get(p.scorerId) ?? p.scorerId,
      employees: new Set(p.items.map((i) => i.employeeId)).size,
      deadline: d.instant,
      versions: mine.length,
      firstValidAt: first?.receivedAt ?? null,
      latestAt: latest?.receivedAt ?? null,
      errors: latest?.errorCount ?? 0,
      warnings: latest?.warningCount ?? 0,
      valid: Boolean(first),
      daysLate: days,
      fine,
    };
  });
  const missing: StatusResult['missing'] = [];
  for (const p of plans) {
    const latest = ctx.ledger.latestValid(formKey(p));
    const lacking = p.items.filter((it) => {
      if (!latest?.parsed) return true;
      const parsed = latest.parsed;
      return p.kind === 'goals'
        ? !parsed.goals.some((g) => g.employeeId === it.employeeId && g.sectionId === it.sectionId)
        : !parsed.scores.some((s) => s.employeeId === it.employeeId && s.sectionId === it.sectionId);
    });
    if (lacking.length)
      missing.push({
        scorerId: p.scorerId,
        scorerName: nameOf.get(p.scorerId) ?? p.scorerId,
        kind: p.kind,
        employees: lacking.map((it) => ({ employeeId: it.employeeId, name: nameOf.get(it.employeeId) ?? it.employeeId, sectionId: it.sectionId })),
      });
  }
  const unexpected = submissions
    .filter((s) => !expected.has(s.formKey))
    .map((s) => ({ fileName: s.fileName, formKey: s.formKey, receivedAt: s.receivedAt }));
  return { month: o.month, asOf: o.now, forms, missing, unexpected, fineTotal: moneySum(forms.map((f) => f.fine)), issues };
}
