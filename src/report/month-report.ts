/**
 * The tables of a closed month, built once from a MonthResult as format-neutral data
 * (src/report/table.ts): the workbook 绩效汇总 writes them as sheets (SPEC §8) and `close`
 * draws some of them on the terminal, so the distribution, the fines and the rest are laid
 * out in one place. No computation of grades or pay happens here, just presentation (and
 * exact sums).
 *
 * To add a sheet: write a builder returning a ReportSheet (or a ReportTable for the
 * terminal too) and list it in `summarySheets`. Sheet names are the file's contract and
 * stay Chinese in both languages; headers and text follow the language.
 */
import { Decimal } from '../domain/decimal.js';
import { renderIssue, t, type Lang } from '../i18n/index.js';
import { policyDepartmentOf, type DistributionRow, type EmployeeResult, type MonthResult, type Reason } from '../model.js';
import { GRADE_LETTERS } from '../policy/schema.js';
import { analysisSheet } from './analysis-report.js';
import { barText, sumInts, sumText, type ReportSheet, type ReportTable, type RichCell, type TableColumn, type TableRow } from './table.js';

export const SUMMARY_SHEETS = ['汇总', '等级分布', '部门汇总', '打分分析', '迟交罚款', '预警与奖励', '排除人员', '校验问题', '说明'] as const;
/** A dealer group's summary (staff list with 门店) has this sheet after 部门汇总. */
export const STORE_SHEET = '门店汇总';

/** Whether the month's staff list had stores (EmployeeResult.store is set only then). */
const withStores = (result: MonthResult): boolean => result.employees.some((e) => e.store !== undefined);

/** Translate in the report's language. */
export type Tr = (key: string, params?: Record<string, unknown>) => string;
export const translator =
  (lang: Lang): Tr =>
  (key, params = {}) =>
    t(key, params, lang);

/** A column whose header is the catalog's `close.col.<key>`. */
export const col = (L: Tr, key: string, kind: TableColumn['kind'], header = L(`close.col.${key}`)): TableColumn => ({ header, key, kind });

/** A catalog reference rendered in the clerk's language. */
const reasonText = (L: Tr, r: Reason | null | undefined): string => (r ? L(r.key, r.params ?? {}) : '');

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

