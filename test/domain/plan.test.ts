import { describe, expect, it } from 'vitest';
import { placeForMonth } from '../../src/domain/classify.js';
import { planForms, resolveRole } from '../../src/domain/plan.js';
import type { Employee } from '../../src/model.js';
import { renderIssue } from '../../src/i18n/index.js';
import { defaultPolicy, emp, policyWith } from './helpers.js';

const M = '2026-10';
const roster = (): Employee[] => [
  emp({ id: '1', name: '总经理', department: '总经办', position: '总经理', row: 2 }),
  emp({ id: '2', name: '行政经理', department: '行政部', position: '经理', managerId: '1', row: 3 }),
  emp({ id: '3', name: '财务经理', department: '财务部', position: '经理', managerId: '1', row: 4 }),
  emp({ id: '4', name: '客服经理', department: '客户服务部', position: '经理', managerId: '1', row: 5 }),
  emp({ id: '5', name: '人事经理', department: '人力资源部', position: '经理', managerId: '1', row: 6 }),
  emp({ id: '6', name: '人事专员', department: '人力资源部', position: '人力资源专员', managerId: '5', row: 7 }),
  emp({ id: '7', name: '行政专员', department: '行政部', position: '行政专员', managerId: '2', row: 8 }),
  emp({ id: '8', name: '技师', department: '服务站', position: '维修技师', managerId: '9', row: 9 }),
  emp({ id: '9', name: '服务总监', department: '服务站', position: '总监', managerId: '1', row: 10 }),
  emp({ id: '12', name: '试用期', department: '行政部', position: '行政专员', managerId: '2', regularDate: '2026-12-01', row: 11 }),
];
const plan = (list: Employee[], policy = defaultPolicy()) => planForms(list.map((e) => placeForMonth(e, M, policy)), M, policy);
const short = (r: ReturnType<typeof plan>) =>
  r.forms.map((f) => [f.kind, f.scorerId, f.scorerRole, f.items.map((i) => `${i.employeeId}:${i.sectionId}`).join(' '), f.deadline]);

