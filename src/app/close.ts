/**
 * `jixiao close --month M` (SPEC §3–§5, §8): work from the ledger (the rows `receive` stored,
 * latest valid version of each form), compute the month, write the summary workbook and the
 * payroll (xlsx + csv), and record the month in the ledger. The ledger decides (issue 10 §2):
 * the result is committed first, in one transaction; the files in out/ are a rendering of that
 * revision (src/app/month-files.ts, src/app/outputs.ts), rebuilt by the next `close` if a crash
 * cut them short.
 */
import path from 'node:path';
import { existsSync } from 'node:fs';
import { SLIPS_FOLDER } from './slips.js';
import type { Context } from './context.js';
import { asIssue, hasErrors, type Issue } from '../issues.js';
import type { Month, MonthResult } from '../model.js';
import { formKey } from '../model.js';
import { staffFor } from './roster.js';
import { planForms } from '../domain/plan.js';
import { computeMonth, type ReceivedForm } from '../domain/compute-month.js';
import { withActions, type GradedMonth } from '../domain/chains.js';
import type { LetterFile } from './letters.js';
import { planCascade, recordCascade, writeCascade, withdrawnLetters, type CascadeDone } from './cascade.js';
import { adjustments, type Adjustment } from '../report/adjustments.js';
import { payrollLines } from '../domain/compute-month.js';
import type { Consequence } from '../model.js';
import { monthOutputNames } from '../sheets/month-outputs.js';
import { nodeWriteFs, writeFailure, type WriteFs } from '../sheets/write.js';
import { publishMonthFiles, rebuildMonthFiles } from './month-files.js';
import { crashPoint } from './crash.js';
import { archiveIssues } from './check.js';
import { moneySum } from '../domain/pay.js';
import { LedgerError } from '../ledger/index.js';
import { TOOL_VERSION } from './version.js';
import { analysisFor } from './analyse.js';
import { inOffset, wallClockText } from '../domain/clock.js';
import type { Lang } from '../i18n/index.js';

export interface CloseOptions {
  month: Month;
  calibrate: boolean;
  allowIncomplete: boolean;
  reopen: boolean;
  reason: string | null;
  force: boolean;
  now: string;
  lang: Lang;
  /** Tests inject file-system failures here (a file held open by Excel …). */
  writeFs?: Partial<WriteFs>;
}

export interface CloseSummary {
  evaluated: number;
  excluded: number;
  incomplete: number;
  payTotal: string;
  fineTotal: string;
  netTotal: string;
}

export interface CloseRunResult {
  ok: boolean;
  month: Month;
  revision: number | null;
  outDir: string;
  files: string[];
  summary: CloseSummary | null;
  incomplete: MonthResult['incomplete'];
  result: MonthResult | null;
  issues: Issue[];
  /** Warning letters and improvement plans written into out/YYYY-MM/警告函/ (issue 9). */
  letters?: LetterFile[];
  /** Reopen: later closed months recomputed because their consequences changed (issue 9). */
  cascade?: CascadeDone[];
  /** Reopen: letters of this month that no longer apply (their files move into 第N版/). */
  withdrawn?: Consequence[];
  /** Reopen: 补发/扣回 per person for the next payroll, and the file it is in. */
  adjustments?: Adjustment[];
  adjustmentsFile?: string | null;
}

