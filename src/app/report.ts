/**
 * `jixiao report --quarter 2026Q4 | --year 2026` (issue 9 item 4): the period report from the
 * ledger's history (closed months, and imported ones for months jixiao never closed), written to
 * out/绩效报告-2026Q4.xlsx or out/绩效报告-2026.xlsx. A rerun that gives other bytes (more months
 * closed since) is the report's next revision: the earlier file moves into out/第N版/ (src/app/outputs.ts).
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { Month } from '../model.js';
import { periodReport, type PeriodMonth, type PeriodReport } from '../domain/period.js';
import { quarterMonths, yearMonths } from '../domain/dates.js';
import { periodReportWorkbook } from '../sheets/report-workbooks.js';
import { workbookBytes } from '../sheets/write.js';
import { publishOutputs } from './outputs.js';
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
  // Dated by the latest close it covers, not the run: the same ledger gives the same bytes, so a
  // rerun with nothing new is no new revision of the report.
  const closedAt = months.map((m) => ctx.ledger.closedMonth(m)?.closedAt ?? '').sort().pop();
  const wb = periodReportWorkbook(report, o.lang, closedAt || `${months[0]}-01T00:00:00Z`);
  // A rerun after more months closed is the report's next revision; the earlier one goes into out/第N版/.
  const w = await publishOutputs(ctx, { product: `report/${label}`, revision: 'next', files: [{ rel: `绩效报告-${label}.xlsx`, content: await workbookBytes(wb) }], now: o.now, complete: true });
  return { ok: w.ok, report, file: w.files[0] ?? null, issues: w.issues };
}
