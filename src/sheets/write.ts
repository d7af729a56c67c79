/**
 * Writing output files safely — shared by every writer in the project (§10):
 *
 *  - text that goes into a cell is protected against formula injection (`guardText`);
 *  - names that go into file names are made safe on Windows, macOS and Linux (`safeFileName`);
 *  - files are written to a temporary file in the same folder and renamed into place, so a
 *    reader (or a crash) never sees half a file; an existing output is not replaced unless
 *    the caller says so; a file held open by Excel (EBUSY/EPERM on Windows) or a read-only
 *    target is reported as a value, with the old file left untouched (`writeFileAtomic`,
 *    `writeFilesAtomic` for a set of files that must change together);
 *  - column widths follow the text, counting CJK characters as two (`fitColumns`).
 *
 * The file system is injectable (`WriteFs`) so tests can simulate a locked file.
 */
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fsp } from 'node:fs';
import * as nodePath from 'node:path';
import type ExcelJS from 'exceljs';
import stringWidth from 'string-width';
import { failed, type Failed } from '../issues.js';

// ───────────────────────────── formula-injection guard ─────────────────────────────

/**
 * Characters that make a spreadsheet treat the start of a text as a formula or a DDE
 * command (OWASP "CSV injection"), plus their full-width forms, which Excel and WPS
 * accept as well when a cell is edited or a CSV is imported.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);

/**
 * Formula-injection guard for a text cell, used identically for xlsx and CSV:
 * a text starting with = + - @ tab CR LF (or full-width ＝ ＋ － ＠) gets a leading
 * apostrophe, so "=cmd|' /C calc'!A0" is written as "'=cmd|' /C calc'!A0".
 *
 * Why the same visible apostrophe in xlsx as in CSV: an xlsx text cell is not evaluated
 * when the file is opened, but it is the moment the clerk presses F2+Enter, copies the
 * column into another sheet, or saves the workbook as CSV for the payroll system. A
 * visible apostrophe survives all of those; a hidden quote-prefix style does not. The
 * 说明 sheet tells the clerk what the apostrophe means.
 *
 * Numbers are written as numbers and never pass through here, so "-500.00" stays a number.
 */
export function guardText(s: string): string {
  if (s.length === 0) return s;
  return FORMULA_TRIGGERS.has(s[0]) ? `'${s}` : s;
}

/** Excel's limit for the text of one cell. */
export const MAX_CELL_TEXT = 32_767;

/**
 * Text as it may go into a cell: characters that XML 1.0 forbids (they make Excel report
 * "unreadable content") are removed, the length is capped at Excel's limit, and the
 * formula guard is applied.
 */
export function cellText(s: string): string {
  // eslint-disable-next-line no-control-regex
  let out = s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
  out = guardText(out);
  if (out.length > MAX_CELL_TEXT) out = out.slice(0, MAX_CELL_TEXT - 1) + '…';
  return out;
}

// ───────────────────────────── file names ─────────────────────────────

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/** UTF-8 byte length of a string. */
const utf8Bytes = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * Make `s` safe as (part of) a file name on Windows, macOS and Linux, keeping Chinese:
 * / \ : * ? " < > | and control characters become "_"; leading dots and spaces are
 * removed (no hidden files, no "..") and so are trailing dots and spaces (Windows drops
 * them silently); a Windows reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9,
 * also with an extension such as "con.txt") gets a leading "_"; the result is cut to
 * `maxBytes` UTF-8 bytes (default 180, leaving room for "-2026-10.xlsx" within the
 * 255-byte limit of common file systems) without splitting a character. An empty result
 * becomes `fallback` ("_").
 */
