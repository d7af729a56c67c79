/**
 * The HR summary workbook of a closed month, 绩效汇总-YYYY-MM.xlsx (SPEC §8): everything
 * `close` computed, in the sheets the clerk files and forwards. Built from a MonthResult
 * only — no computation of grades or pay happens here, just presentation (and exact sums).
 *
 * Sheet names are the file's contract and stay Chinese in both languages; headers and
 * text follow the language.
 */
import ExcelJS from 'exceljs';
import { Decimal } from '../domain/decimal.js';
import { renderIssue, t, type Lang } from '../i18n/index.js';
import type { EmployeeResult, MonthResult, Reason } from '../model.js';
import { GRADE_LETTERS } from '../policy/schema.js';
import { addNote, addTable, finishSheet, newWorkbook, sumText, toExcelDate, type RichCell, type TableColumn, type TableRow } from './style.js';

export const SUMMARY_SHEETS = ['汇总', '等级分布', '部门汇总', '迟交罚款', '预警与奖励', '排除人员', '校验问题', '说明'] as const;

type Tr = (key: string, params?: Record<string, unknown>) => string;
const tr = (lang: Lang): Tr => (key, params = {}) => t(key, params, lang);

const col = (L: Tr, key: string, kind: TableColumn['kind'], header = L(`close.col.${key}`)): TableColumn => ({ header, key, kind });

/** A catalog reference rendered in the clerk's language. */
const reasonText = (L: Tr, r: Reason | null | undefined): string => (r ? L(r.key, r.params ?? {}) : '');

/** An instant as Beijing wall-clock text, "2026-11-08 10:00". */
export function beijingText(iso: string): string {
  const d = toExcelDate(iso);
  if (!d) return iso;
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : d.toISOString().slice(0, 16).replace('T', ' ');
}

/** Section columns: every section id present across both categories, 创利 order first, then the rest. */
function sectionColumns(employees: EmployeeResult[]): { id: string; name: string }[] {
  const order = [...employees].sort((a, b) => rankCategory(a) - rankCategory(b));
  const seen = new Map<string, string[]>();
  for (const e of order)
    for (const s of e.sections) {
      const names = seen.get(s.sectionId) ?? [];
      if (!names.includes(s.name)) names.push(s.name);
      seen.set(s.sectionId, names);
    }
  return [...seen].map(([id, names]) => ({ id, name: names.join(' / ') }));
}
const rankCategory = (e: EmployeeResult): number => (e.category === '创利' ? 0 : e.category === '职能' ? 1 : 2);

/** Pay totals both workbooks must agree on (SPEC §5: reconcile to the fen). */
export function summaryTotals(result: MonthResult): { payBase: string; performancePay: string; fines: string } {
  return {
    payBase: sumText(result.employees.map((e) => e.payBase)),
    performancePay: sumText(result.employees.map((e) => e.performancePay)),
    fines: sumText(result.fines.map((f) => f.fine)),
  };
}

