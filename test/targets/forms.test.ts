/**
 * Targets into the forms (SPEC §9): `forms --month M` pre-fills 指标 and 目标值 on the goal rows
 * of each person with a monthly target (on their direct manager's sheet) and the department's
 * targets on its head's rows (on the sheet that scores the head); the ledger keeps which split
 * version each sheet carried, and a later split never changes a sheet already out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Decimal } from 'decimal.js';
import { FIXTURES, freshWorkspace, jx, removeTempDirs, tempDir } from '../e2e/helpers.js';
import { dealershipRoster } from '../../fixtures/dealership.js';
import { targetPeople } from '../../fixtures/make-targets.js';
import { openLedger } from '../../src/ledger/index.js';

const TARGETS = path.join(FIXTURES, '年度目标.xlsx');
const NOW = new Date('2026-11-01T09:00:00+08:00');
afterAll(removeTempDirs);

const roster = dealershipRoster();
const director = roster.find((r) => r.department === '服务站' && r.position === '总监')!;

/** Goal rows of a goals sheet: 工号, 所属项目, 指标, 目标值 (value and format), 备注. */
async function goalRows(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('目标与KPI')!;
  const head = Array.from(ws.getRow(1).values as unknown[], (v) => String(v ?? ''));
  const col = (name: string) => head.findIndex((h) => h.startsWith(name));
  const out: { id: string; section: string; goal: string; target: unknown; fmt: string; locked: boolean; note: string }[] = [];
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const target = row.getCell(col('目标值'));
    out.push({
      id: String(row.getCell(col('工号')).value ?? ''),
      section: String(row.getCell(col('所属项目')).value ?? ''),
      goal: String(row.getCell(col('指标')).value ?? ''),
      target: target.value,
      fmt: target.numFmt ?? '',
      locked: target.protection?.locked !== false,
      note: String(row.getCell(col('说明')).value ?? ''),
    });
  }
  return out;
}

