/**
 * Finding a table's columns by their header names, never by position.
 *
 * People insert a title row above the table, reorder columns, add a notes column, write
 * "全额工资(元)" or "工号*" or "姓 名" for 姓名. The header row is the row (among the first
 * few) that names the most known columns; names are compared after removing spaces, line
 * breaks, asterisks, "%" and bracketed units — so "全额工资（元）" is 全额工资.
 */
import type ExcelJS from 'exceljs';
import { issue, type Issue } from '../issues.js';
import { columnLetters, displayText, normaliseText, readCell } from './cells.js';

export interface ColumnSpec {
  /** The caller's name for the column (e.g. 'id'). */
  key: string;
  /** Header names: canonical first (used in messages), then accepted aliases. */
  names: string[];
  required: boolean;
}

export type HeaderMatch =
  | { ok: true; headerRow: number; columns: Record<string, number>; issues: Issue[] }
  | { ok: false; issues: Issue[] };

/** "A1" from 1-based row and column. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row}`;
}

/** The comparable form of a header: no spaces, asterisks, "%", colons, or bracketed notes/units; lower case. */
export function headerKey(s: string): string {
  return normaliseText(s)
    .replace(/\([^()]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕|〈[^〉]*〉|<[^>]*>/g, '')
    .replace(/[\s*※%:：]/g, '')
    .toLowerCase();
}

/**
 * Locate the header row and each column.
 *
 * - `ok: false` when no header row is found (`header.not_found`) or a required column is
 *   missing (`column.missing`): the sheet cannot be read.
 * - `ok: true` when every required column was found. `issues` may still hold errors: a
 *   column given twice (`column.duplicate`, the first one is used) — check `hasErrors`.
 *   Unknown headers are warnings (`column.extra`).
 * All issues carry file, sheet and the A1 reference of the header cell (or header row).
 */
export function matchHeader(
  ws: ExcelJS.Worksheet,
  specs: ColumnSpec[],
  ctx: { file: string; sheet: string; maxScanRows?: number },
): HeaderMatch {
  const where = { file: ctx.file, sheet: ctx.sheet };
  const byName = new Map<string, number>(); // header key → spec index (first spec wins)
  specs.forEach((spec, i) => {
    for (const n of spec.names) {
      const k = headerKey(n);
      if (k && !byName.has(k)) byName.set(k, i);
    }
  });

  const lastScan = Math.min(ctx.maxScanRows ?? 10, Math.max(ws.rowCount, 1));
  let best: { row: number; cells: { col: number; text: string; spec: number | undefined }[]; found: number; required: number } | null = null;
  for (let r = 1; r <= lastScan; r++) {
    const row = ws.findRow(r); // findRow: never creates rows in the caller's sheet
    const cells: { col: number; text: string; spec: number | undefined }[] = [];
    for (let c = 1; row && c <= row.cellCount; c++) {
      const text = displayText(readCell(row.getCell(c)));
      if (normaliseText(text) === '') continue;
      cells.push({ col: c, text, spec: byName.get(headerKey(text)) });
    }
    const matched = new Set(cells.filter((x) => x.spec !== undefined).map((x) => x.spec as number));
    const required = [...matched].filter((i) => specs[i].required).length;
    if (matched.size > 0 && (!best || required > best.required || (required === best.required && matched.size > best.found)))
      best = { row: r, cells, found: matched.size, required };
  }

  const requiredNames = specs.filter((s) => s.required).map((s) => s.names[0]);
  if (!best) {
    return {
      ok: false,
      issues: [
        issue('header.not_found', 'error', {
          ...where,
          cell: `A1:${a1(lastScan, Math.max(ws.findRow(1)?.cellCount ?? 0, specs.length, 1))}`,
          expected: requiredNames.join('、'),
          params: { rows: lastScan },
        }),
      ],
    };
  }

  const issues: Issue[] = [];
  const columns: Record<string, number> = {};
  let lastCol = 1;
  for (const { col, text, spec } of best.cells) {
    lastCol = Math.max(lastCol, col);
    if (spec === undefined) {
      issues.push(issue('column.extra', 'warning', { ...where, cell: a1(best.row, col), found: text }));
      continue;
    }
    const key = specs[spec].key;
    if (columns[key] === undefined) {
      columns[key] = col;
    } else {
      issues.push(
        issue('column.duplicate', 'error', {
          ...where,
          cell: a1(best.row, col),
          found: text,
          expected: specs[spec].names[0],
          params: { column: specs[spec].names[0], first: a1(best.row, columns[key]) },
        }),
      );
    }
  }
  const rowRef = `A${best.row}:${a1(best.row, lastCol)}`;
  let missing = false;
  for (const spec of specs) {
    if (spec.required && columns[spec.key] === undefined) {
      missing = true;
      issues.push(
        issue('column.missing', 'error', {
          ...where,
          cell: rowRef,
          expected: spec.names[0],
          params: { column: spec.names[0], aliases: spec.names.slice(1).join('、') },
        }),
      );
    }
  }
  return missing ? { ok: false, issues } : { ok: true, headerRow: best.row, columns, issues };
}
