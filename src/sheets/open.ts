/**
 * Opening a workbook the clerk received, safely.
 *
 * Every way a file can be wrong becomes an Issue with a stable code — never a throw, never a
 * hang, never "a workbook with no sheets" said silently. The steps:
 *
 *  1. read the bytes (missing, unreadable, empty, too large);
 *  2. tell the format by content (src/sheets/sniff.ts): .xls/.et, .xlsb, .ods, .numbers,
 *     .csv, password-protected, PDF … each get their own message;
 *  3. check the zip's central directory with yauzl *before* anything inflates it (entry
 *     count, declared uncompressed total, compression ratio), then inflate only the parts a
 *     reader needs, with the real byte counts checked as they come;
 *  4. rebuild a small, clean package for exceljs (see `cleanPackage`), which removes the
 *     ways exceljs 4.4.0 hangs or crashes on files Excel opens without complaint;
 *  5. load it with exceljs; any exception there is `file.corrupt`.
 *
 * The workbook handed back is a read-only view of the cells: data validations, conditional
 * formats, comments, pictures, hyperlink targets, themes and huge defined names are not
 * loaded. Values, number formats, merged cells, sheet names and sheet visibility are.
 */
import { createHash } from 'node:crypto';
import { readFile, stat, readdir } from 'node:fs/promises';
import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { inflateRawSync } from 'node:zlib';
import { issue, type Issue, type IssueCode } from '../issues.js';
import { sniffBytes, type FileFormat } from './sniff.js';
import { columnLetters } from './cells.js';

export interface Limits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
  /** Largest total of the zip entries once uncompressed, in bytes. */
  maxUncompressedBytes: number;
  /** Largest ratio uncompressed / file size (only checked beyond 1 MB uncompressed). */
  maxRatio: number;
  /** Most zip entries. */
  maxEntries: number;
  /** Most rows with content in one sheet. */
  maxRows: number;
  /** Most cells present in the whole workbook (rows × columns actually there), counted before it is built. */
  maxCells: number;
  /** Largest uncompressed XML of one sheet, in bytes. */
  maxSheetBytes: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxFileBytes: 20 * 1024 * 1024,
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 100,
  maxEntries: 2000,
  // A dealer group's staff list holds tens of thousands of people (20,000 in ~60 stores is
  // ordinary); the byte, ratio and entry caps above still stop zip bombs.
  maxRows: 100_000,
  // A group staff list of 20,000 people × 30 columns is 600,000 cells; exceljs needs ~0.5 KB per cell,
  // so this keeps a workbook well under 1 GB (a 19,000 × 400 sheet is refused before loading).
  maxCells: 1_000_000,
  maxSheetBytes: 64 * 1024 * 1024,
};

/** Below this uncompressed total the ratio is not checked: tiny files can compress very well. */
const RATIO_FLOOR = 1024 * 1024;

export interface OpenedWorkbook {
  /** The name to show the clerk (display name, or the file's base name). */
  file: string;
  sha256: string;
  size: number;
  workbook: ExcelJS.Workbook;
}

export type OpenResult =
  | { ok: true; wb: OpenedWorkbook; issues: Issue[] }
  | { ok: false; sha256: string | null; issues: Issue[] };

export interface OpenOptions {
  limits?: Partial<Limits>;
  displayName?: string;
}

/** Open the workbook at `path`. Never throws; every problem is an Issue with `file` set. */
export async function openWorkbook(path: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const read = await readInputFile(path, opts);
  if (!read.ok) return { ok: false, sha256: null, issues: read.issues };
  return openWorkbookBytes(read.bytes, read.file, opts);
}

/**
 * The bytes of an input file, read once (receive hashes, checks and archives these same bytes).
 * Only regular files are read: a FIFO would block for ever and a device (or a link to
 * /dev/zero) never ends, so they are refused by name before anything is opened.
 */
