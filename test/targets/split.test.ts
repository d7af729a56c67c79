/**
 * `jixiao targets split` end to end (SPEC §9): the demo's 年度目标.xlsx split to months and
 * people — every month row and person row adds up exactly, ratio targets unchanged in every
 * cell, read back from out/月度目标-2026.xlsx with exceljs — versions in the ledger, every
 * bad-input case with its cell, and the same workbook written by openpyxl read the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { FIXTURES, freshWorkspace, jx, removeTempDirs, tempDir } from '../e2e/helpers.js';
import { targetPeople, SEASONALITY_ALL, SEASONALITY_OUTPUT } from '../../fixtures/make-targets.js';
import { dealershipRoster } from '../../fixtures/dealership.js';
import { PYTHON, requirePython } from '../interop/python.js';

const TARGETS = path.join(FIXTURES, '年度目标.xlsx');
const NOW = new Date('2026-01-06T09:00:00+08:00');

afterAll(removeTempDirs);

/** What the fixture says, typed here again so the test does not trust the reader. */
const YEAR: Record<string, { department: string; year: string; kind: 'additive' | 'ratio' }> = {
  产值: { department: '服务站', year: '12000000.07', kind: 'additive' },
  台次: { department: '服务站', year: '3001', kind: 'additive' },
  配件销售额: { department: '服务站', year: '4800000.00', kind: 'additive' },
  回厂率: { department: '服务站', year: '50', kind: 'ratio' },
  返修率: { department: '服务站', year: '3', kind: 'ratio' },
  一次修复率: { department: '服务站', year: '95', kind: 'ratio' },
  客户投诉率: { department: '服务站', year: '2', kind: 'ratio' },
  配件库存周转: { department: '服务站', year: '4-5', kind: 'ratio' },
  精品销售额: { department: '精品部', year: '1000001.00', kind: 'additive' },
};

interface Row {
  indicator: string;
  unit: string;
  department: string;
  employeeId: string | null;
  month: number;
  target: string;
}

