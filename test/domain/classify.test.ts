import { describe, expect, it } from 'vitest';
import { canonicalPosition, classify, normText, payBaseRule, placeForMonth } from '../../src/domain/classify.js';
import { planForms } from '../../src/domain/plan.js';
import { checkRoster } from '../../src/domain/roster-checks.js';
import { renderIssue, hasMessage } from '../../src/i18n/index.js';
import { defaultPolicy, emp, policyWith } from './helpers.js';

const policy = defaultPolicy();
const cat = (department: string, position: string) => {
  const c = classify({ department, position }, policy);
  return c.kind === 'category' ? c.category : c.kind === 'excluded' ? `excluded:${c.reason}` : 'unplaceable';
};

describe('classify (§3)', () => {
  it.each([
    ['服务站', '维修技师', '创利'],
    ['服务站', '服务顾问', '创利'],
    ['服务站', '总监', '职能'],
    ['服务站', '工具管理员', '职能'],
    ['服务站', '服务顾问助理', '职能'],
    ['销售部', '销售顾问', '创利'],
    ['销售部', '经理', '职能'],
    ['销售部', '前台接待', '职能'],
    ['VIP会所', 'VIP会所经理', '创利'],
    ['VIP会所', '洗车工', '职能'],
    ['精品部', '精品主管', '创利'],
    ['销售部', '精品促销员', '创利'], // "*"+position beats 销售部+"*" (both 创利 here) …
    ['人力资源部', '人力资源专员', '职能'],
    ['财务部', '会计', '职能'],
    ['客服部', '经理', '职能'],
  ])('%s / %s → %s', (d, p, want) => expect(cat(d, p)).toBe(want));

  it('precedence: exact, then "*"+position, then department+"*"', () => {
    expect(cat('服务站', '总经理')).toBe('excluded:总经理由股东考核,不适用本制度'); // "*"+总经理 beats 服务站+"*"
    const p = policyWith((x) => x.categories.table.push({ department: '服务站', position: '精品主管', category: '职能' }));
    expect(classify({ department: '服务站', position: '精品主管' }, p)).toMatchObject({ kind: 'category', category: '职能' });
    expect(classify({ department: '销售部', position: '精品主管' }, p)).toMatchObject({ kind: 'category', category: '创利' });
  });

  it('department aliases, trimming and full-width spaces; otherwise exact', () => {
    expect(cat('客户服务部', '客服专员')).toBe('职能');
    expect(cat('售后服务部', '机修工')).toBe('创利');
    expect(cat('vip会所', '按摩师')).toBe('职能');
    expect(cat('\u3000服务站 ', ' 总监\u3000')).toBe('职能');
    expect(normText('\u3000a b\u00a0')).toBe('a b');
    expect(cat('服务 站', '总监')).toBe('unplaceable');
    expect(cat('仓库', '保管员')).toBe('unplaceable');
    expect(cat('VIP会所', '保安')).toBe('unplaceable'); // VIP会所 has no "*" row
    expect(classify({ department: '仓库', position: '保管员' }, policy)).toEqual({ kind: 'unplaceable', department: '仓库', position: '保管员' });
  });
});