/** Everything close needs from the ledger and the roster, computed into a MonthResult (no writing). */
export function computeFromLedger(ctx: Context, o: Pick<CloseOptions, 'month' | 'calibrate' | 'now' | 'reason'>, revision: number) {
  const { members } = staffFor(ctx, o.month);
  const { forms: plans, issues: planIssues } = planForms(members, o.month, ctx.policy);
  const forms = new Map<string, ReceivedForm>();
  const firstValidAt = new Map<string, string>();
  // Receipt times as the month shows them: in the policy's offset (an old ledger may hold …Z).
  const local = (iso: string) => inOffset(iso, ctx.policy.deadlines.utc_offset);
  for (const p of plans) {
    const key = formKey(p);
    const latest = ctx.ledger.latestValid(key);
    const first = ctx.ledger.firstValid(key);
    if (first) firstValidAt.set(key, local(first.receivedAt));
    if (latest?.parsed)
      forms.set(key, {
        parsed: latest.parsed,
        file: latest.fileName,
        sha256: latest.sha256,
        version: latest.version,
        receivedAt: local(latest.receivedAt),
      });
  }
  // Approved receipt-time corrections (issue 9): the latest one per form replaces the recorded receipt.
  for (const c of ctx.ledger.receiptCorrectionsFor(o.month)) firstValidAt.set(c.formKey, c.receivedAt);
  // The latest appeal per employee and section wins (appeals are append-only).
  const appeals = new Map<string, { employeeId: string; sectionId: string; correctedScore: string; reason: string }>();
  for (const a of ctx.ledger.appealsFor(o.month)) appeals.set(`${a.employeeId}|${a.sectionId}`, a);
  const history = new Map<string, GradedMonth[]>();
  const all = ctx.ledger.gradedHistories(); // closed and imported months alike (issue 9)
  for (const m of members) history.set(m.employee.id, (all.get(m.employee.id) ?? []).filter((h) => h.month < o.month));
  const result = computeMonth({
    month: o.month,
    policy: ctx.policy,
    members,
    plans,
    forms,
    firstValidAt,
    closedAt: o.now,
    appeals: [...appeals.values()],
    calibrate: o.calibrate,
    history,
    toolVersion: TOOL_VERSION,
    revision,
    reopenReason: o.reason,
  });
  result.issues.unshift(...planIssues);
  // Approved fine waivers (issue 9): the fine is 0.00 and the payroll lines follow.
  const waived = new Set(ctx.ledger.fineWaiversFor(o.month).map((w) => w.formKey));
  if (waived.size) {
    result.fines = result.fines.map((f) => (waived.has(f.formKey) ? { ...f, fine: '0.00' } : f));
    result.payroll = payrollLines(result.employees, result.fines, members);
  }
  // Who acts on each consequence and by when; a reopen keeps an improvement deadline whose reasons did not change.
  const previous = ctx.ledger.closedMonth(o.month);
  const first = ctx.ledger.revisions(o.month)[0];
  result.consequences = withActions(result.consequences, {
    month: o.month,
    today: wallClockText(o.now, ctx.policy.deadlines.utc_offset).slice(0, 10),
    firstClose: wallClockText(first?.closedAt ?? o.now, ctx.policy.deadlines.utc_offset).slice(0, 10),
    previous: previous?.result.consequences ?? [],
  });
  const used = new Set(result.inputs.map((i) => `${i.formKey}|${i.version}`));
  result.received = ctx.ledger.submissionsFor(o.month).map((s) => ({
    file: s.fileName,
    sha256: s.sha256,
    formKey: s.formKey,
    receivedAt: local(s.receivedAt),
    version: s.version,
    errors: s.errorCount,
    use: used.has(`${s.formKey}|${s.version}`) ? 'used' : s.errorCount ? 'refused' : 'superseded',
  }));
  return { result, members, plans };
}