export async function readInputFile(
  path: string,
  opts: OpenOptions = {},
): Promise<{ ok: true; file: string; bytes: Buffer } | { ok: false; issues: Issue[] }> {
  const file = opts.displayName ?? basename(path);
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const fail = (code: IssueCode, params?: Record<string, string | number>) => ({
    ok: false as const,
    issues: [issue(code, 'error', { file, ...(params ? { params } : {}) })],
  });
  let size: number;
  try {
    const st = await stat(path);
    if (st.isDirectory()) {
      // A Numbers document copied from a Mac can be a folder ("package").
      const inside = await readdir(path).catch(() => [] as string[]);
      if (inside.includes('Index') || inside.includes('Index.zip')) return fail('file.numbers');
      return fail('file.not_spreadsheet');
    }
    if (!st.isFile()) return fail('file.not_regular', { path });
    size = st.size;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? fail('file.not_found') : fail('file.unreadable', errParams(e));
  }
  if (size > limits.maxFileBytes) return fail('file.too_large', sizeParams(size, limits.maxFileBytes));
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? fail('file.not_found') : fail('file.unreadable', errParams(e));
  }
  // grown since the size check (a file still being written)
  if (bytes.length > limits.maxFileBytes) return fail('file.too_large', sizeParams(bytes.length, limits.maxFileBytes));
  return { ok: true, file, bytes };
}

/** Open a workbook from its bytes (e.g. an e-mail attachment). Never throws. */
export async function openWorkbookBytes(bytes: Buffer, displayName: string, opts: OpenOptions = {}): Promise<OpenResult> {
  const file = displayName;
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const fail = (code: IssueCode, params?: Record<string, string | number>): OpenResult => ({
    ok: false,
    sha256,
    issues: [issue(code, 'error', { file, ...(params ? { params } : {}) })],
  });
  try {
    if (bytes.length > limits.maxFileBytes) return fail('file.too_large', sizeParams(bytes.length, limits.maxFileBytes));
    const format = sniffBytes(bytes);
    if (format !== 'xlsx') return fail(FORMAT_CODES[format], { format });

    const parts = await readZipParts(bytes, limits);
    if (!parts.ok) return fail(parts.code, parts.params);
    const size = sheetSizes(parts.entries, limits);
    if (size) return fail(size.code, size.params);

    const pkg = cleanPackage(parts.entries);
    if (!pkg.ok) return fail('file.corrupt', { detail: pkg.detail });
    const { default: JSZip } = await import('jszip');
    const zip = new JSZip();
    for (const [name, data] of pkg.entries) zip.file(name, data);
    const clean = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });

    // Loaded here, not at the top: commands that never read a workbook through exceljs skip its ~0.6 s load.
    const ExcelJS = await loadExceljs();
    const workbook = new ExcelJS.Workbook();
    try {
      // ignoreNodes: parts a reader never needs and that exceljs 4.4.0 expands cell by cell
      // (dataValidations over whole columns) or chokes on (conditional formats without
      // their styles, hyperlinks without their relationship).
      await workbook.xlsx.load(clean as unknown as ExcelJS.Buffer, {
        ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'drawing', 'legacyDrawing', 'picture', 'tableParts'],
        maxRows: limits.maxRows,
      } as ExcelJS.XlsxReadOptions);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/^Max row count/.test(msg)) return fail('file.too_many_rows', { max: limits.maxRows });
      return fail('file.corrupt', { detail: msg });
    }
    if (workbook.worksheets.length === 0) return fail('file.no_sheets');
    return { ok: true, wb: { file, sha256, size: bytes.length, workbook }, issues: [] };
  } catch (e) {
    // Anything unexpected while taking the file apart means the file is not what it claims.
    return fail('file.corrupt', { detail: e instanceof Error ? e.message : String(e) });
  }
}

/**
 * Cells and sheet sizes counted in the raw sheet XML, before exceljs builds anything (issue 10 §5):
 * the work then stays proportional to what the file really holds.
 */
