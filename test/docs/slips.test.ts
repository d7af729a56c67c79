/**
 * Result slips from a small hand-made closed month (test/sheets-out/fixture.ts): who gets one,
 * ranks with ties, and the .docx read back — sections, goal rows, total, grade, pay to the fen,
 * fines as a scorer, the sign-off lines, no placeholder left; a broken template is refused.
 */
import { describe, expect, it } from 'vitest';
import PizZip from 'pizzip';
import { sampleMonth } from '../sheets-out/fixture.js';
import { planSlips } from '../../src/domain/slip.js';
import { slipsDocx } from '../../src/docs/slip-docx.js';
import { slipTemplateBytes, SLIP_SCHEMA } from '../../src/docs/slip-template.js';
import { defaultPolicy } from '../domain/helpers.js';
import type { GoalRow } from '../../src/model.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { templatesDir } from '../../src/app/paths.js';

const people = {
  managers: new Map([
    ['1001', { managerId: '1000', skipManagerId: null }],
    ['1002', { managerId: '1000', skipManagerId: '9001' }],
    ['1000', { managerId: '9001', skipManagerId: null }],
  ]),
  names: new Map([
    ['1000', '赵经理'],
    ['9001', '钱总'],
    ['4001', '周敏'],
    ['5001', '吴丽'],
    ['2001', '张伟'],
  ]),
};
const goal = (employeeId: string, seq: number, goalText: string, weight: string, score: string): GoalRow => ({
  employeeId,
  name: '',
  seq,
  sectionId: 'kpi',
  goal: goalText,
  weight,
  target: '20台',
  actual: '23台',
  score,
  note: '',
});
const goals = [goal('1001', 2, '精品加装率', '40', '95'), goal('1001', 1, '销售台次', '60', '103.5')];

