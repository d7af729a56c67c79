/**
 * What kind of file is this, told by its bytes and never by its name.
 *
 * A clerk renames files, e-mail clients rename files, and WPS saves `.et` under any name;
 * the name proves nothing. Each format the clerk may send by mistake (old .xls/.et, .xlsb,
 * .ods, .numbers, .csv, a password-protected workbook) gets its own clear message, so it
 * has to be recognised here first — exceljs alone reads most of them as "a workbook with
 * no sheets" and says nothing.
 *
 * Everything here is synchronous, reads only the buffer and never throws.
 */
import { inflateRawSync } from 'node:zlib';

export type FileFormat =
  | 'xlsx'
  | 'legacy-xls'
  | 'encrypted-ooxml'
  | 'xlsb'
  | 'ods'
  | 'numbers'
  | 'csv'
  | 'empty'
  | 'zip-other'
  | 'pdf'
  | 'unknown';

const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_EOCD = 0x06054b50;
const ZIP64_EOCD = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/** The format of a file, from its content. */
export function sniffBytes(bytes: Buffer): FileFormat {
  try {
    return sniff(bytes);
  } catch {
    return 'unknown';
  }
}

function sniff(bytes: Buffer): FileFormat {
  if (bytes.length === 0) return 'empty';
  if (isBlank(bytes)) return 'empty';
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_LOCAL) return sniffZip(bytes);
  if (bytes.length >= 4 && bytes.readUInt32LE(0) === ZIP_EOCD) return 'zip-other'; // an empty zip archive
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(OLE_MAGIC)) return sniffOle(bytes);
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  return sniffText(bytes);
}

/**
 * Only spaces, line breaks and a byte-order mark, or only zero bytes (a download that never
 * arrived, pre-allocated by the browser): nothing the clerk could call content.
 */
