/**
 * `jixiao report --quarter 2026Q4 | --year 2026` (issue 9 item 4): the period report from the
 * ledger's history (closed months, and imported ones for months jixiao never closed), written to
 * out/绩效报告-2026Q4.xlsx or out/绩效报告-2026.xlsx. A rerun writes the file again (it is a
 * report of what the ledger holds now); the previous one is replaced atomically.
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { Month } from '../model.js';
import { periodReport, type PeriodMonth, type PeriodReport } from '../domain/period.js';
import { quarterMonths, yearMonths } from '../domain/dates.js';
import { periodReportWorkbook } from '../sheets/report-workbooks.js';
import { workbookBytes, writeFileAtomic, writeFailureIssue } from '../sheets/write.js';
import type { Lang } from '../i18n/index.js';

export interface ReportRunResult {
  ok: boolean;
  report: PeriodReport | null;
  file: string | null;
  issues: Issue[];
}

export async function runReport(ctx: Context, o: { quarter: { year: number; quarter: number } | null; year: number | null; lang: Lang; now: string }): Promise<ReportRunResult> {
  const kind = o.quarter ? 'quarter' : 'year';
  const months: Month[] = o.quarter ? quarterMonths(o.quarter.year, o.quarter.quarter) : yearMonths(o.year!);
  const label = o.quarter ? `${o.quarter.year}Q${o.quarter.quarter}` : String(o.year);
  const data = new Map<Month, PeriodMonth>();
  for (const m of months) {
    const g = ctx.ledger.monthGrades(m);
    if (g) data.set(m, { month: m, source: g.source.kind, lines: g.lines });
  }
  const report = periodReport({ label, kind, months }, data, ctx.policy);
  const wb = periodReportWorkbook(report, o.lang, o.now);
  const file = path.join(ctx.ws.out, `绩效报告-${label}.xlsx`);
  const w = await writeFileAtomic(file, await workbookBytes(wb), { overwrite: true });
  if (!w.ok) return { ok: false, report, file: null, issues: [writeFailureIssue(w)] };
  return { ok: true, report, file: w.file, issues: [] };
}