function sheetSummary(wb: ExcelJS.Workbook, result: MonthResult, L: Tr): void {
  const ws = wb.addWorksheet('汇总');
  const sections = sectionColumns(result.employees);
  const calibrated = result.distribution.calibration !== null;
  const sep = L('close.list_sep');
  const missingBy = new Map(result.incomplete.map((i) => [i.employeeId, i.missing]));

  const columns: TableColumn[] = [
    col(L, 'employee_id', 'text'),
    col(L, 'name', 'text'),
    col(L, 'department', 'text'),
    col(L, 'position', 'text'),
    col(L, 'category', 'text'),
    ...sections.map((s) => ({ header: s.name, key: `section:${s.id}`, kind: 'score' as const })),
    col(L, 'total', 'score'),
    ...(calibrated ? [col(L, 'band_grade', 'text'), col(L, 'final_grade', 'text')] : [col(L, 'grade', 'text')]),
    col(L, 'pay_base', 'money'),
    col(L, 'performance_pay', 'money'),
    col(L, 'status', 'text'),
    col(L, 'remarks', 'text'),
  ];

  const rows: TableRow[] = result.employees.map((e) => {
    const remarks: string[] = [];
    if (e.excluded) remarks.push(reasonText(L, e.excluded));
    for (const f of e.flags) remarks.push(reasonText(L, f));
    const row: TableRow = {
      employee_id: e.employeeId,
      name: e.name,
      department: e.department,
      position: e.position,
      category: e.category ? L(`close.category.${e.category}`) : '',
      total: e.total,
      pay_base: e.payBase,
      performance_pay: e.performancePay,
      status: L(`close.status.${e.status}`),
    };
    for (const s of e.sections) {
      const key = `section:${s.sectionId}`;
      if (s.score === null) {
        if (e.status !== 'excluded') row[key] = { value: L('close.missing_score'), highlight: 'missing' } satisfies RichCell;
      } else if (s.original !== undefined && s.original !== s.score) {
        const p = { section: s.name, original: s.original, score: s.score };
        row[key] = { value: s.score, note: L('close.note.corrected', p), highlight: 'changed' } satisfies RichCell;
        remarks.push(L('close.remark.corrected', p));
      } else row[key] = s.score;
    }
    const missing = missingBy.get(e.employeeId);
    if (missing)
      for (const m of missing)
        remarks.push(L('close.remark.missing', { section: m.sectionName, scorer: [m.scorerName, m.scorerId].filter(Boolean).join(' ') }));
    if (calibrated) {
      row.band_grade = e.bandGrade;
      row.final_grade = e.grade !== e.bandGrade ? ({ value: e.grade, highlight: 'changed' } satisfies RichCell) : e.grade;
    } else row.grade = e.grade ?? e.bandGrade;
    row.remarks = remarks.join(sep);
    return row;
  });

  const totals = summaryTotals(result);
  addTable(ws, columns, rows, {
    freezeColumns: 2,
    totals: { label: L('close.total_row'), values: { pay_base: totals.payBase, performance_pay: totals.performancePay } },
  });
}

/** A visible bar of █ for a count, scaled so the longest bar is at most `width` characters. */
export function textBar(count: number, max: number, width = 30): string {
  if (count <= 0 || max <= 0) return '';
  const n = max <= width ? count : Math.max(1, Math.round((count / max) * width));
  return '█'.repeat(n);
}

function distributionColumns(L: Tr, withDepartment: boolean): TableColumn[] {
  return [
    ...(withDepartment ? [col(L, 'department', 'text')] : []),
    col(L, 'grade', 'text'),
    col(L, 'grade_name', 'text'),
    col(L, 'target_percent', 'percent'),
    col(L, 'target_count', 'int'),
    col(L, 'actual_count', 'int'),
    col(L, 'actual_percent', 'percent'),
    col(L, 'difference', 'int'),
    ...(withDepartment ? [] : [col(L, 'bar', 'text')]),
  ];
}

