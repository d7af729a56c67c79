/**
 * A dealer group (staff list with a 门店 column) end to end: role scorers found per store,
 * one folder of sheets per store plus the send list, status --store, close with the 门店
 * column and the 门店汇总 sheet; and a store without a role scorer named in a clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { dealerGroup } from '../../fixtures/group.js';
import { fillGroupForms } from '../../fixtures/group-forms.js';
import { writeRosterFile } from '../../fixtures/make-roster.js';
import { loadPolicy } from '../../fixtures/make-demo-forms.js';
import type { RosterRow } from '../../fixtures/dealership.js';
import { MONTH, jx, readWorkbook, tableAt, tempDir, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

const NOW = new Date('2026-11-10T10:00:00+08:00');
const STORES = 3;

async function groupWorkspace(tag: string, rows: RosterRow[]): Promise<{ dir: string; ws: string; roster: string }> {
  const dir = tempDir(tag);
  const ws = path.join(dir, 'ws');
  const roster = path.join(dir, '花名册.xlsx');
  await writeRosterFile(rows, roster, '集团花名册');
  expect((await jx(['init', ws], { ws: null, cwd: dir })).code).toBe(0);
  return { dir, ws, roster };
}

describe('a group of three stores', () => {
  const rows = dealerGroup({ employees: 150, stores: STORES, seed: 7 });
  const stores = [...new Set(rows.map((r) => r.store!))];
  let dir: string;
  let ws: string;
  let forms: any;

  beforeAll(async () => {
    ({ dir, ws } = await groupWorkspace('stores', rows).then(async (w) => {
      const imp = await jx(['roster', 'import', w.roster, '--month', MONTH, '--json'], { ws: w.ws, cwd: w.dir, now: NOW });
      expect(imp.code, JSON.stringify(imp.json?.issues?.slice(0, 5))).toBe(0);
      return w;
    }));
    const f = await jx(['forms', '--month', MONTH, '--json'], { ws, cwd: dir, now: NOW });
    expect(f.code, JSON.stringify(f.json?.issues?.slice(0, 5))).toBe(0);
    forms = f.json;
    const returned = await fillGroupForms(forms.forms, rows, loadPolicy(), MONTH, path.join(dir, 'returned'));
    const r = await jx(['receive', ...returned, '--at', '2026-11-02 09:00', '--json'], { ws, cwd: dir, now: NOW });
    expect(r.code, JSON.stringify(r.json?.issues?.filter((i: any) => i.severity === 'error').slice(0, 5))).toBe(0);
  }, 120_000);

  it('finds each role scorer in the employee’s own store: one finance, customer, learning and discipline sheet per store', () => {
    const storeOf = new Map(rows.map((r) => [r.id, r.store!]));
    for (const kind of ['finance', 'customer', 'learning', 'discipline']) {
      const sheets = forms.forms.filter((f: any) => f.kind === kind);
      // (a role holder's own line moves to their manager, so a store can have a second sheet of a kind)
      expect([...new Set(sheets.map((f: any) => f.store))].sort(), kind).toEqual([...stores].sort());
      for (const s of sheets) expect(storeOf.get(s.scorerId)).toBe(s.store);
    }
    // the finance manager of each store is that store's 财务部 经理
    for (const s of forms.forms.filter((f: any) => f.kind === 'finance')) {
      const scorer = rows.find((r) => r.id === s.scorerId)!;
      expect([scorer.department, scorer.position]).toEqual(['财务部', '经理']);
    }
  });

  it('writes one folder per store and a send list read back with exceljs', async () => {
    const outDir = forms.outDir as string;
    for (const st of stores) expect(existsSync(path.join(outDir, st)), st).toBe(true);
    for (const f of forms.forms) expect(path.basename(path.dirname(f.file))).toBe(f.store);
    const wb = await readWorkbook(forms.sendList);
    const t = tableAt(wb.getWorksheet('发送清单')!);
    expect(t.headers).toEqual(['门店', '打分人', '工号', '评分表', '人数', '文件', '截止时间']);
    expect(t.rows).toHaveLength(forms.forms.length);
    const first = forms.forms[0];
    const row = t.rows.find((r) => r['工号'] === first.scorerId && r['文件'] === `${first.store}/${path.basename(first.file)}`);
    expect(row?.['门店']).toBe(first.store);
    expect(readdirSync(path.join(outDir, stores[0])).length).toBe(forms.forms.filter((f: any) => f.store === stores[0]).length);
  });

  it('status --store lists only that store’s sheets; an unknown store is an error', async () => {
    const all = await jx(['status', '--month', MONTH, '--json'], { ws, cwd: dir, now: NOW });
    const one = await jx(['status', '--month', MONTH, '--store', stores[1], '--json'], { ws, cwd: dir, now: NOW });
    expect(one.code).toBe(0);
    expect(one.json.forms.length).toBeGreaterThan(0);
    expect(one.json.forms.length).toBeLessThan(all.json.forms.length);
    const storeOf = new Map(rows.map((r) => [r.id, r.store!]));
    for (const f of one.json.forms) if (f.kind !== 'goals') expect(storeOf.get(f.scorerId)).toBe(stores[1]);
    const bad = await jx(['status', '--month', MONTH, '--store', '没有这个店', '--json'], { ws, cwd: dir, now: NOW });
    expect(bad.code).toBe(1);
    expect(bad.json.issues.map((i: any) => i.code)).toContain('status.unknown_store');
  });

  it('closes with a 门店 column, store + department rows and a 门店汇总 sheet that adds up', async () => {
    const c = await jx(['close', '--month', MONTH, '--json'], { ws, cwd: dir, now: NOW });
    expect(c.code, JSON.stringify(c.json?.issues?.slice(0, 5))).toBe(0);
    const out = path.join(ws, 'out', MONTH);
    const summary = await readWorkbook(path.join(out, `绩效汇总-${MONTH}.xlsx`));
    const main = tableAt(summary.getWorksheet('汇总')!);
    expect(main.headers.slice(0, 4)).toEqual(['工号', '姓名', '门店', '部门']);
    const active = rows.filter((r) => r.status === '在职');
    for (const r of active.slice(0, 40)) expect(main.rows.find((x) => x['工号'] === r.id)?.['门店']).toBe(r.store);

    const st = tableAt(summary.getWorksheet('门店汇总')!);
    expect(st.headers[0]).toBe('门店');
    const storeRows = st.rows.filter((r) => stores.includes(String(r['门店'])));
    expect(storeRows.map((r) => r['门店'])).toEqual(stores);
    for (const s of stores) expect(storeRows.find((r) => r['门店'] === s)!['人数']).toBe(rows.filter((r) => r.store === s).length);
    const sum = (k: string) => storeRows.reduce((a, r) => a.plus(String(r[k] ?? 0)), new Decimal(0)).toFixed(2);
    const total = st.rows.find((r) => r['门店'] === '合计')!;
    expect(sum('绩效工资')).toBe(new Decimal(String(total['绩效工资'])).toFixed(2));
    expect(new Decimal(sum('绩效工资')).toFixed(2)).toBe(new Decimal(c.json.summary.payTotal).toFixed(2));
    expect(total['已评级']).toBe(c.json.summary.evaluated);
    expect(storeRows.reduce((a, r) => a + Number(r['已评级']), 0)).toBe(c.json.summary.evaluated);

    // 部门汇总: 服务站 once per store
    const dept = tableAt(summary.getWorksheet('部门汇总')!);
    expect(dept.headers.slice(0, 2)).toEqual(['门店', '部门']);
    expect(dept.rows.filter((r) => r['部门'] === '服务站').map((r) => r['门店']).sort()).toEqual([...stores].sort());

    const payroll = await readWorkbook(path.join(out, `绩效工资表-${MONTH}.xlsx`));
    const pay = tableAt(payroll.getWorksheet('绩效工资表')!);
    expect(pay.headers.slice(0, 4)).toEqual(['工号', '姓名', '门店', '部门']);
    const somebody = pay.rows.find((r) => r['工号'] === active[5].id);
    expect(somebody?.['门店']).toBe(active[5].store);
    // the distribution is checked per store by default
    expect(c.json.result.distribution.byStore.map((s: any) => s.store)).toEqual(stores);
  });
});

describe('a store without a role scorer', () => {
  it('is refused by forms with an error naming the store and the role', async () => {
    const rows = dealerGroup({ employees: 180, stores: STORES, seed: 3 });
    const victim = rows.filter((r) => r.store === rows[0].store && r.department === '财务部' && r.position === '经理')[0];
    victim.position = '会计'; // the store's finance manager is gone
    for (const r of rows) if (r.managerId === victim.id) r.managerId = victim.managerId;
    const { dir, ws, roster } = await groupWorkspace('stores-noscorer', rows);
    const imp = await jx(['roster', 'import', roster, '--month', MONTH, '--json'], { ws, cwd: dir, now: NOW });
    expect(imp.code, JSON.stringify(imp.json?.issues?.slice(0, 3))).toBe(0);
    const f = await jx(['forms', '--month', MONTH, '--json'], { ws, cwd: dir, now: NOW });
    expect(f.code).toBe(1);
    const errs = f.json.issues.filter((i: any) => i.code === 'plan.store_scorer_unresolved');
    expect(errs).toHaveLength(1);
    expect(errs[0].params).toMatchObject({ store: victim.store, role: '财务部经理', count: 0 });
    expect(errs[0].message).toContain(victim.store);
    expect(errs[0].message).toContain('财务部经理');
    // the other stores' finance managers are still found
    expect([...new Set(f.json.forms.filter((x: any) => x.kind === 'finance').map((x: any) => x.store))].sort()).toEqual(
      [...new Set(rows.map((r) => r.store!))].filter((s) => s !== victim.store).sort(),
    );
  }, 60_000);
});
