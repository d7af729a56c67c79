/**
 * `close` end to end: a missing section stops it, --allow-incomplete, a closed month is never
 * overwritten, --reopen keeps revisions, an appeal shows original and corrected values, and
 * failures injected in the middle of close: a file held open by Excel or a failing ledger
 * transaction before the commit leave out/ and the ledger exactly as they were; a failure after
 * the commit is finished by the next close (the ledger decides, files follow).
 *
 * The sheets are received once (beforeAll) into a template workspace; each test works on a copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { dealershipRoster } from '../../fixtures/dealership.js';
import { fail, openLedger, type Ledger } from '../../src/ledger/index.js';
import { openContext } from '../../src/app/context.js';
import { runClose, type CloseOptions } from '../../src/app/close.js';
import { DEMO_DIR, MONTH, copyWorkspace, freshWorkspace, jx, readWorkbook, snapshotFiles, tableAt, two, removeTempDirs } from './helpers.js';

afterAll(removeTempDirs);

/** The 市场部 manager's goals sheet: left out of the "incomplete" template. */
const MISSING_FORM = '2026-10_市场部_林华_目标与KPI.xlsx';
const GOOD_FORMS = readdirSync(DEMO_DIR).filter((f) => f.endsWith('.xlsx') && !f.endsWith('-第一版.xlsx'));
const NOW = new Date('2026-11-10T10:00:00+08:00');
const OUT_FILES = [`绩效工资表-${MONTH}.csv`, `绩效工资表-${MONTH}.xlsx`, `绩效汇总-${MONTH}.xlsx`];
/** The demo month's pay total (every sheet received, see demo-month.test.ts). */
const PAY_TOTAL = '352043.67';

let incompleteTpl: string;
let completeTpl: string;

beforeAll(async () => {
  const { dir, ws } = await freshWorkspace('close-tpl');
  // every sheet on time: no fines in these tests
  const some = GOOD_FORMS.filter((f) => f !== MISSING_FORM).map((f) => path.join(DEMO_DIR, f));
  const r1 = await jx(['receive', ...some, '--at', '2026-11-02 09:00', '--json'], { ws, cwd: dir });
  expect(r1.code, JSON.stringify(r1.json?.issues)).toBe(0);
  incompleteTpl = copyWorkspace(ws, 'close-incomplete-tpl').ws;
  const r2 = await jx(['receive', path.join(DEMO_DIR, MISSING_FORM), '--at', '2026-11-02 09:00'], { ws, cwd: dir });
  expect(r2.code).toBe(0);
  completeTpl = copyWorkspace(ws, 'close-complete-tpl').ws;
});

function withLedger<T>(ws: string, fn: (l: Ledger) => T): T {
  const o = openLedger(path.join(ws, 'jixiao.db'), { mustExist: true });
  if (!o.ok) throw new Error(o.code);
  try {
    return fn(o.ledger);
  } finally {
    o.ledger.close();
  }
}
const revisions = (ws: string) => withLedger(ws, (l) => l.revisions(MONTH).map((r) => [r.revision, r.reason]));
const outDir = (ws: string) => path.join(ws, 'out', MONTH);
const outFiles = (ws: string) => (existsSync(outDir(ws)) ? readdirSync(outDir(ws)).sort() : []);
const close = (ws: string, extra: string[] = [], now = NOW) => jx(['close', '--month', MONTH, ...extra], { ws, cwd: path.dirname(ws), now });

function expectSameFiles(before: Map<string, Buffer>, after: Map<string, Buffer>): void {
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [f, b] of before) expect(after.get(f)!.equals(b), f).toBe(true);
}

const closeOptions = (o: Partial<CloseOptions> = {}): CloseOptions => ({
  month: MONTH,
  calibrate: false,
  allowIncomplete: false,
  reopen: false,
  reason: null,
  force: false,
  now: new Date('2026-11-11T09:00:00+08:00').toISOString(),
  lang: 'zh',
  ...o,
});

