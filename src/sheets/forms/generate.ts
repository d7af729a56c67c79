/**
 * Score-sheet generator (`jixiao forms`): one pre-filled, protected .xlsx per FormPlan.
 *
 * Layout (sheet names and headers come from templates/form-template.yaml):
 *  - 填表说明   instructions with the month, deadline, fine and scorer (opens first);
 *  - main sheet 目标与KPI (goals) or 评分表 (single-score kinds), header in row 1, frozen;
 *      goals: rows_per_employee rows per employee (plus one per pre-filled target), 工号/姓名/部门/岗位 locked, 所属项目 a
 *      drop-down that refers to the hidden 选项 sheet, 权重% 0–100, 得分 0–score_max;
 *      single: one row per (employee, section), 考核项目 locked, 得分 0–score_max
 *      (finance: 提成工资总额 unlocked for 创利 employees only);
 *  - 签字确认   (goals only) one row per employee: 员工/直接经理/隔级经理签字, 面谈日期;
 *  - 选项       hidden list sheet for the 所属项目 drop-down (goals only);
 *  - 表单信息   very hidden meta sheet: template version, month, kind, scorer, sections,
 *               deadline, generation time and the expected employees.
 * Every sheet is protected (password from the template, default none); input cells unlocked.
 */
import ExcelJS from 'exceljs';
import type { Employee, FormPlan, SheetTarget, StaffMember } from '../../model.js';
import type { FormKind, IndicatorDef, Policy } from '../../policy/schema.js';
import { findIndicator } from '../../domain/targets.js';
import { cellText, cjkWidth, safeFileName } from '../write.js';
import { freezeStyle, newWorkbook } from '../style.js';
import { columnLetters } from '../cells.js';
import {
  META_FORMAT,
  META_KEYS,
  META_MARKER,
  META_TABLE_COL,
  META_TABLE_KEYS,
  META_TABLE_LABELS,
  monthText,
  type MetaKey,
} from '../../policy/form-layout.js';
import { expectedFromPlan, planSectionIds, sectionNameMap, type ExpectedEmployee } from '../../domain/sections.js';
import { columnDef, fillText, type ColumnKey, type FormTemplate } from '../../policy/form-template.js';

export interface FormContext {
  /** Everyone on the month's staff list, by 工号 (category and prefilled fields come from here). */
  members: Map<string, StaffMember>;
  /** The person who fills the sheet (and is fined when it is late). */
  scorer: Employee;
  policy: Policy;
  template: FormTemplate;
  /** Deadline as the scorer should read it, e.g. "2026年11月4日(星期三)17:30". */
  deadlineText: string;
  /** Section id → display name; default: the policy's section names. */
  sectionNames?: Map<string, string> | Record<string, string>;
  /** Generation instant (ISO); default now. Fixed in tests for reproducible files. */
  generatedAt?: string;
  /** Monthly targets to pre-fill on the goal rows (SPEC §9), by 工号. */
  targets?: Map<string, SheetTarget[]>;
}

/** The rule in words, written in the 备注 of a pre-filled KPI row so the scorer knows 得分 may stay empty. */
export function ruleText(ind: Pick<IndicatorDef, 'rule' | 'direction'>): string {
  switch (ind.rule) {
    case 'higher_better':
      return '按规则计分:得分 = 100 × 实际 ÷ 目标(得分可留空)';
    case 'lower_better':
      return '按规则计分:得分 = 100 × 目标 ÷ 实际(得分可留空)';
    case 'threshold':
      return `按规则计分:实际 ${ind.direction === 'lower' ? '≤' : '≥'} 目标得 100,否则 0(得分可留空)`;
    case 'range':
      return '按规则计分:区间内得 100,低于下限 100 × 实际 ÷ 下限,高于上限 100 × 上限 ÷ 实际(得分可留空)';
  }
}

/** A pre-filled 目标值: a number shown with its unit (the value stays the plain number), or a range as text. */
function targetCell(t: SheetTarget, decimals: number): { value: ExcelJS.CellValue; numFmt?: string } {
  if (!/^-?\d+(\.\d+)?$/.test(t.target)) return { value: t.target };
  const places = decimals > 0 ? `.${'0'.repeat(decimals)}` : '';
  return { value: Number(t.target), numFmt: `#,##0${places}"${t.unit === '%' ? '%' : ' ' + t.unit}"` };
}

