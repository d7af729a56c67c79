/**
 * The demo month end to end: `jixiao demo --json` in a temporary folder, then the summary
 * workbook, the payroll workbook and the payroll CSV are read back and every figure is
 * checked against values computed HERE, independently of src/domain: from the fixture's plan
 * (planned totals, 1044's distinct scores, commissions), the staff list, and the policy's
 * rules written out below (weights, bands, pay bases, deadlines, fines).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from '../interop/gate.js';
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import PizZip from 'pizzip';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { Decimal as DecimalBase } from 'decimal.js';
import { COPIED_GOALS, DISTINCT_1044, LEAN_SHIFT, PLANNED, PLANTED_LEAN, WEIGHT_VARIANTS, commissionOf, demoStaff, loadPolicy, plannedTotals } from '../../fixtures/make-demo-forms.js';
import { dealershipRoster, type RosterRow } from '../../fixtures/dealership.js';
import { DEMO_DIR, MONTH, findRow, jx, parseCsv, readWorkbook, sha256, tableAt, tempDir, two, removeTempDirs, plain, ROOT } from './helpers.js';
import { parse as parseYaml } from 'yaml';

afterAll(removeTempDirs);

// ───────────────────────── the rules, written out (SPEC §2–§5, templates/policy.yaml) ─────────────────────────

const D = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
type Dec = InstanceType<typeof D>;
const r2 = (d: Dec): string => d.toDecimalPlaces(2, D.ROUND_HALF_UP).toFixed(2);
const money = (s: string): string => new D(s).toFixed(2);

type Category = '创利' | '职能';
/** The policy's department_aliases that the demo's staff list uses (the painters are written 售后服务部). */
const policyDepartment = (written: string): string => ({ 售后服务部: '服务站' })[written] ?? written;
/** §3: which positions earn profit; everything else in scope is functional. */
function categoryOf(r: RosterRow): Category {
  const { position: p } = r;
  const d = policyDepartment(r.department);
  if (['精品促销员', '精品主管', '装饰工'].includes(p)) return '创利';
  if (d === '服务站') return ['总监', '工具管理员', '档案管理员', '保险内勤', '服务顾问助理'].includes(p) ? '职能' : '创利';
  if (d === '销售部') return ['总监', '经理', '大用户经理', '信息员', '前台接待'].includes(p) ? '职能' : '创利';
  if (d === 'VIP会所') return p === 'VIP会所经理' ? '创利' : '职能';
  return '职能'; // 人力资源部, 行政部, 客服部, 市场部, and 财务部 by the default interpretation
}

/** §3 注 and the default interpretation: who is not evaluated, and a word the reason must contain. */
function exclusionOf(r: RosterRow): string | null {
  if (r.position === '总经理') return '总经理由股东考核';
  if (r.position === '副总经理') return '副总经理由股东考核';
  if (r.regularDate && r.regularDate > '2026-10-31') return `转正日期 ${r.regularDate}`;
  if (Number(r.fullSalary) < 800) return '低于 800';
  return null;
}

const SECTIONS: Record<Category, { id: string; name: string; weight: number }[]> = {
  创利: [
    { id: 'finance', name: '财务指标', weight: 40 },
    { id: 'customer_external', name: '客户/市场(外部客户满意度)', weight: 20 },
    { id: 'kpi', name: '关键考核指标KPI', weight: 30 },
    { id: 'learning', name: '学习/成长', weight: 10 },
  ],
  职能: [
    { id: 'mbo', name: '工作目标(MBO)', weight: 30 },
    { id: 'customer_internal', name: '客户满意度(内部)', weight: 20 },
    { id: 'kpi', name: '关键考核指标KPI', weight: 40 },
    { id: 'discipline', name: '工作纪律(态度/考勤/仪容)', weight: 10 },
  ],
};

/** Σ weight × score / 100 of goal rows. */
const goals = (rows: [number, string | Dec][]): Dec => rows.reduce((s, [w, v]) => s.plus(new D(v).times(w)), new D(0)).div(100);

/**
 * Section scores as the fixture's scorers filled them (make-demo-forms.ts), around planned total b:
 * goal weights and offsets per person (WEIGHT_VARIANTS by 工号, the same list on a copied sheet),
 * and the planted lenient/severe KPI scorers' shifts, applied only where every score stays 0–130.
 */
function sectionScores(id: string, cat: Category, bText: string, managerId: string | null): Record<string, Dec> {
  const b = new D(bText);
  if (id === '1044')
    return {
      finance: new D(DISTINCT_1044.finance),
      customer_external: new D(DISTINCT_1044.customer_external),
      kpi: goals(DISTINCT_1044.kpi.map(([, w, s]) => [w, s])),
      learning: new D(DISTINCT_1044.learning),
    };
  const variant = (section: 'kpi' | 'mbo') => {
    const list = WEIGHT_VARIANTS[section];
    return list[managerId && COPIED_GOALS.has(managerId) ? 0 : Number(id) % list.length];
  };
  const single: Record<string, number> = cat === '创利' ? { finance: 1, customer_external: -2, learning: 0 } : { customer_internal: 1, discipline: -2 };
  const dir = managerId ? PLANTED_LEAN[managerId] : undefined;
  let shift: Record<string, number> = dir ? Object.fromEntries(Object.entries(LEAN_SHIFT[cat]).map(([k, v]) => [k, v * dir])) : {};
  const all = [
    ...variant('kpi').map(([, off]) => b.plus(off).plus(shift.kpi ?? 0)),
    ...Object.keys(shift).filter((k) => k !== 'kpi').map((k) => b.plus(single[k]).plus(shift[k])),
  ];
  if (!all.every((x) => x.gte(0) && x.lte(130))) shift = {};
  const rows = (section: 'kpi' | 'mbo') => goals(variant(section).map(([w, off]) => [w, b.plus(off).plus(shift[section] ?? 0)]));
  const out: Record<string, Dec> = { kpi: rows('kpi') };
  if (cat === '职能') out.mbo = rows('mbo');
  for (const [k, off] of Object.entries(single)) out[k] = b.plus(off).plus(shift[k] ?? 0);
  return out;
}

/** §5.5 bands on the rounded total: A 120–130, B [105,120), C [90,105), D (70,90), E ≤ 70. */
function gradeOf(total: string): string {
  const t = new D(total);
  if (t.gte(120)) return 'A';
  if (t.gte(105)) return 'B';
  if (t.gte(90)) return 'C';
  if (t.gt(70)) return 'D';
  return 'E';
}

/** §5.6: managers 50% of 全额工资 (行政部/人力资源部/客服部 经理 30%), before the category rule; 创利 commission; 职能 30%. */
function payBaseOf(r: RosterRow, cat: Category): string {
  const salary = new D(r.fullSalary);
  if (['总监', '经理', '部门经理', 'VIP会所经理'].includes(r.position)) {
    const thirty = r.position === '经理' && ['行政部', '人力资源部', '客服部'].includes(r.department);
    return r2(salary.times(thirty ? 30 : 50).div(100));
  }
  if (cat === '创利') return money(commissionOf(r.id));
  return r2(salary.times(30).div(100));
}

