/**
 * The closed month the interop tests write and hand to LibreOffice and openpyxl: the
 * writers' hand-made sample (test/sheets-out/fixture.ts) with real catalog keys, plus the
 * values other programs are most likely to get wrong:
 *  - a 工号 with leading zeros (00123) — must stay text, not become the number 123;
 *  - a name outside the Basic Multilingual Plane (𠮷, a surrogate pair in UTF-16) and a
 *    middle dot (Uyghur names: 阿依古丽·吐尔逊);
 *  - a note with a line break, a comma and quotes; a note starting with full-width ＝;
 *  - a negative net pay; money with fen (3333.33); a percent with a decimal (12.5%);
 *  - a calibration (extra columns and tables) and a consequence with its months.
 */
import type { EmployeeResult, MonthResult } from '../../src/model.js';
import { sampleMonth } from '../sheets-out/fixture.js';

export const ZERO_ID = '00123';
export const BMP_NAME = '𠮷田·阿依古丽';
export const MULTILINE_NOTE = '第一行:补发,含逗号\n第二行 "引号"';
export const FULLWIDTH_FORMULA_NOTE = '＝SUM(1,2)';

export function interopMonth(): MonthResult {
  const m = sampleMonth();
  for (const e of m.employees) {
    if (e.employeeId === '3002') e.excluded = { key: 'reason.probation', params: { regularDate: '2026-12-01', month: '2026-10' } };
    if (e.employeeId === '9001') e.excluded = { key: 'reason.excluded_position', params: { reason: '总经理由股东考核,不适用本制度' } };
    // flag keys are not in the catalog yet; the corrected section still shows in 标记/备注
    e.flags = [];
  }
  const extra: EmployeeResult = {
    employeeId: ZERO_ID,
    name: BMP_NAME,
    department: '服务站',
    position: '机修工',
    category: '创利',
    status: 'graded',
    excluded: null,
    sections: [
      { sectionId: 'finance', name: '财务指标', weight: 40, score: '112.50', scorerId: '4001' },
      { sectionId: 'customer_external', name: '客户/市场(外部客户满意度)', weight: 20, score: '108', scorerId: '5001' },
      { sectionId: 'kpi', name: '关键考核指标KPI', weight: 30, score: '106.5', scorerId: '1000' },
      { sectionId: 'learning', name: '学习/成长', weight: 10, score: '110', scorerId: '2001' },
    ],
    total: '109.55',
    bandGrade: 'C',
    grade: 'B', // raised by calibration
    fullSalary: '4200.00',
    payBaseRule: { kind: 'commission' },
    payBase: '3333.33',
    commission: '3333.33',
    performancePay: '3666.66',
    flags: [],
  };
  m.employees.splice(2, 0, extra);
  m.distribution.evaluated = 5;
  m.distribution.rows = [
    { grade: 'A', name: '杰出', targetPercent: 5, targetCount: 0, actualCount: 1, actualPercent: '20.0', difference: 1 },
    { grade: 'B', name: '优秀', targetPercent: 20, targetCount: 1, actualCount: 1, actualPercent: '20.0', difference: 0 },
    { grade: 'C', name: '良好', targetPercent: 62.5, targetCount: 3, actualCount: 2, actualPercent: '40.0', difference: -1 },
    { grade: 'D', name: '待改进', targetPercent: 7.5, targetCount: 1, actualCount: 1, actualPercent: '20.0', difference: 0 },
    { grade: 'E', name: '不胜任', targetPercent: 5, targetCount: 0, actualCount: 0, actualPercent: '0.0', difference: 0 },
  ];
  m.distribution.calibration = {
    changes: [{ employeeId: ZERO_ID, name: BMP_NAME, total: '109.55', from: 'C', to: 'B' }],
    unresolvedTies: [],
    shortfall: [{ grade: 'C', target: 3, actual: 2 }],
  };
  m.consequences = [
    {
      employeeId: '1002',
      name: '李娜',
      rule: { key: 'consequence.award', params: { count: 3, first: '2026-08', last: '2026-10' } },
      months: [
        { month: '2026-08', total: '121.00', grade: 'A' },
        { month: '2026-09', total: '125.30', grade: 'A' },
        { month: '2026-10', total: '123.60', grade: 'A' },
      ],
    },
  ];
  m.issues = [
    {
      code: 'column.missing',
      severity: 'warning',
      file: '刘洋-目标与KPI-2026-10.xlsx',
      sheet: '目标与KPI',
      cell: 'H1',
      params: { column: '得分' },
    },
  ];
  const line = m.payroll.find((l) => l.employeeId === '2002')!;
  line.note = FULLWIDTH_FORMULA_NOTE;
  m.payroll.splice(2, 0, {
    employeeId: ZERO_ID,
    name: BMP_NAME,
    department: '服务站',
    category: '创利',
    fullSalary: '4200.00',
    payBase: '3333.33',
    total: '109.55',
    grade: 'B',
    performancePay: '3666.66',
    fine: '0.00',
    netPay: '3666.66',
    note: MULTILINE_NOTE,
  });
  return m;
}