function sheetSizes(entries: Map<string, Buffer>, limits: Limits): { code: IssueCode; params: Record<string, number> } | null {
  let cells = 0;
  for (const [name, data] of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(name)) continue;
    if (data.length > limits.maxSheetBytes) return { code: 'file.sheet_too_large', params: sizeParams(data.length, limits.maxSheetBytes) };
    cells += countCells(data);
    if (cells > limits.maxCells) return { code: 'file.too_many_cells', params: { max: limits.maxCells } };
  }
  return null;
}

/** Count `<c ` / `<c>` / `<x:c ` start tags (a cell) without decoding the XML. */
function countCells(xml: Buffer): number {
  let n = 0;
  for (let i = xml.indexOf(60); i >= 0 && i < xml.length - 2; i = xml.indexOf(60, i + 1)) {
    let j = i + 1;
    // an optional namespace prefix (x:c)
    let k = j;
    while (k < xml.length && k - j < 16 && xml[k] !== 58 && xml[k] !== 32 && xml[k] !== 62 && xml[k] !== 47) k++;
    if (xml[k] === 58) j = k + 1;
    if (xml[j] === 99 /* c */ && (xml[j + 1] === 32 || xml[j + 1] === 62 || xml[j + 1] === 47 || xml[j + 1] === 9 || xml[j + 1] === 10 || xml[j + 1] === 13)) n++;
  }
  return n;
}

const FORMAT_CODES: Record<Exclude<FileFormat, 'xlsx'>, IssueCode> = {

  'legacy-xls': 'file.legacy_xls',
  'encrypted-ooxml': 'file.encrypted',
  xlsb: 'file.xlsb',
  ods: 'file.ods',
  numbers: 'file.numbers',
  csv: 'file.csv',
  empty: 'file.empty',
  'zip-other': 'file.not_spreadsheet',
  pdf: 'file.not_spreadsheet',
  unknown: 'file.not_spreadsheet',
};

function sizeParams(size: number, max: number): Record<string, number> {
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return { sizeMb: mb(size), maxMb: mb(max) };
}

function errParams(e: unknown): Record<string, string> {
  const err = e as NodeJS.ErrnoException;
  return { reason: err.code ?? 'error', detail: err.message ?? String(e) };
}

// ---------------------------------------------------------------------------------------
// Step 3: the zip, checked before inflating, then inflated with the real sizes counted

type ZipParts =
  | { ok: true; entries: Map<string, Buffer> }
  | { ok: false; code: IssueCode; params?: Record<string, string | number> };

/** Only XML parts and relationships are inflated (no media, no binaries), minus folders a reader never needs. */
const WANTED = /\.(xml|rels)$/i;
const UNWANTED = /(^|\/)(theme|drawings|media|charts|pivotCache|pivotTables|printerSettings|customXml|externalLinks|ctrlProps|activeX|embeddings|diagrams|slicers|slicerCaches|timelines|persons|threadedComments|richData|queryTables|connections)\//i;

