/**
 * Judging a targets workbook's raw rows (SPEC §9) against the KPI library, the staff list and
 * the department aliases: every problem is an Issue with file, sheet and cell, all collected.
 * Pure: takes what src/sheets/targets-sheet.ts extracted, does no I/O.
 *
 * What comes out is a plan the domain can split (src/domain/targets.ts): each indicator's
 * year target per department, its twelve weights, and the people's shares.
 */
import { issue, type Issue } from '../issues.js';
import type { Employee } from '../model.js';
import type { IndicatorDef, Policy } from '../policy/schema.js';
import { canonicalDepartment } from '../domain/classify.js';
import { dec, type Decimal } from '../domain/decimal.js';
import { ALL_INDICATORS, departmentHeads, findIndicator, nearestIndicators, parseTarget, shareKey, WHOLE_STORE, type TargetPlan, type TargetValue } from '../domain/targets.js';
import type { AnnualTargetRow, ExtractedTargets, RawCell } from './targets-input.js';


interface StaffView {
  byId: Map<string, Employee>;
  departmentOf: (e: Employee) => string;
  departments: Set<string>;
}

function staffView(employees: readonly Employee[], policy: Pick<Policy, 'categories'>): StaffView {
  const active = employees.filter((e) => e.status !== 'left');
  const departmentOf = (e: Employee) => canonicalDepartment(e.department, policy);
  return {
    byId: new Map(active.map((e) => [e.id, e])),
    departmentOf,
    departments: new Set(active.map(departmentOf)),
  };
}

/** Decimal places of an exact decimal text ("12.50" → 2). */
const placesOf = (d: Decimal): number => d.decimalPlaces();