export function safeFileName(s: string, opts: { maxBytes?: number; fallback?: string } = {}): string {
  const maxBytes = opts.maxBytes ?? 180;
  const fallback = opts.fallback ?? '_';
  let out = String(s).normalize('NFC');
  // eslint-disable-next-line no-control-regex
  out = out.replace(/[/\\:*?"<>|\u0000-\u001F\u007F-\u009F\u2028\u2029]/g, '_');
  out = out.replace(/^[\s.]+/u, '').replace(/[\s.]+$/u, '');
  const stem = out.split('.')[0];
  if (WINDOWS_RESERVED.test(stem.trim())) out = `_${out}`;
  if (utf8Bytes(out) > maxBytes) {
    let cut = '';
    for (const ch of out) {
      if (utf8Bytes(cut + ch) > maxBytes) break;
      cut += ch;
    }
    out = cut.replace(/[\s.]+$/u, '');
  }
  return out.length > 0 ? out : fallback;
}

// ───────────────────────────── atomic writes ─────────────────────────────

/** The file-system operations the writers use; injectable so tests can simulate Excel's lock. */
export interface WriteFs {
  writeFile(path: string, data: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Remove a file; no error when it does not exist. */
  remove(path: string): Promise<void>;
  /** Whether anything (file, folder, link) exists at `path`. */
  exists(path: string): Promise<boolean>;
  /** Copy `from` to a new file `to` (fails if `to` exists). */
  copyFile(from: string, to: string): Promise<void>;
  /** Open an existing file for writing and close it again: fails with EBUSY/EPERM/EACCES when it is locked or read-only. */
  probeWritable(path: string): Promise<void>;
  /** Flush a written file to disk. */
  sync(path: string): Promise<void>;
  mkdir(path: string): Promise<void>;
}

export const nodeWriteFs: WriteFs = {
  writeFile: (p, data) => fsp.writeFile(p, data, { flag: 'wx' }),
  rename: (a, b) => fsp.rename(a, b),
  remove: (p) => fsp.rm(p, { force: true }),
  exists: async (p) => {
    try {
      await fsp.lstat(p);
      return true;
    } catch (e) {
      if (errnoCode(e) === 'ENOENT') return false;
      throw e;
    }
  },
  copyFile: (a, b) => fsp.copyFile(a, b, fsConstants.COPYFILE_EXCL),
  probeWritable: async (p) => {
    const h = await fsp.open(p, 'r+');
    await h.close();
  },
  sync: async (p) => {
    const h = await fsp.open(p, 'r+');
    try {
      await h.sync();
    } finally {
      await h.close();
    }
  },
  mkdir: async (p) => {
    await fsp.mkdir(p, { recursive: true });
  },
};

export type WriteFailureCode = 'output.exists' | 'output.locked' | 'output.failed';

/** Why an output could not be written. `params.file` is the target; `detail` the system error code. */
export type WriteFailure = Failed<WriteFailureCode> & { file: string; params: { file: string; detail: string } };
export type WriteResult = { ok: true; file: string } | WriteFailure;
export type WriteManyResult = { ok: true; files: string[] } | WriteFailure;

/** What to write: bytes, or a function that writes the file itself at the temporary path (e.g. exceljs `writeFile`). */
export type FileContent = Uint8Array | string | ((tmpPath: string) => Promise<void>);

export interface WriteOptions {
  /** Replace an existing file (close --reopen / --force). Without it an existing file is refused. */
  overwrite: boolean;
  fs?: Partial<WriteFs>;
  /** writeFilesAtomic only: run after every file is in place; if it throws, all targets are restored and the error rethrown. */
  onReplaced?: () => void | Promise<void>;
}

/** Error codes meaning "the file is in use or not writable": Excel on Windows, read-only file or folder. */
const LOCK_CODES = new Set(['EBUSY', 'EPERM', 'EACCES', 'EROFS', 'ETXTBSY']);

function errnoCode(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}
/** A system I/O error (as opposed to a bug in a content writer, which is rethrown). */
const isIoError = (e: unknown): boolean => /^E[A-Z0-9_]+$/.test(errnoCode(e) ?? '');

/** A system error while writing `file`, as a failure value (lock-like codes → output.locked). */
export function writeFailure(file: string, e: unknown): WriteFailure {
  const detail = errnoCode(e) ?? String(e);
  const code: WriteFailureCode = LOCK_CODES.has(detail) ? 'output.locked' : detail === 'EEXIST' ? 'output.exists' : 'output.failed';
  return writeFailed(code, file, detail);
}

function writeFailed(code: WriteFailureCode, file: string, detail = ''): WriteFailure {
  return { ...failed(code, { file, detail }), file, params: { file, detail } };
}

const withFs = (fs?: Partial<WriteFs>): WriteFs => ({ ...nodeWriteFs, ...fs });

/** A temporary name in the same folder (so the rename stays on one file system), short whatever the target's length. */
const tempPathFor = (target: string, tag = 'tmp'): string =>
  nodePath.join(nodePath.dirname(target), `.jixiao-${process.pid}-${randomBytes(6).toString('hex')}.${tag}`);

async function writeTemp(fs: WriteFs, tmp: string, content: FileContent): Promise<void> {
  if (typeof content === 'function') await content(tmp);
  else await fs.writeFile(tmp, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  await fs.sync(tmp);
}

async function quietRemove(fs: WriteFs, path: string): Promise<void> {
  try {
    await fs.remove(path);
  } catch {
    /* a leftover temp file is harmless; the original error matters more */
  }
}

/**
 * Write one file atomically: content goes to a temporary file in the same folder, is
 * flushed, then renamed over the target. Expected failures are returned, not thrown:
 * `output.exists` (target exists and `overwrite` is false), `output.locked` (EBUSY, EPERM,
 * EACCES …: open in Excel, read-only), `output.failed` (any other system error, e.g. disk
 * full). In every failure the temporary file is removed and an existing target is untouched.
 * An exception from a content function that is not a system error (a bug) is rethrown.
 *
 * Without `overwrite` the existence check runs before writing and again just before the
 * rename; a file created by another program between that check and the rename would be
 * replaced (a single-user tool accepts that window; `link`-based exclusivity is not
 * available on FAT/exFAT drives and some network shares).
 */
export async function writeFileAtomic(path: string, content: FileContent, opts: WriteOptions): Promise<WriteResult> {
  const fs = withFs(opts.fs);
  const target = nodePath.resolve(path);
  try {
    if (!opts.overwrite && (await fs.exists(target))) return writeFailed('output.exists', target);
  } catch (e) {
    return writeFailure(target, e);
  }
  const tmp = tempPathFor(target);
  try {
    await writeTemp(fs, tmp, content);
    if (!opts.overwrite && (await fs.exists(target))) {
      await quietRemove(fs, tmp);
      return writeFailed('output.exists', target);
    }
    await fs.rename(tmp, target);
    return { ok: true, file: target };
  } catch (e) {
    await quietRemove(fs, tmp);
    if (!isIoError(e)) throw e;
    return writeFailure(target, e);
  }
}

/**
 * Write a set of files that belong together (the summary, the payroll xlsx and its CSV):
 * either all of them are replaced or none is. Steps:
 *  1. without `overwrite`, refuse if any target exists (nothing written);
 *  2. write every file to a temporary file and flush it;
 *  3. check that every existing target can be opened for writing (catches a file open
 *     in Excel on Windows before anything is replaced) and keep a backup copy of it;
 *  4. rename the temporary files into place; if one rename fails, the targets already
 *     replaced are restored from their backups;
 *  5. remove temporary files and backups.
 * Each target is therefore at every moment either its old complete content or its new one.
 */
export async function writeFilesAtomic(
  entries: { path: string; content: FileContent }[],
  opts: WriteOptions,
): Promise<WriteManyResult> {
  const fs = withFs(opts.fs);
  const items = entries.map((e) => ({
    target: nodePath.resolve(e.path),
    content: e.content,
    tmp: '',
    backup: null as string | null,
    replaced: false,
  }));
  const cleanup = async () => {
    for (const it of items) {
      if (it.tmp) await quietRemove(fs, it.tmp);
      if (it.backup) await quietRemove(fs, it.backup);
    }
  };

  // 1. refuse existing targets up front
  try {
    if (!opts.overwrite)
      for (const it of items)
        if (await fs.exists(it.target)) return writeFailed('output.exists', it.target);
  } catch (e) {
    return writeFailure(items[0]?.target ?? '', e);
  }

  let current = items[0]?.target ?? '';
  try {
    // 2. temporary files
    for (const it of items) {
      current = it.target;
      it.tmp = tempPathFor(it.target);
      await writeTemp(fs, it.tmp, it.content);
    }
    // 3. probe and back up existing targets
    for (const it of items) {
      current = it.target;
      if (!(await fs.exists(it.target))) continue;
      if (!opts.overwrite) {
        await cleanup();
        return writeFailed('output.exists', it.target);
      }
      await fs.probeWritable(it.target);
      const backup = tempPathFor(it.target, 'bak');
      await fs.copyFile(it.target, backup);
      it.backup = backup;
    }
  } catch (e) {
    await cleanup();
    if (!isIoError(e)) throw e;
    return writeFailure(current, e);
  }

  // 4. rename into place, then let the caller commit (e.g. the ledger transaction of close);
  // a failed rename or a failed commit restores every target already replaced.
  for (const it of [...items, null]) {
    try {
      if (it === null) {
        await opts.onReplaced?.();
        break;
      }
      await fs.rename(it.tmp, it.target);
      it.tmp = '';
      it.replaced = true;
    } catch (e) {
      for (const done of items) {
        if (!done.replaced) continue;
        try {
          if (done.backup) {
            await fs.rename(done.backup, done.target);
            done.backup = null;
          } else await fs.remove(done.target); // it did not exist before
        } catch {
          /* keep the backup file on disk so nothing is lost */
          done.backup = null;
        }
      }
      await cleanup();
      if (it === null || !isIoError(e)) throw e;
      return writeFailure(it.target, e);
    }
  }
  // 5. done
  await cleanup();
  return { ok: true, files: items.map((i) => i.target) };
}

/** Write an exceljs workbook atomically (see `writeFileAtomic`). */
export async function writeWorkbookAtomic(workbook: ExcelJS.Workbook, path: string, opts: WriteOptions): Promise<WriteResult> {
  const bytes = await workbookBytes(workbook);
  return writeFileAtomic(path, bytes, opts);
}

/** The .xlsx bytes of a workbook (with the autofilter names other programs need, see `addFilterDatabaseNames`). */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  addFilterDatabaseNames(workbook);
  // Deflate level 1: a quarter of the CPU of the default level for files ~20 % larger — `forms`
  // writes thousands of them for a dealer group (issue 11); every program opens either.
  const out = await workbook.xlsx.writeBuffer({ zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } } as ExcelJS.XlsxWriteOptions);
  return Buffer.from(out as unknown as ArrayBuffer);
}

type FilterAddress = string | { row: number; column: number };
interface XlsxModelHook {
  prepareModel(model: unknown, options: unknown): void;
  [FILTER_NAMES]?: true;
}
const FILTER_NAMES = Symbol('jixiao.filterDatabaseNames');

/** "B2" or {row: 2, column: 2} → "$B$2". */
function absoluteAddress(a: FilterAddress): string {
  if (typeof a === 'string') return a.replace(/^\$?([A-Za-z]+)\$?(\d+)$/, (_m, c: string, r: string) => `$${c.toUpperCase()}$${r}`);
  let col = '';
  for (let n = a.column; n > 0; n = Math.floor((n - 1) / 26)) col = String.fromCharCode(65 + ((n - 1) % 26)) + col;
  return `$${col}$${a.row}`;
}

/**
 * Make autofilters visible in LibreOffice (found by test/interop): a sheet's <autoFilter>
 * only shows its filter buttons in LibreOffice Calc when the workbook also defines the
 * sheet-local name _xlnm._FilterDatabase over the same range, which Excel always writes
 * and exceljs 4.4 never does. This adds that name for every sheet with an autofilter,
 * when exceljs builds the workbook part (the instance's prepareModel, after exceljs has
 * added its own print-title names). Idempotent per workbook.
 */
export function addFilterDatabaseNames(workbook: ExcelJS.Workbook): void {
  const xlsx = workbook.xlsx as unknown as XlsxModelHook;
  if (xlsx[FILTER_NAMES] || typeof xlsx.prepareModel !== 'function') return;
  const prepare = xlsx.prepareModel.bind(xlsx);
  xlsx.prepareModel = (model, options) => {
    prepare(model, options);
    const m = model as {
      worksheets: { name: string; autoFilter?: string | { from: FilterAddress; to: FilterAddress } | null }[];
      definedNames: { name: string; ranges: string[]; localSheetId?: number }[];
    };
    let localSheetId = -1; // position among the written sheets, counted as exceljs does (the array may be sparse)
    m.worksheets.forEach((ws) => {
      localSheetId++;
      const af = ws.autoFilter;
      if (!af) return;
      const [from, to] = typeof af === 'string' ? af.split(':') : [af.from, af.to];
      if (!from) return;
      const sheet = `'${ws.name.replace(/'/g, "''")}'`;
      m.definedNames.push({
        name: '_xlnm._FilterDatabase',
        ranges: [`${sheet}!${absoluteAddress(from)}:${absoluteAddress(to ?? from)}`],
        localSheetId,
      });
    });
  };
  xlsx[FILTER_NAMES] = true;
}

/** A write failure as an Issue, for the command's problem list (messages `issue.output.*`). */

// ───────────────────────────── column widths ─────────────────────────────

/** Display width of a text: CJK and other wide characters count 2; for several lines, the widest. */
export function cjkWidth(s: string): number {
  const text = String(s);
  // Pure ASCII without line breaks (工号, money, dates): its length. string-width is slow and a
  // summary of 20,000 people repeats the same texts, so the rest is measured once per string.
  if (/^[\x20-\x7e]*$/.test(text)) return text.length;
  let w = widthCache.get(text);
  if (w === undefined) {
    w = 0;
    for (const line of text.split(/\r\n|\r|\n/)) w = Math.max(w, stringWidth(line));
    if (widthCache.size > 50_000) widthCache.clear();
    widthCache.set(text, w);
  }
  return w;
}
const widthCache = new Map<string, number>();

/** The text a cell shows, closely enough to size its column (number formats applied). */
export function displayText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') {
    const fmt = cell.numFmt ?? '';
    const places = /0\.(0+)/.exec(fmt)?.[1].length ?? 0;
    if (fmt.includes('%')) return `${(v * 100).toFixed(places)}%`;
    // Thousands separators by hand: toLocaleString is a large share of sizing a 20,000-row summary.
    if (fmt.includes('#,##0')) return groupThousands(v.toFixed(places));
    if (/^0(\.0+)?$/.test(fmt)) return v.toFixed(places);
    return String(v);
  }
  if (v instanceof Date) return (cell.numFmt ?? '').includes('h') ? '0000-00-00 00:00' : '0000-00-00';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return String(v.result ?? '');
  return String(cell.text ?? '');
}

