/**
 * Issue 5, part A — outputs opened by real clients.
 *
 * The month's outputs (summary workbook, payroll xlsx and CSV) are written by
 * writeMonthOutputs exactly as `close` writes them, then:
 *  - LibreOffice opens both workbooks and exports every sheet to UTF-8 CSV, twice: raw
 *    values with text cells quoted (so text "00123" and number 123 differ), and as shown
 *    on screen (so number formats are proven: "8,000.00", "62.5%", "2026-11-04 17:30");
 *    every cell is compared with what we meant to write (test/interop/grid.ts);
 *  - openpyxl (a second xlsx library) opens them: same values and types, and the frozen
 *    panes, autofilters, number formats and print setup exist as written;
 *  - the payroll CSV is read by Python's csv module (utf-8-sig, like a payroll import
 *    script) and imported by LibreOffice: the same Chinese text and numbers as the xlsx.
 * The English outputs go through LibreOffice as well (no catalog key or placeholder leaks).
 */
import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import { renderIssue, t } from '../../src/i18n/index.js';
import type { MonthResult } from '../../src/model.js';
import { buildPayrollWorkbook, payrollCsv } from '../../src/sheets/payroll.js';
import { writeMonthOutputs } from '../../src/sheets/month-outputs.js';
import { buildSummaryWorkbook } from '../../src/sheets/summary-workbook.js';
import { workbookBytes } from '../../src/sheets/write.js';
import { BMP_NAME, interopMonth, ZERO_ID } from './fixture.js';
import { _, compareLo, comparePy, dt, int, leaks, money, pct, score, type Expected, type PyCell } from './grid.js';
import { cleanupLibreOffice, csvImportFilter, type LoSheet, sheetsViaLibreOffice, soffice } from './lo.js';
import type { UnoInspection } from './uno.js';
import { inspectInLibreOffice } from './uno.js';
import { requirePython, runPython } from './python.js';

const zh = (key: string, params: Record<string, unknown> = {}) => t(key, params, 'zh');
const sum = (xs: (string | null)[]) => xs.reduce((s, x) => (x === null ? s : s.plus(x)), new Decimal(0)).toFixed(2);

interface PyBook {
  active: string | null;
  filter_names: Record<string, string>;
  sheets: {
    name: string;
    state: string;
    freeze: string | null;
    autofilter: string | null;
    merged: string[];
    print_titles_rows: string | null;
    paper_size: number | null;
    orientation: string | null;
    fit_to_page: boolean;
    fit_width: number | null;
    fit_height: number | null;
    header: string | null;
    protected: boolean;
    cells: Record<string, PyCell>;
  }[];
}

// ───────────────────────────── what we meant to write ─────────────────────────────

const PAYROLL_HEADER = ['工号', '姓名', '部门', '类别', '全额工资', '考核基数', '总分', '等级', '绩效工资', '迟交罚款', '实发绩效', '备注'];

/** The payroll table as meant: one row per line, then the exact totals. */
function payrollMeant(m: MonthResult): Expected[][] {
  const guarded: Record<string, string> = {
    "=cmd|' /C calc'!A0": "'=cmd|' /C calc'!A0", // formula injection: visible apostrophe
    '＝SUM(1,2)': "'＝SUM(1,2)", // full-width = as well
  };
  const rows = m.payroll.map((l): Expected[] => [
    l.employeeId,
    l.name,
    l.department,
    l.category ?? _,
    money(l.fullSalary),
    l.payBase === null ? _ : money(l.payBase),
    l.total === null ? _ : score(l.total),
    l.grade ?? _,
    money(l.performancePay),
    money(l.fine),
    money(l.netPay),
    l.note === '' ? _ : (guarded[l.note] ?? l.note),
  ]);
  const tot = (k: 'fullSalary' | 'payBase' | 'performancePay' | 'fine' | 'netPay') => money(sum(m.payroll.map((l) => l[k])));
  return [PAYROLL_HEADER, ...rows, ['合计', _, _, _, tot('fullSalary'), tot('payBase'), _, _, tot('performancePay'), tot('fine'), tot('netPay'), _]];
}

