/**
 * 售后服务目标分解 (SPEC §9; seed ❶, policy §5.3 "年底设定的来年相关指标,层层分解到月"):
 * splitting a year's additive targets to months and people, and scoring a KPI row by its
 * indicator's rule. Pure: exact decimals, no I/O, no clock.
 *
 * Splits work in the indicator's smallest unit (the fen for 元, one 台次): every share is a
 * whole number of units and the parts add up to the whole exactly (largest remainder).
 */
import type { IndicatorDef, ScoringRuleKind } from '../policy/schema.js';
import { dec, Decimal, fixed, type DecimalValue } from './decimal.js';
import type { DecimalText, Employee, SheetTarget, TargetRow } from '../model.js';
import { exactText } from './scores.js';

/**
 * Split `total` into parts proportional to `weights` (any non-negative numbers, not all
 * zero), each a whole number of 10^-decimals, adding up to `total` exactly. Each part gets
 * the floor of its exact quota; the units left over go one each to the largest remainders
 * (on equal remainders: the larger weight, then the earlier position — deterministic).
 * `total` must itself be a whole number of units (callers round or refuse first).
 */
export function largestRemainder(total: DecimalValue, weights: readonly DecimalValue[], decimals: number): Decimal[] {
  const scale = new Decimal(10).pow(decimals);
  const units = dec(total).times(scale);
  if (!units.isInteger()) throw new TypeError(`largestRemainder: ${dec(total).toFixed()} is not a whole number of 10^-${decimals}`);
  const w = weights.map((x) => dec(x));
  const sumW = w.reduce((s, x) => s.plus(x), new Decimal(0));
  if (!w.length || sumW.lte(0) || w.some((x) => x.isNegative())) throw new TypeError('largestRemainder: weights must be ≥ 0 and not all 0');
  const quotas = w.map((x) => units.times(x).div(sumW));
  const parts = quotas.map((q) => q.floor());
  let left = units.minus(parts.reduce((s, x) => s.plus(x), new Decimal(0))).toNumber();
  const order = quotas
    .map((q, i) => ({ i, rem: q.minus(parts[i]), w: w[i] }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || b.w.comparedTo(a.w) || a.i - b.i);
  for (const o of order) {
    if (left <= 0) break;
    parts[o.i] = parts[o.i].plus(1);
    left--;
  }
  return parts.map((p) => p.div(scale));
}

/** A target as a number, or a range [lo, hi] (配件库存周转 4–5 次/年). */
export type TargetValue = { kind: 'value'; value: Decimal } | { kind: 'range'; lo: Decimal; hi: Decimal };

/** "50", "4-5", "4–5", "4~5", "4至5" → a target value; null when it is neither a number nor a range. */
export function parseTarget(text: string): TargetValue | null {
  const s = text.normalize('NFKC').replace(/\s+/g, '');
  const range = /^(\d+(?:\.\d+)?)(?:-|–|—|~|至|到)(\d+(?:\.\d+)?)$/.exec(s);
  if (range) {
    const lo = dec(range[1]);
    const hi = dec(range[2]);
    return lo.lte(hi) ? { kind: 'range', lo, hi } : null;
  }
  if (/^-?\d+(?:\.\d+)?$/.test(s)) return { kind: 'value', value: dec(s) };
  return null;
}

/** The target as the ledger, --json and the sheets show it: "50", "4-5". */
export const targetText = (t: TargetValue): string =>
  t.kind === 'range' ? `${exactText(t.lo)}-${exactText(t.hi)}` : exactText(t.value);

export interface RuleScore {
  /** Half-up to 2 decimals, within 0..cap. */
  score: DecimalText;
  /** True when the raw score was above the cap or below 0 and was clamped. */
  capped: boolean;
}

/**
 * 得分 of a KPI row by its indicator's rule (policy targets.indicators[].rule):
 *  - higher_better  100 × 实际 / 目标 (目标 0: 100 when 实际 is 0 too, else the cap);
 *  - lower_better   100 × 目标 / 实际 (实际 0 → the cap);
 *  - threshold      100 when met (实际 ≥ 目标 for direction higher, ≤ for lower), else 0;
 *  - range          100 inside [lo, hi]; below: 100 × 实际 / lo; above: 100 × hi / 实际.
 * Every result is exact, then floored at 0, capped at `cap` (score_max, 130), and rounded
 * half-up to 2 decimals. Returns null when the rule cannot apply (a range rule given a
 * single number, or a plain rule given a range).
 */
export function scoreByRule(
  ind: Pick<IndicatorDef, 'rule' | 'direction'>,
  target: TargetValue,
  actual: DecimalValue,
  cap: DecimalValue,
): RuleScore | null {
  const a = dec(actual);
  const max = dec(cap);
  const hundred = new Decimal(100);
  let raw: Decimal;
  // 实际 = 0 under lower_better (or any 实际 over a zero target) is "infinitely good": the cap, marked capped.
  const beyond = max.plus(1);
  const rule: ScoringRuleKind = ind.rule;
  if (rule === 'range') {
    if (target.kind !== 'range') return null;
    if (a.lt(target.lo)) raw = target.lo.isZero() ? hundred : hundred.times(a).div(target.lo);
    else if (a.gt(target.hi)) raw = hundred.times(target.hi).div(a);
    else raw = hundred;
  } else {
    if (target.kind !== 'value') return null;
    const t = target.value;
    if (rule === 'threshold') raw = (ind.direction === 'lower' ? a.lte(t) : a.gte(t)) ? hundred : new Decimal(0);
    else if (rule === 'higher_better') raw = t.isZero() ? (a.isZero() ? hundred : beyond) : hundred.times(a).div(t);
    else raw = a.isZero() ? beyond : hundred.times(t).div(a);
  }
  let capped = false;
  if (raw.gt(max)) {
    raw = max;
    capped = true;
  } else if (raw.isNegative()) {
    raw = new Decimal(0);
    capped = true;
  }
  return { score: fixed(raw, 2), capped };
}

/** Name as compared: NFKC, no spaces, no trailing "(%)" style unit, lower case. */
export const indicatorKey = (s: string): string =>
  s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/\((%|元|台次|次\/年)\)$/, '')
    .toLowerCase();

