/**
 * The month's computation (SPEC §3–§6), pure: from the staff placed for the month, the expected
 * forms, the rows of the latest valid version of each form, receipt times and appeals, to every
 * employee's section scores, total, grade, the distribution, pay, fines, payroll lines and
 * consequences. `computeMonth` reads as the list of its steps; each step is a named function
 * below. No I/O: `close` gathers the inputs from the ledger and stores the output.
 */
import type {
  Consequence,
  EmployeeResult,
  FineLine,
  FormPlan,
  Month,
  MonthResult,
  ParsedForm,
  PayrollLine,
  SectionScore,
  StaffMember,
} from '../model.js';
import { formKey, policyDepartmentOf } from '../model.js';
import type { Issue } from '../issues.js';
import { GRADE_LETTERS, type Policy } from '../policy/schema.js';
import { dec, fixed } from './decimal.js';
import { exactTotal, exactText, scoreOnForm, sectionKey } from './scores.js';
import { gradeFor, gradeIssue } from './grades.js';
import { calibrate, distributionRows, nearestToBoundaries, targetCounts } from './distribution.js';
import { payBase, payBaseExact, performancePay, netPay } from './pay.js';
import { lateness } from './deadline.js';
import { consequencesFor, type GradedMonth } from './chains.js';
import { canonicalDepartment } from './classify.js';

export interface ReceivedForm {
  parsed: ParsedForm;
  file: string;
  sha256: string;
  version: number;
  receivedAt: string; // of this (latest valid) version
}

export interface MonthInput {
  month: Month;
  policy: Policy;
  members: readonly StaffMember[];
  plans: readonly FormPlan[];
  /** Latest valid version per form key (absent = never received valid). */
  forms: ReadonlyMap<string, ReceivedForm>;
  /** Receipt time of the first valid version per form key (sets lateness). */
  firstValidAt: ReadonlyMap<string, string>;
  /** When the month is closed: a form never received is late up to this moment. */
  closedAt: string;
  appeals: readonly { employeeId: string; sectionId: string; correctedScore: string; reason: string }[];
  calibrate: boolean;
  /** Earlier graded months per employee (for consequence chains). */
  history: ReadonlyMap<string, readonly GradedMonth[]>;
  toolVersion: string;
  revision: number;
  reopenReason: string | null;
}

export function computeMonth(input: MonthInput): MonthResult {
  const issues: Issue[] = [];
  const index = scoringIndex(input.plans, input.appeals);
  const employees = input.members.map((m) => gradeAndPay(m, sectionScores(m, index, input), input.policy, issues));
  const distribution = distributionOf(employees, input);
  const fines = finesOf(input);
  return {
    month: input.month,
    revision: input.revision,
    closedAt: input.closedAt,
    reopenReason: input.reopenReason,
    policyVersion: input.policy.policy_version,
    toolVersion: input.toolVersion,
    employees,
    distribution,
    fines,
    payroll: payrollLines(employees, fines, input.members),
    consequences: consequencesOf(employees, input),
    issues,
    inputs: inputsOf(input.forms),
    incomplete: incompleteOf(employees, nameLookup(input.members)),
  };
}

const nameLookup = (members: readonly StaffMember[]) => {
  const byId = new Map(members.map((m) => [m.employee.id, m.employee.name]));
  return (id: string) => byId.get(id) ?? id;
};

/** Who scores what: the form plan of each (employee, section), and the latest appeal of each. */
export interface ScoringIndex {
  planOf: ReadonlyMap<string, FormPlan>;
  appealOf: ReadonlyMap<string, MonthInput['appeals'][number]>;
}

export function scoringIndex(plans: MonthInput['plans'], appeals: MonthInput['appeals']): ScoringIndex {
  const planOf = new Map<string, FormPlan>();
  for (const p of plans) for (const it of p.items) planOf.set(sectionKey(it.employeeId, it.sectionId), p);
  // Appeals are append-only: the latest for a section wins.
  return { planOf, appealOf: new Map(appeals.map((a) => [sectionKey(a.employeeId, a.sectionId), a])) };
}