const SUMMARY_HEADER = [
  '工号',
  '姓名',
  '部门',
  '岗位',
  '类别',
  '财务指标',
  '客户/市场(外部客户满意度)',
  '关键考核指标KPI',
  '学习/成长',
  '工作目标(MBO)',
  '客户满意度(内部)',
  '工作纪律(态度/考勤/仪容)',
  '总分',
  '分段等级',
  '校准后等级',
  '考核基数',
  '绩效工资',
  '状态',
  '标记/备注',
];
const none12 = Array<Expected>(12).fill(_);

function summaryMeant(m: MonthResult): Expected[][] {
  return [
    SUMMARY_HEADER,
    ['1001', '王强', '服务站', '服务顾问', '创利', score(110), score(95), score(100), score(90), _, _, _, score(102), 'C', 'C', money(8000), money(8160), '已评级', '财务指标:申诉更正 100 → 110'],
    ['1002', '李娜', '服务站', '机修工', '创利', score(125), score(120), score(122), score(130), _, _, _, score('123.60'), 'A', 'A', money('12345.67'), money('15259.25'), '已评级', _],
    [ZERO_ID, BMP_NAME, '服务站', '机修工', '创利', score('112.50'), score(108), score('106.5'), score(110), _, _, _, score('109.55'), 'C', 'B', money('3333.33'), money('3666.66'), '已评级', _],
    ['2001', '张伟', '人力资源部', '人力资源专员', '职能', _, _, score(80), _, score(85), score(90), score(100), score('85.50'), 'D', 'D', money(1800), money(1539), '已评级', _],
    ['2002', '刘洋', '行政部', '经理', '职能', _, _, score(105), _, score(100), score(100), score(95), score('101.50'), 'C', 'C', money(2700), money('2740.50'), '已评级', _],
    ['3001', '陈静', '销售部', '销售顾问', '创利', '缺', score(100), score(98), score(100), _, _, _, _, _, _, _, _, '未完成(缺分)', '缺「财务指标」(打分人 周敏 4001)'],
    ['3002', '孙丽', '销售部', '销售顾问', '创利', ...none12, '不参评', zh('reason.probation', { regularDate: '2026-12-01', month: '2026-10' })],
    ['9001', '赵总', '总经办', '总经理', _, ...none12, '不参评', '总经理由股东考核,不适用本制度'],
    ['合计', ...Array<Expected>(14).fill(_), money(sum(m.employees.map((e) => e.payBase))), money(sum(m.employees.map((e) => e.performancePay))), _, _],
  ];
}

const distributionMeant: Expected[][] = [
  ['等级', '名称', '目标%', '目标人数', '实际人数', '实际%', '差异', '分布图'],
  ['A', '杰出', pct(5), int(0), int(1), pct(20), int(1), '█'],
  ['B', '优秀', pct(20), int(1), int(1), pct(20), int(0), '█'],
  ['C', '良好', pct('62.5'), int(3), int(2), pct(40), int(-1), '██'],
  ['D', '待改进', pct('7.5'), int(1), int(1), pct(20), int(0), '█'],
  ['E', '不胜任', pct(5), int(0), int(0), pct(0), int(0), _],
  ['合计', _, _, int(5), int(5), _, int(0), _],
  ['等级分布(被评估 5 人)'],
  [],
  ['等级边界附近人员'],
  ['边界', '分界分数', '工号', '姓名', '总分', '等级'],
  ['B/C', score(105), '1001', '王强', score(102), 'C'],
  ['B/C', score(105), '2002', '刘洋', score('101.5'), 'C'],
  ['C/D', score(90), '2001', '张伟', score('85.5'), 'D'],
  [],
  ['校准调整(按排名调整等级,每人最多一级)'],
  ['工号', '姓名', '总分', '原等级', '调整后等级'],
  [ZERO_ID, BMP_NAME, score('109.55'), 'C', 'B'],
  [],
  ['未能区分的同分人员(请经理决定)'],
  ['等级', '总分', '同分人员'],
  ['无'],
  [],
  ['校准后与目标人数的差距'],
  ['等级', '目标人数', '实际人数', '差距'],
  ['C', int(3), int(2), int(-1)],
  [],
  ['各部门等级分布(仅供参考)'],
  ['部门', '等级', '名称', '目标%', '目标人数', '实际人数', '实际%', '差异'],
  ['服务站', 'A', '杰出', pct(5), int(0), int(1), pct(50), int(1)],
  ['服务站', 'C', '良好', pct(60), int(1), int(1), pct(50), int(0)],
];

