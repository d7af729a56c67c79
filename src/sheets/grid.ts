/**
 * A workbook as plain data: each sheet's name, visibility, merged areas and non-empty cells
 * as `CellRead` values. Finding the forms' tables (forms/extract.ts) works on this, so a
 * faster reader than exceljs only has to produce a `WorkbookGrid`.
 */
import type ExcelJS from 'exceljs';
import type { CellRead } from '../checks/cell-value.js';
import { mergedRanges, readCell } from './cells.js';

export interface GridCell {
  col: number;
  value: CellRead;
}

export interface GridRow {
  /** The row's last stored column (styled empty cells count, as in Excel's own "used range"). */
  cellCount: number;
  /** Non-empty cells, in column order. */
  cells: GridCell[];
}

export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
  /** "A3:B4" */
  ref: string;
}

export interface SheetGrid {
  name: string;
  visible: boolean;
  /** Last used row and column (exceljs rowCount / columnCount). */
  rowCount: number;
  columnCount: number;
  /** Rows by number; rows without any stored cell are absent. */
  rows: Map<number, GridRow>;
  merges: MergedRange[];
}

export interface WorkbookGrid {
  sheets: SheetGrid[];
}

/** The cell at (row, col), empty when nothing is stored there. */
export function gridCell(ws: SheetGrid, row: number, col: number): CellRead {
  return ws.rows.get(row)?.cells.find((c) => c.col === col)?.value ?? EMPTY;
}

const EMPTY: CellRead = { kind: 'empty' };

export function sheetGrid(ws: ExcelJS.Worksheet, wb?: ExcelJS.Workbook): SheetGrid {
  const rows = new Map<number, GridRow>();
  // Only the rows that hold values (in order): a stray cell at row 1,048,576 must not make us
  // visit, or create, a million empty rows (issue 10 §5). Row 1 is kept for its width.
  const first = ws.findRow(1);
  if (first && !first.hasValues) rows.set(1, { cellCount: first.cellCount, cells: [] });
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: GridCell[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const value = readCell(cell, wb);
      if (value.kind !== 'empty') cells.push({ col: c, value });
    });
    rows.set(r, { cellCount: row.cellCount, cells });
  });
  return {
    name: ws.name,
    visible: ws.state === 'visible' || ws.state === undefined,
    rowCount: ws.rowCount,
    columnCount: ws.columnCount,
    rows,
    merges: mergedRanges(ws),
  };
}

/** The numbers of the rows that hold something, from `from` on, ascending (never 1…rowCount). */
export function presentRows(ws: SheetGrid, from = 1): number[] {
  return [...ws.rows.keys()].filter((r) => r >= from).sort((a, b) => a - b);
}

export function workbookGrid(wb: ExcelJS.Workbook): WorkbookGrid {
  return { sheets: wb.worksheets.map((ws) => sheetGrid(ws, wb)) };
}