/** Text of each page of a .docx (split at the page breaks). */
const pages = (bytes: Buffer): string[] =>
  new PizZip(bytes)
    .file('word/document.xml')!
    .asText()
    .split('<w:br w:type="page"/>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''));

describe('planSlips', () => {
  it('a slip per graded employee only; incomplete listed, excluded listed, none of them slipped', () => {
    const plan = planSlips(sampleMonth(), goals, people);
    const graded = sampleMonth().employees.filter((e) => e.status === 'graded').map((e) => e.employeeId);
    expect(plan.slips.map((s) => s.employeeId)).toEqual(graded);
    expect(plan.incomplete.map((e) => e.employeeId)).toEqual(['3001']);
    expect(plan.excluded.map((e) => e.employeeId)).toEqual(['3002', '9001']);
  });

  it('ranks within the department; equal totals share a rank (1, 2, 2, 4)', () => {
    const m = sampleMonth();
    const svc = m.employees.filter((e) => e.department === '服务站' && e.status === 'graded');
    // four people in one department: 123.60, 102.00, 102.00, 99.00
    const extra = [
      { ...svc[0], employeeId: '1003', name: '孙', total: '102.00' },
      { ...svc[0], employeeId: '1004', name: '周', total: '99.00' },
    ];
    m.employees.push(...extra);
    const plan = planSlips(m, [], people, { department: '服务站' });
    expect(plan.slips.map((s) => [s.employeeId, s.rank, s.rankOf, s.tied])).toEqual([
      ['1001', 2, 4, true],
      ['1002', 1, 4, false],
      ['1003', 2, 4, true],
      ['1004', 4, 4, false],
    ]);
  });

  it('--employee picks one person; the skip manager falls back to the manager’s manager', () => {
    const [s] = planSlips(sampleMonth(), goals, people, { employeeId: '1001' }).slips;
    expect([s.managerName, s.skipManagerName]).toEqual(['赵经理', '钱总']);
    expect(s.goals.map((g) => g.goal)).toEqual(['销售台次', '精品加装率']); // by 序号
    expect(s.sections[0]).toMatchObject({ name: '财务指标', score: '110.00', original: '100.00', scorerName: '周敏' });
  });
});

describe('the slip .docx', () => {
  const policy = defaultPolicy();
  const plan = planSlips(sampleMonth(), goals, people);

  it('one page per slip; each page has its sections, goals, total, grade, pay to the fen, sign-off, no placeholder', () => {
    const r = slipsDocx(slipTemplateBytes(), plan.slips, policy, 'zh');
    expect(r.ok).toBe(true);
    const p = pages((r as { bytes: Buffer }).bytes);
    expect(p).toHaveLength(plan.slips.length);
    const wang = p[0];
    expect(wang).toContain('姓名:王强');
    expect(wang).toContain('财务指标40%110.00(申述更正,原 100.00)周敏(4001)');
    expect(wang).toContain('关键考核指标KPI30%100.00赵经理(1000)');
    expect(wang).toContain('关键考核指标KPI1销售台次6020台23台103.50');
    expect(wang).toContain('总分:102.00');
    expect(wang).toContain('等级:C 良好');
    expect(wang).toContain('提成工资总额 8000.00 元 × 总分 102.00 ÷ 100 = 8160.00 元');
    for (const line of ['员工签字:', '直接经理签字:', '姓名:赵经理', '隔级经理签字:', '姓名:钱总', '面谈日期:']) expect(wang).toContain(line);
    // 2001 was fined 1,500 yuan as a scorer; a salaried base with its formula
    const zhang = p[plan.slips.findIndex((s) => s.employeeId === '2001')];
    expect(zhang).toContain('罚款 1500.00 元');
    expect(zhang).toContain('考核基数 1800.00 元(全额工资 6000.00 元的 30%)× 总分 85.50 ÷ 100 = 1539.00 元');
    expect(zhang).toContain('学习/成长表至结账时未收到,迟交 3 天,罚款 1500.00 元');
    expect(zhang).not.toContain('二、目标'); // no goal rows: the goals block is left out
    for (const page of p) expect(page).not.toMatch(/[{}]|undefined|NaN/);
  });

  it('English sentences under --lang en', () => {
    const r = slipsDocx(slipTemplateBytes(), plan.slips.slice(0, 1), policy, 'en');
    expect(pages((r as { bytes: Buffer }).bytes)[0]).toContain('commission total 8000.00 yuan × total 102.00 ÷ 100 = 8160.00 yuan');
  });

  it('the committed template is the one the code builds, and uses every placeholder of its schema', () => {
    const committed = readFileSync(path.join(templatesDir, 'slips', '绩效结果确认单.docx'));
    const xml = (b: Buffer) => new PizZip(b).file('word/document.xml')!.asText();
    expect(xml(committed)).toBe(xml(slipTemplateBytes()));
    const text = xml(committed);
    for (const tag of [...SLIP_SCHEMA.scalars, ...Object.values(SLIP_SCHEMA.loops).flat()]) expect(text, tag).toContain(`{${tag}}`);
  });

  it('a template with a broken placeholder is refused with the reason, not a half-filled slip', () => {
    const zip = new PizZip(slipTemplateBytes());
    zip.file('word/document.xml', zip.file('word/document.xml')!.asText().replace('{总分}', '{总分'));
    const r = slipsDocx(zip.generate({ type: 'nodebuffer' }), plan.slips, policy, 'zh');
    expect(r.ok).toBe(false);
    expect((r as { detail: string }).detail).toMatch(/总分/);
    const unknown = new PizZip(slipTemplateBytes());
    unknown.file('word/document.xml', unknown.file('word/document.xml')!.asText().replace('{总分}', '{奖金}'));
    const u = slipsDocx(unknown.generate({ type: 'nodebuffer' }), plan.slips, policy, 'zh');
    expect(u).toMatchObject({ ok: false });
    expect((u as { detail: string }).detail).toContain('奖金');
  });
});