/** Sheet-protection options: input cells editable, rows may be inserted for extra goals. */
const PROTECTION: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
  insertRows: true,
  deleteRows: true,
  spinCount: 1000,
};

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const MEDIUM: Partial<ExcelJS.Border> = { style: 'medium', color: { argb: 'FF595959' } };

const fill = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });


/** Text for a header or footer: '&' is a control character there. */
const hfText = (s: string) => s.replace(/&/g, '&&');

function textParams(plan: FormPlan, ctx: FormContext, names: Map<string, string>): Record<string, string | number> {
  const sectionIds = planSectionIds(plan, ctx.policy);
  return {
    month: plan.month,
    month_text: monthText(plan.month),
    deadline: ctx.deadlineText,
    fine: ctx.policy.deadlines.fine_per_day,
    scorer: ctx.scorer.name,
    scorer_id: ctx.scorer.id,
    score_max: ctx.policy.score_max,
    min_goals: ctx.policy.goals.min_per_employee,
    max_goals: ctx.policy.goals.max_per_employee,
    sections: sectionIds.map((id) => names.get(id) ?? id).join('、'),
    kind_label: ctx.template.kinds[plan.kind].label,
    password: ctx.template.protection_password || '无',
  };
}

interface SheetBuilder {
  ws: ExcelJS.Worksheet;
  keys: ColumnKey[];
  col: (key: ColumnKey) => number;
  widths: number[];
  /** Validations to add at the end, as column ranges (see `validate`). */
  validations: { row: number; col: number; dv: ExcelJS.DataValidation }[];
}

/** Give a cell a data validation (written as ranges when the sheet is finished). */
function validate(b: SheetBuilder, cell: ExcelJS.Cell | null, dv: ExcelJS.DataValidation): void {
  if (cell) b.validations.push({ row: Number(cell.row), col: Number(cell.col), dv });
}

/**
 * Write the collected validations as one range per column run of the same validation.
 * (exceljs's own per-cell optimiser can emit overlapping ranges past row 9, which Excel
 * reports as damaged content; ranges added whole are written as they are.)
 */
function flushValidations(b: SheetBuilder): void {
  const groups = new Map<ExcelJS.DataValidation, Map<number, number[]>>();
  for (const v of b.validations) {
    const byCol = groups.get(v.dv) ?? new Map<number, number[]>();
    const rows = byCol.get(v.col) ?? [];
    rows.push(v.row);
    byCol.set(v.col, rows);
    groups.set(v.dv, byCol);
  }
  const dvs = (b.ws as unknown as { dataValidations: { add(address: string, dv: ExcelJS.DataValidation): void } }).dataValidations;
  for (const [dv, byCol] of groups)
    for (const [col, rows] of byCol) {
      rows.sort((x, y) => x - y);
      let start = rows[0];
      for (let i = 1; i <= rows.length; i++) {
        if (i < rows.length && rows[i] === rows[i - 1] + 1) continue;
        const L = columnLetters(col);
        dvs.add(`${L}${start}:${L}${rows[i - 1]}`, dv);
        start = rows[i];
      }
    }
  b.validations = [];
}

function startTable(wb: ExcelJS.Workbook, name: string, keys: ColumnKey[], t: FormTemplate): SheetBuilder {
  const ws = wb.addWorksheet(name, {
    properties: { defaultRowHeight: 18 },
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '1:1',
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      horizontalCentered: true,
    },
  });
  const widths: number[] = [];
  const header = ws.getRow(1);
  keys.forEach((key, i) => {
    const d = columnDef(t, key);
    const c = header.getCell(i + 1);
    c.value = cellText(d.header);
    c.font = { name: t.style.font_name, size: t.style.font_size, bold: true, color: { argb: t.style.header_font } };
    c.fill = fill(t.style.header_fill);
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    c.protection = { locked: true };
    widths[i + 1] = Math.max(d.width, cjkWidth(d.header) + 3);
  });
  header.height = 30;
  return { ws, keys, col: (key) => keys.indexOf(key) + 1, widths, validations: [] };
}