/** Largest remainder, equal remainders served C, B, D, A, E. */
function targetCounts(n: number): Record<string, number> {
  const shares: Record<string, number> = { A: 5, B: 20, C: 60, D: 10, E: 5 };
  const order = ['C', 'B', 'D', 'A', 'E'];
  const exact = Object.fromEntries(Object.entries(shares).map(([g, s]) => [g, new D(n).times(s).div(100)]));
  const counts = Object.fromEntries(Object.entries(exact).map(([g, x]) => [g, x.floor().toNumber()]));
  let left = n - Object.values(counts).reduce((a, b) => a + b, 0);
  const byRemainder = [...order].sort((a, b) => {
    const c = exact[b].minus(exact[b].floor()).comparedTo(exact[a].minus(exact[a].floor()));
    return c !== 0 ? c : order.indexOf(a) - order.indexOf(b);
  });
  for (const g of byRemainder) if (left-- > 0) counts[g]++;
  return counts;
}

/** §3: due day d of November at 17:30 Beijing, Saturday/Sunday → Monday. */
function deadlineMs(day: number): number {
  let d = new Date(Date.UTC(2026, 10, day));
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d = new Date(d.getTime() + 86_400_000);
  return Date.parse(`${d.toISOString().slice(0, 10)}T17:30:00+08:00`);
}
const DUE: Record<string, number> = { 目标与KPI: 4, 工作纪律: 2, 学习成长: 3, 客户满意度: 5, 财务指标: 7 };

// ───────────────────────── the expected month ─────────────────────────

interface Expected {
  id: string;
  name: string;
  department: string;
  position: string;
  category: Category;
  salary: string;
  sections: Record<string, Dec>;
  total: string;
  grade: string;
  base: string;
  pay: string;
}

const roster = dealershipRoster();
const byId = new Map(roster.map((r) => [r.id, r]));
const byName = new Map(roster.map((r) => [r.name, r]));
const planned = plannedTotals(demoStaff(loadPolicy()).members);

const expected: Expected[] = roster
  .filter((r) => !exclusionOf(r))
  .map((r) => {
    const category = categoryOf(r);
    const b = planned.get(r.id)!;
    const sections = sectionScores(r.id, category, b, r.managerId || null);
    const exact = SECTIONS[category].reduce((s, x) => s.plus(sections[x.id].times(x.weight)), new D(0)).div(100);
    const total = r2(exact);
    const base = payBaseOf(r, category);
    return {
      id: r.id,
      name: r.name,
      department: r.department,
      position: r.position,
      category,
      salary: money(r.fullSalary),
      sections,
      total,
      grade: gradeOf(total),
      base,
      pay: r2(new D(base).times(total).div(100)),
    };
  });
const expectedById = new Map(expected.map((e) => [e.id, e]));

interface Receipt {
  file: string;
  at: string;
}
const receipts: Receipt[] = JSON.parse(readFileSync(path.join(DEMO_DIR, 'receipts.json'), 'utf8'));
/** The 20 sheets that count: the corrected customer sheet supersedes its first version (which has a score of 135). */
const usedFiles = [...new Set(receipts.map((r) => r.file))].filter((f) => !f.endsWith('-第一版.xlsx'));

/** Fines per scorer from the first valid receipt of each sheet. */
const fineLines = usedFiles.map((file) => {
  const [, , scorerName, formWithExt] = file.split('_');
  const form = formWithExt.replace(/\.xlsx$/, '');
  const first = receipts.filter((r) => r.file === file).map((r) => Date.parse(`${r.at.replace(' ', 'T')}:00+08:00`));
  const late = Math.min(...first) - deadlineMs(DUE[form]);
  const days = late <= 0 ? 0 : Math.ceil(late / 86_400_000);
  return { file, scorerId: byName.get(scorerName)!.id, form, days, fine: money(String(days * 500)) };
});
const fineOf = (id: string): string => r2(fineLines.filter((f) => f.scorerId === id).reduce((s, f) => s.plus(f.fine), new D(0)));

/** Payroll lines in staff-list order: every graded employee, and every fined scorer not graded. */
const payroll = roster
  .filter((r) => expectedById.has(r.id) || new D(fineOf(r.id)).gt(0))
  .map((r) => {
    const e = expectedById.get(r.id);
    const fine = fineOf(r.id);
    const pay = e?.pay ?? '0.00';
    return {
      id: r.id,
      name: r.name,
      department: r.department,
      category: e?.category ?? '',
      salary: money(r.fullSalary),
      base: e?.base ?? null,
      total: e?.total ?? null,
      grade: e?.grade ?? null,
      pay,
      fine,
      net: r2(new D(pay).minus(fine)),
      note: !e ? '本月不参加考核,仅扣迟交罚款' : new D(fine).gt(0) ? '含迟交罚款' : '',
    };
  });
const sumOf = (xs: (string | null)[]): string => r2(xs.reduce<Dec>((s, x) => (x === null ? s : s.plus(x)), new D(0)));
const totals = {
  salary: sumOf(payroll.map((l) => l.salary)),
  base: sumOf(payroll.map((l) => l.base)),
  pay: sumOf(payroll.map((l) => l.pay)),
  fine: sumOf(payroll.map((l) => l.fine)),
  net: sumOf(payroll.map((l) => l.net)),
};

// ───────────────────────── run the demo once ─────────────────────────

let demo: any;
let out: string;
let summary: ExcelJS.Workbook;
let payrollWb: ExcelJS.Workbook;
let csvBytes: Buffer;

beforeAll(async () => {
  const dir = tempDir('demo');
  const r = await jx(['demo', '--dir', dir, '--json'], { ws: null, cwd: dir });
  expect(r.code, r.err).toBe(0);
  demo = r.json;
  out = path.join(demo.dir, 'out', MONTH);
  summary = await readWorkbook(path.join(out, `绩效汇总-${MONTH}.xlsx`));
  payrollWb = await readWorkbook(path.join(out, `绩效工资表-${MONTH}.xlsx`));
  csvBytes = readFileSync(path.join(out, `绩效工资表-${MONTH}.csv`));
});

describe('the fixture plan itself (sanity of the expected side)', () => {
  it('79 graded people; every planned total is met exactly by its section scores; 1044 is 95.34', () => {
    expect(expected).toHaveLength(79);
    expect(new Set(expected.map((e) => e.id))).toEqual(new Set(planned.keys()));
    for (const e of expected) if (e.id !== '1044') expect(e.total, e.id).toBe(new D(planned.get(e.id)!).toFixed(2));
    for (const [id, b] of Object.entries(PLANNED)) expect(expectedById.get(id)!.total, id).toBe(new D(b).toFixed(2));
    // 1044 by hand: KPI (50×95 + 30×102 + 20×88.5)/100 = 95.8; total (40×97.5 + 20×88 + 30×95.8 + 10×100)/100 = 95.34
    expect(expectedById.get('1044')!.sections.kpi.toFixed()).toBe('95.8');
    expect(expectedById.get('1044')!.total).toBe('95.34');
    expect(expectedById.get('1044')!.pay).toBe('7744.90'); // 8123.45 × 95.34 / 100 = 7744.897…
  });
});

