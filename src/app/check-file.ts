/**
 * Checking one returned score sheet against its template, the staff list and the month's plan
 * — shared by `validate` (check only) and `receive` (check, archive, record).
 * The file is read once (sheets/forms/extract.ts); its hidden meta sheet says what it is, the
 * plan for that month and scorer is looked up, and the checker (checks/form.ts) judges the
 * rows against it, so that missing or unexpected employees are judged against today's staff list.
 */
import path from 'node:path';
import type { Context } from './context.js';
import { issue, type Issue } from '../issues.js';
import type { Employee, FormKind, FormPlan, Month, ParsedForm, SheetTarget, StaffMember } from '../model.js';
import { formKey } from '../model.js';
import { openGrid, openGridBytes } from '../sheets/open-grid.js';
import { extractForm } from '../sheets/forms/extract.js';
import { checkForm } from '../checks/form.js';
import { readMeta, type FormMeta } from '../checks/meta.js';
import type { FormTemplate } from '../policy/form-template.js';
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
  /** What the file says about itself (its hidden meta sheet); null when it could not be read. */
  meta: FormMeta | null;
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

/** A month's planned sheets and who is on its staff list. */
export interface MonthPlans {
  forms: FormPlan[];
  roster: Map<string, Employee>;
  members: Map<string, StaffMember>;
}

/** Plans per month, computed once per run. */
export function planCache(ctx: Context): (month: Month) => MonthPlans {
  const cache = new Map<Month, MonthPlans>();
  const build = (month: Month): MonthPlans => {
    const staff = staffFor(ctx, month);
    const { forms } = planForms(staff.members, month, ctx.policy);
    return {
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
  ctx: Pick<Context, 'policy'>,
  filePath: string,
  o: {
    month?: Month;
    fallbackMonth: Month;
    template: FormTemplate;
    plans: (month: Month) => MonthPlans;
    /** The targets a sheet was sent with (ledger form_targets), for scoring KPI rows by rule. */
    targetsFor?: (formKey: string) => SheetTarget[] | null;
    /** receive passes the bytes it read once (the same bytes are then archived). */
    bytes?: Buffer;
  },
): Promise<CheckedFile> {
  const file = path.basename(filePath);
  const base: CheckedFile = { path: filePath, file, sha256: null, kind: null, month: null, scorerId: null, scorerName: null, formKey: null, meta: null, plan: null, parsed: null, issues: [], errors: 0, warnings: 0 };
  // receive passes the bytes it read once (the same bytes are then archived)
  const opened = o.bytes ? await openGridBytes(o.bytes, file) : await openGrid(filePath, { displayName: file });
  if (!opened.ok) return { ...base, sha256: opened.sha256, issues: opened.issues, ...count(opened.issues) };

  // Read once; the meta sheet says what the file is; its month's plan says who must be on it.
  const extracted = extractForm(opened.wb.grid, o.template);
  const meta = readMeta(extracted, o.template).read?.meta ?? null;
  const month = meta?.month ?? o.month ?? o.fallbackMonth;
  const p = o.plans(month);
  const plan = meta ? (p.forms.find((f) => f.kind === meta.kind && f.scorerId === meta.scorerId) ?? null) : null;
  const checked = checkForm(extracted, {
    file,
    expected: { month: o.month, plan: plan ?? undefined },
    roster: p.roster,
    members: p.members,
    policy: ctx.policy,
    template: o.template,
    sheetTargets: meta && o.targetsFor ? o.targetsFor(formKey(meta)) : null,
  });
  const issues = [...opened.issues, ...checked.issues];
  if (!meta) return { ...base, sha256: opened.wb.sha256, kind: checked.kind, parsed: checked.parsed, issues, ...count(issues) };
  const scorerName = p.roster.get(meta.scorerId)?.name ?? meta.scorerName;
  const kindLabel = o.template.kinds[meta.kind].label;
  if (!plan)
    issues.push(
      issue('form.not_planned', 'error', {
        file,
        found: `${kindLabel} / ${scorerName}(${meta.scorerId})`,
        params: { month, kind: kindLabel, scorerId: meta.scorerId, scorerName: meta.scorerName },
      }),
    );
  return {
    ...base,
    sha256: opened.wb.sha256,
    kind: meta.kind,
    month,
    scorerId: meta.scorerId,
    scorerName,
    formKey: formKey({ month, kind: meta.kind, scorerId: meta.scorerId }),
    meta,
    plan,
    parsed: checked.parsed,
    issues,
    ...count(issues),
  };
}