/**
 * Step 1, section scores of one member: each section of the category scored by the form the
 * plan sends it on (latest valid version), or by an appeal, which replaces the form's score
 * (kept as `original`). Excluded members have none. The commission comes from the finance sheet.
 */
export function sectionScores(m: StaffMember, index: ScoringIndex, input: Pick<MonthInput, 'policy' | 'forms'>): { sections: SectionScore[]; commission: string | null } {
  if (m.excluded || !m.category) return { sections: [], commission: null };
  const id = m.employee.id;
  let commission: string | null = null;
  const sections = input.policy.sections[m.category].map((s): SectionScore => {
    const plan = index.planOf.get(sectionKey(id, s.id));
    const got = plan ? input.forms.get(formKey(plan)) : undefined;
    const onForm = got ? scoreOnForm(got.parsed, s.form, id, s.id) : null;
    if (onForm?.commission) commission = onForm.commission;
    const out: SectionScore = { sectionId: s.id, name: s.name, weight: s.weight, score: onForm?.score ?? null, scorerId: plan?.scorerId };
    const appeal = index.appealOf.get(sectionKey(id, s.id));
    if (appeal) {
      out.original = onForm?.score ?? undefined;
      out.score = exactText(appeal.correctedScore);
    }
    return out;
  });
  return { sections, commission };
}

/**
 * Step 2, grade and pay of one member: the total from the section scores, the band grade, and
 * the performance pay from the pay base. A missing section leaves the member incomplete; a
 * total outside every band is an issue (also incomplete); no commission for a commission-based
 * pay base is a warning and no pay.
 */
export function gradeAndPay(m: StaffMember, scored: ReturnType<typeof sectionScores>, policy: Policy, issues: Issue[]): EmployeeResult {
  const e = m.employee;
  const r: EmployeeResult = {
    employeeId: e.id,
    name: e.name,
    // A dealer group's staff list (门店 column): every result carries its store.
    ...(e.store !== undefined ? { store: e.store } : {}),
    department: e.department,
    policyDepartment: canonicalDepartment(e.department, policy),
    position: e.position,
    category: m.category,
    status: 'excluded',
    excluded: m.excluded,
    sections: [],
    total: null,
    bandGrade: null,
    grade: null,
    fullSalary: fixed(e.fullSalary, 2),
    payBaseRule: m.payBase,
    payBase: null,
    commission: null,
    performancePay: null,
    flags: [],
  };
  if (m.excluded || !m.category) return r;
  const { sections, commission } = scored;
  Object.assign(r, { sections, commission });
  const missing = sections.filter((s) => s.score === null).length;
  if (missing) {
    r.status = 'incomplete';
    r.flags.push({ key: 'flag.incomplete', params: { count: missing } });
    return r;
  }
  const total = exactTotal(sections.map((s) => ({ weight: s.weight, score: s.score })))!;
  const g = gradeFor(total, policy.grades, policy.score_max);
  r.total = fixed(total, 2);
  if (!g.ok) {
    r.status = 'incomplete';
    issues.push(gradeIssue(g, policy.score_max, { employeeId: e.id, name: e.name }));
    return r;
  }
  r.status = 'graded';
  r.bandGrade = g.grade;
  r.grade = g.grade;
  if (sections.some((s) => s.original !== undefined)) r.flags.push({ key: 'flag.appeal_corrected' });
  if (m.payBase) {
    const exactBase = payBaseExact(m.payBase, e.fullSalary, commission);
    r.payBase = payBase(m.payBase, e.fullSalary, commission);
    if (exactBase === null || r.payBase === null) {
      r.flags.push({ key: 'flag.no_commission' });
      issues.push({ code: 'pay.no_commission', severity: 'warning', params: { employeeId: e.id, name: e.name } });
    } else r.performancePay = performancePay(exactBase, r.total);
  }
  return r;
}

/**
 * Step 3, the distribution over the graded employees (§5.5): counts per grade, overall and per
 * department, and the people nearest each band boundary. With --calibrate or mode `enforce`
 * the grades are calibrated by rank first (this step sets `grade` and flags the changes).
 * A dealer group (results with a store): a department is store + department, counts per store
 * are added, and calibration runs per store unless the policy's distribution.stores is company.
 */
