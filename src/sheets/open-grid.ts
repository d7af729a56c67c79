/**
 * Opening a returned form as a `WorkbookGrid`: the bytes read once (hashed here, archived by
 * the caller from these same bytes), the zip checked and inflated under the limits of open.ts,
 * then read by the lean reader (fast-read.ts). Where that reader declines a file, or the file
 * is refused (wrong format, zip bomb …), the exceljs path of open.ts reads it and says why —
 * so every Issue is the one `openWorkbook` gives, and exceljs is loaded only for such files.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Issue } from '../issues.js';
import { DEFAULT_LIMITS, readZipParts, type OpenOptions } from './open.js';
import { sniffBytes } from './sniff.js';
import { fastGrid } from './fast-read.js';
import type { WorkbookGrid } from './grid.js';

export interface OpenedGrid {
  file: string;
  sha256: string;
  size: number;
  bytes: Buffer;
  grid: WorkbookGrid;
  /** Which reader produced the grid (the lean one, or exceljs where it declined). */
  reader: 'fast' | 'exceljs';
}

export type OpenGridResult = { ok: true; wb: OpenedGrid; issues: Issue[] } | { ok: false; sha256: string | null; issues: Issue[] };

/** Fallbacks of this run, by reason (for the bench and for tests). */
export const fallbackReasons = new Map<string, number>();

export async function openGrid(path: string, opts: OpenOptions = {}): Promise<OpenGridResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  let bytes: Buffer | null = null;
  try {
    const st = await stat(path);
    if (st.isFile() && st.size <= limits.maxFileBytes) bytes = await readFile(path);
  } catch {
    bytes = null;
  }
  // Anything but a readable regular file of a sane size: open.ts says what is wrong.
  if (!bytes || bytes.length > limits.maxFileBytes) return viaExceljs(path, null, opts);
  return openGridBytes(bytes, opts.displayName ?? basename(path), opts);
}

export async function openGridBytes(bytes: Buffer, file: string, opts: OpenOptions = {}): Promise<OpenGridResult> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (bytes.length <= limits.maxFileBytes && sniffBytes(bytes) === 'xlsx') {
    const parts = await readZipParts(bytes, limits);
    if (parts.ok) {
      const l = limits as typeof limits & { maxCells?: number; maxSheetBytes?: number };
      const fast = fastGrid(parts.entries, { maxRows: l.maxRows, maxCells: l.maxCells ?? 1_000_000, maxSheetBytes: l.maxSheetBytes ?? 64 * 1024 * 1024 });
      if (fast.ok) return { ok: true, wb: { file, sha256, size: bytes.length, bytes, grid: fast.grid, reader: 'fast' }, issues: [] };
      fallbackReasons.set(fast.fallback, (fallbackReasons.get(fast.fallback) ?? 0) + 1);
    }
  }
  return viaExceljs(null, bytes, { ...opts, displayName: file });
}

async function viaExceljs(path: string | null, bytes: Buffer | null, opts: OpenOptions): Promise<OpenGridResult> {
  const [{ openWorkbook, openWorkbookBytes }, { workbookGrid }] = await Promise.all([import('./open.js'), import('./grid.js')]);
  const r = bytes ? await openWorkbookBytes(bytes, opts.displayName ?? 'workbook', opts) : await openWorkbook(path!, opts);
  if (!r.ok) return r;
  const b = bytes ?? Buffer.alloc(0);
  return { ok: true, wb: { file: r.wb.file, sha256: r.wb.sha256, size: r.wb.size, bytes: b, grid: workbookGrid(r.wb.workbook), reader: 'exceljs' }, issues: r.issues };
}
