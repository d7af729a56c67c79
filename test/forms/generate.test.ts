import { beforeAll, describe, expect, it } from 'vitest';
import type ExcelJS from 'exceljs';
import {
  GENERATED_AT,
  colOf,
  deadlineText,
  fileNameOf,
  generate,
  roundTrip,
  sampleWorld,
  type PlanKey,
  type World,
} from '../../fixtures/make-bad-forms.js';
import { buildForm, formFileName, formFileNames } from '../../src/sheets/forms/generate.js';
import { cjkWidth } from '../../src/sheets/write.js';

let w: World;
const books = new Map<PlanKey, ExcelJS.Workbook>();
beforeAll(async () => {
  w = sampleWorld();
  for (const k of ['goals', 'finance', 'customer', 'learning', 'discipline', 'gmCustomer'] as PlanKey[])
    books.set(k, await roundTrip(generate(w, k)));
});

const sheet = (k: PlanKey, name: string) => {
  const ws = books.get(k)!.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
};
const prot = (ws: ExcelJS.Worksheet) =>
  (ws as unknown as { sheetProtection?: Record<string, unknown> }).sheetProtection ?? {};
const locked = (c: ExcelJS.Cell) => c.protection?.locked !== false;
const dv = (c: ExcelJS.Cell) => c.dataValidation as ExcelJS.DataValidation | undefined;

/** Meta sheet as key → value. */
function meta(k: PlanKey): Record<string, string> {
  const ws = sheet(k, '表单信息');
  const out: Record<string, string> = {};
  for (let r = 1; r <= ws.rowCount; r++) {
    const key = ws.getCell(r, 1).value;
    if (key) out[String(key)] = String(ws.getCell(r, 2).value ?? '');
  }
  return out;
}
function metaEmployees(k: PlanKey): string[][] {
  const ws = sheet(k, '表单信息');
  const rows: string[][] = [];
  for (let r = 3; r <= ws.rowCount; r++) {
    const id = ws.getCell(r, 5).value;
    if (id) rows.push([5, 6, 7, 8].map((c) => String(ws.getCell(r, c).value ?? '')));
  }
  return rows;
}