describe('placeForMonth', () => {
  const M = '2026-10';
  it('an ordinary 职能 employee is evaluated with a salary base', () => {
    const e = emp({ department: '行政部', position: '行政专员' });
    expect(placeForMonth(e, M, policy)).toEqual({
      employee: e, category: '职能', excluded: null, payBase: { kind: 'salary', percent: 30, manager: false },
    });
  });
  it('creates excluded reasons', () => {
    const r = (over: Parameters<typeof emp>[0]) => placeForMonth(emp(over), M, policy);
    expect(r({ status: 'left' }).excluded).toEqual({ key: 'reason.left' });
    expect(r({ department: '总经办', position: '总经理' })).toMatchObject({
      category: null, payBase: null,
      excluded: { key: 'reason.excluded_position', params: { reason: '总经理由股东考核,不适用本制度', position: '总经理' } },
    });
    expect(r({ regularDate: '2026-11-01' })).toMatchObject({
      category: '职能', payBase: null, excluded: { key: 'reason.probation', params: { regularDate: '2026-11-01', month: M } },
    });
    expect(r({ regularDate: '2026-10-31' }).excluded).toBeNull(); // regular on the last day counts as regular
    expect(r({ fullSalary: '799.99' }).excluded).toEqual({ key: 'reason.low_salary', params: { salary: '799.99', min: 800 } });
    expect(r({ fullSalary: '800' }).excluded).toBeNull();
    expect(r({ fullSalary: 'abc' }).excluded?.key).toBe('reason.bad_salary');
    expect(r({ hireDate: '2026-11-02' }).excluded?.key).toBe('reason.not_yet_hired');
    expect(r({ department: '仓库', position: '保管员' }).excluded).toEqual({ key: 'reason.unplaceable', params: { department: '仓库', position: '保管员' } });
  });
  it('probation is ignored when exclude_probation is off', () => {
    const p = policyWith((x) => (x.eligibility.exclude_probation = false));
    expect(placeForMonth(emp({ regularDate: '2027-01-01' }), M, p).excluded).toBeNull();
  });
  it('every reason key has zh and en text', () => {
    for (const k of ['reason.left', 'reason.excluded_position', 'reason.not_yet_hired', 'reason.probation', 'reason.low_salary', 'reason.bad_salary', 'reason.unplaceable'])
      expect(hasMessage(k)).toBe(true);
  });
});

describe('checkRoster', () => {
  const cellOf = (row: number, field: string) => `${{ id: 'A', name: 'B', position: 'D', fullSalary: 'G', managerId: 'H', skipManagerId: 'I' }[field] ?? 'Z'}${row}`;
  it('a clean roster has no issues', () => {
    const list = [
      emp({ id: '1', department: '总经办', position: '总经理', row: 2 }),
      emp({ id: '2', department: '行政部', position: '经理', managerId: '1', row: 3 }),
      emp({ id: '3', managerId: '2', skipManagerId: '1', row: 4 }),
    ];
    expect(checkRoster(list, policy, cellOf)).toEqual([]);
  });
  it('reports every problem with row, id and cell', () => {
    const list = [
      emp({ id: '1', department: '总经办', position: '总经理', row: 2 }),
      emp({ id: '2', name: '  ', managerId: '1', row: 3 }),
      emp({ id: '2', name: '重复', managerId: '1', row: 4 }),
      emp({ id: '4', position: '行政专员', department: '仓库', managerId: '1', row: 5 }),
      emp({ id: '5', fullSalary: '-100', managerId: '1', row: 6 }),
      emp({ id: '6', managerId: '99', row: 7 }),
      emp({ id: '7', managerId: '7', row: 8 }),
      emp({ id: '8', managerId: '9', row: 9 }),
      emp({ id: '9', managerId: '10', row: 10 }),
      emp({ id: '10', managerId: '8', skipManagerId: '77', row: 11 }),
      emp({ id: '11', managerId: '12', row: 12 }),
      emp({ id: '12', status: 'left', managerId: '1', department: '火星', row: 13 }),
      emp({ id: '', row: 14 }),
    ];
    const issues = checkRoster(list, policy, cellOf);
    expect(issues.map((i) => [i.code, i.severity, i.params?.row, i.params?.id, i.cell])).toEqual([
      ['roster.duplicate_id', 'error', 4, '2', 'A4'],
      ['roster.missing_id', 'error', 14, '', 'A14'],
      ['roster.missing_name', 'error', 3, '2', 'B3'],
      ['roster.unplaceable_position', 'error', 5, '4', 'D5'],
      ['roster.bad_salary', 'error', 6, '5', 'G6'],
      ['roster.unknown_manager', 'error', 7, '6', 'H7'],
      ['roster.self_manager', 'error', 8, '7', 'H8'],
      ['roster.unknown_skip_manager', 'warning', 11, '10', 'I11'],
      ['roster.manager_left', 'warning', 12, '11', 'H12'],
      ['roster.manager_cycle', 'error', 9, '8', 'H9'],
    ]);
    const codes = issues.map((i) => i.code);
    expect(codes.filter((c) => c === 'roster.manager_cycle')).toHaveLength(1);
    const cycle = issues.find((i) => i.code === 'roster.manager_cycle')!;
    expect(cycle.params).toMatchObject({ row: 9, id: '8', cycle: '8 → 9 → 10 → 8' });
    expect(renderIssue(cycle, 'zh').message).toBe('花名册第 9 行起,直接上级关系绕成了一个圈:8 → 9 → 10 → 8。');
    const dup = issues.find((i) => i.code === 'roster.duplicate_id')!;
    expect(dup).toMatchObject({ cell: 'A4', found: '2', params: { row: 4, id: '2', firstRow: 3 } });
    expect(renderIssue(dup, 'zh').message).toBe('花名册第 4 行的工号 2 与第 3 行重复。');
    const unpl = issues.find((i) => i.code === 'roster.unplaceable_position')!;
    expect(unpl.params).toMatchObject({ row: 5, id: '4', department: '仓库', position: '行政专员' });
    expect(issues.find((i) => i.code === 'roster.bad_salary')).toMatchObject({ cell: 'G6', found: '-100' });
    expect(issues.find((i) => i.code === 'roster.unknown_manager')).toMatchObject({ cell: 'H7', found: '99', params: { managerId: '99' } });
    expect(issues.find((i) => i.code === 'roster.self_manager')?.params?.row).toBe(8);
    expect(issues.find((i) => i.code === 'roster.unknown_skip_manager')).toMatchObject({ severity: 'warning', params: { row: 11 } });
    expect(issues.find((i) => i.code === 'roster.manager_left')).toMatchObject({ severity: 'warning', params: { row: 12, managerId: '12' } });
    expect(issues.find((i) => i.code === 'roster.missing_id')?.params?.row).toBe(14);
    // The departed employee 12 with an unplaceable department is not reported.
    expect(issues.filter((i) => i.params?.id === '12')).toEqual([]);
    expect(issues.filter((i) => i.severity === 'error')).toHaveLength(8);
    for (const i of issues) {
      expect(renderIssue(i, 'zh').message).not.toMatch(/^issue\./);
      expect(renderIssue(i, 'en').hint).not.toBe('');
    }
  });
  it('rows default to index + 2 and cells are optional', () => {
    const issues = checkRoster([emp({ id: 'X' }), emp({ id: 'X' })], policy);
    expect(issues).toEqual([
      { code: 'roster.duplicate_id', severity: 'error', found: 'X', params: expect.objectContaining({ row: 3, id: 'X', firstRow: 2 }) },
    ]);
  });
});

