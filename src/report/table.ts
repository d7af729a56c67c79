/**
 * The one table model every report is built in (as hledger renders one report table to
 * text, CSV and HTML): columns with a header and a kind, rows of cells keyed by column,
 * an optional totals row, a caption above and a note below. Built once from the data,
 * drawn by `src/cli/render.ts` (`drawTable`) for the terminal and written by
 * `src/sheets/style.ts` (`addReportTable`) into a workbook. No chalk and no exceljs here:
 * a table is plain data, so a new sheet or a new terminal view is one builder away.
 */
import { Decimal } from '../domain/decimal.js';

/** How a column's values are shown: the workbook picks a number format, the terminal a text form. */
export type ColumnKind = 'text' | 'score' | 'money' | 'int' | 'date' | 'percent';

export interface TableColumn {
  header: string;
  key: string;
  kind: ColumnKind;
}

/** Visual marks for single cells (a fill in Excel, a colour on the terminal). */
export type Highlight = 'changed' | 'missing' | 'warn' | 'bad';

/** A cell with a note (comment) or highlight. */
export interface RichCell {
  value: CellScalar;
  note?: string;
  highlight?: Highlight;
}
/**
 * A cell value: exact decimal text ("1234.50") for score and money, a number for int,
 * percent values as percents (25 or "62.5", not 0.25), ISO text for dates and instants.
 */
export type CellScalar = string | number | null | undefined;
export type CellInput = CellScalar | RichCell;
export type TableRow = Record<string, CellInput>;

export interface ReportTable {
  columns: TableColumn[];
  rows: TableRow[];
  /** A caption shown above the header. */
  title?: string;
  /** A totals row: the label goes into the first column; values are given already summed (exactly). */
  totals?: { label: string; values: TableRow };
  /** Shown instead of the rows when there are none. */
  emptyText?: string;
  /** A line shown right below the table (e.g. how many people the distribution counts). */
  note?: string;
}

/** One sheet of a report workbook: its name (the file's contract) and its tables, top to bottom. */
export interface ReportSheet {
  name: string;
  tables: ReportTable[];
  /** Columns kept in view when scrolling right (the first table's header is frozen when it starts the sheet). */
  freezeColumns?: number;
}

/** The value of a cell without its note or highlight. */
export const cellValue = (c: CellInput): CellScalar => (c !== null && typeof c === 'object' ? c.value : c);

/**
 * A visible bar of █ for a count: one block per person while the largest count fits in
 * `width`, scaled so the longest bar is `width` blocks beyond that (never empty for a
 * count above zero). The same bar in the terminal and in the 等级分布 sheet.
 */
export function barText(count: number, max: number, width = 30): string {
  if (count <= 0 || max <= 0) return '';
  const n = max <= width ? count : Math.max(1, Math.round((count / max) * width));
  return '█'.repeat(n);
}

/** Sum of whole numbers, for totals rows of counts. */
export const sumInts = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Exact sum of decimal texts (nulls and non-numbers skipped), as "1234.50". */
export function sumText(values: Iterable<string | null | undefined>, places = 2): string {
  let s = new Decimal(0);
  for (const v of values) if (v !== null && v !== undefined && DECIMAL_TEXT.test(v)) s = s.plus(v);
  return s.toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}
