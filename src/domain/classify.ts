/**
 * §3 适用人员范围: which category (创利/职能) an employee belongs to, who is out of scope this
 * month, and which pay-base rule (§5.6) applies. Pure functions over the policy table.
 */
import type { Employee, Month, PayBaseRule, Reason, StaffMember } from '../model.js';
import type { Category, CategoryRule, Policy } from '../policy/schema.js';
import { dec } from './decimal.js';
import { isDate, lastDay } from './dates.js';

import { normText } from '../text.js';

/** The exact comparison with the policy table (see src/text.ts). */
export { normText };

/** Department as the table names it: trimmed, then mapped through `department_aliases`. */
export function canonicalDepartment(department: string, policy: Pick<Policy, 'categories'>): string {
  // Memoised per aliases table: it is asked for every row of every sheet (issue 11).
  const aliases = policy.categories.department_aliases ?? NO_ALIASES;
  let known = canonicalCache.get(aliases);
  if (!known) canonicalCache.set(aliases, (known = new Map()));
  let d = known.get(department);
  if (d === undefined) known.set(department, (d = canonicalUncached(department, policy)));
  return d;
}

const NO_ALIASES: Record<string, string> = {};
const canonicalCache = new WeakMap<object, Map<string, string>>();

function canonicalUncached(department: string, policy: Pick<Policy, 'categories'>): string {
  const d = normText(department);
  for (const [alias, target] of Object.entries(policy.categories.department_aliases ?? {})) {
    if (normText(alias) === d) return normText(target);
  }
  return d;
}

/**
 * Position as the table names it. Rosters often put the department into a job title
 * (财务部经理, 财务经理, 销售总监, 客服经理 in 客户服务部): when the title starts with the
 * employee's department (as written or after aliases, with or without its last character,
 * e.g. 部) and the rest is a position the policy names for that department — in its table
 * rows, the managers list or a scorer role — the rest is used. Any other title is kept as
 * written (销售顾问 stays 销售顾问), and a title the table lists exactly is never changed.
 */
export function canonicalPosition(
  department: string,
  position: string,
  policy: Pick<Policy, 'categories'> & Partial<Pick<Policy, 'pay' | 'scorers'>>,
): string {
  const pos = normText(position);
  const dep = canonicalDepartment(department, policy);
  const table = policy.categories.table;
  const listedHere = (p: string, d: string) => table.some((r) => normText(r.position) === p && (r.department === '*' || canonicalDepartment(r.department, policy) === d));
  if (listedHere(pos, dep)) return pos;
  const known = new Set<string>([
    ...table.filter((r) => r.position !== '*' && canonicalDepartment(r.department, policy) === dep).map((r) => normText(r.position)),
    ...(policy.pay?.managers.positions ?? []).map(normText),
    ...Object.values(policy.scorers ?? {})
      .filter((r) => canonicalDepartment(r.department, policy) === dep)
      .map((r) => normText(r.position)),
  ]);
  const written = normText(department);
  const prefixes = [...new Set([written, dep, written.slice(0, -1), dep.slice(0, -1)])].filter((p) => p.length >= 2).sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) {
    if (!pos.startsWith(prefix)) continue;
    const rest = pos.slice(prefix.length);
    if (rest && known.has(rest)) return rest;
  }
  const generic = genericTitleReading(department, position, policy);
  return generic.kind === 'named' ? generic.position : pos;
}

export type GenericTitleReading = { kind: 'as_written' } | { kind: 'named'; position: string } | { kind: 'ambiguous'; choices: string[] };

/**
 * A generic title (categories.generic_titles: 经理, 主管, 总监) written without the department's
 * own name for the position — 部门 VIP会所, 岗位 经理 — where the table lists no such position
 * for the department: when the table names exactly one position there ending in the title
 * (VIP会所经理), the title stands for it (a mapping the table implies, reported as a warning);
 * when it names several, the roster must say which (`ambiguous`, with the choices).
 */
export function genericTitleReading(department: string, position: string, policy: Pick<Policy, 'categories'>): GenericTitleReading {
  const pos = normText(position);
  const titles = (policy.categories.generic_titles ?? []).map(normText);
  if (!titles.includes(pos)) return { kind: 'as_written' };
  const dep = canonicalDepartment(department, policy);
  const rows = policy.categories.table.filter((r) => r.department !== '*' && canonicalDepartment(r.department, policy) === dep);
  if (rows.some((r) => normText(r.position) === pos)) return { kind: 'as_written' };
  const choices = [...new Set(rows.map((r) => normText(r.position)).filter((p) => p !== '*' && p.length > pos.length && p.endsWith(pos)))];
  if (choices.length === 1) return { kind: 'named', position: choices[0] };
  if (choices.length > 1) return { kind: 'ambiguous', choices };
  return { kind: 'as_written' };
}

export type Classification =
  | { kind: 'category'; category: Category; rule: CategoryRule; department: string; position: string }
  | { kind: 'excluded'; reason: string; rule: CategoryRule; department: string; position: string }
  | { kind: 'unplaceable'; department: string; position: string };

/**
 * Place an employee by department + position. Precedence: exact department+position,
 * then "*"+position, then department+"*". `department`/`position` in the result are the
 * normalised values (department after aliases) that were looked up.
 */
export function classify(
  employee: Pick<Employee, 'department' | 'position'>,
  policy: Pick<Policy, 'categories'> & Partial<Pick<Policy, 'pay' | 'scorers'>>,
): Classification {
  // A group has thousands of people but a few hundred department|position pairs: place each
  // pair once per policy object (the table is re-normalised on every uncached call).
  let cache = classified.get(policy);
  if (!cache) classified.set(policy, (cache = new Map()));
  const key = `${employee.department}\u0000${employee.position}`;
  let c = cache.get(key);
  if (!c) cache.set(key, (c = classifyUncached(employee, policy)));
  return c;
}