/** The library's indicator named `name` (its name or an alias, loose on width, spaces and case). */
export function findIndicator(name: string, library: readonly IndicatorDef[]): IndicatorDef | null {
  const k = indicatorKey(name);
  if (!k) return null;
  return library.find((ind) => [ind.name, ...ind.aliases].some((n) => indicatorKey(n) === k)) ?? null;
}

/** Edit distance over code points (names are short, so the plain table is fine). */
function distance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length];
}

/** Up to `n` library names nearest to an unknown name (sharing a character first), for "did you mean". */
export function nearestIndicators(name: string, library: readonly IndicatorDef[], n = 3): string[] {
  const k = indicatorKey(name);
  const scored = library.map((ind) => {
    const d = Math.min(...[ind.name, ...ind.aliases].map((x) => distance(k, indicatorKey(x))));
    const shared = [...new Set(k)].filter((c) => ind.name.includes(c)).length;
    return { name: ind.name, d, shared };
  });
  return scored
    .filter((s) => s.shared > 0)
    .sort((a, b) => a.d - b.d || b.shared - a.shared)
    .slice(0, n)
    .map((s) => s.name);
}

/**
 * A percent value as percent points (SPEC §9: "48%" text, a %-formatted cell holding 0.48
 * and a plain 48 all mean 48 %). `percentFormatted` says the cell's number format ends in %.
 */
export function percentPoints(value: DecimalValue, percentFormatted: boolean): Decimal {
  return percentFormatted ? dec(value).times(100) : dec(value);
}

/** One month's (or person's) share of a year target, in the indicator's unit. */
export interface MonthTarget {
  month: number; // 1..12
  target: DecimalText;
}

/**
 * An additive year target → twelve months by `weights` (twelve non-negative numbers, not all
 * zero; even when absent), each a whole number of the indicator's unit, adding up exactly.
 */
export function splitToMonths(year: DecimalValue, weights: readonly DecimalValue[] | null, decimals: number): DecimalText[] {
  const w = weights ?? Array.from({ length: 12 }, () => 1);
  return largestRemainder(year, w, decimals).map((d) => d.toFixed(decimals));
}

/** A month's department target → people by shares (same order as `shares`), adding up exactly. */
export function splitToPeople(month: DecimalValue, shares: readonly DecimalValue[], decimals: number): DecimalText[] {
  return largestRemainder(month, shares, decimals).map((d) => d.toFixed(decimals));
}

/** The whole store (not one department). */
export const WHOLE_STORE = '全店';
/** In 季节系数: weights for every indicator without its own row. */
export const ALL_INDICATORS = '全部';

export interface PlannedTarget {
  indicator: IndicatorDef;
  department: string;
  target: TargetValue;
  cell: string;
}
export interface PlannedShare {
  employeeId: string;
  share: Decimal;
}
/** A checked targets workbook: year targets, the months' weights and the people's shares. */
export interface TargetPlan {
  targets: PlannedTarget[];
  /** Indicator name (or 全部) → twelve weights. */
  weights: Map<string, Decimal[]>;
  /** shareKey(indicator, department) → the people's shares, in sheet order. */
  shares: Map<string, PlannedShare[]>;
}

