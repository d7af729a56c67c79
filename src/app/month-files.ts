/**
 * The files of a closed month's revision, rendered from the ledger alone (issue 10 §2: the
 * ledger decides, files follow): the summary, the payroll (xlsx + csv), for a reopened revision
 * the 补发扣回 list, and the warning letters and plans. `close`, the cascade of a reopen and a
 * `close` that finds files missing all publish them through here, so a revision's files are
 * the same whoever writes them.
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { Month, MonthResult } from '../model.js';
import type { Lang } from '../i18n/index.js';
import { monthOutputBytes, monthOutputNames } from '../sheets/month-outputs.js';
import { adjustments } from '../report/adjustments.js';
import { adjustmentsWorkbook } from '../sheets/report-workbooks.js';
import { workbookBytes, type WriteFs } from '../sheets/write.js';
import { outputAt, publishOutputs, repairOutputs, type OutputSpec } from './outputs.js';
import { LETTERS_FOLDER, lettersProduct, renderLetters, writeLetters, type LetterFile } from './letters.js';

/** The registry product of a month's close files. */
export const closeProduct = (month: Month): string => `close/${month}`;

/** 补发扣回-YYYY-MM-第N版.xlsx: what the next payroll pays out or takes back after revision `to`. */
export const adjustmentsFileName = (month: Month, to: number): string => `补发扣回-${month}-第${to}版.xlsx`;

/** The close files of a committed revision, under plain names in out/YYYY-MM/ (publishOutputs moves earlier ones into 第N版/). */
export async function renderMonthFiles(ctx: Context, month: Month, revision: number, lang: Lang): Promise<OutputSpec[]> {
  const closed = ctx.ledger.revision(month, revision);
  if (!closed) return [];
  const names = monthOutputNames(month);
  const bytes = await monthOutputBytes(closed.result, lang);
  const files: OutputSpec[] = [
    { rel: `${month}/${names.summary}`, content: bytes.summary },
    { rel: `${month}/${names.payrollXlsx}`, content: bytes.payrollXlsx },
    { rel: `${month}/${names.payrollCsv}`, content: bytes.payrollCsv },
  ];
  const previous = revision > 1 ? ctx.ledger.revision(month, revision - 1) : null;
  if (previous) {
    const wb = adjustmentsWorkbook(adjustments(previous.result, closed.result), { month, from: previous.revision, to: revision, lang, stampedAt: closed.closedAt });
    files.push({ rel: `${month}/${adjustmentsFileName(month, revision)}`, content: await workbookBytes(wb) });
  }
  return files;
}

export interface MonthFilesResult {
  ok: boolean;
  /** The close files of the revision (absolute paths). */
  files: string[];
  written: string[];
  adjustmentsFile: string | null;
  letters: LetterFile[];
  issues: Issue[];
}

/** Publish the files of a committed revision of month (the latest one) and its letters. */
export async function publishMonthFiles(
  ctx: Context,
  o: { month: Month; revision: number; lang: Lang; now: string; fs?: Partial<WriteFs>; missingOnly?: boolean },
): Promise<MonthFilesResult> {
  const product = closeProduct(o.month);
  // missingOnly: the files this revision has not registered yet (a run cut short); the others stay as they are
  const registered = (rel: string) => {
    const f = outputAt(ctx, rel);
    return f !== null && f.product === product && f.revision === o.revision;
  };
  const specs = (await renderMonthFiles(ctx, o.month, o.revision, o.lang)).filter((s) => !o.missingOnly || !registered(s.rel));
  const published = await publishOutputs(ctx, { product, revision: o.revision, files: specs, now: o.now, complete: !o.missingOnly, fs: o.fs });
  const adjustmentsFile = published.files.find((f) => path.basename(f).startsWith('补发扣回-')) ?? null;
  if (!published.ok) return { ok: false, files: published.files, written: published.written, adjustmentsFile, letters: [], issues: published.issues };
  // Letters after the month's files: a letter that cannot be written is reported, the close stands.
  const closed = ctx.ledger.revision(o.month, o.revision)!;
  const letters = await writeLetters(ctx, closed.result, null, { now: o.now });
  return { ok: true, files: published.files, written: published.written, adjustmentsFile, letters: letters.files, issues: [...published.issues, ...letters.issues] };
}

/**
 * A month already closed: bring its files in line with the ledger. Files missing from any
 * revision are rebuilt, our temporary files left by a killed run removed, files no revision
 * explains moved aside; then the latest revision is published in full (a run cut short before
 * writing some of them). `force`: also a fresh copy beside each file a person has edited.
 * Returns the files rebuilt or written; nothing is recomputed.
 */
export async function rebuildMonthFiles(
  ctx: Context,
  o: { month: Month; lang: Lang; now: string; force: boolean; fs?: Partial<WriteFs>; /** only tidy and rebuild (close publishes a new revision next) */ skipPublish?: boolean },
): Promise<MonthFilesResult & { changed: string[] }> {
  const latest = ctx.ledger.closedMonth(o.month)!.revision;
  const closeRepair = await repairOutputs(ctx, {
    product: closeProduct(o.month),
    folders: [o.month],
    now: o.now,
    render: (rev) => renderMonthFiles(ctx, o.month, rev, o.lang),
  });
  const letterRepair = await repairOutputs(ctx, {
    product: lettersProduct(o.month),
    folders: [`${o.month}/${LETTERS_FOLDER}`],
    now: o.now,
    render: async (rev) => {
      const r = ctx.ledger.revision(o.month, rev);
      return r ? lettersSpecs(ctx, r.result) : [];
    },
  });
  const published: MonthFilesResult = o.skipPublish
    ? { ok: true, files: [], written: [], adjustmentsFile: null, letters: [], issues: [] }
    : await publishMonthFiles(ctx, { month: o.month, revision: latest, lang: o.lang, now: o.now, fs: o.fs, missingOnly: !o.force });
  const letterWritten = published.letters.filter((l) => l.status !== 'unchanged').map((l) => l.file);
  return {
    ...published,
    changed: [...closeRepair.rebuilt, ...letterRepair.rebuilt, ...published.written, ...letterWritten],
    issues: [...closeRepair.issues, ...letterRepair.issues, ...published.issues],
  };
}

/** The letters of a revision as output specs (for a rebuild), without publishing them. */
function lettersSpecs(ctx: Context, result: MonthResult): OutputSpec[] {
  return renderLetters(ctx, result).rendered.map((r) => ({ rel: `${result.month}/${LETTERS_FOLDER}/${r.doc.fileName}`, content: r.bytes }));
}
