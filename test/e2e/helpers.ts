/**
 * End-to-end helpers: run the CLI in-process (`main(argv, memoryIo)`) in temporary folders,
 * read the produced workbooks and CSV back, and snapshot workspaces so that several tests
 * can start from the same received month without receiving every sheet again.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const FIXTURES = path.join(ROOT, 'fixtures');
export const DEMO_DIR = path.join(FIXTURES, 'demo', '2026-10');
export const ROSTER_XLSX = path.join(FIXTURES, '花名册.xlsx');
export const MONTH = '2026-10';

const made: string[] = [];

/** A new folder under the system temp folder, removed by `removeTempDirs` (kept with JIXIAO_E2E_KEEP=1). */
export function tempDir(tag: string): string {
  const d = mkdtempSync(path.join(tmpdir(), `jixiao-e2e-${tag}-`));
  made.push(d);
  return d;
}

/** For afterAll: remove the folders this test file made. */
export function removeTempDirs(): void {
  if (process.env.JIXIAO_E2E_KEEP) return;
  for (const d of made.splice(0)) {
    try {
      rmSync(d, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      /* a ledger still open in this process (Windows) — the OS cleans the temp folder */
    }
  }
}

export interface Ran {
  code: number;
  out: string;
  err: string;
  /** stdout parsed as JSON (only when the command printed JSON). */
  json: any;
}

/**
 * Run `jixiao <args> --workspace ws` in-process. `ws: null` runs without --workspace
 * (init, demo). `now` fixes the clock the command sees.
 */
export async function jx(args: string[], o: { ws: string | null; cwd?: string; now?: Date }): Promise<Ran> {
  const io = memoryIo({ cwd: o.cwd ?? tmpdir(), ...(o.now ? { now: () => o.now! } : {}) });
  const argv = o.ws === null ? args : [...args, '--workspace', o.ws];
  const code = await main(argv, io);
  const out = io.stdout.join('\n');
  let json: any = undefined;
  if (args.includes('--json')) {
    try {
      json = JSON.parse(io.stdout.join(''));
    } catch {
      json = undefined;
    }
  }
  return { code, out, err: io.stderr.join('\n'), json };
}

/** A fresh workspace with the fixture staff list imported for 2026-10. */
export async function freshWorkspace(tag: string, roster = ROSTER_XLSX): Promise<{ dir: string; ws: string }> {
  const dir = tempDir(tag);
  const ws = path.join(dir, 'ws');
  const init = await jx(['init', ws], { ws: null, cwd: dir });
  if (init.code !== 0) throw new Error(`init failed: ${init.out}\n${init.err}`);
  const imp = await jx(['roster', 'import', roster, '--month', MONTH], { ws, cwd: dir });
  if (imp.code !== 0) throw new Error(`roster import failed: ${imp.out}\n${imp.err}`);
  return { dir, ws };
}

/** Flush the ledger's write-ahead log into the main file, so the workspace folder can be copied. */
export function checkpoint(ws: string): void {
  const db = new Database(path.join(ws, 'jixiao.db'));
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

/** A copy of a workspace in a new temporary folder. */
export function copyWorkspace(ws: string, tag: string): { dir: string; ws: string } {
  checkpoint(ws);
  const dir = tempDir(tag);
  const to = path.join(dir, 'ws');
  cpSync(ws, to, { recursive: true });
  return { dir, ws: to };
}

export const sha256 = (p: string): string => createHash('sha256').update(readFileSync(p)).digest('hex');

/** Every file under dir (relative path → bytes). */
export function snapshotFiles(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = path.join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(path.relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** Every file under dir, relative with '/' separators, sorted (nothing when dir is missing). */
export function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return [...snapshotFiles(dir).keys()].map((p) => p.split(path.sep).join('/')).sort();
}

export async function readWorkbook(p: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(p);
  return wb;
}

/** A cell's value as plain text or number (rich text joined, formulas by result). */
export function plain(v: ExcelJS.CellValue): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  if (typeof v === 'object' && 'result' in v) return plain(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String((v as { text: unknown }).text);
  return String(v);
}

/** A table whose header is in `headerRow`: rows below it as header → value, up to the first empty row. */
export function tableAt(ws: ExcelJS.Worksheet, headerRow = 1): { headers: string[]; rows: Record<string, string | number | null>[]; rowNumbers: number[] } {
  const hr = ws.getRow(headerRow);
  const headers: string[] = [];
  for (let c = 1; c <= ws.columnCount; c++) headers.push(String(plain(hr.getCell(c).value) ?? ''));
  while (headers.length && headers[headers.length - 1] === '') headers.pop();
  const rows: Record<string, string | number | null>[] = [];
  const rowNumbers: number[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const vals = headers.map((_, i) => plain(row.getCell(i + 1).value));
    if (vals.every((v) => v === null || v === '')) break;
    rows.push(Object.fromEntries(headers.map((h, i) => [h, vals[i]])));
    rowNumbers.push(r);
  }
  return { headers, rows, rowNumbers };
}

/** The row number whose first cell is `title` (a table's title line). */
export function findRow(ws: ExcelJS.Worksheet, title: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (plain(ws.getRow(r).getCell(1).value) === title) return r;
  throw new Error(`no row titled ${title} in ${ws.name}`);
}

/** RFC 4180 CSV (CRLF records, quoted fields with doubled quotes) → rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A number or numeric text as text with 2 decimals ("1234.50"); null/'' stay null. Numbers
 * exceljs reads back are the shortest decimal of the stored double, so a value that was
 * written to the fen reads back to the fen; more than two decimals is an error, not rounded.
 */
export function two(v: string | number | null | undefined): string | null {
  if (v === null || v === undefined || v === '') return null;
  const d = new Decimal(typeof v === 'number' ? String(v) : v);
  if (d.decimalPlaces() > 2) throw new Error(`more than two decimals: ${v}`);
  return d.toFixed(2);
}
