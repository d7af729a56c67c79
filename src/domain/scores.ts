/**
 * §5.1.1 / SPEC §4: section scores and the monthly total, in exact decimals.
 *
 * Decision: nothing is rounded before the total. A section score from goal rows is kept
 * exact (Σ weight × score / 100 can have up to 6 decimals), the total is computed exactly
 * from the exact section scores and only the total is rounded, half-up to 2 decimals.
 * (Displays may show section scores rounded; computation never uses the rounded value.)
 */
import type { DecimalText, FormKind, FormPlan, ParsedForm } from '../model.js';
import { dec, Decimal, fixed, type DecimalValue } from './decimal.js';

/** Exact decimal text without exponent or trailing zeros ("97.125", "100"). */
export const exactText = (v: DecimalValue): DecimalText => {
  const d = dec(v);
  return d.isZero() ? '0' : d.toFixed();
};

export interface SectionFromGoals {
  /** Σ(weight × score) / 100, exact. */
  score: DecimalText;
  /** Σ weight, exact, for the caller to report when it is not 100. */
  weightSum: DecimalText;
  weightsOk: boolean;
}

/**
 * A goals section's score from its rows: Σ(权重 × 得分) / 100, exact. The score is computed
 * even when the weights do not add to 100 (weightsOk false) so the clerk sees what it would be;
 * the caller reports the weight problem (blocking) with `weightSum`.
 */
export function sectionScoreFromGoals(rows: readonly { weight: DecimalValue; score: DecimalValue }[]): SectionFromGoals {
  let weighted = new Decimal(0);
  let weightSum = new Decimal(0);
  for (const r of rows) {
    weighted = weighted.plus(dec(r.weight).times(r.score));
    weightSum = weightSum.plus(r.weight);
  }
  return { score: exactText(weighted.div(100)), weightSum: exactText(weightSum), weightsOk: weightSum.eq(100) };
}

/** Σ weight × score / 100, exact (no rounding). Null when any section score is missing. */
export function exactTotal(sections: readonly { weight: DecimalValue; score: DecimalValue | null }[]): Decimal | null {
  let s = new Decimal(0);
  for (const x of sections) {
    if (x.score === null || x.score === undefined) return null;
    s = s.plus(dec(x.weight).times(x.score));
  }
  return s.div(100);
}

/** The monthly total: Σ weight × score / 100 computed exactly, rounded half-up to 2 decimals ("97.25"). Null when a section is missing. */
export function totalScore(sections: readonly { weight: DecimalValue; score: DecimalText | null }[]): DecimalText | null {
  const t = exactTotal(sections);
  return t === null ? null : fixed(t, 2);
}

/** `${employeeId}|${sectionId}`: the key of one section score (plan items, appeals). */
export const sectionKey = (employeeId: string, sectionId: string): string => `${employeeId}|${sectionId}`;

/**
 * The score a received form gives one employee's section, exact: on a goals sheet Σ(权重 × 得分) / 100
 * of that section's goal rows, on the other sheets the row's 得分 (with its 提成 when given).
 * Null when the form has no row for it.
 */
export function scoreOnForm(
  parsed: ParsedForm,
  kind: FormKind,
  employeeId: string,
  sectionId: string,
): { score: DecimalText; commission: DecimalText | null } | null {
  const ix = rowIndex(parsed);
  if (kind === 'goals') {
    const rows = ix.goals.get(sectionKey(employeeId, sectionId));
    return rows?.length ? { score: sectionScoreFromGoals(rows).score, commission: null } : null;
  }
  const row = ix.scores.get(sectionKey(employeeId, sectionId));
  if (!row) return null;
  const commission = row.commission !== undefined && row.commission !== null && row.commission !== '' ? row.commission : null;
  return { score: exactText(row.score), commission };
}

/**
 * A form's rows by employee|section, built once per parsed form: a supervisor's sheet has
 * thousands of goal rows, and scanning them once per employee and section is quadratic.
 */
const indexes = new WeakMap<ParsedForm, { goals: Map<string, ParsedForm['goals']>; scores: Map<string, ParsedForm['scores'][number]> }>();
function rowIndex(parsed: ParsedForm) {
  let ix = indexes.get(parsed);
  if (!ix) {
    ix = { goals: new Map(), scores: new Map() };
    for (const g of parsed.goals) {
      const k = sectionKey(g.employeeId, g.sectionId);
      const list = ix.goals.get(k);
      if (list) list.push(g);
      else ix.goals.set(k, [g]);
    }
    for (const r of parsed.scores) {
      const k = sectionKey(r.employeeId, r.sectionId);
      if (!ix.scores.has(k)) ix.scores.set(k, r);
    }
    indexes.set(parsed, ix);
  }
  return ix;
}

/**
 * The items of a form plan still without a score: no row on the latest valid version of the
 * form (`parsed` null = none received) and no appeal recorded for that section (an approved
 * appeal gives the score even when the form never had it). `status` lists these; `close` stops on them.
 */
export function missingItems(plan: FormPlan, parsed: ParsedForm | null, appealed: ReadonlySet<string>): FormPlan['items'] {
  return plan.items.filter(
    (it) => !appealed.has(sectionKey(it.employeeId, it.sectionId)) && !(parsed && scoreOnForm(parsed, plan.kind, it.employeeId, it.sectionId)),
  );
}
