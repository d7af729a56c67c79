/**
 * Checking one returned score sheet against its template, the staff list and the month's plan
 * — shared by `validate` (check only) and `receive` (check, archive, record).
 * The sheet says what it is (hidden meta sheet); the plan for its month and scorer is then
 * looked up so that missing or unexpected employees are judged against today's staff list.
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { FormKind, FormPlan, Month, ParsedForm } from '../model.js';
import { formKey } from '../model.js';
import { openWorkbook } from '../sheets/open.js';
import { readForm, readFormMeta } from '../sheets/forms/read.js';
import type { FormTemplate } from '../sheets/forms/template.js';
import { planForms } from '../domain/plan.js';
import { staffFor } from './roster.js';

export interface CheckedFile {
  path: string;
  file: string; // base name, as the clerk knows it
  sha256: string | null;
  kind: FormKind | null;
  month: Month | null;
  scorerId: string | null;
  scorerName: string | null;
  formKey: string | null;
  plan: FormPlan | null;
  parsed: ParsedForm | null;
  issues: Issue[];
  errors: number;
  warnings: number;
}

const count = (issues: Issue[]) => ({
  errors: issues.filter((i) => i.severity === 'error').length,
  warnings: issues.filter((i) => i.severity === 'warning').length,
});

/** Plans per month, computed once per run. */
export function planCache(ctx: Context) {
  const cache = new Map<Month, ReturnType<typeof build>>();
  const build = (month: Month) => {
    const staff = staffFor(ctx, month);
    const { forms } = planForms(staff.members, month, ctx.policy);
    return {
      staff,
      forms,
      roster: new Map(staff.employees.map((e) => [e.id, e])),
      members: new Map(staff.members.map((m) => [m.employee.id, m])),
    };
  };
  return (month: Month) => {
    if (!cache.has(month)) cache.set(month, build(month));
    return cache.get(month)!;
  };
}

export async function checkFile(
  ctx: Context,
  filePath: string,
  o: { month?: Month; fallbackMonth: Month; template: FormTemplate; plans: ReturnType<typeof planCache> },
): Promise<CheckedFile> {
  const file = path.basename(filePath);
  const base: CheckedFile = { path: filePath, file, sha256: null, kind: null, month: null, scorerId: null, scorerName: null, formKey: null, plan: null, parsed: null, issues: [], errors: 0, warnings: 0 };
  const opened = await openWorkbook(filePath, { displayName: file });
  if (!opened.ok) return { ...base, sha256: opened.sha256, issues: opened.issues, ...count(opened.issues) };

  // The hidden meta sheet says what the file is; its month's plan says who must be on it.
  const head = readFormMeta(opened.wb, o.template, file);
  const meta = head.meta;
  const month = meta?.month ?? o.month ?? o.fallbackMonth;
  const p = o.plans(month);
  const plan = meta ? (p.forms.find((f) => f.kind === meta.kind && f.scorerId === meta.scorerId) ?? null) : null;
  const read = readForm(opened.wb, {
    file,
    expected: { month: o.month, plan: plan ?? undefined },
    roster: p.roster,
    members: p.members,
    policy: ctx.policy,
    template: o.template,
  });
  const issues = [...opened.issues, ...read.issues];
  if (!meta) return { ...base, sha256: opened.wb.sha256, kind: read.kind, parsed: read.parsed, issues, ...count(issues) };
  if (!plan)
    issues.push({
      code: 'form.not_planned',
      severity: 'error',
      file,
      params: { month, kind: o.template.kinds[meta.kind].label, scorerId: meta.scorerId, scorerName: meta.scorerName },
    });
  return {
    ...base,
    sha256: opened.wb.sha256,
    kind: meta.kind,
    month,
    scorerId: meta.scorerId,
    scorerName: p.roster.get(meta.scorerId)?.name ?? meta.scorerName,
    formKey: formKey({ month, kind: meta.kind, scorerId: meta.scorerId }),
    plan,
    parsed: read.parsed,
    issues,
    ...count(issues),
  };
}
