/**
 * The data that crosses module boundaries: staff, forms, received rows, month results.
 * Plain values only (no classes), so they serialise to JSON for the ledger and --json.
 *
 * Conventions:
 *  - Month is 'YYYY-MM'. Dates are 'YYYY-MM-DD'. Instants are ISO 8601 strings with offset.
 *  - Money and scores are exact decimal strings ("1234.50", "97.25"), never binary floats;
 *    computation uses decimal.js (see src/domain/decimal.ts).
 */
import type { AnalysisSettings, Category, FormKind, GradeLetter } from './policy/schema.js';
export type { Category, FormKind, GradeLetter } from './policy/schema.js';

export type Month = string;
export type DecimalText = string;

/** One person on the staff list (花名册), as imported. */
export interface Employee {
  id: string; // 工号
  name: string; // 姓名
  department: string; // 部门 (as written in the roster)
  position: string; // 岗位
  hireDate: string | null; // 入职日期
  regularDate: string | null; // 转正日期 (null = already regular)
  fullSalary: DecimalText; // 全额工资, yuan per month
  managerId: string | null; // 直接上级工号
  skipManagerId: string | null; // 隔级上级工号
  status: 'active' | 'left'; // 在职 / 离职
  /** 门店: set only when the staff list has a 门店 column (a dealer group); absent for one store. */
  store?: string;
  /** Row in the source sheet (1-based), for messages. */
  row?: number;
}

/** A message reference: catalog key + parameters (rendered at the edge, in the clerk's language). */
export interface Reason {
  key: string;
  params?: Record<string, string | number>;
}

export type PayBaseRule =
  | { kind: 'commission' } // 创利: 提成工资总额
  | { kind: 'salary'; percent: number; manager: boolean }; // percent of 全额工资

/** An employee placed by the policy for one month. */
export interface StaffMember {
  employee: Employee;
  category: Category | null; // null when the table excludes the position (总经理)
  /** Why this person is not evaluated this month (probation, salary < 800, excluded position, left). */
  excluded: Reason | null;
  payBase: PayBaseRule | null;
}

/** A score sheet the clerk expects back for a month: one per scorer per form kind. */
export interface FormPlan {
  month: Month;
  kind: FormKind;
  scorerId: string; // 工号 of the person who fills and is fined
  /** 'direct_manager' or a policy scorer role (finance_manager …); 'direct_manager' also for moved self-scores. */
  scorerRole: string;
  /** The scorer's 门店 when the staff list has stores (the folder the sheet is sent from). */
  store?: string;
  /** The (employee, section) pairs this sheet scores. */
  items: { employeeId: string; sectionId: string }[];
  dueDay: number;
  /** Deadline instant, ISO with +08:00 offset. */
  deadline: string;
}

/** A stable identity for a form: month/kind/scorer. */
export const formKey = (f: Pick<FormPlan, 'month' | 'kind' | 'scorerId'>): string => `${f.month}/${f.kind}/${f.scorerId}`;

/** A goal row on a direct manager's sheet (§5.1.1), normalised. */
export interface GoalRow {
  employeeId: string;
  name: string;
  seq: number | null; // 序号
  sectionId: string; // 'mbo' | 'kpi' (policy section id matched from 所属项目)
  goal: string; // 指标/目标
  weight: DecimalText; // 权重% (0–100)
  target: string; // 目标值 (free text)
  actual: string; // 实际值 (free text)
  score: DecimalText; // 得分 0–130
  note: string;
  cell?: string; // A1 of the row's 得分 cell, for later messages
  /** Set when 得分 was left empty and computed from 实际值 by the indicator's rule (SPEC §9). */
  byRule?: { indicator: string; rule: string; target: string; actual: DecimalText };
}

export interface SignOff {
  employeeId: string;
  employeeSigned: boolean;
  managerSigned: boolean;
  skipManagerSigned: boolean;
  interviewDate: string | null;
}

/** A row of a one-score-per-employee sheet (finance, customer, learning, discipline). */
export interface ScoreRow {
  employeeId: string;
  name: string;
  sectionId: string;
  score: DecimalText;
  note: string;
  commission?: DecimalText; // finance sheet only: 提成工资总额
  cell?: string;
}

/** What a returned sheet says about itself (hidden meta sheet) and what it contains. */
export interface ParsedForm {
  meta: { templateVersion: string; month: Month; kind: FormKind; scorerId: string; scorerName: string } | null;
  goals: GoalRow[];
  signOffs: SignOff[];
  scores: ScoreRow[];
}

/** Section score of one employee in a month, after merging the forms. */
export interface SectionScore {
  sectionId: string;
  name: string;
  weight: number;
  score: DecimalText | null; // null = missing
  original?: DecimalText; // before an appeal correction
  scorerId?: string;
}

