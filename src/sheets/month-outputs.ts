/**
 * A closed month's outputs written together, all or nothing: the summary workbook
 * (绩效汇总-YYYY-MM.xlsx), the payroll workbook and the payroll CSV (sheets/payroll.ts).
 */
import * as nodePath from 'node:path';
import type { Lang } from '../i18n/index.js';
import type { MonthResult } from '../model.js';
import { buildPayrollWorkbook, payrollCsv } from './payroll.js';
import { buildSummaryWorkbook } from './summary-workbook.js';
import { nodeWriteFs, safeFileName, workbookBytes, writeFailure, writeFilesAtomic, type WriteFs, type WriteManyResult } from './write.js';

/** The file names of a month's outputs. */
export function monthOutputNames(month: string): { summary: string; payrollXlsx: string; payrollCsv: string } {
  const m = safeFileName(month);
  return { summary: `绩效汇总-${m}.xlsx`, payrollXlsx: `绩效工资表-${m}.xlsx`, payrollCsv: `绩效工资表-${m}.csv` };
}

/** The bytes of a month's three outputs (what writeMonthOutputs writes; close publishes them via src/app/outputs.ts). */
export async function monthOutputBytes(result: MonthResult, lang: Lang): Promise<{ summary: Uint8Array; payrollXlsx: Uint8Array; payrollCsv: Uint8Array | string }> {
  // One workbook at a time (not Promise.all, whose arguments build both models before either is
  // written): each exceljs model is dropped once its bytes exist, so the peak is the larger of the
  // two, not their sum (close of a 20,000-person group: issue 11).
  const summary = await workbookBytes(buildSummaryWorkbook(result, lang));
  const payrollXlsx = await workbookBytes(buildPayrollWorkbook(result, lang));
  return { summary, payrollXlsx, payrollCsv: payrollCsv(result, lang) };
}

/**
 * Write the summary workbook, the payroll workbook and the payroll CSV of a month into
 * `outDir` (created if missing), all or nothing: an existing output without `overwrite`
 * → `output.exists`; a target open in Excel or read-only → `output.locked`; in both cases
 * no file is changed.
 */
export async function writeMonthOutputs(
  result: MonthResult,
  outDir: string,
  lang: Lang,
  opts: { overwrite: boolean; fs?: Partial<WriteFs>; onReplaced?: () => void | Promise<void> },
): Promise<WriteManyResult> {
  const names = monthOutputNames(result.month);
  // One workbook at a time: each exceljs model is dropped once its bytes exist, so the peak
  // is the larger of the two, not their sum (a 20,000-person group: issue 11).
  const summary = await workbookBytes(buildSummaryWorkbook(result, lang));
  const payroll = await workbookBytes(buildPayrollWorkbook(result, lang));
  const dir = nodePath.resolve(outDir);
  try {
    await { ...nodeWriteFs, ...opts.fs }.mkdir(dir);
  } catch (e) {
    return writeFailure(dir, e);
  }
  return writeFilesAtomic(
    [
      { path: nodePath.join(dir, names.summary), content: summary },
      { path: nodePath.join(dir, names.payrollXlsx), content: payroll },
      { path: nodePath.join(dir, names.payrollCsv), content: payrollCsv(result, lang) },
    ],
    opts,
  );
}
