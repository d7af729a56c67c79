/**
 * `jixiao receive <files…> [--at]`: read each sheet once, validate those bytes, archive the same
 * bytes unchanged (verified, src/app/archive.ts) into archive/ named by their SHA-256 (the same bytes twice are recognised, not doubled), and record
 * receipt time, scorer, month, version, result and the normalised rows in the ledger, so that
 * close works from the ledger. The original file is never modified.
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { FormKind, Month, GoalRow } from '../model.js';
import { checkFile, planCache } from './check-file.js';
import { loadFormTemplate } from '../policy/form-template.js';
import { currentEvaluationMonth } from './roster.js';
import { lateness } from '../domain/deadline.js';
import { inOffset } from '../domain/clock.js';
import type { Progress } from './validate.js';
import { readInputFile } from '../sheets/open.js';
import { archiveBytes } from './archive.js';
import type { WriteFs } from '../sheets/write.js';

export interface ReceivedFile {
  file: string;
  kind: FormKind | null;
  scorerId: string | null;
  scorerName: string | null;
  sha256: string | null;
  formKey: string | null;
  version: number | null;
  duplicate: boolean;
  receivedAt: string;
  errors: number;
  warnings: number;
  archivedPath: string | null;
  /** Days late of this version against its deadline (0 = on time); null when not recorded. */
  daysLate: number | null;
  /** Goal rows whose 得分 was computed from 实际值 by the indicator's rule (SPEC §9). */
  byRule: GoalRow[];
  /** Set when the sheet's month is already closed: this version does not change the closed result by itself. */
  monthClosed: { revision: number } | null;
}

export interface ReceiveResult {
  files: ReceivedFile[];
  issues: Issue[];
}

export async function runReceive(
  ctx: Context,
  files: string[],
  o: { at: string; month?: Month; progress: Progress; /** Tests inject file-system failures (disk full …). */ fs?: Partial<WriteFs> },
): Promise<ReceiveResult> {
  const tpl = loadFormTemplate();
  if (!tpl.ok) return { files: [], issues: tpl.issues };
  const plans = planCache(ctx);
  const fallbackMonth = o.month ?? currentEvaluationMonth(o.at, ctx.policy.deadlines.utc_offset);
  const result: ReceiveResult = { files: [], issues: [] };
  for (const [i, f] of files.entries()) {
    o.progress(i + 1, files.length, f);
    // Read once: these bytes are hashed, checked and archived (a file changing meanwhile cannot make them differ).
    const input = await readInputFile(f);
    const c = await checkFile(ctx, f, { month: o.month, fallbackMonth, template: tpl.template, plans, targetsFor: (k) => ctx.ledger.formTargets(k)?.targets ?? null, ...(input.ok ? { bytes: input.bytes } : {}) });
    result.issues.push(...c.issues);
    const line: ReceivedFile = {
      file: c.file,
      kind: c.kind,
      scorerId: c.scorerId,
      scorerName: c.scorerName,
      sha256: c.sha256,
      formKey: c.formKey,
      version: null,
      duplicate: false,
      receivedAt: o.at,
      errors: c.errors,
      warnings: c.warnings,
      archivedPath: null,
      daysLate: null,
      byRule: c.parsed?.goals.filter((g) => g.byRule) ?? [],
      monthClosed: null,
    };
    // A sheet that does not say which form it is cannot be recorded against a scorer.
    if (!input.ok || !c.formKey || !c.sha256 || !c.kind || !c.month || !c.scorerId) {
      result.issues.push({ code: 'receive.not_recorded', severity: 'warning', file: c.file });
      result.files.push(line);
      continue;
    }
    const archived = await archiveBytes(ctx.ws.archive, c.sha256, path.extname(f).toLowerCase() || '.xlsx', input.bytes, { fs: o.fs });
    if (archived.repaired) result.issues.push({ code: 'archive.repaired', severity: 'warning', file: c.file, params: { file: archived.path } });
    const r = ctx.ledger.recordSubmission({
      month: c.month,
      kind: c.kind,
      scorerId: c.scorerId,
      formKey: c.formKey,
      fileName: c.file,
      sha256: c.sha256,
      archivedPath: path.relative(ctx.ws.root, archived.path),
      receivedAt: o.at,
      errorCount: c.errors,
      warningCount: c.warnings,
      issues: c.issues,
      parsed: c.parsed,
    });
    const closed = ctx.ledger.closedMonth(c.month);
    if (closed && !r.duplicate)
      result.issues.push({ code: 'receive.month_closed', severity: 'warning', file: c.file, params: { month: c.month, revision: closed.revision } });
    line.version = r.version;
    line.duplicate = r.duplicate;
    line.archivedPath = archived.path;
    if (closed) line.monthClosed = { revision: closed.revision };
    if (r.duplicate) line.receivedAt = inOffset(r.submission.receivedAt, ctx.policy.deadlines.utc_offset);
    if (c.plan && !c.errors) line.daysLate = lateness(c.plan.deadline, line.receivedAt, line.receivedAt, ctx.policy.deadlines.fine_per_day).daysLate;
    result.files.push(line);
  }
  return result;
}
