/**
 * `jixiao forms --month M`: one pre-filled score sheet per scorer and form kind (SPEC §3),
 * written to out/M/评分表/ (or --out), never overwriting an existing file without --force.
 */
import path from 'node:path';
import { mkdir } from 'node:fs/promises';
import type { Context } from './context.js';
import { asIssue, type Issue } from '../issues.js';
import type { FormKind, Month } from '../model.js';
import { staffFor } from './roster.js';
import { planForms } from '../domain/plan.js';
import { policyDueDays, uncoveredAhead } from '../domain/deadline.js';
import { nextMonth } from '../domain/dates.js';
import { buildForm, formFileNames } from '../sheets/forms/generate.js';
import { loadFormTemplate } from '../policy/form-template.js';
import { safeFileName, writeWorkbookAtomic } from '../sheets/write.js';
import { buildSendList, SEND_LIST_FILE } from '../sheets/send-list.js';
import { formKey } from '../model.js';
import { canonicalDepartment } from '../domain/classify.js';
import { departmentHeads, sheetTargets } from '../domain/targets.js';

export interface FormsResult {
  month: Month;
  outDir: string;
  forms: { file: string; kind: FormKind; scorerId: string; scorerName: string; employees: number; deadline: string; store?: string; targets: number }[];
  /** Dealer groups: the send list (store, scorer, 工号, file, deadline) beside the store folders. */
  sendList: string | null;
  /** The target split the goals sheets were pre-filled from (SPEC §9), or null. */
  targetSplit: { year: number; version: number } | null;
  issues: Issue[];
}

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** "2026年11月9日(星期一)17:30" — the deadline as a scorer reads it. */
export function deadlineText(date: string, time: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${y}年${m}月${d}日(星期${WEEKDAYS[wd]})${time}`;
}

export async function runForms(ctx: Context, o: { month: Month; out?: string; force: boolean }): Promise<FormsResult> {
  const outDir = o.out ?? path.join(ctx.ws.out, o.month, '评分表');
  const result: FormsResult = { month: o.month, outDir, forms: [], sendList: null, targetSplit: null, issues: [] };
  const staff = staffFor(ctx, o.month);
  if (staff.versionId === null) {
    result.issues.push({ code: 'roster.none_imported', severity: 'error', params: { month: o.month } });
    return result;
  }
  const tpl = loadFormTemplate();
  if (!tpl.ok) {
    result.issues.push(...tpl.issues);
    return result;
  }
  const { forms: plans, issues } = planForms(staff.members, o.month, ctx.policy);
  result.issues.push(...issues);
  // Warn ahead: next month's deadlines may fall in a year without a holiday schedule (December's forms are due in January).
  const warned = new Set(issues.filter((i) => i.code === 'deadline.holiday_year_not_covered').map((i) => i.params?.year));
  result.issues.push(...uncoveredAhead([o.month, nextMonth(o.month)], policyDueDays(ctx.policy), ctx.policy.deadlines).filter((w) => !warned.has(w.params?.year)));
  const members = new Map(staff.members.map((m) => [m.employee.id, m]));
  const byId = new Map(staff.employees.map((e) => [e.id, e]));
  const scorers = plans.map((p) => byId.get(p.scorerId)!);
  const names = formFileNames(
    plans.map((p, i) => ({ plan: p, scorer: scorers[i] })),
    tpl.template,
  );
  // The year's latest target split pre-fills the goal rows; the ledger remembers what each sheet carried.
  const split = ctx.ledger.latestTargetSplit(Number(o.month.slice(0, 4)));
  if (split) result.targetSplit = { year: split.year, version: split.version };
  const heads = departmentHeads(staff.employees, (e) => canonicalDepartment(e.department, ctx.policy), ctx.policy.pay.managers.positions);
  const generatedAt = new Date().toISOString();
  await mkdir(outDir, { recursive: true });
  for (const [i, plan] of plans.entries()) {
    const onSheet = [...new Set(plan.items.filter((it) => it.sectionId === 'kpi').map((it) => it.employeeId))];
    const targets = split && plan.kind === 'goals' ? sheetTargets(split.rows, Number(o.month.slice(5)), onSheet, heads) : new Map();
    const wb = buildForm(plan, {
      members,
      scorer: scorers[i],
      policy: ctx.policy,
      template: tpl.template,
      // The plan's deadline instant is written in the policy's offset, so its date part is the local day.
      deadlineText: deadlineText(plan.deadline.slice(0, 10), ctx.policy.deadlines.time),
      generatedAt,
      targets,
    });
    // A dealer group gets one folder per store, so each store's sheets can be mailed together.
    const dir = plan.store !== undefined ? path.join(outDir, safeFileName(plan.store || '-')) : outDir;
    if (plan.store !== undefined) await mkdir(dir, { recursive: true });
    const file = path.join(dir, names[i]);
    const w = await writeWorkbookAtomic(wb, file, { overwrite: o.force });
    if (!w.ok) {
      result.issues.push(asIssue(w));
      continue;
    }
    const carried = [...targets.values()].flat();
    if (split && carried.length) ctx.ledger.recordFormTargets({ formKey: formKey(plan), generatedAt, splitId: split.id, targets: carried });
    result.forms.push({
      file,
      kind: plan.kind,
      scorerId: plan.scorerId,
      scorerName: scorers[i].name,
      employees: new Set(plan.items.map((it) => it.employeeId)).size,
      deadline: plan.deadline,
      targets: carried.length,
      ...(plan.store !== undefined ? { store: plan.store } : {}),
    });
  }
  if (plans.some((p) => p.store !== undefined) && result.forms.length) {
    const file = path.join(outDir, SEND_LIST_FILE);
    const w = await writeWorkbookAtomic(buildSendList(result), file, { overwrite: true });
    if (w.ok) result.sendList = file;
    else result.issues.push(asIssue(w));
  }
  if (!plans.length) result.issues.push({ code: 'forms.none_expected', severity: 'warning', params: { month: o.month } });
  return result;
}
