/**
 * Reading one cell the way the clerk sees it, and turning what a person typed into a
 * number or a date without guessing.
 *
 * A cell is read into a small value (`CellRead`) that says what kind of thing it holds;
 * `parseNumber` and `parseDate` then accept the forms people really type in Excel or WPS
 * (numbers stored as text, full-width digits ９５, "95分", "95%", 2026年3月1日 …) and say
 * which normalisation they applied, so the caller can warn about it. Anything ambiguous
 * ("九十五", "95-100") is refused, never guessed.
 *
 * Numbers never go through binary floating point arithmetic here: the stored double is
 * turned into the decimal text Excel shows (15 significant digits) and stays text.
 */
import type ExcelJS from 'exceljs';
import { Decimal } from '../domain/decimal.js';

export type CellRead =
  | { kind: 'empty' }
  /** text: shortest exact decimal text of the stored number ("95.5"); numFmt: the cell's number format, if any. */
  | { kind: 'number'; value: number; text: string; numFmt?: string }
  /** Rich text runs joined; hyperlink cells give their text. */
  | { kind: 'text'; text: string }
  /** date: 'YYYY-MM-DD'; text: the date, with the time when there is one. */
  | { kind: 'date'; date: string; text: string }
  | { kind: 'bool'; value: boolean; text: string }
  /** '#DIV/0!', '#N/A' … */
  | { kind: 'error'; text: string }
  /** A formula whose result was never calculated and saved (e.g. written by a program). */
  | { kind: 'formula-no-value'; formula: string };

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
      const result = (v as { result?: unknown }).result;
      if (result === undefined || result === null) {
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

const pad2 = (n: number) => String(n).padStart(2, '0');
const isoDate = (d: Date) => `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

/**
 * The decimal text Excel shows for a stored double: 15 significant digits, trailing zeros
 * dropped, never in exponent notation (95.55 → "95.55", 0.1+0.2 → "0.3").
 */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n === 0) return '0';
  return new Decimal(n.toPrecision(15)).toFixed();
}

/** A number format shows a date or time (quoted text, [colours], [$-804] locales and \escapes aside). */
export function isDateFormat(fmt: string): boolean {
  const core = fmtCore(fmt);
  if (/^general$/i.test(core.trim())) return false;
  return /[ymdhs]/i.test(core.replace(/general/gi, '').replace(/[eE][+-]/g, ''));
}

/** A number format that multiplies by 100 and shows "%". */
export function isPercentFormat(fmt: string | undefined): boolean {
  return fmt !== undefined && fmtCore(fmt).includes('%');
}

function fmtCore(fmt: string): string {
  const first = fmt.split(';')[0] ?? fmt; // the positive-number section decides
  return first
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '');
}

/** Excel serial day number → 'YYYY-MM-DD' (1900 or 1904 date system), or null if out of range. */
export function serialToDate(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < 0 || serial >= 2958466) return null;
  const days = Math.floor(serial + 1e-9);
  // 1900 system: day 1 is 1900-01-01 and Excel counts a 29 Feb 1900 that never was (day 60).
  const base = date1904 ? Date.UTC(1904, 0, 1) : days < 61 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  if (!date1904 && days === 60) return null;
  return isoDate(new Date(base + days * 86400000));
}

/** What the clerk sees in the cell, for Issue.found. */
export function displayText(r: CellRead): string {
  switch (r.kind) {
    case 'empty':
      return '';
    case 'number':
      return isPercentFormat(r.numFmt) ? `${new Decimal(r.text).times(100).toFixed()}%` : r.text;
    case 'text':
    case 'date':
    case 'bool':
    case 'error':
      return r.text;
    case 'formula-no-value':
      return `=${r.formula}`;
  }
}

/**
 * Trim; full-width letters, digits and signs (９５, ＡＢ, （）) to their ASCII forms;
 * zero-width characters removed; every run of white space (including the full-width space
 * U+3000 and line breaks inside a cell) to one space. Chinese characters are left alone.
 */
export function normaliseText(s: string): string {
  return s
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\s+/g, ' ')
    .trim();
}

export type NumberParse =
  | { ok: true; value: string; normalised: null | 'fullwidth' | 'unit_suffix' | 'percent' | 'text_number' }
  | { ok: false; reason: 'empty' | 'not_number' | 'error' | 'formula_no_value' };

/**
 * A number from a cell, as exact decimal text.
 *
 * - A Number cell: its value (`normalised: null`); formatted as a percentage (0.95 shown
 *   as 95%) it gives 95 with 'percent' — the number the clerk sees.
 * - Text: "95" or " 95 " → 'text_number'; "１２０" → 'fullwidth'; "95分", "5000元",
 *   "¥5000" → 'unit_suffix'; "95%" → 95 with 'percent' (for a score or a weight, "95%"
 *   means 95 — the same number the cell shows); "1,234.50" → 1234.5.
 * - Refused ('not_number'): words ("九十五", "优秀"), ranges ("95-100"), several numbers,
 *   exponents, dates, TRUE/FALSE.
 */
export function parseNumber(r: CellRead): NumberParse {
  switch (r.kind) {
    case 'empty':
      return { ok: false, reason: 'empty' };
    case 'error':
      return { ok: false, reason: 'error' };
    case 'formula-no-value':
      return { ok: false, reason: 'formula_no_value' };
    case 'number':
      if (isPercentFormat(r.numFmt)) return { ok: true, value: new Decimal(r.text).times(100).toFixed(), normalised: 'percent' };
      return { ok: true, value: r.text, normalised: null };
    case 'text':
      return parseNumberText(r.text);
    default:
      return { ok: false, reason: 'not_number' };
  }
}

function parseNumberText(raw: string): NumberParse {
  const fullwidth = /[\uFF01-\uFF5E\uFFE5]/.test(raw);
  let s = normaliseText(raw).replace(/[\u2212\u2012\u2013\uFE63]/g, '-').replace(/\uFFE5/g, '¥');
  if (s === '') return { ok: false, reason: 'empty' };
  let normalised: 'fullwidth' | 'unit_suffix' | 'percent' | 'text_number' = fullwidth ? 'fullwidth' : 'text_number';
  if (s.endsWith('%')) {
    s = s.slice(0, -1).trimEnd();
    normalised = 'percent';
  } else {
    const unit = /^(?:¥|RMB)?\s*(.*?)\s*(?:分|元|块|人民币)?$/i.exec(s);
    if (unit && unit[1] !== s) {
      s = unit[1];
      normalised = 'unit_suffix';
    }
  }
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { ok: false, reason: 'not_number' };
  return { ok: true, value: new Decimal(s).toFixed(), normalised };
}

/**
 * A date from a cell: a Date cell; a serial number (1900 or 1904 system, years from 1920);
 * a number or text 20260301; or text 2026-3-1, 2026/3/1, 2026.3.1, 2026年3月1日 (full-width
 * digits too, an optional time after it is ignored). Impossible dates (2026-2-30) are refused.
 */
export function parseDate(r: CellRead, date1904 = false): { ok: true; date: string } | { ok: false } {
  const NO = { ok: false } as const;
  switch (r.kind) {
    case 'date':
      return { ok: true, date: r.date };
    case 'number': {
      const ymd = yyyymmdd(r.text);
      if (ymd) return { ok: true, date: ymd };
      const d = serialToDate(r.value, date1904);
      return d && d >= '1920-01-01' ? { ok: true, date: d } : NO;
    }
    case 'text': {
      const s = normaliseText(r.text);
      const ymd = yyyymmdd(s);
      if (ymd) return { ok: true, date: ymd };
      const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
      if (!m) return NO;
      const d = validDate(+m[1], +m[2], +m[3]);
      return d ? { ok: true, date: d } : NO;
    }
    default:
      return NO;
  }
}

function yyyymmdd(s: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? validDate(+m[1], +m[2], +m[3]) : null;
}

function validDate(y: number, m: number, d: number): string | null {
  if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d ? isoDate(dt) : null;
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
