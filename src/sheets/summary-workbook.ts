/**
 * The HR summary workbook of a closed month, 绩效汇总-YYYY-MM.xlsx (SPEC §8): the month's
 * report tables (src/report/month-report.ts, where the sheets are laid out) written with
 * the office look of src/sheets/style.ts.
 *
 * Sheet names are the file's contract and stay Chinese in both languages; headers and
 * text follow the language.
 */
import ExcelJS from 'exceljs';
import { t, type Lang } from '../i18n/index.js';
import type { MonthResult } from '../model.js';
import { summarySheets } from '../report/month-report.js';
import { addReportSheets, finishSheet, newWorkbook, toExcelDate } from './style.js';

export { SUMMARY_SHEETS } from '../report/month-report.js';

/** An instant as Beijing wall-clock text, "2026-11-08 10:00". */
export function beijingText(iso: string): string {
  const d = toExcelDate(iso);
  if (!d) return iso;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Build 绩效汇总 for a closed month. The 说明 sheet shows the summary's pay and fine totals
 * beside the payroll lines' totals, so a mismatch (which would be a bug upstream) is visible.
 */
export function buildSummaryWorkbook(result: MonthResult, lang: Lang): ExcelJS.Workbook {
  const headerText = t('close.title.summary_doc', { month: result.month }, lang);
  const wb = newWorkbook(result.closedAt);
  wb.title = headerText;
  addReportSheets(wb, summarySheets(result, lang, beijingText(result.closedAt)));
  wb.eachSheet((ws) => finishSheet(ws, { headerText, pageText: t('close.print.page', {}, lang) }));
  return wb;
}