describe('jixiao demo --json', () => {
  it('ran every step, the first customer sheet (with a 135) being the only refused receipt', () => {
    expect(demo.ok).toBe(true);
    const failed = demo.steps.filter((s: any) => s.exitCode !== 0);
    expect(failed).toHaveLength(1);
    expect(failed[0].command).toContain('客户满意度-第一版.xlsx');
    expect(demo.steps.map((s: any) => s.command.split(' ')[1])).toEqual([
      'init',
      'policy',
      'roster',
      'roster',
      'history',
      'history',
      'targets',
      'forms',
      ...receipts.map(() => 'receive'),
      'status',
      'close',
      'analyse',
      'slips',
      'report',
    ]);
    // the letters and plans (checked in demo-history.test.ts) sit between the month's files and the year's files
    const files = demo.files.map((f: string) => path.basename(f));
    expect(files.slice(0, 4)).toEqual([`绩效汇总-${MONTH}.xlsx`, `绩效工资表-${MONTH}.xlsx`, `绩效工资表-${MONTH}.csv`, '绩效结果确认单']);
    expect(files.slice(-2)).toEqual(['月度目标-2026.xlsx', '绩效报告-2026.xlsx']);
    expect(files.slice(4, -2).every((f: string) => f.endsWith('.docx'))).toBe(true);
  });
});

describe('汇总 sheet: every employee', () => {
  let rows: Record<string, string | number | null>[];
  let rowOf: Map<string, Record<string, string | number | null>>;
  beforeAll(() => {
    const t = tableAt(summary.getWorksheet('汇总')!);
    rows = t.rows;
    rowOf = new Map(rows.filter((r) => /^\d+$/.test(String(r['工号']))).map((r) => [String(r['工号']), r]));
  });

  it('one row per person on the staff list, in its order, then the totals row', () => {
    expect(rows.map((r) => String(r['工号']))).toEqual([...roster.map((r) => r.id), '合计']);
  });

  it('graded: section scores, 总分, 等级, 考核基数, 绩效工资 to the fen', () => {
    for (const e of expected) {
      const row = rowOf.get(e.id)!;
      const got = {
        name: row['姓名'],
        category: row['类别'],
        sections: Object.fromEntries(SECTIONS[e.category].map((s) => [s.id, two(row[s.name])])),
        total: two(row['总分']),
        grade: row['等级'],
        base: two(row['考核基数']),
        pay: two(row['绩效工资']),
        status: row['状态'],
      };
      expect(got, e.id).toEqual({
        name: e.name,
        category: e.category,
        sections: Object.fromEntries(SECTIONS[e.category].map((s) => [s.id, r2(e.sections[s.id])])),
        total: e.total,
        grade: e.grade,
        base: e.base,
        pay: e.pay,
        status: '已评级',
      });
      // the other category's sections stay empty
      const other = e.category === '创利' ? SECTIONS.职能 : SECTIONS.创利;
      for (const s of other.filter((s) => s.id !== 'kpi')) expect(row[s.name], `${e.id} ${s.name}`).toBeNull();
    }
  });

  it('1044 has fully distinct section scores and total 95.34 exactly', () => {
    const row = rowOf.get('1044')!;
    expect([row['财务指标'], row['客户/市场(外部客户满意度)'], row['关键考核指标KPI'], row['学习/成长'], row['总分']]).toEqual([97.5, 88, 95.8, 100, 95.34]);
    expect([row['等级'], two(row['考核基数']), two(row['绩效工资'])]).toEqual(['C', '8123.45', '7744.90']);
  });

  it('band boundaries: 1080 105.00 → B, 1036 90.00 → C, 1068 70.00 → E', () => {
    expect([two(rowOf.get('1080')!['总分']), rowOf.get('1080')!['等级']]).toEqual(['105.00', 'B']);
    expect([two(rowOf.get('1036')!['总分']), rowOf.get('1036')!['等级']]).toEqual(['90.00', 'C']);
    expect([two(rowOf.get('1068')!['总分']), rowOf.get('1068')!['等级']]).toEqual(['70.00', 'E']);
  });

  it('one example of each pay base, by hand', () => {
    const pick = (id: string) => [two(rowOf.get(id)!['考核基数']), two(rowOf.get(id)!['绩效工资'])];
    expect(pick('1005')).toEqual(['5501.00', '6711.22']); // 创利 机修工: commission 5000 + (1005 mod 17 = 2) × 250.5; × 122%
    expect(pick('1080')).toEqual(['1950.00', '2047.50']); // 职能 会计: 30% × 6500; × 105%
    expect(pick('1003')).toEqual(['8000.00', '8520.00']); // 服务站总监: 50% × 16000; × 106.5%
    expect(pick('1050')).toEqual(['4750.00', '5462.50']); // VIP会所经理 (创利, but manager rule first): 50% × 9500; × 115%
    expect(pick('1070')).toEqual(['3150.00', '3150.00']); // 客服部经理: 30% × 10500; × 100%
  });

  it('excluded people are listed, not graded, without pay', () => {
    for (const r of roster.filter((r) => exclusionOf(r))) {
      const row = rowOf.get(r.id)!;
      expect([row['总分'], row['等级'], row['考核基数'], row['绩效工资'], row['状态']], r.id).toEqual([null, null, null, null, '不参评']);
    }
  });

  it('totals row: Σ 考核基数 and Σ 绩效工资 to the fen', () => {
    const t = rows[rows.length - 1];
    expect([two(t['考核基数']), two(t['绩效工资'])]).toEqual([sumOf(expected.map((e) => e.base)), sumOf(expected.map((e) => e.pay))]);
    expect(two(t['绩效工资'])).toBe(totals.pay);
  });

  it('numbers are numbers, scores formatted 0.00 and money #,##0.00', () => {
    const ws = summary.getWorksheet('汇总')!;
    const t = tableAt(ws);
    const r = t.rowNumbers[t.rows.findIndex((x) => x['工号'] === '1044')];
    const c = (h: string) => ws.getRow(r).getCell(t.headers.indexOf(h) + 1);
    expect([typeof c('总分').value, c('总分').numFmt]).toEqual(['number', '0.00']);
    expect([typeof c('绩效工资').value, c('绩效工资').numFmt]).toEqual(['number', '#,##0.00']);
    expect(typeof c('工号').value).toBe('string');
  });
});

describe('等级分布 sheet', () => {
  it('targets for 79 are A4 B16 C47 D8 E4, actual counts match the grades', () => {
    expect(targetCounts(79)).toEqual({ A: 4, B: 16, C: 47, D: 8, E: 4 });
    const actual: Record<string, number> = { A: 0, B: 0, C: 0, D: 0, E: 0 };
    for (const e of expected) actual[e.grade]++;
    expect(actual).toEqual({ A: 5, B: 14, C: 48, D: 8, E: 4 });
    const t = tableAt(summary.getWorksheet('等级分布')!);
    const grades = t.rows.slice(0, 5);
    expect(grades.map((r) => [r['等级'], r['目标%'], r['目标人数'], r['实际人数'], r['差异']])).toEqual(
      ['A', 'B', 'C', 'D', 'E'].map((g) => [g, { A: 0.05, B: 0.2, C: 0.6, D: 0.1, E: 0.05 }[g], targetCounts(79)[g], actual[g], actual[g] - targetCounts(79)[g]]),
    );
    for (const r of grades) expect(Math.abs(Number(r['实际%']) - actual[String(r['等级'])] / 79)).toBeLessThan(0.0005 + 1e-9);
    // a visible bar, longest for C
    expect(String(grades[2]['分布图'])).toMatch(/^█+$/);
    expect(String(grades[2]['分布图']).length).toBeGreaterThan(String(grades[0]['分布图']).length);
    expect([t.rows[5]['等级'], t.rows[5]['目标人数'], t.rows[5]['实际人数'], t.rows[5]['差异']]).toEqual(['合计', 79, 79, 0]);
  });

  it('the A-quota tie (1040 and 1071 at 121.50) and the boundary people are named', () => {
    const ws = summary.getWorksheet('等级分布')!;
    const near = tableAt(ws, findRow(ws, '等级边界附近人员') + 1).rows;
    const at = (b: string) => near.filter((r) => r['边界'] === b).map((r) => [r['工号'], two(r['总分']), r['等级']]);
    expect(at('A/B')).toEqual(expect.arrayContaining([['1040', '121.50', 'A'], ['1071', '121.50', 'A']]));
    expect(at('B/C')).toContainEqual(['1080', '105.00', 'B']);
    expect(at('C/D')).toContainEqual(['1036', '90.00', 'C']);
    expect(at('D/E')).toContainEqual(['1068', '70.00', 'E']);
  });
});

