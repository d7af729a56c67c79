/**
 * Corrections reaching later months (issue 9 item 5), on the demo workspace (2026-04 … 2026-09
 * imported, 2026-10 closed with every consequence):
 *  - appeal → reopen: 1007's October becomes C, so the improvement plan is withdrawn (file kept)
 *    and 补发/扣回 shows the pay difference;
 *  - a history import that corrects 2026-09 before the closed 2026-10 recomputes 2026-10 as a new
 *    revision "因 2026-09 更正重新计算" in which 1026's HR warning is gone;
 *  - a receipt time corrected and a fine waived apply at the reopen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { copyWorkspace, jx, removeTempDirs, tempDir } from '../e2e/helpers.js';

afterAll(removeTempDirs);

let demoWs = '';
beforeAll(async () => {
  const dir = tempDir('cascade-demo');
  const r = await jx(['demo', '--dir', dir, '--json'], { ws: null, cwd: dir, now: new Date('2026-11-10T09:00:00+08:00') });
  if (r.code !== 0) throw new Error(`demo failed: ${r.out}\n${r.err}`);
  demoWs = r.json.dir;
}, 600_000);

const later = { now: new Date('2026-11-20T10:00:00+08:00') };
const keysOf = (cs: any[], id: string) => cs.filter((c) => c.employeeId === id).map((c) => c.rule.key);

describe('appeal → reopen', () => {
  it('1007 corrected to C: plan withdrawn (its file kept), 补发 listed, consequences changed in --json', async () => {
    const { ws } = copyWorkspace(demoWs, 'cascade-appeal');
    // 1007 (服务站 创利): KPI corrected to 130 lifts the total past 90.
    const a = await jx(['appeal', '--month', '2026-10', '--employee', '1007', '--section', 'kpi', '--score', '130', '--reason', '申述', '--approver', '王丽艳', '--json'], { ws, ...later });
    expect(a.code, a.out).toBe(0);
    const r = await jx(['close', '--month', '2026-10', '--reopen', '--reason', '申述更正', '--json'], { ws, ...later });
    expect(r.code, r.out).toBe(0);
    expect(r.json.revision).toBe(2);
    const e = r.json.result.employees.find((x: any) => x.employeeId === '1007');
    expect(e.grade).toBe('C');
    expect(keysOf(r.json.result.consequences, '1007')).toEqual([]);
    expect(r.json.withdrawn.map((c: any) => [c.employeeId, c.rule.key])).toEqual([['1007', 'consequence.improvement_plan']]);
    const dir = path.join(ws, 'out', '2026-10', '警告函');
    // kept, never silently deleted: with revision 1's letters in 第1版/ (issue 10 §2)
    expect(readdirSync(dir)).not.toContain('2026-10_绩效改进计划_1007_叶玉军.docx');
    expect(readdirSync(path.join(dir, '第1版'))).toContain('2026-10_绩效改进计划_1007_叶玉军.docx');
    const adj = r.json.adjustments.find((x: any) => x.employeeId === '1007');
    expect(Number(adj.difference)).toBeGreaterThan(0);
    expect(adj.payAfter).toBe(e.performancePay);
    expect(existsSync(r.json.adjustmentsFile)).toBe(true);
    // the HR warning of 1026 did not change: its deadline is kept
    const hr = r.json.result.consequences.find((c: any) => c.employeeId === '1026');
    expect(hr.improveBy).toBe('2026-12-10');
  }, 300_000);
});

describe('history import before a closed month', () => {
  it('correcting 2026-09 recomputes 2026-10 as a new revision; the changed consequence is listed and its letter withdrawn', async () => {
    const { dir, ws } = copyWorkspace(demoWs, 'cascade-import');
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('更正');
    s.addRow(['工号', '姓名', '月份', '总分']);
    s.addRow(['1026', '薛东鹏', '2026-09', 95]);
    const file = path.join(dir, '9月更正.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await jx(['history', 'import', file, '--json'], { ws, ...later });
    expect(r.code, r.out).toBe(0);
    expect(r.json.laterClosed).toEqual(['2026-10']);
    expect(r.json.cascade.map((c: any) => [c.month, c.revision])).toEqual([['2026-10', 2]]);
    expect(r.json.cascade[0].removed.map((c: any) => [c.employeeId, c.rule.key])).toEqual([['1026', 'consequence.hr_warning']]);
    expect(r.json.cascade[0].withdrawn.map((c: any) => c.employeeId)).toEqual(['1026']);
    const show = await jx(['history', 'show', '--json'], { ws });
    expect(show.json.months.find((m: any) => m.month === '2026-10').source).toEqual({ kind: 'closed', revision: 2 });
  }, 300_000);

  it('an import of a month jixiao closed is refused naming its cells; nothing stored', async () => {
    const { dir, ws } = copyWorkspace(demoWs, 'cascade-closed');
    const wb = new ExcelJS.Workbook();
    const s = wb.addWorksheet('x');
    s.addRow(['工号', '姓名', '2026-09', '2026-10']);
    s.addRow(['1026', '薛东鹏', 95, 100]);
    const file = path.join(dir, 'x.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await jx(['history', 'import', file, '--json'], { ws, ...later });
    expect(r.code).toBe(1);
    expect(r.json.issues.map((i: any) => [i.code, i.cell])).toEqual([['history.month_closed', 'D1']]);
  }, 300_000);
});

describe('receipt correction and fine waiver', () => {
  it('applied at the reopen: the corrected time changes the days late; a waived fine is 0.00 in the payroll', async () => {
    const { ws } = copyWorkspace(demoWs, 'cascade-fines');
    const before = await jx(['close', '--month', '2026-10', '--reopen', '--reason', '看一下', '--json'], { ws, ...later });
    const late = before.json.result.fines.filter((f: any) => f.daysLate > 0);
    expect(late.length).toBeGreaterThan(1);
    const [one, two] = late;
    const c = await jx(['receipt', 'correct', '--month', '2026-10', '--form', one.formKey, '--at', one.deadline.slice(0, 16).replace('T', ' '), '--reason', '收件时间录错', '--approver', '王丽艳', '--json'], { ws, ...later });
    expect(c.code, c.out).toBe(0);
    const w = await jx(['fine', 'waive', '--month', '2026-10', '--form', two.formKey, '--reason', '系统故障', '--approver', '王丽艳', '--json'], { ws, ...later });
    expect(w.code, w.out).toBe(0);
    const r = await jx(['close', '--month', '2026-10', '--reopen', '--reason', '更正收表时间', '--json'], { ws, ...later });
    const f1 = r.json.result.fines.find((f: any) => f.formKey === one.formKey);
    const f2 = r.json.result.fines.find((f: any) => f.formKey === two.formKey);
    expect([f1.daysLate, f1.fine]).toEqual([0, '0.00']);
    expect(f2.fine).toBe('0.00');
    const adj = r.json.adjustments.map((x: any) => x.employeeId);
    expect(adj).toEqual(expect.arrayContaining([one.scorerId, two.scorerId].filter((v, i, a) => a.indexOf(v) === i)));
  }, 300_000);
});