export async function runClose(ctx: Context, o: CloseOptions): Promise<CloseRunResult> {
  const outDir = path.join(ctx.ws.out, o.month);
  const base: CloseRunResult = { ok: false, month: o.month, revision: null, outDir, files: [], summary: null, incomplete: [], result: null, issues: [] };

  if (!ctx.ledger.rosterFor(o.month)) return { ...base, issues: [{ code: 'roster.none_imported', severity: 'error', params: { month: o.month } }] };
  // The month is not closed from a record whose evidence is gone: every archived file of the month must match its hash.
  const evidence = archiveIssues(ctx, o.month);
  if (evidence.length) return { ...base, issues: evidence };
  const previous = ctx.ledger.closedMonth(o.month);
  if (previous && !o.reopen) {
    const rebuilt = await rebuildClosed(ctx, o, previous.revision, base);
    if (rebuilt) return rebuilt;
    return {
      ...base,
      revision: previous.revision,
      issues: [{ code: 'close.already_closed', severity: 'error', params: { month: o.month, revision: previous.revision, closedAt: wallClockText(previous.closedAt, ctx.policy.deadlines.utc_offset) } }],
    };
  }
  if (!previous && o.reopen) return { ...base, issues: [{ code: 'close.reopen_not_closed', severity: 'error', params: { month: o.month } }] };

  const revision = previous ? previous.revision + 1 : 1;
  const { result } = computeFromLedger(ctx, o, revision);
  result.analysis = analysisFor(ctx, result);
  const summary = summarise(result);
  const issues: Issue[] = [...result.issues];
  const done = { ...base, revision, summary, incomplete: result.incomplete, result, issues };

  if (result.incomplete.length && !o.allowIncomplete) {
    for (const e of result.incomplete)
      for (const m of e.missing)
        issues.push({
          code: 'close.section_missing',
          severity: 'error',
          params: { employeeId: e.employeeId, name: e.name, section: m.sectionName, scorerId: m.scorerId, scorerName: m.scorerName },
        });
    return { ...done, revision: null };
  }
  if (hasErrors(issues)) return { ...done, revision: null };

  // A file open in Excel is found before anything is recorded, so "close the file and run
  // again" leaves no revision behind.
  const wfs: WriteFs = { ...nodeWriteFs, ...o.writeFs };
  for (const n of Object.values(monthOutputNames(o.month))) {
    const p = path.join(outDir, n);
    if (!(await wfs.exists(p).catch(() => false))) continue;
    try {
      await wfs.probeWritable(p);
    } catch (e) {
      return { ...done, revision: null, issues: [...issues, asIssue(writeFailure(p, e))] };
    }
  }

  // 1. The ledger decides: the whole result (and a reopen's cascade to later closed months) is
  // committed first, in one transaction, under the workspace lock.
  const cascade = o.reopen ? planCascade(ctx, o.month, result, o.now) : [];
  crashPoint('close:before-commit');
  let failed: Issue | null = null;
  try {
    ctx.ledger.transaction(() => {
      const r = ctx.ledger.closeMonth({
        month: o.month,
        result,
        policyVersion: ctx.policy.policy_version,
        policyText: ctx.policyText,
        toolVersion: TOOL_VERSION,
        closedAt: o.now,
        reason: o.reason,
        reopen: o.reopen,
      });
      if (!r.ok) {
        failed = asIssue(r);
        throw new LedgerError(r.code, r.params);
      }
      recordCascade(ctx, o.month, cascade, o.now);
    });
  } catch (e) {
    // A refusal of the ledger is reported as itself; anything SQLite threw (disk full …) with its
    // text. The transaction is rolled back either way and no file has been touched.
    const failure: Issue = failed ?? { code: 'close.ledger_failed', severity: 'error', params: { detail: e instanceof Error ? e.message : String(e) } };
    return { ...done, revision: null, issues: [...issues, failure] };
  }
  crashPoint('close:after-commit');

  // 2. The files follow: leftovers of an earlier run tidied, then this revision rendered into out/.
  const tidy = await rebuildMonthFiles(ctx, { month: o.month, lang: o.lang, now: o.now, force: false, fs: o.writeFs, skipPublish: true });
  const month = await publishMonthFiles(ctx, { month: o.month, revision, lang: o.lang, now: o.now, fs: o.writeFs });
  const extra: Partial<CloseRunResult> = { letters: month.letters };
  if (previous) {
    const later = await writeCascade(ctx, cascade, o.lang, o.now);
    extra.cascade = later.done;
    extra.withdrawn = withdrawnLetters(previous.result.consequences, result.consequences);
    extra.adjustments = adjustments(previous.result, result);
    extra.adjustmentsFile = month.adjustmentsFile;
    issues.push(...later.issues);
    // Result slips are written on demand (jixiao slips), not by close: those of the earlier revision
    // now show old numbers, so say so rather than leave them looking current.
    if (existsSync(path.join(outDir, SLIPS_FOLDER)))
      issues.push({ code: 'close.slips_outdated', severity: 'warning', file: path.join(outDir, SLIPS_FOLDER), params: { month: o.month, revision, previous: previous.revision } });
  }
  const files = month.files.filter((f) => f !== month.adjustmentsFile);
  return { ...done, ok: month.ok, files, issues: [...issues, ...tidy.issues, ...month.issues], ...extra };
}

/**
 * `close` on a month already closed: the committed revision's files are checked and those
 * missing rebuilt (a crash, a deletion by hand), files no revision explains moved aside.
 * `--force`: every file of the revision rendered again (e.g. in another --lang). Returns null
 * when everything was in place (the month is then simply "already closed").
 */
async function rebuildClosed(ctx: Context, o: CloseOptions, revision: number, base: CloseRunResult): Promise<CloseRunResult | null> {
  const r = await rebuildMonthFiles(ctx, { month: o.month, lang: o.lang, now: o.now, force: o.force, fs: o.writeFs });
  if (!r.changed.length && !r.issues.length && r.ok && !o.force) return null;
  const issues: Issue[] = [{ code: 'close.outputs_rebuilt', severity: 'warning', params: { month: o.month, revision, count: r.changed.length } }, ...r.issues];
  return { ...base, ok: r.ok, revision, files: r.changed, letters: r.letters, issues };
}

export function summarise(r: MonthResult): CloseSummary {
  return {
    evaluated: r.distribution.evaluated,
    excluded: r.employees.filter((e) => e.status === 'excluded').length,
    incomplete: r.incomplete.length,
    payTotal: moneySum(r.payroll.map((l) => l.performancePay)),
    fineTotal: moneySum(r.payroll.map((l) => l.fine)),
    netTotal: moneySum(r.payroll.map((l) => l.netPay)),
  };
}
