/**
 * Reading the staff list (花名册, SPEC §2) into Employee values.
 *
 * Only reading and normalising happens here: the sheet is found by its header (a sheet
 * named 花名册 first, then the first sheet whose header fits — never "the first sheet"
 * blindly), columns by name, dates and numbers in the forms people type them. What the
 * rows mean together (duplicate 工号, unknown managers, cycles, positions the policy
 * cannot place) is checked in src/domain/roster-checks.ts; `cellOf` lets it point at cells.
 */
import type ExcelJS from 'exceljs';
import type { Employee } from '../model.js';
import { issue, type Issue } from '../issues.js';
import { openWorkbook, type OpenOptions } from './open.js';
import { a1, matchHeader, type ColumnSpec } from './headers.js';
import { displayText, mergedRanges, normaliseText, parseDate, parseNumber, readCell, type CellRead } from './cells.js';

export type RosterField = keyof Employee;

/** The roster's columns: canonical header first, then the aliases people use. */
export const ROSTER_COLUMNS: (ColumnSpec & { key: RosterField })[] = [
  { key: 'id', names: ['工号', '员工编号', '员工工号', '员工号', '编号', '职工号', '人员编号'], required: true },
  { key: 'name', names: ['姓名', '员工姓名', '名字'], required: true },
  { key: 'department', names: ['部门', '所属部门', '部门名称'], required: true },
  { key: 'position', names: ['岗位', '职位', '职务', '岗位名称'], required: true },
  { key: 'hireDate', names: ['入职日期', '入职时间', '入司日期', '到岗日期'], required: true },
  { key: 'regularDate', names: ['转正日期', '转正时间', '试用期结束日期', '试用期截止日期', '试用期到期日'], required: true },
  { key: 'fullSalary', names: ['全额工资', '全额月薪', '月薪', '工资', '月工资', '基本工资标准', '工资标准'], required: true },
  { key: 'managerId', names: ['直接上级工号', '上级工号', '直属上级工号', '直接主管工号', '直接经理工号', '直接上级', '直属上级', '直接主管', '上级'], required: true },
  { key: 'skipManagerId', names: ['隔级上级工号', '隔级经理工号', '间接上级工号', '上上级工号', '隔级上级', '隔级经理', '间接上级'], required: false },
  { key: 'status', names: ['状态', '在职状态', '员工状态'], required: false },
  // A dealer group's list names each person's store; without the column the list is one store.
  { key: 'store', names: ['门店', '店', '门店名称', '经销商'], required: false },
];

/** Values of 状态 (after removing spaces). Anything else is `roster.bad_status`. */
const ACTIVE = new Set(['在职', '在岗', '正常', '正式', '试用', '试用期', '实习', 'active']);
const LEFT = new Set(['离职', '已离职', '辞职', '辞退', '退休', '离岗', 'left', 'inactive']);

export interface RosterRead {
  employees: Employee[];
  issues: Issue[];
  /** The sheet read, or null when none could be. */
  sheet: string | null;
  /** A1 reference of `field` in sheet row `row` (Employee.row), for later messages. */
  cellOf: (row: number, field: keyof Employee) => string | undefined;
  sha256: string | null;
}

export async function readRoster(path: string, opts: OpenOptions = {}): Promise<RosterRead> {
  const opened = await openWorkbook(path, opts);
  const nothing = (issues: Issue[], sha256: string | null): RosterRead => ({
    employees: [],
    issues,
    sheet: null,
    cellOf: () => undefined,
    sha256,
  });
  if (!opened.ok) return nothing(opened.issues, opened.sha256);
  const { workbook, file, sha256 } = opened.wb;
  const r = readRosterWorkbook(workbook, file);
  return { ...r, issues: [...opened.issues, ...r.issues], sha256 };
}

