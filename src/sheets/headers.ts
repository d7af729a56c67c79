/**
 * Finding a table's columns by their header names, never by position.
 *
 * People insert a title row above the table, reorder columns, add a notes column, write
 * "全额工资(元)" or "工号*" or "姓 名" for 姓名. The header row is the row (among the first
 * few) that names the most known columns; names are compared after removing spaces, line
 * breaks, asterisks, "%" and bracketed units — so "全额工资（元）" is 全额工资.
 */
import type ExcelJS from 'exceljs';
import { judgeHeader, type ColumnSpec, type FoundHeader, type HeaderCell, type HeaderMatch } from '../checks/headers.js';
import { displayText } from '../checks/cell-value.js';
import { headerKey, normaliseText } from '../text.js';
import { columnLetters } from './cells.js';
import { sheetGrid, type SheetGrid } from './grid.js';

export type { ColumnSpec, HeaderMatch } from '../checks/headers.js';
export { headerKey } from '../text.js';

/** "A1" from 1-based row and column. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/**
 * The header row: among the first `maxScanRows` rows, the one naming the most required
 * columns, then the most known columns (the first such row wins).
 */
export function findHeader(ws: SheetGrid, specs: readonly ColumnSpec[], maxScanRows = 10): FoundHeader {
  const byName = new Map<string, number>(); // header key → spec index (first spec wins)
  specs.forEach((spec, i) => {
    for (const n of spec.names) {
      const k = headerKey(n);
      if (k && !byName.has(k)) byName.set(k, i);
    }
  });
  const lastScan = Math.min(maxScanRows, Math.max(ws.rowCount, 1));
  let best: { row: number; cells: HeaderCell[]; found: number; required: number } | null = null;
  for (let r = 1; r <= lastScan; r++) {
    const cells: HeaderCell[] = [];
    const matched = new Set<number>();
    for (const { col, value } of ws.rows.get(r)?.cells ?? []) {
      const text = displayText(value);
      if (normaliseText(text) === '') continue;
      const spec = byName.get(headerKey(text));
      if (spec !== undefined) matched.add(spec);
      cells.push({ col, a1: a1(r, col), text, key: spec === undefined ? null : specs[spec].key });
    }
    const required = [...matched].filter((i) => specs[i].required).length;
    if (matched.size > 0 && (!best || required > best.required || (required === best.required && matched.size > best.found)))
      best = { row: r, cells, found: matched.size, required };
  }
  if (!best) {
    const width = Math.max(ws.rows.get(1)?.cellCount ?? 0, specs.length, 1);
    return { found: false, scanned: `A1:${a1(lastScan, width)}`, scannedRows: lastScan };
  }
  return { found: true, row: best.row, cells: best.cells };
}

/**
 * Locate the header row and each column of an exceljs sheet, and judge it
 * (src/checks/headers.ts judgeHeader says what each outcome means).
 */
export function matchHeader(
  ws: ExcelJS.Worksheet,
  specs: ColumnSpec[],
  ctx: { file: string; sheet: string; maxScanRows?: number },
): HeaderMatch {
  return judgeHeader(findHeader(sheetGrid(ws), specs, ctx.maxScanRows), specs, { file: ctx.file, sheet: ctx.sheet });
}