describe('a missing section', () => {
  const team = dealershipRoster().filter((r) => r.managerId === '1075'); // 林华's reports

  it('stops the close (exit 1), naming each employee, section and scorer; nothing written, no revision', async () => {
    const { ws } = copyWorkspace(incompleteTpl, 'close-missing');
    expect(team.map((r) => r.id)).toEqual(['1076', '1077', '1078']);
    const r = await close(ws, ['--json']);
    expect(r.code).toBe(1);
    expect(r.json.ok).toBe(false);
    expect(r.json.revision).toBeNull();
    expect(r.json.files).toEqual([]);
    const missing = r.json.issues.filter((i: any) => i.code === 'close.section_missing');
    expect(missing.map((i: any) => [i.severity, i.params.employeeId, i.params.name, i.params.section, i.params.scorerId, i.params.scorerName])).toEqual(
      team.flatMap((e) => [
        ['error', e.id, e.name, '工作目标(MBO)', '1075', '林华'],
        ['error', e.id, e.name, '关键考核指标KPI', '1075', '林华'],
      ]),
    );
    expect(missing[0].message).toBe(`${team[0].id} ${team[0].name} 缺少「工作目标(MBO)」的评分(应由 1075 林华 打分)。`);
    expect(r.json.issues.filter((i: any) => i.severity === 'error')).toHaveLength(6);
    expect(outFiles(ws)).toEqual([]);
    expect(revisions(ws)).toEqual([]);

    const text = await close(ws);
    expect(text.code).toBe(1);
    for (const e of team) expect(text.out).toContain(`${e.id} ${e.name}`);
    expect(text.out).toContain('1075 林华');
    expect(outFiles(ws)).toEqual([]);
  });

  it('--allow-incomplete closes the others and lists them as 未完成 with 0 pay', async () => {
    const { ws } = copyWorkspace(incompleteTpl, 'close-allow');
    const r = await close(ws, ['--allow-incomplete', '--json']);
    expect(r.code).toBe(0);
    expect([r.json.ok, r.json.revision]).toEqual([true, 1]);
    expect(r.json.summary).toMatchObject({ evaluated: 76, excluded: 4, incomplete: 3 });
    expect(r.json.incomplete.map((i: any) => [i.employeeId, i.missing.map((m: any) => m.sectionName)])).toEqual(
      team.map((e) => [e.id, ['工作目标(MBO)', '关键考核指标KPI']]),
    );
    for (const e of team) {
      const er = r.json.result.employees.find((x: any) => x.employeeId === e.id);
      expect([er.status, er.total, er.grade, er.performancePay], e.id).toEqual(['incomplete', null, null, null]);
      const line = r.json.result.payroll.find((x: any) => x.employeeId === e.id);
      expect([line.performancePay, line.fine, line.netPay], e.id).toEqual(['0.00', '0.00', '0.00']);
    }
    expect(revisions(ws)).toEqual([[1, null]]);
    expect(outFiles(ws)).toEqual(OUT_FILES);

    const summary = tableAt((await readWorkbook(path.join(outDir(ws), `绩效汇总-${MONTH}.xlsx`))).getWorksheet('汇总')!).rows;
    const payroll = tableAt((await readWorkbook(path.join(outDir(ws), `绩效工资表-${MONTH}.xlsx`))).getWorksheet('绩效工资表')!).rows;
    for (const e of team) {
      const s = summary.find((x) => x['工号'] === e.id)!;
      expect([s['状态'], s['总分'], s['等级'], s['绩效工资']], e.id).toEqual(['未完成(缺分)', null, null, null]);
      expect([s['工作目标(MBO)'], s['关键考核指标KPI']]).toEqual(['缺', '缺']);
      expect(String(s['标记/备注'])).toContain('缺「工作目标(MBO)」(打分人 林华 1075)');
      const p = payroll.find((x) => x['工号'] === e.id)!;
      expect([two(p['绩效工资']), two(p['实发绩效']), p['备注']], e.id).toEqual(['0.00', '0.00', '评分未完成,暂不发放']);
    }
  });
});