export function readZipParts(bytes: Buffer, limits: Limits): Promise<ZipParts> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (r: ZipParts, zip?: yauzl.ZipFile) => {
      if (settled) return;
      settled = true;
      try {
        zip?.close();
      } catch {
        /* already closed */
      }
      resolve(r);
    };
    const corrupt = (e: unknown) => done({ ok: false, code: 'file.corrupt', params: { detail: e instanceof Error ? e.message : String(e) } });

    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true, strictFileNames: false },
      (err, zip) => {
        if (err || !zip) return corrupt(err);
        if (zip.entryCount > limits.maxEntries)
          return done({ ok: false, code: 'file.zip_bomb', params: { reason: 'entries', entries: zip.entryCount, max: limits.maxEntries } }, zip);
        const entries: yauzl.Entry[] = [];
        let declared = 0;
        zip.on('error', (e) => corrupt(e));
        zip.on('entry', (entry: yauzl.Entry) => {
          declared += entry.uncompressedSize;
          entries.push(entry);
          if (entries.length > limits.maxEntries)
            return done({ ok: false, code: 'file.zip_bomb', params: { reason: 'entries', entries: entries.length, max: limits.maxEntries } }, zip);
          zip.readEntry();
        });
        zip.on('end', () => {
          if (declared > limits.maxUncompressedBytes)
            return done({ ok: false, code: 'file.zip_bomb', params: { reason: 'size', uncompressedMb: Math.round(declared / 1048576), maxMb: Math.round(limits.maxUncompressedBytes / 1048576) } }, zip);
          const ratio = declared / Math.max(1, bytes.length);
          if (declared > RATIO_FLOOR && ratio > limits.maxRatio)
            return done({ ok: false, code: 'file.zip_bomb', params: { reason: 'ratio', ratio: Math.round(ratio), max: limits.maxRatio } }, zip);
          inflateWanted(zip, entries, limits, bytes).then((r) => done(r, zip), corrupt);
        });
        zip.readEntry();
      },
    );
  });
}

async function inflateWanted(zip: yauzl.ZipFile, entries: yauzl.Entry[], limits: Limits, bytes: Buffer): Promise<ZipParts> {
  const out = new Map<string, Buffer>();
  let total = 0;
  for (const entry of entries) {
    const name = entryName(entry);
    if (name.endsWith('/') || !WANTED.test(name) || UNWANTED.test(name)) continue;
    if (entry.isEncrypted())
      return { ok: false, code: 'file.encrypted' };
    const direct = inflateDirect(bytes, entry, limits.maxUncompressedBytes - total);
    if (direct) {
      total += direct.length;
      out.set(name, direct);
      continue;
    }
    const r = await new Promise<Buffer | { code: IssueCode; params?: Record<string, string | number> }>((resolve) => {
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return resolve({ code: 'file.corrupt', params: { detail: String(err?.message ?? err) } });
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => {
          total += c.length;
          if (total > limits.maxUncompressedBytes) {
            stream.destroy();
            resolve({ code: 'file.zip_bomb', params: { reason: 'size', maxMb: Math.round(limits.maxUncompressedBytes / 1048576) } });
            return;
          }
          chunks.push(c);
        });
        stream.on('error', (e: Error) => resolve({ code: 'file.corrupt', params: { detail: e.message } }));
        stream.on('end', () => resolve(Buffer.concat(chunks)));
      });
    });
    if (!Buffer.isBuffer(r)) return { ok: false, ...r };
    out.set(name, r);
  }
  return { ok: true, entries: out };
}

/**
 * An entry inflated in one call from the bytes already in memory (yauzl's stream per entry
 * was a sixth of reading a returned form: issue 11), never beyond `budget` bytes. Null when
 * anything is unusual — the stream path then reads it and reports what is wrong.
 */
function inflateDirect(bytes: Buffer, entry: yauzl.Entry, budget: number): Buffer | null {
  try {
    const at = entry.relativeOffsetOfLocalHeader;
    if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50) return null;
    const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > bytes.length || entry.uncompressedSize > budget) return null;
    const data = bytes.subarray(start, end);
    let out: Buffer;
    if (entry.compressionMethod === 0) out = Buffer.from(data);
    else if (entry.compressionMethod === 8) out = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) });
    else return null;
    return out.length === entry.uncompressedSize ? out : null;
  } catch {
    return null;
  }
}

function entryName(entry: yauzl.Entry): string {
  const raw = entry.fileName as unknown as Buffer | string;
  const s = typeof raw === 'string' ? raw : raw.toString('utf8');
  return s.replace(/\\/g, '/').replace(/^\/+/, '');
}