export const shareKey = (indicator: string, department: string): string => `${indicator}\u0000${department}`;

/**
 * Every cell of the split (SPEC §9): per indicator and department, the department's twelve
 * months and, when 人员分配 names people, each person's twelve months. Additive targets are
 * split by the weights (the indicator's own row, else 全部, else evenly) and then by the
 * shares; ratio targets are carried unchanged to every month and to every person who has a
 * share of any indicator in that department.
 */
export function splitPlan(plan: TargetPlan): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const t of plan.targets) {
    const ind = t.indicator;
    const base = { indicator: ind.name, unit: ind.unit, kind: ind.kind, department: t.department } as const;
    if (ind.kind === 'ratio' || t.target.kind === 'range') {
      const text = targetText(t.target);
      const people = new Set<string>();
      for (const [key, list] of plan.shares) if (key.endsWith(`\u0000${t.department}`)) for (const s of list) people.add(s.employeeId);
      for (let m = 1; m <= 12; m++) rows.push({ ...base, employeeId: null, month: m, target: text });
      for (const id of people) for (let m = 1; m <= 12; m++) rows.push({ ...base, employeeId: id, month: m, target: text });
      continue;
    }
    const weights = plan.weights.get(ind.name) ?? plan.weights.get(ALL_INDICATORS) ?? null;
    const months = splitToMonths(t.target.value, weights, ind.decimals);
    months.forEach((target, i) => rows.push({ ...base, employeeId: null, month: i + 1, target }));
    const shares = plan.shares.get(shareKey(ind.name, t.department));
    if (!shares) continue;
    const byMonth = months.map((m) => splitToPeople(m, shares.map((s) => s.share), ind.decimals));
    shares.forEach((s, p) => {
      for (let m = 1; m <= 12; m++) rows.push({ ...base, employeeId: s.employeeId, month: m, target: byMonth[m - 1][p] });
    });
  }
  return rows;
}

/**
 * The head of each department (for its own targets, SPEC §9): the active person whose direct
 * manager is outside the department; when several, the one whose position the policy lists
 * among managers (pay.managers.positions). A department without a single head has none.
 */
export function departmentHeads(
  employees: readonly Employee[],
  departmentOf: (e: Employee) => string,
  managerPositions: readonly string[],
): Map<string, string> {
  const active = employees.filter((e) => e.status !== 'left');
  const byId = new Map(active.map((e) => [e.id, e]));
  const tops = new Map<string, Employee[]>();
  for (const e of active) {
    const d = departmentOf(e);
    const boss = e.managerId ? byId.get(e.managerId) : undefined;
    if (boss && departmentOf(boss) === d) continue;
    tops.set(d, [...(tops.get(d) ?? []), e]);
  }
  const out = new Map<string, string>();
  for (const [d, list] of tops) {
    const managers = list.filter((e) => managerPositions.some((p) => e.position.trim().endsWith(p)));
    const pick = list.length === 1 ? list[0] : managers.length === 1 ? managers[0] : null;
    if (pick) out.set(d, pick.id);
  }
  return out;
}

/**
 * The targets a month's goals sheet carries for the people it scores: each person's own share
 * (scope person) and, for a department's head, the department's targets (scope department).
 * Whole-store (全店) targets go on no sheet.
 */
export function sheetTargets(
  rows: readonly TargetRow[],
  month: number,
  employeeIds: readonly string[],
  heads: Map<string, string>,
): Map<string, SheetTarget[]> {
  const out = new Map<string, SheetTarget[]>();
  const add = (id: string, r: TargetRow, scope: SheetTarget['scope']) => {
    const list = out.get(id) ?? [];
    if (!list.some((x) => x.indicator === r.indicator)) list.push({ employeeId: id, indicator: r.indicator, unit: r.unit, target: r.target, scope });
    out.set(id, list);
  };
  const wanted = new Set(employeeIds);
  const ofMonth = rows.filter((r) => r.month === month);
  // Departments first: a head answers for the department's result, so when the share table also
  // gives the head a personal share of the same indicator, the department's target is the one on
  // the sheet, whatever the row order (split warns: targets.share_head).
  for (const r of ofMonth) {
    if (r.employeeId !== null || r.department === WHOLE_STORE) continue;
    const head = heads.get(r.department);
    if (head && wanted.has(head)) add(head, r, 'department');
  }
  for (const r of ofMonth) if (r.employeeId !== null && wanted.has(r.employeeId)) add(r.employeeId, r, 'person');
  return out;
}