export function distributionOf(employees: EmployeeResult[], input: Pick<MonthInput, 'policy' | 'calibrate'>): MonthResult['distribution'] {
  const { policy } = input;
  const graded = employees.filter((e) => e.status === 'graded');
  const withStores = employees.some((e) => e.store !== undefined);
  const perStore = withStores && policy.distribution.stores === 'store';
  let calibration: MonthResult['distribution']['calibration'] = null;
  if (input.calibrate || policy.distribution.mode === 'enforce') {
    const cal: NonNullable<MonthResult['distribution']['calibration']> = { changes: [], unresolvedTies: [], shortfall: [] };
    const short = new Map<string, (typeof cal.shortfall)[number]>();
    for (const unit of groupBy(graded, (e) => (perStore ? (e.store ?? '') : '')).values()) {
      const counts = targetCounts(unit.length, policy.distribution.shares, policy.distribution.tie_order);
      const c = calibrate(
        unit.map((e) => ({ employeeId: e.employeeId, name: e.name, total: e.total!, bandGrade: e.bandGrade! })),
        counts,
        policy,
      );
      for (const e of unit) {
        e.grade = c.grades[e.employeeId] ?? e.bandGrade;
        if (e.grade !== e.bandGrade) e.flags.push({ key: 'flag.calibrated', params: { from: e.bandGrade!, to: e.grade! } });
      }
      cal.changes.push(...c.changes);
      cal.unresolvedTies.push(...c.unresolvedTies);
      // Shortfall per grade, summed over the stores.
      for (const sf of c.shortfall) {
        const t = short.get(sf.grade);
        if (t) {
          t.target += sf.target;
          t.actual += sf.actual;
        } else short.set(sf.grade, { ...sf });
      }
    }
    cal.shortfall = [...short.values()];
    calibration = cal;
  }
  // grouped as the policy names departments, so 售后服务部 and 服务站 count as one
  const departments = groupBy(graded, (e) => (withStores ? `${e.store ?? ''}\u0000${policyDepartmentOf(e)}` : policyDepartmentOf(e)));
  return {
    evaluated: graded.length,
    rows: distributionRows(graded.map((e) => e.grade), policy),
    byDepartment: [...departments.values()].map((list) => ({
      ...(withStores ? { store: list[0].store ?? '' } : {}),
      department: policyDepartmentOf(list[0]),
      rows: distributionRows(list.map((e) => e.grade), policy),
    })),
    ...(withStores
      ? { byStore: [...groupBy(graded, (e) => e.store ?? '')].map(([store, list]) => ({ store, rows: distributionRows(list.map((e) => e.grade), policy) })) }
      : {}),
    nearest: nearestToBoundaries(
      graded.map((e) => ({ employeeId: e.employeeId, name: e.name, total: e.total!, grade: e.grade! })),
      policy,
      policy.distribution.nearest_per_boundary,
    ),
    calibration,
  };
}

/** Items grouped by a key, groups and items in first-seen order. */
function groupBy<T>(list: readonly T[], keyOf: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = keyOf(x);
    const g = out.get(k);
    if (g) g.push(x);
    else out.set(k, [x]);
  }
  return out;
}

/** Step 4, late fines (§5.7): one line per expected form, charged to its scorer; a form never received is late up to the closing time. */
export function finesOf(input: Pick<MonthInput, 'plans' | 'firstValidAt' | 'closedAt' | 'policy' | 'members'>): FineLine[] {
  const nameOf = nameLookup(input.members);
  return input.plans.map((p) => {
    const key = formKey(p);
    const receivedAt = input.firstValidAt.get(key) ?? null;
    const late = lateness(p.deadline, receivedAt, input.closedAt, input.policy.deadlines.fine_per_day);
    return { formKey: key, kind: p.kind, scorerId: p.scorerId, scorerName: nameOf(p.scorerId), deadline: p.deadline, receivedAt, ...late };
  });
}

