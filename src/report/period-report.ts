/**
 * The tables of a quarter or year report (issue 9 item 4), in the one table model: the terminal
 * draws them, the workbook 绩效报告-2026.xlsx / 绩效报告-2026Q4.xlsx writes them as sheets.
 */
import type { PeriodReport } from '../domain/period.js';
import { col, translator, type Tr } from './month-report.js';
import type { ReportSheet, ReportTable } from './table.js';
import type { Lang } from '../i18n/index.js';

const list = (L: Tr, xs: readonly string[]) => xs.join(L('close.list_sep'));

export function periodEmployeesTable(r: PeriodReport, L: Tr): ReportTable {
  return {
    title: L('report.title', { label: r.label }),
    columns: [
      col(L, 'employee_id', 'text'),
      col(L, 'name', 'text'),
      { header: L('report.col.score'), key: 'score', kind: 'score' },
      col(L, 'grade', 'text'),
      { header: L('report.col.months'), key: 'months', kind: 'int' },
      { header: L('report.col.missing'), key: 'missing', kind: 'text' },
      { header: L('report.col.grade_only'), key: 'grade_only', kind: 'text' },
      { header: L('report.col.monthly'), key: 'monthly', kind: 'text' },
    ],
    rows: r.employees.map((e) => ({
      employee_id: e.employeeId,
      name: e.name,
      score: e.score,
      grade: e.grade ?? '',
      months: e.counted.length,
      missing: list(L, e.missing),
      grade_only: list(L, e.gradeOnly),
      monthly: list(
        L,
        e.monthly.map((m) => `${m.month} ${m.grade}${m.total !== null ? ' ' + m.total : ''}`),
      ),
    })),
    emptyText: L('report.none'),
    note: r.notClosed.length ? L('report.not_closed', { months: list(L, r.notClosed) }) : undefined,
  };
}

export function periodMonthsTable(r: PeriodReport, L: Tr): ReportTable {
  return {
    title: L('report.months_title'),
    columns: [
      { header: L('history.col.month'), key: 'month', kind: 'text' },
      { header: L('history.col.source'), key: 'source', kind: 'text' },
    ],
    rows: r.months.map((m) => ({ month: m.month, source: L(`report.source.${m.source}`) })),
  };
}

export function periodListsTables(r: PeriodReport, L: Tr): ReportTable[] {
  const people = (title: string, xs: PeriodReport['employees'], empty: string): ReportTable => ({
    title,
    columns: [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), { header: L('report.col.score'), key: 'score', kind: 'score' }, col(L, 'grade', 'text')],
    rows: xs.map((e) => ({ employee_id: e.employeeId, name: e.name, score: e.score, grade: e.grade ?? '' })),
    emptyText: empty,
  });
  const out: ReportTable[] = [];
  if (r.kind === 'year') {
    out.push(people(L('report.raise_title'), r.raiseEligible, L('report.none')));
    out.push(people(L('report.priority_title'), r.promotionPriority, L('report.none')));
  }
  out.push({
    title: L('report.award_title'),
    columns: [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), { header: L('report.col.award_months'), key: 'months', kind: 'text' }],
    rows: r.awardCandidates.map((a) => ({ employee_id: a.employeeId, name: a.name, months: list(L, a.months) })),
    emptyText: L('report.none'),
  });
  return out;
}

export function periodDistributionTable(r: PeriodReport, L: Tr): ReportTable {
  return {
    title: L('report.distribution_title'),
    columns: [
      col(L, 'grade', 'text'),
      col(L, 'actual_count', 'int'),
      col(L, 'actual_percent', 'percent'),
    ],
    rows: r.distribution.map((d) => ({ grade: d.grade, actual_count: d.count, actual_percent: d.percent })),
  };
}

export function periodSheets(r: PeriodReport, lang: Lang): ReportSheet[] {
  const L = translator(lang);
  return [
    { name: r.kind === 'year' ? '年度成绩' : '季度成绩', tables: [periodEmployeesTable(r, L)], freezeColumns: 2 },
    { name: '名单', tables: periodListsTables(r, L) },
    { name: '等级分布', tables: [periodDistributionTable(r, L)] },
    { name: '月份来源', tables: [periodMonthsTable(r, L)] },
  ];
}