/** "-1234567.50" → "-1,234,567.50". */
function groupThousands(fixedText: string): string {
  const dot = fixedText.indexOf('.');
  const int = dot < 0 ? fixedText : fixedText.slice(0, dot);
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (dot < 0 ? '' : fixedText.slice(dot));
}

/**
 * Set every column's width from its widest cell (CJK counts double), within [min, max].
 * Cells wider than `max` get wrapped text so nothing is cut off when printed. Merged cells
 * are skipped (they span several columns). `extra` is added for padding and the filter button.
 */
export function fitColumns(ws: ExcelJS.Worksheet, opts: { min?: number; max?: number; extra?: number } = {}): void {
  const min = opts.min ?? 6;
  const max = opts.max ?? 60;
  const extra = opts.extra ?? 3;
  const widths = new Map<number, number>();
  ws.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      if (cell.isMerged) return;
      const w = cjkWidth(displayText(cell));
      if (w + extra > max && typeof cell.value === 'string') {
        cell.style = { ...cell.style, alignment: { ...(cell.alignment ?? {}), wrapText: true, vertical: 'top' } }; // a new object: table styles are shared (style.ts)
      }
      widths.set(col, Math.max(widths.get(col) ?? 0, w));
    });
  });
  for (const [col, w] of widths) ws.getColumn(col).width = Math.min(max, Math.max(min, w + extra));
}