function sheetDistribution(wb: ExcelJS.Workbook, result: MonthResult, L: Tr): void {
  const ws = wb.addWorksheet('等级分布');
  const d = result.distribution;
  const none = L('close.none');
  const max = Math.max(0, ...d.rows.map((r) => r.actualCount));
  const rows: TableRow[] = d.rows.map((r) => ({
    grade: r.grade,
    grade_name: r.name,
    target_percent: r.targetPercent,
    target_count: r.targetCount,
    actual_count: r.actualCount,
    actual_percent: r.actualPercent,
    difference: r.difference,
    bar: textBar(r.actualCount, max),
  }));
  const sumInt = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  let p = addTable(ws, distributionColumns(L, false), rows, {
    totals: {
      label: L('close.total_row'),
      values: {
        target_count: sumInt(d.rows.map((r) => r.targetCount)),
        actual_count: sumInt(d.rows.map((r) => r.actualCount)),
        difference: sumInt(d.rows.map((r) => r.difference)),
      },
    },
  });
  addNote(ws, p.nextRow - 1, L('close.title.distribution', { evaluated: d.evaluated }), { bold: true });
  let next = p.nextRow + 1;

  const nearestRows: TableRow[] = d.nearest.flatMap((b) =>
    b.employees.map((e) => ({ boundary: b.boundary, boundary_value: b.value, employee_id: e.employeeId, name: e.name, total: e.total, grade: e.grade })),
  );
  p = addTable(
    ws,
    [col(L, 'boundary', 'text'), col(L, 'boundary_value', 'score'), col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'total', 'score'), col(L, 'grade', 'text')],
    nearestRows,
    { startRow: next, title: L('close.title.nearest'), freeze: false, emptyText: L('close.none.nearest') },
  );
  next = p.nextRow;

  const cal = d.calibration;
  if (cal) {
    p = addTable(
      ws,
      [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'total', 'score'), col(L, 'from_grade', 'text'), col(L, 'to_grade', 'text')],
      cal.changes.map((c) => ({ employee_id: c.employeeId, name: c.name, total: c.total, from_grade: c.from, to_grade: c.to })),
      { startRow: next, title: L('close.title.calibration_changes'), freeze: false, emptyText: none },
    );
    next = p.nextRow;
    p = addTable(
      ws,
      [col(L, 'grade', 'text'), col(L, 'total', 'score'), col(L, 'tied_employees', 'text')],
      cal.unresolvedTies.map((x) => ({
        grade: x.grade,
        total: x.total,
        tied_employees: x.employees.map((e) => `${e.name}(${e.employeeId})`).join(L('close.list_sep')),
      })),
      { startRow: next, title: L('close.title.ties'), freeze: false, emptyText: none },
    );
    next = p.nextRow;
    p = addTable(
      ws,
      [col(L, 'grade', 'text'), col(L, 'target_count', 'int'), col(L, 'actual_count', 'int'), col(L, 'gap', 'int')],
      cal.shortfall.map((s) => ({ grade: s.grade, target_count: s.target, actual_count: s.actual, gap: s.actual - s.target })),
      { startRow: next, title: L('close.title.shortfall'), freeze: false, emptyText: none },
    );
    next = p.nextRow;
  }

  const deptRows: TableRow[] = d.byDepartment.flatMap((dep) =>
    dep.rows.map((r) => ({
      department: dep.department,
      grade: r.grade,
      grade_name: r.name,
      target_percent: r.targetPercent,
      target_count: r.targetCount,
      actual_count: r.actualCount,
      actual_percent: r.actualPercent,
      difference: r.difference,
    })),
  );
  addTable(ws, distributionColumns(L, true), deptRows, {
    startRow: next,
    title: L('close.title.by_department'),
    freeze: false,
    emptyText: none,
  });
}

function sheetDepartments(wb: ExcelJS.Workbook, result: MonthResult, L: Tr): void {
  const ws = wb.addWorksheet('部门汇总');
  const groups = new Map<string, EmployeeResult[]>();
  for (const e of result.employees) groups.set(e.department, [...(groups.get(e.department) ?? []), e]);

  const stats = (list: EmployeeResult[]): TableRow => {
    const graded = list.filter((e) => e.status === 'graded' && e.total !== null);
    const row: TableRow = {
      headcount: list.length,
      graded: graded.length,
      incomplete: list.filter((e) => e.status === 'incomplete').length,
      excluded: list.filter((e) => e.status === 'excluded').length,
      average_total:
        graded.length === 0
          ? null
          : graded
              .reduce((s, e) => s.plus(e.total!), new Decimal(0))
              .div(graded.length)
              .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
              .toFixed(2),
      pay_sum: sumText(list.map((e) => e.performancePay)),
    };
    for (const g of GRADE_LETTERS) row[`grade:${g}`] = graded.filter((e) => (e.grade ?? e.bandGrade) === g).length;
    return row;
  };

  const columns: TableColumn[] = [
    col(L, 'department', 'text'),
    col(L, 'headcount', 'int'),
    col(L, 'graded', 'int'),
    col(L, 'incomplete', 'int'),
    col(L, 'excluded', 'int'),
    col(L, 'average_total', 'score'),
    ...GRADE_LETTERS.map((g) => ({ header: L('close.col.grade_count', { grade: g }), key: `grade:${g}`, kind: 'int' as const })),
    col(L, 'pay_sum', 'money'),
  ];
  const rows = [...groups].map(([department, list]) => ({ department, ...stats(list) }));
  addTable(ws, columns, rows, { totals: { label: L('close.total_row'), values: stats(result.employees) } });
}

