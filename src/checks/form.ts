/**
 * Checking one returned score sheet, read by a reader (src/sheets/forms/extract.ts) into
 * plain data: every problem becomes an Issue with file, sheet, cell, what was found and what
 * was expected — all of them, never just the first. Pure: no workbook, no file.
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
import type { Employee, FormPlan, GoalRow, Month, ParsedForm, ScoreRow, SignOff, StaffMember } from '../model.js';
import { CATEGORIES, FORM_KINDS, type Category, type FormKind, type Policy } from '../policy/schema.js';
import { REQUIRED_COLUMNS, REQUIRED_SIGNOFF_COLUMNS, columnDef, type ColumnKey, type FormTemplate } from '../policy/form-template.js';
import { headerSpecs } from '../policy/form-layout.js';
import { expectedFromPlan, matchSection, sectionNameMap, type ExpectedEmployee } from '../domain/sections.js';
import { issue, type Issue, type IssueCode } from '../issues.js';
import { displayText, parseDate, parseNumber, type CellRead } from './cell-value.js';
import { checkCommission, checkScore, checkWeight, type CellRef, type ParsedNumber } from './numbers.js';
import { checkEmployeeGoals, type EmployeeGoals } from './goals.js';
import { checkMeta, readMeta } from './meta.js';
import { judgeHeader } from './headers.js';
import { mergedCellIssues } from './cells.js';
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
} from './employees.js';
import type { ExtractedForm, ExtractedRow, ExtractedTable } from './form-input.js';
import type { SheetTarget } from '../model.js';
import { dec } from '../domain/decimal.js';
import { findIndicator, parseTarget, scoreByRule, targetText, type TargetValue } from '../domain/targets.js';
import type { IndicatorDef } from '../policy/schema.js';

export interface CheckFormContext {
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
  /** The monthly targets this sheet was sent with (ledger, SPEC §9); absent: read from its 目标值 cells. */
  sheetTargets?: SheetTarget[] | null;
}

export interface CheckFormResult {
  parsed: ParsedForm;
  issues: Issue[];
  /** The form kind the sheet was read as (null when it could not be told). */
  kind: FormKind | null;
  /** Who the sheet was expected to score (plan, else the sheet's own list; null if unknown). */
  expected: ExpectedEmployee[] | null;
}

// ───────────────────────────── table helpers ─────────────────────────────

/** A table whose header was found and judged readable: its sheet name and rows. */
interface Table {
  sheet: string;
  columns: Partial<Record<ColumnKey, number>>;
  rows: ExtractedRow[];
}

/**
 * Judge how a table was found: renamed (warning), missing, its header's columns, merged
 * cells. Returns null with issues when the table cannot be read.
 */
function openTable(
  x: ExtractedForm,
  found: ExtractedTable | null | undefined,
  name: string,
  keys: ColumnKey[],
  required: ColumnKey[],
  ctx: CheckFormContext,
  missingCode: IssueCode = 'form.sheet_missing',
  missingSeverity: 'error' | 'warning' = 'error',
): { table: Table | null; issues: Issue[] } {
  const issues: Issue[] = [];
  if (found?.sheet && found.renamed)
    issues.push(issue('form.sheet_renamed', 'warning', { file: ctx.file, sheet: found.sheet, found: found.sheet, expected: name }));
  if (!found?.sheet || !found.header) {
    issues.push(issue(missingCode, missingSeverity, { file: ctx.file, sheet: name, found: x.sheetNames.join('、'), expected: name }));
    return { table: null, issues };
  }
  const where = { file: ctx.file, sheet: found.sheet };
  const m = judgeHeader(found.header, headerSpecs(ctx.template, keys, required), where);
  issues.push(...m.issues);
  if (!m.ok) return { table: null, issues };
  issues.push(...mergedCellIssues(found.merged, where));
  return { table: { sheet: found.sheet, columns: found.columns, rows: found.rows }, issues };
}

interface Cell {
  a1: string;
  read: CellRead;
  /** What the clerk sees (formula text for a formula without value). */
  shown: string;
  empty: boolean;
}

