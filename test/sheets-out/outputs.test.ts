import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonthResult } from '../../src/model.js';
import { buildPayrollWorkbook, payrollCsv } from '../../src/sheets/payroll.js';
import { writeMonthOutputs } from '../../src/sheets/month-outputs.js';
import { buildSummaryWorkbook, SUMMARY_SHEETS } from '../../src/sheets/summary-workbook.js';
import { nodeWriteFs, type WriteFs } from '../../src/sheets/write.js';
import { sampleMonth } from './fixture.js';

const load = async (path: string) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
};
const roundTrip = async (wb: ExcelJS.Workbook) => {
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(await wb.xlsx.writeBuffer());
  return back;
};
const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
/** Row number whose first cell equals `label`. */
const findRow = (ws: ExcelJS.Worksheet, label: string, from = 1): number => {
  for (let r = from; r <= ws.rowCount; r++) if (ws.getCell(r, 1).value === label) return r;
  throw new Error(`no row ${label}`);
};
/** Column number by header text in row `headerRow`. */
const colOf = (ws: ExcelJS.Worksheet, header: string, headerRow = 1): number => {
  const i = rowValues(ws, headerRow).indexOf(header);
  if (i < 0) throw new Error(`no column ${header}: ${rowValues(ws, headerRow).join('|')}`);
  return i + 1;
};
const fen = (n: unknown) => Math.round(Number(n) * 100);

const PAYROLL_HEADERS_ZH = ['工号', '姓名', '部门', '类别', '全额工资', '考核基数', '总分', '等级', '绩效工资', '迟交罚款', '实发绩效', '备注'];
const PAYROLL_HEADERS_EN = [
  'Employee ID',
  'Name',
  'Department',
  'Category',
  'Full salary',
  'Pay base',
  'Total score',
  'Grade',
  'Performance pay',
  'Late fine',
  'Net performance pay',
  'Note',
];