const departmentsMeant: Expected[][] = [
  ['部门', '人数', '已评级', '未完成', '不参评', '平均总分', 'A级人数', 'B级人数', 'C级人数', 'D级人数', 'E级人数', '绩效工资合计'],
  ['服务站', int(3), int(3), int(0), int(0), score('111.72'), int(1), int(1), int(1), int(0), int(0), money('27085.91')],
  ['人力资源部', int(1), int(1), int(0), int(0), score('85.50'), int(0), int(0), int(0), int(1), int(0), money(1539)],
  ['行政部', int(1), int(1), int(0), int(0), score('101.50'), int(0), int(0), int(1), int(0), int(0), money('2740.50')],
  ['销售部', int(2), int(0), int(1), int(1), _, int(0), int(0), int(0), int(0), int(0), money(0)],
  ['总经办', int(1), int(0), int(0), int(1), _, int(0), int(0), int(0), int(0), int(0), money(0)],
  ['合计', int(8), int(5), int(1), int(2), score('104.43'), int(1), int(1), int(2), int(1), int(0), money('31365.41')],
];

const finesMeant: Expected[][] = [
  ['打分人工号', '打分人', '表单', '截止时间', '收到时间', '迟交天数', '罚款'],
  // instants are shown as Beijing wall-clock time (the ISO inputs carry +08:00)
  ['9001', '赵总', '目标与KPI表', dt('2026-11-04 17:30'), dt('2026-11-05 09:00'), int(1), money(500)],
  ['2001', '张伟', '学习/成长表', dt('2026-11-03 17:30'), '未收到', int(3), money(1500)],
  ['合计', _, _, _, _, int(4), money(2000)],
];

function otherSheetsMeant(m: MonthResult): Record<string, Expected[][]> {
  const issue = renderIssue(m.issues[0], 'zh');
  return {
    预警与奖励: [
      ['工号', '姓名', '规则', '触发月份(月份 等级 总分)', '须办理', '办理时间', '改进期限'],
      ['1002', '李娜', zh('consequence.award', { count: 3, first: '2026-08', last: '2026-10' }), '2026-08 A 121.00;2026-09 A 125.30;2026-10 A 123.60', _, _, _],
    ],
    排除人员: [
      ['工号', '姓名', '部门', '岗位', '原因'],
      ['3002', '孙丽', '销售部', '销售顾问', zh('reason.probation', { regularDate: '2026-12-01', month: '2026-10' })],
      ['9001', '赵总', '总经办', '总经理', '总经理由股东考核,不适用本制度'],
    ],
    校验问题: [
      ['级别', '文件', '工作表', '单元格', '问题', '发现', '应为', '怎么改', '代码'],
      ['警告', '刘洋-目标与KPI-2026-10.xlsx', '目标与KPI', 'H1', issue.message, _, _, issue.hint || _, 'column.missing'],
    ],
    说明: [
      ['项目', '内容'],
      [zh('close.manifest.month'), '2026-10'],
      [zh('close.manifest.revision'), int(1)],
      [zh('close.manifest.reopen_reason'), '无'],
      [zh('close.manifest.closed_at'), '2026-11-08 10:00'],
      [zh('close.manifest.policy_version'), '2026.1'],
      [zh('close.manifest.tool_version'), '0.1.0'],
      [zh('close.manifest.employees'), int(8)],
      [zh('close.manifest.evaluated'), int(5)],
      // exact text on purpose (a column of mixed text and numbers): see sheetManifest
      [zh('close.manifest.pay_summary'), '31365.41'],
      [zh('close.manifest.pay_payroll'), '31365.41'],
      [zh('close.manifest.fine_summary'), '2000.00'],
      [zh('close.manifest.fine_payroll'), '2000.00'],
      [zh('close.manifest.reconcile'), '一致'],
      [zh('close.col.note'), zh('close.manifest.guard')],
      [],
      ['输入文件'],
      ['文件', 'SHA-256', '表单', '收到时间', '版本'],
      ['archive/2026-10/goals-9001-v1.xlsx', 'a'.repeat(64), '2026-10/goals/9001', dt('2026-11-05 09:00'), int(1)],
      ['archive/2026-10/finance-4001-v2.xlsx', 'b'.repeat(64), '2026-10/finance/4001', dt('2026-11-06 11:15'), int(2)],
    ],
  };
}