describe('planForms', () => {
  it('one sheet per (kind, scorer); the 行政部经理 own 工作纪律 moves to the 总经理', () => {
    const r = plan(roster());
    expect(r.issues).toEqual([]);
    expect(short(r)).toEqual([
      ['goals', '1', 'direct_manager', '2:mbo 2:kpi 3:mbo 3:kpi 4:mbo 4:kpi 5:mbo 5:kpi 9:mbo 9:kpi', '2026-11-04T17:30:00+08:00'],
      ['goals', '2', 'direct_manager', '7:mbo 7:kpi', '2026-11-04T17:30:00+08:00'],
      ['goals', '5', 'direct_manager', '6:mbo 6:kpi', '2026-11-04T17:30:00+08:00'],
      ['goals', '9', 'direct_manager', '8:kpi', '2026-11-04T17:30:00+08:00'],
      ['discipline', '1', 'direct_manager', '2:discipline', '2026-11-02T17:30:00+08:00'],
      ['discipline', '2', 'admin_manager', '3:discipline 4:discipline 5:discipline 6:discipline 7:discipline 9:discipline', '2026-11-02T17:30:00+08:00'],
      ['learning', '6', 'hr_specialist', '8:learning', '2026-11-03T17:30:00+08:00'],
      ['customer', '1', 'direct_manager', '4:customer_internal', '2026-11-05T17:30:00+08:00'],
      ['customer', '4', 'cs_manager', '2:customer_internal 3:customer_internal 5:customer_internal 6:customer_internal 7:customer_internal 8:customer_external 9:customer_internal', '2026-11-05T17:30:00+08:00'],
      ['finance', '3', 'finance_manager', '8:finance', '2026-11-09T17:30:00+08:00'], // 11-07 is a Saturday
    ]);
    expect(r.forms[0]).toMatchObject({ month: M, dueDay: 4 });
    // Nobody scores themselves anywhere
    for (const f of r.forms) expect(f.items.some((i) => i.employeeId === f.scorerId)).toBe(false);
    // The person on probation (12) is on no sheet
    expect(r.forms.some((f) => f.items.some((i) => i.employeeId === '12'))).toBe(false);
  });

  it('two 人力资源专员 without employee_id → plan.scorer_unresolved; with employee_id → resolved', () => {
    const list = [...roster(), emp({ id: '10', name: '人事专员二', department: '人事部', position: '人力资源专员', managerId: '5', row: 12 })];
    const r = plan(list);
    expect(r.issues).toEqual([
      {
        code: 'plan.scorer_unresolved',
        severity: 'error',
        params: { role: '人力资源专员', roleId: 'hr_specialist', department: '人力资源部', position: '人力资源专员', count: 2, ids: ' (6 人事专员, 10 人事专员二)' },
      },
    ]);
    expect(renderIssue(r.issues[0], 'zh').message).toBe(
      '找不到唯一的人力资源专员来打分:花名册中部门「人力资源部」岗位「人力资源专员」的在职人员有 2 人 (6 人事专员, 10 人事专员二)。',
    );
    expect(r.forms.some((f) => f.kind === 'learning')).toBe(false);

    const p = policyWith((x) => (x.scorers.hr_specialist.employee_id = '10'));
    const ok = plan(list, p);
    expect(ok.issues).toEqual([]);
    expect(short(ok).filter((f) => f[0] === 'learning')).toEqual([['learning', '10', 'hr_specialist', '8:learning', '2026-11-03T17:30:00+08:00']]);
    expect(resolveRole('hr_specialist', list.map((e) => placeForMonth(e, M, p)), p)).toEqual({ ok: true, scorerId: '10' });
  });

  it('nobody holds a role → plan.scorer_unresolved with count 0; an employee_id not on the list → plan.scorer_not_found', () => {
    const list = roster().filter((e) => e.id !== '3');
    const r = plan(list);
    expect(r.issues.map((i) => [i.code, i.params?.role, i.params?.count])).toEqual([['plan.scorer_unresolved', '财务部经理', 0]]);
    const p = policyWith((x) => (x.scorers.finance_manager.employee_id = '99'));
    expect(plan(list, p).issues.map((i) => [i.code, i.params?.id])).toEqual([['plan.scorer_not_found', '99']]);
  });

  it('missing, unknown and self managers are issues naming the employee and sections', () => {
    const list = [
      ...roster(),
      emp({ id: '13', name: '无上级', department: '行政部', position: '行政专员', managerId: null, row: 13 }),
      emp({ id: '14', name: '错上级', department: '行政部', position: '行政专员', managerId: '404', row: 14 }),
    ];
    const r = plan(list);
    expect(r.issues.map((i) => [i.code, i.params?.id, i.params?.sections])).toEqual([
      ['plan.no_manager', '13', '工作目标(MBO)、关键考核指标KPI'],
      ['plan.manager_unknown', '14', '工作目标(MBO)、关键考核指标KPI'],
    ]);
    expect(renderIssue(r.issues[0], 'zh').message).toBe('无上级(工号 13)在花名册中没有直接上级,「工作目标(MBO)、关键考核指标KPI」没人打分。');
    // their other sections are still planned
    expect(r.forms.find((f) => f.kind === 'discipline' && f.scorerId === '2')!.items.map((i) => i.employeeId)).toContain('13');
  });

  it('a role holder without a manager cannot hand over their own section', () => {
    const list = roster().map((e) => (e.id === '2' ? { ...e, managerId: null } : e));
    const r = plan(list);
    expect(r.issues.map((i) => [i.code, i.params?.id, i.params?.sections])).toEqual([
      ['plan.no_manager', '2', '工作目标(MBO)、关键考核指标KPI、工作纪律(态度/考勤/仪容)'],
    ]);
  });

  it('a deadline in a year without holiday data gives one warning', () => {
    const p = policyWith((x) => (x.deadlines.holidays.enabled = true));
    const r = planForms(roster().map((e) => placeForMonth(e, '2027-03', p)), '2027-03', p);
    expect(r.issues.map((i) => [i.code, i.params?.year])).toEqual([['deadline.holiday_year_not_covered', 2027]]);
  });
});