describe('job titles that carry their department (财务经理, 销售总监 …)', () => {
  const rule = (department: string, position: string) => {
    const c = classify({ department, position }, policy);
    if (c.kind !== 'category') return `${c.kind}`;
    const r = payBaseRule({ department, position }, c.category, policy);
    return `${c.category} ${r.kind === 'commission' ? 'commission' : `${r.percent}%${r.manager ? ' manager' : ''}`}`;
  };
  it.each([
    ['财务部', '财务经理', '职能 50% manager'],
    ['财务部', '财务部经理', '职能 50% manager'],
    ['财务部', '财务总监', '职能 50% manager'],
    ['客户服务部', '客服经理', '职能 30% manager'],
    ['客户服务部', '客户服务部经理', '职能 30% manager'],
    ['人事部', '人事经理', '职能 30% manager'],
    ['行政部', '行政经理', '职能 30% manager'],
    ['销售部', '销售经理', '职能 50% manager'],
    ['销售部', '销售总监', '职能 50% manager'],
    ['市场部', '市场经理', '职能 50% manager'],
    // titles that only look like it keep their own meaning
    ['销售部', '销售顾问', '创利 commission'],
    ['服务站', '服务顾问', '创利 commission'],
    ['服务站', '服务顾问助理', '职能 30%'],
    ['销售部', '大用户经理', '职能 30%'],
    ['VIP会所', 'VIP会所经理', '创利 50% manager'],
    ['行政部', '行政专员', '职能 30%'],
  ])('%s / %s → %s', (d, p, want) => expect(rule(d, p)).toBe(want));

  it('canonicalPosition keeps a title the table lists exactly', () => {
    expect(canonicalPosition('服务站', '服务顾问助理', policy)).toBe('服务顾问助理');
    expect(canonicalPosition('财务部', '财务经理', policy)).toBe('经理');
  });

  it('a scorer role is found under such a title (财务经理 fills the finance sheet)', () => {
    const gm = emp({ id: 'G1', department: '总经理室', position: '总经理' });
    const staff = [
      gm,
      emp({ id: 'F1', department: '财务部', position: '财务经理', managerId: 'G1' }),
      emp({ id: 'C1', department: '客户服务部', position: '客服经理', managerId: 'G1' }),
      emp({ id: 'A1', department: '行政部', position: '行政经理', managerId: 'G1' }),
      emp({ id: 'H1', department: '人力资源部', position: '人力资源专员', managerId: 'G1' }),
      emp({ id: 'S1', department: '服务站', position: '机修工', managerId: 'G1' }),
    ];
    const members = staff.map((e) => placeForMonth(e, '2026-10', policy));
    const { forms, issues } = planForms(members, '2026-10', policy);
    expect(issues).toEqual([]);
    expect(forms.filter((f) => f.kind !== 'goals').map((f) => [f.kind, f.scorerId])).toEqual([
      ['discipline', 'A1'],
      ['discipline', 'G1'],
      ['learning', 'H1'],
      ['customer', 'C1'],
      ['customer', 'G1'],
      ['finance', 'F1'],
    ]);
  });
});