export interface EmployeeResult {
  employeeId: string;
  name: string;
  /** 门店 (dealer group staff lists only). */
  store?: string;
  department: string; // as written in the roster
  /**
   * The department as the policy names it (after department_aliases): what 部门汇总 and the
   * per-department distribution group by. Absent in results stored before it existed: the
   * written name then stands for itself (see `policyDepartmentOf`).
   */
  policyDepartment?: string;
  position: string;
  category: Category | null;
  status: 'graded' | 'incomplete' | 'excluded';
  excluded: Reason | null;
  sections: SectionScore[];
  total: DecimalText | null; // 2 decimals, half-up
  bandGrade: GradeLetter | null; // grade from the band
  grade: GradeLetter | null; // final grade (after calibration, if any)
  fullSalary: DecimalText;
  payBaseRule: PayBaseRule | null;
  payBase: DecimalText | null; // yuan, 2 decimals
  commission: DecimalText | null;
  performancePay: DecimalText | null; // yuan, 2 decimals
  flags: Reason[];
}

/** The department an employee's result is grouped under. */
export const policyDepartmentOf = (e: Pick<EmployeeResult, 'department' | 'policyDepartment'>): string => e.policyDepartment ?? e.department;

export interface FineLine {
  formKey: string;
  kind: FormKind;
  scorerId: string;
  scorerName: string;
  deadline: string;
  receivedAt: string | null; // first valid version; null = never received (late to close time)
  daysLate: number;
  fine: DecimalText;
}

export interface PayrollLine {
  employeeId: string;
  name: string;
  store?: string;
  department: string;
  category: Category | null;
  fullSalary: DecimalText;
  payBase: DecimalText | null;
  total: DecimalText | null;
  grade: GradeLetter | null;
  performancePay: DecimalText; // 0.00 when not graded
  fine: DecimalText;
  netPay: DecimalText; // performancePay − fine
  note: string;
}

export interface DistributionRow {
  grade: GradeLetter;
  name: string;
  targetPercent: number;
  targetCount: number;
  actualCount: number;
  actualPercent: DecimalText; // 1 decimal
  difference: number; // actual − target
}

export interface NearestToBoundary {
  boundary: string; // e.g. 'B/C' at 105
  value: number;
  employees: { employeeId: string; name: string; total: DecimalText; grade: GradeLetter }[];
}

export interface Calibration {
  changes: { employeeId: string; name: string; total: DecimalText; from: GradeLetter; to: GradeLetter }[];
  /** Equal totals straddling a quota boundary: left to HR/managers, named. */
  unresolvedTies: { grade: GradeLetter; total: DecimalText; employees: { employeeId: string; name: string }[] }[];
  /** Per grade: how far the final count stayed from the target (0 = met). */
  shortfall: { grade: GradeLetter; target: number; actual: number }[];
}

export interface Consequence {
  employeeId: string;
  name: string;
  rule: Reason; // which rule (key consequence.*)
  /** The months behind it; total null for an imported month that kept only a grade. */
  months: { month: Month; total: DecimalText | null; grade: GradeLetter }[];
  /** Who must act (SPEC §6): the line manager (plan, E-chain letter) or 人力资源部 (D-chain letter, separation, award). */
  actor?: 'line_manager' | 'hr';
  /** Acts at once (立即) — the policy gives no later date for the action itself. */
  actBy?: string;
  /** The employee's improvement deadline (warnings: one month after the month's first close; plan: last day of M+2). */
  improveBy?: string | null;
}

/** Everything `close` computed for one month: what the summary, payroll and terminal show. */
export interface MonthResult {
  month: Month;
  revision: number; // 1 = first close; reopen adds revisions
  closedAt: string;
  reopenReason: string | null;
  policyVersion: string;
  toolVersion: string;
  employees: EmployeeResult[];
  distribution: {
    evaluated: number;
    rows: DistributionRow[];
    /** With stores a department is store + department (服务站 of two stores is two departments). */
    byDepartment: { store?: string; department: string; rows: DistributionRow[] }[];
    /** Per 门店 (dealer group staff lists only); the policy's distribution.stores decides which level is checked. */
    byStore?: { store: string; rows: DistributionRow[] }[];
    nearest: NearestToBoundary[];
    calibration: Calibration | null;
  };
  fines: FineLine[];
  payroll: PayrollLine[];
  consequences: Consequence[];
  issues: import('./issues.js').Issue[];
  inputs: { file: string; sha256: string; formKey: string; receivedAt: string; version: number }[];
  /** Every sheet version received for the month (also superseded and refused ones), for the manifest. */
  received?: { file: string; sha256: string; formKey: string; receivedAt: string; version: number; errors: number; use: 'used' | 'superseded' | 'refused' }[];
  incomplete: {
    employeeId: string;
    name: string;
    missing: { sectionId: string; sectionName: string; scorerId: string; scorerName: string }[];
  }[];  /** 打分分析 (§5.1.6), attached by close for the summary's sheet; absent in months closed before it existed. */
  analysis?: ScorerAnalysis;
}