describe('writeMonthOutputs → read back', () => {
  let dir: string;
  let summary: ExcelJS.Workbook;
  let payroll: ExcelJS.Workbook;
  let csv: Buffer;
  const month = sampleMonth();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jixiao-out-'));
    const r = await writeMonthOutputs(month, join(dir, 'out', '2026-10'), 'zh', { overwrite: false });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.files.map((f) => f.split(/[\\/]/).pop())).toEqual(['绩效汇总-2026-10.xlsx', '绩效工资表-2026-10.xlsx', '绩效工资表-2026-10.csv']);
    summary = await load(r.files[0]);
    payroll = await load(r.files[1]);
    csv = await readFile(r.files[2]);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('has the summary sheets in the contract order', () => {
    expect(summary.worksheets.map((w) => w.name)).toEqual([...SUMMARY_SHEETS]);
    expect(SUMMARY_SHEETS).toEqual(['汇总', '等级分布', '部门汇总', '打分分析', '迟交罚款', '预警与奖励', '排除人员', '校验问题', '说明']);
  });

  it('汇总: every employee, section columns, formats, frozen header, autofilter, print setup', () => {
    const ws = summary.getWorksheet('汇总')!;
    const header = rowValues(ws, 1);
    expect(header.slice(0, 5)).toEqual(['工号', '姓名', '部门', '岗位', '类别']);
    // one column per section id across both categories (kpi once), 创利 first
    expect(header.slice(5, 12)).toEqual([
      '财务指标',
      '客户/市场(外部客户满意度)',
      '关键考核指标KPI',
      '学习/成长',
      '工作目标(MBO)',
      '客户满意度(内部)',
      '工作纪律(态度/考勤/仪容)',
    ]);
    expect(header.slice(12)).toEqual(['总分', '等级', '考核基数', '绩效工资', '状态', '标记/备注']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, xSplit: 2 });
    expect(ws.autoFilter).toBe('A1:R8');
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' });

    const ids = [2, 3, 4, 5, 6, 7, 8].map((r) => ws.getCell(r, 1).value);
    expect(ids).toEqual(['1001', '1002', '2001', '2002', '3001', '3002', '9001']);
    const pay = colOf(ws, '绩效工资');
    expect(ws.getCell(3, pay).value).toBe(15259.25);
    expect(ws.getCell(3, pay).numFmt).toBe('#,##0.00');
    expect(ws.getCell(3, colOf(ws, '总分')).numFmt).toBe('0.00');
    expect(ws.getCell(3, colOf(ws, '总分')).value).toBe(123.6);

    // appeal: corrected value shown, original in the note and the remarks
    const fin = ws.getCell(2, colOf(ws, '财务指标'));
    expect(fin.value).toBe(110);
    expect(String(fin.note)).toContain('100');
    expect(ws.getCell(2, colOf(ws, '标记/备注')).value).toContain('财务指标:申诉更正 100 → 110');

    // incomplete: missing score visible, status, who is missing
    expect(ws.getCell(6, colOf(ws, '财务指标')).value).toBe('缺');
    expect(ws.getCell(6, colOf(ws, '状态')).value).toBe('未完成(缺分)');
    expect(ws.getCell(6, colOf(ws, '标记/备注')).value).toContain('周敏 4001');
    expect(ws.getCell(8, colOf(ws, '状态')).value).toBe('不参评');

    // totals row: exact sums
    const totals = findRow(ws, '合计');
    expect(totals).toBe(9);
    expect(ws.getCell(totals, pay).value).toBe(27698.75);
    expect(ws.getCell(totals, colOf(ws, '考核基数')).value).toBe(24845.67);
  });

  it('等级分布: per grade with a visible bar, evaluated count, nearest, by department', () => {
    const ws = summary.getWorksheet('等级分布')!;
    expect(rowValues(ws, 1)).toEqual(['等级', '名称', '目标%', '目标人数', '实际人数', '实际%', '差异', '分布图']);
    expect(rowValues(ws, 2)).toEqual(['A', '杰出', 0.05, 0, 1, 0.25, 1, '█']);
    expect(ws.getCell('F4').value).toBe(0.5);
    expect(ws.getCell('F4').numFmt).toBe('0.0%');
    expect(ws.getCell('H4').value).toBe('██');
    // Several tables on this sheet: the first one's header is neither frozen nor repeated on printed pages.
    expect(ws.views ?? []).toEqual([]);
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    const total = findRow(ws, '合计');
    expect(ws.getCell(total, 5).value).toBe(4);
    expect(ws.getCell(total + 1, 1).value).toBe('等级分布(被评估 4 人)');
    const nearest = findRow(ws, '等级边界附近人员');
    expect(rowValues(ws, nearest + 2)).toEqual(['B/C', 105, '1001', '王强', 102, 'C']);
    const dept = findRow(ws, '各部门等级分布(仅供参考)');
    expect(ws.getCell(dept + 2, 1).value).toBe('服务站');
    expect(() => findRow(ws, '校准调整(按排名调整等级,每人最多一级)')).toThrow();
  });

  it('部门汇总: counts, exact averages, pay sums', () => {
    const ws = summary.getWorksheet('部门汇总')!;
    expect(rowValues(ws, 1)).toEqual(['部门', '人数', '已评级', '未完成', '不参评', '平均总分', 'A级人数', 'B级人数', 'C级人数', 'D级人数', 'E级人数', '绩效工资合计']);
    expect(rowValues(ws, 2)).toEqual(['服务站', 2, 2, 0, 0, 112.8, 1, 0, 1, 0, 0, 23419.25]);
    const sales = findRow(ws, '销售部');
    expect(rowValues(ws, sales)).toEqual(['销售部', 2, 0, 1, 1, null, 0, 0, 0, 0, 0, 0].map((v) => v ?? undefined));
    const total = findRow(ws, '合计');
    // (102 + 123.6 + 85.5 + 101.5) / 4 = 103.15
    expect(rowValues(ws, total)).toEqual(['合计', 7, 4, 1, 2, 103.15, 1, 0, 2, 1, 0, 27698.75]);
    expect(ws.getCell(total, 12).numFmt).toBe('#,##0.00');
  });

  it('迟交罚款: lines with dates, 未收到, total', () => {
    const ws = summary.getWorksheet('迟交罚款')!;
    expect(rowValues(ws, 1)).toEqual(['打分人工号', '打分人', '表单', '截止时间', '收到时间', '迟交天数', '罚款']);
    expect(ws.getCell('D2').value).toEqual(new Date('2026-11-04T17:30:00Z')); // Beijing wall clock
    expect(ws.getCell('D2').numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getCell('E3').value).toBe('未收到');
    expect(ws.getCell('G3').value).toBe(1500);
    expect(rowValues(ws, 4)).toEqual(['合计', undefined, undefined, undefined, undefined, 4, 2000]);
  });

  it('预警与奖励 says none; 排除人员 lists reasons; 校验问题 renders issues', () => {
    const c = summary.getWorksheet('预警与奖励')!;
    expect(c.getCell('A2').value).toBe('本月没有预警或奖励。');
    const x = summary.getWorksheet('排除人员')!;
    expect(rowValues(x, 1)).toEqual(['工号', '姓名', '部门', '岗位', '原因']);
    expect([x.getCell('A2').value, x.getCell('A3').value]).toEqual(['3002', '9001']);
    expect(x.getCell('E2').value).toBeTruthy();
    const q = summary.getWorksheet('校验问题')!;
    expect(rowValues(q, 1)).toEqual(['级别', '文件', '工作表', '单元格', '问题', '发现', '应为', '怎么改', '代码']);
    expect(rowValues(q, 2).slice(0, 4)).toEqual(['警告', '刘洋-目标与KPI-2026-10.xlsx', '目标与KPI', 'H7']);
    expect(q.getCell('I2').value).toBe('goals.count');
  });

  it('说明: manifest, reconciliation and every input with its SHA-256', () => {
    const ws = summary.getWorksheet('说明')!;
    const value = (label: string) => ws.getCell(findRow(ws, label), 2).value;
    expect(value('考核月份')).toBe('2026-10');
    expect(value('结账版本(第几次结账)')).toBe(1);
    expect(value('重新结账原因')).toBe('无');
    expect(value('结账时间')).toBe('2026-11-08 10:00');
    expect(value('制度版本')).toBe('2026.1');
    expect(value('工具版本')).toBe('0.1.0');
    expect(value('绩效工资合计(汇总表)')).toBe('27698.75');
    expect(value('绩效工资合计(工资表)')).toBe('27698.75');
    expect(value('汇总表与工资表核对')).toBe('一致');
    const inputs = findRow(ws, '输入文件');
    expect(rowValues(ws, inputs + 1)).toEqual(['文件', 'SHA-256', '表单', '收到时间', '版本']);
    expect(rowValues(ws, inputs + 2).slice(0, 3)).toEqual(['archive/2026-10/goals-9001-v1.xlsx', 'a'.repeat(64), '2026-10/goals/9001']);
    expect(ws.getCell(inputs + 3, 5).value).toBe(2);
  });

  it('every sheet has an A4 landscape print setup and fitted, CJK-aware widths', () => {
    for (const ws of [...summary.worksheets, ...payroll.worksheets]) {
      expect(ws.pageSetup, ws.name).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.getColumn(1).width, ws.name).toBeGreaterThanOrEqual(6);
    }
    const ws = summary.getWorksheet('汇总')!;
    // "客户/市场(外部客户满意度)" is 25 columns wide: wider than its scores
    expect(ws.getColumn(colOf(ws, '客户/市场(外部客户满意度)')).width).toBeGreaterThanOrEqual(25);
  });

  it('绩效工资表: exact columns, lines, totals = sum of lines = summary sums, to the fen', () => {
    expect(payroll.worksheets.map((w) => w.name)).toEqual(['绩效工资表']);
    const ws = payroll.getWorksheet('绩效工资表')!;
    expect(rowValues(ws, 1)).toEqual(PAYROLL_HEADERS_ZH);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBe('A1:L7');
    expect(rowValues(ws, 2)).toEqual(['1001', '王强', '服务站', '创利', 5000, 8000, 102, 'C', 8160, 0, 8160]);
    const gm = rowValues(ws, 7);
    expect(gm.slice(0, 4)).toEqual(['9001', '赵总', '总经办', undefined]);
    expect(gm.slice(8, 11)).toEqual([0, 500, -500]);
    expect(ws.getCell('L6').value).toBe("'=cmd|' /C calc'!A0");

    const totals = findRow(ws, '合计');
    expect(totals).toBe(8);
    for (const c of [5, 6, 9, 10, 11]) {
      expect(ws.getCell(totals, c).numFmt).toBe('#,##0.00');
      expect(ws.getCell(2, c).numFmt).toBe('#,##0.00');
      let sumFen = 0;
      for (let r = 2; r < totals; r++) sumFen += fen(ws.getCell(r, c).value ?? 0);
      expect(fen(ws.getCell(totals, c).value), `column ${c}`).toBe(sumFen);
    }
    expect(rowValues(ws, totals)).toEqual(['合计', undefined, undefined, undefined, 58500, 24845.67, undefined, undefined, 27698.75, 2000, 25698.75]);

    // reconcile with the summary workbook
    const s = summary.getWorksheet('汇总')!;
    expect(fen(ws.getCell(totals, 9).value)).toBe(fen(s.getCell(findRow(s, '合计'), colOf(s, '绩效工资')).value));
    const f = summary.getWorksheet('迟交罚款')!;
    expect(fen(ws.getCell(totals, 10).value)).toBe(fen(f.getCell(findRow(f, '合计'), 7).value));
  });

  it('CSV: BOM, exact header, CRLF, RFC 4180 quoting, plain money, guarded text, totals', () => {
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.subarray(3).toString('utf8');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // CRLF only
    expect(parseCsv(text).map((r) => r.length)).toEqual(Array(8).fill(12));
    const lines = text.split('\r\n').slice(0, -1);
    expect(lines[0]).toBe(PAYROLL_HEADERS_ZH.join(','));
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe('1001,王强,服务站,创利,5000.00,8000.00,102.00,C,8160.00,0.00,8160.00,');
    expect(lines[2]).toBe('1002,李娜,服务站,创利,4500.00,12345.67,123.60,A,15259.25,0.00,15259.25,');
    expect(lines[5]).toBe("3001,陈静,销售部,创利,4000.00,,,,0.00,0.00,0.00,'=cmd|' /C calc'!A0");
    expect(lines[6]).toBe('9001,赵总,总经办,,30000.00,,,,0.00,500.00,-500.00,"不参加本月考核,仅扣迟交罚款, ""目标表"""');
    expect(lines[7]).toBe('合计,,,,58500.00,24845.67,,,27698.75,2000.00,25698.75,');
    expect(parseCsv(text)[6][11]).toBe('不参加本月考核,仅扣迟交罚款, "目标表"');
  });

  it('refuses to overwrite existing outputs, and writes with overwrite', async () => {
    const out = join(dir, 'out', '2026-10');
    const before = await readFile(join(out, '绩效工资表-2026-10.csv'));
    const again = await writeMonthOutputs(month, out, 'zh', { overwrite: false });
    expect(again.ok === false && again.code).toBe('output.exists');
    expect(await readFile(join(out, '绩效工资表-2026-10.csv'))).toEqual(before);
    const changed = { ...sampleMonth(), revision: 2, reopenReason: '申诉更正' };
    const forced = await writeMonthOutputs(changed, out, 'zh', { overwrite: true });
    expect(forced.ok).toBe(true);
    const s = await load(join(out, '绩效汇总-2026-10.xlsx'));
    const ws = s.getWorksheet('说明')!;
    expect(ws.getCell(findRow(ws, '重新结账原因'), 2).value).toBe('申诉更正');
    expect((await readdir(out)).sort()).toEqual(['绩效工资表-2026-10.csv', '绩效工资表-2026-10.xlsx', '绩效汇总-2026-10.xlsx']);
  });

  it('one locked output (open in Excel) → output.locked, and no output is changed', async () => {
    const out = join(dir, 'out', '2026-10');
    const names = ['绩效汇总-2026-10.xlsx', '绩效工资表-2026-10.xlsx', '绩效工资表-2026-10.csv'];
    await Promise.all(names.map((n, i) => writeFile(join(out, n), `old ${i}`)));
    const fs: Partial<WriteFs> = {
      rename: async (from, to) => {
        if (to.endsWith('绩效工资表-2026-10.xlsx')) throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
        return nodeWriteFs.rename(from, to);
      },
    };
    const r = await writeMonthOutputs(month, out, 'zh', { overwrite: true, fs });
    expect(r).toMatchObject({ ok: false, code: 'output.locked' });
    expect(await Promise.all(names.map((n) => readFile(join(out, n), 'utf8')))).toEqual(['old 0', 'old 1', 'old 2']);
    expect((await readdir(out)).sort()).toEqual([...names].sort());
  });

  it('a read-only output folder is reported, not thrown', async () => {
    if (process.getuid?.() === 0) return; // root ignores permissions; the injected cases cover it
    const ro = join(dir, 'ro');
    await writeMonthOutputs(month, ro, 'zh', { overwrite: false });
    await chmod(ro, 0o555);
    try {
      const r = await writeMonthOutputs(month, ro, 'zh', { overwrite: true });
      expect(r).toMatchObject({ ok: false, code: 'output.locked' });
    } finally {
      await chmod(ro, 0o755);
    }
  });
});