// ───────────────────────────── the round trips ─────────────────────────────

/** Sheets holding several tables: nothing is frozen above the later tables (src/sheets/style.ts addTable). */
const MULTI_TABLE = new Set(['等级分布', '说明']);

describe.runIf(interopSuite('test/interop/outputs.test.ts', ['soffice', 'openpyxl', 'uno']))('outputs opened by LibreOffice, openpyxl and Python csv', () => {
  const month = interopMonth();
  let dir: string;
  let summaryPath: string;
  let payrollPath: string;
  let csvPath: string;
  const en = { summary: '', payroll: '' };
  let raw: Map<string, Map<string, LoSheet>>;
  let shown: Map<string, Map<string, LoSheet>>;
  let csvByLo: LoSheet;
  let csvByLoIdText: LoSheet;
  let py: Record<string, PyBook>;
  let pyCsv: { rows: string[][]; bom: boolean; newlines: string[] };
  let calc: UnoInspection;

  beforeAll(async () => {
    soffice(); // fails with the install command when LibreOffice is missing
    requirePython('openpyxl');
    dir = await mkdtemp(join(tmpdir(), 'jixiao-interop-out-'));
    const r = await writeMonthOutputs(month, join(dir, 'out'), 'zh', { overwrite: false });
    if (!r.ok) throw new Error(`writeMonthOutputs: ${JSON.stringify(r)}`);
    [summaryPath, payrollPath, csvPath] = r.files;
    en.summary = join(dir, 'summary-en.xlsx');
    en.payroll = join(dir, 'payroll-en.xlsx');
    await writeFile(en.summary, await workbookBytes(buildSummaryWorkbook(month, 'en')));
    await writeFile(en.payroll, await workbookBytes(buildPayrollWorkbook(month, 'en')));
    // the same CSV bytes under a second name, for the import with 工号 as a text column
    const csvCopy = join(dir, 'payroll-id-as-text.csv');
    await copyFile(csvPath, csvCopy);

    const books = [summaryPath, payrollPath, en.summary, en.payroll];
    const [rawR, shownR, loCsv, loCsvText, pyR, pyCsvR, calcR] = await Promise.all([
      sheetsViaLibreOffice(books, join(dir, 'lo-raw')),
      sheetsViaLibreOffice(books, join(dir, 'lo-shown'), { asShown: true }),
      sheetsViaLibreOffice([csvPath], join(dir, 'lo-csv'), { infilter: csvImportFilter() }),
      sheetsViaLibreOffice([csvCopy], join(dir, 'lo-csv-text'), { infilter: csvImportFilter('1/2') }),
      runPython<Record<string, PyBook>>('inspect_xlsx.py', { files: [summaryPath, payrollPath] }),
      runPython<typeof pyCsv>('read_csv.py', { file: csvPath }),
      inspectInLibreOffice([
        { path: summaryPath, cells: ['汇总!F2', '汇总!P2', '等级分布!C4', '迟交罚款!D2'] },
        { path: payrollPath, cells: ['绩效工资表!A4', '绩效工资表!K8'] },
      ]),
    ]);
    calc = calcR;
    raw = rawR;
    shown = shownR;
    csvByLo = [...loCsv.get(csvPath)!.values()][0];
    csvByLoIdText = [...loCsvText.get(csvCopy)!.values()][0];
    py = pyR;
    pyCsv = pyCsvR;
  });
  afterAll(async () => {
    cleanupLibreOffice();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('LibreOffice sees every sheet of both workbooks, in order', () => {
    expect([...raw.get(summaryPath)!.keys()]).toEqual(['汇总', '等级分布', '部门汇总', '打分分析', '迟交罚款', '预警与奖励', '排除人员', '校验问题', '说明']);
    expect([...raw.get(payrollPath)!.keys()]).toEqual(['绩效工资表']);
    expect([...raw.get(en.summary)!.keys()]).toEqual([...raw.get(summaryPath)!.keys()]);
  });

  it('payroll xlsx: LibreOffice shows the values and formats we meant (text 工号 keeps 00123, 𠮷, multi-line note, guards, totals)', () => {
    const sheet = raw.get(payrollPath)!.get('绩效工资表')!;
    expect(compareLo(sheet, payrollMeant(month), 'raw')).toEqual([]);
    expect(sheet.rows).toHaveLength(month.payroll.length + 2);
    expect(compareLo(shown.get(payrollPath)!.get('绩效工资表')!, payrollMeant(month), 'shown')).toEqual([]);
  });

  it('summary 汇总: LibreOffice shows every employee, section score, grade, pay and the totals row as meant', () => {
    const meant = summaryMeant(month);
    const sheet = raw.get(summaryPath)!.get('汇总')!;
    expect(compareLo(sheet, meant, 'raw')).toEqual([]);
    expect(sheet.rows).toHaveLength(meant.length);
    expect(compareLo(shown.get(summaryPath)!.get('汇总')!, meant, 'shown')).toEqual([]);
  });

  it('summary 等级分布, 部门汇总, 迟交罚款: counts, percents, averages, Beijing times and totals as meant', () => {
    for (const [name, meant] of [
      ['等级分布', distributionMeant],
      ['部门汇总', departmentsMeant],
      ['迟交罚款', finesMeant],
    ] as const) {
      const sheet = raw.get(summaryPath)!.get(name)!;
      expect(compareLo(sheet, meant, 'raw'), name).toEqual([]);
      expect(sheet.rows, name).toHaveLength(meant.length);
      expect(compareLo(shown.get(summaryPath)!.get(name)!, meant, 'shown'), name).toEqual([]);
    }
  });

  it('summary 预警与奖励, 排除人员, 校验问题, 说明: messages rendered, manifest reconciles', () => {
    for (const [name, meant] of Object.entries(otherSheetsMeant(month))) {
      const sheet = raw.get(summaryPath)!.get(name)!;
      expect(compareLo(sheet, meant, 'raw'), name).toEqual([]);
      expect(sheet.rows, name).toHaveLength(meant.length);
      expect(compareLo(shown.get(summaryPath)!.get(name)!, meant, 'shown'), name).toEqual([]);
    }
  });

  it('no cell of any output (zh or en) shows a catalog key, a placeholder, undefined/NaN or a broken character', () => {
    const all = [...raw].flatMap(([file, sheets]) => leaks(sheets, file));
    expect(all).toEqual([]);
  });

  it('English outputs: same numbers, English headers and labels, Chinese sheet names', () => {
    const zhRows = payrollMeant(month);
    const enHeader = [
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
    const cat: Record<string, string> = { 创利: 'profit', 职能: 'functional' };
    const enRows = zhRows.map((row, i) =>
      i === 0 ? enHeader : row.map((e, c) => (c === 3 && typeof e === 'string' ? cat[e] : c === 0 && e === '合计' ? 'Total' : e)),
    );
    expect(compareLo(raw.get(en.payroll)!.get('绩效工资表')!, enRows, 'raw')).toEqual([]);
    const summary = raw.get(en.summary)!.get('汇总')!;
    expect(summary.rows[0][0].text).toBe('Employee ID');
    expect(summary.rows.at(-1)![0].text).toBe('Total');
    // 考核基数 column: the same numbers, totals included
    expect(summary.rows.slice(1).map((r) => r[15]?.text)).toEqual(raw.get(summaryPath)!.get('汇总')!.rows.slice(1).map((r) => r[15]?.text));
  });

  it('openpyxl reads the same values and types as LibreOffice (a second xlsx reader)', () => {
    const p = py[payrollPath].sheets[0];
    expect(comparePy('绩效工资表', p.cells, payrollMeant(month))).toEqual([]);
    const s = py[summaryPath];
    const byName = new Map(s.sheets.map((x) => [x.name, x]));
    const meant: [string, Expected[][]][] = [
      ['汇总', summaryMeant(month)],
      ['等级分布', distributionMeant],
      ['部门汇总', departmentsMeant],
      ['迟交罚款', finesMeant],
      ...Object.entries(otherSheetsMeant(month)),
    ];
    for (const [name, grid] of meant) expect(comparePy(name, byName.get(name)!.cells, grid), name).toEqual([]);
  });

  it('openpyxl: frozen header (and 工号/姓名 columns), autofilter over the data, number formats, A4 landscape one page wide', () => {
    const p = py[payrollPath].sheets[0];
    const n = month.payroll.length;
    expect(p.freeze).toBe('C2');
    expect(p.autofilter).toBe(`A1:L${n + 1}`); // header and lines, not the totals row
    expect(p.print_titles_rows).toBe('$1:$1');
    expect([p.paper_size, p.orientation, p.fit_to_page, p.fit_width, p.fit_height]).toEqual([9, 'landscape', true, 1, 0]);
    for (const col of ['E', 'F', 'I', 'J', 'K']) expect(p.cells[`${col}2`].fmt, col).toBe('#,##0.00');
    expect(p.cells.G2.fmt).toBe('0.00');
    expect(p.cells[`K${n + 2}`].fmt).toBe('#,##0.00'); // totals row

    const s = new Map(py[summaryPath].sheets.map((x) => [x.name, x]));
    expect(py[summaryPath].active).toBe('汇总');
    const sum = s.get('汇总')!;
    expect(sum.freeze).toBe('C2');
    expect(sum.autofilter).toBe(`A1:S${month.employees.length + 1}`);
    expect(sum.cells.F2.fmt).toBe('0.00');
    expect(sum.cells.P2.fmt).toBe('#,##0.00');
    const dist = s.get('等级分布')!;
    expect(dist.freeze).toBeNull(); // several tables on the sheet: nothing frozen above the later ones
    expect(dist.autofilter).toBe('A1:H6');
    expect(dist.cells.C2.fmt).toBe('0.0%');
    expect(dist.cells.D2.fmt).toBe('0');
    expect(s.get('迟交罚款')!.cells.D2.fmt).toBe('yyyy-mm-dd hh:mm');
    for (const sheet of s.values()) {
      expect(sheet.state, sheet.name).toBe('visible');
      if (!MULTI_TABLE.has(sheet.name)) expect(sheet.freeze, sheet.name).not.toBeNull();
      expect(sheet.autofilter, sheet.name).toMatch(/^A1:[A-Z]+\d+$/);
      expect([sheet.paper_size, sheet.orientation, sheet.fit_width, sheet.fit_height], sheet.name).toEqual([9, 'landscape', 1, 0]);
      expect(sheet.header, sheet.name).toBe('绩效汇总 2026-10');
    }
  });

  it('payroll CSV bytes: Python csv (utf-8-sig) reads the Chinese text and exact 2-decimal numbers we meant', () => {
    expect(pyCsv.bom).toBe(true);
    // records end with CRLF; a line break inside a quoted field (the multi-line note) is data
    const outsideQuotes = readFileSync(csvPath, 'utf8').replace(/"(?:[^"]|"")*"/g, '""');
    expect(outsideQuotes.split('\r\n').filter((l) => l.includes('\n') || l.includes('\r'))).toEqual([]);
    expect(pyCsv.newlines).toContain('\r\n');
    const meant = payrollMeant(month).map((row) =>
      row.map((e) => (e === null ? '' : typeof e === 'string' ? e : 'num' in e ? new Decimal(e.num).toFixed(2) : e.dt)),
    );
    expect(pyCsv.rows).toEqual(meant);
    expect(pyCsv.rows.flat()).toContain(BMP_NAME);
  });

  it('payroll CSV imported by LibreOffice (工号 column as text, as a payroll import does): same text and numbers as Python and the xlsx', () => {
    expect(compareLo(csvByLoIdText, payrollMeant(month), 'raw')).toEqual([]);
    expect(csvByLoIdText.rows).toHaveLength(pyCsv.rows.length);
  });

  it('payroll CSV opened in LibreOffice with default import: same text and numbers; only 工号 turns into numbers (00123 → 123)', () => {
    // A spreadsheet that opens a CSV guesses types: 工号 "00123" becomes the number 123.
    // Reported in the issue-5 note: the xlsx is the file for people, the CSV for import.
    const meant = payrollMeant(month);
    const ids = meant.slice(1, -1).map((r) => r[0] as string);
    const body = meant.map((r, i) => (i === 0 || i === meant.length - 1 ? r : [_, ...r.slice(1)]));
    const got: LoSheet = { ...csvByLo, rows: csvByLo.rows.map((r, i) => (i === 0 || i === meant.length - 1 ? r : [{ text: '', quoted: false }, ...r.slice(1)])) };
    expect(compareLo(got, body, 'raw')).toEqual([]);
    expect(csvByLo.rows.slice(1, -1).map((r) => r[0])).toEqual(ids.map((id) => ({ text: String(Number(id)), quoted: false })));
    // and every number LibreOffice parsed equals the text Python read
    csvByLo.rows.forEach((row, r) =>
      row.forEach((f, c) => {
        if (!f.quoted && f.text !== '') expect(new Decimal(f.text).eq(new Decimal(pyCsv.rows[r][c])), `R${r + 1}C${c + 1}`).toBe(true);
      }),
    );
  });

  it('the payroll CSV is the xlsx table: same cells as the xlsx opened in LibreOffice', () => {
    const xlsx = raw.get(payrollPath)!.get('绩效工资表')!;
    expect(csvByLoIdText.rows.map((r) => r.map((f) => f.text))).toEqual(xlsx.rows.map((r) => r.map((f) => f.text)));
    expect(payrollCsv(month, 'zh').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('inside LibreOffice Calc: header frozen (and 工号/姓名), autofilter buttons over every table, number formats as meant', () => {
    // Calc only shows an <autoFilter> with the sheet-local name _xlnm._FilterDatabase, which
    // exceljs does not write: fixed in src/sheets/write.ts (addFilterDatabaseNames).
    for (const path of [summaryPath, payrollPath]) {
      const book = py[path];
      for (const sheet of calc.files[path].sheets) {
        const wide = sheet.name === '汇总' || sheet.name === '绩效工资表';
        if (MULTI_TABLE.has(sheet.name)) expect(sheet.frozen, sheet.name).toBe(false);
        else expect([sheet.frozen, sheet.splitRow, sheet.splitColumn], sheet.name).toEqual([true, 1, wide ? 2 : 0]);
        const af = book.sheets.find((s) => s.name === sheet.name)!.autofilter;
        expect(sheet.autofilter, sheet.name).toBe(af);
        expect(book.filter_names[sheet.name], sheet.name).toBe(`'${sheet.name}'!${af!.replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`);
      }
    }
    const cells = { ...calc.files[summaryPath].cells, ...calc.files[payrollPath].cells };
    expect(cells['汇总!F2']).toMatchObject({ shown: '110.00', format: '0.00', type: 'VALUE' });
    expect(cells['汇总!P2']).toMatchObject({ shown: '8,000.00', format: '#,##0.00' });
    expect(cells['等级分布!C4']).toMatchObject({ shown: '62.5%', format: '0.0%' });
    expect(cells['迟交罚款!D2']).toMatchObject({ shown: '2026-11-04 17:30', type: 'VALUE' });
    expect(cells['绩效工资表!A4']).toMatchObject({ shown: ZERO_ID, type: 'TEXT' });
    expect(cells['绩效工资表!K8']).toMatchObject({ shown: '-500.00', type: 'VALUE' });
  });
});