/**
 * One style object per distinct look, shared by every cell that has it: exceljs recognises a
 * style object it has seen and skips re-encoding it, which was a fifth of \`forms\` when each
 * cell had its own copy (issue 11). Never mutate a cell's style after this; assign a new object.
 */
const dataStyles = new Map<string, Partial<ExcelJS.Style>>();
function dataStyle(t: FormTemplate, key: ColumnKey, locked: boolean, band: boolean, numFmt: string | undefined): Partial<ExcelJS.Style> {
  const wrapText = key === 'goal' || key === 'note' || key === 'target' || key === 'actual';
  const horizontal = key === 'score' || key === 'weight' || key === 'commission' || key === 'seq' || key === 'weight_check' ? 'center' : undefined;
  const fillArgb = locked ? (band ? t.style.band_fill : t.style.locked_fill) : t.style.input_fill;
  const id = `${t.style.font_name}\u0000${t.style.font_size}\u0000${fillArgb}\u0000${locked}\u0000${wrapText}\u0000${horizontal ?? ''}\u0000${numFmt ?? ''}`;
  let style = dataStyles.get(id);
  if (!style) {
    style = {
      protection: { locked },
      font: { name: t.style.font_name, size: t.style.font_size },
      fill: fill(fillArgb),
      border: { top: THIN, left: THIN, bottom: THIN, right: THIN },
      alignment: { vertical: 'middle', wrapText, horizontal },
      ...(numFmt ? { numFmt } : {}),
    };
    dataStyles.set(id, freezeStyle(style));
  }
  return style;
}

/** Write one value into a data cell with the column's lock state and styling. */
function put(
  b: SheetBuilder,
  t: FormTemplate,
  row: number,
  key: ColumnKey,
  value: ExcelJS.CellValue,
  opts: { locked?: boolean; band?: boolean; numFmt?: string } = {},
): ExcelJS.Cell | null {
  const c0 = b.col(key);
  if (c0 < 1) return null;
  const d = columnDef(t, key);
  const cell = b.ws.getCell(row, c0);
  if (typeof value === 'string') value = cellText(value);
  if (value !== null && value !== undefined && value !== '') cell.value = value;
  const locked = opts.locked ?? !d.input;
  cell.style = dataStyle(t, key, locked, !!opts.band, opts.numFmt);
  if (typeof value === 'string') b.widths[c0] = Math.max(b.widths[c0] ?? 0, Math.min(50, cjkWidth(value) + 3));
  return cell;
}

const lastRowStyles = new WeakMap<Partial<ExcelJS.Style>, Partial<ExcelJS.Style>>();
/** The same look with a medium bottom border (the last row of a person), shared like dataStyle. */
function lastRowStyle(style: Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  let s = lastRowStyles.get(style);
  if (!s) {
    s = freezeStyle({ ...style, border: { ...style.border, bottom: MEDIUM } });
    lastRowStyles.set(style, s);
  }
  return s;
}

function decimalValidation(
  t: FormTemplate,
  key: ColumnKey,
  min: number,
  max: number | null,
  params: Record<string, string | number>,
): ExcelJS.DataValidation {
  const d = columnDef(t, key);
  return {
    type: 'decimal',
    operator: max === null ? 'greaterThanOrEqual' : 'between',
    allowBlank: true,
    formulae: max === null ? [min] : [min, max],
    showInputMessage: !!d.prompt,
    promptTitle: d.prompt_title ? fillText(d.prompt_title, params).slice(0, 32) : undefined,
    prompt: d.prompt ? fillText(d.prompt, params).slice(0, 255) : undefined,
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: d.prompt_title ? fillText(d.prompt_title, params).slice(0, 32) : undefined,
    error: d.error ? fillText(d.error, params).slice(0, 255) : undefined,
  };
}

function finishTable(b: SheetBuilder, t: FormTemplate, title: string, freezeAfter: ColumnKey): void {
  const { ws } = b;
  flushValidations(b);
  b.keys.forEach((_k, i) => {
    ws.getColumn(i + 1).width = Math.min(60, b.widths[i + 1] ?? 10);
  });
  const xSplit = Math.max(0, b.col(freezeAfter));
  ws.views = [{ state: 'frozen', xSplit, ySplit: 1, topLeftCell: `${columnLetters(xSplit + 1)}2`, activeCell: `${columnLetters(xSplit + 1)}2` }];
  ws.headerFooter = {
    oddHeader: `&C&"${t.style.font_name},Bold"${hfText(title)}`,
    oddFooter: '&L&A&R第 &P 页,共 &N 页',
  };
  void ws.protect(t.protection_password, { ...PROTECTION });
}