describe('language and variants', () => {
  it('English headers and text; sheet names stay Chinese', async () => {
    const s = await roundTrip(buildSummaryWorkbook(sampleMonth(), 'en'));
    expect(s.worksheets.map((w) => w.name)).toEqual([...SUMMARY_SHEETS]);
    const ws = s.getWorksheet('汇总')!;
    expect(rowValues(ws, 1).slice(0, 5)).toEqual(['Employee ID', 'Name', 'Department', 'Position', 'Category']);
    expect(ws.getCell('E2').value).toBe('profit');
    expect(s.getWorksheet('预警与奖励')!.getCell('A2').value).toBe('No warnings or awards this month.');
    const p = await roundTrip(buildPayrollWorkbook(sampleMonth(), 'en'));
    expect(rowValues(p.getWorksheet('绩效工资表')!, 1)).toEqual(PAYROLL_HEADERS_EN);
    expect(p.getWorksheet('绩效工资表')!.getCell('A8').value).toBe('Total');
    const csv = payrollCsv(sampleMonth(), 'en').subarray(3).toString('utf8');
    expect(csv.split('\r\n')[0]).toBe(PAYROLL_HEADERS_EN.join(','));
  });

  it('a reopened revision says it is a correction in the CSV and the payroll workbook; a first close does not', async () => {
    const first = payrollCsv(sampleMonth(), 'zh').subarray(3).toString('utf8');
    expect(first).not.toContain('更正');
    const m: MonthResult = { ...sampleMonth(), revision: 3, reopenReason: '张三申诉已批准, 重新计算' };
    const lines = payrollCsv(m, 'zh').subarray(3).toString('utf8').split('\r\n');
    // The header stays the first line (imports map it); the notice follows the totals row, quoted (it holds commas).
    expect(lines[0]).toBe(PAYROLL_HEADERS_ZH.join(','));
    expect(lines.at(-3)!.startsWith('合计,')).toBe(true);
    expect(lines.at(-2)).toBe(
      '"更正:本表是 2026-10 绩效工资的第 3 版,替代第 2 版。已按第 2 版发放的,请按""补发扣回""清单在下次发薪时处理,不要重复发放。更正原因:张三申诉已批准, 重新计算"',
    );
    expect(lines.at(-1)).toBe('');
    const en = payrollCsv(m, 'en').subarray(3).toString('utf8');
    expect(en).toContain('CORRECTION: this is revision 3 of the 2026-10 performance pay and replaces revision 2.');
    const p = await roundTrip(buildPayrollWorkbook(m, 'zh'));
    const ws = p.getWorksheet('绩效工资表')!;
    expect(ws.headerFooter.oddHeader).toContain('绩效工资表 2026-10(第 3 版·更正)');
    expect(String(ws.getCell(ws.rowCount, 1).value)).toMatch(/^更正:本表是 2026-10 绩效工资的第 3 版,替代第 2 版/);
    const plain = await roundTrip(buildPayrollWorkbook(sampleMonth(), 'zh'));
    expect(plain.getWorksheet('绩效工资表')!.headerFooter.oddHeader).not.toContain('更正');
  });

  it('calibrated month: band and final grade, changes, ties and shortfall', async () => {
    const m: MonthResult = sampleMonth();
    m.employees[2] = { ...m.employees[2], grade: 'C' }; // 张伟 D → C
    m.distribution.calibration = {
      changes: [{ employeeId: '2001', name: '张伟', total: '85.50', from: 'D', to: 'C' }],
      unresolvedTies: [{ grade: 'B', total: '101.50', employees: [{ employeeId: '2002', name: '刘洋' }, { employeeId: '2003', name: '=HYPERLINK("x")' }] }],
      shortfall: [{ grade: 'B', target: 1, actual: 0 }],
    };
    const s = await roundTrip(buildSummaryWorkbook(m, 'zh'));
    const ws = s.getWorksheet('汇总')!;
    const band = colOf(ws, '分段等级');
    expect(colOf(ws, '校准后等级')).toBe(band + 1);
    expect([ws.getCell(4, band).value, ws.getCell(4, band + 1).value]).toEqual(['D', 'C']);
    const d = s.getWorksheet('等级分布')!;
    const ch = findRow(d, '校准调整(按排名调整等级,每人最多一级)');
    expect(rowValues(d, ch + 2)).toEqual(['2001', '张伟', 85.5, 'D', 'C']);
    const ties = findRow(d, '未能区分的同分人员(请经理决定)');
    expect(d.getCell(ties + 2, 3).value).toBe('刘洋(2002);=HYPERLINK("x")(2003)');
    const sf = findRow(d, '校准后与目标人数的差距');
    expect(rowValues(d, sf + 2)).toEqual(['B', 1, 0, -1]);
  });

  it('an empty month still builds every sheet with "none" rows', async () => {
    const m: MonthResult = {
      ...sampleMonth(),
      employees: [],
      payroll: [],
      fines: [],
      issues: [],
      inputs: [],
      incomplete: [],
      distribution: { evaluated: 0, rows: [], byDepartment: [], nearest: [], calibration: null },
    };
    const s = await roundTrip(buildSummaryWorkbook(m, 'zh'));
    expect(s.getWorksheet('迟交罚款')!.getCell('A2').value).toBe('本月没有迟交罚款。');
    expect(s.getWorksheet('校验问题')!.getCell('A2').value).toBe('没有校验问题。');
    expect(s.getWorksheet('排除人员')!.getCell('A2').value).toBe('本月没有排除人员。');
    const csv = payrollCsv(m, 'zh').subarray(3).toString('utf8');
    expect(csv).toBe(`${PAYROLL_HEADERS_ZH.join(',')}\r\n合计,,,,0.00,0.00,,,0.00,0.00,0.00,\r\n`);
  });

  it('guards injected text in every text cell of the summary', async () => {
    const m = sampleMonth();
    m.employees[0] = { ...m.employees[0], name: '=1+1', department: '@SUM(A1)', position: '－岗位' };
    const s = await roundTrip(buildSummaryWorkbook(m, 'zh'));
    const ws = s.getWorksheet('汇总')!;
    expect(rowValues(ws, 2).slice(1, 4)).toEqual(["'=1+1", "'@SUM(A1)", "'－岗位"]);
    expect(s.getWorksheet('部门汇总')!.getCell('A2').value).toBe("'@SUM(A1)");
    s.eachSheet((w) =>
      w.eachRow((row) =>
        row.eachCell((c) => {
          expect(typeof c.value === 'object' && c.value !== null && 'formula' in c.value, `${w.name}!${c.address}`).toBe(false);
        }),
      ),
    );
  });
});

/** A small RFC 4180 reader for the test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  return rows;
}
