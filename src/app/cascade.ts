/**
 * The reopen cascade (issue 9 item 5; SPEC §7): a correction of month M (close --reopen, or a
 * history import of a month before a closed one) can change the consequences of every later
 * closed month — a D chain that now breaks, a warning that no longer applies. Each later closed
 * month whose consequences change gets a new revision with the reason "因 M 更正重新计算"; its
 * grades and pay are its own and stay as they were. Letters of changed months are made again;
 * letters that no longer apply are listed as withdrawn (their files move into 第N版/, src/app/outputs.ts).
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Consequence, Month, MonthResult } from '../model.js';
import { consequencesFor, withActions, type GradedMonth } from '../domain/chains.js';
import { letterKind, type LetterFile } from './letters.js';
import { publishMonthFiles } from './month-files.js';
import type { Issue } from '../issues.js';
import type { Lang } from '../i18n/index.js';
import { wallClockText } from '../domain/clock.js';

export interface CascadeStep {
  month: Month;
  previousRevision: number;
  result: MonthResult;
  added: Consequence[];
  removed: Consequence[];
}

export interface CascadeDone {
  month: Month;
  revision: number;
  added: Consequence[];
  removed: Consequence[];
  files: string[];
  letters: LetterFile[];
  withdrawn: Consequence[];
}

const sig = (c: Consequence) => `${c.employeeId}|${c.rule.key}|${c.months.map((m) => `${m.month}:${m.grade}:${m.total}`).join(',')}`;

/** What changed between two lists of consequences (by employee, rule and the months behind it). */
export function consequenceChanges(before: readonly Consequence[], after: readonly Consequence[]): { added: Consequence[]; removed: Consequence[] } {
  const b = new Set(before.map(sig));
  const a = new Set(after.map(sig));
  return { added: after.filter((c) => !b.has(sig(c))), removed: before.filter((c) => !a.has(sig(c))) };
}

/** Letters of `before` whose employee and kind no longer appear in `after`: withdrawn (files kept). */
export function withdrawnLetters(before: readonly Consequence[], after: readonly Consequence[]): Consequence[] {
  const still = new Set(after.filter((c) => letterKind(c)).map((c) => `${c.employeeId}|${c.rule.key}`));
  return before.filter((c) => letterKind(c) && !still.has(`${c.employeeId}|${c.rule.key}`));
}

/**
 * The later closed months whose consequences change once `from` reads as `override` (the
 * reopened month's new result; null = the ledger as it is now, e.g. after an import).
 * Nothing is written.
 */
export function planCascade(ctx: Context, from: Month, override: MonthResult | null, now: string): CascadeStep[] {
  const history = ctx.ledger.gradedHistories();
  const replace = (month: Month, r: MonthResult) => {
    for (const [id, list] of history) history.set(id, list.filter((h) => h.month !== month));
    for (const e of r.employees)
      if (e.status === 'graded' && e.grade && e.total) {
        const list = history.get(e.employeeId) ?? [];
        list.push({ month, total: e.total, grade: e.grade, bandGrade: e.bandGrade, source: { kind: 'closed', revision: r.revision } });
        list.sort((a, b) => (a.month < b.month ? -1 : 1));
        history.set(e.employeeId, list);
      }
  };
  if (override) replace(from, override);
  const steps: CascadeStep[] = [];
  const today = wallClockText(now, ctx.policy.deadlines.utc_offset).slice(0, 10);
  for (const { month } of ctx.ledger.closedMonths().filter((c) => c.month > from)) {
    const closed = ctx.ledger.closedMonth(month)!;
    const stored = closed.result;
    const fresh: Consequence[] = [];
    for (const e of stored.employees) {
      if (e.status !== 'graded' || !e.grade || !e.total) continue;
      const hist: GradedMonth[] = (history.get(e.employeeId) ?? []).filter((h) => h.month <= month);
      fresh.push(...consequencesFor({ employeeId: e.employeeId, name: e.name }, hist, month, ctx.policy));
    }
    const first = ctx.ledger.revisions(month)[0];
    const acted = withActions(fresh, { month, today, firstClose: wallClockText(first.closedAt, ctx.policy.deadlines.utc_offset).slice(0, 10), previous: stored.consequences });
    const { added, removed } = consequenceChanges(stored.consequences, acted);
    if (!added.length && !removed.length) continue;
    steps.push({ month, previousRevision: closed.revision, result: { ...stored, consequences: acted }, added, removed });
  }
  return steps;
}

/** Record the steps (call inside the ledger transaction of the correction): one new revision each. */
export function recordCascade(ctx: Context, from: Month, steps: readonly CascadeStep[], now: string): void {
  for (const s of steps) {
    const r = ctx.ledger.closeMonth({
      month: s.month,
      result: s.result,
      inputs: ctx.ledger.closedMonth(s.month)!.inputs,
      policyVersion: ctx.policy.policy_version,
      policyText: ctx.policyText,
      toolVersion: s.result.toolVersion,
      closedAt: now,
      reason: `因 ${from} 更正重新计算`,
      reopen: true,
    });
    if (!r.ok) throw new Error(`cascade ${s.month}: ${r.code}`);
  }
}

/** After the transaction: the new revisions' outputs (summary, payroll, 补发扣回) and letters; withdrawn letters listed. */
export async function writeCascade(ctx: Context, steps: readonly CascadeStep[], lang: Lang, now: string): Promise<{ done: CascadeDone[]; issues: Issue[] }> {
  const done: CascadeDone[] = [];
  const issues: Issue[] = [];
  for (const s of steps) {
    const closed = ctx.ledger.closedMonth(s.month)!;
    const w = await publishMonthFiles(ctx, { month: s.month, revision: closed.revision, lang, now });
    issues.push(...w.issues);
    done.push({
      month: s.month,
      revision: closed.revision,
      added: s.added,
      removed: s.removed,
      files: w.files.filter((f) => f !== w.adjustmentsFile),
      letters: w.letters,
      withdrawn: withdrawnLetters(ctx.ledger.revision(s.month, s.previousRevision)!.result.consequences, closed.result.consequences),
    });
  }
  return { done, issues };
}
