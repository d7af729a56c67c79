/**
 * What a returned score sheet holds, as plain data: the input of the form checker
 * (checks/form.ts). A reader of the workbook (src/sheets/forms/extract.ts, with exceljs)
 * produces it: it has found the sheets, the header rows and the hidden meta sheet, and
 * typed every cell, but judged nothing — no policy, no staff list, no Issue.
 */
import type { FormKind } from '../policy/schema.js';
import type { ColumnKey } from '../policy/form-template.js';
import type { CellRead } from './cell-value.js';
import type { FoundHeader } from './headers.js';

export interface ExtractedCell {
  /** "K12" */
  a1: string;
  value: CellRead;
}

/** A row under the header with something in it: every found column's cell, empty ones too. */
export interface ExtractedRow {
  row: number;
  cells: Partial<Record<ColumnKey, ExtractedCell>>;
}

/** One table of the form (a kind's main sheet, or the sign-off sheet). */
export interface ExtractedTable {
  /** The template's name for the sheet. */
  expectedSheet: string;
  /** The sheet's name in the file; null when there is no such sheet (nor a renamed one). */
  sheet: string | null;
  /** Found under another name, by its headers (the scorer renamed it). */
  renamed: boolean;
  /** The header row found (null when there is no sheet). */
  header: FoundHeader | null;
  /** Column of each template column found (first occurrence in the header row). */
  columns: Partial<Record<ColumnKey, number>>;
  /** Merged areas that reach the table (header row down, within its columns), top-left first. */
  merged: string[];
  /** Rows below the header that are not blank, in sheet order. */
  rows: ExtractedRow[];
}

/** One row of the meta sheet's expected-employee table, as written. */
export interface MetaEmployeeRow {
  employeeId: string;
  name: string;
  category: string;
  /** Comma-separated section ids. */
  sectionIds: string;
}

/** The hidden meta sheet (表单信息), as written. */
export interface ExtractedMeta {
  sheet: string;
  /** Key (column A) → value (column B, trimmed, a leading apostrophe dropped) and the value's A1. */
  values: Record<string, { value: string; a1: string }>;
  employees: MetaEmployeeRow[];
}

export interface ExtractedForm {
  /** Every sheet of the file, in file order (for messages). */
  sheetNames: string[];
  /** null: no meta sheet. */
  meta: ExtractedMeta | null;
  /**
   * The main table of each kind the file may be: only the meta's kind when the meta names
   * one, else every kind (the plan or the sheet itself then tells which).
   */
  tables: Partial<Record<FormKind, ExtractedTable>>;
  /** The sign-off sheet, when the file may be a goals sheet. */
  signoff: ExtractedTable | null;
}