describe('goals sheet (direct manager)', () => {
  it('has the sheets in order, with the meta and list sheets hidden', () => {
    const wb = books.get('goals')!;
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['填表说明', 'visible'],
      ['目标与KPI', 'visible'],
      ['签字确认', 'visible'],
      ['选项', 'hidden'],
      ['表单信息', 'veryHidden'],
    ]);
  });

  it('has the headers of the template, frozen, with styled header and print setup', () => {
    const ws = sheet('goals', '目标与KPI');
    expect(ws.getRow(1).values).toEqual([
      undefined,
      '工号',
      '姓名',
      '部门',
      '岗位',
      '序号',
      '所属项目',
      '指标/目标',
      '权重%',
      '目标值',
      '实际值',
      '得分',
      '说明',
      '本项权重合计',
    ]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
  });

  it('gives each employee rows_per_employee rows, prefilled and locked', () => {
    const ws = sheet('goals', '目标与KPI');
    const n = w.policy.goals.rows_per_employee;
    const ids: string[] = [];
    for (let r = 2; r <= ws.rowCount; r++) ids.push(String(ws.getCell(r, 1).value));
    expect(ids).toEqual([...Array(n).fill('E201'), ...Array(n).fill('E202'), ...Array(n).fill('E203')]);
    expect(ws.getCell('B2').value).toBe('李强');
    expect(ws.getCell('C2').value).toBe('服务站');
    expect(ws.getCell('D2').value).toBe('服务顾问');
    expect(ws.getCell('E3').value).toBe(2); // 序号
    for (const a of ['A2', 'B2', 'C2', 'D2', 'A25', 'B25', 'M2']) expect(locked(ws.getCell(a)), a).toBe(true);
    for (const a of ['E2', 'F2', 'G2', 'H2', 'I2', 'J2', 'K2', 'L2', 'K25']) expect(locked(ws.getCell(a)), a).toBe(false);
  });

  it('protects every sheet, allowing input cells, and rows to be inserted', () => {
    const wb = books.get('goals')!;
    for (const ws of wb.worksheets) expect(prot(ws).sheet, ws.name).toBe(true);
    expect(prot(sheet('goals', '目标与KPI'))).toMatchObject({ insertRows: true, formatColumns: true });
    expect(prot(sheet('goals', '目标与KPI')).hashValue).toBeUndefined(); // no password by default
  });

  it('所属项目 is a drop-down referring to the hidden list sheet, per category', () => {
    const ws = sheet('goals', '目标与KPI');
    const profit = dv(ws.getCell('F2'))!;
    expect(profit.type).toBe('list');
    expect(profit.formulae).toEqual(["'选项'!$A$2:$A$2"]);
    expect(dv(ws.getCell('F17'))!.formulae).toEqual(["'选项'!$A$2:$A$2"]); // 赵敏, also 创利
    expect(dv(ws.getCell('F18'))!.formulae).toEqual(["'选项'!$B$2:$B$3"]); // 孙丽, 职能
    const lists = sheet('goals', '选项');
    expect([lists.getCell('A1').value, lists.getCell('A2').value, lists.getCell('A3').value]).toEqual(['创利', '关键考核指标KPI', null]);
    expect([lists.getCell('B1').value, lists.getCell('B2').value, lists.getCell('B3').value]).toEqual([
      '职能',
      '工作目标(MBO)',
      '关键考核指标KPI',
    ]);
    // 创利 rows have only one choice: prefilled; 职能 rows are left to choose
    expect(ws.getCell('F2').value).toBe('关键考核指标KPI');
    expect(ws.getCell('F18').value).toBeNull();
  });

  it('得分 accepts decimals 0–130 with an input message; 权重% 0–100', () => {
    const ws = sheet('goals', '目标与KPI');
    const s = dv(ws.getCell('K2'))!;
    expect(s).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 130], showInputMessage: true, showErrorMessage: true });
    expect(s.prompt).toContain('0–130');
    expect(dv(ws.getCell('K25'))).toMatchObject({ type: 'decimal', formulae: [0, 130] });
    expect(dv(ws.getCell('H9'))).toMatchObject({ type: 'decimal', formulae: [0, 100] });
  });

  it('has a weight-check formula per row', () => {
    const ws = sheet('goals', '目标与KPI');
    const f = (ws.getCell('M2').value as ExcelJS.CellFormulaValue).formula;
    expect(f).toBe('IF($H2="","",SUMIFS($H:$H,$A:$A,$A2,$F:$F,$F2))');
  });

  it('fits column widths to the CJK text', () => {
    const ws = sheet('goals', '目标与KPI');
    for (let c = 1; c <= ws.columnCount; c++) {
      const header = String(ws.getCell(1, c).value);
      expect(ws.getColumn(c).width!, header).toBeGreaterThanOrEqual(cjkWidth(header) + 2);
    }
    expect(ws.getColumn(colOf(ws, '指标/目标')).width).toBeGreaterThanOrEqual(30);
  });

  it('has a sign-off sheet with one row per employee', () => {
    const so = sheet('goals', '签字确认');
    expect(so.getRow(1).values).toEqual([undefined, '工号', '姓名', '部门', '岗位', '员工签字', '直接经理签字', '隔级经理签字', '面谈日期', '说明']);
    expect([2, 3, 4].map((r) => so.getCell(r, 1).value)).toEqual(['E201', 'E202', 'E203']);
    expect(so.rowCount).toBe(4);
    expect(locked(so.getCell('A2'))).toBe(true);
    for (const a of ['E2', 'F2', 'G2', 'H2', 'I2']) expect(locked(so.getCell(a)), a).toBe(false);
    expect(dv(so.getCell('H3'))).toMatchObject({ type: 'date' });
    expect(so.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('writes the meta sheet: version, month, kind, scorer, sections, time, expected employees', () => {
    expect(meta('goals')).toMatchObject({
      jixiao_form: 'jixiao-form/1',
      template_version: '2026.1',
      month: '2026-10',
      kind: 'goals',
      scorer_id: 'E200',
      scorer_name: '张伟',
      scorer_role: 'direct_manager',
      section_ids: 'kpi,mbo',
      deadline: '2026-11-04T17:30:00+08:00',
      generated_at: GENERATED_AT,
    });
    expect(metaEmployees('goals')).toEqual([
      ['E201', '李强', '创利', 'kpi'],
      ['E202', '赵敏', '创利', 'kpi'],
      ['E203', '孙丽', '职能', 'mbo,kpi'],
    ]);
  });

  it('explains what to do, with month, deadline, fine and scorer', () => {
    const ws = sheet('goals', '填表说明');
    const text = ws.getColumn(1).values.filter(Boolean).join('\n');
    expect(text).toContain('2026年10月');
    expect(text).toContain(deadlineText(w.plans.goals)); // 2026年11月4日 17:30
    expect(text).toContain('罚款 500 元');
    expect(text).toContain('张伟(工号 E200)');
    expect(text).toContain('3–8 个');
    expect(text).not.toMatch(/\{\w+\}/);
  });
});

describe('single-score sheets', () => {
  it('finance: one row per employee, 提成工资总额 open for 创利 staff', () => {
    const ws = sheet('finance', '评分表');
    expect(ws.getRow(1).values).toEqual([undefined, '工号', '姓名', '部门', '岗位', '考核项目', '得分', '提成工资总额(元)', '说明']);
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('E2').value]).toEqual(['E201', '李强', '财务指标']);
    expect(ws.rowCount).toBe(3);
    for (const a of ['A2', 'B2', 'C2', 'D2', 'E2']) expect(locked(ws.getCell(a)), a).toBe(true);
    for (const a of ['F2', 'G2', 'H2', 'G3']) expect(locked(ws.getCell(a)), a).toBe(false);
    expect(dv(ws.getCell('F3'))).toMatchObject({ type: 'decimal', formulae: [0, 130] });
    expect(dv(ws.getCell('G2'))).toMatchObject({ type: 'decimal', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(ws.getCell('G2').numFmt).toBe('#,##0.00');
    expect(prot(ws).sheet).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(books.get('finance')!.worksheets.map((s) => s.name)).toEqual(['填表说明', '评分表', '表单信息']);
  });

  it('customer: 创利 and 职能 staff on one sheet, each row naming its section', () => {
    const ws = sheet('customer', '评分表');
    const rows = [2, 3, 4, 5].map((r) => [ws.getCell(r, 1).value, ws.getCell(r, 5).value]);
    expect(rows).toEqual([
      ['E200', '客户满意度(内部)'],
      ['E201', '客户/市场(外部客户满意度)'],
      ['E202', '客户/市场(外部客户满意度)'],
      ['E203', '客户满意度(内部)'],
    ]);
    expect(metaEmployees('customer').map((r) => [r[0], r[2], r[3]])).toEqual([
      ['E200', '职能', 'customer_internal'],
      ['E201', '创利', 'customer_external'],
      ['E202', '创利', 'customer_external'],
      ['E203', '职能', 'customer_internal'],
    ]);
    expect(meta('customer').section_ids).toBe('customer_external,customer_internal');
  });

  it('learning and discipline: 得分 and 说明 only, validated', () => {
    for (const k of ['learning', 'discipline'] as PlanKey[]) {
      const ws = sheet(k, '评分表');
      expect(ws.getRow(1).values).toEqual([undefined, '工号', '姓名', '部门', '岗位', '考核项目', '得分', '说明']);
      expect(dv(ws.getCell('F2'))).toMatchObject({ type: 'decimal', formulae: [0, 130] });
      expect(meta(k).kind).toBe(k);
    }
    expect(sheet('discipline', '评分表').getCell('E2').value).toBe('工作纪律(态度/考勤/仪容)');
  });

  it('a moved self-score goes on the manager’s sheet as a normal row', () => {
    const ws = sheet('gmCustomer', '评分表');
    expect([ws.getCell('A2').value, ws.getCell('B2').value, ws.getCell('E2').value]).toEqual(['E400', '吴芳', '客户满意度(内部)']);
    expect(meta('gmCustomer')).toMatchObject({ scorer_id: 'E100', scorer_role: 'direct_manager' });
  });
});

describe('file names and cell safety', () => {
  it('names a file by month, department, scorer and kind', () => {
    expect(fileNameOf(w, 'goals')).toBe('2026-10_服务站_张伟_目标与KPI.xlsx');
    expect(fileNameOf(w, 'finance')).toBe('2026-10_财务部_周敏_财务指标.xlsx');
  });

  it('sanitises names and keeps them unique', () => {
    const t = w.template;
    const plan = { month: '2026-10', kind: 'learning' as const };
    expect(formFileName(plan, { id: 'E1', name: 'a/b:c*?', department: '..售后<部>' }, t)).toBe('2026-10_售后-部-_a-b-c-_学习成长.xlsx');
    const names = formFileNames(
      [
        { plan, scorer: { id: 'E1', name: '张伟', department: '服务站' } },
        { plan, scorer: { id: 'E2', name: '张伟', department: '服务站' } },
        { plan, scorer: { id: 'E3', name: '李强', department: '服务站' } },
      ],
      t,
    );
    expect(names).toEqual(['2026-10_服务站_张伟_E1_学习成长.xlsx', '2026-10_服务站_张伟_E2_学习成长.xlsx', '2026-10_服务站_李强_学习成长.xlsx']);
  });

  it('guards prefilled text against formula injection', async () => {
    const members = new Map(w.members);
    const m = members.get('E201')!;
    members.set('E201', { ...m, employee: { ...m.employee, name: '=HYPERLINK("http://x","点我")' } });
    const wb = await roundTrip(
      buildForm(w.plans.learning, {
        members,
        scorer: w.roster.get('E500')!,
        policy: w.policy,
        template: w.template,
        deadlineText: 'x',
        generatedAt: GENERATED_AT,
      }),
    );
    const c = wb.getWorksheet('评分表')!.getCell('B2');
    expect(c.value).toBe(`'=HYPERLINK("http://x","点我")`);
    expect(c.type).not.toBe(6 /* formula */);
  });
});
