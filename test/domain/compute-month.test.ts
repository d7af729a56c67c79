/**
 * The month's computation on its own, from in-memory inputs (no ledger, no Excel): a small
 * dealership whose forms come back on time, late, incomplete or never, with appeals.
 * Every figure below is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { placeForMonth } from '../../src/domain/classify.js';
import { planForms } from '../../src/domain/plan.js';
import { computeMonth, type MonthInput, type ReceivedForm } from '../../src/domain/compute-month.js';
import { formKey, type Employee, type FormPlan, type ParsedForm } from '../../src/model.js';
import { missingItems, sectionKey } from '../../src/domain/scores.js';
import { defaultPolicy, emp } from './helpers.js';

const M = '2026-10';
const policy = defaultPolicy();
const roster: Employee[] = [
  emp({ id: '1', name: '总经理', department: '总经办', position: '总经理' }), // not evaluated (shareholders assess)
  emp({ id: '2', name: '行政经理', department: '行政部', position: '经理', managerId: '1', fullSalary: '10000' }), // 职能, manager 30%
  emp({ id: '3', name: '财务经理', department: '财务部', position: '经理', managerId: '1', fullSalary: '12000' }), // 职能, manager 50%
  emp({ id: '4', name: '客服经理', department: '客户服务部', position: '经理', managerId: '1', fullSalary: '8000' }), // 客服部 alias, 30%
  emp({ id: '6', name: '人事专员', department: '人力资源部', position: '人力资源专员', managerId: '2', fullSalary: '6000' }), // 职能 30%
  emp({ id: '7', name: '行政专员', department: '行政部', position: '行政专员', managerId: '2', fullSalary: '5000' }), // 职能 30%
  emp({ id: '8', name: '技师', department: '服务站', position: '维修技师', managerId: '9', fullSalary: '7000' }), // 创利: commission
  emp({ id: '9', name: '服务总监', department: '服务站', position: '总监', managerId: '1', fullSalary: '20000' }), // 职能, manager 50%
];
const members = roster.map((e) => placeForMonth(e, M, policy));
const { forms: plans, issues: planIssues } = planForms(members, M, policy);
const planOf = (kind: string, scorerId: string) => plans.find((p) => p.kind === kind && p.scorerId === scorerId)!;

/** A received form scoring each item of its plan with `score(employeeId, sectionId)` (null = the row is left out). */
function received(plan: FormPlan, score: (employeeId: string, sectionId: string) => string | null = () => '100', commission?: string): ReceivedForm {
  const parsed: ParsedForm = { meta: null, goals: [], signOffs: [], scores: [] };
  for (const it of plan.items) {
    const s = score(it.employeeId, it.sectionId);
    if (s === null) continue;
    if (plan.kind === 'goals')
      parsed.goals.push({ employeeId: it.employeeId, name: '', seq: 1, sectionId: it.sectionId, goal: '目标', weight: '100', target: '', actual: '', score: s, note: '' });
    else parsed.scores.push({ employeeId: it.employeeId, name: '', sectionId: it.sectionId, score: s, note: '', ...(commission ? { commission } : {}) });
  }
  return { parsed, file: `${plan.kind}-${plan.scorerId}.xlsx`, sha256: `sha-${plan.kind}-${plan.scorerId}`, version: 1, receivedAt: '2026-11-01T10:00:00+08:00' };
}

function monthInput(): MonthInput {
  const forms = new Map<string, ReceivedForm>();
  const firstValidAt = new Map<string, string>();
  for (const p of plans) {
    const key = formKey(p);
    if (p.kind === 'discipline' && p.scorerId === '1') continue; // the 总经理 never returns 行政经理's 工作纪律
    let form = received(p);
    if (p.kind === 'goals' && p.scorerId === '2') form = received(p, (e, s) => (e === '7' ? (s === 'mbo' ? '130' : '120') : s === 'kpi' ? null : '100')); // 6's KPI left out
    if (p.kind === 'finance') form = received(p, () => '100', '8000');
    forms.set(key, form);
    // the finance sheet arrives 2026-11-10 18:00, deadline Mon 11-09 17:30: 24 h 30 min late → 2 days
    firstValidAt.set(key, p.kind === 'finance' ? '2026-11-10T18:00:00+08:00' : '2026-11-01T10:00:00+08:00');
  }
  return {
    month: M,
    policy,
    members,
    plans,
    forms,
    firstValidAt,
    closedAt: '2026-11-12T09:00:00+08:00',
    appeals: [
      { employeeId: '2', sectionId: 'discipline', correctedScore: '95', reason: '总经理口头确认' }, // the section its form never had
      { employeeId: '8', sectionId: 'learning', correctedScore: '90', reason: '培训记录漏登' },
      { employeeId: '8', sectionId: 'learning', correctedScore: '110', reason: '复核' }, // the later appeal wins
    ],
    calibrate: false,
    history: new Map(),
    toolVersion: 'test',
    revision: 1,
    reopenReason: null,
  };
}