function isBlank(bytes: Buffer): boolean {
  if (bytes[0] === 0 && bytes.every((b) => b === 0)) return true;
  const n = Math.min(bytes.length, 4096);
  if (bytes.length > 4096) return false;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  for (; i < n; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

// ---------------------------------------------------------------------------------------
// Zip containers: xlsx, xlsb, ods, numbers, or something else (docx, an archive of files)

export interface ZipEntryInfo {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

function sniffZip(bytes: Buffer): FileFormat {
  const entries = zipEntries(bytes);
  const names = entries.map((e) => e.name);
  const lower = names.map((n) => n.toLowerCase());
  const has = (re: RegExp) => lower.some((n) => re.test(n));

  if (lower.includes('mimetype')) {
    const e = entries[lower.indexOf('mimetype')];
    const mime = readEntryText(bytes, e, 200)?.trim() ?? '';
    if (/^application\/vnd\.oasis\.opendocument\.spreadsheet/.test(mime)) return 'ods';
    if (mime === '') {
      // Unreadable mimetype entry: fall back on the ODF content layout.
      if (lower.includes('content.xml') && has(/^meta-inf\/manifest\.xml$/)) return 'ods';
    }
    if (!lower.includes('[content_types].xml')) return 'zip-other';
  }
  // Apple Numbers: Index/Document.iwa (2013+), Index.zip inside a bundle folder, or index.xml.gz (iWork '09).
  if (has(/(^|\/)index\/document\.iwa$/) || has(/(^|\/)index\.zip$/) || (has(/(^|\/)index\.xml\.gz$/) && has(/(^|\/)quicklook\//)))
    return 'numbers';
  if (has(/(^|\/)workbook\.bin$/)) return 'xlsb';
  if (has(/(^|\/)workbook\.xml$/)) return 'xlsx';
  const ct = lower.indexOf('[content_types].xml');
  if (ct >= 0) {
    const text = readEntryText(bytes, entries[ct], 1 << 20) ?? '';
    if (/ms-excel\.sheet\.binary\.macroenabled\.main/i.test(overrides(text))) return 'xlsb';
    if (/spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template|addin)\.macroenabled\.main\+xml/i.test(text))
      return 'xlsx';
  }
  return 'zip-other';
}

/** The Override part of [Content_Types].xml (Defaults name extensions, which prove little). */
function overrides(ct: string): string {
  return (ct.match(/<[^>]*Override\b[^>]*>/gi) ?? []).join(' ');
}

/**
 * Entry names and sizes, from the central directory; if the archive is truncated (no
 * central directory), from the local headers that are still there.
 */
export function zipEntries(bytes: Buffer): ZipEntryInfo[] {
  return centralDirectory(bytes) ?? localHeaders(bytes);
}

function centralDirectory(bytes: Buffer): ZipEntryInfo[] | null {
  const eocd = findEocd(bytes);
  if (eocd < 0) return null;
  let count = bytes.readUInt16LE(eocd + 10);
  let size = bytes.readUInt32LE(eocd + 12);
  let offset = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc >= 0 && bytes.readUInt32LE(loc) === ZIP64_LOCATOR) {
      const z64 = Number(bytes.readBigUInt64LE(loc + 8));
      if (z64 + 56 <= bytes.length && bytes.readUInt32LE(z64) === ZIP64_EOCD) {
        count = Number(bytes.readBigUInt64LE(z64 + 32));
        size = Number(bytes.readBigUInt64LE(z64 + 40));
        offset = Number(bytes.readBigUInt64LE(z64 + 48));
      }
    }
  }
  if (offset + size > bytes.length) return null;
  const out: ZipEntryInfo[] = [];
  let p = offset;
  for (let i = 0; i < count && p + 46 <= bytes.length; i++) {
    if (bytes.readUInt32LE(p) !== ZIP_CENTRAL) return out.length ? out : null;
    const method = bytes.readUInt16LE(p + 10);
    const compressedSize = bytes.readUInt32LE(p + 20);
    const uncompressedSize = bytes.readUInt32LE(p + 24);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extraLen = bytes.readUInt16LE(p + 30);
    const commentLen = bytes.readUInt16LE(p + 32);
    const localHeaderOffset = bytes.readUInt32LE(p + 42);
    const name = cleanName(bytes.subarray(p + 46, p + 46 + nameLen).toString('utf8'));
    out.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

function findEocd(bytes: Buffer): number {
  const min = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes[i] === 0x50 && bytes.readUInt32LE(i) === ZIP_EOCD) return i;
  }
  return -1;
}

function localHeaders(bytes: Buffer): ZipEntryInfo[] {
  const out: ZipEntryInfo[] = [];
  const sig = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
  let p = 0;
  while (out.length < 10000) {
    p = bytes.indexOf(sig, p);
    if (p < 0 || p + 30 > bytes.length) break;
    const nameLen = bytes.readUInt16LE(p + 26);
    if (p + 30 + nameLen > bytes.length) break;
    out.push({
      name: cleanName(bytes.subarray(p + 30, p + 30 + nameLen).toString('utf8')),
      method: bytes.readUInt16LE(p + 8),
      compressedSize: bytes.readUInt32LE(p + 18),
      uncompressedSize: bytes.readUInt32LE(p + 22),
      localHeaderOffset: p,
    });
    p += 30 + nameLen;
  }
  return out;
}

const cleanName = (n: string) => n.replace(/\\/g, '/').replace(/^\/+/, '');

/** The text of a small entry (stored or deflated), or null if it cannot be read. */
function readEntryText(bytes: Buffer, e: ZipEntryInfo, max: number): string | null {
  try {
    const p = e.localHeaderOffset;
    if (bytes.readUInt32LE(p) !== ZIP_LOCAL) return null;
    const start = p + 30 + bytes.readUInt16LE(p + 26) + bytes.readUInt16LE(p + 28);
    const data = bytes.subarray(start, start + Math.min(e.compressedSize, bytes.length - start));
    if (e.method === 0) return data.subarray(0, max).toString('utf8');
    if (e.method === 8) return inflateRawSync(data, { maxOutputLength: max }).toString('utf8');
    return null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------
// OLE compound files: old .xls and WPS .et (a "Workbook" or "Book" stream), or an
// encrypted OOXML package (EncryptionInfo + EncryptedPackage), or something else (.doc)

function sniffOle(bytes: Buffer): FileFormat {
  const names = oleStreamNames(bytes) ?? scanUtf16Names(bytes);
  if (names.has('EncryptedPackage') || names.has('EncryptionInfo')) return 'encrypted-ooxml';
  if (names.has('Workbook') || names.has('Book')) return 'legacy-xls';
  return 'unknown';
}

/** Names of the directory entries of a compound file, or null if the structure is broken. */
export function oleStreamNames(bytes: Buffer): Set<string> | null {
  try {
    if (bytes.length < 512) return null;
    const shift = bytes.readUInt16LE(0x1e);
    if (shift !== 9 && shift !== 12) return null;
    const sectorSize = 1 << shift;
    const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
    const sectorAt = (n: number) => (n + 1) * sectorSize;
    // DIFAT: the first 109 FAT sector ids are in the header, the rest in a chain.
    const fatSectors: number[] = [];
    for (let i = 0; i < 109; i++) fatSectors.push(bytes.readUInt32LE(0x4c + i * 4));
    let dif = bytes.readUInt32LE(0x44);
    for (let guard = 0; dif < 0xfffffffa && guard < sectorCount; guard++) {
      const at = sectorAt(dif);
      if (at + sectorSize > bytes.length) break;
      for (let i = 0; i < sectorSize / 4 - 1; i++) fatSectors.push(bytes.readUInt32LE(at + i * 4));
      dif = bytes.readUInt32LE(at + sectorSize - 4);
    }
    const fat: number[] = [];
    for (const s of fatSectors) {
      if (s >= 0xfffffffa) continue;
      const at = sectorAt(s);
      if (at + sectorSize > bytes.length) continue;
      for (let i = 0; i < sectorSize / 4; i++) fat.push(bytes.readUInt32LE(at + i * 4));
    }
    const names = new Set<string>();
    let dir = bytes.readUInt32LE(0x30);
    for (let guard = 0; dir < 0xfffffffa && guard < sectorCount; guard++) {
      const at = sectorAt(dir);
      if (at + sectorSize > bytes.length) break;
      for (let e = 0; e < sectorSize / 128; e++) {
        const base = at + e * 128;
        const len = bytes.readUInt16LE(base + 0x40);
        const type = bytes[base + 0x42];
        if (type === 0 || len < 2 || len > 64) continue;
        names.add(bytes.subarray(base, base + len - 2).toString('utf16le'));
      }
      dir = fat[dir] ?? 0xfffffffe;
    }
    return names.size ? names : null;
  } catch {
    return null;
  }
}

/** Last resort for a damaged compound file: look for the stream names as UTF-16 text. */
function scanUtf16Names(bytes: Buffer): Set<string> {
  const names = new Set<string>();
  for (const n of ['EncryptedPackage', 'EncryptionInfo', 'Workbook', 'Book']) {
    if (bytes.indexOf(Buffer.from(n + '\0', 'utf16le')) >= 0) names.add(n);
  }
  return names;
}

// ---------------------------------------------------------------------------------------
// Text: comma/tab separated values, and web pages or XML that Excel saves as ".xls"

function sniffText(bytes: Buffer): FileFormat {
  const text = decodeTextHead(bytes);
  if (text === null) return 'unknown';
  const head = text.replace(/^\uFEFF/, '').trimStart();
  if (head.startsWith('<')) {
    // "Excel" exports of web systems are HTML tables, and Excel 2003 saved "XML Spreadsheet"
    // files: both are opened by Excel/WPS and fixed the same way as an old .xls (save as .xlsx).
    if (/urn:schemas-microsoft-com:office:(spreadsheet|excel)|progid="Excel\.Sheet"/i.test(head)) return 'legacy-xls';
    if (/<table[\s>]/i.test(head) && /<t[dh][\s>]/i.test(head)) return 'legacy-xls';
    return 'unknown';
  }
  const lines = head.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  if (lines.length === 0) return 'empty';
  if (lines.some((l) => /[,\t;]/.test(l))) return 'csv';
  return 'unknown';
}

/**
 * The start of the file as text, or null if it is binary. UTF-8, GBK/GB18030 (what
 * Chinese Excel writes for "CSV") and UTF-16 (Excel's "Unicode text") are all accepted:
 * only the ASCII separators matter here.
 */
function decodeTextHead(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 8192);
  const le = head[0] === 0xff && head[1] === 0xfe;
  const be = head[0] === 0xfe && head[1] === 0xff;
  if (le || be || looksUtf16le(head)) {
    const body = head.subarray(le || be ? 2 : 0);
    const even = body.subarray(0, body.length - (body.length % 2));
    const text = be ? Buffer.from(even).swap16().toString('utf16le') : even.toString('utf16le');
    return hasControlChars(text) ? null : text;
  }
  for (const b of head) {
    if (b === 0) return null;
  }
  // Non-ASCII bytes are kept as latin1 characters: the separators are ASCII in every encoding used.
  const text = head.toString('latin1');
  return hasControlChars(text) ? null : text;
}

function looksUtf16le(head: Buffer): boolean {
  if (head.length < 8) return false;
  let zeros = 0;
  const n = Math.min(head.length, 200) & ~1;
  for (let i = 1; i < n; i += 2) if (head[i] === 0 && head[i - 1] !== 0) zeros++;
  return zeros >= (n / 2) * 0.8;
}

function hasControlChars(text: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]/.test(text);
}
