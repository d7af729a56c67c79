/**
 * The policy file's shape (zod) and the cross-field rules a clerk can break by editing it.
 * Shape errors and rule errors come back together as PolicyProblem values with a dotted path
 * such as `grades.B.min`, so `jixiao policy check` can list every one of them at once.
 */
import { z } from 'zod';
import type { IssueCode } from '../issue-codes.js';

export const GRADE_LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;
export type GradeLetter = (typeof GRADE_LETTERS)[number];
export const CATEGORIES = ['创利', '职能'] as const;
export type Category = (typeof CATEGORIES)[number];
export const FORM_KINDS = ['goals', 'finance', 'customer', 'learning', 'discipline'] as const;
export type FormKind = (typeof FORM_KINDS)[number];

const num = z.number();
const dateText = z.union([z.string().regex(/^\d{4}-\d{2}-\d{2}$/), z.date()]).transform((v) =>
  typeof v === 'string' ? v : v.toISOString().slice(0, 10),
);

const categoryRow = z
  .object({
    department: z.string().min(1),
    position: z.string().min(1),
    category: z.enum(CATEGORIES).optional(),
    excluded: z.string().min(1).optional(),
    /** The reason in English, shown under --lang en (the written reason otherwise). */
    excluded_en: z.string().min(1).optional(),
  })
  .strict();

const section = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    scorer: z.string().min(1),
    form: z.enum(FORM_KINDS),
    due_day: z.number().int(),
    weight: num,
  })
  .strict();

const band = z
  .object({
    name: z.string().min(1),
    min: num,
    min_inclusive: z.boolean(),
    max: num,
    max_inclusive: z.boolean(),
  })
  .strict();

const scorerRole = z
  .object({
    name: z.string().min(1),
    department: z.string().min(1),
    position: z.string().min(1),
    employee_id: z.union([z.string(), z.number()]).nullable().transform((v) => (v == null ? null : String(v))),
    // Staff lists with a 门店 column: 'store' finds the holder in each employee's own store,
    // 'group' one holder for the whole group (a central finance or HR office).
    scope: z.enum(['store', 'group']).default('store'),
  })
  .strict();

/** Defaults of the 打分分析 thresholds (see templates/policy.yaml for what each one means). */
export const ANALYSIS_DEFAULTS = {
  min_people: 5,
  lenient_severe_sd: 1,
  lenient_severe_points: 5,
  same_score_min_people: 3,
  identical_weights_min_employees: 3,
  department_off_people: 2,
  high_score: 120,
  low_score: 70,
  months: 3,
};
const analysisSettings = z
  .object({
    min_people: z.number().int().min(1),
    lenient_severe_sd: num.min(0),
    lenient_severe_points: num.min(0),
    same_score_min_people: z.number().int().min(2),
    identical_weights_min_employees: z.number().int().min(2),
    department_off_people: z.number().int().min(0),
    high_score: num,
    low_score: num,
    months: z.number().int().min(1).max(24),
  })
  .strict();

/** A range target as the policy writes it ("4-5", "4–5" or [4, 5]). */
const rangeText = z.union([z.string(), z.number(), z.tuple([num, num])]).transform((v) => (Array.isArray(v) ? `${v[0]}-${v[1]}` : String(v)));

export const INDICATOR_KINDS = ['additive', 'ratio'] as const;
export const SCORING_RULES = ['higher_better', 'lower_better', 'threshold', 'range'] as const;
export type ScoringRuleKind = (typeof SCORING_RULES)[number];

/** One indicator of the KPI library (售后服务目标分解, seed ❶ and §5.3). */
const indicator = z
  .object({
    name: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    unit: z.string().min(1),
    kind: z.enum(INDICATOR_KINDS),
    decimals: z.number().int().min(0).max(6),
    direction: z.enum(['higher', 'lower']),
    rule: z.enum(SCORING_RULES),
    default_target: z.union([num, rangeText]).optional(),
  })
  .strict();