describe('a generic title read as the department’s named position (VIP会所 + 经理)', () => {
  const M = '2026-10';

  it('is placed as the one position the table names there, with a warning on the 岗位 cell', () => {
    expect(classify({ department: 'VIP会所', position: '经理' }, policy)).toMatchObject({ kind: 'category', category: '创利', position: 'VIP会所经理' });
    expect(classify({ department: 'VIP客户会所', position: ' 主管' }, policy)).toMatchObject({ kind: 'category', category: '职能', position: '客户接待主管' });
    const e = emp({ id: '2001', name: '程琳', department: 'VIP会所', position: '经理', fullSalary: '10000' });
    expect(placeForMonth(e, M, policy)).toMatchObject({ category: '创利', excluded: null, payBase: { kind: 'salary', percent: 50, manager: true } });
    const issues = checkRoster([e], policy, (row, field) => (field === 'position' ? `D${row}` : undefined));
    expect(issues).toEqual([
      {
        code: 'roster.generic_title',
        severity: 'warning',
        cell: 'D2',
        found: 'VIP会所 / 经理',
        expected: 'VIP会所经理',
        params: { row: 2, id: '2001', name: '程琳', department: 'VIP会所', position: '经理', named: 'VIP会所经理' },
      },
    ]);
    expect(renderIssue(issues[0], 'zh').message).toContain('已按「VIP会所经理」归类');
  });

  it('is refused with the choices listed when the table names several such positions there', () => {
    const p = policyWith((x) => x.categories.table.push({ department: 'VIP会所', position: '前厅经理', category: '职能' }));
    const e = emp({ id: '2001', name: '程琳', department: 'VIP会所', position: '经理' });
    expect(classify(e, p).kind).toBe('unplaceable');
    const issues = checkRoster([e], p);
    expect(issues.map((i) => [i.code, i.severity, i.expected, i.params?.choices])).toEqual([
      ['roster.generic_title_ambiguous', 'error', 'VIP会所经理 / 前厅经理', 'VIP会所经理、前厅经理'],
    ]);
    expect(renderIssue(issues[0], 'en').hint).toBe('Change the position to one of: VIP会所经理、前厅经理.');
  });

  it('leaves titles the table lists, titles of departments with no such position, and other titles as written', () => {
    expect(canonicalPosition('销售部', '经理', policy)).toBe('经理'); // listed exactly
    expect(canonicalPosition('服务站', '经理', policy)).toBe('经理'); // nothing ending in 经理 there: 服务站 "*" places it
    expect(canonicalPosition('VIP会所', '保安', policy)).toBe('保安');
    expect(checkRoster([emp({ department: '服务站', position: '经理' })], policy)).toEqual([]);
    const off = policyWith((x) => (x.categories.generic_titles = []));
    expect(classify({ department: 'VIP会所', position: '经理' }, off).kind).toBe('unplaceable');
  });
});
