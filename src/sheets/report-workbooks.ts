/**
 * The two report workbooks that are one table model each: the quarter/year report
 * (绩效报告-2026Q4.xlsx) and a reopen's 补发扣回 list. Built here, with their titles in the
 * clerk's language, so the app layer only decides what to write and where.
 */
import type ExcelJS from 'exceljs';
import { t, type Lang } from '../i18n/index.js';
import type { Month } from '../model.js';
import type { PeriodReport } from '../domain/period.js';
import { periodSheets } from '../report/period-report.js';
import { adjustmentsTable, type Adjustment } from '../report/adjustments.js';
import { translator } from '../report/month-report.js';
import { addReportSheets, finishSheet, newWorkbook } from './style.js';

export function periodReportWorkbook(report: PeriodReport, lang: Lang, stampedAt: string): ExcelJS.Workbook {
  const wb = newWorkbook(stampedAt);
  const headerText = t('report.title', { label: report.label }, lang);
  wb.title = headerText;
  addReportSheets(wb, periodSheets(report, lang));
  wb.eachSheet((ws) => finishSheet(ws, { headerText, pageText: t('close.print.page', {}, lang) }));
  return wb;
}

/** What the next payroll pays out or takes back after month `month` went from revision `from` to `to`. */
export function adjustmentsWorkbook(list: Adjustment[], o: { month: Month; from: number; to: number; lang: Lang; stampedAt: string }): ExcelJS.Workbook {
  const L = translator(o.lang);
  const wb = newWorkbook(o.stampedAt);
  addReportSheets(wb, [{ name: '补发扣回', tables: [adjustmentsTable(list, L, { month: o.month, from: o.from, to: o.to })] }]);
  wb.eachSheet((ws) => finishSheet(ws, { headerText: L('adjust.title', { month: o.month, from: o.from, to: o.to }) }));
  return wb;
}