describe('迟交罚款 sheet', () => {
  it('the fines of the month: 1034 5 days 2500.00, 1070 1 day 500.00 (first valid version), 1001 2 days 1000.00', () => {
    const late = fineLines.filter((f) => f.days > 0).map((f) => [f.scorerId, f.form, f.days, f.fine]);
    expect(late.sort()).toEqual(
      [
        ['1001', '客户满意度', 2, '1000.00'],
        ['1034', '目标与KPI', 5, '2500.00'],
        ['1070', '客户满意度', 1, '500.00'],
      ].sort(),
    );
    const t = tableAt(summary.getWorksheet('迟交罚款')!);
    const lines = t.rows.slice(0, -1);
    expect(lines).toHaveLength(20);
    const got = lines.map((r) => [r['打分人工号'], r['迟交天数'], two(r['罚款'])]).sort();
    const want = fineLines.map((f) => [f.scorerId, f.days, f.fine]).sort();
    expect(got).toEqual(want);
    const tot = t.rows[t.rows.length - 1];
    expect([tot['打分人工号'], tot['迟交天数'], two(tot['罚款'])]).toEqual(['合计', 8, '4000.00']);
    // 1070's customer sheet counts from its corrected version, received 11-06 10:20 (Beijing wall clock shown)
    const cs = lines.find((r) => r['打分人工号'] === '1070' && String(r['表单']).startsWith('客户满意度'))!;
    expect(String(cs['收到时间'])).toMatch(/^2026-11-06T10:20/);
  });
});

describe('排除人员 sheet', () => {
  it('总经理, 副总经理, the probation 销售顾问 and the 600-yuan 保洁员, each with its reason', () => {
    const t = tableAt(summary.getWorksheet('排除人员')!);
    const probation = roster.find((r) => r.regularDate === '2026-12-15')!;
    const cleaner = roster.find((r) => r.fullSalary === '600')!;
    expect(probation.position).toBe('销售顾问');
    expect(cleaner.position).toBe('保洁员');
    expect(t.rows.map((r) => r['工号'])).toEqual(['1001', '1002', probation.id, cleaner.id]);
    for (const r of t.rows) expect(String(r['原因']), String(r['工号'])).toContain(exclusionOf(byId.get(String(r['工号']))!)!);
    expect(String(t.rows[3]['原因'])).toContain('600.00');
    for (const r of t.rows) expect(expectedById.has(String(r['工号']))).toBe(false);
  });
});

describe('部门汇总 sheet', () => {
  it('one row per policy department: 售后服务部 (as the painters are written) is counted in 服务站, and 说明 says so', () => {
    const t = tableAt(summary.getWorksheet('部门汇总')!);
    const names = t.rows.slice(0, -1).map((r) => r['部门']);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('服务站');
    expect(names).not.toContain('售后服务部');
    const painters = roster.filter((r) => r.department === '售后服务部');
    expect(painters.length).toBe(3);
    const service = roster.filter((r) => policyDepartment(r.department) === '服务站');
    expect(t.rows.find((r) => r['部门'] === '服务站')!['人数']).toBe(service.length);
    const sheetText = (name: string) => {
      const out: string[] = [];
      summary.getWorksheet(name)!.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
      return out;
    };
    const manifest = sheetText('说明');
    const at = manifest.indexOf('售后服务部');
    expect(manifest.slice(at, at + 3)).toEqual(['售后服务部', '服务站', '3']);
    // the per-department distribution has one block of grades for 服务站
    const dist = sheetText('等级分布');
    expect(dist.filter((v) => v === '售后服务部')).toEqual([]);
  });

  it('totals row: 83 people, 79 graded, 4 excluded, grade counts and Σ pay', () => {
    const t = tableAt(summary.getWorksheet('部门汇总')!);
    const tot = t.rows[t.rows.length - 1];
    expect([tot['部门'], tot['人数'], tot['已评级'], tot['未完成'], tot['不参评']]).toEqual(['合计', 83, 79, 0, 4]);
    expect(['A', 'B', 'C', 'D', 'E'].map((g) => tot[`${g}级人数`])).toEqual([5, 14, 48, 8, 4]);
    expect(two(tot['绩效工资合计'])).toBe(totals.pay);
    for (const r of t.rows.slice(0, -1)) {
      const dept = expected.filter((e) => policyDepartment(e.department) === r['部门']);
      expect(two(r['绩效工资合计']), String(r['部门'])).toBe(sumOf(dept.map((e) => e.pay)));
      expect(r['已评级']).toBe(dept.length);
    }
  });
});

