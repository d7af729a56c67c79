/**
 * Reading a returned score sheet (`receive`, `validate`): every problem becomes an Issue with
 * file, sheet, cell, what was found and what was expected — all of them, never just the first.
 *
 *  - Sheets are found by name (template), never by position; a renamed main sheet is found
 *    by its headers (warning). Columns are found by header text (with aliases), never by
 *    position; missing/duplicate columns are errors, unknown extra columns warnings.
 *  - Blank rows are skipped; rows the scorer inserted (no 工号) belong to the employee above
 *    (goals sheet) or to the one expected employee with that 姓名; deleted rows show up as
 *    employee.missing.
 *  - The hidden 表单信息 sheet says which month, kind, scorer and employees the sheet is for;
 *    when the clerk expects a specific sheet (FormPlan), that plan decides who must be on it.
 */
import type ExcelJS from 'exceljs';
import type { Employee, FormPlan, GoalRow, Month, ParsedForm, ScoreRow, SignOff, StaffMember } from '../../model.js';
import { CATEGORIES, FORM_KINDS, type Category, type FormKind, type Policy } from '../../policy/schema.js';
import { issue, type Issue } from '../../issues.js';
import { readCell, displayText, parseNumber, parseDate, type CellRead } from '../cells.js';
import { matchHeader, a1 } from '../headers.js';
import { checkCommission, checkScore, checkWeight, type CellRef, type ParsedNumber } from '../../checks/numbers.js';
import { checkEmployeeGoals, type EmployeeGoals } from '../../checks/goals.js';
import { checkMeta, type FormMeta, type MetaCells } from '../../checks/meta.js';
import {
  duplicateEmployee,
  findInRoster,
  idByName,
  idMissing,
  identifyRow,
  missingEmployee,
  normId,
  normName,
  type IdentifyContext,
} from '../../checks/employees.js';
import { mergedCellIssues } from '../../checks/cells.js';
import {
  META_KEYS,
  META_MARKER,
  META_TABLE_COL,
  META_TABLE_KEYS,
  REQUIRED_COLUMNS,
  REQUIRED_SIGNOFF_COLUMNS,
  expectedFromPlan,
  headerSpecs,
  matchSection,
  sectionNameMap,
  type ExpectedEmployee,
  type MetaKey,
} from './layout.js';
import { columnDef, type ColumnKey, type FormTemplate } from './template.js';

export interface ReadFormContext {
  /** File name as the clerk knows it (for messages). */
  file: string;
  /** What the clerk expects this file to be: the month, and the planned sheet if known. */
  expected?: { month?: Month; plan?: FormPlan };
  /** The staff list by 工号. */
  roster: Map<string, Employee>;
  /** The month's placed staff by 工号 (category). */
  members: Map<string, StaffMember>;
  policy: Policy;
  template: FormTemplate;
  /** Section id → name override (default: the policy's names). */
  sectionNames?: Map<string, string> | Record<string, string>;
}

export interface ReadFormResult {
  parsed: ParsedForm;
  issues: Issue[];
  /** The form kind the sheet was read as (null when it could not be told). */
  kind: FormKind | null;
  /** Who the sheet was expected to score (plan, else the sheet's own list; null if unknown). */
  expected: ExpectedEmployee[] | null;
}

type Workbookish = { workbook: ExcelJS.Workbook } | ExcelJS.Workbook;
const workbookOf = (w: Workbookish): ExcelJS.Workbook => ('workbook' in w && !('worksheets' in w) ? w.workbook : (w as ExcelJS.Workbook));

// ───────────────────────────── sheets ─────────────────────────────

const sheetKey = (s: string) => s.normalize('NFKC').trim().toLowerCase();