function cellAt(row: ExtractedRow, key: ColumnKey): Cell | null {
  const c = row.cells[key];
  if (!c) return null;
  const shown = displayText(c.value).trim();
  return { a1: c.a1, read: c.value, shown, empty: c.value.kind === 'empty' || (c.value.kind === 'text' && c.value.text.trim() === '') };
}

/** Where a row's 工号 would be when its sheet has no such column. */
const columnA = (row: ExtractedRow) => `A${row.row}`;

const textOf = (c: Cell | null): string => (c && !c.empty ? c.shown.replace(/^'(?=[=+\-@])/, '') : '');

/** parseNumber of a cell (a number formatted as a percentage reads as the percentage shown). */
const numberOf = (c: Cell | null): ParsedNumber => (c ? parseNumber(c.read) : { ok: false, reason: 'empty' });

function refOf(c: Cell, ctx: CheckFormContext, sheet: string, id: string, name: string): CellRef {
  return { file: ctx.file, sheet, cell: c.a1, shown: c.shown, id, name };
}

// ───────────────────────────── goals sheet ─────────────────────────────

/**
 * The indicator and target a goal row is scored against by rule (SPEC §9): its 指标 must be an
 * indicator of the KPI library; the target is the one the sheet was sent with (ledger) when it
 * carried one for this person, else what its 目标值 cell says. Null when the row is not a KPI of
 * the library or has no usable target.
 */
function ruleTarget(
  ctx: CheckFormContext,
  id: string,
  goal: string,
  targetCell: Cell | null,
): { ind: IndicatorDef; target: TargetValue; sent: boolean } | null {
  const ind = goal ? findIndicator(goal, ctx.policy.targets?.indicators ?? []) : null;
  if (!ind) return null;
  const sent = ctx.sheetTargets?.find((t) => t.employeeId === id && t.indicator === ind.name);
  if (sent) {
    const t = parseTarget(sent.target);
    return t ? { ind, target: t, sent: true } : null;
  }
  if (!targetCell || targetCell.empty) return null;
  if (ind.rule === 'range') {
    const t = parseTarget(textOf(targetCell));
    return t ? { ind, target: t, sent: false } : null;
  }
  const n = numberOf(targetCell);
  return n.ok ? { ind, target: { kind: 'value', value: dec(n.value) }, sent: false } : null;
}

const GOAL_CONTENT: ColumnKey[] = ['goal', 'weight', 'target', 'actual', 'score'];

function readGoals(
  table: Table,
  ctx: CheckFormContext,
  expected: ExpectedEmployee[] | null,
  names: Map<string, string>,
  idCtx: IdentifyContext,
  allowedFor: (id: string) => string[],
): { goals: GoalRow[]; issues: Issue[]; present: Set<string> } {
  const issues: Issue[] = [];
  const goals: GoalRow[] = [];
  const sheet = table.sheet;
  const where = { file: ctx.file, sheet };
  const groups = new Map<string, EmployeeGoals & { name: string }>();
  const firstCellOf = new Map<string, string>(); // employee → first 工号 cell of their block
  const closed = new Set<string>(); // employees whose block has ended
  const dupReported = new Set<string>();
  const reported = new Set<string>(); // employees whose 工号/姓名 were checked (first row)
  const rejected = new Set<string>(); // 工号s not usable on this sheet
  let current: string | null = null; // employee of the row above (for inserted rows)
  const weightHeader = columnDef(ctx.template, 'weight').header;

  for (const row of table.rows) {
    const c = (k: ColumnKey) => cellAt(row, k);
    const idCell = c('employee_id');
    const nameCell = c('name');
    const idText = normId(textOf(idCell));
    const nameText = textOf(nameCell);
    let content = GOAL_CONTENT.some((k) => {
      const x = c(k);
      return x !== null && !x.empty;
    });
    // A pre-filled KPI row (指标 and 目标值 only) the scorer did not use is not a goal.
    const typed = (['weight', 'actual', 'score'] as ColumnKey[]).some((k) => {
      const x = c(k);
      return x !== null && !x.empty;
    });
    if (content && !typed && findIndicator(textOf(c('goal')), ctx.policy.targets?.indicators ?? [])) content = false;
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
        issues.push(idMissing(nameText, idCell?.a1 ?? columnA(row), idCtx));
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
        issues.push(duplicateEmployee(id, ctx.roster.get(id)?.name ?? nameText, idCell?.a1 ?? columnA(row), firstCellOf.get(id)!, idCtx));
      }
      continue;
    }
    if (!firstCellOf.has(id)) firstCellOf.set(id, idCell?.a1 ?? columnA(row));
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
    // 得分 — typed by the scorer, or (left empty, 实际值 filled, a KPI of the library) computed by its rule
    const sCell = c('score')!;
    const aCell = c('actual');
    const byRule = ruleTarget(ctx, id, textOf(c('goal')), c('target'));
    const actual = byRule && aCell && !aCell.empty ? numberOf(aCell) : null;
    let s: { value: string | null; issues: Issue[] };
    let ruled: GoalRow['byRule'];
    if (byRule && actual && sCell.empty) {
      if (!actual.ok) {
        s = { value: null, issues: [issue('goal.actual_not_number', 'error', { ...where, cell: aCell!.a1, found: aCell!.shown, params: { id, name, indicator: byRule.ind.name } })] };
      } else {
        const r = scoreByRule(byRule.ind, byRule.target, actual.value, ctx.policy.score_max);
        s = r ? { value: dec(r.score).toFixed(), issues: [] } : checkScore(numberOf(sCell), refOf(sCell, ctx, sheet, id, name), ctx.policy.score_max);
        if (r) ruled = { indicator: byRule.ind.name, rule: byRule.ind.rule, target: targetText(byRule.target), actual: dec(actual.value).toFixed() };
      }
    } else {
      s = checkScore(numberOf(sCell), refOf(sCell, ctx, sheet, id, name), ctx.policy.score_max);
      // A typed 得分 far from what the rule gives is worth a second look (policy targets.score_tolerance).
      if (s.value !== null && byRule && actual?.ok) {
        const r = scoreByRule(byRule.ind, byRule.target, actual.value, ctx.policy.score_max);
        const tolerance = ctx.policy.targets?.score_tolerance ?? 5;
        if (r && dec(s.value).minus(r.score).abs().greaterThan(tolerance))
          issues.push(
            issue('goal.score_off_rule', 'warning', {
              ...where,
              cell: sCell.a1,
              found: s.value,
              expected: r.score,
              params: { id, name, indicator: byRule.ind.name, tolerance, target: targetText(byRule.target), actual: dec(actual.value).toFixed() },
            }),
          );
      }
    }
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
        ...(ruled ? { byRule: ruled } : {}),
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
  x: ExtractedForm,
  ctx: CheckFormContext,
  expected: ExpectedEmployee[] | null,
  present: Set<string>,
  idCtx: IdentifyContext,
): { signOffs: SignOff[]; issues: Issue[] } {
  const t = ctx.template;
  const severity = ctx.policy.goals.missing_signature;
  const keys = t.kinds.goals.signoff_columns ?? [];
  const opened = openTable(x, x.signoff, t.sheets.signoff, keys, REQUIRED_SIGNOFF_COLUMNS.filter((k) => keys.includes(k)), ctx, 'signoff.sheet_missing', severity);
  const issues = [...opened.issues];
  const signOffs: SignOff[] = [];
  if (!opened.table) return { signOffs, issues };
  const table = opened.table;
  const sheet = table.sheet;
  const seen = new Map<string, string>();
  const sign: ColumnKey[] = ['employee_sign', 'manager_sign', 'skip_manager_sign'];
  const sigCtx: IdentifyContext = { ...idCtx, sheet };
  for (const row of table.rows) {
    const c = (k: ColumnKey) => cellAt(row, k);
    const idCell = c('employee_id');
    const idText = normId(textOf(idCell));
    const nameCell = c('name');
    const anyInput = [...sign, 'interview_date' as ColumnKey].some((k) => {
      const x = c(k);
      return x !== null && !x.empty;
    });
    if (!idText) {
      if (anyInput) issues.push(idMissing(textOf(nameCell), idCell?.a1 ?? columnA(row), sigCtx));
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
        firstCell ??= c(k)!.a1;
      }
    });
    if (!dateCell || dateCell.empty) {
      if (table.columns.interview_date) {
        missing.push(columnDef(t, 'interview_date').header);
        firstCell ??= c('interview_date')!.a1;
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
  table: Table,
  kind: FormKind,
  ctx: CheckFormContext,
  expected: ExpectedEmployee[] | null,
  names: Map<string, string>,
  idCtx: IdentifyContext,
  allowedFor: (id: string) => string[],
  categoryOf: (id: string) => Category | null,
): { scores: ScoreRow[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const scores: ScoreRow[] = [];
  const sheet = table.sheet;
  const seen = new Map<string, string>(); // employee#section → first 工号 cell
  const commissionHeader = columnDef(ctx.template, 'commission').header;
  for (const row of table.rows) {
    const c = (k: ColumnKey) => cellAt(row, k);
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
        issues.push(idMissing(nameText, idCell?.a1 ?? columnA(row), idCtx));
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
    const here = idCell?.a1 ?? columnA(row);
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
function detectKind(x: ExtractedForm, ctx: CheckFormContext): FormKind | null {
  const byName = (k: FormKind) => {
    const table = x.tables[k];
    return table?.sheet && !table.renamed ? table : null;
  };
  if (byName('goals')) return 'goals';
  const fin = byName('finance');
  if (!fin) return null;
  if (fin.columns.commission) return 'finance';
  // by the 考核项目 text of the first data rows
  const col = fin.columns.section_name;
  if (!col || !fin.header?.found) return null;
  const singles = FORM_KINDS.filter((k) => k !== 'goals');
  const names = sectionNameMap(ctx.policy, ctx.sectionNames);
  for (const row of fin.rows) {
    if (row.row > fin.header.row + 50) break;
    const text = textOf(cellAt(row, 'section_name'));
    if (!text) continue;
    for (const cat of CATEGORIES)
      for (const s of ctx.policy.sections[cat])
        if ((singles as FormKind[]).includes(s.form) && matchSection(text, [s.id], names)) return s.form;
  }
  return null;
}

/** Check one returned score sheet, as read by extractForm. Never throws on bad content. */
export function checkForm(x: ExtractedForm, ctx: CheckFormContext): CheckFormResult {
  const t = ctx.template;
  const issues: Issue[] = [];
  const names = sectionNameMap(ctx.policy, ctx.sectionNames);
  const parsed: ParsedForm = { meta: null, goals: [], signOffs: [], scores: [] };
  const plan = ctx.expected?.plan;

  const m = readMeta(x, t, ctx.file);
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
  const kind: FormKind | null = m.read?.meta.kind ?? plan?.kind ?? detectKind(x, ctx);
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
  const required = REQUIRED_COLUMNS[kind].filter((k) => kindDef.columns.includes(k));
  const main = openTable(x, x.tables[kind], kindDef.sheet, kindDef.columns, required, ctx);
  issues.push(...main.issues);

  const idCtx: IdentifyContext = {
    file: ctx.file,
    sheet: main.table?.sheet ?? kindDef.sheet,
    roster: ctx.roster,
    expected: expected ? new Set(expected.map((e) => e.employeeId)) : null,
    expectedNames: new Map(
      (expected ?? []).map((e) => [e.employeeId, ctx.roster.get(e.employeeId)?.name ?? e.name] as [string, string]),
    ),
  };

  if (main.table) {
    if (kind === 'goals') {
      const g = readGoals(main.table, ctx, expected, names, idCtx, allowedFor);
      issues.push(...g.issues);
      parsed.goals = g.goals;
      const s = readSignoffs(x, ctx, expected, g.present, idCtx);
      issues.push(...s.issues);
      parsed.signOffs = s.signOffs;
    } else {
      const s = readSingle(main.table, kind, ctx, expected, names, idCtx, allowedFor, categoryOf);
      issues.push(...s.issues);
      parsed.scores = s.scores;
    }
  }
  return { parsed, issues, kind, expected };
}