/** The same, from a workbook already open (tests, or a caller that opened it). */
export function readRosterWorkbook(workbook: ExcelJS.Workbook, file: string): Omit<RosterRead, 'sha256'> {
  const found = findRosterSheet(workbook, file);
  if (!found.ok) return { employees: [], issues: found.issues, sheet: null, cellOf: () => undefined };
  const { ws, headerRow, columns, issues } = found;
  const sheet = ws.name;
  const where = { file, sheet };
  const date1904 = Boolean((workbook.properties as { date1904?: boolean } | undefined)?.date1904);
  const cellOf = (row: number, field: keyof Employee): string | undefined =>
    columns[field] === undefined ? undefined : a1(row, columns[field]);

  // Merged cells in the data area: the rows under them cannot be told apart.
  const usedCols = Object.values(columns);
  for (const m of mergedRanges(ws)) {
    if (m.bottom > headerRow && usedCols.some((c) => c >= m.left && c <= m.right))
      issues.push(issue('roster.merged_cells', 'error', { ...where, cell: m.ref }));
  }

  const employees: Employee[] = [];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    if (!row) continue;
    const cell = (field: RosterField): CellRead =>
      columns[field] === undefined ? { kind: 'empty' } : readCell(row.getCell(columns[field]), workbook);
    const reads = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, cell(c.key)])) as Record<RosterField, CellRead>;
    if (Object.values(reads).every((x) => x.kind === 'empty')) continue; // blank row

    // 工号 and 姓名 first: every message about the row names them.
    const id = idText(reads.id);
    const name = personName(reads.name);
    const columnName = (field: RosterField) => ROSTER_COLUMNS.find((c) => c.key === field)!.names[0];
    const at = (field: RosterField) => ({
      ...where,
      cell: cellOf(r, field),
      found: displayText(reads[field]),
      params: { row: r, id, name, column: columnName(field) },
    });
    /** A formula without a saved result or an error value (#REF!): reported, read as empty. */
    const unreadable = (field: RosterField) => {
      const x = reads[field];
      if (x.kind === 'formula-no-value') issues.push(issue('roster.formula_no_value', 'error', at(field)));
      else if (x.kind === 'error') issues.push(issue('roster.cell_error', 'error', at(field)));
      return x.kind === 'formula-no-value' || x.kind === 'error';
    };
    const date = (field: 'hireDate' | 'regularDate'): string | null => {
      const x = reads[field];
      if (x.kind === 'empty' || unreadable(field)) return null;
      const d = parseDate(x, date1904);
      if (d.ok) return d.date;
      issues.push(issue('roster.bad_date', 'error', { ...at(field), expected: 'YYYY-MM-DD' }));
      return null;
    };
    // Empty 工号, 姓名, 部门, 岗位 or 全额工资 are reported by src/domain/roster-checks.ts
    // (missing_id, missing_name, unplaceable_position, bad_salary) — not twice here.
    unreadable('id');
    unreadable('name');
    const department = plain(reads.department);
    const position = plain(reads.position);
    unreadable('department');
    unreadable('position');
    const hireDate = date('hireDate');
    const regularDate = date('regularDate');

    // 全额工资: a number of yuan (text numbers, full-width digits, "5000元", "¥5,000" accepted).
    // Whether it is ≥ 0 is the roster checks' call; a percentage is not a salary.
    let fullSalary = '';
    const salary = parseNumber(reads.fullSalary);
    if (salary.ok && salary.normalised !== 'percent') fullSalary = money(salary.value);
    else if (salary.ok || salary.reason === 'not_number')
      issues.push(issue('roster.bad_salary', 'error', { ...at('fullSalary'), expected: '5000.00' }));
    else unreadable('fullSalary');

    const managerId = idText(reads.managerId) || null;
    const skipManagerId = idText(reads.skipManagerId) || null;
    unreadable('managerId');
    unreadable('skipManagerId');

    let status: Employee['status'] = 'active';
    const st = plain(reads.status).replace(/\s/g, '').toLowerCase();
    if (LEFT.has(st)) status = 'left';
    else if (st !== '' && !ACTIVE.has(st)) issues.push(issue('roster.bad_status', 'error', { ...at('status'), expected: '在职 / 离职' }));
    else unreadable('status');

    employees.push({
      id,
      name,
      department,
      position,
      hireDate,
      regularDate,
      fullSalary,
      managerId,
      skipManagerId,
      status,
      ...(columns.store !== undefined ? { store: plain(reads.store) } : {}),
      row: r,
    });
  }
  if (employees.length === 0) issues.push(issue('roster.no_rows', 'error', { ...where, cell: a1(headerRow + 1, 1) }));
  return { employees, issues, sheet, cellOf };
}

