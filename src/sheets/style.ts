/**
 * The office look shared by every workbook jixiao writes, so the summary, the payroll
 * sheet and the score forms feel like one product: a bold, shaded, bordered header row
 * that stays frozen and repeats on every printed page, an autofilter over the table,
 * number formats ('0.00' scores, '#,##0.00' money), A4 landscape fitted to one page wide,
 * and column widths that account for Chinese characters.
 *
 * Sheets are built from tables: `addTable` writes a header, rows and an optional totals
 * row, converting each value by its column kind. Decimal text ("1234.50") in a number
 * column becomes a number; any other text is written as guarded text (see `cellText`).
 */
import ExcelJS from 'exceljs';
import { Decimal } from '../domain/decimal.js';
import { cellText, fitColumns } from './write.js';

import type { CellInput, CellScalar, ColumnKind, Highlight, ReportSheet, ReportTable, TableColumn, TableRow } from '../report/table.js';
import { wallClockDate } from '../domain/clock.js';
export type { CellInput, CellScalar, ColumnKind, Highlight, RichCell, TableColumn, TableRow } from '../report/table.js';
export { sumText } from '../report/table.js';

export const NUM_FMT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  score: '0.00',
  money: '#,##0.00',
  int: '0',
  date: 'yyyy-mm-dd hh:mm',
  percent: '0.0%',
};
const DATE_ONLY_FMT = 'yyyy-mm-dd';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const TOTAL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const HIGHLIGHT_FILL: Record<Highlight, ExcelJS.Fill> = {
  changed: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } },
  missing: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } },
  warn: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } },
  bad: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } },
};
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const TOTAL_BORDER: Partial<ExcelJS.Borders> = { ...BORDER, top: { style: 'double', color: { argb: 'FF808080' } } };

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** An exact decimal text ("1234.50") as a number for a cell. Excel stores doubles; the text round-trips. */
export function toNumber(v: string | number): number {
  return typeof v === 'number' ? v : new Decimal(v).toNumber();
}

/**
 * An ISO date or instant as an Excel date showing the wall-clock time it is written in (the
 * app writes every time in the policy's offset; src/domain/clock.ts). Null for text that is not a date.
 */
export const toExcelDate = (s: string): Date | null => wallClockDate(s);

/** Write one value into a cell according to the column kind. */
export function setCell(cell: ExcelJS.Cell, input: CellInput, kind: ColumnKind): void {
  const rich = input !== null && typeof input === 'object' ? input : null;
  const v = rich ? rich.value : (input as CellScalar);
  if (v === null || v === undefined || v === '') {
    cell.value = null;
  } else if (kind === 'text') {
    cell.value = typeof v === 'number' ? v : cellText(v);
  } else if (kind === 'date') {
    const d = typeof v === 'string' ? toExcelDate(v) : null;
    if (d) {
      cell.value = d;
      cell.numFmt = DATE_ONLY.test(v as string) ? DATE_ONLY_FMT : NUM_FMT.date!;
    } else cell.value = typeof v === 'number' ? v : cellText(v);
  } else if (typeof v === 'number' || DECIMAL_TEXT.test(v)) {
    const n = kind === 'percent' ? new Decimal(v).div(100).toNumber() : toNumber(v);
    cell.value = n;
    cell.numFmt = NUM_FMT[kind]!;
  } else {
    cell.value = cellText(v); // e.g. "缺" in a score column
  }
  if (rich?.note) cell.note = cellText(rich.note);
  if (rich?.highlight) cell.fill = HIGHLIGHT_FILL[rich.highlight];
  if (kind !== 'text' && typeof cell.value === 'string') cell.alignment = { horizontal: 'right' };
}

export interface AddTableOptions {
  /** First row of the table (the header). Default: the row after the sheet's last used row (1 on an empty sheet). */
  startRow?: number;
  /** A bold caption written one row above the header. */
  title?: string;
  /** Freeze the header (and `freezeColumns` columns) and repeat it on printed pages. Default: true when the header is row 1. */
  freeze?: boolean;
  freezeColumns?: number;
  /** Autofilter over header and data rows (not the totals). Default: same as `freeze`. */
  autoFilter?: boolean;
  /** A totals row: the label goes into the first column; values are given already summed (exactly). */
  totals?: { label: string; values: TableRow };
  /** When there are no rows, one row with this text instead (merged across the table). */
  emptyText?: string;
}

export interface TablePlacement {
  headerRow: number;
  firstDataRow: number;
  lastDataRow: number; // = headerRow when there are no data rows
  totalsRow: number | null;
  /** The first free row after the table, leaving one blank row. */
  nextRow: number;
}

/**
 * A data cell's style (with the table border) as one object shared by every cell that looks the
 * same: exceljs encodes a style object it has already seen once, instead of once per cell
 * (issue 11: a tenth of close). Shared, so never mutated: change a table cell's look by
 * assigning a new object (`cell.style = { ...cell.style, font }`), never `cell.font = …`.
 */
const sharedStyles = new Map<string, Partial<ExcelJS.Style>>();

/** Frozen through and through: writing `cell.font = …` into a shared style throws instead of restyling every cell that shares it. */
export function freezeStyle<T extends object>(style: T): T {
  for (const v of Object.values(style)) if (v && typeof v === 'object' && !Object.isFrozen(v)) freezeStyle(v);
  return Object.freeze(style);
}
function sharedStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  const key = JSON.stringify(style);
  let shared = sharedStyles.get(key);
  if (!shared) {
    shared = freezeStyle({ ...style, border: BORDER });
    sharedStyles.set(key, shared);
  }
  return shared;
}

