/**
 * Reading a returned score sheet, without judging it: the hidden meta sheet (read once),
 * and each table the file may hold — found by sheet name (a renamed sheet by its headers),
 * its header row found by header text (never by position), every non-blank row below it
 * with each column's cell typed and its A1 reference. The result is plain data
 * (checks/form-input.ts); checks/form.ts judges it against the plan, staff list and policy.
 */
import type ExcelJS from 'exceljs';
import { FORM_KINDS, type FormKind } from '../../policy/schema.js';
import { REQUIRED_COLUMNS, REQUIRED_SIGNOFF_COLUMNS, type ColumnKey, type FormTemplate } from '../../policy/form-template.js';
import { META_MARKER, META_TABLE_COL, META_TABLE_KEYS, headerSpecs } from '../../policy/form-layout.js';
import { displayText, type CellRead } from '../../checks/cell-value.js';
import { headerColumns, headerComplete } from '../../checks/headers.js';
import { metaKind } from '../../checks/meta.js';
import type { ExtractedForm, ExtractedMeta, ExtractedRow, ExtractedTable } from '../../checks/form-input.js';
import { a1, findHeader } from '../headers.js';
import { gridCell, presentRows, workbookGrid, type SheetGrid, type WorkbookGrid } from '../grid.js';
import { sheetKey } from '../../text.js';

/** Read a form from an opened workbook (or from the grid of any other reader). */
export function extractForm(wb: ExcelJS.Workbook | WorkbookGrid, t: FormTemplate): ExtractedForm {
  const grid = 'worksheets' in wb ? workbookGrid(wb) : wb;
  const meta = extractMeta(grid, t);
  const kinds: readonly FormKind[] = metaKind(meta) ? [metaKind(meta)!] : FORM_KINDS;
  const tables: ExtractedForm['tables'] = {};
  const seen = new Map<string, ExtractedTable>(); // kinds that share a sheet and columns are read once
  for (const kind of kinds) {
    const def = t.kinds[kind];
    const required = REQUIRED_COLUMNS[kind].filter((k) => def.columns.includes(k));
    const key = JSON.stringify([def.sheet, def.columns, required]);
    if (!seen.has(key)) seen.set(key, extractTable(grid, t, def.sheet, def.columns, required, knownSheets(t, kind)));
    tables[kind] = seen.get(key);
  }
  let signoff: ExtractedTable | null = null;
  if (kinds.includes('goals')) {
    const keys = t.kinds.goals.signoff_columns ?? [];
    signoff = extractTable(grid, t, t.sheets.signoff, keys, REQUIRED_SIGNOFF_COLUMNS.filter((k) => keys.includes(k)), knownSheets(t, 'goals'));
  }
  return { sheetNames: grid.sheets.map((s) => s.name), meta, tables, signoff };
}

/** The template's own sheets for a kind: a sheet with another name may be a renamed one. */
const knownSheets = (t: FormTemplate, kind: FormKind) => [t.sheets.meta, t.sheets.lists, t.sheets.instructions, t.sheets.signoff, t.kinds[kind].sheet];


/** A sheet by name: exact, else ignoring width, case and surrounding spaces. */
function sheetByName(grid: WorkbookGrid, name: string): SheetGrid | undefined {
  return grid.sheets.find((ws) => ws.name === name) ?? grid.sheets.find((ws) => sheetKey(ws.name) === sheetKey(name));
}

const text = (v: CellRead) => displayText(v).trim();

function extractMeta(grid: WorkbookGrid, t: FormTemplate): ExtractedMeta | null {
  const ws = sheetByName(grid, t.sheets.meta) ?? grid.sheets.find((w) => text(gridCell(w, 1, 1)) === META_MARKER);
  if (!ws) return null;
  const values: ExtractedMeta['values'] = {};
  for (const r of presentRows(ws).filter((n) => n <= 60)) {
    const key = text(gridCell(ws, r, 1));
    if (key) values[key] = { value: text(gridCell(ws, r, 2)).replace(/^'/, ''), a1: a1(r, 2) };
  }
  const col = (k: (typeof META_TABLE_KEYS)[number]) => META_TABLE_COL + META_TABLE_KEYS.indexOf(k);
  const employees: ExtractedMeta['employees'] = [];
  for (const r of presentRows(ws, 3)) {
    const at = (k: (typeof META_TABLE_KEYS)[number]) => text(gridCell(ws, r, col(k)));
    const employeeId = at('employee_id').replace(/^'/, '');
    if (!employeeId) continue;
    employees.push({ employeeId, name: at('name').replace(/^'/, ''), category: at('category'), sectionIds: at('section_ids') });
  }
  return { sheet: ws.name, values, employees };
}

function extractTable(
  grid: WorkbookGrid,
  t: FormTemplate,
  name: string,
  keys: ColumnKey[],
  required: ColumnKey[],
  known: string[],
): ExtractedTable {
  const specs = headerSpecs(t, keys, required);
  const none: ExtractedTable = { expectedSheet: name, sheet: null, renamed: false, header: null, columns: {}, merged: [], rows: [] };
  let ws = sheetByName(grid, name);
  let renamed = false;
  if (!ws) {
    // A renamed sheet: a visible sheet that is none of the template's and has the headers.
    ws = grid.sheets.find((cand) => cand.visible && !known.some((k) => sheetKey(k) === sheetKey(cand.name)) && headerComplete(findHeader(cand, specs), specs));
    renamed = !!ws;
  }
  if (!ws) return none;
  const header = findHeader(ws, specs);
  const table: ExtractedTable = { ...none, sheet: ws.name, renamed, header };
  if (!header.found) return table;
  const columns = headerColumns(header) as Partial<Record<ColumnKey, number>>;
  const keyOf = new Map(Object.entries(columns).map(([k, c]) => [c, k as ColumnKey]));
  const maxCol = Math.max(ws.columnCount, ...keyOf.keys());
  const merged = ws.merges
    .filter((m) => m.bottom >= header.row && m.left <= maxCol)
    .sort((a, b) => a.top - b.top || a.left - b.left)
    .map((m) => m.ref);
  const rows: ExtractedRow[] = [];
  for (const r of presentRows(ws, header.row + 1)) {
    const stored = ws.rows.get(r)?.cells ?? [];
    if (!stored.some((c) => keyOf.has(c.col))) continue; // blank in every column of the table
    const cells: ExtractedRow['cells'] = {};
    for (const [k, c] of Object.entries(columns) as [ColumnKey, number][]) cells[k] = { a1: a1(r, c), value: { kind: 'empty' } };
    for (const c of stored) {
      const k = keyOf.get(c.col);
      if (k) cells[k]!.value = c.value;
    }
    rows.push({ row: r, cells });
  }
  return { ...table, columns, merged, rows };
}
