/**
 * What a workbook of past results says (history import, issue 9), in either layout a clerk keeps:
 *  - long: 工号, 姓名, 月份, 总分, 等级 (等级 optional), one row per person and month;
 *  - wide: 工号, 姓名, then one column per month (2026-05, 2026/5, 2026年5月, or 5月 with a
 *    年份 cell or --year), each cell a total or a grade A–E alone.
 * Months as text, dates or serial numbers, full-width digits; a blank cell = not graded that
 * month. Every problem is an Issue with file, sheet and cell, all reported together. Pure.
 */
import type { GradeLetter, Month } from '../model.js';
import type { Policy } from '../policy/schema.js';
import { issue, type Issue } from '../issues.js';
import { dec, fixed } from '../domain/decimal.js';
import { gradeFor } from '../domain/grades.js';
import { monthOfParts } from '../domain/dates.js';
import type { ParsedNumber } from './numbers.js';

export const HISTORY_COLUMNS = [
  { key: 'id', names: ['工号', '员工编号', '员工工号', '员工号', '编号', '职工号', '人员编号'], required: true },
  { key: 'name', names: ['姓名', '员工姓名', '名字'], required: true },
  { key: 'month', names: ['月份', '月度', '考核月份', '评估月份', '期间'], required: false },
  { key: 'total', names: ['总分', '得分', '绩效得分', '考核得分', '评估得分', '总得分', '成绩'], required: false },
  { key: 'grade', names: ['等级', '绩效等级', '考核等级', '评估等级'], required: false },
];

/** One cell, as the sheet reader saw it. */
export interface GridCell {
  col: number;
  ref: string;
  kind: 'empty' | 'number' | 'text' | 'date' | 'bool' | 'error' | 'formula-no-value';
  /** As the clerk sees it. */
  shown: string;
  /** shown, with full-width characters folded and spaces collapsed. */
  text: string;
  number: ParsedNumber;
  /** YYYY-MM-DD when the cell reads as a date (a Date cell, a serial number, 2026/5/1 …). */
  date: string | null;
}

export interface HistoryGrid {
  file: string;
  sheet: string;
  headerRow: number;
  /** Column numbers of id, name and, when present, month, total, grade. */
  columns: Record<string, number>;
  headers: GridCell[];
  rows: { row: number; cells: GridCell[] }[];
  /** A 年份 cell above the table, if any. */
  year: GridCell | null;
}

export interface HistoryGradeRow {
  month: Month;
  employeeId: string;
  name: string;
  total: string | null;
  bandGrade: GradeLetter | null;
  grade: GradeLetter;
  cell: string;
}

export interface HistoryCheck {
  layout: 'long' | 'wide';
  months: Month[];
  grades: HistoryGradeRow[];
  /** Months that stand on grades alone for someone (no total): they count for chains, not means. */
  issues: Issue[];
  /** For each month, the cells it came from (header cell in wide, the 月份 cells in long). */
  monthCells: Map<Month, string[]>;
}

const GRADES = new Set(['A', 'B', 'C', 'D', 'E']);

/**
 * A month as typed: 2026-05, 2026/5, 2026.5, 2026年5月, 202605, a date or serial number, or
 * 5月 / 5 (only with a year). 'no_year' when the month needs a year that was not given.
 */
export function monthOfCell(c: GridCell, year: number | null, bareNumber = false): Month | 'no_year' | null {
  if (c.kind === 'date' || (c.kind === 'number' && c.date && !/^\d{6}$/.test(c.text))) return c.date ? c.date.slice(0, 7) : null;
  const s = c.text.replace(/\s+/g, '');
  let m = /^(\d{4})[-/.年](\d{1,2})(?:月份?)?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (m) return valid(+m[1], +m[2]);
  m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (m) return valid(+m[1], +m[2]);
  m = bareNumber ? /^(\d{1,2})(?:月份?)?$/.exec(s) : /^(\d{1,2})月份?$/.exec(s);
  if (m) {
    if (+m[1] < 1 || +m[1] > 12) return null;
    return year === null ? 'no_year' : monthOfParts(year, +m[1]);
  }
  return null;
}
const valid = (y: number, mo: number): Month | null => (y >= 1900 && y <= 2199 && mo >= 1 && mo <= 12 ? monthOfParts(y, mo) : null);