/** 汇总: one row per employee with section scores, total, grade, pay and remarks. */
export function employeesTable(result: MonthResult, L: Tr): ReportTable {
  const sections = sectionColumns(result.employees);
  const calibrated = result.distribution.calibration !== null;
  const sep = L('close.list_sep');
  const missingBy = new Map(result.incomplete.map((i) => [i.employeeId, i.missing]));

  const columns: TableColumn[] = [
    col(L, 'employee_id', 'text'),
    col(L, 'name', 'text'),
    ...(withStores(result) ? [col(L, 'store', 'text')] : []),
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
      store: e.store ?? '',
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
  return { columns, rows, totals: { label: L('close.total_row'), values: { pay_base: totals.payBase, performance_pay: totals.performancePay } } };
}

function distributionColumns(L: Tr, withDepartment: boolean, withStore = false): TableColumn[] {
  return [
    ...(withStore ? [col(L, 'store', 'text')] : []),
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

/** One grade's line of a distribution table (company, store or department). */
const distributionCells = (r: DistributionRow) => ({
  grade: r.grade,
  grade_name: r.name,
  target_percent: r.targetPercent,
  target_count: r.targetCount,
  actual_count: r.actualCount,
  actual_percent: r.actualPercent,
  difference: r.difference,
});

/** The grade distribution against the policy's targets, with a bar per grade (§5.4). */
export function distributionTable(result: MonthResult, L: Tr): ReportTable {
  const d = result.distribution;
  const max = Math.max(0, ...d.rows.map((r) => r.actualCount));
  return {
    columns: distributionColumns(L, false),
    rows: d.rows.map((r) => ({ ...distributionCells(r), bar: barText(r.actualCount, max) })),
    totals: {
      label: L('close.total_row'),
      values: {
        target_count: sumInts(d.rows.map((r) => r.targetCount)),
        actual_count: sumInts(d.rows.map((r) => r.actualCount)),
        difference: sumInts(d.rows.map((r) => r.difference)),
      },
    },
    note: L('close.title.distribution', { evaluated: d.evaluated }),
  };
}

/** The people whose totals lie nearest each grade boundary. */
export function nearestTable(result: MonthResult, L: Tr): ReportTable {
  return {
    title: L('close.title.nearest'),
    columns: [col(L, 'boundary', 'text'), col(L, 'boundary_value', 'score'), col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'total', 'score'), col(L, 'grade', 'text')],
    rows: result.distribution.nearest.flatMap((b) =>
      b.employees.map((e) => ({ boundary: b.boundary, boundary_value: b.value, employee_id: e.employeeId, name: e.name, total: e.total, grade: e.grade })),
    ),
    emptyText: L('close.none.nearest'),
  };
}

/** Calibration (§5.4 forced distribution): grades moved, ties left to the managers, distance from the targets. Empty without calibration. */
export function calibrationTables(result: MonthResult, L: Tr): { changes: ReportTable; ties: ReportTable; shortfall: ReportTable } | null {
  const cal = result.distribution.calibration;
  if (!cal) return null;
  const none = L('close.none');
  return {
    changes: {
      title: L('close.title.calibration_changes'),
      columns: [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'total', 'score'), col(L, 'from_grade', 'text'), col(L, 'to_grade', 'text')],
      rows: cal.changes.map((c) => ({ employee_id: c.employeeId, name: c.name, total: c.total, from_grade: c.from, to_grade: c.to })),
      emptyText: none,
    },
    ties: {
      title: L('close.title.ties'),
      columns: [col(L, 'grade', 'text'), col(L, 'total', 'score'), col(L, 'tied_employees', 'text')],
      rows: cal.unresolvedTies.map((x) => ({
        grade: x.grade,
        total: x.total,
        tied_employees: x.employees.map((e) => `${e.name}(${e.employeeId})`).join(L('close.list_sep')),
      })),
      emptyText: none,
    },
    shortfall: {
      title: L('close.title.shortfall'),
      columns: [col(L, 'grade', 'text'), col(L, 'target_count', 'int'), col(L, 'actual_count', 'int'), col(L, 'gap', 'int')],
      rows: cal.shortfall.map((s) => ({ grade: s.grade, target_count: s.target, actual_count: s.actual, gap: s.actual - s.target })),
      emptyText: none,
    },
  };
}

/** Dealer groups: the distribution of each store (checked per store unless the policy says company). */
export function storeDistributionTable(result: MonthResult, L: Tr): ReportTable | null {
  const byStore = result.distribution.byStore;
  if (!byStore) return null;
  return {
    title: L('stores.title.by_store'),
    columns: distributionColumns(L, false, true).filter((c) => c.key !== 'bar'),
    rows: byStore.flatMap((st) =>
      st.rows.map((r) => ({ store: st.store, ...distributionCells(r) })),
    ),
    emptyText: L('close.none'),
  };
}

/** The distribution within each department, for information (the targets apply company-wide). With stores a department is store + department. */
export function departmentDistributionTable(result: MonthResult, L: Tr): ReportTable {
  return {
    title: L('close.title.by_department'),
    columns: distributionColumns(L, true, withStores(result)),
    rows: result.distribution.byDepartment.flatMap((dep) =>
      dep.rows.map((r) => ({ store: dep.store ?? '', department: dep.department, ...distributionCells(r) })),
    ),
    emptyText: L('close.none'),
  };
}

/**
 * Written department names grouped under one policy department (售后服务部 and 服务站 → 服务站),
 * for each policy department where the staff list writes a name other than the policy's.
 */
export function departmentMerges(employees: readonly EmployeeResult[]): { department: string; written: { name: string; headcount: number }[] }[] {
  const byPolicy = new Map<string, Map<string, number>>();
  for (const e of employees) {
    const names = byPolicy.get(policyDepartmentOf(e)) ?? new Map<string, number>();
    names.set(e.department, (names.get(e.department) ?? 0) + 1);
    byPolicy.set(policyDepartmentOf(e), names);
  }
  return [...byPolicy]
    .filter(([department, names]) => [...names.keys()].some((n) => n !== department))
    .map(([department, names]) => ({ department, written: [...names].map(([name, headcount]) => ({ name, headcount })) }));
}

/**
 * 部门汇总: head counts, average total, grade counts and pay per department, grouped as the
 * policy names departments (说明 lists which written names were merged).
 */
export function departmentsTable(result: MonthResult, L: Tr): ReportTable {
  // With stores a department is store + department (服务站 of two stores are two rows).
  const stores = withStores(result);
  const groups = new Map<string, EmployeeResult[]>();
  for (const e of result.employees) {
    const k = stores ? `${e.store ?? ''}\u0000${policyDepartmentOf(e)}` : policyDepartmentOf(e);
    const list = groups.get(k);
    if (list) list.push(e);
    else groups.set(k, [e]);
  }

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
    ...(stores ? [col(L, 'store', 'text')] : []),
    col(L, 'department', 'text'),
    col(L, 'headcount', 'int'),
    col(L, 'graded', 'int'),
    col(L, 'incomplete', 'int'),
    col(L, 'excluded', 'int'),
    col(L, 'average_total', 'score'),
    ...GRADE_LETTERS.map((g) => ({ header: L('close.col.grade_count', { grade: g }), key: `grade:${g}`, kind: 'int' as const })),
    col(L, 'pay_sum', 'money'),
  ];
  const rows = [...groups.values()].map((list) => ({ store: list[0].store ?? '', department: policyDepartmentOf(list[0]), ...stats(list) }));
  return { columns, rows, totals: { label: L('close.total_row'), values: stats(result.employees) } };
}