/** A worksheet by name: exact, else ignoring width, case and surrounding spaces. */
function sheetByName(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet | undefined {
  return wb.worksheets.find((ws) => ws.name === name) ?? wb.worksheets.find((ws) => sheetKey(ws.name) === sheetKey(name));
}

const sheetList = (wb: ExcelJS.Workbook) => wb.worksheets.map((w) => w.name).join('、');

// ───────────────────────────── meta ─────────────────────────────

interface MetaRead {
  meta: FormMeta;
  cells: MetaCells;
  employees: ExpectedEmployee[];
}

const cellString = (wb: ExcelJS.Workbook, cell: ExcelJS.Cell): string => displayText(readCell(cell, wb)).trim();

function readMeta(wb: ExcelJS.Workbook, t: FormTemplate, file: string): { read: MetaRead | null; issues: Issue[] } {
  const ws =
    sheetByName(wb, t.sheets.meta) ?? wb.worksheets.find((w) => cellString(wb, w.getCell(1, 1)) === META_MARKER);
  const noMeta = (missing: string, cell?: string, sheet?: string, found?: string) => ({
    read: null,
    issues: [
      issue('form.no_meta', 'error', {
        file,
        sheet,
        cell,
        found: found ?? sheetList(wb),
        expected: missing,
        params: { missing },
      }),
    ],
  });
  if (!ws) return noMeta(`${t.sheets.meta}`);
  const values = new Map<string, { value: string; cell: string }>();
  const last = Math.min(ws.rowCount, 60);
  for (let r = 1; r <= last; r++) {
    const key = cellString(wb, ws.getCell(r, 1));
    if (key) values.set(key, { value: cellString(wb, ws.getCell(r, 2)).replace(/^'/, ''), cell: a1(r, 2) });
  }
  const need: MetaKey[] = ['template_version', 'month', 'kind', 'scorer_id'];
  for (const k of need) {
    if (!values.get(k)?.value) return noMeta(`${t.sheets.meta}: ${META_KEYS[k]}`, values.get(k)?.cell, ws.name, '');
  }
  const kind = values.get('kind')!.value as FormKind;
  if (!FORM_KINDS.includes(kind)) return noMeta(`${t.sheets.meta}: ${META_KEYS.kind}`, values.get('kind')!.cell, ws.name, kind);

  // expected-employee table
  const employees: ExpectedEmployee[] = [];
  const col = (k: (typeof META_TABLE_KEYS)[number]) => META_TABLE_COL + META_TABLE_KEYS.indexOf(k);
  for (let r = 3; r <= ws.rowCount; r++) {
    const id = cellString(wb, ws.getCell(r, col('employee_id'))).replace(/^'/, '');
    if (!id) continue;
    const cat = cellString(wb, ws.getCell(r, col('category')));
    employees.push({
      employeeId: id,
      name: cellString(wb, ws.getCell(r, col('name'))).replace(/^'/, ''),
      category: (CATEGORIES as readonly string[]).includes(cat) ? (cat as Category) : null,
      sectionIds: cellString(wb, ws.getCell(r, col('section_ids')))
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    });
  }
  return {
    read: {
      meta: {
        templateVersion: values.get('template_version')!.value,
        month: values.get('month')!.value,
        kind,
        scorerId: values.get('scorer_id')!.value,
        scorerName: values.get('scorer_name')?.value ?? '',
      },
      cells: {
        sheet: ws.name,
        templateVersion: values.get('template_version')!.cell,
        month: values.get('month')!.cell,
        kind: values.get('kind')!.cell,
        scorerId: values.get('scorer_id')!.cell,
      },
      employees,
    },
    issues: [],
  };
}

/**
 * What a workbook says about itself (hidden 表单信息 sheet): month, kind, scorer, template
 * version — or null with a form.no_meta issue. For `receive`, to find the plan a file is for.
 */
export function readFormMeta(
  opened: Workbookish,
  template: FormTemplate,
  file: string,
): { meta: FormMeta | null; employees: ExpectedEmployee[]; issues: Issue[] } {
  const r = readMeta(workbookOf(opened), template, file);
  return { meta: r.read?.meta ?? null, employees: r.read?.employees ?? [], issues: r.issues };
}

// ───────────────────────────── table helpers ─────────────────────────────

interface Table {
  ws: ExcelJS.Worksheet;
  headerRow: number;
  columns: Partial<Record<ColumnKey, number>>;
  maxCol: number;
}

/**
 * Find a sheet of the template by name, or (fallback) a visible unknown sheet whose headers
 * match; match its columns. Returns null with issues when the sheet cannot be read.
 */
function openTable(
  wb: ExcelJS.Workbook,
  name: string,
  keys: ColumnKey[],
  required: ColumnKey[],
  ctx: ReadFormContext,
  knownSheets: string[],
  missingCode = 'form.sheet_missing',
  missingSeverity: 'error' | 'warning' = 'error',
): { table: Table | null; issues: Issue[] } {
  const specs = headerSpecs(ctx.template, keys, required);
  const issues: Issue[] = [];
  let ws = sheetByName(wb, name);
  if (!ws) {
    // A renamed sheet: a visible sheet that is none of the template's and has the headers.
    for (const cand of wb.worksheets) {
      if (cand.state !== 'visible' && cand.state !== undefined) continue;
      if (knownSheets.some((k) => sheetKey(k) === sheetKey(cand.name))) continue;
      const m = matchHeader(cand, specs, { file: ctx.file, sheet: cand.name });
      if (m.ok) {
        ws = cand;
        issues.push(issue('form.sheet_renamed', 'warning', { file: ctx.file, sheet: cand.name, found: cand.name, expected: name }));
        break;
      }
    }
  }
  if (!ws) {
    issues.push(issue(missingCode, missingSeverity, { file: ctx.file, sheet: name, found: sheetList(wb), expected: name }));
    return { table: null, issues };
  }
  const m = matchHeader(ws, specs, { file: ctx.file, sheet: ws.name });
  issues.push(...m.issues);
  if (!m.ok) return { table: null, issues };
  const columns = m.columns as Partial<Record<ColumnKey, number>>;
  const maxCol = Math.max(ws.columnCount, ...Object.values(columns).map((c) => c ?? 0));
  issues.push(...mergedCellIssues(ws, { fromRow: m.headerRow, maxCol }, { file: ctx.file, sheet: ws.name }));
  return { table: { ws, headerRow: m.headerRow, columns, maxCol }, issues };
}

interface Cell {
  a1: string;
  read: CellRead;
  /** What the clerk sees (formula text for a formula without value). */
  shown: string;
  empty: boolean;
}

function cellAt(wb: ExcelJS.Workbook, t: Table, row: number, key: ColumnKey): Cell | null {
  const col = t.columns[key];
  if (!col) return null;
  const read = readCell(t.ws.getCell(row, col), wb);
  const shown = displayText(read).trim();
  return { a1: a1(row, col), read, shown, empty: read.kind === 'empty' || (read.kind === 'text' && read.text.trim() === '') };
}

const textOf = (c: Cell | null): string => (c && !c.empty ? c.shown.replace(/^'(?=[=+\-@])/, '') : '');

/** parseNumber of a cell (a number formatted as a percentage reads as the percentage shown). */
const numberOf = (c: Cell | null): ParsedNumber => (c ? parseNumber(c.read) : { ok: false, reason: 'empty' });

function refOf(c: Cell, ctx: ReadFormContext, sheet: string, id: string, name: string): CellRef {
  return { file: ctx.file, sheet, cell: c.a1, shown: c.shown, id, name };
}

// ───────────────────────────── goals sheet ─────────────────────────────

const GOAL_CONTENT: ColumnKey[] = ['goal', 'weight', 'target', 'actual', 'score'];

function readGoals(
  wb: ExcelJS.Workbook,
  table: Table,
  ctx: ReadFormContext,
  expected: ExpectedEmployee[] | null,
  names: Map<string, string>,
  idCtx: IdentifyContext,
  allowedFor: (id: string) => string[],
): { goals: GoalRow[]; issues: Issue[]; present: Set<string> } {
  const issues: Issue[] = [];
  const goals: GoalRow[] = [];
  const sheet = table.ws.name;
  const where = { file: ctx.file, sheet };
  const groups = new Map<string, EmployeeGoals & { name: string }>();
  const firstCellOf = new Map<string, string>(); // employee → first 工号 cell of their block
  const closed = new Set<string>(); // employees whose block has ended
  const dupReported = new Set<string>();
  const reported = new Set<string>(); // employees whose 工号/姓名 were checked (first row)
  const rejected = new Set<string>(); // 工号s not usable on this sheet
  let current: string | null = null; // employee of the row above (for inserted rows)
  const weightHeader = columnDef(ctx.template, 'weight').header;

  for (let r = table.headerRow + 1; r <= table.ws.rowCount; r++) {
    const c = (k: ColumnKey) => cellAt(wb, table, r, k);
    const idCell = c('employee_id');
    const nameCell = c('name');
    const idText = normId(textOf(idCell));
    const nameText = textOf(nameCell);
    const content = GOAL_CONTENT.some((k) => {
      const x = c(k);
      return x !== null && !x.empty;
    });
    if (!idText && !nameText && !content) continue;

    let id: string | null = null;
    if (idText) {
      id = findInRoster(ctx.roster, idText)?.id ?? idText;
      if (!reported.has(id)) {
        reported.add(id);
        const who = identifyRow(idText, nameText, { id: idCell!.a1, name: nameCell?.a1 }, idCtx);
        issues.push(...who.issues);
        if (!who.ok) rejected.add(id);
      }
    } else if (content) {
      // An inserted row: the expected employee with this 姓名, else the employee above.
      const above: string = current !== null ? (ctx.roster.get(current)?.name ?? '') : '';
      id = nameText ? (idByName(nameText, idCtx) ?? (current && normName(nameText) === normName(above) ? current : null)) : current;
      if (!id) {
        issues.push(idMissing(nameText, idCell?.a1 ?? a1(r, 1), idCtx));
        continue;
      }
    } else {
      continue; // a 姓名 and nothing else: ignore
    }
    // One employee's rows form one block; the same 工号 again after another employee is a duplicate.
    if (current !== null && current !== id) closed.add(current);
    current = id;
    if (closed.has(id)) {
      if (!dupReported.has(id) && !rejected.has(id)) {
        dupReported.add(id);
        issues.push(duplicateEmployee(id, ctx.roster.get(id)?.name ?? nameText, idCell?.a1 ?? a1(r, 1), firstCellOf.get(id)!, idCtx));
      }
      continue;
    }
    if (!firstCellOf.has(id)) firstCellOf.set(id, idCell?.a1 ?? a1(r, 1));
    if (rejected.has(id)) continue;

    const name = ctx.roster.get(id)?.name ?? nameText;
    let g = groups.get(id);
    if (!g) {
      g = { id, name, sections: new Map(), count: 0, firstIdCell: idCell?.a1 ?? null, firstSectionCell: null };
      groups.set(id, g);
    }
    const sectionCell = c('section');
    if (!g.firstSectionCell && sectionCell) g.firstSectionCell = sectionCell.a1;
    if (!content) continue;
    g.count++;

    // 所属项目
    const allowed = allowedFor(id);
    const sectionText = textOf(sectionCell);
    let sectionId: string | null = null;
    if (!sectionText && allowed.length === 1) sectionId = allowed[0];
    else sectionId = matchSection(sectionText, allowed, names);
    if (!sectionId) {
      g.sectionUnknown = true;
      issues.push(
        issue('goal.section_invalid', 'error', {
          ...where,
          cell: sectionCell?.a1,
          found: sectionText,
          expected: allowed.map((s) => names.get(s) ?? s).join('、'),
          params: { id, name, category: ctx.members.get(id)?.category ?? '' },
        }),
      );
    }
    // 权重%
    const wCell = c('weight')!;
    const w = checkWeight(numberOf(wCell), refOf(wCell, ctx, sheet, id, name), weightHeader);
    issues.push(...w.issues);
    // 得分
    const sCell = c('score')!;
    const s = checkScore(numberOf(sCell), refOf(sCell, ctx, sheet, id, name), ctx.policy.score_max);
    issues.push(...s.issues);

    if (sectionId) {
      const list = g.sections.get(sectionId) ?? [];
      list.push({ weight: w.value, cell: wCell.a1 });
      g.sections.set(sectionId, list);
    }
    if (sectionId && w.value !== null && s.value !== null) {
      const seqRead = numberOf(c('seq'));
      goals.push({
        employeeId: id,
        name,
        seq: seqRead.ok && /^\d+$/.test(seqRead.value) ? Number(seqRead.value) : null,
        sectionId,
        goal: textOf(c('goal')),
        weight: w.value,
        target: textOf(c('target')),
        actual: textOf(c('actual')),
        score: s.value,
        note: textOf(c('note')),
        cell: sCell.a1,
      });
    }
  }

  const present = new Set<string>();
  for (const g of groups.values()) if (g.count > 0) present.add(g.id);
  if (expected) {
    for (const e of expected) {
      const g = groups.get(e.employeeId);
      const name = ctx.roster.get(e.employeeId)?.name ?? e.name;
      if (!g || g.count === 0) {
        const cell = g?.firstIdCell ?? undefined;
        issues.push(missingEmployee(e.employeeId, name, e.sectionIds.map((s) => names.get(s) ?? s).join('、'), idCtx, cell));
        continue;
      }
      issues.push(
        ...checkEmployeeGoals(
          g,
          {
            min: ctx.policy.goals.min_per_employee,
            max: ctx.policy.goals.max_per_employee,
            expectedSections: e.sectionIds,
            sectionName: (s) => names.get(s) ?? s,
          },
          where,
        ),
      );
    }
  } else {
    for (const g of groups.values()) {
      issues.push(
        ...checkEmployeeGoals(
          g,
          {
            min: ctx.policy.goals.min_per_employee,
            max: ctx.policy.goals.max_per_employee,
            expectedSections: allowedFor(g.id),
            sectionName: (s) => names.get(s) ?? s,
          },
          where,
        ),
      );
    }
  }
  return { goals, issues, present };
}

// ───────────────────────────── sign-off sheet ─────────────────────────────

function readSignoffs(
  wb: ExcelJS.Workbook,
  ctx: ReadFormContext,
  expected: ExpectedEmployee[] | null,
  present: Set<string>,
  idCtx: IdentifyContext,
  knownSheets: string[],
): { signOffs: SignOff[]; issues: Issue[] } {
  const t = ctx.template;
  const severity = ctx.policy.goals.missing_signature;
  const keys = t.kinds.goals.signoff_columns ?? [];
  const opened = openTable(wb, t.sheets.signoff, keys, REQUIRED_SIGNOFF_COLUMNS.filter((k) => keys.includes(k)), ctx, knownSheets, 'signoff.sheet_missing', severity);
  const issues = [...opened.issues];
  const signOffs: SignOff[] = [];
  if (!opened.table) return { signOffs, issues };
  const table = opened.table;
  const sheet = table.ws.name;
  const seen = new Map<string, string>();
  const sign: ColumnKey[] = ['employee_sign', 'manager_sign', 'skip_manager_sign'];
  const sigCtx: IdentifyContext = { ...idCtx, sheet };
  for (let r = table.headerRow + 1; r <= table.ws.rowCount; r++) {
    const c = (k: ColumnKey) => cellAt(wb, table, r, k);
    const idCell = c('employee_id');
    const idText = normId(textOf(idCell));
    const nameCell = c('name');
    const anyInput = [...sign, 'interview_date' as ColumnKey].some((k) => {
      const x = c(k);
      return x !== null && !x.empty;
    });
    if (!idText) {
      if (anyInput) issues.push(idMissing(textOf(nameCell), idCell?.a1 ?? a1(r, 1), sigCtx));
      continue;
    }
    const who = identifyRow(idText, textOf(nameCell), { id: idCell!.a1, name: nameCell?.a1 }, sigCtx);
    if (!who.ok) {
      issues.push(...who.issues);
      continue;
    }
    issues.push(...who.issues);
    if (seen.has(who.id)) {
      issues.push(duplicateEmployee(who.id, who.employee.name, idCell!.a1, seen.get(who.id)!, sigCtx));
      continue;
    }
    seen.set(who.id, idCell!.a1);
    const signed = sign.map((k) => {
      const x = c(k);
      return x !== null && !x.empty;
    });
    const dateCell = c('interview_date');
    let interviewDate: string | null = null;
    if (dateCell && !dateCell.empty) {
      const d = parseDate(dateCell.read);
      if (d.ok) interviewDate = d.date;
      else
        issues.push(
          issue('signoff.date_invalid', 'warning', {
            file: ctx.file,
            sheet,
            cell: dateCell.a1,
            found: dateCell.shown,
            expected: 'YYYY-MM-DD',
            params: { id: who.id, name: who.employee.name },
          }),
        );
    }
    signOffs.push({
      employeeId: who.id,
      employeeSigned: signed[0],
      managerSigned: signed[1],
      skipManagerSigned: signed[2],
      interviewDate,
    });
    if (!present.has(who.id) && expected) continue; // no goals: employee.missing already says it
    const missing: string[] = [];
    let firstCell: string | undefined;
    sign.forEach((k, i) => {
      if (!signed[i] && table.columns[k]) {
        missing.push(columnDef(t, k).header);
        firstCell ??= a1(r, table.columns[k]!);
      }
    });
    if (!dateCell || dateCell.empty) {
      if (table.columns.interview_date) {
        missing.push(columnDef(t, 'interview_date').header);
        firstCell ??= a1(r, table.columns.interview_date);
      }
    }
    if (missing.length)
      issues.push(
        issue('signoff.missing', severity, {
          file: ctx.file,
          sheet,
          cell: firstCell,
          found: '',
          expected: missing.join('、'),
          params: { id: who.id, name: who.employee.name, missing: missing.join('、') },
        }),
      );
  }
  if (expected)
    for (const e of expected) {
      if (seen.has(e.employeeId) || !present.has(e.employeeId)) continue;
      const missing = [...sign, 'interview_date' as ColumnKey].map((k) => columnDef(t, k).header).join('、');
      issues.push(
        issue('signoff.missing', severity, {
          file: ctx.file,
          sheet,
          found: '',
          expected: missing,
          params: { id: e.employeeId, name: ctx.roster.get(e.employeeId)?.name ?? e.name, missing },
        }),
      );
    }
  return { signOffs, issues };
}

// ───────────────────────────── single-score sheets ─────────────────────────────

function readSingle(
  wb: ExcelJS.Workbook,
  table: Table,
  kind: FormKind,
  ctx: ReadFormContext,
  expected: ExpectedEmployee[] | null,
  names: Map<string, string>,
  idCtx: IdentifyContext,
  allowedFor: (id: string) => string[],
  categoryOf: (id: string) => Category | null,
): { scores: ScoreRow[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const scores: ScoreRow[] = [];
  const sheet = table.ws.name;
  const seen = new Map<string, string>(); // employee#section → first 工号 cell
  const commissionHeader = columnDef(ctx.template, 'commission').header;
  for (let r = table.headerRow + 1; r <= table.ws.rowCount; r++) {
    const c = (k: ColumnKey) => cellAt(wb, table, r, k);
    const idCell = c('employee_id');
    const nameCell = c('name');
    const scoreCell = c('score')!;
    const commCell = kind === 'finance' ? c('commission') : null;
    const idText = normId(textOf(idCell));
    const nameText = textOf(nameCell);
    const hasInput = !scoreCell.empty || (commCell !== null && !commCell.empty);
    if (!idText && !hasInput) continue;
    let id: string;
    if (!idText) {
      const byName = idByName(nameText, idCtx);
      if (!byName) {
        issues.push(idMissing(nameText, idCell?.a1 ?? a1(r, 1), idCtx));
        continue;
      }
      id = byName;
    } else {
      const who = identifyRow(idText, nameText, { id: idCell!.a1, name: nameCell?.a1 }, idCtx);
      issues.push(...who.issues);
      if (!who.ok) continue;
      id = who.id;
    }
    const name = ctx.roster.get(id)?.name ?? nameText;
    // Which section this row scores: the only one expected, else the 考核项目 text.
    const allowed = allowedFor(id);
    const sectionCell = c('section_name');
    const sectionText = textOf(sectionCell);
    const sectionId = allowed.length === 1 ? allowed[0] : matchSection(sectionText, allowed, names);
    if (!sectionId) {
      issues.push(
        issue('goal.section_invalid', 'error', {
          file: ctx.file,
          sheet,
          cell: sectionCell?.a1 ?? idCell?.a1,
          found: sectionText,
          expected: allowed.map((s) => names.get(s) ?? s).join('、'),
          params: { id, name, category: categoryOf(id) ?? '' },
        }),
      );
      continue;
    }
    const key = `${id}#${sectionId}`;
    const here = idCell?.a1 ?? a1(r, 1);
    if (seen.has(key)) {
      issues.push(duplicateEmployee(id, name, here, seen.get(key)!, idCtx));
      continue;
    }
    seen.set(key, here);
    const s = checkScore(numberOf(scoreCell), refOf(scoreCell, ctx, sheet, id, name), ctx.policy.score_max);
    issues.push(...s.issues);
    let commission: string | undefined;
    let commissionOk = true;
    if (kind === 'finance' && commCell) {
      // A 创利 manager is paid on salary (§5.6(3)), so an empty commission is fine for them.
      const salaryBased = ctx.members.get(id)?.payBase?.kind === 'salary';
      if (categoryOf(id) === '创利' && !(salaryBased && commCell.empty)) {
        const m = checkCommission(numberOf(commCell), refOf(commCell, ctx, sheet, id, name), commissionHeader);
        issues.push(...m.issues);
        if (m.value === null) commissionOk = false;
        else commission = m.value;
      } else if (!commCell.empty) {
        issues.push(
          issue('commission.not_applicable', 'warning', {
            file: ctx.file,
            sheet,
            cell: commCell.a1,
            found: commCell.shown,
            params: { id, name },
          }),
        );
      }
    }
    if (s.value !== null && commissionOk) {
      const row: ScoreRow = { employeeId: id, name, sectionId, score: s.value, note: textOf(c('note')), cell: scoreCell.a1 };
      if (commission !== undefined) row.commission = commission;
      scores.push(row);
    }
  }
  if (expected)
    for (const e of expected)
      for (const sectionId of e.sectionIds)
        if (!seen.has(`${e.employeeId}#${sectionId}`))
          issues.push(missingEmployee(e.employeeId, ctx.roster.get(e.employeeId)?.name ?? e.name, names.get(sectionId) ?? sectionId, idCtx));
  return { scores, issues };
}

// ───────────────────────────── entry point ─────────────────────────────

/** Tell the kind of a sheet without meta or plan: by sheet name and headers. */
function detectKind(wb: ExcelJS.Workbook, t: FormTemplate, ctx: ReadFormContext): FormKind | null {
  if (sheetByName(wb, t.kinds.goals.sheet)) return 'goals';
  const singles = FORM_KINDS.filter((k) => k !== 'goals');
  const ws = sheetByName(wb, t.kinds.finance.sheet);
  if (!ws) return null;
  const fin = matchHeader(ws, headerSpecs(t, ['commission'], ['commission']), { file: ctx.file, sheet: ws.name });
  if (fin.ok) return 'finance';
  // by the 考核项目 text of the first data row
  const m = matchHeader(ws, headerSpecs(t, ['section_name'], ['section_name']), { file: ctx.file, sheet: ws.name });
  if (!m.ok) return null;
  const col = (m.columns as Record<string, number>).section_name;
  const names = sectionNameMap(ctx.policy, ctx.sectionNames);
  for (let r = m.headerRow + 1; r <= Math.min(ws.rowCount, m.headerRow + 50); r++) {
    const text = cellString(wb, ws.getCell(r, col));
    if (!text) continue;
    for (const cat of CATEGORIES)
      for (const s of ctx.policy.sections[cat])
        if ((singles as FormKind[]).includes(s.form) && matchSection(text, [s.id], names)) return s.form;
  }
  return null;
}

/** Read and check one returned score sheet. Never throws on bad content. */
export function readForm(opened: Workbookish, ctx: ReadFormContext): ReadFormResult {
  const wb = workbookOf(opened);
  const t = ctx.template;
  const issues: Issue[] = [];
  const names = sectionNameMap(ctx.policy, ctx.sectionNames);
  const parsed: ParsedForm = { meta: null, goals: [], signOffs: [], scores: [] };
  const plan = ctx.expected?.plan;

  const m = readMeta(wb, t, ctx.file);
  issues.push(...m.issues);
  let matchesPlan = !!plan;
  if (m.read) {
    parsed.meta = { ...m.read.meta };
    const mc = checkMeta(
      m.read.meta,
      m.read.cells,
      {
        templateVersion: t.version,
        month: ctx.expected?.month,
        plan,
        kindLabel: (k) => t.kinds[k].label,
        roster: ctx.roster,
      },
      ctx.file,
    );
    issues.push(...mc.issues);
    matchesPlan = !!plan && mc.matchesPlan;
  }
  const kind: FormKind | null = m.read?.meta.kind ?? plan?.kind ?? detectKind(wb, t, ctx);
  if (!kind) return { parsed, issues, kind: null, expected: null };

  // Who must be on the sheet: the plan when it is this sheet's, else the sheet's own list.
  let expected: ExpectedEmployee[] | null = null;
  if (plan && (matchesPlan || !m.read)) expected = expectedFromPlan(plan, ctx.members, ctx.policy);
  else if (m.read && m.read.employees.length) expected = m.read.employees;
  const expectedById = new Map((expected ?? []).map((e) => [e.employeeId, e]));

  const categoryOf = (id: string): Category | null => ctx.members.get(id)?.category ?? expectedById.get(id)?.category ?? null;
  const allowedFor = (id: string): string[] => {
    const e = expectedById.get(id);
    if (e && e.sectionIds.length) return e.sectionIds;
    const cat = categoryOf(id);
    if (!cat) return [];
    return ctx.policy.sections[cat].filter((s) => s.form === kind).map((s) => s.id);
  };

  const kindDef = t.kinds[kind];
  const knownSheets = [t.sheets.meta, t.sheets.lists, t.sheets.instructions, t.sheets.signoff, kindDef.sheet];
  const required = REQUIRED_COLUMNS[kind].filter((k) => kindDef.columns.includes(k));
  const main = openTable(wb, kindDef.sheet, kindDef.columns, required, ctx, knownSheets);
  issues.push(...main.issues);

  const idCtx: IdentifyContext = {
    file: ctx.file,
    sheet: main.table?.ws.name ?? kindDef.sheet,
    roster: ctx.roster,
    expected: expected ? new Set(expected.map((e) => e.employeeId)) : null,
    expectedNames: new Map(
      (expected ?? []).map((e) => [e.employeeId, ctx.roster.get(e.employeeId)?.name ?? e.name] as [string, string]),
    ),
  };

  if (main.table) {
    if (kind === 'goals') {
      const g = readGoals(wb, main.table, ctx, expected, names, idCtx, allowedFor);
      issues.push(...g.issues);
      parsed.goals = g.goals;
      const s = readSignoffs(wb, ctx, expected, g.present, idCtx, knownSheets);
      issues.push(...s.issues);
      parsed.signOffs = s.signOffs;
    } else {
      const s = readSingle(wb, main.table, kind, ctx, expected, names, idCtx, allowedFor, categoryOf);
      issues.push(...s.issues);
      parsed.scores = s.scores;
    }
  }
  return { parsed, issues, kind, expected };
}