describe('a closed month is never overwritten', () => {
  it('closing twice → exit 1 close.already_closed, out/ unchanged; --reopen without --reason → exit 2; with a reason → revision 2, revision 1 kept', async () => {
    const { ws } = copyWorkspace(completeTpl, 'close-twice');
    const first = await close(ws, ['--json']);
    expect(first.code).toBe(0);
    expect(first.json.revision).toBe(1);
    const before = snapshotFiles(outDir(ws));
    expect([...before.keys()].sort()).toEqual(OUT_FILES);

    const again = await close(ws, ['--json'], new Date('2026-11-12T09:00:00+08:00'));
    expect(again.code).toBe(1);
    expect(again.json.ok).toBe(false);
    expect(again.json.issues.map((i: any) => [i.code, i.severity, i.params.revision])).toEqual([['close.already_closed', 'error', 1]]);
    expectSameFiles(before, snapshotFiles(outDir(ws)));

    const noReason = await close(ws, ['--reopen']);
    expect(noReason.code).toBe(2);
    expect(noReason.err).toContain('--reason');
    expectSameFiles(before, snapshotFiles(outDir(ws)));
    expect(revisions(ws)).toEqual([[1, null]]);

    // Slips were handed out for revision 1 (jixiao slips writes this folder): the reopen says they are outdated.
    mkdirSync(path.join(outDir(ws), '绩效结果确认单'));
    const reopened = await close(ws, ['--reopen', '--reason', '申述更正', '--json'], new Date('2026-11-12T09:00:00+08:00'));
    expect(reopened.code).toBe(0);
    expect(reopened.json.revision).toBe(2);
    const outdated = reopened.json.issues.filter((i: { code: string }) => i.code === 'close.slips_outdated');
    expect(outdated.map((i: any) => [i.severity, i.params.previous, i.params.revision, i.hint])).toEqual([
      ['warning', 1, 2, '发给员工签字前,请运行 jixiao slips --month 2026-10 按第 2 版重新生成。'],
    ]);
    expect(revisions(ws)).toEqual([
      [1, null],
      [2, '申述更正'],
    ]);
    withLedger(ws, (l) => {
      expect(l.revision(MONTH, 1)!.result.revision).toBe(1);
      expect(l.closedMonth(MONTH)!.revision).toBe(2);
    });
    const manifest = tableAt((await readWorkbook(path.join(outDir(ws), `绩效汇总-${MONTH}.xlsx`))).getWorksheet('说明')!).rows;
    const item = (k: string) => manifest.find((r) => r['项目'] === k)?.['内容'];
    expect([item('结账版本(第几次结账)'), item('重新结账原因'), item('结账时间')]).toEqual([2, '申述更正', '2026-11-12 09:00']);
    // The payroll of revision 2 says it is a correction (issue 9): the last CSV line, after the totals.
    const csv = readFileSync(path.join(outDir(ws), `绩效工资表-${MONTH}.csv`), 'utf8').trimEnd().split('\r\n');
    expect(csv.at(-2)!.startsWith('合计,')).toBe(true);
    expect(csv.at(-1)).toMatch(/^"更正:本表是 2026-10 绩效工资的第 2 版,替代第 1 版。.*更正原因:申述更正"$/);
  });
});

