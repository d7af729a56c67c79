/**
 * What one cell holds, as plain data (`CellRead`), and turning what a person typed into a
 * number or a date without guessing. Pure: any reader of a workbook (exceljs, a streaming
 * XML reader) produces `CellRead` values and the checks judge them here.
 *
 * `parseNumber` and `parseDate` accept the forms people really type in Excel or WPS
 * (numbers stored as text, full-width digits ９５, "95分", "95%", 2026年3月1日 …) and say
 * which normalisation they applied, so the caller can warn about it. Anything ambiguous
 * ("九十五", "95-100") is refused, never guessed.
 *
 * Numbers never go through binary floating point arithmetic here: the stored double is
 * turned into the decimal text Excel shows (15 significant digits) and stays text.
 */
import { Decimal } from '../domain/decimal.js';
import { normaliseText } from '../text.js';

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

const pad2 = (n: number) => String(n).padStart(2, '0');
/** 'YYYY-MM-DD' of a date's UTC day. */
export const isoDate = (d: Date) => `${String(d.getUTCFullYear()).padStart(4, '0')}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

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
