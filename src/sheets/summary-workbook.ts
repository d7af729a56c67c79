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
import { addReportSheets, finishSheet, newWorkbook } from './style.js';
import { wallClockText } from '../domain/clock.js';

export { SUMMARY_SHEETS } from '../report/month-report.js';

/**
 * Build 绩效汇总 for a closed month. The 说明 sheet shows the summary's pay and fine totals
 * beside the payroll lines' totals, so a mismatch (which would be a bug upstream) is visible.
 */
export function buildSummaryWorkbook(result: MonthResult, lang: Lang): ExcelJS.Workbook {
  const headerText = t('close.title.summary_doc', { month: result.month }, lang);
  const wb = newWorkbook(result.closedAt);
  wb.title = headerText;
  addReportSheets(wb, summarySheets(result, lang, wallClockText(result.closedAt)));
  wb.eachSheet((ws) => finishSheet(ws, { headerText, pageText: t('close.print.page', {}, lang) }));
  return wb;
}
