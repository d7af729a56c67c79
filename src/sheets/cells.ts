/**
 * Reading one cell of an exceljs workbook the way the clerk sees it, as a `CellRead`
 * (src/checks/cell-value.ts, where typed text becomes a number or a date).
 */
import type ExcelJS from 'exceljs';
import { isDateFormat, isoDate, numberText, serialToDate, type CellRead } from '../checks/cell-value.js';
import { normaliseText } from '../text.js';

// Kept importable from here: readers and tests that read cells use them together.
export { displayText, isDateFormat, isPercentFormat, numberText, parseDate, parseNumber, serialToDate } from '../checks/cell-value.js';
export type { CellRead, NumberParse } from '../checks/cell-value.js';
export { normaliseText } from '../text.js';

// exceljs ValueType numbers (a `declare enum` in its typings).
const T_NULL = 0;
const T_MERGE = 1;
const T_NUMBER = 2;
const T_STRING = 3;
const T_DATE = 4;
const T_HYPERLINK = 5;
const T_FORMULA = 6;
const T_RICHTEXT = 8;
const T_BOOLEAN = 9;
const T_ERROR = 10;

/** The exceljs value types a reader may pass to `readModelValue` (src/sheets/fast-read.ts). */
export const T = { NUMBER: T_NUMBER, STRING: T_STRING, DATE: T_DATE, RICHTEXT: T_RICHTEXT, BOOLEAN: T_BOOLEAN, ERROR: T_ERROR } as const;

/**
 * What a cell holds. A formula cell reads as its saved result. A cell covered by a merged
 * area (not its top-left cell) reads as empty: that is what the file stores there.
 * Never throws (and never uses exceljs `cell.text`, which throws on some merged cells).
 */
export function readCell(cell: ExcelJS.Cell, workbook?: ExcelJS.Workbook): CellRead {
  try {
    const date1904 = Boolean((workbook?.properties as { date1904?: boolean } | undefined)?.date1904);
    const type = cell.type as unknown as number;
    if (type === T_NULL) return EMPTY;
    if (type === T_MERGE) return cell.master === cell ? readValue(cell.value, cell.numFmt, date1904) : EMPTY;
    if (type === T_FORMULA) {
      const v = cell.value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
      // Not v.result: exceljs's cell.value copies only truthy results, so a formula whose saved
      // result is 0 or FALSE would read as "no saved value" (and the clerk be told to save it again).
      const result = (cell as unknown as { result?: unknown }).result;
      if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) {
        let formula = '';
        try {
          formula = String(cell.formula ?? (v as ExcelJS.CellFormulaValue).formula ?? '');
        } catch {
          formula = String((v as ExcelJS.CellFormulaValue).formula ?? '');
        }
        return { kind: 'formula-no-value', formula };
      }
      return readValue(result, cell.numFmt, date1904);
    }
    return readValue(cell.value, cell.numFmt, date1904, type);
  } catch {
    return EMPTY;
  }
}

const EMPTY: CellRead = { kind: 'empty' };

/**
 * A value as exceljs holds it (number, string, Date, boolean, {error}, {richText}) read as
 * readCell does: the fast reader builds these values and reads them here, so both readers agree.
 */
export function readModelValue(v: unknown, numFmt: string | undefined, date1904: boolean, type?: number): CellRead {
  try {
    return readValue(v, numFmt, date1904, type);
  } catch {
    return EMPTY;
  }
}

function readValue(v: unknown, numFmt: string | undefined, date1904: boolean, type?: number): CellRead {
  if (v === null || v === undefined) return EMPTY;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return { kind: 'error', text: '#NUM!' };
    if (numFmt && isDateFormat(numFmt)) {
      const date = serialToDate(v, date1904);
      if (date) return { kind: 'date', date, text: date };
    }
    return numFmt && numFmt !== 'General'
      ? { kind: 'number', value: v, text: numberText(v), numFmt }
      : { kind: 'number', value: v, text: numberText(v) };
  }
  if (typeof v === 'string') return textRead(v);
  if (typeof v === 'boolean') return { kind: 'bool', value: v, text: v ? 'TRUE' : 'FALSE' };
  if (v instanceof Date) return dateRead(fix1900(v, date1904));
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.error === 'string' || type === T_ERROR) return { kind: 'error', text: String(o.error ?? '#VALUE!') };
    if (Array.isArray(o.richText)) return textRead(richTextOf(o.richText));
    if (type === T_HYPERLINK || 'hyperlink' in o) {
      const text = o.text;
      if (text && typeof text === 'object' && Array.isArray((text as { richText?: unknown }).richText))
        return textRead(richTextOf((text as { richText: unknown[] }).richText));
      return text === undefined || text === null ? EMPTY : readValue(text, numFmt, date1904);
    }
    if ('formula' in o || 'sharedFormula' in o) return readValue(o.result, numFmt, date1904);
  }
  if (type === T_STRING || type === T_RICHTEXT || type === T_NUMBER || type === T_DATE || type === T_BOOLEAN)
    return textRead(String(v));
  return EMPTY;
}

function richTextOf(runs: unknown[]): string {
  return runs.map((r) => (r && typeof r === 'object' ? String((r as { text?: unknown }).text ?? '') : '')).join('');
}

/** Text that is only spaces reads as empty: it looks empty to the clerk. */
function textRead(s: string): CellRead {
  return normaliseText(s) === '' ? EMPTY : { kind: 'text', text: s };
}

/**
 * exceljs turns serial n into 1899-12-30 + n days, which is Excel's date only from serial 61
 * (1900-03-01) on: before it Excel counts its fictitious 29 Feb 1900, so exceljs is a day
 * early there (serial 1 is 1900-01-01, not 1899-12-31).
 */
function fix1900(d: Date, date1904: boolean): Date {
  if (date1904) return d;
  const t = d.getTime();
  return t < Date.UTC(1900, 2, 1) && t >= Date.UTC(1899, 11, 31) ? new Date(t + 86400000) : d;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

function dateRead(d: Date): CellRead {
  const ms = d.getTime();
  if (!Number.isFinite(ms)) return { kind: 'error', text: '########' };
  const date = isoDate(d);
  const hh = d.getUTCHours();
  const mm = d.getUTCMinutes();
  const ss = d.getUTCSeconds();
  const text = hh || mm || ss ? `${date} ${pad2(hh)}:${pad2(mm)}${ss ? ':' + pad2(ss) : ''}` : date;
  return { kind: 'date', date, text };
}


/** The merged areas of a sheet (1-based rows and columns, `ref` like "A3:B4"). */
export function mergedRanges(ws: ExcelJS.Worksheet): { top: number; left: number; bottom: number; right: number; ref: string }[] {
  const merges = (ws as unknown as { _merges?: Record<string, { top: number; left: number; bottom: number; right: number }> })
    ._merges;
  if (!merges) return [];
  return Object.values(merges).map((m) => ({
    top: m.top,
    left: m.left,
    bottom: m.bottom,
    right: m.right,
    ref: `${columnLetters(m.left)}${m.top}:${columnLetters(m.right)}${m.bottom}`,
  }));
}

/** 1 → "A", 27 → "AA". */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = Math.floor(col); n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
