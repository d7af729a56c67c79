/**
 * Reading a workbook of past results (历史成绩, issue 9) into a plain grid of cells: the
 * sheet is found by its 工号 and 姓名 header, every cell is read as the clerk sees it
 * (CellRead) with its A1 reference. What the cells mean (layout, months, totals, grades) is
 * decided by the pure checker in src/checks/history.ts.
 */
import type ExcelJS from 'exceljs';
import type { Issue } from '../issues.js';
import { issue } from '../issues.js';
import { openWorkbook, type OpenOptions } from './open.js';
import { a1, headerKey, matchHeader } from './headers.js';
import { displayText, normaliseText, parseDate, parseNumber, readCell, type CellRead } from './cells.js';
import { HISTORY_COLUMNS, type GridCell, type HistoryGrid } from '../checks/history.js';

export interface HistoryRead {
  grid: HistoryGrid | null;
  issues: Issue[];
  sha256: string | null;
  file: string;
}

export async function readHistoryFile(path: string, opts: OpenOptions = {}): Promise<HistoryRead> {
  const opened = await openWorkbook(path, opts);
  if (!opened.ok) return { grid: null, issues: opened.issues, sha256: opened.sha256, file: opts.displayName ?? path };
  const { workbook, file, sha256 } = opened.wb;
  const r = historyGrid(workbook, file);
  return { grid: r.grid, issues: [...opened.issues, ...r.issues], sha256, file };
}

/** The grid of the first sheet (visible ones first) whose header names 工号 and 姓名. */
export function historyGrid(workbook: ExcelJS.Workbook, file: string): { grid: HistoryGrid | null; issues: Issue[] } {
  const visible = (ws: ExcelJS.Worksheet) => (ws.state ?? 'visible') === 'visible';
  const order = [...workbook.worksheets.filter(visible), ...workbook.worksheets.filter((ws) => !visible(ws))];
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  let first: Issue[] | null = null;
  for (const ws of order) {
    const m = matchHeader(ws, HISTORY_COLUMNS, { file, sheet: ws.name, maxScanRows: 15 });
    if (!m.ok) {
      first ??= m.issues;
      continue;
    }
    // Month columns are not "extra" columns here; other unknown headers are ignored (部门, 备注 …).
    const issues = m.issues.filter((i) => i.code !== 'column.extra');
    const headerRow = ws.findRow(m.headerRow);
    const width = Math.max(headerRow?.cellCount ?? 0, ws.columnCount);
    const headers = [];
    for (let c = 1; headerRow && c <= width; c++) headers.push(gridCell(c, a1(m.headerRow, c), readCell(headerRow.getCell(c), workbook), date1904));
    const rows = [];
    for (let r = m.headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.findRow(r);
      if (!row) continue;
      const cells = [];
      for (let c = 1; c <= width; c++) cells.push(gridCell(c, a1(r, c), readCell(row.getCell(c), workbook), date1904));
      if (cells.every((x) => x.kind === 'empty')) continue;
      rows.push({ row: r, cells });
    }
    return { grid: { file, sheet: ws.name, headerRow: m.headerRow, columns: m.columns, headers, rows, year: yearCell(ws, m.headerRow, workbook, date1904) }, issues };
  }
  return {
    grid: null,
    issues: first ?? [issue('history.no_sheet', 'error', { file, expected: '工号、姓名', params: { sheets: workbook.worksheets.map((w) => w.name).join('、') } })],
  };
}

/** A 年份 / 年度 cell above the table (or in its header row): the value to its right, or "年份:2026" in one cell. */
function yearCell(ws: ExcelJS.Worksheet, headerRow: number, workbook: ExcelJS.Workbook, date1904: boolean): GridCell | null {
  for (let r = 1; r <= headerRow; r++) {
    const row = ws.findRow(r);
    for (let c = 1; row && c <= row.cellCount; c++) {
      const read = readCell(row.getCell(c), workbook);
      const text = normaliseText(displayText(read));
      const inline = /^(?:年份|年度)\s*[:：]?\s*(\S+)$/.exec(text);
      if (inline && !/^(?:年份|年度)$/.test(text)) return gridCell(c, a1(r, c), { kind: 'text', text: inline[1] }, date1904);
      if (headerKey(text) === '年份' || headerKey(text) === '年度') {
        for (let k = c + 1; k <= row.cellCount; k++) {
          const v = readCell(row.getCell(k), workbook);
          if (v.kind !== 'empty') return gridCell(k, a1(r, k), v, date1904);
        }
      }
    }
  }
  return null;
}

/** A cell as the checker needs it: what it shows, and how it parses as a number and as a date. */
function gridCell(col: number, ref: string, read: CellRead, date1904: boolean): GridCell {
  const d = read.kind === 'date' || read.kind === 'number' || read.kind === 'text' ? parseDate(read, date1904) : { ok: false as const };
  return {
    col,
    ref,
    kind: read.kind,
    shown: displayText(read),
    text: normaliseText(displayText(read)),
    number: parseNumber(read),
    date: d.ok ? d.date : null,
  };
}