const classified = new WeakMap<object, Map<string, Classification>>();

function classifyUncached(
  employee: Pick<Employee, 'department' | 'position'>,
  policy: Pick<Policy, 'categories'> & Partial<Pick<Policy, 'pay' | 'scorers'>>,
): Classification {
  const department = canonicalDepartment(employee.department, policy);
  const position = canonicalPosition(employee.department, employee.position, policy);
  const table = policy.categories.table;
  const find = (dep: string, pos: string) =>
    table.find((r) => canonicalDepartment(r.department, policy) === dep && normText(r.position) === pos);
  const rule =
    (department && position ? find(department, position) : undefined) ??
    (position ? find('*', position) : undefined) ??
    (department ? find(department, '*') : undefined);
  if (!rule || (!rule.category && !rule.excluded)) return { kind: 'unplaceable', department, position };
  if (rule.excluded) return { kind: 'excluded', reason: rule.excluded, rule, department, position };
  return { kind: 'category', category: rule.category!, rule, department, position };
}

/**
 * §5.6 pay base. The manager rule comes first: a position listed in pay.managers.positions
 * takes the exception percent for its department+position (aliases applied on both sides),
 * else managers.percent. Otherwise the category's rule (commission, or a percent of salary).
 */
export function payBaseRule(employee: Pick<Employee, 'department' | 'position'>, category: Category, policy: Pick<Policy, 'categories' | 'pay'> & Partial<Pick<Policy, 'scorers'>>): PayBaseRule {
  let cache = payBases.get(policy);
  if (!cache) payBases.set(policy, (cache = new Map()));
  const key = `${employee.department}\u0000${employee.position}\u0000${category}`;
  let r = cache.get(key);
  if (!r) cache.set(key, (r = payBaseRuleUncached(employee, category, policy)));
  return { ...r };
}

const payBases = new WeakMap<object, Map<string, PayBaseRule>>();

function payBaseRuleUncached(employee: Pick<Employee, 'department' | 'position'>, category: Category, policy: Pick<Policy, 'categories' | 'pay'> & Partial<Pick<Policy, 'scorers'>>): PayBaseRule {
  const position = canonicalPosition(employee.department, employee.position, policy);
  const managers = policy.pay.managers;
  if (managers.positions.some((p) => normText(p) === position)) {
    const department = canonicalDepartment(employee.department, policy);
    const exception = managers.exceptions.find(
      (x) => canonicalDepartment(x.department, policy) === department && normText(x.position) === position,
    );
    return { kind: 'salary', percent: exception ? exception.percent : managers.percent, manager: true };
  }
  const base = policy.pay.base[category];
  if (base.source === 'commission') return { kind: 'commission' };
  return { kind: 'salary', percent: base.percent ?? 0, manager: false };
}

/** Reason keys used for excluded staff (messages in src/i18n/domain.ts). */
export const REASON = {
  left: 'reason.left',
  excludedPosition: 'reason.excluded_position',
  notYetHired: 'reason.not_yet_hired',
  probation: 'reason.probation',
  lowSalary: 'reason.low_salary',
  badSalary: 'reason.bad_salary',
  unplaceable: 'reason.unplaceable',
} as const;

/**
 * The employee as the policy sees them in `month`. Exclusion reasons are checked in this
 * order and the first that applies is given: left (离职), unplaceable position, excluded
 * position (总经理 …), hired after the month, probation (转正日期 later than the month's last
 * day; equal to the last day counts as regular), 全额工资 below eligibility.min_full_salary.
 * `category` is kept whenever the table places the person (also when excluded for another
 * reason), `payBase` only for people who are evaluated.
 */
export function placeForMonth(employee: Employee, m: Month, policy: Policy): StaffMember {
  const c = classify(employee, policy);
  const category = c.kind === 'category' ? c.category : null;
  const out = (excluded: Reason | null): StaffMember => ({
    employee,
    category,
    excluded,
    payBase: excluded === null && category ? payBaseRule(employee, category, policy) : null,
  });
  const end = lastDay(m);
  if (employee.status === 'left') return out({ key: REASON.left });
  if (c.kind === 'unplaceable') return out({ key: REASON.unplaceable, params: { department: c.department, position: c.position } });
  if (c.kind === 'excluded')
    return out({
      key: REASON.excludedPosition,
      params: { reason: c.reason, position: c.position, ...(c.rule.excluded_en ? { 'reason@en': c.rule.excluded_en } : {}) },
    });
  if (employee.hireDate && isDate(employee.hireDate) && employee.hireDate > end)
    return out({ key: REASON.notYetHired, params: { hireDate: employee.hireDate, month: m } });
  if (policy.eligibility.exclude_probation && employee.regularDate && employee.regularDate > end)
    return out({ key: REASON.probation, params: { regularDate: employee.regularDate, month: m } });
  let salaryOk = true;
  let below = false;
  try {
    const s = dec(String(employee.fullSalary).trim());
    salaryOk = s.isFinite() && !s.isNegative();
    below = s.lt(dec(policy.eligibility.min_full_salary));
  } catch {
    salaryOk = false;
  }
  if (!salaryOk) return out({ key: REASON.badSalary, params: { salary: String(employee.fullSalary) } });
  if (below)
    return out({ key: REASON.lowSalary, params: { salary: String(employee.fullSalary), min: policy.eligibility.min_full_salary } });
  return out(null);
}
