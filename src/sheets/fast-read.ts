/**
 * A lean reader of returned workbooks: the zip's XML parts (already inflated under the limits
 * of open.ts) parsed with saxes straight into a `WorkbookGrid`, without building an exceljs
 * workbook. It reproduces what open.ts + exceljs 4.4.0 + grid.ts yield cell for cell (the
 * differential test test/sheets-in/fast-read.test.ts reads every workbook both ways); where a
 * file is unusual in a way that path would treat specially, it answers `fallback` and the
 * exceljs path reads the file — it never guesses.
 *
 * Why: exceljs's object model, and the re-zip open.ts needs to feed it, were most of `receive`
 * and `validate` (issue 11).
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { readModelValue, columnLetters, T } from './cells.js';
import type { CellRead } from '../checks/cell-value.js';
import type { GridCell, GridRow, MergedRange, SheetGrid, WorkbookGrid } from './grid.js';
import { BUILTIN_ZH_FORMATS, findWorkbookPart, parseRels, resolvePart, xmlText } from './open.js';

export type FastGrid = { ok: true; grid: WorkbookGrid } | { ok: false; fallback: string };

export interface FastLimits {
  maxRows: number;
  /** Most cells in the whole workbook. */
  maxCells: number;
  /** Largest XML of one sheet, in bytes. */
  maxSheetBytes: number;
}

/** Merged areas larger than this are cut by open.ts before exceljs sees them: left to that path. */
const MAX_AREA = 100_000;
const NS_REL = ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'];

/** Thrown inside the parsers to abandon the fast path; never escapes `fastGrid`. */
class Fallback extends Error {}
const fallback = (why: string): never => {
  throw new Fallback(why);
};

