/**
 * The payroll export of a closed month (SPEC §5, §8): 绩效工资表-YYYY-MM.xlsx and the same
 * table as CSV for payroll systems (written with the summary by sheets/month-outputs.ts).
 *
 * Totals are exact decimal sums of the lines, written as values (no SUM formulas): the
 * numbers then read the same in Excel, WPS, LibreOffice, a CSV import and our own tests,
 * and they reconcile with the summary workbook to the fen.
 */
import ExcelJS from 'exceljs';
import { fixed } from '../domain/decimal.js';
import { hasMessage, t, type Lang } from '../i18n/index.js';
import type { MonthResult, PayrollLine } from '../model.js';
import { addTable, finishSheet, newWorkbook, sumText, type TableColumn, type TableRow } from './style.js';
import { guardText } from './write.js';

export const PAYROLL_SHEET = '绩效工资表';

/** The payroll columns, in order (SPEC §5). */
const COLUMNS: { key: keyof PayrollLine; header: string; kind: TableColumn['kind'] }[] = [
  { key: 'employeeId', header: 'close.col.employee_id', kind: 'text' },
  { key: 'name', header: 'close.col.name', kind: 'text' },
  { key: 'department', header: 'close.col.department', kind: 'text' },
  { key: 'category', header: 'close.col.category', kind: 'text' },
  { key: 'fullSalary', header: 'close.col.full_salary', kind: 'money' },
  { key: 'payBase', header: 'close.col.pay_base', kind: 'money' },
  { key: 'total', header: 'close.col.total', kind: 'score' },
  { key: 'grade', header: 'close.col.grade', kind: 'text' },
  { key: 'performancePay', header: 'close.col.performance_pay', kind: 'money' },
  { key: 'fine', header: 'close.col.fine', kind: 'money' },
  { key: 'netPay', header: 'close.col.net_pay', kind: 'money' },
  { key: 'note', header: 'close.col.note', kind: 'text' },
];
const MONEY_KEYS = ['fullSalary', 'payBase', 'performancePay', 'fine', 'netPay'] as const;

/** The columns of a month's payroll: a dealer group's gains 门店 after 姓名. */
function columnsFor(withStores: boolean): typeof COLUMNS {
  if (!withStores) return COLUMNS;
  return [...COLUMNS.slice(0, 2), { key: 'store', header: 'close.col.store', kind: 'text' }, ...COLUMNS.slice(2)];
}
const hasStores = (result: Pick<MonthResult, 'payroll'>) => result.payroll.some((l) => l.store !== undefined);

export function payrollHeaders(lang: Lang, withStores = false): string[] {
  return columnsFor(withStores).map((c) => t(c.header, {}, lang));
}

/** Exact column totals of the payroll lines, "1234.50" each. */
export function payrollTotals(lines: readonly PayrollLine[]): Record<(typeof MONEY_KEYS)[number], string> {
  const out = {} as Record<(typeof MONEY_KEYS)[number], string>;
  for (const k of MONEY_KEYS) out[k] = sumText(lines.map((l) => l[k]));
  return out;
}

/** One line as plain values: money and scores as decimal text, category in the clerk's language. */
function lineRow(l: PayrollLine, lang: Lang): TableRow {
  return {
    employeeId: l.employeeId,
    name: l.name,
    ...(l.store !== undefined ? { store: l.store } : {}),
    department: l.department,
    category: l.category ? t(`close.category.${l.category}`, {}, lang) : '',
    fullSalary: l.fullSalary,
    payBase: l.payBase,
    total: l.total,
    grade: l.grade,
    performancePay: l.performancePay,
    fine: l.fine,
    netPay: l.netPay,
    // Notes are stored as message keys (language-neutral in the ledger); plain text passes through.
    note: l.note && hasMessage(l.note) ? t(l.note, {}, lang) : l.note,
  };
}

/**
 * A reopened month has usually been paid already (SPEC §7, issue 9): its payroll says it is a
 * correction, which revision it replaces and why, so nobody pays it twice by mistake.
 * Null for a first close.
 */
export function correctionNotice(result: Pick<MonthResult, 'month' | 'revision' | 'reopenReason'>, lang: Lang): string | null {
  if (result.revision <= 1) return null;
  return t(
    'close.payroll.correction',
    { month: result.month, revision: result.revision, previous: result.revision - 1, reason: result.reopenReason ?? '' },
    lang,
  );
}

export function buildPayrollWorkbook(result: MonthResult, lang: Lang): ExcelJS.Workbook {
  const wb = newWorkbook(result.closedAt);
  const correction = correctionNotice(result, lang);
  const title = t(correction ? 'close.title.payroll_doc_correction' : 'close.title.payroll_doc', { month: result.month, revision: result.revision }, lang);
  wb.title = title;
  const ws = wb.addWorksheet(PAYROLL_SHEET);
  const columns: TableColumn[] = columnsFor(hasStores(result)).map((c) => ({ key: c.key, header: t(c.header, {}, lang), kind: c.kind }));
  addTable(
    ws,
    columns,
    result.payroll.map((l) => lineRow(l, lang)),
    { freezeColumns: 2, totals: { label: t('close.total_row', {}, lang), values: payrollTotals(result.payroll) } },
  );
  if (correction) {
    ws.addRow([]);
    const note = ws.addRow([guardText(correction)]);
    note.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
  }
  finishSheet(ws, { headerText: title, pageText: t('close.print.page', {}, lang) });
  return wb;
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The payroll as CSV: UTF-8 with BOM (so Excel opens Chinese correctly), CRLF line ends,
 * RFC 4180 quoting, the same columns and totals row as the xlsx; money and scores as plain
 * decimals ("1234.50", no thousands separators); text guarded against formula injection.
 */
export function payrollCsv(result: MonthResult, lang: Lang): Buffer {
  const cols = columnsFor(hasStores(result));
  const kinds = cols.map((c) => c.kind);
  const render = (row: TableRow): string =>
    cols.map((c, i) => {
      const v = row[c.key];
      if (v === null || v === undefined || v === '') return '';
      const raw = typeof v === 'object' ? v.value : v;
      if (raw === null || raw === undefined) return '';
      if (kinds[i] === 'money' || kinds[i] === 'score') {
        const text = String(raw);
        if (/^-?\d+(\.\d+)?$/.test(text)) return fixed(text, 2);
      }
      return csvField(guardText(String(raw)));
    }).join(',');
  const lines = [
    payrollHeaders(lang, hasStores(result)).map((h) => csvField(guardText(h))).join(','),
    ...result.payroll.map((l) => render(lineRow(l, lang))),
    render({ employeeId: t('close.total_row', {}, lang), ...payrollTotals(result.payroll) }),
  ];
  // After the totals, like the totals row, so an import that maps the header row still works.
  const correction = correctionNotice(result, lang);
  if (correction) lines.push(csvField(guardText(correction)));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}
