/**
 * §5.5 grade bands. The grade is read from the total rounded half-up to 2 decimals, using
 * each band's inclusive/exclusive ends from the policy. A total outside 0..score_max is
 * rejected as a value (not thrown), so the caller can report it.
 */
import type { DecimalText, GradeLetter } from '../model.js';
import { GRADE_LETTERS, type GradeBand, type Policy } from '../policy/schema.js';
import { dec, fixed, type DecimalValue } from './decimal.js';

export type GradeResult =
  | { ok: true; grade: GradeLetter; total: DecimalText }
  /** code is an Issue code: grade.above_max | grade.below_zero | grade.no_band (params total, max). */
  | { ok: false; code: 'grade.above_max' | 'grade.below_zero' | 'grade.no_band'; total: DecimalText };

export const inBand = (value: DecimalValue, b: GradeBand): boolean => {
  const v = dec(value);
  const aboveMin = b.min_inclusive ? v.gte(b.min) : v.gt(b.min);
  const belowMax = b.max_inclusive ? v.lte(b.max) : v.lt(b.max);
  return aboveMin && belowMax;
};

export function gradeFor(total: DecimalValue, grades: Policy['grades'], scoreMax: number): GradeResult {
  const rounded = fixed(total, 2);
  const v = dec(rounded);
  if (v.gt(scoreMax)) return { ok: false, code: 'grade.above_max', total: rounded };
  if (v.isNegative() && !v.isZero()) return { ok: false, code: 'grade.below_zero', total: rounded };
  const g = GRADE_LETTERS.find((letter) => inBand(v, grades[letter]));
  return g ? { ok: true, grade: g, total: rounded } : { ok: false, code: 'grade.no_band', total: rounded };
}

/** 0 for A … 4 for E. */
export const gradeIndex = (g: GradeLetter): number => GRADE_LETTERS.indexOf(g);
/** True when `a` is as good as `b` or better (A better than B). */
export const atLeast = (a: GradeLetter, b: GradeLetter): boolean => gradeIndex(a) <= gradeIndex(b);

/** A rejected grade as an Issue (codes grade.above_max / grade.below_zero / grade.no_band; params total, max). */
export function gradeIssue(
  r: Extract<GradeResult, { ok: false }>,
  scoreMax: number,
  where: { employeeId?: string; name?: string; file?: string; sheet?: string; cell?: string } = {},
): import('../issues.js').Issue {
  const { employeeId, name, ...loc } = where;
  return {
    code: r.code,
    severity: 'error',
    ...loc,
    found: r.total,
    expected: `0–${scoreMax}`,
    params: { total: r.total, max: scoreMax, id: employeeId ?? '', name: name ?? '' },
  };
}