describe('computeMonth from in-memory inputs', () => {
  const r = computeMonth(monthInput());
  const person = (id: string) => r.employees.find((e) => e.employeeId === id)!;

  it('the plan the inputs follow has no problems', () => {
    expect(planIssues).toEqual([]);
    expect(planOf('finance', '3').deadline).toBe('2026-11-09T17:30:00+08:00');
  });

  it('totals, grades and pay of every employee', () => {
    expect(r.employees.map((e) => [e.employeeId, e.status, e.total, e.grade, e.payBase, e.performancePay])).toEqual([
      ['1', 'excluded', null, null, null, null],
      // mbo 100×30 + kpi 100×40 + customer 100×20 + discipline 95×10 (appeal) = 9950 / 100 → 99.50 C; 3000 × 99.5% = 2985
      ['2', 'graded', '99.50', 'C', '3000.00', '2985.00'],
      ['3', 'graded', '100.00', 'C', '6000.00', '6000.00'],
      ['4', 'graded', '100.00', 'C', '2400.00', '2400.00'],
      ['6', 'incomplete', null, null, null, null], // KPI left out of its manager's goals sheet
      // mbo 130×30 + kpi 120×40 + 100×20 + 100×10 = 11700 / 100 → 117.00 B; 1500 × 117% = 1755
      ['7', 'graded', '117.00', 'B', '1500.00', '1755.00'],
      // finance 100×40 + customer 100×20 + kpi 100×30 + learning 110×10 (appeal) = 10100 / 100 → 101.00 C; commission 8000 × 101% = 8080
      ['8', 'graded', '101.00', 'C', '8000.00', '8080.00'],
      ['9', 'graded', '100.00', 'C', '10000.00', '10000.00'],
    ]);
    expect(person('8').commission).toBe('8000');
  });

  it('an appeal replaces the form score and keeps the original; an appeal also scores a section never received', () => {
    expect(person('8').sections.find((s) => s.sectionId === 'learning')).toMatchObject({ score: '110', original: '100', scorerId: '6' });
    expect(person('2').sections.find((s) => s.sectionId === 'discipline')).toMatchObject({ score: '95', scorerId: '1' });
    expect(person('2').sections.find((s) => s.sectionId === 'discipline')!.original).toBeUndefined();
    expect(person('8').flags).toEqual([{ key: 'flag.appeal_corrected' }]);
  });

  it('the incomplete list names the section and who should score it', () => {
    expect(r.incomplete).toEqual([
      { employeeId: '6', name: '人事专员', missing: [{ sectionId: 'kpi', sectionName: '关键考核指标KPI', scorerId: '2', scorerName: '行政经理' }] },
    ]);
    expect(person('6').flags).toEqual([{ key: 'flag.incomplete', params: { count: 1 } }]);
  });

  it('fines: a late sheet by started days, a sheet never received up to the closing time', () => {
    expect(r.fines.filter((f) => f.daysLate > 0).map((f) => [f.formKey, f.deadline, f.receivedAt, f.daysLate, f.fine])).toEqual([
      // due Mon 11-02 17:30, never received, closed 11-12 09:00: 9 d 15.5 h → 10 days × 500
      ['2026-10/discipline/1', '2026-11-02T17:30:00+08:00', null, 10, '5000.00'],
      ['2026-10/finance/3', '2026-11-09T17:30:00+08:00', '2026-11-10T18:00:00+08:00', 2, '1000.00'],
    ]);
    expect(r.fines).toHaveLength(plans.length);
  });

  it('payroll: the fined 总经理 is on it with the fine only; net = pay − fine', () => {
    expect(r.payroll.map((l) => [l.employeeId, l.performancePay, l.fine, l.netPay, l.note])).toEqual([
      ['1', '0.00', '5000.00', '-5000.00', 'payroll.note.not_graded_fined'],
      ['2', '2985.00', '0.00', '2985.00', ''],
      ['3', '6000.00', '1000.00', '5000.00', 'payroll.note.fined'],
      ['4', '2400.00', '0.00', '2400.00', ''],
      ['6', '0.00', '0.00', '0.00', 'payroll.note.incomplete'],
      ['7', '1755.00', '0.00', '1755.00', ''],
      ['8', '8080.00', '0.00', '8080.00', ''],
      ['9', '10000.00', '0.00', '10000.00', ''],
    ]);
  });

  it('distribution over the six graded: targets by largest remainder (B 1, C 4, D 1), actual B 1, C 5', () => {
    expect(r.distribution.evaluated).toBe(6);
    expect(r.distribution.rows.map((d) => [d.grade, d.targetCount, d.actualCount, d.difference])).toEqual([
      ['A', 0, 0, 0],
      ['B', 1, 1, 0],
      ['C', 4, 5, 1],
      ['D', 1, 0, -1],
      ['E', 0, 0, 0],
    ]);
    expect(r.distribution.calibration).toBeNull();
  });

  it('calibration (enforce) moves the lowest C down to D and flags it', () => {
    const c = computeMonth({ ...monthInput(), calibrate: true });
    const changed = c.employees.filter((e) => e.grade !== e.bandGrade);
    expect(changed.map((e) => [e.employeeId, e.bandGrade, e.grade])).toEqual([['2', 'C', 'D']]); // 99.50 is the lowest C
    expect(changed[0].flags).toContainEqual({ key: 'flag.calibrated', params: { from: 'C', to: 'D' } });
    expect(c.payroll.find((l) => l.employeeId === '2')!.note).toBe('payroll.note.calibrated');
  });

  it('consequences come from the chain: a third A in a row is an award candidate', () => {
    const input = monthInput();
    const history = new Map([['7', [{ month: '2026-08', total: '121.00', grade: 'A' as const }, { month: '2026-09', total: '122.00', grade: 'A' as const }]]]);
    expect(computeMonth({ ...input, history }).consequences).toEqual([]); // 7 is a B this month: the chain breaks
    // with 7's scores at 130/130 the total is 30×130 + 40×130 + 2000 + 1000 → 121.00 A
    const forms = new Map(input.forms);
    forms.set(formKey(planOf('goals', '2')), received(planOf('goals', '2'), (e, s) => (e === '7' ? '130' : s === 'kpi' ? null : '100')));
    const q = computeMonth({ ...input, forms, history }).consequences;
    expect(q.map((c) => [c.employeeId, c.rule.key])).toEqual([['7', expect.stringContaining('award')]]);
  });

  it('no form and no appeal: everyone evaluated is incomplete, every scorer fined to the closing time', () => {
    const empty = computeMonth({ ...monthInput(), forms: new Map(), firstValidAt: new Map(), appeals: [] });
    expect(empty.employees.filter((e) => e.status === 'incomplete').map((e) => e.employeeId)).toEqual(['2', '3', '4', '6', '7', '8', '9']);
    expect(empty.distribution.evaluated).toBe(0);
    expect(empty.fines.every((f) => f.daysLate > 0 && f.receivedAt === null)).toBe(true);
  });
});

describe('missingItems: what status lists and close stops on', () => {
  const goals2 = planOf('goals', '2'); // 6: mbo kpi, 7: mbo kpi
  const parsed = received(goals2, (e, s) => (e === '6' && s === 'kpi' ? null : '100')).parsed;
  it('items without a row on the latest valid version, or all of them when none was received', () => {
    expect(missingItems(goals2, parsed, new Set())).toEqual([{ employeeId: '6', sectionId: 'kpi' }]);
    expect(missingItems(goals2, null, new Set()).map((i) => `${i.employeeId}:${i.sectionId}`)).toEqual(['6:mbo', '6:kpi', '7:mbo', '7:kpi']);
  });
  it('an appeal for the section counts as its score, as close counts it', () => {
    expect(missingItems(goals2, parsed, new Set([sectionKey('6', 'kpi')]))).toEqual([]);
    expect(missingItems(goals2, null, new Set([sectionKey('7', 'mbo')])).map((i) => `${i.employeeId}:${i.sectionId}`)).toEqual(['6:mbo', '6:kpi', '7:kpi']);
  });
});