/** The grid of a workbook from its inflated parts, or `fallback` with the reason. Never throws. */
export function fastGrid(entries: Map<string, Buffer>, limits: FastLimits): FastGrid {
  try {
    return { ok: true, grid: readGrid(entries, limits) };
  } catch (e) {
    return { ok: false, fallback: e instanceof Fallback ? e.message : `error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

function readGrid(entries: Map<string, Buffer>, limits: FastLimits): WorkbookGrid {
  const lookup = new Map<string, string>(); // lower-case name → actual name (as open.ts)
  for (const k of entries.keys()) lookup.set(k.toLowerCase(), k);
  const raw = (name: string): Buffer | null => {
    const k = lookup.get(name.toLowerCase());
    return k === undefined ? null : entries.get(k)!;
  };
  const get = (name: string): string | null => {
    const b = raw(name);
    return b === null ? null : xmlText(b);
  };

  const workbookPath = findWorkbookPart(get) ?? fallback('no workbook part');
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
  const relsXml = get(`${dir ? dir + '/' : ''}_rels/${workbookPath.slice(dir ? dir.length + 1 : 0)}.rels`) ?? '';
  const sheetParts = new Map<string, string>(); // rel id → part name
  let stringsPart: string | null = null;
  let stylesPart: string | null = null;
  for (const rel of parseRels(relsXml)) {
    if (rel.TargetMode === 'External') continue;
    const kind = rel.Type.slice(rel.Type.lastIndexOf('/') + 1);
    const target = resolvePart(dir, rel.Target);
    if (raw(target) === null) continue;
    if (kind === 'worksheet') {
      if (sheetParts.has(rel.Id)) fallback('duplicate relationship id');
      sheetParts.set(rel.Id, target);
    } else if (kind === 'sharedStrings') stringsPart = target;
    else if (kind === 'styles') stylesPart = target;
  }

  if (!stylesPart) fallback('no styles part'); // exceljs without styles: its own path decides
  const book = parseWorkbook(get(workbookPath)!);
  const strings = stringsPart ? parseSharedStrings(get(stringsPart)!) : [];
  const numFmts = stylesPart ? parseStyles(get(stylesPart)!) : [];
  const ctx: SheetContext = { strings, numFmts, date1904: book.date1904, maxRows: limits.maxRows, cells: 0, maxCells: limits.maxCells };

  const sheets: SheetGrid[] = [];
  const names = new Set<string>();
  const ids = new Set<number>();
  for (const s of book.sheets) {
    const part = sheetParts.get(s.rId);
    if (!part) continue; // a chart sheet, or a sheet without its part: exceljs skips it too
    if (!Number.isInteger(s.sheetId) || s.sheetId <= 0 || ids.has(s.sheetId)) fallback('sheet id');
    ids.add(s.sheetId);
    // exceljs refuses (or truncates) these names: its path says what happens then.
    const name = s.name;
    if (!name || name === 'History' || /[*?:/\\[\]]/.test(name) || /(^')|('$)/.test(name) || name.length > 31) fallback('sheet name');
    if (names.has(name.toLowerCase())) fallback('duplicate sheet name');
    names.add(name.toLowerCase());
    const bytes = raw(part)!;
    if (bytes.length > limits.maxSheetBytes) fallback('sheet size');
    sheets.push(parseSheet(xmlText(bytes), name, s.state, ctx));
  }
  if (sheets.length === 0) fallback('no sheets');
  return { sheets };
}

// ---------------------------------------------------------------------------------------
// XML plumbing

interface Handlers {
  open(tag: SaxesTagPlain): void;
  close(name: string): void;
  text?(text: string): void;
}

/** Parse with saxes, namespace-unaware like exceljs; DOCTYPE, CDATA and any error abandon the fast path. */
function parseXml(xml: string, h: Handlers): void {
  const p = new SaxesParser();
  p.on('error', (e) => fallback(`xml: ${e.message}`));
  p.on('doctype', () => fallback('doctype'));
  p.on('cdata', () => fallback('cdata'));
  p.on('opentag', (t) => h.open(t as SaxesTagPlain));
  p.on('closetag', (t) => h.close(t.name));
  if (h.text) p.on('text', h.text);
  p.write(xml).close();
}

/** Root elements with a namespace prefix are renamed by open.ts for exceljs: not done here. */
function checkRoot(tag: SaxesTagPlain, name: string): void {
  if (tag.name !== name) fallback(`root ${tag.name}`);
}

const attr = (tag: SaxesTagPlain, name: string): string | undefined => tag.attributes[name] as string | undefined;

// ---------------------------------------------------------------------------------------
// workbook.xml: the sheets in order, their visibility, the date system

interface BookSheet {
  name: string;
  sheetId: number;
  state: string | undefined;
  rId: string;
}

function parseWorkbook(xml: string): { sheets: BookSheet[]; date1904: boolean } {
  const sheets: BookSheet[] = [];
  let date1904 = false;
  let depth = 0;
  let relPrefix = '';
  parseXml(xml, {
    open(t) {
      depth++;
      if (depth === 1) {
        checkRoot(t, 'workbook');
        for (const [k, v] of Object.entries(t.attributes)) if (k.startsWith('xmlns:') && NS_REL.includes(v as string)) relPrefix = k.slice(6);
        if (!relPrefix) fallback('no relationship namespace');
      } else if (t.name === 'workbookPr') {
        const d = attr(t, 'date1904');
        date1904 = d === '1' || d === 'true';
      } else if (t.name === 'sheet') {
        const rId = attr(t, `${relPrefix}:id`);
        if (rId === undefined) fallback('sheet without r:id');
        sheets.push({ name: attr(t, 'name') ?? '', sheetId: parseInt(attr(t, 'sheetId') ?? '', 10), state: attr(t, 'state'), rId: rId! });
      } else if (t.name.includes(':') && depth === 2 && !t.name.startsWith('mc:') && !/^x\d*\w*:/.test(t.name)) {
        fallback(`element ${t.name}`);
      }
    },
    close() {
      depth--;
    },
  });
  return { sheets, date1904 };
}

// ---------------------------------------------------------------------------------------
// sharedStrings.xml, as exceljs reads it: <t> text with _xHHHH_ escapes decoded, rich runs
// kept as runs, phonetic runs (<rPh>) ignored.

type SharedString = string | { richText: { text?: string }[] } | null; // null: something exceljs would not read as text

function parseSharedStrings(xml: string): SharedString[] {
  // saxes sends a closetag for self-closing tags too, so opening and closing pair up.
  const out: SharedString[] = [];
  let depth = 0;
  let cur: SharedString = null;
  let kind: 'none' | 'text' | 'rich' | 'bad' = 'none';
  let phDepth = 0; // inside <rPh>: ignored
  let run: { text?: string } | null = null;
  let buf: string[] | null = null;
  parseXml(xml, {
    open(t) {
      depth++;
      if (depth === 1) checkRoot(t, 'sst');
      else if (depth === 2) {
        if (t.name !== 'si') fallback(`sst child ${t.name}`);
        cur = null;
        kind = 'none';
      } else if (phDepth) {
        /* phonetic text */
      } else if (depth === 3 && t.name === 'rPh') phDepth = depth;
      else if (depth === 3 && t.name === 't') {
        if (kind !== 'none') kind = 'bad';
        buf = [];
      } else if (depth === 3 && t.name === 'r') {
        kind = kind === 'text' || kind === 'bad' ? 'bad' : 'rich';
        run = {};
      } else if (depth === 4 && run && t.name === 't') buf = [];
    },
    text(s) {
      if (buf && !phDepth) buf.push(s);
    },
    close(name) {
      if (phDepth) {
        if (depth === phDepth) phDepth = 0;
      } else if (name === 't' && buf) {
        const s = decodeX(buf.join(''));
        buf = null;
        if (run) run.text = s;
        else {
          cur = s;
          if (kind !== 'bad') kind = 'text';
        }
      } else if (name === 'r' && run && depth === 3) {
        if (cur === null || typeof cur === 'string') cur = { richText: [] };
        cur.richText.push(run);
        run = null;
      } else if (depth === 2) {
        out.push(kind === 'bad' || kind === 'none' ? null : cur);
      }
      depth--;
    },
  });
  return out;
}

const decodeX = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-F]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s);

// ---------------------------------------------------------------------------------------
// styles.xml: each cell style's number format, as exceljs resolves it (custom formats with
// backslash escapes removed, then the zh-CN built-in date formats open.ts declares, then
// exceljs's own built-in table; id 0 means none)

/** exceljs 4.4.0's built-in number formats (lib/xlsx/defaultnumformats.js, the entries with one code). */
const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General', 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%', 11: '0.00E+00', 12: '# ?/?',
  13: '# ??/??', 14: 'mm-dd-yy', 15: 'd-mmm-yy', 16: 'd-mmm', 17: 'mmm-yy', 18: 'h:mm AM/PM', 19: 'h:mm:ss AM/PM',
  20: 'h:mm', 21: 'h:mm:ss', 22: 'm/d/yy "h":mm', 37: '#,##0 ;(#,##0)', 38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)', 40: '#,##0.00 ;[Red](#,##0.00)', 45: 'mm:ss', 46: '[h]:mm:ss', 47: 'mmss.0', 48: '##0.0E+0', 49: '@',
};

function parseStyles(xml: string): (string | undefined)[] {
  const custom = new Map<number, string>();
  const xfIds: number[] = [];
  const stack: string[] = [];
  parseXml(xml, {
    open(t) {
      stack.push(t.name);
      if (stack.length === 1) checkRoot(t, 'styleSheet');
      else if (t.name === 'numFmt' && stack[stack.length - 2] === 'numFmts') {
        const code = attr(t, 'formatCode');
        if (code === undefined) fallback('numFmt without code');
        custom.set(parseInt(attr(t, 'numFmtId') ?? '', 10), code!.replace(/[\\](.)/g, '$1'));
      } else if (t.name === 'xf' && stack[stack.length - 2] === 'cellXfs') xfIds.push(parseInt(attr(t, 'numFmtId') ?? '', 10));
    },
    close() {
      stack.pop();
    },
  });
  return xfIds.map((id) => {
    if (!id) return undefined; // 0 or missing: exceljs sets no format
    return custom.get(id) ?? BUILTIN_ZH_FORMATS[id] ?? BUILTIN_FORMATS[id];
  });
}

// ---------------------------------------------------------------------------------------
// A worksheet

interface SheetContext {
  strings: SharedString[];
  numFmts: (string | undefined)[];
  date1904: boolean;
  maxRows: number;
  cells: number;
  maxCells: number;
}

/** A cell as exceljs would hold it after loading: its type and value, before readCell. */
interface RawCell {
  col: number;
  /** 'null': a styled empty cell (counts for the row's width, holds nothing). */
  type: 'null' | 'value';
  value: CellRead;
}

interface RawRow {
  cells: RawCell[];
}

/** exceljs's own test of a date format (utils.isDateFmt), which decides whether a number becomes a Date. */
function exceljsIsDateFmt(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]+/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** exceljs utils.excelToDate, coercion and all. */
const excelToDate = (v: unknown, date1904: boolean) => new Date(Math.round(((v as number) - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));

/** exceljs utils.xmlDecode (applied a second time to t="str" values). */
const xmlDecode = (s: string) =>
  s.replace(/&([a-z]*);/g, (c) => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' })[c] ?? c);

const CELL_REF = /^([A-Z]{1,3})([0-9]+)$/;

function colNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n;
}

interface OpenCell {
  col: number;
  t?: string;
  s?: number;
  formula?: string;
  shareType?: string;
  ref?: string;
  /** Text of <v> or of an inline <t> (exceljs concatenates both into one value). */
  value?: string;
  /** A <v> element was there (possibly empty: a formula whose result is the empty text). */
  hasV?: boolean;
  rich?: { text?: string }[];
}

function parseSheet(xml: string, name: string, state: string | undefined, ctx: SheetContext): SheetGrid {
  // saxes sends a closetag for self-closing tags too, so opening and closing pair up.
  const rows = new Map<number, RawRow>();
  const merges: MergedRange[] = [];
  let depth = 0;
  let dataDepth = 0; // depth of <sheetData> while inside it
  let rowNo = 0;
  let row: RawRow | null = null;
  let rowKept = false; // open.ts drops rows with nothing but empty self-closing cells
  let rowTotal = 0;
  let cell: OpenCell | null = null;
  let cellSelf = false;
  let node: 'v' | 't' | 'f' | null = null;
  let run: { text?: string } | null = null;
  let runText: string[] | null = null;

  parseXml(xml, {
    open(t) {
      depth++;
      if (depth === 1) checkRoot(t, 'worksheet');
      else if (cell) {
        if (run) {
          if (t.name === 't') runText = [];
        } else if (t.name === 'f') {
          node = 'f';
          cell.shareType = attr(t, 't');
          cell.ref = attr(t, 'ref');
        } else if (t.name === 'v' || t.name === 't') {
          node = t.name;
          if (t.name === 'v') cell.hasV = true;
        }
        else if (t.name === 'r') {
          if (cell.value !== undefined) fallback('text and runs in one cell');
          run = {};
        } else if (t.name === 'rPh') fallback('phonetic text in a cell');
      } else if (depth === 2 && t.name === 'sheetData') dataDepth = depth;
      else if (dataDepth && depth === dataDepth + 1 && t.name === 'row') {
        const r = attr(t, 'r');
        if (r === undefined || !/^[0-9]+$/.test(r)) fallback('row without its number');
        rowNo = parseInt(r!, 10);
        if (rowNo < 1 || rowNo > 1048576 || rows.has(rowNo)) fallback('row number');
        row = { cells: [] };
        rowKept = false;
        if (++rowTotal > ctx.maxRows) fallback('rows');
      } else if (row && depth === dataDepth + 2 && t.name === 'c') {
        const ref = attr(t, 'r');
        const m = ref === undefined ? null : CELL_REF.exec(ref);
        if (!m || parseInt(m[2], 10) !== rowNo) fallback('cell without its address');
        const s = attr(t, 's');
        cell = { col: colNumber(m![1]), t: attr(t, 't'), s: s ? parseInt(s, 10) : undefined };
        // An empty self-closing cell is removed by open.ts before exceljs reads the sheet.
        cellSelf = t.isSelfClosing;
        if (++ctx.cells > ctx.maxCells) fallback('cells');
      } else if (row && depth === dataDepth + 2) {
        rowKept = true; // anything else in a row keeps the row for exceljs
      } else if (t.name === 'mergeCell' && depth === 3) {
        merges.push(mergeOf(attr(t, 'ref')));
      }
    },
    text(s) {
      if (run) {
        if (runText) runText.push(s);
      } else if (cell && node) {
        if (node === 'f') cell.formula = (cell.formula ?? '') + s;
        else cell.value = (cell.value ?? '') + s;
      }
    },
    close(name) {
      if (cell) {
        if (run) {
          if (name === 't' && runText) {
            run.text = decodeX(runText.join(''));
            runText = null;
          } else if (name === 'r') {
            (cell.rich ??= []).push(run);
            run = null;
          }
        } else if (name === 'c' && depth === dataDepth + 2) {
          // A formula giving the empty text is an empty cell (open.ts cleanSheet does the same for exceljs).
          if (!cellSelf && !isEmptyTextFormula(cell)) {
            rowKept = true;
            const c = finishCell(cell, ctx);
            if (c) row!.cells.push(c);
          }
          cell = null;
          node = null;
        } else if (name === 'f' || name === 'v' || name === 't' || name === 'is') node = null;
      } else if (row && name === 'row' && depth === dataDepth + 1) {
        if (rowKept) rows.set(rowNo, row);
        row = null;
      } else if (name === 'sheetData' && depth === dataDepth) dataDepth = 0;
      depth--;
    },
  });
  return buildSheet(name, state, rows, merges);
}

function mergeOf(ref: string | undefined): MergedRange {
  const m = ref === undefined ? null : /^([A-Z]{1,3})([0-9]+):([A-Z]{1,3})([0-9]+)$/.exec(ref);
  if (!m) fallback(`merge ${ref}`);
  const [r1, r2, c1, c2] = [parseInt(m![2], 10), parseInt(m![4], 10), colNumber(m![1]), colNumber(m![3])];
  const top = Math.min(r1, r2);
  const bottom = Math.max(r1, r2);
  const left = Math.min(c1, c2);
  const right = Math.max(c1, c2);
  if (top < 1 || left < 1 || bottom > 1048576 || right > 16384) fallback('merge range');
  if (top === bottom && left === right) fallback('merge of one cell');
  if ((bottom - top + 1) * (right - left + 1) > MAX_AREA) fallback('large merge');
  return { top, left, bottom, right, ref: `${columnLetters(left)}${top}:${columnLetters(right)}${bottom}` };
}

/** `<c t="str"><f>IF(…,"",…)</f><v></v></c>`: shows nothing, so it is nothing (not "no saved value"). */
const isEmptyTextFormula = (c: OpenCell): boolean =>
  c.t === 'str' && c.formula !== undefined && c.shareType !== 'shared' && c.hasV === true && c.value === undefined && !c.rich;

/** One cell, typed as exceljs's cell-xform parse + reconcile would, then read as readCell does. */
function finishCell(c: OpenCell, ctx: SheetContext): RawCell | null {
  const numFmt = c.s ? ctx.numFmts[c.s] : undefined; // s="0" or none: exceljs sets no style
  const d1904 = ctx.date1904;
  const read = (v: unknown, type?: number): RawCell => ({ col: c.col, type: 'value', value: readModelValue(v, numFmt, d1904, type) });

  if (c.formula || c.shareType) {
    if (c.rich) fallback('formula with runs');
    let result: unknown;
    if (c.value) {
      if (c.t === 'str') result = xmlDecode(c.value);
      else if (c.t === 'b') result = parseInt(c.value, 10) !== 0;
      else if (c.t === 'e') result = { error: c.value };
      else result = parseFloat(c.value);
    }
    if (result !== undefined && exceljsIsDateFmt(numFmt)) result = excelToDate(result, d1904);
    // A saved 0 or FALSE is a value (readCell asks exceljs for cell.result, which keeps them); an
    // empty <v> (a formula giving "") or an unreadable number is not: both readers agree.
    if (result === undefined || (typeof result === 'number' && Number.isNaN(result))) {
      // exceljs gives a shared formula's dependants a translated formula: not reproduced here.
      if (!c.formula) fallback('formula without value');
      return { col: c.col, type: 'value', value: { kind: 'formula-no-value', formula: c.formula! } };
    }
    return read(result);
  }
  if (c.rich) {
    if (c.t !== 'inlineStr') fallback('runs in a cell that is not inline text');
    return read({ richText: c.rich }, T.RICHTEXT);
  }
  const v = c.value;
  if (v === undefined) return c.s ? { col: c.col, type: 'null', value: { kind: 'empty' } } : null;
  switch (c.t) {
    case 's': {
      const s = ctx.strings[parseInt(v, 10)];
      if (s === undefined || s === null) fallback('shared string');
      return typeof s === 'string' ? read(s, T.STRING) : read(s, T.RICHTEXT);
    }
    case 'str':
      return read(xmlDecode(v), T.STRING);
    case 'inlineStr':
      return read(v, T.STRING);
    case 'b':
      return read(parseInt(v, 10) !== 0, T.BOOLEAN);
    case 'e':
      return read({ error: v }, T.ERROR);
    default: {
      const n = parseFloat(v);
      return exceljsIsDateFmt(numFmt) ? read(excelToDate(n, d1904), T.DATE) : read(n, T.NUMBER);
    }
  }
}

/** Rows, widths and merges as exceljs builds them: merges create their cells and rows; covered cells read as empty. */
function buildSheet(name: string, state: string | undefined, raw: Map<number, RawRow>, merges: MergedRange[]): SheetGrid {
  for (let i = 0; i < merges.length; i++)
    for (let j = 0; j < i; j++) {
      const a = merges[i];
      const b = merges[j];
      if (a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom) fallback('overlapping merges');
    }
  // Per row: the widest stored column (cellCount) and whether exceljs counts it as holding values.
  const width = new Map<number, number>();
  const hasValues = new Map<number, boolean>();
  for (const [r, row] of raw) {
    let w = 0;
    let v = false;
    for (const c of row.cells) {
      if (c.col > w) w = c.col;
      if (c.type === 'value') v = true;
    }
    width.set(r, w);
    hasValues.set(r, v);
  }
  for (const m of merges)
    for (let r = m.top; r <= m.bottom; r++) {
      width.set(r, Math.max(width.get(r) ?? 0, m.right));
      if (r > m.top || m.right > m.left) hasValues.set(r, true);
      else if (!hasValues.has(r)) hasValues.set(r, false);
    }
  const covered = (r: number, col: number) => merges.some((m) => r >= m.top && r <= m.bottom && col >= m.left && col <= m.right && (r !== m.top || col !== m.left));

  const rows = new Map<number, GridRow>();
  let rowCount = 0;
  let columnCount = 0;
  for (const r of [...width.keys()].sort((a, b) => a - b)) {
    rowCount = r;
    const w = width.get(r)!;
    if (hasValues.get(r)) columnCount = Math.max(columnCount, w);
    const cells: GridCell[] = [];
    const rowCells = raw.get(r)?.cells ?? [];
    const seen = new Set<number>();
    for (const c of rowCells) {
      if (seen.has(c.col)) fallback('duplicate cell');
      seen.add(c.col);
      if (c.value.kind === 'empty') continue;
      if (merges.length && covered(r, c.col)) continue;
      cells.push({ col: c.col, value: c.value });
    }
    cells.sort((a, b) => a.col - b.col);
    // Like grid.ts: rows that hold values, and row 1 (its width finds the header).
    if (hasValues.get(r) || r === 1) rows.set(r, { cellCount: w, cells });
  }
  return { name, visible: state === 'visible' || state === undefined, rowCount, columnCount, rows, merges };
}