// ---------------------------------------------------------------------------------------
// Step 4: a clean package exceljs can read
//
// exceljs 4.4.0 finds parts by fixed names (xl/workbook.xml, xl/worksheets/sheetN.xml,
// xl/sharedStrings.xml, xl/styles.xml) and unprefixed tag names, and expands some ranges
// cell by cell. Files that Excel opens fine can therefore load as "no sheets", lose all
// their text, take minutes, or throw. Here the package is rebuilt from what the
// relationships say, under the names exceljs expects, with only what a reader needs.

type Entries = Map<string, Buffer>;
type CleanResult = { ok: true; entries: Map<string, string> } | { ok: false; detail: string };

const NS_MAIN = ['http://schemas.openxmlformats.org/spreadsheetml/2006/main', 'http://purl.oclc.org/ooxml/spreadsheetml/main'];
const NS_REL = ['http://schemas.openxmlformats.org/officeDocument/2006/relationships', 'http://purl.oclc.org/ooxml/officeDocument/relationships'];

/** Largest merged area or defined name (in cells) loaded as is; larger ones are cut to the data. */
const MAX_AREA = 100_000;

export function cleanPackage(entries: Entries): CleanResult {
  const lookup = new Map<string, string>(); // lower-case name → actual name
  for (const k of entries.keys()) lookup.set(k.toLowerCase(), k);
  const get = (name: string): string | null => {
    const k = lookup.get(name.toLowerCase());
    return k === undefined ? null : xmlText(entries.get(k)!);
  };

  const workbookPath = findWorkbookPart(get);
  if (!workbookPath) return { ok: false, detail: 'no workbook part' };
  const workbookXml = get(workbookPath);
  if (workbookXml === null) return { ok: false, detail: `missing ${workbookPath}` };
  const dir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/')) : '';
  const relsXml = get(`${dir ? dir + '/' : ''}_rels/${workbookPath.slice(dir ? dir.length + 1 : 0)}.rels`) ?? '';

  const out = new Map<string, string>();
  const newRels: string[] = [];
  let sheetNo = 0;
  for (const rel of parseRels(relsXml)) {
    if (rel.TargetMode === 'External') continue;
    const kind = rel.Type.slice(rel.Type.lastIndexOf('/') + 1);
    const target = resolvePart(dir, rel.Target);
    const xml = get(target);
    if (xml === null) continue;
    if (kind === 'worksheet') {
      sheetNo++;
      out.set(`xl/worksheets/sheet${sheetNo}.xml`, cleanSheet(xml));
      newRels.push(relXml(rel.Id, 'worksheet', `worksheets/sheet${sheetNo}.xml`));
    } else if (kind === 'sharedStrings') {
      out.set('xl/sharedStrings.xml', stripMainPrefix(xml));
      newRels.push(relXml(rel.Id, 'sharedStrings', 'sharedStrings.xml'));
    } else if (kind === 'styles') {
      out.set('xl/styles.xml', addBuiltinDateFormats(stripMainPrefix(xml)));
      newRels.push(relXml(rel.Id, 'styles', 'styles.xml'));
    }
  }
  out.set('xl/workbook.xml', cleanWorkbook(workbookXml));
  out.set(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${newRels.join('')}</Relationships>`,
  );
  out.set(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  for (const p of ['docProps/core.xml', 'docProps/app.xml']) {
    const x = get(p);
    if (x !== null) out.set(p, x);
  }
  return { ok: true, entries: out };
}

/** The workbook part: from the package relationships, else the content types, else the usual name. */
export function findWorkbookPart(get: (n: string) => string | null): string | null {
  const office = parseRels(get('_rels/.rels') ?? '').find((r) => /\/officeDocument$/.test(r.Type));
  if (office && get(resolvePart('', office.Target)) !== null) return resolvePart('', office.Target);
  const ct = get('[Content_Types].xml') ?? '';
  for (const tag of ct.match(/<(?:\w+:)?Override\b[^>]*>/g) ?? []) {
    const a = attrs(tag);
    if (/(spreadsheetml\.(sheet|template)\.main|ms-excel\.(sheet|template|addin)\.macroEnabled\.main)\+xml/i.test(a.ContentType ?? '')) {
      const p = resolvePart('', a.PartName ?? '');
      if (get(p) !== null) return p;
    }
  }
  return get('xl/workbook.xml') !== null ? 'xl/workbook.xml' : null;
}

interface Rel {
  Id: string;
  Type: string;
  Target: string;
  TargetMode?: string;
}

export function parseRels(xml: string): Rel[] {
  const out: Rel[] = [];
  for (const tag of xml.match(/<(?:\w+:)?Relationship\b[^>]*>/g) ?? []) {
    const a = attrs(tag);
    if (a.Id && a.Type && a.Target !== undefined) out.push({ Id: a.Id, Type: a.Type, Target: a.Target, TargetMode: a.TargetMode });
  }
  return out;
}

function relXml(id: string, kind: string, target: string): string {
  return `<Relationship Id="${escapeAttr(id)}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/${kind}" Target="${target}"/>`;
}

/** A part name from a relationship target, relative to `dir` unless absolute. */
export function resolvePart(dir: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURI(t);
  } catch {
    /* keep as is */
  }
  const parts = t.startsWith('/') ? [] : dir.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]] = unescapeXml(m[2] ?? m[3] ?? '');
  return out;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (m, e: string) => {
    switch (e.toLowerCase()) {
      case 'lt':
        return '<';
      case 'gt':
        return '>';
      case 'amp':
        return '&';
      case 'quot':
        return '"';
      case 'apos':
        return "'";
    }
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** XML bytes as text: UTF-8 (with or without BOM) or UTF-16 with BOM. */
export function xmlText(b: Buffer): string {
  if (b[0] === 0xff && b[1] === 0xfe) return b.subarray(2).toString('utf16le');
  if (b[0] === 0xfe && b[1] === 0xff) return Buffer.from(b.subarray(2)).swap16().toString('utf16le');
  const s = b.toString('utf8');
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/**
 * Some generators (the .NET Open XML SDK among them) write `<x:worksheet xmlns:x="…main">`;
 * exceljs matches tag names literally and would read nothing. Drop the prefix.
 */
export function stripMainPrefix(xml: string): string {
  const root = /<([A-Za-z_][\w.-]*):[A-Za-z_][\w.-]*\b[^>]*>/.exec(xml.replace(/^<\?xml[^>]*\?>\s*/, '').slice(0, 4000));
  if (!root) return xml;
  const prefix = root[1];
  const decl = attrs(root[0])[`xmlns:${prefix}`];
  if (!decl || !NS_MAIN.includes(decl)) return xml;
  const p = prefix.replace(/[.]/g, '\\.');
  return xml
    .replace(new RegExp(`<(/?)${p}:`, 'g'), '<$1')
    .replace(new RegExp(`xmlns:${p}=`, ''), 'xmlns=');
}

/** exceljs reads the relationship id of a sheet only as `r:id`; other prefixes are renamed. */
function normaliseRelPrefix(xml: string): string {
  const root = /<(?:\w+:)?workbook\b[^>]*>/.exec(xml);
  if (!root) return xml;
  for (const [k, v] of Object.entries(attrs(root[0]))) {
    if (k.startsWith('xmlns:') && NS_REL.includes(v)) {
      const prefix = k.slice(6);
      if (prefix === 'r') return xml;
      return xml.replace(new RegExp(`\\b${prefix}:id=`, 'g'), 'r:id=');
    }
  }
  return xml;
}

function cleanWorkbook(xml: string): string {
  let x = normaliseRelPrefix(stripMainPrefix(xml));
  // exceljs only understands date1904="1"; OOXML also allows "true".
  x = x.replace(/(<workbookPr\b[^>]*\bdate1904=)(["'])true\2/, '$1"1"');
  // exceljs expands every defined name cell by cell: a name over whole columns
  // (a drop-down list source such as 部门列表 = Sheet2!$A$1:$A$1048576) takes seconds and
  // hundreds of MB per column. Names are not needed to read cells; big ones are dropped.
  x = x.replace(/<definedName\b[^>]*>([\s\S]*?)<\/definedName>/g, (m, body: string) => (refArea(body) > MAX_AREA ? '' : m));
  return x;
}

/** The largest area (in cells) of the A1 ranges in a defined name's formula. */
function refArea(formula: string): number {
  let max = 0;
  for (const m of formula.matchAll(/\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)/g)) {
    const area = (Math.abs(+m[4] - +m[2]) + 1) * (Math.abs(colNumber(m[3]) - colNumber(m[1])) + 1);
    max = Math.max(max, area);
  }
  // Whole columns ($A:$B) or whole rows ($1:$3) in a name.
  for (const m of formula.matchAll(/(?<![A-Z$\d])\$?([A-Z]{1,3}):\$?([A-Z]{1,3})(?![\d(])/g))
    max = Math.max(max, (Math.abs(colNumber(m[2]) - colNumber(m[1])) + 1) * 1048576);
  for (const m of formula.matchAll(/!\$?(\d+):\$?(\d+)(?!\d)/g)) max = Math.max(max, (Math.abs(+m[2] - +m[1]) + 1) * 16384);
  return max;
}

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * A worksheet, for reading: rows and cells that hold nothing (only a style) are dropped —
 * when every row and cell carries its address, so nothing moves — and merged areas far
 * larger than the data (a whole column merged) are cut to the last row and column that
 * hold data, since exceljs creates every cell of a merged area.
 */
export function cleanSheet(xml: string): string {
  let x = stripMainPrefix(xml);
  const rowTags = x.match(/<row\b[^>]*>/g) ?? [];
  const cellTags = x.match(/<c\b[^>]*>/g) ?? [];
  const rowsAddressed = rowTags.every((t) => /\sr\s*=/.test(t));
  const cellsAddressed = cellTags.every((t) => /\sr\s*=/.test(t));
  if (rowsAddressed && cellsAddressed) {
    // A formula whose saved result is the empty text (=IF(…,"",…); Excel and LibreOffice write <v></v>)
    // shows nothing: read it as an empty cell. exceljs would call it "no saved value" — and saving the
    // file again could never fix that. Shared formulas keep theirs (their dependants need the master).
    x = x.replace(
      /<c\b([^>]*?)\s+t\s*=\s*(["'])str\2([^>]*)>\s*<f\b(?![^>]*\bt\s*=\s*["']shared)[^>]*>[^<]*<\/f>\s*(?:<v\s*\/>|<v><\/v>)\s*<\/c>/g,
      '<c$1$3/>',
    );
    x = x.replace(/<c\b[^>]*\/>/g, '');
    x = x.replace(/<row\b[^>]*\/>/g, '').replace(/<row\b[^>]*>\s*<\/row>/g, '');
  }
  if (/<mergeCell\b/.test(x)) {
    let lastRow = 0;
    let r = 0;
    for (const t of x.match(/<row\b[^>]*>/g) ?? []) {
      const m = /\sr\s*=\s*["'](\d+)/.exec(t);
      r = m ? +m[1] : r + 1;
      lastRow = Math.max(lastRow, r);
    }
    let lastCol = 0;
    for (const m of x.matchAll(/<c\b[^>]*?\sr\s*=\s*["']([A-Z]{1,3})\d+/g)) lastCol = Math.max(lastCol, colNumber(m[1]));
    if (!cellsAddressed) lastCol = 16384;
    x = x.replace(/<mergeCell\b[^>]*?\bref\s*=\s*(["'])([A-Z]{1,3})(\d+):([A-Z]{1,3})(\d+)\1[^>]*\/>/g, (m, _q, c1: string, r1: string, c2: string, r2: string) => {
      const top = Math.min(+r1, +r2);
      const bottom = Math.max(+r1, +r2);
      const left = Math.min(colNumber(c1), colNumber(c2));
      const right = Math.max(colNumber(c1), colNumber(c2));
      if ((bottom - top + 1) * (right - left + 1) <= MAX_AREA) return m;
      const b = Math.max(top, Math.min(bottom, lastRow));
      const rt = Math.max(left, Math.min(right, lastCol));
      if (b === top && rt === left) return '';
      return `<mergeCell ref="${columnLetters(left)}${top}:${columnLetters(rt)}${b}"/>`;
    });
  }
  return x;
}

/**
 * Chinese Excel and WPS store date formats such as 2026年3月1日 as built-in format ids
 * 27–36 and 50–58, which exceljs 4.4.0 does not know: such a date would read as a bare
 * number (46082). Declaring those ids with their zh-CN format codes lets them read as dates.
 */
export const BUILTIN_ZH_FORMATS: Record<number, string> = {
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午h"时"mm"分"',
  35: '上午/下午h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午h"时"mm"分"',
  56: '上午/下午h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};

export function addBuiltinDateFormats(xml: string): string {
  const declared = new Set<number>();
  const numFmts = /<numFmts\b[^>]*?(\/>|>[\s\S]*?<\/numFmts>)/.exec(xml);
  if (numFmts) for (const m of numFmts[0].matchAll(/<numFmt\b[^>]*?numFmtId\s*=\s*["'](\d+)/g)) declared.add(+m[1]);
  const used = new Set<number>();
  for (const m of xml.matchAll(/\bnumFmtId\s*=\s*["'](\d+)/g)) used.add(+m[1]);
  const missing = [...used].filter((id) => BUILTIN_ZH_FORMATS[id] && !declared.has(id));
  if (missing.length === 0) return xml;
  const add = missing.map((id) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(BUILTIN_ZH_FORMATS[id])}"/>`).join('');
  if (numFmts && numFmts[1] !== '/>') return xml.replace(/<\/numFmts>/, `${add}</numFmts>`);
  if (numFmts) return xml.replace(numFmts[0], `<numFmts count="${missing.length}">${add}</numFmts>`);
  return xml.replace(/(<styleSheet\b[^>]*>)/, `$1<numFmts count="${missing.length}">${add}</numFmts>`);
}