/** 门店汇总 (dealer groups): per store the people, grades, pay and fines, with a totals row. */
export function storesTable(result: MonthResult, L: Tr): ReportTable {
  const byStore = new Map<string, { people: EmployeeResult[]; payroll: MonthResult['payroll'] }>();
  const get = (store: string) => {
    let g = byStore.get(store);
    if (!g) byStore.set(store, (g = { people: [], payroll: [] }));
    return g;
  };
  for (const e of result.employees) get(e.store ?? '').people.push(e);
  for (const l of result.payroll) get(l.store ?? '').payroll.push(l);
  const stats = (people: EmployeeResult[], payroll: MonthResult['payroll']): TableRow => {
    const graded = people.filter((e) => e.status === 'graded');
    const row: TableRow = {
      headcount: people.length,
      graded: graded.length,
      incomplete: people.filter((e) => e.status === 'incomplete').length,
      excluded: people.filter((e) => e.status === 'excluded').length,
      pay_base: sumText(people.map((e) => e.payBase)),
      performance_pay: sumText(payroll.map((l) => l.performancePay)),
      fine: sumText(payroll.map((l) => l.fine)),
      net_pay: sumText(payroll.map((l) => l.netPay)),
    };
    for (const g of GRADE_LETTERS) row[`grade:${g}`] = graded.filter((e) => e.grade === g).length;
    return row;
  };
  const columns: TableColumn[] = [
    col(L, 'store', 'text'),
    col(L, 'headcount', 'int'),
    col(L, 'graded', 'int'),
    col(L, 'incomplete', 'int'),
    col(L, 'excluded', 'int'),
    ...GRADE_LETTERS.map((g) => ({ header: L('close.col.grade_count', { grade: g }), key: `grade:${g}`, kind: 'int' as const })),
    col(L, 'pay_base', 'money'),
    col(L, 'performance_pay', 'money'),
    col(L, 'fine', 'money'),
    col(L, 'net_pay', 'money'),
  ];
  const rows = [...byStore].map(([store, g]) => ({ store, ...stats(g.people, g.payroll) }));
  return { columns, rows, totals: { label: L('close.total_row'), values: stats(result.employees, result.payroll) } };
}