/** A header that was meant as a month (digits with 月, 年 or a date separator) but is not one. */
const looksLikeMonth = (c: GridCell): boolean =>
  c.kind === 'date' || (c.kind === 'number' && c.date !== null) || /\d/.test(c.text) && /[月年\-/.]|^\d{4,6}$/.test(c.text);

export function checkHistory(grid: HistoryGrid, o: { year: number | null; policy: Pick<Policy, 'grades' | 'score_max'> }): HistoryCheck {
  const { file, sheet } = grid;
  const issues: Issue[] = [];
  const at = (c: GridCell, extra: Partial<Issue> = {}): Partial<Issue> => ({ file, sheet, cell: c.ref, found: c.shown, ...extra });

  // The year for 5月-style months: --year, else the 年份 cell; both given and different is refused.
  let year = o.year;
  if (grid.year) {
    const y = /^\d{4}$/.test(grid.year.text) ? Number(grid.year.text) : grid.year.number.ok && /^\d{4}$/.test(grid.year.number.value) ? Number(grid.year.number.value) : null;
    if (y === null) issues.push(issue('history.bad_year', 'error', at(grid.year, { expected: '2026' })));
    else if (o.year !== null && o.year !== y) issues.push(issue('history.year_conflict', 'error', at(grid.year, { expected: String(o.year), params: { option: o.year } })));
    else year = y;
  }

  const long = grid.columns.month !== undefined;
  const layout: 'long' | 'wide' = long ? 'long' : 'wide';
  const monthCells = new Map<Month, string[]>();
  const grades: HistoryGradeRow[] = [];
  const seen = new Map<string, string>(); // employee|month → cell
  const names = new Map<string, { name: string; cell: string }>();

  // Month columns (wide): every header that reads as a month; one that looks like a month but is not, refused.
  const monthCols = new Map<number, Month>();
  if (!long) {
    const byMonth = new Map<Month, string>();
    const fixedCols = new Set(Object.values(grid.columns));
    for (const h of grid.headers) {
      if (fixedCols.has(h.col) || h.kind === 'empty') continue;
      const m = monthOfCell(h, year);
      if (m === 'no_year') issues.push(issue('history.year_needed', 'error', at(h)));
      else if (m === null) {
        if (looksLikeMonth(h)) issues.push(issue('history.bad_month', 'error', at(h, { expected: '2026-05 / 2026/5 / 2026年5月 / 5月' })));
      } else if (byMonth.has(m)) issues.push(issue('history.duplicate_month_column', 'error', at(h, { params: { month: m, first: byMonth.get(m)! } })));
      else {
        byMonth.set(m, h.ref);
        monthCols.set(h.col, m);
        monthCells.set(m, [h.ref]);
      }
    }
    if (monthCols.size === 0 && !issues.some((i) => i.severity === 'error'))
      issues.push(issue('history.no_months', 'error', { file, sheet, cell: `A${grid.headerRow}`, expected: '2026-05 / 2026年5月 / 月份 + 总分' }));
  } else if (grid.columns.total === undefined && grid.columns.grade === undefined) {
    issues.push(issue('column.missing', 'error', { file, sheet, cell: `A${grid.headerRow}`, expected: '总分', params: { column: '总分', aliases: '等级' } }));
  }

  for (const { row, cells } of grid.rows) {
    const cell = (key: string) => (grid.columns[key] === undefined ? null : cells[grid.columns[key] - 1]);
    const idCell = cell('id')!;
    const nameCell = cell('name')!;
    const id = idCell.kind === 'number' && idCell.number.ok ? idCell.number.value : idCell.text;
    const name = nameCell.text;
    const rowParams = { row, id, name };
    if (!id) {
      issues.push(issue('history.missing_id', 'error', at(idCell, { params: rowParams })));
      continue;
    }
    if (!name) issues.push(issue('history.missing_name', 'error', at(nameCell, { params: rowParams })));
    const known = names.get(id);
    if (known && name && known.name !== name)
      issues.push(issue('history.name_differs', 'error', at(nameCell, { expected: known.name, params: { ...rowParams, first: known.cell } })));
    else if (!known && name) names.set(id, { name, cell: nameCell.ref });

    const record = (month: Month, totalCell: GridCell | null, gradeCell: GridCell | null, where: GridCell) => {
      const total = totalCell ? readTotal(totalCell, rowParams) : { total: null, grade: null };
      const recorded = gradeCell ? readGrade(gradeCell, rowParams) : null;
      const letter = total.grade ?? recorded;
      if (total.total === null && letter === null) return; // blank: not graded that month (or already reported)
      const key = `${id}|${month}`;
      if (seen.has(key)) {
        issues.push(issue('history.duplicate', 'error', at(where, { params: { ...rowParams, month, first: seen.get(key)! } })));
        return;
      }
      seen.set(key, where.ref);
      let bandGrade: GradeLetter | null = null;
      if (total.total !== null) {
        const g = gradeFor(dec(total.total), o.policy.grades, o.policy.score_max);
        if (!g.ok) {
          issues.push(issue('history.total_out_of_range', 'error', at(totalCell!, { expected: `0–${o.policy.score_max}`, params: rowParams })));
          return;
        }
        bandGrade = g.grade;
      }
      const grade = (recorded ?? bandGrade)!;
      if (recorded && bandGrade && recorded !== bandGrade)
        issues.push(issue('history.grade_differs', 'warning', at(gradeCell!, { expected: bandGrade, params: { ...rowParams, month, total: total.total!, recorded, band: bandGrade } })));
      grades.push({ month, employeeId: id, name, total: total.total, bandGrade, grade, cell: (totalCell && totalCell.kind !== 'empty' ? totalCell : gradeCell ?? where).ref });
    };

    if (long) {
      const mc = cell('month')!;
      const totalCell = cell('total');
      const gradeCell = cell('grade');
      if (mc.kind === 'empty') {
        if ((totalCell && totalCell.kind !== 'empty') || (gradeCell && gradeCell.kind !== 'empty'))
          issues.push(issue('history.missing_month', 'error', at(mc, { params: rowParams })));
        continue;
      }
      const m = monthOfCell(mc, year, true);
      if (m === 'no_year') {
        issues.push(issue('history.year_needed', 'error', at(mc, { params: rowParams })));
        continue;
      }
      if (m === null) {
        issues.push(issue('history.bad_month', 'error', at(mc, { expected: '2026-05 / 2026/5 / 2026年5月 / 5月', params: rowParams })));
        continue;
      }
      const list = monthCells.get(m) ?? [];
      list.push(mc.ref);
      monthCells.set(m, list);
      // 总分 as a grade alone (A–E) in the long layout is read as the grade.
      if (totalCell && totalCell.kind !== 'empty' && GRADES.has(totalCell.text.toUpperCase()) && (!gradeCell || gradeCell.kind === 'empty'))
        record(m, null, totalCell, mc);
      else record(m, totalCell, gradeCell, mc);
    } else {
      for (const [col, m] of monthCols) {
        const c = cells[col - 1];
        if (c.kind === 'empty') continue;
        if (GRADES.has(c.text.toUpperCase())) record(m, null, c, c);
        else record(m, c, null, c);
      }
    }
  }

  function readTotal(c: GridCell, rowParams: Record<string, string | number>): { total: string | null; grade: null } {
    if (c.kind === 'empty') return { total: null, grade: null };
    if (c.kind === 'formula-no-value' || c.kind === 'error') {
      issues.push(issue('history.cell_unreadable', 'error', at(c, { params: rowParams })));
      return { total: null, grade: null };
    }
    if (!c.number.ok || c.number.normalised === 'percent' || c.kind === 'date') {
      issues.push(issue('history.bad_total', 'error', at(c, { expected: `0–${o.policy.score_max} / A–E`, params: rowParams })));
      return { total: null, grade: null };
    }
    const v = dec(c.number.value);
    if (v.isNegative() || v.gt(o.policy.score_max)) {
      issues.push(issue('history.total_out_of_range', 'error', at(c, { expected: `0–${o.policy.score_max}`, params: rowParams })));
      return { total: null, grade: null };
    }
    return { total: fixed(v, 2), grade: null };
  }

  function readGrade(c: GridCell, rowParams: Record<string, string | number>): GradeLetter | null {
    if (c.kind === 'empty') return null;
    const g = c.text.toUpperCase();
    if (GRADES.has(g)) return g as GradeLetter;
    issues.push(issue('history.bad_grade', 'error', at(c, { expected: 'A–E', params: rowParams })));
    return null;
  }

  const months = [...new Set(grades.map((g) => g.month).concat([...monthCols.values()]))].sort();
  return { layout, months, grades, issues, monthCells };
}
