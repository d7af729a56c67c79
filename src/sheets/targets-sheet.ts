/**
 * Reading a year's targets workbook (年度目标.xlsx, SPEC §9) into raw rows with their cells.
 * Only extraction happens here — which sheet, which column, what each cell holds as a
 * number — so the pure checker (src/checks/targets.ts) can judge the rows against the KPI
 * library and the staff list and point at every cell it rejects.
 *
 * Sheets: 年度目标 (指标, 部门, 年度目标), optional 季节系数 (指标, 1月 … 12月), optional
 * 人员分配 (指标, 部门, 工号, 份额). Columns are found by their header names.
 */
import type ExcelJS from 'exceljs';
import { issue, type Issue } from '../issues.js';
import { openWorkbook, type OpenOptions } from './open.js';
import { a1, headerKey, matchHeader, type ColumnSpec } from './headers.js';
import { displayText, normaliseText, parseNumber, readCell } from './cells.js';
import type { ExtractedTargets, RawCell } from '../checks/targets-input.js';
export type { AnnualTargetRow, RawCell, SeasonalityRow, ShareRow } from '../checks/targets-input.js';

/** The rows read, with the file's sha256 and the problems of opening and finding the sheets. */
export interface TargetsWorkbook extends ExtractedTargets {
  sha256: string | null;
  issues: Issue[];
}

export const TARGET_SHEETS = { annual: '年度目标', seasonality: '季节系数', shares: '人员分配' } as const;

const INDICATOR: ColumnSpec = { key: 'indicator', names: ['指标', '指标名称', '考核指标', 'KPI'], required: true };
const DEPARTMENT: ColumnSpec = { key: 'department', names: ['部门', '所属部门', '部门名称'], required: true };
const ANNUAL_COLUMNS: ColumnSpec[] = [
  INDICATOR,
  DEPARTMENT,
  { key: 'target', names: ['年度目标', '全年目标', '年目标', '目标值', '目标'], required: true },
];
const MONTH_COLUMNS: ColumnSpec[] = Array.from({ length: 12 }, (_, i) => ({
  key: `m${i + 1}`,
  names: [`${i + 1}月`, `${i + 1}月份`, `${String(i + 1).padStart(2, '0')}月`],
  required: true,
}));
const SEASONALITY_COLUMNS: ColumnSpec[] = [INDICATOR, ...MONTH_COLUMNS];
const SHARE_COLUMNS: ColumnSpec[] = [
  INDICATOR,
  DEPARTMENT,
  { key: 'employeeId', names: ['工号', '员工编号', '员工工号'], required: true },
  { key: 'share', names: ['份额', '分配比例', '比例', '占比', '权重'], required: true },
];

function rawCell(ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook, row: number, col: number): RawCell {
  const r = readCell(ws.getCell(row, col), wb);
  return { cell: a1(row, col), text: normaliseText(displayText(r)), number: parseNumber(r) };
}

/** The sheet named `name` (loose on spaces and width), or null. */
function sheetNamed(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | null {
  return wb.worksheets.find((ws) => headerKey(ws.name) === headerKey(name)) ?? null;
}

/** Data rows under the header: every row with something in one of `cols`, up to the last used row. */
function dataRows(ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook, headerRow: number, cols: number[]): number[] {
  const out: number[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    if (cols.some((c) => normaliseText(displayText(readCell(row.getCell(c), wb))) !== '')) out.push(r);
  }
  return out;
}

export async function readTargetsWorkbook(path: string, opts: OpenOptions = {}): Promise<TargetsWorkbook> {
  const opened = await openWorkbook(path, opts);
  if (!opened.ok) {
    const file = opts.displayName ?? path.split(/[\\/]/).pop() ?? path;
    return { file, sha256: opened.sha256, sheets: { annual: null, seasonality: null, shares: null }, annual: [], seasonality: [], shares: [], issues: opened.issues };
  }
  const r = readTargetsFrom(opened.wb.workbook, opened.wb.file);
  return { ...r, sha256: opened.wb.sha256, issues: [...opened.issues, ...r.issues] };
}

/** The same, from a workbook already open. */
export function readTargetsFrom(wb: ExcelJS.Workbook, file: string): Omit<TargetsWorkbook, 'sha256'> {
  const issues: Issue[] = [];
  const out: Omit<TargetsWorkbook, 'sha256'> = {
    file,
    sheets: { annual: null, seasonality: null, shares: null },
    annual: [],
    seasonality: [],
    shares: [],
    issues,
  };

  const annual = sheetNamed(wb, TARGET_SHEETS.annual);
  if (!annual) {
    issues.push(
      issue('targets.sheet_missing', 'error', {
        file,
        expected: TARGET_SHEETS.annual,
        found: wb.worksheets.map((w) => w.name).join('、'),
      }),
    );
  } else {
    out.sheets.annual = annual.name;
    const m = matchHeader(annual, ANNUAL_COLUMNS, { file, sheet: annual.name });
    issues.push(...m.issues);
    if (m.ok) {
      const c = m.columns;
      for (const row of dataRows(annual, wb, m.headerRow, [c.indicator, c.department, c.target]))
        out.annual.push({
          row,
          indicator: rawCell(annual, wb, row, c.indicator),
          department: rawCell(annual, wb, row, c.department),
          target: rawCell(annual, wb, row, c.target),
        });
    }
  }

  const seasonality = sheetNamed(wb, TARGET_SHEETS.seasonality);
  if (seasonality) {
    out.sheets.seasonality = seasonality.name;
    const m = matchHeader(seasonality, SEASONALITY_COLUMNS, { file, sheet: seasonality.name });
    issues.push(...m.issues);
    if (m.ok) {
      const c = m.columns;
      const months = MONTH_COLUMNS.map((s) => c[s.key]);
      for (const row of dataRows(seasonality, wb, m.headerRow, [c.indicator, ...months]))
        out.seasonality.push({
          row,
          indicator: rawCell(seasonality, wb, row, c.indicator),
          weights: months.map((col) => rawCell(seasonality, wb, row, col)),
        });
    }
  }

  const shares = sheetNamed(wb, TARGET_SHEETS.shares);
  if (shares) {
    out.sheets.shares = shares.name;
    const m = matchHeader(shares, SHARE_COLUMNS, { file, sheet: shares.name });
    issues.push(...m.issues);
    if (m.ok) {
      const c = m.columns;
      for (const row of dataRows(shares, wb, m.headerRow, [c.indicator, c.department, c.employeeId, c.share]))
        out.shares.push({
          row,
          indicator: rawCell(shares, wb, row, c.indicator),
          department: rawCell(shares, wb, row, c.department),
          employeeId: rawCell(shares, wb, row, c.employeeId),
          share: rawCell(shares, wb, row, c.share),
        });
    }
  }
  return out;
}