/**
 * 迟交罚款: every expected form with its deadline, receipt and fine (§6). `lateOnly` keeps
 * just the forms that came in late (the terminal's view); the totals are the same.
 */
export function finesTable(result: MonthResult, L: Tr, opts: { lateOnly?: boolean } = {}): ReportTable {
  const fines = opts.lateOnly ? result.fines.filter((f) => f.daysLate > 0) : result.fines;
  return {
    columns: [
      col(L, 'scorer_id', 'text'),
      col(L, 'scorer_name', 'text'),
      col(L, 'form', 'text'),
      col(L, 'deadline', 'date'),
      col(L, 'received_at', 'date'),
      col(L, 'days_late', 'int'),
      col(L, 'fine_amount', 'money'),
    ],
    rows: fines.map((f) => ({
      scorer_id: f.scorerId,
      scorer_name: f.scorerName,
      form: L(`close.form.${f.kind}`),
      deadline: f.deadline,
      received_at: f.receivedAt ?? ({ value: L('close.not_received'), highlight: 'bad' } satisfies RichCell),
      days_late: f.daysLate,
      fine_amount: f.fine,
    })),
    emptyText: L('close.none.fines'),
    totals: {
      label: L('close.total_row'),
      values: { days_late: sumInts(result.fines.map((f) => f.daysLate)), fine_amount: sumText(result.fines.map((f) => f.fine)) },
    },
  };
}

/** 预警与奖励: the consequences the chains of months triggered (§5.8), who acts and by when (issue 9). */
export function consequencesTable(result: MonthResult, L: Tr): ReportTable {
  return {
    columns: [
      col(L, 'employee_id', 'text'),
      col(L, 'name', 'text'),
      col(L, 'rule', 'text'),
      col(L, 'months', 'text'),
      col(L, 'actor', 'text'),
      col(L, 'act_by', 'text'),
      col(L, 'improve_by', 'text'),
    ],
    rows: result.consequences.map((c) => ({
      employee_id: c.employeeId,
      name: c.name,
      rule: reasonText(L, c.rule),
      // an imported month may have kept only its grade
      months: c.months.map((m) => L('close.month_entry', { ...m, total: m.total ?? L('consequence.grade_only') })).join(L('close.list_sep')),
      actor: c.actor ? L(`consequence.actor.${c.actor}`) : '',
      act_by: c.actBy ?? (c.actor ? L('consequence.year_end_short') : ''),
      improve_by: c.improveBy ?? '',
    })),
    emptyText: L('close.none.consequences'),
  };
}

/** 排除人员: who is not evaluated this month, and why (§3). */
export function excludedTable(result: MonthResult, L: Tr): ReportTable {
  return {
    columns: [col(L, 'employee_id', 'text'), col(L, 'name', 'text'), col(L, 'department', 'text'), col(L, 'position', 'text'), col(L, 'reason', 'text')],
    rows: result.employees
      .filter((e) => e.status === 'excluded')
      .map((e) => ({ employee_id: e.employeeId, name: e.name, department: e.department, position: e.position, reason: reasonText(L, e.excluded) })),
    emptyText: L('close.none.excluded'),
  };
}

/** 校验问题: every problem found while closing, with where, found, expected and how to fix. */
export function issuesTable(result: MonthResult, L: Tr, lang: Lang): ReportTable {
  return {
    columns: ['severity', 'file', 'sheet', 'cell', 'message', 'found', 'expected', 'hint', 'code'].map((k) => col(L, k, 'text')),
    rows: result.issues.map((i) => {
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
    }),
    emptyText: L('close.none.issues'),
  };
}

/**
 * 说明: what was closed, with which policy and tool, the summary's pay and fine totals
 * beside the payroll lines' totals (a mismatch would be a bug upstream, so it shows),
 * and every input file with its SHA-256 (SPEC §8).
 */