export const policySchema = z
  .object({
    format: z.literal(1),
    policy_version: z.union([z.string(), z.number()]).transform(String),
    categories: z
      .object({
        department_aliases: z.record(z.string(), z.string()).default({}),
        // §3: a bare title (经理) in a department stands for the one position the table names there ending in it
        generic_titles: z.array(z.string()).default(['经理', '主管', '总监']),
        table: z.array(categoryRow).min(1),
      })
      .strict(),
    eligibility: z.object({ exclude_probation: z.boolean(), min_full_salary: num }).strict(),
    sections: z.object({ 创利: z.array(section).min(1), 职能: z.array(section).min(1) }).strict(),
    scorers: z.record(z.string(), scorerRole),
    goals: z
      .object({
        min_per_employee: z.number().int().min(1),
        max_per_employee: z.number().int().min(1),
        rows_per_employee: z.number().int().min(1).max(30),
        missing_signature: z.enum(['warning', 'error']),
      })
      .strict(),
    score_max: num,
    grades: z.object({ A: band, B: band, C: band, D: band, E: band }).strict(),
    distribution: z
      .object({
        shares: z.object({ A: num, B: num, C: num, D: num, E: num }).strict(),
        tie_order: z.array(z.enum(GRADE_LETTERS)).length(5),
        scope: z.enum(['company', 'department']),
        mode: z.enum(['report', 'enforce']),
        // Staff lists with a 门店 column: the distribution is checked (and enforced) per store or over the group.
        stores: z.enum(['store', 'company']).default('store'),
        nearest_per_boundary: z.number().int().min(0),
      })
      .strict(),
    pay: z
      .object({
        base: z
          .object({
            创利: z.object({ source: z.enum(['commission', 'salary']), percent: num.optional() }).strict(),
            职能: z.object({ source: z.enum(['commission', 'salary']), percent: num.optional() }).strict(),
          })
          .strict(),
        managers: z
          .object({
            positions: z.array(z.string().min(1)),
            percent: num,
            exceptions: z.array(z.object({ department: z.string(), position: z.string(), percent: num }).strict()),
          })
          .strict(),
      })
      .strict(),
    deadlines: z
      .object({
        time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
        utc_offset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
        weekend_rule: z.enum(['next_monday', 'none']),
        fine_per_day: num,
        holidays: z
          .object({
            enabled: z.boolean().default(true),
            // The statutory calendar the policy's own table amends: chinese-days (State Council schedule) or none.
            source: z.enum(['chinese-days', 'none']).default('chinese-days'),
            years: z.array(z.number().int()).default([]),
            holidays: z.array(dateText).default([]),
            workdays: z.array(dateText).default([]),
          })
          .strict(),
      })
      .strict(),
    consequences: z
      .object({
        award_consecutive_a: z.number().int().min(1),
        d_improvement_plan_month: z.number().int().min(1),
        d_hr_warning_month: z.number().int().min(1),
        d_dismissal_month: z.number().int().min(1),
        e_manager_warning_month: z.number().int().min(1),
        e_dismissal_month: z.number().int().min(1),
        raise_min_year_grade: z.enum(GRADE_LETTERS),
        priority_year_grade: z.enum(GRADE_LETTERS),
      })
      .strict(),
    // 打分分析 (§5.1.6): thresholds of the questions HR asks after a close. Optional so that
    // policy files written before the analysis existed keep working with the defaults.
    analysis: analysisSettings.default(ANALYSIS_DEFAULTS),
    // Optional so that workspaces made before the KPI library still open; `targets split` says when it is missing.
    targets: z
      .object({
        score_tolerance: num,
        indicators: z.array(indicator),
      })
      .strict()
      .optional(),
  })
  .strict();

export type Policy = z.output<typeof policySchema>;
export type SectionDef = Policy['sections']['创利'][number];
export type GradeBand = Policy['grades']['A'];
export type CategoryRule = Policy['categories']['table'][number];
export type AnalysisSettings = Policy['analysis'];
export type IndicatorDef = NonNullable<Policy['targets']>['indicators'][number];

/** One problem in a policy file: where (dotted path) and a message key with its parameters. */
export interface PolicyProblem {
  path: string;
  key: IssueCode;
  params: Record<string, string | number>;
}