describe('targets split of the demo file', () => {
  let ws: string;
  let rows: Row[];
  let json: any;
  beforeAll(async () => {
    ({ ws } = await freshWorkspace('targets'));
    const r = await jx(['targets', 'split', TARGETS, '--year', '2026', '--json'], { ws, now: NOW });
    expect(r.code, r.out + r.err).toBe(0);
    json = r.json;
    rows = json.rows;
  }, 60_000);

  it('stores version 1 and names every indicator of the file', () => {
    expect(json.version).toBe(1);
    expect([...new Set(rows.map((r) => r.indicator))].sort()).toEqual(Object.keys(YEAR).sort());
    expect(json.issues.filter((i: any) => i.severity === 'error')).toEqual([]);
  });

  it('the twelve months add up to the year exactly, and the people to each month exactly', () => {
    for (const [indicator, y] of Object.entries(YEAR)) {
      if (y.kind !== 'additive') continue;
      const dept = rows.filter((r) => r.indicator === indicator && r.employeeId === null);
      expect(dept.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
      const places = indicator === '台次' ? 0 : 2;
      expect(dept.reduce((s, r) => s.plus(r.target), new Decimal(0)).toFixed(places), indicator).toBe(y.year);
      for (const r of dept) expect(r.target).toMatch(places ? /^\d+\.\d{2}$/ : /^\d+$/);
      const people = rows.filter((r) => r.indicator === indicator && r.employeeId !== null);
      if (indicator === '配件销售额') expect(people).toEqual([]);
      else expect(people.length).toBeGreaterThan(0);
      for (let m = 1; m <= 12; m++) {
        const inMonth = people.filter((p) => p.month === m);
        if (!inMonth.length) continue;
        const deptMonth = dept.find((d) => d.month === m)!.target;
        expect(inMonth.reduce((s, r) => s.plus(r.target), new Decimal(0)).toFixed(places), `${indicator} ${m}月`).toBe(deptMonth);
      }
    }
  });

  it('产值 follows its own seasonality, 台次 the 全部 row (within one unit of the exact quota)', () => {
    const check = (indicator: string, weights: number[], year: string, unit: string) => {
      const sum = weights.reduce((a, b) => a + b, 0);
      rows
        .filter((r) => r.indicator === indicator && r.employeeId === null)
        .forEach((r) => {
          const exact = new Decimal(year).times(weights[r.month - 1]).div(sum);
          expect(new Decimal(r.target).minus(exact).abs().lt(unit), `${indicator} ${r.month}月`).toBe(true);
        });
    };
    check('产值', SEASONALITY_OUTPUT, '12000000.07', '0.01');
    check('台次', SEASONALITY_ALL, '3001', '1');
  });

  it('ratio targets are unchanged in every month and for every person; 48%-style values read as percent points', () => {
    for (const [indicator, y] of Object.entries(YEAR)) {
      if (y.kind !== 'ratio') continue;
      const mine = rows.filter((r) => r.indicator === indicator);
      expect(mine.length).toBeGreaterThanOrEqual(12);
      for (const r of mine) expect(r.target, indicator).toBe(y.year);
    }
    // the 服务顾问 (who have shares) carry the ratio targets too
    const adviser = targetPeople().advisers[0].id;
    expect(rows.filter((r) => r.indicator === '回厂率' && r.employeeId === adviser)).toHaveLength(12);
  });

  it('warns that the shares leave people of the department out, naming them', () => {
    const w = json.issues.find((i: any) => i.code === 'targets.share_missing_person' && i.params.indicator === '产值');
    expect(w.severity).toBe('warning');
    const director = dealershipRoster().find((r) => r.department === '服务站' && r.position === '总监')!;
    expect(w.found).toContain(`${director.name}(${director.id})`);
  });

  it('warns when the shares give a department head part of a target the head already carries whole (the 精品主管)', () => {
    const head = dealershipRoster().find((r) => r.department === '精品部' && r.position === '精品主管')!;
    expect(targetPeople().boutique.map((p) => p.id)).toContain(head.id);
    const w = json.issues.filter((i: any) => i.code === 'targets.share_head');
    expect(w.map((i: any) => [i.severity, i.params.indicator, i.params.department, i.found])).toEqual([
      ['warning', '精品销售额', '精品部', `${head.name}(${head.id})`],
    ]);
    expect(w[0].message).toContain('负责人');
  });

  it('writes out/月度目标-2026.xlsx: one sheet per department whose cells are the split (read back with exceljs)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(ws, 'out', '月度目标-2026.xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual(['服务站', '精品部']);
    for (const sheet of wb.worksheets) {
      let header = 0;
      sheet.eachRow((row, n) => {
        if (row.getCell(1).value === '指标') header = n;
      });
      expect(header).toBeGreaterThan(0);
      const heads = (sheet.getRow(header).values as unknown[]).slice(1);
      expect(heads).toEqual(['指标', '单位', '工号', '姓名', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`), '全年']);
      let checked = 0;
      for (let n = header + 1; n <= sheet.rowCount; n++) {
        const xr = sheet.getRow(n);
        const indicator = String(xr.getCell(1).value ?? '');
        if (!indicator) continue;
        const id = String(xr.getCell(3).value ?? '') || null;
        for (let m = 1; m <= 12; m++) {
          const want = rows.find((r) => r.indicator === indicator && r.employeeId === id && r.month === m && r.department === sheet.name)!;
          const v = xr.getCell(4 + m).value;
          const at = `${sheet.name}!${xr.getCell(4 + m).address}`;
          if (typeof v === 'number') expect(new Decimal(v).eq(want.target), `${at}: ${v} vs ${want.target}`).toBe(true);
          else expect(String(v), at).toBe(want.target); // a range (4-5)
        }
        const year = xr.getCell(17).value;
        if (id === null) {
          const y = YEAR[indicator];
          if (typeof year === 'number') expect(new Decimal(year).eq(y.year), `${indicator} 全年 ${year}`).toBe(true);
          else expect(String(year)).toBe(y.year);
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  it('the same file again adds no version; a changed file is version 2 and the first stays', async () => {
    const again = await jx(['targets', 'split', TARGETS, '--year', '2026', '--json'], { ws, now: NOW });
    expect(again.json.version).toBe(1);
    expect(again.json.duplicate).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(TARGETS);
    wb.getWorksheet('年度目标')!.getCell('C4').value = 3600; // 进厂台次
    const changed = path.join(tempDir('targets-v2'), '年度目标-调整.xlsx');
    await wb.xlsx.writeFile(changed);
    const v2 = await jx(['targets', 'split', changed, '--year', '2026', '--json'], { ws, now: NOW });
    expect(v2.code, v2.out).toBe(0);
    expect(v2.json.version).toBe(2);
    const months = v2.json.rows.filter((r: Row) => r.indicator === '台次' && r.employeeId === null);
    expect(months.reduce((s: number, r: Row) => s + Number(r.target), 0)).toBe(3600);
  });

  it('prints the totals table in Chinese and English', async () => {
    const zh = await jx(['targets', 'split', TARGETS, '--year', '2026', '--force'], { ws, now: NOW });
    expect(zh.out).toContain('12000000.07');
    expect(zh.out).toMatch(/第 \d 版/);
    const en = await jx(['--lang', 'en', 'targets', 'split', TARGETS, '--year', '2026', '--force'], { ws, now: NOW });
    expect(en.out).toContain('Σ months');
    expect(en.out).toContain('Split the 2026 targets');
  });
});

describe('targets split: bad input, each with its file, sheet and cell', () => {
  let ws: string;
  let dir: string;
  beforeAll(async () => {
    ({ ws, dir } = await freshWorkspace('targets-bad'));
  }, 60_000);

  async function split(build: (wb: ExcelJS.Workbook) => void): Promise<any> {
    const wb = new ExcelJS.Workbook();
    build(wb);
    const file = path.join(dir, `bad-${Math.random().toString(36).slice(2)}.xlsx`);
    await wb.xlsx.writeFile(file);
    const r = await jx(['targets', 'split', file, '--year', '2026', '--json'], { ws, now: NOW });
    return r;
  }
  const flat = (issues: any[]) => issues.map((i) => [i.sheet ?? '', i.cell ?? '', i.code]);
  const adviser = () => targetPeople().advisers;

  it('unknown indicator (with the nearest names), unknown department, negative and non-numeric targets; nothing stored', async () => {
    const r = await split((wb) => {
      const s = wb.addWorksheet('年度目标');
      s.addRow(['指标', '部门', '年度目标']);
      s.addRow(['回场率', '服务站', 50]);
      s.addRow(['产值', '售后三部', 1000]);
      s.addRow(['台次', '服务站', -5]);
      s.addRow(['配件销售额', '服务站', '很多']);
      s.addRow(['精品销售额', '精品部', 100.001]);
      s.addRow(['产值', '服务站', 100]);
      s.addRow(['维修产值', '服务站', 200]);
    });
    expect(r.code).toBe(1);
    expect(r.json.version).toBeNull();
    expect(flat(r.json.issues)).toEqual([
      ['年度目标', 'A2', 'targets.unknown_indicator'],
      ['年度目标', 'B3', 'targets.unknown_department'],
      ['年度目标', 'C4', 'targets.target_negative'],
      ['年度目标', 'C5', 'targets.target_not_number'],
      ['年度目标', 'C6', 'targets.target_too_precise'],
      ['年度目标', 'A8', 'targets.duplicate_target'],
    ]);
    expect(r.json.issues[0].expected.split('、')[0]).toBe('回厂率');
    expect(r.json.issues[0].message).toContain('回场率');
    expect(r.json.issues[1].expected).toContain('服务站');
    expect(r.json.issues.every((i: any) => i.file && i.file.startsWith('bad-'))).toBe(true);
  });

  it('weights all zero or negative, and a ratio indicator given seasonality or shares', async () => {
    const r = await split((wb) => {
      const a = wb.addWorksheet('年度目标');
      a.addRow(['指标', '部门', '年度目标']);
      a.addRow(['产值', '服务站', 1200]);
      a.addRow(['台次', '服务站', 120]);
      a.addRow(['回厂率', '服务站', '50%']);
      const s = wb.addWorksheet('季节系数');
      s.addRow(['指标', ...Array.from({ length: 12 }, (_, i) => `${i + 1}月`)]);
      s.addRow(['产值', ...Array(12).fill(0)]);
      s.addRow(['台次', 1, 1, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
      s.addRow(['回厂率', ...Array(12).fill(1)]);
      const p = wb.addWorksheet('人员分配');
      p.addRow(['指标', '部门', '工号', '份额']);
      p.addRow(['回厂率', '服务站', Number(adviser()[0].id), 1]);
    });
    expect(r.code).toBe(1);
    expect(flat(r.json.issues)).toEqual([
      ['季节系数', 'B2:M2', 'targets.weights_all_zero'],
      ['季节系数', 'D3', 'targets.weight_negative'],
      ['季节系数', 'A4', 'targets.ratio_split'],
      ['人员分配', 'A2', 'targets.ratio_split'],
    ]);
  });

  it('shares: unknown 工号, someone of another department, someone twice (error), someone left out (warning)', async () => {
    const [a, b, ...rest] = adviser();
    const r = await split((wb) => {
      const x = wb.addWorksheet('年度目标');
      x.addRow(['指标', '部门', '年度目标']);
      x.addRow(['产值', '服务站', 1200]);
      const p = wb.addWorksheet('人员分配');
      p.addRow(['指标', '部门', '工号', '份额']);
      p.addRow(['产值', '服务站', Number(a.id), 1]);
      p.addRow(['产值', '服务站', 9999, 1]);
      p.addRow(['产值', '服务站', Number(targetPeople().boutique[0].id), 1]);
      p.addRow(['产值', '服务站', Number(a.id), 2]);
      p.addRow(['产值', '服务站', Number(b.id), '一半']);
    });
    expect(flat(r.json.issues)).toEqual([
      ['人员分配', 'C3', 'targets.unknown_employee'],
      ['人员分配', 'C4', 'targets.employee_other_department'],
      ['人员分配', 'C5', 'targets.share_duplicate'],
      ['人员分配', 'D6', 'targets.share_not_number'],
      ['人员分配', '', 'targets.share_missing_person'],
    ]);
    const missing = r.json.issues.at(-1);
    expect(missing.severity).toBe('warning');
    for (const p of rest) expect(missing.found).toContain(`(${p.id})`);
    expect(missing.found).not.toContain(`(${a.id})`);
  });

  it('no 年度目标 sheet, or a missing column: said with the sheets found / the header row', async () => {
    const none = await split((wb) => void wb.addWorksheet('Sheet1').addRow(['x']));
    expect(flat(none.json.issues)).toEqual([['', '', 'targets.sheet_missing']]);
    expect(none.json.issues[0].found).toBe('Sheet1');
    const col = await split((wb) => {
      const s = wb.addWorksheet('年度目标');
      s.addRow(['指标', '部门', '说明']);
      s.addRow(['产值', '服务站', 'x']);
    });
    expect(flat(col.json.issues).map((x) => x[2])).toContain('column.missing');
  });

  it('a year that is not four digits is a usage error', async () => {
    const r = await jx(['targets', 'split', path.join(FIXTURES, '年度目标.xlsx'), '--year', '26'], { ws, now: NOW });
    expect(r.code).toBe(2);
  });
});

describe('a targets workbook written by openpyxl reads the same', () => {
  it('gives the very same rows as the exceljs-written fixture', async () => {
    requirePython('openpyxl');
    const { ws, dir } = await freshWorkspace('targets-py');
    const people = targetPeople();
    const file = path.join(dir, '年度目标-openpyxl.xlsx');
    const script = `
import openpyxl, json, sys
spec = json.loads(sys.argv[2])
wb = openpyxl.Workbook()
a = wb.active
a.title = '年度目标'
a.append(['宏达汽车4S店 2026 年售后服务目标'])
a.append(['指标', '部门', '年度目标'])
for ind, dept, target, fmt in spec['annual']:
    a.append([ind, dept, target])
    if fmt:
        a.cell(row=a.max_row, column=3).number_format = fmt
s = wb.create_sheet('季节系数')
s.append(['指标'] + [f'{m}月' for m in range(1, 13)])
s.append(['全部'] + spec['all'])
s.append(['产值'] + spec['output'])
p = wb.create_sheet('人员分配')
p.append(['指标', '部门', '工号', '份额'])
for row in spec['shares']:
    p.append(row)
wb.save(sys.argv[1])
`;
    const spec = {
      annual: [
        ['产值', '服务站', 12000000.07, null],
        ['进厂台次', '服务站', 3001, null],
        ['配件销售额', '服务站', 4800000, null],
        ['回厂率', '服务站', '50%', null],
        ['返修率', '售后服务部', 3, null],
        ['一次修复率', '服务站', 0.95, '0%'],
        ['客户投诉率', '服务站', 2, null],
        ['配件库存周转', '服务站', '4-5', null],
        ['精品销售额', '精品部', 1000001, null],
      ],
      all: SEASONALITY_ALL,
      output: SEASONALITY_OUTPUT,
      shares: [
        ...['产值', '台次'].flatMap((ind) => people.advisers.map((p) => [ind, '服务站', Number(p.id), p.share])),
        ...people.boutique.map((p) => ['精品销售额', '精品部', Number(p.id), p.share]),
      ],
    };
    writeFileSync(path.join(dir, 'make.py'), script);
    const made = spawnSync(PYTHON, [path.join(dir, 'make.py'), file, JSON.stringify(spec)], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const ours = await jx(['targets', 'split', TARGETS, '--year', '2026', '--json'], { ws, now: NOW });
    const theirs = await jx(['targets', 'split', file, '--year', '2027', '--json'], { ws, now: NOW });
    expect(theirs.code, theirs.out).toBe(0);
    expect(theirs.json.rows).toEqual(ours.json.rows);
    expect(theirs.json.rows.length).toBeGreaterThan(200);
  }, 60_000);
});
