/**
 * The month's computation (SPEC §3–§6) as one pure function: from the staff placed for the
 * month, the expected forms, the rows of the latest valid version of each form, receipt times
 * and appeals, to every employee's section scores, total, grade, the distribution, pay, fines,
 * payroll lines and consequences. No I/O: `close` gathers the inputs and stores the output.
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
import { formKey } from '../model.js';
import type { Issue } from '../issues.js';
import { GRADE_LETTERS, type Policy } from '../policy/schema.js';
import { dec, fixed } from './decimal.js';
import { sectionScoreFromGoals, exactTotal, exactText } from './scores.js';
import { gradeFor, gradeIssue } from './grades.js';
import { calibrate, distributionRows, nearestToBoundaries, targetCounts } from './distribution.js';
import { payBase, payBaseExact, performancePay, netPay } from './pay.js';
import { deadlineFor, lateDays, lateFine } from './deadline.js';
import { consequencesFor, type GradedMonth } from './chains.js';

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
  const { policy, month } = input;
  const issues: Issue[] = [];
  const byId = new Map(input.members.map((m) => [m.employee.id, m]));
  const nameOf = (id: string) => byId.get(id)?.employee.name ?? id;

  // Which form scores each (employee, section).
  const formOf = new Map<string, FormPlan>();
  for (const p of input.plans) for (const it of p.items) formOf.set(`${it.employeeId}|${it.sectionId}`, p);

  const appealOf = new Map(input.appeals.map((a) => [`${a.employeeId}|${a.sectionId}`, a]));

  const employees: EmployeeResult[] = [];
  const incomplete: MonthResult['incomplete'] = [];
  for (const m of input.members) {
    const e = m.employee;
    const base: EmployeeResult = {
      employeeId: e.id,
      name: e.name,
      department: e.department,
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
    if (m.excluded || !m.category) {
      employees.push(base);
      continue;
    }
    let commission: string | null = null;
    const sections: SectionScore[] = policy.sections[m.category].map((s) => {
      const plan = formOf.get(`${e.id}|${s.id}`);
      const got = plan ? input.forms.get(formKey(plan)) : undefined;
      let score: string | null = null;
      if (got) {
        if (s.form === 'goals') {
          const rows = got.parsed.goals.filter((g) => g.employeeId === e.id && g.sectionId === s.id);
          if (rows.length) score = sectionScoreFromGoals(rows).score;
        } else {
          const row = got.parsed.scores.find((r) => r.employeeId === e.id && r.sectionId === s.id);
          if (row) {
            score = exactText(row.score);
            if (row.commission !== undefined && row.commission !== null && row.commission !== '') commission = row.commission;
          }
        }
      }
      const out: SectionScore = { sectionId: s.id, name: s.name, weight: s.weight, score, scorerId: plan?.scorerId };
      const appeal = appealOf.get(`${e.id}|${s.id}`);
      if (appeal) {
        out.original = score ?? undefined;
        out.score = exactText(appeal.correctedScore);
      }
      return out;
    });
    const r: EmployeeResult = { ...base, sections, commission };
    const missing = sections.filter((s) => s.score === null);
    if (missing.length) {
      r.status = 'incomplete';
      r.flags.push({ key: 'flag.incomplete', params: { count: missing.length } });
      incomplete.push({
        employeeId: e.id,
        name: e.name,
        missing: missing.map((s) => ({
          sectionId: s.sectionId,
          sectionName: s.name,
          scorerId: s.scorerId ?? '',
          scorerName: s.scorerId ? nameOf(s.scorerId) : '',
        })),
      });
      employees.push(r);
      continue;
    }
    const total = exactTotal(sections.map((s) => ({ weight: s.weight, score: s.score })))!;
    const g = gradeFor(total, policy.grades, policy.score_max);
    r.total = fixed(total, 2);
    if (!g.ok) {
      r.status = 'incomplete';
      issues.push(gradeIssue(g, policy.score_max, { employeeId: e.id, name: e.name }));
      employees.push(r);
      continue;
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
    employees.push(r);
  }

  // Distribution and (optionally) calibration, over the graded employees.
  const graded = employees.filter((e) => e.status === 'graded');
  let calibration: MonthResult['distribution']['calibration'] = null;
  if (input.calibrate || policy.distribution.mode === 'enforce') {
    const counts = targetCounts(graded.length, policy.distribution.shares, policy.distribution.tie_order);
    const c = calibrate(
      graded.map((e) => ({ employeeId: e.employeeId, name: e.name, total: e.total!, bandGrade: e.bandGrade! })),
      counts,
      policy,
    );
    for (const e of graded) {
      e.grade = c.grades[e.employeeId] ?? e.bandGrade;
      if (e.grade !== e.bandGrade) e.flags.push({ key: 'flag.calibrated', params: { from: e.bandGrade!, to: e.grade! } });
    }
    calibration = { changes: c.changes, unresolvedTies: c.unresolvedTies, shortfall: c.shortfall };
  }
  const departments = [...new Set(graded.map((e) => e.department))];
  const distribution: MonthResult['distribution'] = {
    evaluated: graded.length,
    rows: distributionRows(graded.map((e) => e.grade), policy),
    byDepartment: departments.map((d) => ({
      department: d,
      rows: distributionRows(graded.filter((e) => e.department === d).map((e) => e.grade), policy),
    })),
    nearest: nearestToBoundaries(
      graded.map((e) => ({ employeeId: e.employeeId, name: e.name, total: e.total!, grade: e.grade! })),
      policy,
      policy.distribution.nearest_per_boundary,
    ),
    calibration,
  };

  // Late fines, per expected form, charged to its scorer.
  const fines: FineLine[] = [];
  for (const p of input.plans) {
    const d = deadlineFor(month, p.dueDay, policy.deadlines);
    const key = formKey(p);
    const receivedAt = input.firstValidAt.get(key) ?? null;
    const days = lateDays(d.instant, receivedAt ?? input.closedAt);
    fines.push({
      formKey: key,
      kind: p.kind,
      scorerId: p.scorerId,
      scorerName: nameOf(p.scorerId),
      deadline: d.instant,
      receivedAt,
      daysLate: days,
      fine: lateFine(days, policy.deadlines.fine_per_day),
    });
  }
  const fineBy = new Map<string, string>();
  for (const f of fines) fineBy.set(f.scorerId, fixed(dec(fineBy.get(f.scorerId) ?? 0).plus(f.fine), 2));

  // Payroll: every evaluated employee, and every fined scorer even when not graded.
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
  for (const [scorerId, fine] of fineBy) {
    if (onPayroll.has(scorerId) || !dec(fine).gt(0)) continue;
    const m = byId.get(scorerId);
    payroll.push({
      employeeId: scorerId,
      name: nameOf(scorerId),
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

  // Consequences from the chains (earlier months + this one).
  const consequences: Consequence[] = [];
  for (const e of graded) {
    const past = (input.history.get(e.employeeId) ?? []).filter((h) => h.month < month);
    const hist: GradedMonth[] = [...past, { month, total: e.total!, grade: e.grade! }];
    consequences.push(...consequencesFor({ employeeId: e.employeeId, name: e.name }, hist, month, policy));
  }

  const inputs = [...input.forms.entries()].map(([key, f]) => ({
    file: f.file,
    sha256: f.sha256,
    formKey: key,
    receivedAt: f.receivedAt,
    version: f.version,
  }));

  return {
    month,
    revision: input.revision,
    closedAt: input.closedAt,
    reopenReason: input.reopenReason,
    policyVersion: policy.policy_version,
    toolVersion: input.toolVersion,
    employees,
    distribution,
    fines,
    payroll,
    consequences,
    issues,
    inputs,
    incomplete,
  };
}

/** 备注 of a payroll line: a message key the writer renders (or text). */
function payrollNote(e: EmployeeResult, fined: boolean): string {
  if (e.status === 'incomplete') return 'payroll.note.incomplete';
  if (e.status === 'excluded') return 'payroll.note.not_graded_fined';
  if (e.payBase === null) return 'payroll.note.no_commission';
  if (e.grade && e.bandGrade && e.grade !== e.bandGrade) return 'payroll.note.calibrated';
  return fined ? 'payroll.note.fined' : '';
}

export const GRADES = GRADE_LETTERS;
