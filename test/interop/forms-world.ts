/**
 * The score sheets the interop tests hand to other programs: the forms engineer's small
 * dealership (fixtures/make-bad-forms.ts), every planned sheet generated blank and filled
 * by our own code (exceljs), and the same filling as a list of cell assignments that
 * openpyxl and LibreOffice replay on the blank sheets.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { fileNameOf, filled, generate, sampleWorld, type PlanKey, type World } from '../../fixtures/make-bad-forms.js';
import { checkFile, type CheckedFile } from '../../src/app/check-file.js';
import { workbookBytes } from '../../src/sheets/write.js';

export type { PlanKey, World };
export { sampleWorld };

/** One cell a scorer fills: a number, a text, or a date ("YYYY-MM-DD"). */
export interface Assignment {
  sheet: string;
  cell: string;
  t: 'n' | 's' | 'd' | 'f';
  v: string | number;
  /** LibreOffice UNO fill only: enter it as typed text (Calc parses numbers and dates). */
  typed?: boolean;
  /** LibreOffice UNO fill only: a number format code to give the cell ("0%"). */
  fmt?: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

function toAssignment(sheet: string, cell: string, v: ExcelJS.CellValue): Assignment {
  if (typeof v === 'number') return { sheet, cell, t: 'n', v };
  if (v instanceof Date) return { sheet, cell, t: 'd', v: iso(v) };
  if (typeof v === 'string') return { sheet, cell, t: 's', v };
  throw new Error(`unexpected filled value in ${sheet}!${cell}: ${JSON.stringify(v)}`);
}

/**
 * What our own fill (fillForm) writes into a blank sheet, cell by cell: every cell whose
 * value differs between the generated and the filled workbook.
 */
export async function fillAssignments(w: World, key: PlanKey): Promise<Assignment[]> {
  const blank = generate(w, key);
  const full = await filled(w, key);
  const out: Assignment[] = [];
  full.eachSheet((ws) => {
    const before = blank.getWorksheet(ws.name)!;
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const was = before.getCell(cell.address).value;
        if (JSON.stringify(was) !== JSON.stringify(cell.value)) out.push(toAssignment(ws.name, cell.address, cell.value));
      }),
    );
  });
  if (out.length === 0) throw new Error(`fillForm wrote nothing for ${key}`);
  return out;
}

export const PLAN_KEYS = (w: World) => Object.keys(w.plans) as PlanKey[];

export interface FormFiles {
  key: PlanKey;
  /** The generated, empty sheet. */
  blank: string;
  /** The same sheet filled by our own code and saved by exceljs: the reference. */
  exceljs: string;
  cells: Assignment[];
}

/** Write every planned sheet, blank and filled by exceljs, under dir/blank and dir/exceljs (file names as `jixiao forms` names them). */
export async function writeForms(w: World, dir: string): Promise<FormFiles[]> {
  await mkdir(join(dir, 'blank'), { recursive: true });
  await mkdir(join(dir, 'exceljs'), { recursive: true });
  const out: FormFiles[] = [];
  for (const key of PLAN_KEYS(w)) {
    const name = fileNameOf(w, key);
    const blank = join(dir, 'blank', name);
    const exceljs = join(dir, 'exceljs', name);
    await writeFile(blank, await workbookBytes(generate(w, key)));
    await writeFile(exceljs, await workbookBytes(await filled(w, key)));
    out.push({ key, blank, exceljs, cells: await fillAssignments(w, key) });
  }
  return out;
}

export type FileValidation = CheckedFile;

/** Validate a returned file exactly as `jixiao validate`/`receive` do for the month (app/check-file.ts). */
export function validateAsReceived(w: World, path: string): Promise<FileValidation> {
  const plans = (month: string) => ({ forms: Object.values(w.plans).filter((p) => p.month === month), roster: w.roster, members: w.members });
  return checkFile({ policy: w.policy }, path, { month: '2026-10', fallbackMonth: '2026-10', template: w.template, plans });
}

/** The part of a validation that must not depend on which program saved the file. */
export function outcome(v: FileValidation) {
  return {
    opened: v.parsed !== null,
    kind: v.kind,
    meta: v.meta,
    plan: v.plan ? `${v.plan.kind}/${v.plan.scorerId}` : null,
    goals: v.parsed?.goals ?? null,
    signOffs: v.parsed?.signOffs ?? null,
    scores: v.parsed?.scores ?? null,
  };
}

/** Issues as short strings for readable failures: "error score.not_number @评分表!F3 found=…". */
export const issueList = (v: FileValidation) =>
  v.issues.map((i) => `${i.severity} ${i.code} @${i.sheet ?? ''}!${i.cell ?? ''} found=${i.found ?? ''}`);
