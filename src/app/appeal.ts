/**
 * `jixiao appeal` (员工申述, policy §6; SPEC §7): record an approved correction of one section
 * score for an employee and month. The original stays in the ledger; nothing is recomputed
 * until `close --reopen --reason …`, which then shows original and corrected values.
 */
import type { Context } from './context.js';
import type { Issue, IssueCode } from '../issues.js';
import type { Month } from '../model.js';
import { staffFor } from './roster.js';
import { dec } from '../domain/decimal.js';
import { exactText } from '../domain/scores.js';

export interface AppealResult {
  ok: boolean;
  month: Month;
  employeeId: string;
  name: string | null;
  sectionId: string | null;
  sectionName: string | null;
  original: string | null; // the section score in the latest closed revision, if closed
  corrected: string | null;
  appealId: number | null;
  monthClosed: boolean;
  issues: Issue[];
}

export function runAppeal(
  ctx: Context,
  o: { month: Month; employeeId: string; section: string; score: string; reason: string; approver: string; now: string },
): AppealResult {
  const out: AppealResult = {
    ok: false,
    month: o.month,
    employeeId: o.employeeId.trim(),
    name: null,
    sectionId: null,
    sectionName: null,
    original: null,
    corrected: null,
    appealId: null,
    monthClosed: false,
    issues: [],
  };
  const fail = (code: IssueCode, params: Record<string, string | number> = {}, found?: string, expected?: string) => {
    out.issues.push({ code, severity: 'error', found, expected, params: { month: o.month, id: out.employeeId, ...params } });
    return out;
  };
  const { members } = staffFor(ctx, o.month);
  const m = members.find((x) => x.employee.id === out.employeeId);
  if (!m) return fail('appeal.unknown_employee', {}, out.employeeId);
  out.name = m.employee.name;
  if (m.excluded || !m.category) return fail('appeal.not_evaluated', { name: m.employee.name });
  const sections = ctx.policy.sections[m.category];
  const wanted = o.section.trim();
  const s = sections.find((x) => x.id === wanted || x.name === wanted || x.name.startsWith(wanted));
  if (!s) return fail('appeal.unknown_section', { name: m.employee.name }, wanted, sections.map((x) => `${x.id} ${x.name}`).join('、'));
  out.sectionId = s.id;
  out.sectionName = s.name;
  let score;
  try {
    score = dec(o.score.trim().normalize('NFKC'));
  } catch {
    return fail('appeal.bad_score', { max: ctx.policy.score_max }, o.score, `0–${ctx.policy.score_max}`);
  }
  if (!score.isFinite() || score.isNegative() || score.gt(ctx.policy.score_max))
    return fail('appeal.bad_score', { max: ctx.policy.score_max }, o.score, `0–${ctx.policy.score_max}`);
  if (!o.reason.trim() || !o.approver.trim()) return fail('appeal.reason_and_approver');
  out.corrected = exactText(score);
  const closed = ctx.ledger.closedMonth(o.month);
  out.monthClosed = Boolean(closed);
  const before = closed?.result.employees.find((e) => e.employeeId === out.employeeId)?.sections.find((x) => x.sectionId === s.id);
  out.original = before ? (before.original ?? before.score) : null;
  const a = ctx.ledger.addAppeal({
    month: o.month,
    employeeId: out.employeeId,
    sectionId: s.id,
    correctedScore: out.corrected,
    reason: o.reason.trim(),
    approver: o.approver.trim(),
    recordedAt: o.now,
  });
  out.appealId = a.id;
  out.ok = true;
  return out;
}
