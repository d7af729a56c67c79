/**
 * 实际值 → 得分 (SPEC §9): a KPI row of the library with 实际值 and an empty 得分 is scored by its
 * rule against the target the sheet was sent with; a typed 得分 far from the rule is a warning
 * naming both values and the cell; percent values read as percent points however typed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { FIXTURES, freshWorkspace, jx, removeTempDirs, tempDir } from '../e2e/helpers.js';
import { dealershipRoster } from '../../fixtures/dealership.js';
import { targetPeople } from '../../fixtures/make-targets.js';

const TARGETS = path.join(FIXTURES, '年度目标.xlsx');
const NOW = new Date('2026-11-03T09:00:00+08:00');
afterAll(removeTempDirs);

const director = dealershipRoster().find((r) => r.department === '服务站' && r.position === '总监')!;
const adviser = targetPeople().advisers[0].id;

describe('KPI rows scored by rule', () => {
  let ws: string;
  let split: any;
  let filled: string;
  const cells: Record<string, string> = {};
  beforeAll(async () => {
    ({ ws } = await freshWorkspace('targets-score'));
    split = (await jx(['targets', 'split', TARGETS, '--year', '2026', '--json'], { ws, now: NOW })).json;
    const forms = (await jx(['forms', '--month', '2026-10', '--json'], { ws, now: NOW })).json;
    const file = forms.forms.find((f: any) => f.kind === 'goals' && f.scorerId === director.id).file;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('目标与KPI')!;
    const head = Array.from(sheet.getRow(1).values as unknown[], (v) => String(v ?? ''));
    const col = (name: string) => head.findIndex((h) => h.startsWith(name));
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (String(row.getCell(col('工号')).value) !== adviser) continue;
      const goal = String(row.getCell(col('指标')).value ?? '');
      const set = (k: string, v: ExcelJS.CellValue, fmt?: string) => {
        const c = row.getCell(col(k));
        c.value = v;
        if (fmt) c.style = { ...c.style, numFmt: fmt }; // a style of its own: exceljs shares style objects between cells
        cells[`${goal}.${k}`] = c.address;
      };
      if (goal === '产值') {
        set('权重', 40);
        set('实际值', 80000); // 得分 left empty → 100 × 实际 / 目标
      } else if (goal === '台次') {
        set('权重', 30);
        set('实际值', 1); // far below the target …
        set('得分', 100); // … but typed 100: a warning
      } else if (goal === '回厂率') {
        set('权重', 10);
        set('实际值', '48%'); // text percent, below the 50 % threshold → 0
      } else if (goal === '一次修复率') {
        set('权重', 10);
        set('实际值', 0.95, '0%'); // a %-formatted 0.95 = 95 % = the target → 100
      } else if (goal === '客户投诉率') {
        set('权重', 10);
        set('实际值', 0); // lower is better, 0 complaints → the cap
      }
    }
    filled = path.join(tempDir('targets-score-in'), path.basename(file));
    await wb.xlsx.writeFile(filled);
  }, 120_000);

  const target = (indicator: string) => split.rows.find((r: any) => r.indicator === indicator && r.employeeId === adviser && r.month === 10).target;

  it('validate computes each empty 得分 by its rule and shows it with the rule', async () => {
    const r = await jx(['validate', filled, '--month', '2026-10', '--json'], { ws, now: NOW });
    const byRule = r.json.files[0].byRule.filter((g: any) => g.employeeId === adviser);
    const score = (ind: string) => byRule.find((g: any) => g.byRule.indicator === ind)?.score;
    const expected = new Decimal(80000).times(100).div(target('产值')).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed();
    expect(score('产值')).toBe(expected);
    expect(score('回厂率')).toBe('0');
    expect(byRule.find((g: any) => g.byRule.indicator === '回厂率').byRule).toMatchObject({ rule: 'threshold', target: '50', actual: '48' });
    expect(score('一次修复率')).toBe('100');
    expect(score('客户投诉率')).toBe('130');
    expect(score('台次')).toBeUndefined(); // typed, not computed
    const text = await jx(['validate', filled, '--month', '2026-10'], { ws, now: NOW });
    expect(text.out).toContain(`按规则计分:${adviser}`);
    expect(text.out).toContain('100 × 实际 ÷ 目标');
  });

  it('a typed 得分 more than the tolerance (5) away from the rule is a warning naming both values and the cell', async () => {
    const r = await jx(['validate', filled, '--month', '2026-10', '--json'], { ws, now: NOW });
    const w = r.json.issues.filter((i: any) => i.code === 'goal.score_off_rule');
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ severity: 'warning', cell: cells['台次.得分'], found: '100' });
    const rule = new Decimal(100).div(target('台次')).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    expect(w[0].expected).toBe(rule);
    expect(w[0].message).toContain('100');
    expect(w[0].message).toContain(rule);
  });

  it('receive records the computed 得分 on the row (what close reads from the ledger)', async () => {
    const r = await jx(['receive', filled, '--at', '2026-11-04 10:00', '--json'], { ws, now: NOW });
    const rows = r.json.files[0].byRule.filter((g: any) => g.employeeId === adviser);
    expect(rows.map((g: any) => g.byRule.indicator).sort()).toEqual(['一次修复率', '产值', '回厂率', '客户投诉率'].sort());
    // the KPI section from these rows: Σ weight × score / 100, with the rule scores in it
    const out = rows.find((g: any) => g.byRule.indicator === '产值');
    expect(out.weight).toBe('40');
  });
});