/** Step 5, payroll lines: every evaluated employee, and every fined scorer even when not graded (fine only). */
export function payrollLines(employees: readonly EmployeeResult[], fines: readonly FineLine[], members: readonly StaffMember[]): PayrollLine[] {
  const fineBy = new Map<string, string>();
  for (const f of fines) fineBy.set(f.scorerId, fixed(dec(fineBy.get(f.scorerId) ?? 0).plus(f.fine), 2));
  const payroll: PayrollLine[] = [];
  const onPayroll = new Set<string>();
  for (const e of employees) {
    const fine = fineBy.get(e.employeeId) ?? '0.00';
    const fined = dec(fine).gt(0);
    if (e.status === 'excluded' && !fined) continue;
    onPayroll.add(e.employeeId);
    const pay = e.performancePay ?? '0.00';
    payroll.push({
      employeeId: e.employeeId,
      name: e.name,
      ...(e.store !== undefined ? { store: e.store } : {}),
      department: e.department,
      category: e.category,
      fullSalary: e.fullSalary,
      payBase: e.payBase,
      total: e.total,
      grade: e.grade,
      performancePay: pay,
      fine,
      netPay: netPay(pay, fine),
      note: payrollNote(e, fined),
    });
  }
  const byId = new Map(members.map((m) => [m.employee.id, m]));
  for (const [scorerId, fine] of fineBy) {
    if (onPayroll.has(scorerId) || !dec(fine).gt(0)) continue;
    const m = byId.get(scorerId);
    payroll.push({
      employeeId: scorerId,
      name: m?.employee.name ?? scorerId,
      ...(m?.employee.store !== undefined ? { store: m.employee.store } : {}),
      department: m?.employee.department ?? '',
      category: m?.category ?? null,
      fullSalary: m ? fixed(m.employee.fullSalary, 2) : '0.00',
      payBase: null,
      total: null,
      grade: null,
      performancePay: '0.00',
      fine,
      netPay: netPay(0, fine),
      note: 'payroll.note.fine_only',
    });
  }
  return payroll;
}

/** Step 6, consequences (§5.8) from each graded employee's chain: earlier months plus this one. */
export function consequencesOf(employees: readonly EmployeeResult[], input: Pick<MonthInput, 'month' | 'history' | 'policy'>): Consequence[] {
  const { month } = input;
  return employees
    .filter((e) => e.status === 'graded')
    .flatMap((e) => {
      const past = (input.history.get(e.employeeId) ?? []).filter((h) => h.month < month);
      const chain: GradedMonth[] = [...past, { month, total: e.total!, grade: e.grade! }];
      return consequencesFor({ employeeId: e.employeeId, name: e.name }, chain, month, input.policy);
    });
}

/** The employees who could not be graded for want of a section score, with who should have scored it. */
export function incompleteOf(employees: readonly EmployeeResult[], nameOf: (id: string) => string): MonthResult['incomplete'] {
  return employees
    .filter((e) => e.status === 'incomplete' && e.sections.some((s) => s.score === null))
    .map((e) => ({
      employeeId: e.employeeId,
      name: e.name,
      missing: e.sections
        .filter((s) => s.score === null)
        .map((s) => ({ sectionId: s.sectionId, sectionName: s.name, scorerId: s.scorerId ?? '', scorerName: s.scorerId ? nameOf(s.scorerId) : '' })),
    }));
}

/** The form versions the month was computed from (for the manifest). */
const inputsOf = (forms: MonthInput['forms']): MonthResult['inputs'] =>
  [...forms.entries()].map(([key, f]) => ({ file: f.file, sha256: f.sha256, formKey: key, receivedAt: f.receivedAt, version: f.version }));

/** 备注 of a payroll line: a message key the writer renders (or text). */
function payrollNote(e: EmployeeResult, fined: boolean): string {
  if (e.status === 'incomplete') return 'payroll.note.incomplete';
  if (e.status === 'excluded') return 'payroll.note.not_graded_fined';
  if (e.payBase === null) return 'payroll.note.no_commission';
  if (e.grade && e.bandGrade && e.grade !== e.bandGrade) return 'payroll.note.calibrated';
  return fined ? 'payroll.note.fined' : '';
}

export const GRADES = GRADE_LETTERS;
