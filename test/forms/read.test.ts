import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import { filled, sampleWorld, type PlanKey, type World } from '../../fixtures/make-bad-forms.js';
import { openWorkbookBytes } from '../../src/sheets/open.js';
import { extractForm } from '../../src/sheets/forms/extract.js';
import { checkForm, type CheckFormContext } from '../../src/checks/form.js';
import { readMeta } from '../../src/checks/meta.js';
import { catalogs, hasMessage, renderIssue } from '../../src/i18n/index.js';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../fixtures/make-bad-forms.js';
import type { Issue } from '../../src/issues.js';

let w: World;
beforeAll(() => {
  w = sampleWorld();
});

/** Save the workbook, open it the way `receive` does, read it and check it. */
async function readBack(
  wb: ExcelJS.Workbook,
  opts: { plan?: PlanKey | null; month?: string; ctx?: Partial<CheckFormContext> } = {},
) {
  const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const o = await openWorkbookBytes(buf, 'x.xlsx');
  if (!o.ok) throw new Error(JSON.stringify(o.issues));
  return checkForm(extractForm(o.wb.workbook, w.template), {
    file: 'x.xlsx',
    expected: { month: opts.month ?? '2026-10', plan: opts.plan === null ? undefined : w.plans[opts.plan ?? 'customer'] },
    roster: w.roster,
    members: w.members,
    policy: w.policy,
    template: w.template,
    ...opts.ctx,
  });
}
const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cell ?? ''}`);

describe('a correctly filled sheet reads clean, with exact rows', () => {
  it('goals: every goal row, in sheet order, and the sign-offs', async () => {
    const r = await readBack(await filled(w, 'goals'), { plan: 'goals' });
    expect(r.issues).toEqual([]);
    expect(r.kind).toBe('goals');
    expect(r.parsed.meta).toEqual({ templateVersion: '2026.1', month: '2026-10', kind: 'goals', scorerId: 'E200', scorerName: '张伟' });
    expect(r.parsed.goals.slice(0, 3)).toEqual([
      { employeeId: 'E201', name: '李强', seq: 1, sectionId: 'kpi', goal: '维修产值', weight: '40', target: '≥ 目标', actual: '达成', score: '105', note: '', cell: 'K2' },
      { employeeId: 'E201', name: '李强', seq: 2, sectionId: 'kpi', goal: '客户回厂率', weight: '30', target: '≥ 目标', actual: '达成', score: '98', note: '', cell: 'K3' },
      { employeeId: 'E201', name: '李强', seq: 3, sectionId: 'kpi', goal: '一次修复率', weight: '30', target: '≥ 目标', actual: '达成', score: '100', note: '', cell: 'K4' },
    ]);
    expect(r.parsed.goals.map((g) => [g.employeeId, g.sectionId, g.weight, g.score, g.cell])).toEqual([
      ['E201', 'kpi', '40', '105', 'K2'],
      ['E201', 'kpi', '30', '98', 'K3'],
      ['E201', 'kpi', '30', '100', 'K4'],
      ['E202', 'kpi', '50', '92.5', 'K10'],
      ['E202', 'kpi', '30', '88', 'K11'],
      ['E202', 'kpi', '20', '110', 'K12'],
      ['E203', 'mbo', '60', '100', 'K18'],
      ['E203', 'mbo', '40', '95', 'K19'],
      ['E203', 'kpi', '50', '102', 'K20'],
      ['E203', 'kpi', '30', '90', 'K21'],
      ['E203', 'kpi', '20', '100', 'K22'],
    ]);
    expect(r.parsed.signOffs).toEqual(
      ['E201', 'E202', 'E203'].map((employeeId) => ({
        employeeId,
        employeeSigned: true,
        managerSigned: true,
        skipManagerSigned: true,
        interviewDate: '2026-11-03',
      })),
    );
    expect(r.parsed.scores).toEqual([]);
  });

  it('finance: scores and commission totals to the fen', async () => {
    const r = await readBack(await filled(w, 'finance'), { plan: 'finance' });
    expect(r.issues).toEqual([]);
    expect(r.parsed.scores).toEqual([
      { employeeId: 'E201', name: '李强', sectionId: 'finance', score: '96', note: '按月度数据', commission: '8650.50', cell: 'F2' },
      { employeeId: 'E202', name: '赵敏', sectionId: 'finance', score: '101.5', note: '按月度数据', commission: '7200.00', cell: 'F3' },
    ]);
  });

  it('customer: each row gets its own section (external for 创利, internal for 职能)', async () => {
    const r = await readBack(await filled(w, 'customer'), { plan: 'customer' });
    expect(r.issues).toEqual([]);
    expect(r.parsed.scores.map((s) => [s.employeeId, s.sectionId, s.score])).toEqual([
      ['E200', 'customer_internal', '100'],
      ['E201', 'customer_external', '96'],
      ['E202', 'customer_external', '101.5'],
      ['E203', 'customer_internal', '99'],
    ]);
  });

  it('learning, discipline and a moved self-score', async () => {
    for (const [k, expected] of [
      ['learning', [['E201', 'learning', '96'], ['E202', 'learning', '101.5']]],
      ['discipline', [['E200', 'discipline', '100'], ['E203', 'discipline', '99']]],
      ['gmCustomer', [['E400', 'customer_internal', '97']]],
    ] as [PlanKey, string[][]][]) {
      const r = await readBack(await filled(w, k), { plan: k });
      expect(r.issues, k).toEqual([]);
      expect(r.parsed.scores.map((s) => [s.employeeId, s.sectionId, s.score]), k).toEqual(expected);
    }
  });

  it('without a plan, the sheet’s own employee list is used', async () => {
    const r = await readBack(await filled(w, 'goals'), { plan: null });
    expect(r.issues).toEqual([]);
    expect(r.parsed.goals).toHaveLength(11);
    expect(r.expected?.map((e) => [e.employeeId, e.sectionIds.join()])).toEqual([
      ['E201', 'kpi'],
      ['E202', 'kpi'],
      ['E203', 'mbo,kpi'],
    ]);
  });

  it('the meta sheet tells which sheet a file is', async () => {
    const wb = await filled(w, 'discipline');
    const m = readMeta(extractForm(wb, w.template), w.template, 'x.xlsx');
    expect(m.issues).toEqual([]);
    expect(m.read?.meta).toEqual({ templateVersion: '2026.1', month: '2026-10', kind: 'discipline', scorerId: 'E600', scorerName: '冯刚' });
    expect(m.read?.employees.map((e) => e.employeeId)).toEqual(['E200', 'E203']);
  });
});

describe('what scorers do to a sheet', () => {
  it('a goal row inserted without 工号 belongs to the employee above', async () => {
    const wb = await filled(w, 'goals');
    const ws = wb.getWorksheet('目标与KPI')!;
    ws.spliceRows(5, 0, [null, null, null, null, null, '关键考核指标KPI', '新增:精品销售', 10, '5 单', '6 单', 120, '插入的行']);
    ws.getCell('H4').value = 20; // 40 + 30 + 20 + 10 = 100
    const r = await readBack(wb, { plan: 'goals' });
    expect(r.issues).toEqual([]);
    const e201 = r.parsed.goals.filter((g) => g.employeeId === 'E201');
    expect(e201.map((g) => [g.goal, g.weight, g.score, g.cell])).toEqual([
      ['维修产值', '40', '105', 'K2'],
      ['客户回厂率', '30', '98', 'K3'],
      ['一次修复率', '20', '100', 'K4'],
      ['新增:精品销售', '10', '120', 'K5'],
    ]);
    // rows below moved down by one: 赵敏 starts at row 11 now
    expect(r.parsed.goals.find((g) => g.employeeId === 'E202')!.cell).toBe('K11');
  });

  it('rows reordered, blank rows between, names with spaces, full-width 工号', async () => {
    const wb = await filled(w, 'customer');
    const ws = wb.getWorksheet('评分表')!;
    const rows = [2, 3, 4, 5].map((r) => (ws.getRow(r).values as ExcelJS.CellValue[]).slice(1));
    for (let r = 2; r <= 5; r++) for (let c = 1; c <= 7; c++) ws.getCell(r, c).value = null;
    ws.getRow(2).values = rows[3];
    ws.getRow(4).values = rows[0];
    ws.getRow(5).values = rows[2];
    ws.getRow(8).values = rows[1];
    ws.getCell('B4').value = '张 伟';
    ws.getCell('A8').value = 'Ｅ２０１';
    const r = await readBack(wb, { plan: 'customer' });
    expect(r.issues).toEqual([]);
    expect(r.parsed.scores.map((s) => [s.employeeId, s.score, s.cell])).toEqual([
      ['E203', '99', 'F2'],
      ['E200', '100', 'F4'],
      ['E202', '101.5', 'F5'],
      ['E201', '96', 'F8'],
    ]);
  });

  it('an inserted column is found by header (extra column: a warning), values still right', async () => {
    const wb = await filled(w, 'customer');
    const ws = wb.getWorksheet('评分表')!;
    ws.spliceColumns(3, 0, ['我的备注', 'a', 'b', 'c', 'd']);
    const r = await readBack(wb, { plan: 'customer' });
    expect(codes(r.issues)).toEqual(['column.extra@C1']);
    expect(r.issues[0].severity).toBe('warning');
    expect(r.parsed.scores.map((s) => [s.employeeId, s.score, s.cell])).toEqual([
      ['E200', '100', 'G2'],
      ['E201', '96', 'G3'],
      ['E202', '101.5', 'G4'],
      ['E203', '99', 'G5'],
    ]);
  });

  it('numbers typed as text, "95分", "９５" and 95% are accepted with a warning', async () => {
    const wb = await filled(w, 'customer');
    const ws = wb.getWorksheet('评分表')!;
    ws.getCell('F2').value = '95';
    ws.getCell('F3').value = '95分';
    ws.getCell('F4').value = '９５';
    ws.getCell('F5').value = 0.95;
    ws.getCell('F5').style = { ...ws.getCell('F5').style, numFmt: '0%' }; // the generated style object is shared (frozen)
    const r = await readBack(wb, { plan: 'customer' });
    expect(r.issues.map((i) => [i.code, i.severity, i.cell, i.found, i.expected])).toEqual([
      ['score.normalised', 'warning', 'F2', '95', '95'],
      ['score.normalised', 'warning', 'F3', '95分', '95'],
      ['score.normalised', 'warning', 'F4', '９５', '95'],
      ['score.normalised', 'warning', 'F5', '95%', '95'],
    ]);
    expect(r.parsed.scores.map((s) => s.score)).toEqual(['95', '95', '95', '95']);
  });

  it('all problems of a sheet are reported together, each with its cell', async () => {
    const wb = await filled(w, 'goals');
    const ws = wb.getWorksheet('目标与KPI')!;
    ws.getCell('K2').value = 131; // out of range
    ws.getCell('B10').value = '赵敏敏'; // name
    ws.getCell('H11').value = 'x'; // weight
    ws.getCell('F18').value = '学习'; // section
    wb.getWorksheet('签字确认')!.getCell('G4').value = null; // skip manager signature
    const r = await readBack(wb, { plan: 'goals' });
    expect(codes(r.issues)).toEqual([
      'score.out_of_range@K2',
      'employee.name_mismatch@B10',
      'weight.invalid@H11',
      'goal.section_invalid@F18',
      'signoff.missing@G4',
    ]);
    const sectionIssue = r.issues.find((i) => i.code === 'goal.section_invalid')!;
    expect(sectionIssue).toMatchObject({ found: '学习', expected: '工作目标(MBO)、关键考核指标KPI', sheet: '目标与KPI', file: 'x.xlsx' });
    // rows with errors are not in the parsed result
    expect(r.parsed.goals.some((g) => g.cell === 'K2' || g.cell === 'K11' || g.cell === 'K18')).toBe(false);
  });

  it('a missing signature is an error when the policy says so', async () => {
    const wb = await filled(w, 'goals');
    wb.getWorksheet('签字确认')!.getCell('E3').value = null;
    wb.getWorksheet('签字确认')!.getCell('H3').value = null;
    const policy = structuredClone(w.policy);
    policy.goals.missing_signature = 'error';
    const r = await readBack(wb, { plan: 'goals', ctx: { policy } });
    expect(r.issues.map((i) => [i.code, i.severity, i.cell, i.params?.missing])).toEqual([
      ['signoff.missing', 'error', 'E3', '员工签字、面谈日期'],
    ]);
  });

  it('not a jixiao sheet: form.no_meta, and the sheet is still read as far as it can be', async () => {
    const wb = await filled(w, 'customer');
    wb.removeWorksheet(wb.getWorksheet('表单信息')!.id);
    const r = await readBack(wb, { plan: null });
    expect(r.issues.map((i) => [i.code, i.params?.missing])).toEqual([['form.no_meta', '表单信息']]);
    expect(r.issues[0].found).toBe('填表说明、评分表');
    expect(r.kind).toBe('customer'); // told by the 考核项目 column
    expect(r.parsed.meta).toBeNull();
    expect(r.parsed.scores).toHaveLength(4);
  });

  it('a workbook with none of the sheets: one clear message', async () => {
    const ExcelJSmod = (await import('exceljs')).default;
    const wb = new ExcelJSmod.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '随便什么';
    const r = await readBack(wb, { plan: null });
    expect(r.issues.map((i) => i.code)).toEqual(['form.no_meta']);
    expect(r.kind).toBeNull();
  });
});

describe('messages', () => {
  const forms = catalogs.forms;
  it('every forms message exists in Chinese and English', () => {
    expect(Object.keys(forms.en).sort()).toEqual(Object.keys(forms.zh).sort());
    for (const k of Object.keys(forms.zh)) if (!k.endsWith('.hint')) expect(forms.zh[`${k}.hint`], k).toBeTruthy();
  });

  it('every Issue code used in src/sheets/forms and src/checks has a message and a hint, in both languages', () => {
    const dirs = [join(repoRoot, 'src', 'sheets', 'forms'), join(repoRoot, 'src', 'checks')];
    const used = new Set<string>();
    for (const d of dirs)
      for (const f of readdirSync(d).filter((x) => x.endsWith('.ts')))
        for (const m of readFileSync(join(d, f), 'utf8').matchAll(
          /'((?:form|employee|score|weight|goals|goal|signoff|cells|cell|commission|form_template)\.[a-z_]+)'/g,
        ))
          used.add(m[1]);
    expect(used.size).toBeGreaterThan(30);
    for (const code of used) {
      expect(hasMessage(`issue.${code}`), code).toBe(true);
      expect(hasMessage(`issue.${code}.hint`), `${code}.hint`).toBe(true);
    }
  });

  it('renders a problem for the clerk, with what was found and expected', async () => {
    const wb = await filled(w, 'customer');
    wb.getWorksheet('评分表')!.getCell('F3').value = 135;
    const r = await readBack(wb, { plan: 'customer' });
    const zh = renderIssue(r.issues[0], 'zh');
    expect(zh.message).toBe('李强(工号 E201)的得分 135 超过了上限 130。');
    expect(zh.hint).toContain('130');
    const en = renderIssue(r.issues[0], 'en');
    expect(en.message).toBe('The score 135 of 李强 (工号 E201) is above the maximum of 130.');
  });
});