export function manifestTables(result: MonthResult, L: Tr, closedAtText: string): ReportTable[] {
  const totals = summaryTotals(result);
  const payrollPay = sumText(result.payroll.map((l) => l.performancePay));
  const payrollFines = sumText(result.payroll.map((l) => l.fine));
  const payDiff = new Decimal(totals.performancePay).minus(payrollPay);
  const fineDiff = new Decimal(totals.fines).minus(payrollFines);
  const reconciled = payDiff.isZero() && fineDiff.isZero();
  const item = (key: string, value: string | number | RichCell): TableRow => ({ item: L(`close.manifest.${key}`), value });
  // money totals are shown as exact text here ("12345.67"): the column mixes text and numbers
  const tables: ReportTable[] = [
    {
      columns: [col(L, 'item', 'text'), col(L, 'value', 'text')],
      rows: [
        item('month', result.month),
        item('revision', result.revision),
        item('reopen_reason', result.reopenReason ?? L('close.none')),
        item('closed_at', closedAtText),
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
      ],
    },
    {
      title: L('close.title.inputs'),
      columns: [col(L, 'file', 'text'), col(L, 'sha256', 'text'), col(L, 'form_key', 'text'), col(L, 'received_at', 'date'), col(L, 'version', 'int')],
      rows: result.inputs.map((i) => ({ file: i.file, sha256: i.sha256, form_key: i.formKey, received_at: i.receivedAt, version: i.version })),
      emptyText: L('close.none'),
    },
  ];
  const merges = departmentMerges(result.employees);
  if (merges.length)
    tables.push({
      title: L('report.title.department_names'),
      columns: [
        { header: L('report.col.written_department'), key: 'written', kind: 'text' },
        { header: L('report.col.policy_department'), key: 'department', kind: 'text' },
        col(L, 'headcount', 'int'),
      ],
      rows: merges.flatMap((m) => m.written.map((w) => ({ written: w.name, department: m.department, headcount: w.headcount }))),
    });
  if (result.received?.length)
    tables.push({
      title: L('close.title.received'),
      columns: [
        col(L, 'file', 'text'),
        col(L, 'sha256', 'text'),
        col(L, 'form_key', 'text'),
        col(L, 'received_at', 'date'),
        col(L, 'version', 'int'),
        col(L, 'errors', 'int'),
        col(L, 'use', 'text'),
      ],
      rows: result.received.map((r) => ({
        file: r.file,
        sha256: r.sha256,
        form_key: r.formKey,
        received_at: r.receivedAt,
        version: r.version,
        errors: r.errors,
        use: { value: L(`close.use.${r.use}`), highlight: r.use === 'refused' ? 'bad' : r.use === 'superseded' ? 'warn' : undefined },
      })),
    });
  return tables;
}

/** Every sheet of 绩效汇总, in order (names as in SUMMARY_SHEETS). */
export function summarySheets(result: MonthResult, lang: Lang, closedAtText: string): ReportSheet[] {
  const L = translator(lang);
  const cal = calibrationTables(result, L);
  const byStore = storeDistributionTable(result, L);
  return [
    { name: '汇总', tables: [employeesTable(result, L)], freezeColumns: 2 },
    {
      name: '等级分布',
      tables: [
        distributionTable(result, L),
        nearestTable(result, L),
        ...(cal ? [cal.changes, cal.ties, cal.shortfall] : []),
        ...(byStore ? [byStore] : []),
        departmentDistributionTable(result, L),
      ],
    },
    { name: '部门汇总', tables: [departmentsTable(result, L)] },
    ...(withStores(result) ? [{ name: STORE_SHEET, tables: [storesTable(result, L)] }] : []),
    analysisSheet(result, lang),
    { name: '迟交罚款', tables: [finesTable(result, L)] },
    { name: '预警与奖励', tables: [consequencesTable(result, L)] },
    { name: '排除人员', tables: [excludedTable(result, L)] },
    { name: '校验问题', tables: [issuesTable(result, L, lang)] },
    { name: '说明', tables: manifestTables(result, L, closedAtText) },
  ];
}
