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
import { lateness } from '../domain/deadline.js';
import { inOffset } from '../domain/clock.js';
import { missingItems, sectionKey } from '../domain/scores.js';
import { compareIds } from '../domain/ids.js';
import { moneySum } from '../domain/pay.js';
import type { Policy } from '../policy/schema.js';
import { archiveIssues } from './check.js';

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
  /** By scorer and form: each employee still missing a score once, with the sections missing. */
  missing: {
    scorerId: string;
    scorerName: string;
    kind: FormKind;
    employees: { employeeId: string; name: string; sections: { sectionId: string; name: string }[] }[];
  }[];
  /** Files received for this month that match no expected form (another scorer's sheet …). */
  unexpected: { fileName: string; formKey: string; receivedAt: string }[];
  fineTotal: string;
  /** Versions recorded after the month was closed (not used by the closed revision). */
  receivedAfterClose: { fileName: string; formKey: string; version: number; receivedAt: string }[];
  issues: Issue[];
}

/** `store` (dealer groups): only the sheets that score someone of that 门店, and only its people as missing. */
export function runStatus(ctx: Context, o: { month: Month; now: string; store?: string }): StatusResult {
  const { members, employees, versionId } = staffFor(ctx, o.month);
  const nameOf = new Map(employees.map((e) => [e.id, e.name]));
  const planned = planForms(members, o.month, ctx.policy);
  const { issues } = planned;
  let plans = planned.forms;
  const storeOf = new Map(employees.map((e) => [e.id, (e.store ?? '').trim()]));
  const inStore = (employeeId: string) => o.store === undefined || storeOf.get(employeeId) === o.store;
  if (o.store !== undefined) {
    if (![...storeOf.values()].includes(o.store))
      issues.push({ code: 'status.unknown_store', severity: 'error', params: { store: o.store, stores: [...new Set(storeOf.values())].filter(Boolean).join('、') } });
    plans = plans.filter((p) => p.items.some((it) => inStore(it.employeeId)));
  }
  if (versionId === null) issues.push({ code: 'roster.none_imported', severity: 'error', params: { month: o.month } });
  const closed = ctx.ledger.closedMonth(o.month);
  if (closed) issues.push({ code: 'status.month_closed', severity: 'warning', params: { month: o.month, revision: closed.revision } });
  // Receipt times as status shows them: in the policy's offset (an old ledger may hold …Z).
  const local = (iso: string) => inOffset(iso, ctx.policy.deadlines.utc_offset);
  const submissions = ctx.ledger.submissionsFor(o.month);
  // The closed revision lists every version it knew of (used, refused, superseded): anything else came later.
  const known = new Set((closed?.result.received ?? []).map((r) => `${r.formKey}|${r.version}`));
  const receivedAfterClose = closed
    ? submissions
        .filter((s) => !known.has(`${s.formKey}|${s.version}`))
        .map((s) => ({ fileName: s.fileName, formKey: s.formKey, version: s.version, receivedAt: local(s.receivedAt) }))
    : [];
  // The evidence of the month: every archived file still there with its recorded hash.
  issues.push(...archiveIssues(ctx, o.month));
  const expected = new Set(planned.forms.map(formKey));
  const submissionsOf = new Map<string, typeof submissions>();
  for (const s of submissions) {
    const list = submissionsOf.get(s.formKey);
    if (list) list.push(s);
    else submissionsOf.set(s.formKey, [s]);
  }
  const forms: FormStatus[] = plans.map((p) => {
    const key = formKey(p);
    const mine = submissionsOf.get(key) ?? [];
    const first = ctx.ledger.firstValid(key);
    const latest = mine[mine.length - 1];
    const { daysLate, fine } = lateness(p.deadline, first?.receivedAt ?? null, o.now, ctx.policy.deadlines.fine_per_day);
    return {
      formKey: key,
      kind: p.kind,
      scorerId: p.scorerId,
      scorerName: nameOf.get(p.scorerId) ?? p.scorerId,
      employees: new Set(p.items.map((i) => i.employeeId)).size,
      deadline: p.deadline,
      versions: mine.length,
      firstValidAt: first ? local(first.receivedAt) : null,
      latestAt: latest ? local(latest.receivedAt) : null,
      errors: latest?.errorCount ?? 0,
      warnings: latest?.warningCount ?? 0,
      valid: Boolean(first),
      daysLate,
      fine,
    };
  });
  // An approved appeal scores a section even when its form never had it (as close counts it).
  const appealed = new Set(ctx.ledger.appealsFor(o.month).map((a) => sectionKey(a.employeeId, a.sectionId)));
  const sectionName = sectionNames(ctx.policy);
  const missing: StatusResult['missing'] = [];
  for (const p of plans) {
    const lacking = missingItems(p, ctx.ledger.latestValid(formKey(p))?.parsed ?? null, appealed).filter((it) => inStore(it.employeeId));
    if (!lacking.length) continue;
    const byEmployee = new Map<string, { sectionId: string; name: string }[]>();
    for (const it of lacking) byEmployee.set(it.employeeId, [...(byEmployee.get(it.employeeId) ?? []), { sectionId: it.sectionId, name: sectionName(it.sectionId) }]);
    missing.push({
      scorerId: p.scorerId,
      scorerName: nameOf.get(p.scorerId) ?? p.scorerId,
      kind: p.kind,
      employees: [...byEmployee]
        .sort(([a], [b]) => compareIds(a, b))
        .map(([employeeId, sections]) => ({ employeeId, name: nameOf.get(employeeId) ?? employeeId, sections })),
    });
  }
  const unexpected = submissions
    .filter((s) => !expected.has(s.formKey))
    .map((s) => ({ fileName: s.fileName, formKey: s.formKey, receivedAt: local(s.receivedAt) }));
  return { month: o.month, asOf: o.now, forms, missing, unexpected, fineTotal: moneySum(forms.map((f) => f.fine)), receivedAfterClose, issues };
}

/** A section's name as the policy gives it (the same id has the same name in either category). */
function sectionNames(policy: Policy): (sectionId: string) => string {
  const names = new Map<string, string>();
  for (const list of Object.values(policy.sections)) for (const s of list) if (!names.has(s.id)) names.set(s.id, s.name);
  return (id) => names.get(id) ?? id;
}
