/**
 * 月度目标-YYYY.xlsx (SPEC §9): the split of a year's targets, one sheet per department, in
 * the summary's style (src/sheets/style.ts). Rows: per indicator, each person's months, then
 * the department's row (合计 of the people for an additive indicator — the same numbers
 * exactly); columns 1月 … 12月 and 全年. Ratio targets show the same value in every month.
 */
import type ExcelJS from 'exceljs';
import type { Employee, TargetRow } from '../model.js';
import { Decimal } from '../domain/decimal.js';
import { addNote, addTable, finishSheet, newWorkbook, type TableColumn, type TableRow } from './style.js';

export const MONTH_HEADERS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);
export const DEPARTMENT_ROW_LABEL = '部门目标';

const COLUMNS: TableColumn[] = [
  { header: '指标', key: 'indicator', kind: 'text' },
  { header: '单位', key: 'unit', kind: 'text' },
  { header: '工号', key: 'employeeId', kind: 'text' },
  { header: '姓名', key: 'name', kind: 'text' },
  ...MONTH_HEADERS.map((h, i): TableColumn => ({ header: h, key: `m${i + 1}`, kind: 'money' })),
  { header: '全年', key: 'year', kind: 'money' },
];

/** Number format of a row by its indicator: 元 to the fen, whole 台次, ratios as written. */
function formatFor(r: Pick<TargetRow, 'kind' | 'unit'>, decimals: number): string {
  if (r.kind === 'ratio') return 'General';
  return decimals === 0 ? '#,##0' : `#,##0.${'0'.repeat(decimals)}`;
}

/** A department name as an Excel sheet name: no []:*?/\\, at most 31 characters, unique. */
function safeSheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[[\]:*?/\\]/g, '_').slice(0, 31) || '部门';
  let out = base;
  for (let n = 2; [...used].some((u) => u.toLowerCase() === out.toLowerCase()); n++) out = `${base.slice(0, 28)}-${n}`;
  return out;
}

export interface TargetsWorkbookInput {
  year: number;
  version: number;
  rows: readonly TargetRow[];
  /** 工号 → person, for 姓名. */
  people: Map<string, Employee>;
  /** indicator → decimals (for the number format). */
  decimals: Map<string, number>;
  generatedAt: string;
  sourceFile: string;
}

export function buildTargetsWorkbook(o: TargetsWorkbookInput): ExcelJS.Workbook {
  const wb = newWorkbook(o.generatedAt);
  wb.title = `${o.year} 年月度目标`;
  const departments = [...new Set(o.rows.map((r) => r.department))];
  const usedNames = new Set<string>();
  for (const dept of departments) {
    const name = safeSheetName(dept, usedNames);
    usedNames.add(name);
    const ws = wb.addWorksheet(name);
    const next = addNote(ws, 1, `${o.year} 年月度目标 · ${dept} · 第 ${o.version} 版(来源 ${o.sourceFile})`, { bold: true });
    const rows: TableRow[] = [];
    const styles: { fmt: string; department: boolean }[] = [];
    const mine = o.rows.filter((r) => r.department === dept);
    for (const indicator of [...new Set(mine.map((r) => r.indicator))]) {
      const of = mine.filter((r) => r.indicator === indicator);
      const first = of[0];
      const fmt = formatFor(first, o.decimals.get(indicator) ?? 2);
      const people = [...new Set(of.map((r) => r.employeeId).filter((id): id is string => id !== null))];
      const line = (employeeId: string | null): TableRow => {
        const cells = of.filter((r) => r.employeeId === employeeId).sort((a, b) => a.month - b.month);
        const row: TableRow = {
          indicator,
          unit: first.unit,
          employeeId: employeeId ?? '',
          name: employeeId ? o.people.get(employeeId)?.name ?? '' : DEPARTMENT_ROW_LABEL,
        };
        for (const c of cells) row[`m${c.month}`] = c.target;
        row.year =
          first.kind === 'additive' ? cells.reduce((s, c) => s.plus(c.target), new Decimal(0)).toFixed(o.decimals.get(indicator) ?? 2) : cells[0]?.target;
        return row;
      };
      for (const id of people) {
        rows.push(line(id));
        styles.push({ fmt, department: false });
      }
      rows.push(line(null));
      styles.push({ fmt, department: true });
    }
    const placed = addTable(ws, COLUMNS, rows, { startRow: next + 1, freeze: true, freezeColumns: 4 });
    styles.forEach((s, i) => {
      const xr = ws.getRow(placed.firstDataRow + i);
      for (let c = 5; c <= COLUMNS.length; c++) {
        const cell = xr.getCell(c);
        // New style objects, never cell.numFmt = …: addTable shares one style object between cells.
        if (typeof cell.value === 'number') cell.style = { ...cell.style, numFmt: s.fmt };
        if (s.department) cell.style = { ...cell.style, font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } };
      }
      if (s.department) for (let c = 1; c <= 4; c++) xr.getCell(c).style = { ...xr.getCell(c).style, font: { bold: true } };
    });
    finishSheet(ws, { headerText: `${o.year} 年月度目标` });
  }
  if (!departments.length) wb.addWorksheet('月度目标');
  return wb;
}
