/**
 * "What we meant to write", cell by cell, and comparison with what another program shows.
 *
 * An expected cell is a text (a plain string), a number of a column kind (`money('8000')`,
 * `score('102')`, `int(3)`, `pct('62.5')`), a date-time (`dt('2026-11-04 17:30')`) or
 * empty (`_`). Each is checked against LibreOffice's CSV in two ways:
 *  - raw (values, text cells quoted): a text must be a quoted field with exactly that text,
 *    a number an unquoted field with exactly that value (decimal comparison, no float
 *    tolerance), a percent "62.5%", a date-time "2026-11-04 17:30:00";
 *  - shown (as formatted on screen): money "8,000.00", score "102.00", percent "62.5%",
 *    date-time "2026-11-04 17:30" — proving the number formats survive.
 * and against openpyxl's cell values (type and value).
 */
import { Decimal } from 'decimal.js';
import type { CsvField, LoSheet } from './lo.js';

export type Kind = 'money' | 'score' | 'int' | 'pct';
export type Expected = string | { num: string; kind: Kind } | { dt: string } | null;

export const _ = null;
export const money = (v: string | number): Expected => ({ num: String(v), kind: 'money' });
export const score = (v: string | number): Expected => ({ num: String(v), kind: 'score' });
export const int = (v: string | number): Expected => ({ num: String(v), kind: 'int' });
export const pct = (v: string | number): Expected => ({ num: String(v), kind: 'pct' });
export const dt = (v: string): Expected => ({ dt: v });

const isNum = (e: Expected): e is { num: string; kind: Kind } => e !== null && typeof e === 'object' && 'num' in e;
const isDate = (e: Expected): e is { dt: string } => e !== null && typeof e === 'object' && 'dt' in e;

const decEq = (a: string, b: string): boolean => {
  try {
    return new Decimal(a).eq(new Decimal(b));
  } catch {
    return false;
  }
};

