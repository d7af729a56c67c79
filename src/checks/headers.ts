/**
 * Judging the header row a reader found (src/sheets/headers.ts finds it): which columns
 * are there, which are missing, given twice, or unknown. Pure.
 */
import { issue, type Issue } from '../issues.js';

export interface ColumnSpec {
  /** The caller's name for the column (e.g. 'id'). */
  key: string;
  /** Header names: canonical first (used in messages), then accepted aliases. */
  names: string[];
  required: boolean;
}

/** One non-empty cell of the header row, with the spec its text names (null: an unknown header). */
export interface HeaderCell {
  col: number;
  a1: string;
  text: string;
  key: string | null;
}

/** The header row a reader chose, or where it looked in vain. */
export type FoundHeader =
  | { found: true; row: number; cells: HeaderCell[] }
  | { found: false; scanned: string; scannedRows: number };

export type HeaderMatch =
  | { ok: true; headerRow: number; columns: Record<string, number>; issues: Issue[] }
  | { ok: false; issues: Issue[] };

/** Column of each spec key: the first header cell naming it. */
export function headerColumns(h: FoundHeader): Record<string, number> {
  const columns: Record<string, number> = {};
  if (h.found) for (const c of h.cells) if (c.key !== null && columns[c.key] === undefined) columns[c.key] = c.col;
  return columns;
}

/** Every required column is there: the table can be read. */
export function headerComplete(h: FoundHeader, specs: readonly ColumnSpec[]): boolean {
  const columns = headerColumns(h);
  return h.found && specs.every((s) => !s.required || columns[s.key] !== undefined);
}

/**
 * - `ok: false` when no header row was found (`header.not_found`) or a required column is
 *   missing (`column.missing`): the sheet cannot be read.
 * - `ok: true` when every required column was found. `issues` may still hold errors: a
 *   column given twice (`column.duplicate`, the first one is used).
 *   Unknown headers are warnings (`column.extra`).
 * All issues carry file, sheet and the A1 reference of the header cell (or header row).
 */
export function judgeHeader(h: FoundHeader, specs: readonly ColumnSpec[], where: { file?: string; sheet: string }): HeaderMatch {
  if (!h.found) {
    return {
      ok: false,
      issues: [
        issue('header.not_found', 'error', {
          ...where,
          cell: h.scanned,
          expected: specs.filter((s) => s.required).map((s) => s.names[0]).join('、'),
          params: { rows: h.scannedRows },
        }),
      ],
    };
  }
  const spec = new Map(specs.map((s) => [s.key, s]));
  const issues: Issue[] = [];
  const first = new Map<string, HeaderCell>();
  for (const c of h.cells) {
    if (c.key === null) {
      issues.push(issue('column.extra', 'warning', { ...where, cell: c.a1, found: c.text }));
      continue;
    }
    const had = first.get(c.key);
    if (!had) {
      first.set(c.key, c);
      continue;
    }
    const name = spec.get(c.key)!.names[0];
    issues.push(
      issue('column.duplicate', 'error', { ...where, cell: c.a1, found: c.text, expected: name, params: { column: name, first: had.a1 } }),
    );
  }
  const last = h.cells[h.cells.length - 1];
  const rowRef = `A${h.row}:${last && last.col > 1 ? last.a1 : `A${h.row}`}`;
  let missing = false;
  for (const s of specs) {
    if (s.required && !first.has(s.key)) {
      missing = true;
      issues.push(
        issue('column.missing', 'error', {
          ...where,
          cell: rowRef,
          expected: s.names[0],
          params: { column: s.names[0], aliases: s.names.slice(1).join('、') },
        }),
      );
    }
  }
  return missing ? { ok: false, issues } : { ok: true, headerRow: h.row, columns: headerColumns(h), issues };
}