/** Cross-field rules that a schema cannot express. Pure: returns every problem found. */
export function policyRuleProblems(p: Policy): PolicyProblem[] {
  const out: PolicyProblem[] = [];
  const add = (path: string, key: IssueCode, params: Record<string, string | number> = {}) =>
    out.push({ path, key, params });

  // Bands must tile 0..score_max with no gap or overlap.
  const bands = GRADE_LETTERS.map((g) => ({ g, ...p.grades[g] })).sort((a, b) => a.min - b.min);
  for (const b of bands) {
    if (b.min > b.max) add(`grades.${b.g}.min`, 'policy.band_inverted', { grade: b.g, min: b.min, max: b.max });
  }
  const lowest = bands[0];
  if (lowest.min > 0 || (lowest.min === 0 && !lowest.min_inclusive))
    add(`grades.${lowest.g}.min`, 'policy.band_gap', { from: 0, to: lowest.min });
  const highest = bands[bands.length - 1];
  if (highest.max < p.score_max || (highest.max === p.score_max && !highest.max_inclusive))
    add(`grades.${highest.g}.max`, 'policy.band_gap', { from: highest.max, to: p.score_max });
  for (let i = 1; i < bands.length; i++) {
    const lo = bands[i - 1];
    const hi = bands[i];
    if (lo.max > hi.min || (lo.max === hi.min && lo.max_inclusive && hi.min_inclusive)) {
      add(`grades.${hi.g}.min`, 'policy.band_overlap', { a: lo.g, b: hi.g, at: hi.min });
    } else if (lo.max < hi.min || (!lo.max_inclusive && !hi.min_inclusive)) {
      add(`grades.${hi.g}.min`, 'policy.band_gap', { from: lo.max, to: hi.min });
    }
  }

  // Weights per category add to 100; due days 1..28; section ids unique; scorers known.
  for (const cat of CATEGORIES) {
    const list = p.sections[cat];
    const sum = list.reduce((s, x) => s + x.weight, 0);
    if (Math.abs(sum - 100) > 1e-9) add(`sections.${cat}`, 'policy.weights_not_100', { category: cat, sum });
    const seen = new Set<string>();
    list.forEach((s, i) => {
      if (s.due_day < 1 || s.due_day > 28)
        add(`sections.${cat}[${i}].due_day`, 'policy.due_day_range', { value: s.due_day });
      if (s.weight < 0) add(`sections.${cat}[${i}].weight`, 'policy.negative', { value: s.weight });
      if (seen.has(s.id)) add(`sections.${cat}[${i}].id`, 'policy.duplicate_section', { id: s.id });
      seen.add(s.id);
      if (s.scorer !== 'direct_manager' && !p.scorers[s.scorer])
        add(`sections.${cat}[${i}].scorer`, 'policy.unknown_scorer', { scorer: s.scorer });
      if (s.scorer === 'direct_manager' && s.form !== 'goals')
        add(`sections.${cat}[${i}].form`, 'policy.direct_manager_goals', { id: s.id });
    });
  }

  // Distribution shares add to 100, none negative.
  const shareSum = GRADE_LETTERS.reduce((s, g) => s + p.distribution.shares[g], 0);
  if (Math.abs(shareSum - 100) > 1e-9) add('distribution.shares', 'policy.shares_not_100', { sum: shareSum });
  for (const g of GRADE_LETTERS)
    if (p.distribution.shares[g] < 0) add(`distribution.shares.${g}`, 'policy.negative', { value: p.distribution.shares[g] });
  if (new Set(p.distribution.tie_order).size !== 5) add('distribution.tie_order', 'policy.tie_order', {});

  // Category table: department+position pairs unique; each row has exactly one of category/excluded.
  const pairs = new Map<string, number>();
  p.categories.table.forEach((r, i) => {
    const k = `${r.department}\u0000${r.position}`;
    if (pairs.has(k))
      add(`categories.table[${i}]`, 'policy.duplicate_position', {
        department: r.department,
        position: r.position,
        first: pairs.get(k)!,
      });
    else pairs.set(k, i);
    if ((r.category ? 1 : 0) + (r.excluded ? 1 : 0) !== 1)
      add(`categories.table[${i}]`, 'policy.category_or_excluded', { department: r.department, position: r.position });
  });

  if (p.goals.min_per_employee > p.goals.max_per_employee)
    add('goals.min_per_employee', 'policy.goals_min_max', {});
  for (const cat of CATEGORIES) {
    const b = p.pay.base[cat];
    if (b.source === 'salary' && (b.percent == null || b.percent < 0 || b.percent > 100))
      add(`pay.base.${cat}.percent`, 'policy.percent_range', { value: b.percent ?? '' });
  }
  if (p.eligibility.min_full_salary < 0) add('eligibility.min_full_salary', 'policy.negative', { value: p.eligibility.min_full_salary });
  if (p.deadlines.fine_per_day < 0) add('deadlines.fine_per_day', 'policy.negative', { value: p.deadlines.fine_per_day });

  // KPI library: every name and alias means one indicator; a range rule needs a ratio indicator.
  if (p.targets) {
    if (p.targets.score_tolerance < 0)
      add('targets.score_tolerance', 'policy.negative', { value: p.targets.score_tolerance });
    const names = new Map<string, number>();
    p.targets.indicators.forEach((ind, i) => {
      for (const n of [ind.name, ...ind.aliases]) {
        const k = n.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
        if (names.has(k) && names.get(k) !== i) add(`targets.indicators[${i}]`, 'policy.duplicate_indicator', { name: n });
        names.set(k, i);
      }
      if (ind.kind === 'additive' && ind.rule === 'range')
        add(`targets.indicators[${i}].rule`, 'policy.range_needs_ratio', { name: ind.name });
    });
  }
  return out;
}
