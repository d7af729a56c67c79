/**
 * Checks of the numbers a scorer types: 得分, 权重%, 提成工资总额. Each takes the result of
 * parsing one cell (cell-value.ts parseNumber) and returns the accepted exact value
 * or the Issues that explain why the cell cannot be used. Pure.
 */
import { dec, fixed } from '../domain/decimal.js';
import { issue, type Issue } from '../issues.js';
import type { NumberParse } from './cell-value.js';

/** What parseNumber says about a cell. */
export type ParsedNumber = NumberParse;

/** Where a cell is and whose row it is on, for messages. */
export interface CellRef {
  file?: string;
  sheet: string;
  cell: string;
  /** The cell as the clerk sees it (or the formula text when it has no value). */
  shown: string;
  id: string;
  name: string;
}

export interface Checked {
  value: string | null;
  issues: Issue[];
}

const where = (r: CellRef, found: string, expected: string, params: Record<string, string | number> = {}) => ({
  file: r.file,
  sheet: r.sheet,
  cell: r.cell,
  found,
  expected,
  params: { id: r.id, name: r.name, ...params },
});

/** Exact decimal text without trailing zeros ("95", "102.5"). */
export const plainDecimal = (v: string): string => dec(v).toFixed();

/** 得分: 0 ≤ score ≤ max; normalised text is accepted with a warning. */
export function checkScore(p: ParsedNumber, r: CellRef, max: number): Checked {
  const range = `0–${max}`;
  const params = { max };
  if (!p.ok) {
    const code =
      p.reason === 'empty'
        ? 'score.empty'
        : p.reason === 'error'
          ? 'score.error_value'
          : p.reason === 'formula_no_value'
            ? 'score.formula_no_value'
            : 'score.not_number';
    return { value: null, issues: [issue(code, 'error', where(r, r.shown, range, params))] };
  }
  const v = dec(p.value);
  if (v.isNegative() && !v.isZero())
    return { value: null, issues: [issue('score.negative', 'error', where(r, r.shown, range, params))] };
  if (v.greaterThan(max))
    return { value: null, issues: [issue('score.out_of_range', 'error', where(r, r.shown, range, params))] };
  const value = plainDecimal(p.value);
  const issues = p.normalised ? [issue('score.normalised', 'warning', where(r, r.shown, value, { ...params, how: p.normalised }))] : [];
  return { value, issues };
}

/** 权重%: 0 < weight ≤ 100. Non-numeric causes of failure get the generic cell codes. */
export function checkWeight(p: ParsedNumber, r: CellRef, column: string): Checked {
  const range = '0–100';
  if (!p.ok) {
    if (p.reason === 'error') return { value: null, issues: [issue('cell.error_value', 'error', where(r, r.shown, range, { column }))] };
    if (p.reason === 'formula_no_value')
      return { value: null, issues: [issue('cell.formula_no_value', 'error', where(r, r.shown, range, { column }))] };
    return { value: null, issues: [issue('weight.invalid', 'error', where(r, r.shown, range, { column }))] };
  }
  const v = dec(p.value);
  if (v.lessThanOrEqualTo(0) || v.greaterThan(100))
    return { value: null, issues: [issue('weight.invalid', 'error', where(r, r.shown, range, { column }))] };
  const value = plainDecimal(p.value);
  const issues = p.normalised ? [issue('weight.normalised', 'warning', where(r, r.shown, value, { column, how: p.normalised }))] : [];
  return { value, issues };
}

/** 提成工资总额 (yuan): ≥ 0, kept to the fen. Empty is `commission.missing`. */
export function checkCommission(p: ParsedNumber, r: CellRef, column: string): Checked {
  const expected = '≥ 0';
  if (!p.ok) {
    if (p.reason === 'empty') return { value: null, issues: [issue('commission.missing', 'error', where(r, '', expected, { column }))] };
    if (p.reason === 'error') return { value: null, issues: [issue('cell.error_value', 'error', where(r, r.shown, expected, { column }))] };
    if (p.reason === 'formula_no_value')
      return { value: null, issues: [issue('cell.formula_no_value', 'error', where(r, r.shown, expected, { column }))] };
    return { value: null, issues: [issue('commission.invalid', 'error', where(r, r.shown, expected, { column }))] };
  }
  const v = dec(p.value);
  if (v.isNegative() && !v.isZero())
    return { value: null, issues: [issue('commission.invalid', 'error', where(r, r.shown, expected, { column }))] };
  // A percent or more than two decimals is not an amount of money.
  if (p.normalised === 'percent' || !v.toDecimalPlaces(2).equals(v))
    return { value: null, issues: [issue('commission.invalid', 'error', where(r, r.shown, expected, { column }))] };
  const value = fixed(p.value, 2);
  const issues = p.normalised
    ? [issue('commission.normalised', 'warning', where(r, r.shown, value, { column, how: p.normalised }))]
    : [];
  return { value, issues };
}