function addInstructions(wb: ExcelJS.Workbook, plan: FormPlan, ctx: FormContext, params: Record<string, string | number>): void {
  const t = ctx.template;
  const kind = t.kinds[plan.kind];
  const ws = wb.addWorksheet(t.sheets.instructions, {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  // Narrower than the printable width of portrait A4 (about 75 character widths at the default
  // margins), so LibreOffice and Excel wrap each instruction inside the page instead of cutting
  // it off at the right edge (fitToPage alone is not honoured by every program).
  ws.getColumn(1).width = 70;
  const lines = [...kind.instructions, ...kind.extra_instructions].map((l) => fillText(l, params));
  const title = fillText(kind.title, params);
  let r = 1;
  for (const [i, line] of lines.entries()) {
    const c = ws.getCell(r++, 1);
    c.value = cellText(line);
    c.alignment = { wrapText: true, vertical: 'top' };
    const size = i === 0 ? t.style.font_size + 3 : t.style.font_size;
    c.font = { name: t.style.font_name, size, bold: i === 0 };
    c.protection = { locked: true };
    // Programs do not grow a row for wrapped text when they open the file: give each row the
    // height of the lines it wraps to, or only its first line would print.
    const wrapped = Math.max(1, Math.ceil((cjkWidth(c.value as string) * size) / (t.style.font_size * 66)));
    ws.getRow(r - 1).height = Math.ceil(wrapped * size * 1.5);
  }
  ws.headerFooter = { oddHeader: `&C${hfText(title)}` };
  void ws.protect(t.protection_password, { selectLockedCells: true, selectUnlockedCells: true, spinCount: 1000 });
}

/** One column of the hidden list sheet per distinct list of allowed sections. */
function listColumns(t: FormTemplate, expected: ExpectedEmployee[]): { key: string; label: string; sectionIds: string[]; ref: string }[] {
  const out: { key: string; label: string; sectionIds: string[]; ref: string }[] = [];
  for (const e of expected) {
    const key = e.sectionIds.join(',');
    if (out.some((l) => l.key === key)) continue;
    const L = columnLetters(out.length + 1);
    const ref = `'${t.sheets.lists.replace(/'/g, "''")}'!$${L}$2:$${L}$${1 + e.sectionIds.length}`;
    out.push({ key, label: e.category ?? key, sectionIds: e.sectionIds, ref });
  }
  return out;
}

/** The hidden sheet of drop-down options (所属项目). */
function addLists(wb: ExcelJS.Workbook, t: FormTemplate, expected: ExpectedEmployee[], names: Map<string, string>): void {
  const ws = wb.addWorksheet(t.sheets.lists, { state: 'hidden' });
  listColumns(t, expected).forEach((l, i) => {
    ws.getCell(1, i + 1).value = cellText(l.label);
    l.sectionIds.forEach((id, j) => {
      ws.getCell(2 + j, i + 1).value = cellText(names.get(id) ?? id);
    });
    ws.getColumn(i + 1).width = 24;
  });
  void ws.protect(t.protection_password, { spinCount: 1000 });
}

function addMeta(wb: ExcelJS.Workbook, plan: FormPlan, ctx: FormContext, expected: ExpectedEmployee[], generatedAt: string): void {
  const t = ctx.template;
  const ws = wb.addWorksheet(t.sheets.meta, { state: 'veryHidden' });
  const values: Record<MetaKey, string> = {
    template_version: t.version,
    month: plan.month,
    kind: plan.kind,
    scorer_id: ctx.scorer.id,
    scorer_name: ctx.scorer.name,
    scorer_role: plan.scorerRole,
    section_ids: planSectionIds(plan, ctx.policy).join(','),
    deadline: plan.deadline,
    generated_at: generatedAt,
    policy_version: ctx.policy.policy_version,
  };
  ws.getCell(1, 1).value = META_MARKER;
  ws.getCell(1, 2).value = META_FORMAT;
  ws.getCell(1, 3).value = '本页由 jixiao 生成,请勿修改';
  let r = 2;
  for (const key of Object.keys(META_KEYS) as MetaKey[]) {
    ws.getCell(r, 1).value = key;
    const v = ws.getCell(r, 2);
    v.numFmt = '@';
    v.value = cellText(values[key]);
    ws.getCell(r, 3).value = META_KEYS[key];
    r++;
  }
  META_TABLE_KEYS.forEach((k, i) => {
    ws.getCell(1, META_TABLE_COL + i).value = k;
    ws.getCell(2, META_TABLE_COL + i).value = META_TABLE_LABELS[i];
  });
  expected.forEach((e, n) => {
    const emp = ctx.members.get(e.employeeId)?.employee;
    const row = [e.employeeId, emp?.name ?? e.name, e.category ?? '', e.sectionIds.join(','), emp?.department ?? '', emp?.position ?? ''];
    row.forEach((v, i) => {
      const c = ws.getCell(3 + n, META_TABLE_COL + i);
      c.numFmt = '@';
      c.value = cellText(v);
    });
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 30;
  void ws.protect(t.protection_password, { spinCount: 1000 });
}

function personOf(ctx: FormContext, e: ExpectedEmployee): { id: string; name: string; department: string; position: string } {
  const emp = ctx.members.get(e.employeeId)?.employee;
  return { id: e.employeeId, name: emp?.name ?? e.name, department: emp?.department ?? '', position: emp?.position ?? '' };
}

function buildGoalsSheet(
  wb: ExcelJS.Workbook,
  ctx: FormContext,
  expected: ExpectedEmployee[],
  names: Map<string, string>,
  params: Record<string, string | number>,
  title: string,
): void {
  const t = ctx.template;
  const kind = t.kinds.goals;
  const b = startTable(wb, kind.sheet, kind.columns, t);
  const n = ctx.policy.goals.rows_per_employee;
  const scoreDv = decimalValidation(t, 'score', 0, ctx.policy.score_max, params);
  const weightDv = decimalValidation(t, 'weight', 0, 100, params);
  const sectionDef = columnDef(t, 'section');
  const listDvs = new Map(
    listColumns(t, expected).map((l): [string, ExcelJS.DataValidation] => [
      l.key,
      {
        type: 'list',
        allowBlank: true,
        formulae: [l.ref],
        showInputMessage: !!sectionDef.prompt,
        promptTitle: sectionDef.prompt_title ? fillText(sectionDef.prompt_title, params).slice(0, 32) : undefined,
        prompt: sectionDef.prompt ? fillText(sectionDef.prompt, params).slice(0, 255) : undefined,
        showErrorMessage: true,
        errorStyle: 'stop',
        error: sectionDef.error ? fillText(sectionDef.error, params).slice(0, 255) : undefined,
      },
    ]),
  );

  const L = (key: ColumnKey) => columnLetters(b.col(key));
  const library = ctx.policy.targets?.indicators ?? [];
  let row = 2;
  expected.forEach((e, idx) => {
    const p = personOf(ctx, e);
    const band = idx % 2 === 1;
    const only = e.sectionIds.length === 1 ? names.get(e.sectionIds[0]) ?? e.sectionIds[0] : null;
    const listDv = listDvs.get(e.sectionIds.join(','))!;
    // Monthly targets go on the KPI section's first rows, 指标 and 目标值 locked (the sheet keeps the value it was sent with).
    const kpi = e.sectionIds.includes('kpi') ? names.get('kpi') ?? 'kpi' : null;
    const targets = kpi ? ctx.targets?.get(e.employeeId) ?? [] : [];
    // Every target gets a row of its own and the scorer keeps the usual n rows for the other goals
    // (a 职能 head carrying 8 department targets still needs rows for the rest of the KPI and for MBO).
    const rows = targets.length + n;
    for (let i = 0; i < rows; i++, row++) {
      const tg = targets[i];
      const ind = tg ? findIndicator(tg.indicator, library) : null;
      put(b, t, row, 'employee_id', p.id, { band, numFmt: '@' });
      put(b, t, row, 'name', p.name, { band });
      put(b, t, row, 'department', p.department, { band });
      put(b, t, row, 'position', p.position, { band });
      put(b, t, row, 'seq', i + 1);
      validate(b, put(b, t, row, 'section', tg ? kpi : only ?? null, tg ? { locked: true, band } : {}), listDv);
      put(b, t, row, 'goal', tg ? tg.indicator : null, tg ? { locked: true, band } : {});
      validate(b, put(b, t, row, 'weight', null), weightDv);
      if (tg) {
        const c = targetCell(tg, ind?.decimals ?? 2);
        put(b, t, row, 'target', c.value, { locked: true, band, numFmt: c.numFmt });
      } else put(b, t, row, 'target', null);
      put(b, t, row, 'actual', null);
      validate(b, put(b, t, row, 'score', null), scoreDv);
      put(b, t, row, 'note', tg && ind ? ruleText(ind) : null);
      if (b.col('weight_check') > 0 && b.col('weight') > 0 && b.col('employee_id') > 0 && b.col('section') > 0) {
        const f = `IF($${L('weight')}${row}="","",SUMIFS($${L('weight')}:$${L('weight')},$${L('employee_id')}:$${L('employee_id')},$${L('employee_id')}${row},$${L('section')}:$${L('section')},$${L('section')}${row}))`;
        put(b, t, row, 'weight_check', { formula: f } as ExcelJS.CellFormulaValue, { band });
      }
      if (i === rows - 1) {
        for (let c = 1; c <= b.keys.length; c++) {
          const cell = b.ws.getCell(row, c);
          cell.style = lastRowStyle(cell.style); // a copy: the cell's style object is shared
        }
      }
    }
  });
  const last = row - 1;
  if (b.col('weight_check') > 0 && last >= 2) {
    const C = L('weight_check');
    b.ws.addConditionalFormatting({
      ref: `${C}2:${C}${last}`,
      rules: [
        {
          type: 'expression',
          priority: 1,
          formulae: [`AND(${C}2<>"",${C}2<>100)`],
          style: { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } }, font: { color: { argb: 'FF9C0006' } } },
        },
      ],
    });
  }
  finishTable(b, t, title, 'name');
}

function buildSignoffSheet(wb: ExcelJS.Workbook, ctx: FormContext, expected: ExpectedEmployee[], title: string): void {
  const t = ctx.template;
  const keys = t.kinds.goals.signoff_columns ?? [];
  const b = startTable(wb, t.sheets.signoff, keys, t);
  const dateCol = columnDef(t, 'interview_date');
  const dateDv: ExcelJS.DataValidation = {
    type: 'date',
    operator: 'greaterThan',
    allowBlank: true,
    formulae: [new Date(Date.UTC(2000, 0, 1))],
    showInputMessage: !!dateCol.prompt,
    promptTitle: dateCol.prompt_title?.slice(0, 32),
    prompt: dateCol.prompt?.slice(0, 255),
    showErrorMessage: true,
    errorStyle: 'warning',
    error: dateCol.error?.slice(0, 255),
  };
  expected.forEach((e, idx) => {
    const row = idx + 2;
    const p = personOf(ctx, e);
    put(b, t, row, 'employee_id', p.id, { numFmt: '@' });
    put(b, t, row, 'name', p.name);
    put(b, t, row, 'department', p.department);
    put(b, t, row, 'position', p.position);
    put(b, t, row, 'employee_sign', null);
    put(b, t, row, 'manager_sign', null);
    put(b, t, row, 'skip_manager_sign', null);
    validate(b, put(b, t, row, 'interview_date', null, { numFmt: 'yyyy-mm-dd' }), dateDv);
    put(b, t, row, 'note', null);
  });
  finishTable(b, t, title, 'name');
}

function buildSingleSheet(
  wb: ExcelJS.Workbook,
  plan: FormPlan,
  ctx: FormContext,
  expected: ExpectedEmployee[],
  names: Map<string, string>,
  params: Record<string, string | number>,
  title: string,
): void {
  const t = ctx.template;
  const kind = t.kinds[plan.kind];
  const b = startTable(wb, kind.sheet, kind.columns, t);
  const scoreDv = decimalValidation(t, 'score', 0, ctx.policy.score_max, params);
  const moneyDv = decimalValidation(t, 'commission', 0, null, params);
  let row = 2;
  for (const e of expected) {
    const p = personOf(ctx, e);
    for (const sectionId of e.sectionIds) {
      put(b, t, row, 'employee_id', p.id, { numFmt: '@' });
      put(b, t, row, 'name', p.name);
      put(b, t, row, 'department', p.department);
      put(b, t, row, 'position', p.position);
      put(b, t, row, 'section_name', names.get(sectionId) ?? sectionId);
      validate(b, put(b, t, row, 'score', null), scoreDv);
      const profit = e.category === '创利';
      const c = put(b, t, row, 'commission', null, { locked: !profit, numFmt: '#,##0.00' });
      if (profit) validate(b, c, moneyDv);
      put(b, t, row, 'note', null);
      row++;
    }
  }
  finishTable(b, t, title, 'name');
}

/** Build the workbook for one planned score sheet. Pure apart from the clock (see generatedAt). */
export function buildForm(plan: FormPlan, ctx: FormContext): ExcelJS.Workbook {
  const t = ctx.template;
  const names = sectionNameMap(ctx.policy, ctx.sectionNames);
  const expected = expectedFromPlan(plan, ctx.members, ctx.policy);
  const generatedAt = ctx.generatedAt ?? new Date().toISOString();
  const params = textParams(plan, ctx, names);
  const title = fillText(t.kinds[plan.kind].title, params);

  const wb = newWorkbook(generatedAt);
  wb.title = title;
  wb.calcProperties = { fullCalcOnLoad: true };

  addInstructions(wb, plan, ctx, params);
  if (plan.kind === 'goals') {
    buildGoalsSheet(wb, ctx, expected, names, params, title);
    buildSignoffSheet(wb, ctx, expected, title);
    addLists(wb, t, expected, names);
  } else {
    buildSingleSheet(wb, plan, ctx, expected, names, params, title);
  }
  addMeta(wb, plan, ctx, expected, generatedAt);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
  return wb;
}

/** Label of a kind as used in file names (template kinds.<kind>.label). */
export const kindLabel = (template: FormTemplate, kind: FormKind): string => template.kinds[kind].label;

/**
 * File name of a score sheet, e.g. `2026-10_服务站_张伟_目标与KPI.xlsx` (template file_name);
 * every part is sanitised, and so is the whole.
 */
export function formFileName(
  plan: Pick<FormPlan, 'month' | 'kind'>,
  scorer: Pick<Employee, 'id' | 'name' | 'department'>,
  template: FormTemplate,
  opts: { withId?: boolean } = {},
): string {
  const part = (s: string) => safeFileName(s, { maxBytes: 60 }).replace(/_+/g, '-');
  let pattern = template.file_name;
  if (opts.withId && !pattern.includes('{scorer_id}')) pattern = pattern.replace('{scorer}', '{scorer}_{scorer_id}');
  let name = fillText(pattern, {
    month: part(plan.month),
    department: part(scorer.department || '-'),
    scorer: part(scorer.name || scorer.id),
    scorer_id: part(scorer.id),
    label: part(template.kinds[plan.kind].label),
  });
  if (!/\.xlsx$/i.test(name)) name += '.xlsx';
  return safeFileName(name, { maxBytes: 200 });
}

/**
 * File names for a set of sheets, unique: where two scorers would get the same name
 * (two 张伟 in 服务站), the scorer's 工号 is added to each of them.
 */
export function formFileNames(
  entries: { plan: Pick<FormPlan, 'month' | 'kind'>; scorer: Pick<Employee, 'id' | 'name' | 'department'> }[],
  template: FormTemplate,
): string[] {
  const first = entries.map((e) => formFileName(e.plan, e.scorer, template));
  const count = new Map<string, number>();
  for (const n of first) count.set(n.toLowerCase(), (count.get(n.toLowerCase()) ?? 0) + 1);
  const out = entries.map((e, i) =>
    count.get(first[i].toLowerCase())! > 1 ? formFileName(e.plan, e.scorer, template, { withId: true }) : first[i],
  );
  // Same scorer, same kind (should not happen) or ids that sanitise alike: number them.
  const seen = new Map<string, number>();
  return out.map((n) => {
    const k = n.toLowerCase();
    const c = (seen.get(k) ?? 0) + 1;
    seen.set(k, c);
    return c === 1 ? n : n.replace(/\.xlsx$/i, `-${c}.xlsx`);
  });
}