describe('an appeal, then --reopen', () => {
  it('the corrected section shows original and corrected values, and the total, grade and pay follow', async () => {
    const { ws } = copyWorkspace(completeTpl, 'close-appeal');
    expect((await close(ws)).code).toBe(0);
    withLedger(ws, (l) => {
      l.addAppeal({ month: MONTH, employeeId: '1044', sectionId: 'finance', correctedScore: '110', reason: '财务数据更正', approver: '1001', recordedAt: '2026-11-11T09:00:00+08:00' });
      // 1080 (职能, 105.00 → B): internal customer 106 → 100 takes 20 × 6 / 100 = 1.20 off → 103.80 → C
      l.addAppeal({ month: MONTH, employeeId: '1080', sectionId: 'customer_internal', correctedScore: '100', reason: '复核', approver: '1001', recordedAt: '2026-11-11T09:05:00+08:00' });
    });
    const r = await close(ws, ['--reopen', '--reason', '申述更正', '--json']);
    expect(r.code).toBe(0);
    expect(r.json.revision).toBe(2);

    // 1044: finance 97.5 → 110 adds 40 × 12.5 / 100 = 5.00: 95.34 → 100.34; pay 8123.45 × 100.34 / 100
    const pay1044 = new Decimal('8123.45').times('100.34').div(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
    expect(pay1044).toBe('8151.07');
    const wb = await readWorkbook(path.join(outDir(ws), `绩效汇总-${MONTH}.xlsx`));
    const sheet = wb.getWorksheet('汇总')!;
    const t = tableAt(sheet);
    const row = (id: string) => t.rows.find((x) => x['工号'] === id)!;
    expect([row('1044')['财务指标'], two(row('1044')['总分']), row('1044')['等级'], two(row('1044')['绩效工资'])]).toEqual([110, '100.34', 'C', pay1044]);
    expect(String(row('1044')['标记/备注'])).toContain('财务指标:申诉更正 97.5 → 110');
    const cell = sheet.getRow(t.rowNumbers[t.rows.indexOf(row('1044'))]).getCell(t.headers.indexOf('财务指标') + 1);
    expect(JSON.stringify(cell.note)).toContain('原分 97.5');
    // 1080: 职能 30% × 6500 = 1950 × 103.80%
    expect([row('1080')['客户满意度(内部)'], two(row('1080')['总分']), row('1080')['等级'], two(row('1080')['绩效工资'])]).toEqual([100, '103.80', 'C', '2024.10']);
    expect(String(row('1080')['标记/备注'])).toContain('106 → 100');

    const payroll = tableAt((await readWorkbook(path.join(outDir(ws), `绩效工资表-${MONTH}.xlsx`))).getWorksheet('绩效工资表')!).rows;
    const p = payroll.find((x) => x['工号'] === '1044')!;
    expect([two(p['总分']), two(p['绩效工资'])]).toEqual(['100.34', pay1044]);
    // the pay total moves by exactly the two differences
    const diff = new Decimal(pay1044).minus('7744.90').plus(new Decimal('2024.10').minus('2047.50'));
    expect(two(payroll.at(-1)!['绩效工资'])).toBe(new Decimal(PAY_TOTAL).plus(diff).toFixed(2));

    // the ledger keeps both: revision 1 as it was, revision 2 with the correction
    withLedger(ws, (l) => {
      const e1 = l.revision(MONTH, 1)!.result.employees.find((e) => e.employeeId === '1044')!;
      const e2 = l.revision(MONTH, 2)!.result.employees.find((e) => e.employeeId === '1044')!;
      expect([e1.total, e2.total]).toEqual(['95.34', '100.34']);
      expect(e2.sections.find((s) => s.sectionId === 'finance')).toMatchObject({ original: '97.5', score: '110' });
      expect(l.gradedHistory('1080').map((h) => [h.month, h.total, h.grade])).toEqual([[MONTH, '103.80', 'C']]);
    });
  });
});

describe('failures injected in the middle of close', () => {
  /** A rename that fails like Windows does when Excel holds the target open, on the n-th call. */
  const busyOn = (n: number) => {
    let calls = 0;
    return {
      rename: async (from: string, to: string) => {
        calls++;
        if (calls === n) throw Object.assign(new Error(`EBUSY: resource busy or locked, rename '${from}' -> '${to}'`), { code: 'EBUSY' });
        const { rename } = await import('node:fs/promises');
        await rename(from, to);
      },
    };
  };

  it('reopen: an output open in Excel (EBUSY when probed) → output.locked before anything is recorded: files byte-identical, no new revision', async () => {
    const { dir, ws } = copyWorkspace(completeTpl, 'close-busy');
    expect((await close(ws)).code).toBe(0);
    const before = snapshotFiles(outDir(ws));
    const ctx = openContext({ workspace: ws, cwd: dir });
    try {
      const held = path.join(outDir(ws), `绩效工资表-${MONTH}.xlsx`);
      const probeWritable = async (p: string) => {
        if (p === held) throw Object.assign(new Error(`EBUSY: resource busy or locked, open '${p}'`), { code: 'EBUSY' });
      };
      const r = await runClose(ctx, closeOptions({ reopen: true, reason: '重算', writeFs: { probeWritable } }));
      expect(r.ok).toBe(false);
      expect(r.revision).toBeNull();
      const locked = r.issues.filter((i) => i.code === 'output.locked');
      expect(locked.map((i) => [i.severity, path.basename(i.file!), i.params?.detail])).toEqual([['error', `绩效工资表-${MONTH}.xlsx`, 'EBUSY']]);
    } finally {
      ctx.ledger.close();
    }
    expectSameFiles(before, snapshotFiles(outDir(ws))); // also: no temporary or backup file left behind
    expect(revisions(ws)).toEqual([[1, null]]);
  });

  it('reopen: a rename fails after the ledger committed revision 2 → output.locked_after_commit; the next close rebuilds: revision 2 under plain names, revision 1 in 第1版/', async () => {
    const { dir, ws } = copyWorkspace(completeTpl, 'close-busy-after');
    expect((await close(ws)).code).toBe(0);
    const first = snapshotFiles(outDir(ws));
    const ctx = openContext({ workspace: ws, cwd: dir });
    try {
      const r = await runClose(ctx, closeOptions({ reopen: true, reason: '重算', writeFs: busyOn(2) }));
      expect([r.ok, r.revision, r.issues.filter((i) => i.severity === 'error').map((i) => i.code)]).toEqual([false, 2, ['output.locked_after_commit']]);
    } finally {
      ctx.ledger.close();
    }
    expect(revisions(ws)).toEqual([
      [1, null],
      [2, '重算'],
    ]);
    const again = await close(ws, ['--json']);
    expect(again.code, again.out).toBe(0);
    expect(again.json.revision).toBe(2);
    expect(again.json.issues.map((i: any) => i.code)).toContain('close.outputs_rebuilt');
    const after = snapshotFiles(outDir(ws));
    const plain = [...after.keys()].filter((f) => !f.includes(path.sep)).sort();
    expect(plain).toEqual([...OUT_FILES, `补发扣回-${MONTH}-第2版.xlsx`].sort());
    for (const f of OUT_FILES) expect(after.get(path.join('第1版', f))!.equals(first.get(f)!), f).toBe(true);
    const manifest = tableAt((await readWorkbook(path.join(outDir(ws), `绩效汇总-${MONTH}.xlsx`))).getWorksheet('说明')!).rows;
    expect(manifest.find((x) => x['项目'] === '结账版本(第几次结账)')?.['内容']).toBe(2);
    const check = await jx(['check', '--json'], { ws, cwd: dir });
    expect([check.code, check.json.problems]).toEqual([0, []]);
  });

  it('first close: a rename fails after the commit → revision 1 recorded with a file missing; the next close rebuilds exactly that file', async () => {
    const { dir, ws } = copyWorkspace(completeTpl, 'close-busy-first');
    const ctx = openContext({ workspace: ws, cwd: dir });
    try {
      const r = await runClose(ctx, closeOptions({ writeFs: busyOn(3) }));
      expect([r.ok, r.revision, r.issues.filter((i) => i.severity === 'error').map((i) => i.code)]).toEqual([false, 1, ['output.locked_after_commit']]);
    } finally {
      ctx.ledger.close();
    }
    expect(outFiles(ws).filter((f) => f.includes('.'))).toHaveLength(2);
    expect(revisions(ws)).toEqual([[1, null]]);
    const again = await close(ws, ['--json']);
    expect([again.code, again.json.issues.map((i: any) => i.code)]).toEqual([0, ['close.outputs_rebuilt']]);
    expect(again.json.files.filter((f: string) => path.dirname(f) === outDir(ws)).map((f: string) => path.basename(f))).toEqual([`绩效工资表-${MONTH}.csv`]);
    expect(outFiles(ws).filter((f) => f.includes('.'))).toEqual(OUT_FILES);
    // and then it is simply closed
    expect((await close(ws, ['--json'])).json.issues.map((i: any) => i.code)).toEqual(['close.already_closed']);
    expect((await jx(['check', '--json'], { ws, cwd: dir })).json.problems).toEqual([]);
  });

  it('the ledger write fails → nothing of revision 2 is written: the files keep their bytes, the ledger unchanged', async () => {
    const { dir, ws } = copyWorkspace(completeTpl, 'close-ledger-fail');
    expect((await close(ws)).code).toBe(0);
    const before = snapshotFiles(outDir(ws));
    const attempt = async (sabotage: (l: Ledger) => void) => {
      const ctx = openContext({ workspace: ws, cwd: dir });
      try {
        sabotage(ctx.ledger);
        return await runClose(ctx, closeOptions({ reopen: true, reason: '重算' }));
      } finally {
        ctx.ledger.close();
      }
    };

    // 1. closeMonth reports a failure value
    const refused = await attempt((l) => {
      l.closeMonth = () => fail('ledger.busy', { path: l.path });
    });
    expect([refused.ok, refused.revision, refused.issues.filter((i) => i.severity === 'error').map((i) => i.code)]).toEqual([false, null, ['ledger.busy']]);
    expectSameFiles(before, snapshotFiles(outDir(ws)));
    expect(revisions(ws)).toEqual([[1, null]]);

    // 2. closeMonth throws (what better-sqlite3 does on a full disk or an I/O error)
    const thrown = await attempt((l) => {
      l.closeMonth = () => {
        throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      };
    }).catch((e: unknown) => e);
    expectSameFiles(before, snapshotFiles(outDir(ws)));
    expect(revisions(ws)).toEqual([[1, null]]);
    expect(thrown).toMatchObject({ ok: false, revision: null });
    expect((thrown as any).issues.map((i: any) => [i.code, i.params.detail])).toContainEqual(['close.ledger_failed', expect.stringContaining('database or disk is full')]);

    // 3. the real transaction runs, then fails before commit: rolled back, nothing of revision 2 stays
    const rolledBack = await attempt((l) => {
      const real = l.closeMonth.bind(l);
      l.closeMonth = (input) =>
        l.transaction(() => {
          const r = real(input);
          expect(r.ok && r.revision).toBe(2);
          throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
        });
    }).catch((e: unknown) => e);
    expect(rolledBack).toMatchObject({ ok: false, revision: null });
    expectSameFiles(before, snapshotFiles(outDir(ws)));
    expect(revisions(ws)).toEqual([[1, null]]);
    withLedger(ws, (l) => expect(l.closedMonth(MONTH)!.revision).toBe(1));
  });
});

describe('output of close', () => {
  it('--json: ok, revision, files, summary and result.employees with totals; --lang en speaks English', async () => {
    const { ws } = copyWorkspace(completeTpl, 'close-json');
    const r = await close(ws, ['--json']);
    expect(r.code).toBe(0);
    const j = r.json;
    expect([j.ok, j.month, j.revision]).toEqual([true, MONTH, 1]);
    expect(j.files.map((f: string) => path.basename(f)).sort()).toEqual(OUT_FILES);
    for (const f of j.files) expect(existsSync(f), f).toBe(true);
    expect(j.summary).toEqual({ evaluated: 79, excluded: 4, incomplete: 0, payTotal: PAY_TOTAL, fineTotal: '0.00', netTotal: PAY_TOTAL });
    expect(j.result.employees).toHaveLength(83);
    const e = (id: string) => j.result.employees.find((x: any) => x.employeeId === id);
    expect([e('1044').total, e('1044').grade, e('1044').performancePay]).toEqual(['95.34', 'C', '7744.90']);
    expect([e('1080').total, e('1080').grade]).toEqual(['105.00', 'B']);
    expect([e('1001').status, e('1001').total]).toEqual(['excluded', null]);
    expect(j.issues).toEqual([]);

    const en = copyWorkspace(completeTpl, 'close-en').ws;
    const t = await close(en, ['--lang', 'en']);
    expect(t.code).toBe(0);
    expect(t.out).toContain(`${MONTH} closed (revision 1). Files:`);
    expect(t.out).not.toMatch(/已月结/);
    // sheet names are the file's contract and stay Chinese; headers follow the language
    const wb = await readWorkbook(path.join(outDir(en), `绩效汇总-${MONTH}.xlsx`));
    expect(wb.worksheets.map((w) => w.name)[0]).toBe('汇总');
    const headers = tableAt(wb.getWorksheet('汇总')!).headers;
    expect(headers.slice(0, 2)).toEqual(['Employee ID', 'Name']);
    expect(headers).toContain('Performance pay');
    // the same figures whatever the language
    const line = tableAt(wb.getWorksheet('汇总')!).rows.find((x) => x['Employee ID'] === '1044')!;
    expect(two(line['Performance pay'])).toBe('7744.90');
  });
});

describe('a sheet received after the month is closed', () => {
  it('is recorded with a warning that the closed result is unchanged until --reopen; status says the month is closed', async () => {
    const { ws } = copyWorkspace(completeTpl, 'close-late-sheet');
    expect((await close(ws)).code).toBe(0);
    const before = snapshotFiles(outDir(ws));
    // A corrected learning sheet: our own filled form with one score changed (different bytes).
    const src = path.join(DEMO_DIR, GOOD_FORMS.find((f) => f.includes('学习成长'))!);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(src);
    const sheet = wb.worksheets.find((w) => w.state === 'visible' && w.getCell('F1').value === '得分')!;
    sheet.getCell('F2').value = 100;
    const corrected = path.join(path.dirname(ws), 'corrected-learning.xlsx');
    await wb.xlsx.writeFile(corrected);

    const r = await jx(['receive', corrected, '--at', '2026-11-12 10:00', '--json'], { ws, cwd: path.dirname(ws) });
    expect(r.code).toBe(0);
    expect(r.json.files[0].version).toBe(2);
    expect(r.json.issues.map((i: any) => [i.code, i.severity, i.params.revision])).toEqual([['receive.month_closed', 'warning', 1]]);
    expectSameFiles(before, snapshotFiles(outDir(ws)));
    expect(revisions(ws)).toEqual([[1, null]]);

    const s = await jx(['status', '--month', MONTH, '--json'], { ws, cwd: path.dirname(ws), now: NOW });
    expect(s.json.issues.map((i: any) => i.code)).toContain('status.month_closed');
  });
});

describe('jixiao appeal, then close --reopen', () => {
  it('records the correction (original kept), refuses bad input with its code, and the reopened month uses it', async () => {
    const { ws } = copyWorkspace(completeTpl, 'close-appeal-cli');
    expect((await close(ws)).code).toBe(0);
    const cwd = path.dirname(ws);
    const bad = async (args: string[], code: string) => {
      const r = await jx(['appeal', '--month', MONTH, ...args, '--json'], { ws, cwd, now: NOW });
      expect(r.code, code).toBe(1);
      expect(r.json.issues.map((i: any) => i.code)).toEqual([code]);
    };
    await bad(['--employee', '9999', '--section', 'finance', '--score', '100', '--reason', 'r', '--approver', 'a'], 'appeal.unknown_employee');
    await bad(['--employee', '1001', '--section', 'finance', '--score', '100', '--reason', 'r', '--approver', 'a'], 'appeal.not_evaluated');
    await bad(['--employee', '1044', '--section', 'discipline', '--score', '100', '--reason', 'r', '--approver', 'a'], 'appeal.unknown_section');
    await bad(['--employee', '1044', '--section', 'finance', '--score', '130.5', '--reason', 'r', '--approver', 'a'], 'appeal.bad_score');
    await bad(['--employee', '1044', '--section', 'finance', '--score', '100', '--reason', ' ', '--approver', 'a'], 'appeal.reason_and_approver');

    const ok = await jx(
      ['appeal', '--month', MONTH, '--employee', '1044', '--section', '财务指标', '--score', '１１０', '--reason', '财务数据更正', '--approver', '王丽艳', '--json'],
      { ws, cwd, now: NOW },
    );
    expect(ok.code).toBe(0);
    expect([ok.json.sectionId, ok.json.original, ok.json.corrected, ok.json.monthClosed]).toEqual(['finance', '97.5', '110', true]);
    expect(revisions(ws)).toEqual([[1, null]]); // nothing recomputed by the appeal itself

    const re = await close(ws, ['--reopen', '--reason', '申述更正', '--json'], new Date('2026-11-12T09:00:00+08:00'));
    expect(re.code).toBe(0);
    const e = re.json.result.employees.find((x: any) => x.employeeId === '1044');
    // 0.4 × 110 + 0.2 × 88 + 0.3 × 95.8 + 0.1 × 100 = 100.34; 8123.45 × 100.34 / 100 = 8151.0697… → 8151.07
    expect([e.total, e.grade, e.performancePay]).toEqual(['100.34', 'C', '8151.07']);
    expect(e.sections.find((s: any) => s.sectionId === 'finance')).toMatchObject({ score: '110', original: '97.5' });
  });
});