describe('绩效工资表 xlsx', () => {
  it('every line to the fen, then a totals row equal to the sum of the lines', () => {
    const t = tableAt(payrollWb.getWorksheet('绩效工资表')!);
    expect(t.headers).toEqual(['工号', '姓名', '部门', '类别', '全额工资', '考核基数', '总分', '等级', '绩效工资', '迟交罚款', '实发绩效', '备注']);
    const lines = t.rows.slice(0, -1);
    expect(lines.map((r) => [r['工号'], r['姓名'], r['部门'], r['类别'] ?? '', two(r['全额工资']), two(r['考核基数']), two(r['总分']), r['等级'], two(r['绩效工资']), two(r['迟交罚款']), two(r['实发绩效']), r['备注'] ?? ''])).toEqual(
      payroll.map((l) => [l.id, l.name, l.department, l.category, l.salary, l.base, l.total, l.grade, l.pay, l.fine, l.net, l.note]),
    );
    const tot = t.rows[t.rows.length - 1];
    expect([tot['工号'], two(tot['全额工资']), two(tot['考核基数']), two(tot['绩效工资']), two(tot['迟交罚款']), two(tot['实发绩效'])]).toEqual([
      '合计',
      totals.salary,
      totals.base,
      totals.pay,
      totals.fine,
      totals.net,
    ]);
    // and the totals are the sums of what the sheet itself shows
    const col = (h: string) => sumOf(lines.map((r) => two(r[h])));
    expect([col('全额工资'), col('考核基数'), col('绩效工资'), col('迟交罚款'), col('实发绩效')]).toEqual([
      two(tot['全额工资']),
      two(tot['考核基数']),
      two(tot['绩效工资']),
      two(tot['迟交罚款']),
      two(tot['实发绩效']),
    ]);
  });

  it('fined scorers: 1034 −2500.00, 1070 −500.00; the general manager 1001 (not graded) has 0 pay and −1000.00 net', () => {
    const t = tableAt(payrollWb.getWorksheet('绩效工资表')!);
    const line = (id: string) => {
      const r = t.rows.find((x) => x['工号'] === id)!;
      return [r['等级'], two(r['绩效工资']), two(r['迟交罚款']), two(r['实发绩效'])];
    };
    expect(line('1001')).toEqual([null, '0.00', '1000.00', '-1000.00']);
    expect(line('1034')).toEqual(['B', '5885.00', '2500.00', '3385.00']); // 经理: 50% × 11000 × 107%
    expect(line('1070')).toEqual(['C', '3150.00', '500.00', '2650.00']);
  });

  it('reconciles with the summary workbook to the fen', async () => {
    const pt = tableAt(payrollWb.getWorksheet('绩效工资表')!).rows.at(-1)!;
    const st = tableAt(summary.getWorksheet('汇总')!).rows.at(-1)!;
    const ft = tableAt(summary.getWorksheet('迟交罚款')!).rows.at(-1)!;
    expect(two(pt['绩效工资'])).toBe(two(st['绩效工资']));
    expect(two(pt['考核基数'])).toBe(two(st['考核基数']));
    expect(two(pt['迟交罚款'])).toBe(two(ft['罚款']));
    const m = tableAt(summary.getWorksheet('说明')!).rows;
    const item = (k: string) => m.find((r) => r['项目'] === k)?.['内容'];
    expect([item('绩效工资合计(汇总表)'), item('绩效工资合计(工资表)'), item('迟交罚款合计(迟交罚款页)'), item('迟交罚款合计(工资表)'), item('汇总表与工资表核对')]).toEqual([
      totals.pay,
      totals.pay,
      totals.fine,
      totals.fine,
      '一致',
    ]);
  });
});

describe('绩效工资表 csv', () => {
  it('UTF-8 with BOM, CRLF line ends, the exact header line', () => {
    expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csvBytes.subarray(3).toString('utf8');
    expect(Buffer.from(text, 'utf8').equals(csvBytes.subarray(3))).toBe(true); // valid UTF-8
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/); // no bare CR or LF
    expect(text.slice(0, text.indexOf('\r\n'))).toBe('工号,姓名,部门,类别,全额工资,考核基数,总分,等级,绩效工资,迟交罚款,实发绩效,备注');
  });

  it('the same lines and totals as the xlsx, money as plain decimals with two places', () => {
    const rows = parseCsv(csvBytes.subarray(3).toString('utf8'));
    expect(rows).toHaveLength(1 + payroll.length + 1);
    const n = (s: string | null) => s ?? '';
    expect(rows.slice(1, -1)).toEqual(
      payroll.map((l) => [l.id, l.name, l.department, l.category, l.salary, n(l.base), n(l.total), n(l.grade), l.pay, l.fine, l.net, l.note]),
    );
    expect(rows.at(-1)).toEqual(['合计', '', '', '', totals.salary, totals.base, '', '', totals.pay, totals.fine, totals.net, '']);
    // the general manager's note holds a comma: quoted in the raw text
    expect(csvBytes.toString('utf8')).toContain('\r\n1001,王丽艳,总经理室,,30000.00,,,,0.00,1000.00,-1000.00,"本月不参加考核,仅扣迟交罚款"\r\n');
  });
});