/**
 * Write a table: header, rows, optional totals. Text cells are guarded against formula
 * injection; number columns get their number format. Every sheet in our workbooks is made
 * of these, so they all look alike.
 */
export function addTable(ws: ExcelJS.Worksheet, columns: TableColumn[], rows: TableRow[], opts: AddTableOptions = {}): TablePlacement {
  let r = opts.startRow ?? (ws.rowCount === 0 ? 1 : ws.rowCount + 2);
  if (r > 1 && ws.pageSetup.printTitlesRow) {
    // A second table on the sheet: the first table's header must not be frozen above it on
    // screen, nor repeated above it on every printed page.
    ws.pageSetup.printTitlesRow = undefined;
    ws.views = [];
  }
  if (opts.title !== undefined) {
    const c = ws.getCell(r, 1);
    c.value = cellText(opts.title);
    c.font = { bold: true, size: 12 };
    r += 1;
  }
  const headerRow = r;
  const header = ws.getRow(headerRow);
  columns.forEach((col, i) => {
    const c = header.getCell(i + 1);
    c.value = cellText(col.header);
    c.font = { bold: true };
    c.fill = HEADER_FILL;
    c.border = BORDER;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: false };
  });

  let last = headerRow;
  if (rows.length === 0 && opts.emptyText !== undefined) {
    last = headerRow + 1;
    const c = ws.getCell(last, 1);
    c.value = cellText(opts.emptyText);
    c.font = { italic: true, color: { argb: 'FF595959' } };
    if (columns.length > 1) ws.mergeCells(last, 1, last, columns.length);
  }
  for (const row of rows) {
    last += 1;
    const xr = ws.getRow(last);
    columns.forEach((col, i) => {
      const c = xr.getCell(i + 1);
      setCell(c, row[col.key], col.kind);
      c.style = sharedStyle(c.style);
    });
  }
  const lastDataRow = last;

  let totalsRow: number | null = null;
  if (opts.totals) {
    totalsRow = last + 1;
    const xr = ws.getRow(totalsRow);
    columns.forEach((col, i) => {
      const c = xr.getCell(i + 1);
      if (i === 0) c.value = cellText(opts.totals!.label);
      else setCell(c, opts.totals!.values[col.key], col.kind);
      c.font = { bold: true };
      c.fill = TOTAL_FILL;
      c.border = TOTAL_BORDER;
    });
    last = totalsRow;
  }

  const freeze = opts.freeze ?? headerRow === 1;
  if (freeze) {
    const xSplit = opts.freezeColumns ?? 0;
    const topLeft = ws.getCell(headerRow + 1, xSplit + 1).address;
    ws.views = [{ state: 'frozen', xSplit, ySplit: headerRow, topLeftCell: topLeft, activeCell: topLeft }];
    ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  }
  if (opts.autoFilter ?? freeze) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastDataRow, column: Math.max(1, columns.length) } };
  }
  return { headerRow, firstDataRow: headerRow + 1, lastDataRow, totalsRow, nextRow: last + 2 };
}

/**
 * Write a report table (src/report/table.ts) at `startRow` (default: below what the sheet
 * holds), with its caption above and its note in the row below. Returns the placement;
 * `nextRow` leaves one blank row after the note.
 */
export function addReportTable(ws: ExcelJS.Worksheet, table: ReportTable, opts: Pick<AddTableOptions, 'startRow' | 'freezeColumns'> = {}): TablePlacement {
  const p = addTable(ws, table.columns, table.rows, { ...opts, title: table.title, totals: table.totals, emptyText: table.emptyText });
  if (table.note === undefined) return p;
  addNote(ws, p.nextRow - 1, table.note, { bold: true });
  return { ...p, nextRow: p.nextRow + 1 };
}

/** Write each sheet of a report, its tables one below the other. */
export function addReportSheets(wb: ExcelJS.Workbook, sheets: readonly ReportSheet[]): void {
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name);
    let startRow = 1;
    for (const table of sheet.tables) startRow = addReportTable(ws, table, { startRow, freezeColumns: sheet.freezeColumns }).nextRow;
  }
}

/** Write a caption or a free line of text (guarded) at a row; returns the next row. */
export function addNote(ws: ExcelJS.Worksheet, row: number, text: string, opts: { bold?: boolean } = {}): number {
  const c = ws.getCell(row, 1);
  c.value = cellText(text);
  if (opts.bold) c.font = { bold: true, size: 12 };
  return row + 1;
}

/**
 * Page setup for printing: A4 landscape, one page wide and as many pages tall as needed,
 * a header with the document title and the sheet name, page numbers in the footer.
 * Call after the tables are written (widths are fitted here).
 */
export function finishSheet(ws: ExcelJS.Worksheet, opts: { headerText?: string; pageText?: string; minWidth?: number; maxWidth?: number } = {}): void {
  const printTitlesRow = ws.pageSetup.printTitlesRow;
  ws.pageSetup = {
    ...ws.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    ...(printTitlesRow ? { printTitlesRow } : {}),
  };
  const esc = (s: string) => s.replace(/&/g, '&&');
  if (opts.headerText) ws.headerFooter.oddHeader = `&L${esc(opts.headerText)}&R&A`;
  ws.headerFooter.oddFooter = `&C${opts.pageText ?? '&P / &N'}`;
  fitColumns(ws, { min: opts.minWidth ?? 6, max: opts.maxWidth ?? 50 });
}

/** A new workbook of ours: author jixiao, dated by the given instant (so the same run gives the same file). */
export function newWorkbook(stampedAt?: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.lastModifiedBy = 'jixiao';
  const at = stampedAt ? new Date(stampedAt) : null;
  if (at && !Number.isNaN(at.getTime())) {
    wb.created = at;
    wb.modified = at;
  }
  return wb;
}