type SheetFound =
  | { ok: true; ws: ExcelJS.Worksheet; headerRow: number; columns: Record<string, number>; issues: Issue[] }
  | { ok: false; issues: Issue[] };

/**
 * The roster sheet: one named 花名册 if its header fits, else the first sheet (visible ones
 * first) whose header fits. If none fits, the problems of the closest candidate are reported.
 */
function findRosterSheet(workbook: ExcelJS.Workbook, file: string): SheetFound {
  const sheets = [...workbook.worksheets];
  const isRosterName = (n: string) => /花名册/.test(normaliseText(n));
  const visible = (ws: ExcelJS.Worksheet) => (ws.state ?? 'visible') === 'visible';
  const order = [
    ...sheets.filter((ws) => isRosterName(ws.name) && visible(ws)),
    ...sheets.filter((ws) => !isRosterName(ws.name) && visible(ws)),
    ...sheets.filter((ws) => !visible(ws)),
  ];
  let closest: { ws: ExcelJS.Worksheet; issues: Issue[]; score: number } | null = null;
  for (const ws of order) {
    const m = matchHeader(ws, ROSTER_COLUMNS, { file, sheet: ws.name, maxScanRows: 15 });
    if (m.ok) return { ok: true, ws, headerRow: m.headerRow, columns: m.columns, issues: m.issues };
    const missing = m.issues.filter((i) => i.code === 'column.missing').length;
    const score = m.issues.some((i) => i.code === 'header.not_found') ? -1 : ROSTER_COLUMNS.length - missing + (isRosterName(ws.name) ? 0.5 : 0);
    if (!closest || score > closest.score) closest = { ws, issues: m.issues, score };
  }
  if (closest && closest.score >= 2) return { ok: false, issues: closest.issues };
  return {
    ok: false,
    issues: [
      issue('roster.no_sheet', 'error', {
        file,
        expected: ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.names[0]).join('、'),
        params: { sheets: sheets.map((s) => s.name).join('、') },
      }),
    ],
  };
}

/** A 工号 as text: numbers without ".0" (zero-padded if the cell's format pads, e.g. 00123). */
export function idText(r: CellRead): string {
  if (r.kind === 'number') {
    const fmt = r.numFmt ?? '';
    if (/^0+$/.test(fmt) && Number.isInteger(r.value) && r.value >= 0) return r.text.padStart(fmt.length, '0');
    return r.text;
  }
  if (r.kind === 'text') return normaliseText(r.text).replace(/\s/g, '');
  return r.kind === 'empty' || r.kind === 'error' || r.kind === 'formula-no-value' ? '' : normaliseText(displayText(r));
}

function plain(r: CellRead): string {
  return r.kind === 'empty' || r.kind === 'error' || r.kind === 'formula-no-value' ? '' : normaliseText(displayText(r));
}

/** A person's name: spaces used to line up two-character names (张　三) are removed. */
function personName(r: CellRead): string {
  return plain(r).replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/g, '');
}

/** Yuan with at least two decimals ("5000" → "5000.00"); more decimals are kept, not rounded. */
function money(v: string): string {
  if (v.startsWith('-')) return v; // left as is for the roster checks to report
  const dot = v.indexOf('.');
  const places = dot < 0 ? 0 : v.length - dot - 1;
  if (places >= 2) return v;
  return dot < 0 ? `${v}.00` : `${v}${'0'.repeat(2 - places)}`;
}
