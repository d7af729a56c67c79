/**
 * 补发/扣回 (issue 9 item 5): a reopened month has usually been paid already, so its outputs
 * include, per person whose pay or fine changed, the performance pay and fine before and after
 * and the difference — for the next payroll. Exact decimal arithmetic.
 */
import { Decimal } from '../domain/decimal.js';
import type { MonthResult } from '../model.js';
import { col, type Tr } from './month-report.js';
import type { ReportTable } from './table.js';

export interface Adjustment {
  employeeId: string;
  name: string;
  payBefore: string;
  payAfter: string;
  fineBefore: string;
  fineAfter: string;
  /** Net after − net before: positive = 补发 (pay out), negative = 扣回 (take back). */
  difference: string;
}

export function adjustments(before: MonthResult, after: MonthResult): Adjustment[] {
  const ids = [...new Set([...before.payroll.map((l) => l.employeeId), ...after.payroll.map((l) => l.employeeId)])];
  const out: Adjustment[] = [];
  // by id once, not a scan of the payroll per person (a group's payroll has thousands of lines)
  const firstById = (lines: MonthResult['payroll']) => {
    const m = new Map<string, MonthResult['payroll'][number]>();
    for (const l of lines) if (!m.has(l.employeeId)) m.set(l.employeeId, l);
    return m;
  };
  const beforeOf = firstById(before.payroll);
  const afterOf = firstById(after.payroll);
  for (const id of ids) {
    const b = beforeOf.get(id);
    const a = afterOf.get(id);
    const v = (x: string | undefined) => new Decimal(x ?? '0');
    const diff = v(a?.netPay).minus(v(b?.netPay));
    if (diff.isZero() && v(a?.fine).eq(v(b?.fine)) && v(a?.performancePay).eq(v(b?.performancePay))) continue;
    out.push({
      employeeId: id,
      name: (a ?? b)!.name,
      payBefore: v(b?.performancePay).toFixed(2),
      payAfter: v(a?.performancePay).toFixed(2),
      fineBefore: v(b?.fine).toFixed(2),
      fineAfter: v(a?.fine).toFixed(2),
      difference: diff.toFixed(2),
    });
  }
  return out;
}

export function adjustmentsTable(list: readonly Adjustment[], L: Tr, o: { month: string; from: number; to: number }): ReportTable {
  return {
    title: L('adjust.title', o),
    columns: [
      col(L, 'employee_id', 'text'),
      col(L, 'name', 'text'),
      { header: L('adjust.col.pay_before'), key: 'payBefore', kind: 'money' },
      { header: L('adjust.col.pay_after'), key: 'payAfter', kind: 'money' },
      { header: L('adjust.col.fine_before'), key: 'fineBefore', kind: 'money' },
      { header: L('adjust.col.fine_after'), key: 'fineAfter', kind: 'money' },
      { header: L('adjust.col.difference'), key: 'difference', kind: 'money' },
      { header: L('adjust.col.action'), key: 'action', kind: 'text' },
    ],
    rows: list.map((x) => ({ ...x, action: new Decimal(x.difference).isNegative() ? L('adjust.take_back') : L('adjust.pay_out') })),
    emptyText: L('adjust.none'),
  };
}