/** How a number of this kind is shown with our number formats (en-US/zh-CN locale: "," grouping, "." decimals). */
export function shownNumber(e: { num: string; kind: Kind }): string {
  const d = new Decimal(e.num);
  switch (e.kind) {
    case 'money': {
      const [i, f] = d.abs().toFixed(2).split('.');
      return `${d.isNeg() ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
    }
    case 'score':
      return d.toFixed(2);
    case 'int':
      return d.toFixed(0);
    case 'pct':
      return `${d.toFixed(1)}%`;
  }
}

const show = (f: CsvField | undefined): string => (f === undefined ? '(nothing)' : f.quoted ? JSON.stringify(f.text) : `${f.text} (unquoted)`);
const showE = (e: Expected): string => (e === null ? '(empty)' : typeof e === 'string' ? JSON.stringify(e) : JSON.stringify(e));

/** One LibreOffice cell against what we meant; null when it matches, else why not. */
export function checkLoCell(f: CsvField | undefined, e: Expected, mode: 'raw' | 'shown'): string | null {
  const field = f ?? { text: '', quoted: false };
  if (e === null) return field.text === '' ? null : `expected empty, LibreOffice shows ${show(f)}`;
  if (typeof e === 'string') {
    if (field.text !== e) return `expected text ${showE(e)}, LibreOffice shows ${show(f)}`;
    if (mode === 'raw' && !field.quoted) return `expected a TEXT cell ${showE(e)}, LibreOffice has a number ${field.text}`;
    return null;
  }
  if (isDate(e)) {
    const want = mode === 'raw' ? `${e.dt}:00` : e.dt;
    if (field.quoted) return `expected a date ${want}, LibreOffice has a text ${show(f)}`;
    return field.text === want ? null : `expected date ${want}, LibreOffice shows ${show(f)}`;
  }
  if (mode === 'raw') {
    if (field.quoted) return `expected a NUMBER ${e.num}, LibreOffice has a text ${show(f)}`;
    if (e.kind === 'pct') return field.text.endsWith('%') && decEq(field.text.slice(0, -1), e.num) ? null : `expected ${e.num}%, LibreOffice shows ${show(f)}`;
    return decEq(field.text, e.num) ? null : `expected ${e.num}, LibreOffice shows ${show(f)}`;
  }
  const want = shownNumber(e);
  return field.text === want ? null : `expected ${want} on screen, LibreOffice shows ${show(f)}`;
}

export const colName = (c: number): string => {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/**
 * Compare a block of expected rows with a LibreOffice sheet, starting at `firstRow`
 * (0-based). Also checks nothing is shown to the right of the expected columns. Returns
 * every mismatch as "A5: …" (empty = all good).
 */
export function compareLo(sheet: LoSheet, expected: Expected[][], mode: 'raw' | 'shown', firstRow = 0): string[] {
  const out: string[] = [];
  expected.forEach((row, i) => {
    const r = firstRow + i;
    const got = sheet.rows[r] ?? [];
    row.forEach((e, c) => {
      const why = checkLoCell(got[c], e, mode);
      if (why) out.push(`${sheet.name}!${colName(c)}${r + 1}: ${why}`);
    });
    for (let c = row.length; c < got.length; c++)
      if (got[c].text !== '') out.push(`${sheet.name}!${colName(c)}${r + 1}: unexpected ${show(got[c])}`);
  });
  return out;
}

/** A cell as openpyxl describes it (test/interop/py/inspect_xlsx.py). */
export interface PyCell {
  v: string | number | boolean;
  t: 's' | 'n' | 'date' | 'bool';
  fmt: string;
  locked?: boolean;
}

/** One openpyxl cell against what we meant (values only; formats are checked separately). */
export function checkPyCell(c: PyCell | undefined, e: Expected): string | null {
  if (e === null) return c === undefined || c.v === '' ? null : `expected empty, openpyxl reads ${JSON.stringify(c)}`;
  if (c === undefined) return `expected ${showE(e)}, openpyxl reads nothing`;
  if (typeof e === 'string') return c.t === 's' && c.v === e ? null : `expected text ${showE(e)}, openpyxl reads ${JSON.stringify(c)}`;
  if (isDate(e)) return c.t === 'date' && String(c.v).replace('T', ' ').startsWith(e.dt) ? null : `expected date ${e.dt}, openpyxl reads ${JSON.stringify(c)}`;
  if (c.t !== 'n') return `expected a number ${e.num}, openpyxl reads ${JSON.stringify(c)}`;
  const want = e.kind === 'pct' ? new Decimal(e.num).div(100) : new Decimal(e.num);
  // a binary double written from the exact decimal; compare at 12 significant digits
  return new Decimal(c.v as number).toSignificantDigits(12).eq(want.toSignificantDigits(12))
    ? null
    : `expected ${want.toString()}, openpyxl reads ${c.v}`;
}

export function comparePy(sheetName: string, cells: Record<string, PyCell>, expected: Expected[][], firstRow = 0): string[] {
  const out: string[] = [];
  expected.forEach((row, i) =>
    row.forEach((e, c) => {
      const a1 = `${colName(c)}${firstRow + i + 1}`;
      const why = checkPyCell(cells[a1], e);
      if (why) out.push(`${sheetName}!${a1}: ${why}`);
    }),
  );
  return out;
}

/** Cells (of any sheet LibreOffice exported) whose text means a writer leaked an internal value instead of a message. */
export function leaks(sheets: Map<string, LoSheet>, file: string): string[] {
  const out: string[] = [];
  for (const s of sheets.values())
    s.rows.forEach((row, r) =>
      row.forEach((f, c) => {
        const x = f.text;
        const bad =
          /\b(undefined|NaN)\b|\[object Object\]|\uFFFD/.test(x) ||
          /^null$/.test(x) ||
          /\{[A-Za-z_]+\}/.test(x) || // unfilled placeholder
          // a raw catalog key (t() shows the key when a message is missing); issue codes such
          // as form.no_meta in 校验问题's 代码 column are data and do not match
          /^(close|issue|reason|consequence|flag|severity|where)\.[\w.]+$/.test(x);
        if (bad) out.push(`${file} ${s.name}!R${r + 1}C${c + 1}: ${JSON.stringify(x)}`);
      }),
    );
  return out;
}