function sheetFines(wb: ExcelJS.Workbook, result: MonthResult, L: Tr): void {
  const ws = wb.addWorksheet('迟交罚款');
  const rows: TableRow[] = result.fines.map((f) => ({
    scorer_id: f.scorerId,
    scorer_name: f.scorerName,
    form: L(`close.form.${f.kind}`),
    deadline: f.deadline,
    received_at: f.receivedAt ?? ({ value: L('close.not_received'), highlight: 'bad' } satisfies RichCell),
    days_late: f.daysLate,
    fine_amount: f.fine,
  }));
  addTable(
    ws,
    [
      col(L, 'scorer_id', 'text'),
      col(L, 'scorer_name', 'text'),
      col(L, 'form', 'text'),
      col(L, 'deadline', 'date'),
      col(L, 'received_at', 'date'),
      col(L, 'days_late', 'int'),
      col(L, 'fine_amount', 'money'),
    ],
    rows,
    {
      emptyText: L('close.none.fines'),
      totals: {
        label: L('close.total_row'),
        values: { days_late: result.fines.reduce((s, f) => s + f.daysLate, 0), fine_amount: sumText(result.fines.map((f) => f.fine)) },
      },
    },
  );
}

function sheetConsequences(wb: ExcelJS.Workbook, result: MonthResult, L: Tr): void {
  const ws = wb.addWorksheet('预警与奖励');
  const rows: TableRow[] = result.consequences.map((c) => ({
    employee_id: c.employeeId,
    name: c.name,
    rule: reasonText(L, c.rule),
    months: c.months.map((m) => L('close.month_entry', m)).join(L('close.list_sep')),
  }));
  addTable(ws, [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'rule', 'text'), col(L, 'months', 'text')], rows, {
    emptyText: L('close.none.consequences'),
  });
}

function sheetExcluded(wb: ExcelJS.Workbook, result: MonthResult, L: Tr): void {
  const ws = wb.addWorksheet('排除人员');
  const rows: TableRow[] = result.employees
    .filter((e) => e.status === 'excluded')
    .map((e) => ({
      employee_id: e.employeeId,
      name: e.name,
      department: e.department,
      position: e.position,
      reason: reasonText(L, e.excluded),
    }));
  addTable(
    ws,
    [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'department', 'text'), col(L, 'position', 'text'), col(L, 'reason', 'text')],
    rows,
    { emptyText: L('close.none.excluded') },
  );
}

function sheetIssues(wb: ExcelJS.Workbook, result: MonthResult, L: Tr, lang: Lang): void {
  const ws = wb.addWorksheet('校验问题');
  const rows: TableRow[] = result.issues.map((i) => {
    const r = renderIssue(i, lang);
    return {
      severity: { value: L(`severity.${i.severity}`), highlight: i.severity === 'error' ? 'bad' : 'warn' } satisfies RichCell,
      file: i.file,
      sheet: i.sheet,
      cell: i.cell,
      message: r.message,
      found: i.found,
      expected: i.expected,
      hint: r.hint,
      code: i.code,
    };
  });
  addTable(
    ws,
    ['severity', 'file', 'sheet', 'cell', 'message', 'found', 'expected', 'hint', 'code'].map((k) => col(L, k, 'text')),
    rows,
    { emptyText: L('close.none.issues') },
  );
}