// ---------------------------------------------------------------------------------------
// exceljs 4.4.0: `cell.text` (and `cell.toString()`) of a cell inside a merged area whose
// top-left cell is empty throws "Cannot read properties of null (reading 'toString')":
// MergeValue.toString() is `this.value.toString()` and the master's value is null. Such
// areas are common (a merged title cleared by hand). Make it return '' like an empty cell.

let exceljsModule: typeof import('exceljs') | null = null;
async function loadExceljs(): Promise<typeof import('exceljs')> {
  if (!exceljsModule) {
    exceljsModule = (await import('exceljs')).default;
    guardMergedText(exceljsModule);
  }
  return exceljsModule;
}

function guardMergedText(ExcelJS: typeof import('exceljs')): void {
  try {
    const ws = new ExcelJS.Workbook().addWorksheet('probe');
    ws.mergeCells('A1:B1');
    const value = (ws.getCell('B1') as unknown as { _value?: object })._value;
    const proto = value ? (Object.getPrototypeOf(value) as { toString: () => string; __jixiaoGuard?: boolean }) : null;
    if (!proto || proto.__jixiaoGuard) return;
    proto.toString = function (this: { value: unknown }): string {
      const v = this.value;
      return v === null || v === undefined ? '' : String(v);
    };
    proto.__jixiaoGuard = true;
  } catch {
    /* exceljs changed shape: readCell never relies on cell.text anyway */
  }
}