export function checkTargets(
  wb: ExtractedTargets,
  library: readonly IndicatorDef[],
  employees: readonly Employee[],
  policy: Pick<Policy, 'categories'> & { pay: { managers: { positions: readonly string[] } } },
): { plan: TargetPlan; issues: Issue[] } {
  const issues: Issue[] = [];
  const plan: TargetPlan = { targets: [], weights: new Map(), shares: new Map() };
  const staff = staffView(employees, policy);
  const knownDepartments = [...staff.departments].sort().join('、');
  const at = (sheet: string | null, c: RawCell) => ({ file: wb.file, sheet: sheet ?? undefined, cell: c.cell, found: c.text });

  const indicatorOf = (sheet: string | null, c: RawCell): IndicatorDef | null => {
    if (!c.text) {
      issues.push(issue('targets.indicator_missing', 'error', at(sheet, c)));
      return null;
    }
    const ind = findIndicator(c.text, library);
    if (!ind) {
      const near = nearestIndicators(c.text, library);
      issues.push(
        issue('targets.unknown_indicator', 'error', {
          ...at(sheet, c),
          expected: near.join('、'),
          params: { known: library.map((i) => i.name).join('、') },
        }),
      );
    }
    return ind;
  };
  const departmentOf = (sheet: string | null, c: RawCell): string | null => {
    if (c.text === WHOLE_STORE) return WHOLE_STORE;
    const d = canonicalDepartment(c.text, policy);
    if (d && staff.departments.has(d)) return d;
    issues.push(issue('targets.unknown_department', 'error', { ...at(sheet, c), expected: `${knownDepartments}、${WHOLE_STORE}` }));
    return null;
  };
  const positive = (sheet: string | null, c: RawCell, what: 'weight' | 'share'): Decimal | null => {
    if (!c.number.ok) {
      issues.push(issue(what === 'weight' ? 'targets.weight_not_number' : 'targets.share_not_number', 'error', at(sheet, c)));
      return null;
    }
    const v = dec(c.number.value);
    if (v.isNegative()) {
      issues.push(issue(what === 'weight' ? 'targets.weight_negative' : 'targets.share_negative', 'error', at(sheet, c)));
      return null;
    }
    return v;
  };

  // ── 年度目标 ──
  const sheetA = wb.sheets.annual;
  const seen = new Map<string, string>();
  for (const r of wb.annual) {
    const ind = indicatorOf(sheetA, r.indicator);
    const dept = departmentOf(sheetA, r.department);
    const target = ind ? annualTarget(sheetA, r, ind) : null;
    if (!ind || !dept || !target) continue;
    const key = shareKey(ind.name, dept);
    if (seen.has(key)) {
      issues.push(
        issue('targets.duplicate_target', 'error', { ...at(sheetA, r.indicator), params: { indicator: ind.name, department: dept, first: seen.get(key)! } }),
      );
      continue;
    }
    seen.set(key, r.indicator.cell);
    plan.targets.push({ indicator: ind, department: dept, target, cell: r.target.cell });
  }

  function annualTarget(sheet: string | null, r: AnnualTargetRow, ind: IndicatorDef): TargetValue | null {
    const c = r.target;
    const params = { indicator: ind.name, unit: ind.unit };
    if (!c.text) {
      if (ind.default_target !== undefined) return parseTarget(String(ind.default_target));
      issues.push(issue('targets.target_missing', 'error', { ...at(sheet, c), params }));
      return null;
    }
    if (ind.rule === 'range') {
      const t = parseTarget(c.text);
      if (t) return t;
      issues.push(issue('targets.target_not_range', 'error', { ...at(sheet, c), params }));
      return null;
    }
    if (!c.number.ok) {
      issues.push(issue('targets.target_not_number', 'error', { ...at(sheet, c), params }));
      return null;
    }
    const v = dec(c.number.value);
    if (v.isNegative()) {
      issues.push(issue('targets.target_negative', 'error', { ...at(sheet, c), params }));
      return null;
    }
    if (ind.kind === 'additive' && placesOf(v) > ind.decimals) {
      issues.push(issue('targets.target_too_precise', 'error', { ...at(sheet, c), params: { ...params, decimals: ind.decimals } }));
      return null;
    }
    return { kind: 'value', value: v };
  }

  // ── 季节系数 ──
  const sheetS = wb.sheets.seasonality;
  const weightRows = new Map<string, string>();
  for (const r of wb.seasonality) {
    const all = r.indicator.text === ALL_INDICATORS;
    const ind = all ? null : indicatorOf(sheetS, r.indicator);
    if (!all && !ind) continue;
    if (ind && ind.kind === 'ratio') {
      issues.push(issue('targets.ratio_split', 'error', { ...at(sheetS, r.indicator), params: { indicator: ind.name } }));
      continue;
    }
    const name = ind ? ind.name : ALL_INDICATORS;
    if (weightRows.has(name)) {
      issues.push(issue('targets.duplicate_weights', 'error', { ...at(sheetS, r.indicator), params: { indicator: name, first: weightRows.get(name)! } }));
      continue;
    }
    weightRows.set(name, r.indicator.cell);
    const weights = r.weights.map((c) => positive(sheetS, c, 'weight'));
    if (weights.some((w) => w === null)) continue;
    if (weights.every((w) => w!.isZero())) {
      issues.push(
        issue('targets.weights_all_zero', 'error', {
          file: wb.file,
          sheet: sheetS ?? undefined,
          cell: `${r.weights[0].cell}:${r.weights[11].cell}`,
          params: { indicator: name },
        }),
      );
      continue;
    }
    plan.weights.set(name, weights as Decimal[]);
  }

  // ── 人员分配 ──
  const sheetP = wb.sheets.shares;
  const firstCell = new Map<string, string>();
  for (const r of wb.shares) {
    const ind = indicatorOf(sheetP, r.indicator);
    const dept = departmentOf(sheetP, r.department);
    if (ind && ind.kind === 'ratio') {
      issues.push(issue('targets.ratio_split', 'error', { ...at(sheetP, r.indicator), params: { indicator: ind.name } }));
      continue;
    }
    const id = r.employeeId.text;
    const emp = staff.byId.get(id);
    if (!emp) {
      issues.push(issue('targets.unknown_employee', 'error', at(sheetP, r.employeeId)));
    } else if (dept && dept !== WHOLE_STORE && staff.departmentOf(emp) !== dept) {
      issues.push(
        issue('targets.employee_other_department', 'error', {
          ...at(sheetP, r.employeeId),
          expected: dept,
          params: { name: emp.name, department: staff.departmentOf(emp) },
        }),
      );
      continue;
    }
    const share = positive(sheetP, r.share, 'share');
    if (!ind || !dept || !emp || !share) continue;
    const key = shareKey(ind.name, dept);
    const personKey = `${key}\u0000${id}`;
    if (firstCell.has(personKey)) {
      issues.push(
        issue('targets.share_duplicate', 'error', {
          ...at(sheetP, r.employeeId),
          params: { name: emp.name, indicator: ind.name, first: firstCell.get(personKey)! },
        }),
      );
      continue;
    }
    firstCell.set(personKey, r.employeeId.cell);
    const list = plan.shares.get(key) ?? [];
    list.push({ employeeId: id, share });
    plan.shares.set(key, list);
  }
  const heads = departmentHeads(employees, (e) => staff.departmentOf(e), policy.pay.managers.positions);
  for (const [key, list] of plan.shares) {
    const [indicator, dept] = key.split('\u0000');
    const where = { file: wb.file, sheet: sheetP ?? undefined };
    if (list.every((s) => s.share.isZero())) {
      issues.push(issue('targets.shares_all_zero', 'error', { ...where, params: { indicator, department: dept } }));
      plan.shares.delete(key);
      continue;
    }
    if (!plan.targets.some((t) => t.indicator.name === indicator && t.department === dept))
      issues.push(issue('targets.share_without_target', 'warning', { ...where, params: { indicator, department: dept } }));
    if (dept === WHOLE_STORE) continue;
    const head = heads.get(dept);
    if (head && list.some((s) => s.employeeId === head) && plan.targets.some((t) => t.indicator.name === indicator && t.department === dept)) {
      const e = staff.byId.get(head)!;
      issues.push(issue('targets.share_head', 'warning', { ...where, found: `${e.name}(${e.id})`, params: { indicator, department: dept, name: e.name } }));
    }
    const named = new Set(list.map((s) => s.employeeId));
    const left = [...staff.byId.values()].filter((e) => staff.departmentOf(e) === dept && !named.has(e.id));
    if (left.length)
      issues.push(
        issue('targets.share_missing_person', 'warning', {
          ...where,
          found: left.map((e) => `${e.name}(${e.id})`).join('、'),
          params: { indicator, department: dept, count: left.length },
        }),
      );
  }
  return { plan, issues };
}