function sheetManifest(wb: ExcelJS.Workbook, result: MonthResult, L: Tr, payrollPay: string, payrollFines: string): void {
  const ws = wb.addWorksheet('说明');
  const totals = summaryTotals(result);
  const payDiff = new Decimal(totals.performancePay).minus(payrollPay);
  const fineDiff = new Decimal(totals.fines).minus(payrollFines);
  const reconciled = payDiff.isZero() && fineDiff.isZero();
  const item = (key: string, value: string | number | RichCell): TableRow => ({ item: L(`close.manifest.${key}`), value });
  const rows: TableRow[] = [
    item('month', result.month),
    item('revision', result.revision),
    item('reopen_reason', result.reopenReason ?? L('close.none')),
    item('closed_at', beijingText(result.closedAt)),
    item('policy_version', result.policyVersion),
    item('tool_version', result.toolVersion),
    item('employees', result.employees.length),
    item('evaluated', result.distribution.evaluated),
    item('pay_summary', totals.performancePay),
    item('pay_payroll', payrollPay),
    item('fine_summary', totals.fines),
    item('fine_payroll', payrollFines),
    item(
      'reconcile',
      reconciled
        ? L('close.manifest.reconcile_ok')
        : { value: L('close.manifest.reconcile_diff', { pay: payDiff.toFixed(2), fine: fineDiff.toFixed(2) }), highlight: 'bad' },
    ),
    { item: L('close.col.note'), value: L('close.manifest.guard') },
  ];
  // money totals are shown as exact text here ("12345.67"): the column mixes text and numbers
  const p = addTable(ws, [col(L, 'item', 'text'), col(L, 'value', 'text')], rows);
  addTable(
    ws,
    [col(L, 'file', 'text'), col(L, 'sha256', 'text'), col(L, 'form_key', 'text'), col(L, 'received_at', 'date'), col(L, 'version', 'int')],
    result.inputs.map((i) => ({ file: i.file, sha256: i.sha256, form_key: i.formKey, received_at: i.receivedAt, version: i.version })),
    { startRow: p.nextRow, title: L('close.title.inputs'), freeze: false, emptyText: L('close.none') },
  );
  if (result.received?.length)
    addTable(
      ws,
      [
        col(L, 'file', 'text'),
        col(L, 'sha256', 'text'),
        col(L, 'form_key', 'text'),
        col(L, 'received_at', 'date'),
        col(L, 'version', 'int'),
        col(L, 'errors', 'int'),
        col(L, 'use', 'text'),
      ],
      result.received.map((r) => ({
        file: r.file,
        sha256: r.sha256,
        form_key: r.formKey,
        received_at: r.receivedAt,
        version: r.version,
        errors: r.errors,
        use: { value: L(`close.use.${r.use}`), highlight: r.use === 'refused' ? 'bad' : r.use === 'superseded' ? 'warn' : undefined },
      })),
      { title: L('close.title.received'), freeze: false },
    );
}

/**
 * Build 绩效汇总 for a closed month. The 说明 sheet shows the summary's pay and fine totals
 * beside the payroll lines' totals, so a mismatch (which would be a bug upstream) is visible.
 */
export function buildSummaryWorkbook(result: MonthResult, lang: Lang): ExcelJS.Workbook {
  const L = tr(lang);
  const wb = newWorkbook(result.closedAt);
  wb.title = L('close.title.summary_doc', { month: result.month });

  sheetSummary(wb, result, L);
  sheetDistribution(wb, result, L);
  sheetDepartments(wb, result, L);
  sheetFines(wb, result, L);
  sheetConsequences(wb, result, L);
  sheetExcluded(wb, result, L);
  sheetIssues(wb, result, L, lang);
  sheetManifest(wb, result, L, sumText(result.payroll.map((l) => l.performancePay)), sumText(result.payroll.map((l) => l.fine)));

  const headerText = L('close.title.summary_doc', { month: result.month });
  wb.eachSheet((ws) => finishSheet(ws, { headerText, pageText: L('close.print.page') }));
  return wb;
}