describe('说明 sheet (manifest)', () => {
  it('month, revision 1, policy and tool version', () => {
    const m = tableAt(summary.getWorksheet('说明')!).rows;
    const item = (k: string) => m.find((r) => r['项目'] === k)?.['内容'];
    expect([item('考核月份'), item('结账版本(第几次结账)'), item('制度版本'), item('员工人数'), item('被评估人数')]).toEqual(['2026-10', 1, '2026.1', 83, 79]);
    expect(String(item('工具版本'))).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("lists every input sheet with the SHA-256 of the fixture file's bytes", () => {
    const ws = summary.getWorksheet('说明')!;
    const t = tableAt(ws, findRow(ws, '输入文件') + 1);
    expect(t.headers.slice(0, 2)).toEqual(['文件', 'SHA-256']);
    const got = new Map(t.rows.map((r) => [String(r['文件']), String(r['SHA-256'])]));
    expect([...got.keys()].sort()).toEqual([...usedFiles].sort());
    for (const f of usedFiles) expect(got.get(f), f).toBe(sha256(path.join(DEMO_DIR, f)));
    // the corrected customer sheet is version 2
    const cs = t.rows.find((r) => r['文件'] === '2026-10_客服部_黎秀强_客户满意度.xlsx')!;
    expect(cs['版本']).toBe(2);
  });

  it('also lists every file received, refused and superseded versions included (the duplicate re-send once)', () => {
    const ws = summary.getWorksheet('说明')!;
    const t = tableAt(ws, findRow(ws, '本月收到的全部文件(含被取代和有错误的版本;相同文件重复收到只记一次)') + 1);
    expect(t.headers).toEqual(['文件', 'SHA-256', '表单', '收到时间', '版本', '错误数', '是否采用']);
    expect(t.rows).toHaveLength(usedFiles.length + 1);
    const first = t.rows.find((r) => String(r['文件']).endsWith('-第一版.xlsx'))!;
    expect([first['版本'], first['错误数'], first['是否采用']]).toEqual([1, 1, '有错误,未采用']);
    expect(first['SHA-256']).toBe(sha256(path.join(DEMO_DIR, String(first['文件']))));
    expect(t.rows.filter((r) => r['是否采用'] === '采用')).toHaveLength(usedFiles.length);
  });
});

describe('the other sheets', () => {
  it('the workbook has the eight sheets of SPEC §8 and 打分分析 (§11), in order', () => {
    expect(summary.worksheets.map((w) => w.name)).toEqual(['汇总', '等级分布', '部门汇总', '打分分析', '迟交罚款', '预警与奖励', '排除人员', '校验问题', '说明']);
  });
});

describe('打分分析 sheet (policy §5.1.6): the planted lenient and severe KPI scorers', () => {
  // Written out here: each graded person's KPI is scored by their direct manager (花名册 直接上级);
  // a scorer is compared with the pooled KPI scores of everyone else when both sides have ≥ 5 people;
  // flagged when the difference is more than 1 population SD of the others AND more than 5 points.
  const kpiBy = new Map<string, Dec[]>();
  for (const e of expected) {
    const m = byId.get(e.id)!.managerId!;
    kpiBy.set(m, [...(kpiBy.get(m) ?? []), e.sections.kpi]);
  }
  const mean = (xs: Dec[]) => xs.reduce((a, b) => a.plus(b), new D(0)).div(xs.length);
  const sd = (xs: Dec[]) => {
    const m = mean(xs);
    return xs.reduce((a, b) => a.plus(b.minus(m).pow(2)), new D(0)).div(xs.length).sqrt();
  };
  const comparison = (scorer: string) => {
    const own = kpiBy.get(scorer)!;
    const others = [...kpiBy].filter(([k]) => k !== scorer).flatMap(([, v]) => v);
    const diff = mean(own).minus(mean(others));
    return { own, others, diff, sd: sd(others) };
  };
  let rows: Record<string, string | number | null>[];
  let text: string[];
  beforeAll(() => {
    const ws = summary.getWorksheet('打分分析')!;
    rows = tableAt(ws, findRow(ws, '各打分人打分情况(按考核项目)') + 1).rows;
    text = [];
    for (let r = findRow(ws, '可复制到报送管理层的绩效总结中的文字:') + 1; r < findRow(ws, '各打分人打分情况(按考核项目)'); r++) {
      const v = ws.getRow(r).getCell(1).value;
      if (v) text.push(String(v));
    }
  });

  it('KPI figures of every scorer with five or more people match the independent computation', () => {
    const kpiRows = rows.filter((r) => r['考核项目'] === '关键考核指标KPI');
    expect(kpiRows).toHaveLength(kpiBy.size);
    for (const [scorer, own] of kpiBy) {
      const row = kpiRows.find((r) => r['打分人工号'] === scorer)!;
      expect([row['人数'], two(row['平均分'])], scorer).toEqual([own.length, r2(mean(own))]);
      const c = comparison(scorer);
      if (own.length < 5) {
        expect(row['比较对象'], scorer).toBe('人数不足5人,未比较');
        continue;
      }
      expect(row['比较对象']).toBe('其他打分人');
      expect([row['对方人次'], two(row['对方平均分']), two(row['对方标准差']), two(row['相差(分)']), two(row['相差(标准差)'])], scorer).toEqual([
        c.others.length,
        r2(mean(c.others)),
        r2(c.sd),
        r2(c.diff),
        r2(c.diff.div(c.sd)),
      ]);
    }
  });

  it('1004 is flagged lenient and 1003 severe, nobody else; both sentences are in the text to paste', () => {
    const flagged = [...kpiBy.keys()]
      .filter((s) => kpiBy.get(s)!.length >= 5)
      .map((s) => ({ s, ...comparison(s) }))
      .filter((c) => c.diff.abs().gt(c.sd) && c.diff.abs().gt(5))
      .map((c) => [c.s, c.diff.gt(0) ? '偏宽' : '偏严']);
    expect(flagged.sort()).toEqual([
      ['1003', '偏严'],
      ['1004', '偏宽'],
    ]);
    const marks = rows.filter((r) => r['标记']).map((r) => [r['打分人工号'], r['考核项目'], r['标记']]);
    expect(marks.sort()).toEqual([
      ['1003', '关键考核指标KPI', '偏严'],
      ['1004', '关键考核指标KPI', '偏宽'],
    ]);
    const hu = comparison('1003');
    expect(text.some((l) => l.includes(`胡国(关键考核指标KPI)为 13 人打分`) && l.includes(`低 ${r2(hu.diff.abs())} 分`))).toBe(true);
    expect(text.some((l) => l.includes('梁俊斌(关键考核指标KPI)为 14 人打分') && l.includes('高 '))).toBe(true);
    expect(text.join('')).not.toMatch(/违规|作弊|失职/);
  });

  it('the copied goal weights of VIP会所经理 1050 are the only identical-weights question', () => {
    const weights = text.filter((l) => l.includes('目标权重完全相同'));
    expect(weights).toHaveLength(2);
    expect(weights.every((l) => l.includes('程琳超 的目标表中,5 名员工'))).toBe(true);
  });
});

describe('result slips (绩效结果确认单): one page per graded employee, a .docx and a PDF per department', () => {
  const slipsDir = () => path.join(out, '绩效结果确认单');
  const departments = [...new Set(expected.map((e) => e.department))];
  /** The text of each page of a slip .docx (pages split at the page breaks between people). */
  const pagesOf = (file: string): string[] => {
    const xml = new PizZip(readFileSync(file)).file('word/document.xml')!.asText();
    return xml.split('<w:br w:type="page"/>').map((part) =>
      [...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')).join(''),
    );
  };
  /** 1, 2, 2, 4 within the department, computed here from the expected totals. */
  const rankIn = (id: string) => {
    const e = expectedById.get(id)!;
    return 1 + expected.filter((o) => o.department === e.department && new D(o.total).gt(e.total)).length;
  };

  it.runIf(interopSuite('test/e2e/demo-month.test.ts (slips as PDF)', ['soffice', 'pdftotext']))('a .docx and a PDF per department; the PDF has exactly one page per graded person', () => {
    expect(readdirSync(slipsDir()).sort()).toEqual(departments.flatMap((d) => [`${d}.docx`, `${d}.pdf`]).sort());
    for (const d of departments) {
      const people = expected.filter((e) => e.department === d);
      const info = execFileSync('pdfinfo', [path.join(slipsDir(), `${d}.pdf`)], { encoding: 'utf8' });
      expect(Number(/Pages:\s+(\d+)/.exec(info)![1]), d).toBe(people.length);
      const pages = pagesOf(path.join(slipsDir(), `${d}.docx`));
      expect(pages, d).toHaveLength(people.length);
      // in the order of the staff list, each page names its person
      people.forEach((e, i) => expect(pages[i], `${d} page ${i + 1}`).toContain(`姓名:${e.name}`));
      const text = execFileSync('pdftotext', ['-layout', path.join(slipsDir(), `${d}.pdf`), '-'], { encoding: 'utf8' });
      expect(text.split('\f').filter((p) => p.includes('绩效考核结果确认单'))).toHaveLength(people.length);
    }
  });

  it("1044's slip: sections with weight, score and scorer, goal rows, total, grade, rank, pay to the fen, sign-off; no placeholder left", () => {
    const e = expectedById.get('1044')!;
    const pages = pagesOf(path.join(slipsDir(), `${e.department}.docx`));
    const page = pages.find((p) => p.includes('工号:1044'))!;
    expect(page).toContain('关键考核指标KPI30%95.80曾桂玉(1034)');
    expect(page).toContain('财务指标40%97.50吕超国(1079)');
    for (const [goal, w, score] of DISTINCT_1044.kpi) {
      expect(page).toContain(`${goal}${w}`);
      expect(page).toContain(new D(score).toFixed(2));
    }
    expect(page).toContain(`总分:${e.total}`);
    expect(page).toContain(`等级:${e.grade} ${{ A: '杰出', B: '优秀', C: '良好', D: '待改进', E: '不胜任' }[e.grade]}`);
    const count = expected.filter((o) => o.department === e.department).length;
    expect(page).toContain(`本部门 ${count} 人中第 ${rankIn('1044')} 名`);
    expect(page).toContain(`提成工资总额 ${money(commissionOf('1044'))} 元 × 总分 95.34 ÷ 100 = ${e.pay} 元`);
    for (const line of ['员工签字:', '直接经理签字:', '隔级经理签字:', '面谈日期:']) expect(page).toContain(line);
    for (const p of pages) expect(p).not.toMatch(/[{}]|undefined|NaN/);
  });

  it("a scorer's late fine and a salaried base with its formula are on their slips", () => {
    const e = expectedById.get('1034')!; // 销售部经理, goals sheet 5 days late
    const page = pagesOf(path.join(slipsDir(), `${e.department}.docx`)).find((p) => p.includes('工号:1034'))!;
    expect(page).toContain('迟交 5 天,罚款 2500.00 元');
    expect(page).toContain(`考核基数 ${e.base} 元`);
    expect(page).toContain(`= ${e.pay} 元`);
    const excluded = roster.filter((r) => !expectedById.has(r.id));
    const all = departments.flatMap((d) => pagesOf(path.join(slipsDir(), `${d}.docx`))).join('');
    for (const r of excluded) expect(all).not.toContain(`工号:${r.id}`);
  });
});


describe('jixiao analyse and jixiao slips again in the demo workspace', () => {
  it('analyse --json: the figures, the flags and the text; a month not closed is refused', async () => {
    const r = await jx(['analyse', '--month', MONTH, '--json'], { ws: demo.dir });
    expect(r.code, r.err).toBe(0);
    expect(r.json.analysis.flags.map((f: any) => [f.kind, f.scorerId ?? f.department]).sort()).toEqual([
      ['identical_weights', '1050'],
      ['identical_weights', '1050'],
      ['lenient', '1004'],
      ['severe', '1003'],
    ]);
    expect(r.json.text[0]).toContain('2026-10 共有');
    const en = await jx(['analyse', '--month', MONTH, '--lang', 'en'], { ws: demo.dir });
    expect(en.out).toContain('Worth asking');
    const open = await jx(['analyse', '--month', '2026-09', '--json'], { ws: demo.dir });
    expect(open.code).toBe(1);
    expect(open.json.issues[0].code).toBe('analysis.month_not_closed');
  });

  it('slips again need no --force (issue 10 §2: jixiao\'s own files are rendered again); without LibreOffice the .docx is written and the clerk is told', async () => {
    const again = await jx(['slips', '--month', MONTH, '--department', '人力资源部', '--json'], { ws: demo.dir });
    expect(again.code, again.out).toBe(0);
    expect(again.json.issues.map((i: any) => i.code)).not.toContain('output.exists');
    const saved = process.env.SOFFICE;
    process.env.SOFFICE = '';
    try {
      const r = await jx(['slips', '--month', MONTH, '--employee', '1064'], { ws: demo.dir });
      expect(r.code, r.err).toBe(0);
      expect(r.out).toContain('未找到 LibreOffice');
      const one = readdirSync(path.join(out, '绩效结果确认单')).filter((f) => f.startsWith('人力资源部_1064_'));
      expect(one).toEqual([`人力资源部_1064_${byId.get('1064')!.name}.docx`]); // no PDF, and the department's file untouched
      const pages = new PizZip(readFileSync(path.join(out, '绩效结果确认单', one[0]))).file('word/document.xml')!.asText();
      expect(pages.split('<w:br w:type="page"/>')).toHaveLength(1);
      expect(pages).toContain('1064');
    } finally {
      if (saved === undefined) delete process.env.SOFFICE;
      else process.env.SOFFICE = saved;
    }
  });
});

// ───────────────────────── targets (SPEC §9): split before the forms, KPI rows scored by rule ─────────────────────────

/** What fixtures/make-targets.ts types into 年度目标, typed here again so the test does not trust the reader. */
const YEAR_TARGETS: Record<string, { department: string; year: string; kind: 'additive' | 'ratio'; places: number }> = {
  产值: { department: '服务站', year: '12000000.07', kind: 'additive', places: 2 },
  台次: { department: '服务站', year: '3001', kind: 'additive', places: 0 },
  配件销售额: { department: '服务站', year: '4800000', kind: 'additive', places: 2 },
  回厂率: { department: '服务站', year: '50', kind: 'ratio', places: 2 },
  返修率: { department: '服务站', year: '3', kind: 'ratio', places: 2 },
  一次修复率: { department: '服务站', year: '95', kind: 'ratio', places: 2 },
  客户投诉率: { department: '服务站', year: '2', kind: 'ratio', places: 2 },
  配件库存周转: { department: '服务站', year: '4-5', kind: 'ratio', places: 1 },
  精品销售额: { department: '精品部', year: '1000001', kind: 'additive', places: 2 },
};
const MONTHS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** out/月度目标-2026.xlsx as rows: department sheet, 指标, 工号 (null = 部门目标), 1月…12月 and 全年 as exact text. */
interface TargetLine {
  department: string;
  indicator: string;
  id: string | null;
  months: string[];
  year: string;
}
async function targetLines(file: string): Promise<TargetLine[]> {
  const wb = await readWorkbook(file);
  const out: TargetLine[] = [];
  for (const ws of wb.worksheets) {
    const t = tableAt(ws, findRowByCell(ws, '指标'));
    for (const r of t.rows) {
      if (!r['指标']) continue;
      const text = (v: unknown) => (typeof v === 'number' ? new D(String(v)).toFixed() : String(v));
      out.push({ department: ws.name, indicator: String(r['指标']), id: r['工号'] === null ? null : String(r['工号']), months: MONTHS.map((m) => text(r[m])), year: text(r['全年']) });
    }
  }
  return out;
}
function findRowByCell(ws: ExcelJS.Worksheet, first: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (plain(ws.getRow(r).getCell(1).value) === first) return r;
  throw new Error(`no header row in ${ws.name}`);
}

/** A goals sheet's rows: 工号, 所属项目, 指标, 权重, 目标值, 实际值, 得分 (plain values). */
async function goalSheetRows(file: string) {
  const ws = (await readWorkbook(file)).getWorksheet('目标与KPI')!;
  const t = tableAt(ws);
  return t.rows
    .filter((r) => r['工号'] !== null)
    .map((r) => ({ id: String(r['工号']), section: r['所属项目'], goal: r['指标/目标'] === null ? null : String(r['指标/目标']), weight: r['权重%'], target: r['目标值'], actual: r['实际值'], score: r['得分'] }));
}

/**
 * The policy's rule for an indicator, applied here by hand (SPEC §9, issue 12 item 2): higher_better is
 * 100 × 实际 ÷ 目标, capped at score_max and floored at 0, half-up to 2 decimals.
 */
const POLICY_YAML = parseYaml(readFileSync(path.join(ROOT, 'templates', 'policy.yaml'), 'utf8'));
function byRuleHere(indicator: string, target: string, actual: string): string {
  const ind = POLICY_YAML.targets.indicators.find((i: any) => i.name === indicator || (i.aliases ?? []).includes(indicator));
  expect(ind.rule, indicator).toBe('higher_better'); // the demo scores money indicators only
  const raw = new D(100).times(actual).div(target);
  const capped = D.max(0, D.min(raw, POLICY_YAML.score_max));
  return r2(capped);
}

/** A department's head: the person whose direct manager works in another department (服务站 1003, 精品部 1058). */
const headOf = (id: string): boolean => {
  const r = byId.get(id)!;
  const boss = r.managerId ? byId.get(r.managerId) : undefined;
  return !boss || policyDepartment(boss.department) !== policyDepartment(r.department);
};

describe('targets: split before the forms; KPI rows with only 实际值 scored by the rule', () => {
  let lines: TargetLine[];
  beforeAll(async () => {
    lines = await targetLines(path.join(demo.dir, 'out', '月度目标-2026.xlsx'));
  });

  it('the targets step runs before forms and exits 0', () => {
    const i = demo.steps.findIndex((s: any) => s.command.includes(' targets split '));
    expect(i).toBeGreaterThan(0);
    expect(demo.steps[i].exitCode).toBe(0);
    expect(demo.steps[i + 1].command).toContain(' forms ');
  });

  it('月度目标-2026.xlsx: for every indicator and department the month cells add up to the year and the people to each month, to the unit; ratio targets unchanged in every cell', () => {
    for (const [indicator, y] of Object.entries(YEAR_TARGETS)) {
      const mine = lines.filter((l) => l.indicator === indicator);
      const dept = mine.filter((l) => l.id === null);
      expect(dept.map((l) => l.department), indicator).toEqual([y.department]);
      expect(mine.every((l) => l.department === y.department)).toBe(true);
      const people = mine.filter((l) => l.id !== null);
      if (y.kind === 'ratio') {
        for (const l of mine) for (const v of [...l.months, l.year]) expect(v, `${indicator} ${l.id}`).toBe(y.year);
        expect(people.length, indicator).toBeGreaterThan(0); // the 服务顾问 carry them too
        continue;
      }
      const sum = (xs: string[]) => xs.reduce((s, x) => s.plus(x), new D(0));
      expect(sum(dept[0].months).eq(y.year), `${indicator}: Σ months ${sum(dept[0].months)} vs ${y.year}`).toBe(true);
      expect(new D(dept[0].year).eq(y.year)).toBe(true);
      for (const v of dept[0].months) expect(new D(v).decimalPlaces(), `${indicator} ${v}`).toBeLessThanOrEqual(y.places);
      if (!people.length) continue;
      for (let m = 0; m < 12; m++) expect(sum(people.map((p) => p.months[m])).eq(dept[0].months[m]), `${indicator} ${m + 1}月`).toBe(true);
      for (const p of people) {
        expect(sum(p.months).eq(p.year), `${indicator} ${p.id} 全年`).toBe(true);
        for (const v of p.months) expect(new D(v).decimalPlaces()).toBeLessThanOrEqual(y.places);
      }
      expect(sum(people.map((p) => p.year)).eq(y.year), `${indicator} Σ people`).toBe(true);
    }
  });

  it("the workspace's goals sheets carry the October targets: each 服务顾问 on the 服务站总监's sheet, the department's on the director's rows; every target a row, plus the usual free rows", async () => {
    const sheets = path.join(demo.dir, 'out', MONTH, '评分表');
    const director = roster.find((r) => r.department === '服务站' && r.position === '总监')!;
    const directorSheet = readdirSync(sheets).find((f) => f.includes(`_${director.name}_目标与KPI`))!;
    const bossSheet = readdirSync(sheets).find((f) => f.includes(`_${byId.get(director.managerId!)!.name}_目标与KPI`))!;
    const rowsPer = POLICY_YAML.goals.rows_per_employee;
    const advisers = roster.filter((r) => r.department === '服务站' && r.position === '服务顾问');
    const rows = await goalSheetRows(path.join(sheets, directorSheet));
    for (const a of advisers) {
      const mine = rows.filter((r) => r.id === a.id);
      const prefilled = mine.filter((r) => r.goal);
      expect(prefilled.map((r) => r.goal), a.id).toEqual(['产值', '台次', '回厂率', '返修率', '一次修复率', '客户投诉率', '配件库存周转']);
      const october = lines.find((l) => l.indicator === '产值' && l.id === a.id)!.months[9];
      expect(new D(String(prefilled[0].target)).eq(october)).toBe(true);
      expect(mine.length - prefilled.length).toBe(rowsPer);
    }
    const boss = (await goalSheetRows(path.join(sheets, bossSheet))).filter((r) => r.id === director.id);
    const deptTargets = Object.entries(YEAR_TARGETS).filter(([, y]) => y.department === '服务站').map(([k]) => k);
    expect(boss.filter((r) => r.goal).map((r) => r.goal)).toEqual(deptTargets);
    expect(boss.length).toBe(deptTargets.length + rowsPer); // 8 department targets, and still 8 rows for the KPI and MBO goals
  });

  it('a KPI row with only 实际值 gets 得分 by the rule at close: section score and 总分 to 0.01, recomputed here from the policy rule and the split', async () => {
    const t = tableAt(summary.getWorksheet('汇总')!);
    const rowOf = new Map(t.rows.map((r) => [String(r['工号']), r]));
    const goalsFiles = usedFiles.filter((f) => f.endsWith('_目标与KPI.xlsx'));
    let ruled = 0;
    const checkedPeople: string[] = [];
    for (const f of goalsFiles) {
      const rows = await goalSheetRows(path.join(DEMO_DIR, f));
      const ids = [...new Set(rows.filter((r) => r.goal && r.actual !== null && r.score === null && r.weight !== null).map((r) => r.id))];
      for (const id of ids) {
        const kpiRows = rows.filter((r) => r.id === id && r.section === '关键考核指标KPI' && r.weight !== null);
        let section = new D(0);
        for (const r of kpiRows) {
          let score: string;
          if (r.score === null) {
            // the October target from the split workbook (not the sheet's cell): a department's head carries
            // the department's target (it wins over the head's own share), everyone else their own share
            const line = headOf(id) ? lines.find((l) => l.indicator === r.goal && l.id === null)! : lines.find((l) => l.indicator === r.goal && l.id === id)!;
            score = byRuleHere(r.goal!, line.months[9], new D(String(r.actual)).toFixed());
            ruled++;
          } else score = new D(String(r.score)).toFixed();
          section = section.plus(new D(score).times(String(r.weight)));
        }
        const kpi = section.div(100);
        const e = expectedById.get(id)!;
        const row = rowOf.get(id)!;
        expect(two(row['关键考核指标KPI']), `${id} KPI`).toBe(r2(kpi));
        const total = SECTIONS[e.category].reduce((s, x) => s.plus(new D(x.id === 'kpi' ? kpi : String(row[x.name])).times(x.weight)), new D(0)).div(100);
        expect(two(row['总分']), `${id} 总分`).toBe(r2(total));
        checkedPeople.push(id);
      }
    }
    // the director (8 department targets) and the six 服务顾问 on his sheet, and the 精品部
    expect(checkedPeople.sort()).toEqual(['1003', '1019', '1020', '1021', '1022', '1023', '1024', '1058', '1059', '1060']);
    expect(ruled).toBe(11);
  });

  it('one by hand: 1020 田超国, 产值 target 214285.72, 实际 204642.86 → 95.50; KPI (40 × 95.5 + 30 × 90.5 + 30 × 90.5) / 100 = 92.50, 总分 112.50', async () => {
    const f = usedFiles.find((x) => x.includes('_胡国_目标与KPI'))!;
    const mine = (await goalSheetRows(path.join(DEMO_DIR, f))).filter((r) => r.id === '1020' && r.weight !== null);
    expect(mine.map((r) => [r.goal, r.weight, r.score])).toEqual([
      ['产值', 40, null],
      ['过程指标', 30, 90.5],
      ['基础工作', 30, 90.5],
    ]);
    const output = mine[0];
    expect([output.target, output.actual]).toEqual([214285.72, 204642.86]);
    expect(lines.find((l) => l.indicator === '产值' && l.id === '1020')!.months[9]).toBe('214285.72');
    expect(byRuleHere('产值', '214285.72', '204642.86')).toBe('95.50'); // 95.49999953… → 95.50 half-up
    const row = tableAt(summary.getWorksheet('汇总')!).rows.find((r) => r['工号'] === '1020')!;
    expect([two(row['关键考核指标KPI']), two(row['总分'])]).toEqual(['92.50', '112.50']);
  });
});