// ───── 打分分析 (§5.1.6): computed by src/domain/analysis.ts, stored with the month's result ─────

/** Descriptive figures of a set of scores (2 decimals for display; counts exact). */
export interface ScoreFigures {
  people: number;
  mean: DecimalText;
  median: DecimalText;
  sd: DecimalText;
  min: DecimalText;
  max: DecimalText;
  highCount: number;
  highShare: DecimalText; // percent, 1 decimal
  lowCount: number;
  lowShare: DecimalText;
}

export type Comparison =
  | {
      /** 'others': the other scorers' scores of the same section this month; 'own_history': this scorer's own earlier months. */
      basis: 'others' | 'own_history';
      people: number;
      otherPeople: number;
      otherMean: DecimalText;
      otherSd: DecimalText;
      /** Scorer's mean − others' mean, points (signed, 2 decimals). */
      difference: DecimalText;
      /** The same in population SDs of the others' scores (signed, 2 decimals); null when they all gave one score. */
      differenceSd: DecimalText | null;
      /** The earlier months compared with (own_history only). */
      months: Month[];
    }
  | {
      basis: 'none';
      /** 'no_others': nobody else scored the section (and no earlier month); 'too_few': fewer than min_people on a side. */
      reason: 'no_others' | 'too_few';
      people: number;
      otherPeople: number;
    };

export interface ScorerSection {
  scorerId: string;
  scorerName: string;
  sectionId: string;
  sectionName: string;
  figures: ScoreFigures;
  comparison: Comparison;
  /** Means of the months in the window that have this scorer's scores of this section (oldest first); empty without history. */
  trend: { month: Month; people: number; mean: DecimalText }[];
  /** Mean of all those months' scores pooled; null without history. */
  trendMean: DecimalText | null;
}

export type AnalysisFlag =
  | {
      kind: 'lenient' | 'severe';
      scorerId: string;
      scorerName: string;
      sectionId: string;
      sectionName: string;
      basis: 'others' | 'own_history';
      mean: DecimalText;
      otherMean: DecimalText;
      difference: DecimalText;
      differenceSd: DecimalText | null;
      people: number;
      otherPeople: number;
      /** The earlier months compared with (own_history only). */
      months: Month[];
    }
  | { kind: 'same_score'; scorerId: string; scorerName: string; sectionId: string; sectionName: string; score: DecimalText; people: number }
  | {
      kind: 'identical_weights';
      scorerId: string;
      scorerName: string;
      sectionId: string;
      sectionName: string;
      employees: number;
      /** The one weight list every employee has, in 序号 order ("40", "30", "30"). */
      weights: DecimalText[];
    }
  | {
      kind: 'department_off';
      department: string;
      evaluated: number;
      /** People beyond the target counts: Σ over grades of max(0, actual − target). */
      off: number;
      rows: { grade: string; target: number; actual: number }[];
    };

export interface ScorerAnalysis {
  month: Month;
  settings: AnalysisSettings;
  scorers: ScorerSection[];
  flags: AnalysisFlag[];
  /** Months of history the trend could use (earlier months in the window that had scores). */
  historyMonths: Month[];
}

/**
 * One cell of a year's target split (SPEC §9): an indicator's target for a department
 * (employeeId null) or one person, in one month. Targets are exact decimal text in the
 * indicator's unit ("83333.42", "250", a ratio "50", a range "4-5").
 */
export interface TargetRow {
  indicator: string;
  unit: string;
  kind: 'additive' | 'ratio';
  department: string;
  employeeId: string | null;
  month: number; // 1..12
  target: string;
}

/** A split as the ledger keeps it: every later split of the same year is a new version. */
export interface TargetSplit {
  id: number;
  year: number;
  version: number;
  splitAt: string;
  sourceFile: string;
  sha256: string;
  policyVersion: string;
  rows: TargetRow[];
}

/** A target written on a goals sheet: whose goal row, which indicator, which value (from which split). */
export interface SheetTarget {
  employeeId: string;
  indicator: string;
  unit: string;
  target: string;
  /** 'person' = the person's own share; 'department' = the department's target on its manager's rows. */
  scope: 'person' | 'department';
}
