/**
 * Receipt-time corrections and fine waivers (issue 9 item 5): a mistyped --at costs the scorer
 * 500 元 a day, so the time a sheet arrived can be corrected like a score — with a reason and
 * an approver, recorded in the ledger (the original receipt stays), applied at the next close
 * or reopen. A fine can be waived the same way.
 *
 * --form names the sheet: a received file name, or the form key (2026-10/kpi/1004) that
 * `status --json` shows.
 */
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { Month } from '../model.js';
import { formKey } from '../model.js';
import { staffFor } from './roster.js';
import { planForms } from '../domain/plan.js';

export interface CorrectionResult {
  ok: boolean;
  month: Month;
  formKey: string | null;
  scorer: string | null;
  /** receipt correct: the first valid receipt as recorded, and the corrected time. */
  before: string | null;
  after: string | null;
  id: number | null;
  monthClosed: boolean;
  issues: Issue[];
}

/** The form the clerk means: a form key of the month's plan, or the file name of a received sheet. */
function findForm(ctx: Context, month: Month, form: string): { key: string; scorer: string } | null {
  const wanted = form.trim();
  const { members } = staffFor(ctx, month);
  const plans = planForms(members, month, ctx.policy).forms;
  const nameOf = (id: string) => members.find((m) => m.employee.id === id)?.employee.name ?? '';
  const byKey = plans.find((p) => formKey(p) === wanted);
  if (byKey) return { key: formKey(byKey), scorer: `${byKey.scorerId} ${nameOf(byKey.scorerId)}` };
  const sub = ctx.ledger.submissionsFor(month).find((s) => s.fileName === wanted || s.fileName === wanted.split(/[\\/]/).pop());
  if (!sub) return null;
  const plan = plans.find((p) => formKey(p) === sub.formKey);
  return { key: sub.formKey, scorer: `${plan?.scorerId ?? sub.scorerId} ${nameOf(plan?.scorerId ?? sub.scorerId)}` };
}

/**
 * What both corrections check first: a reason and an approver, and a form of the month. The
 * result names the form, or carries the problem (then `key` is null).
 */
function opened(ctx: Context, o: { month: Month; form: string; reason: string; approver: string }): { out: CorrectionResult; key: string | null } {
  const out: CorrectionResult = { ok: false, month: o.month, formKey: null, scorer: null, before: null, after: null, id: null, monthClosed: false, issues: [] };
  if (!o.reason.trim() || !o.approver.trim()) return { out: { ...out, issues: [{ code: 'correction.reason_and_approver', severity: 'error', params: { month: o.month } }] }, key: null };
  const f = findForm(ctx, o.month, o.form);
  if (!f) return { out: { ...out, issues: [{ code: 'correction.unknown_form', severity: 'error', found: o.form, params: { month: o.month } }] }, key: null };
  return { out: { ...out, formKey: f.key, scorer: f.scorer }, key: f.key };
}

export function runReceiptCorrect(ctx: Context, o: { month: Month; form: string; at: string; reason: string; approver: string; now: string }): CorrectionResult {
  const { out, key } = opened(ctx, o);
  if (key === null) return out;
  out.before = ctx.ledger.firstValid(key)?.receivedAt ?? null;
  out.after = o.at;
  out.id = ctx.ledger.addReceiptCorrection({ month: o.month, formKey: key, receivedAt: o.at, reason: o.reason.trim(), approver: o.approver.trim(), recordedAt: o.now }).id;
  out.monthClosed = Boolean(ctx.ledger.closedMonth(o.month));
  out.ok = true;
  return out;
}

export function runFineWaive(ctx: Context, o: { month: Month; form: string; reason: string; approver: string; now: string }): CorrectionResult {
  const { out, key } = opened(ctx, o);
  if (key === null) return out;
  out.before = ctx.ledger.closedMonth(o.month)?.result.fines.find((x) => x.formKey === key)?.fine ?? null;
  out.after = '0.00';
  out.id = ctx.ledger.addFineWaiver({ month: o.month, formKey: key, reason: o.reason.trim(), approver: o.approver.trim(), recordedAt: o.now }).id;
  out.monthClosed = Boolean(ctx.ledger.closedMonth(o.month));
  out.ok = true;
  return out;
}