describe('forms pre-filled from the latest target split', () => {
  let ws: string;
  let split: any;
  let forms: any;
  beforeAll(async () => {
    ({ ws } = await freshWorkspace('targets-forms'));
    split = (await jx(['targets', 'split', TARGETS, '--year', '2026', '--json'], { ws, now: NOW })).json;
    const r = await jx(['forms', '--month', '2026-10', '--json'], { ws, now: NOW });
    expect(r.code, r.out).toBe(0);
    forms = r.json;
  }, 120_000);

  const october = (indicator: string, id: string | null) =>
    split.rows.find((r: any) => r.indicator === indicator && r.employeeId === id && r.month === 10 && (id !== null || r.department === '服务站')).target;

  it("the director's sheet shows each 服务顾问's October targets on KPI rows, locked, with the rule in 说明", async () => {
    const f = forms.forms.find((x: any) => x.kind === 'goals' && x.scorerId === director.id);
    expect(forms.targetSplit).toEqual({ year: 2026, version: 1 });
    const rows = await goalRows(f.file);
    for (const a of targetPeople().advisers) {
      const mine = rows.filter((r) => r.id === a.id && r.goal);
      expect(mine.map((r) => r.goal)).toEqual(['产值', '台次', '回厂率', '返修率', '一次修复率', '客户投诉率', '配件库存周转']);
      const output = mine.find((r) => r.goal === '产值')!;
      expect(new Decimal(output.target as number).eq(october('产值', a.id))).toBe(true);
      expect(output.fmt).toContain('元');
      expect(output.locked).toBe(true);
      expect(output.section).toBe('关键考核指标KPI');
      expect(output.note).toContain('100 × 实际 ÷ 目标');
      expect(mine.find((r) => r.goal === '回厂率')!.target).toBe(50);
      expect(mine.find((r) => r.goal === '回厂率')!.fmt).toContain('%');
      expect(mine.find((r) => r.goal === '配件库存周转')!.target).toBe('4-5');
      // free rows remain for the scorer's own goals
      expect(rows.filter((r) => r.id === a.id && !r.goal).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("the department's own targets go on the director's rows, on the sheet that scores him", async () => {
    const sheet = forms.forms.find((x: any) => x.kind === 'goals' && x.employees > 0 && x.scorerId === director.managerId);
    const rows = (await goalRows(sheet.file)).filter((r) => r.id === director.id && r.goal);
    expect(rows.map((r) => r.goal)).toContain('配件销售额');
    expect(new Decimal(rows.find((r) => r.goal === '产值')!.target as number).eq(october('产值', null))).toBe(true);
  });

  it('every pre-filled target gets a row of its own, however few rows_per_employee the policy asks for, and the usual free rows stay', async () => {
    const policyFile = path.join(ws, 'policy.yaml');
    const text = readFileSync(policyFile, 'utf8');
    expect(text).toMatch(/rows_per_employee: 8\b/);
    writeFileSync(policyFile, text.replace(/rows_per_employee: 8\b/, 'rows_per_employee: 3'));
    try {
      const out = tempDir('targets-forms-rows');
      const r = await jx(['forms', '--month', '2026-10', '--out', out, '--json'], { ws, now: NOW });
      expect(r.code, r.out).toBe(0);
      const sheet = r.json.forms.find((x: any) => x.kind === 'goals' && x.scorerId === director.managerId);
      const rows = (await goalRows(sheet.file)).filter((x) => x.id === director.id);
      // 8 department targets on a 职能 head (KPI and MBO): 8 rows for them, 3 free for the rest of the KPI and the MBO goals
      expect(rows.filter((x) => x.goal).map((x) => x.goal)).toEqual(['产值', '台次', '配件销售额', '回厂率', '返修率', '一次修复率', '客户投诉率', '配件库存周转']);
      expect(rows.filter((x) => !x.goal)).toHaveLength(3);
      const adviserRows = (await goalRows(r.json.forms.find((x: any) => x.kind === 'goals' && x.scorerId === director.id).file)).filter((x) => x.id === targetPeople().advisers[0].id);
      expect([adviserRows.filter((x) => x.goal).length, adviserRows.filter((x) => !x.goal).length]).toEqual([7, 3]);
    } finally {
      writeFileSync(policyFile, text);
    }
  }, 120_000);

  it('the ledger records the split version each sheet carried; a later split leaves sheets already out alone', async () => {
    const f = forms.forms.find((x: any) => x.kind === 'goals' && x.scorerId === director.id);
    const before = readFileSync(f.file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(TARGETS);
    wb.getWorksheet('年度目标')!.getCell('C3').value = 24000000;
    const changed = path.join(tempDir('targets-forms-v2'), '年度目标-调整.xlsx');
    await wb.xlsx.writeFile(changed);
    const v2 = await jx(['targets', 'split', changed, '--year', '2026', '--json'], { ws, now: NOW });
    expect(v2.json.version).toBe(2);
    expect(readFileSync(f.file).equals(before)).toBe(true);
    const opened = openLedger(path.join(ws, 'jixiao.db'), { mustExist: true });
    if (!opened.ok) throw new Error('ledger');
    try {
      const carried = opened.ledger.formTargets(`2026-10/goals/${director.id}`)!;
      expect(carried.splitVersion).toBe(1);
      const adviser = targetPeople().advisers[0].id;
      expect(carried.targets.find((t) => t.employeeId === adviser && t.indicator === '产值')!.target).toBe(october('产值', adviser));
    } finally {
      opened.ledger.close();
    }
    // regenerated on purpose: the next sheet carries version 2
    const again = await jx(['forms', '--month', '2026-10', '--force', '--json'], { ws, now: NOW });
    expect(again.json.targetSplit.version).toBe(2);
    const rows = await goalRows(f.file);
    const adviser = targetPeople().advisers[0].id;
    const v2Target = v2.json.rows.find((r: any) => r.indicator === '产值' && r.employeeId === adviser && r.month === 10).target;
    expect(new Decimal(rows.find((r) => r.id === adviser && r.goal === '产值')!.target as number).eq(v2Target)).toBe(true);
  }, 120_000);
});
