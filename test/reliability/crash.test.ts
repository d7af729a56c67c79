/**
 * Issue 10 §7 with real processes (dist/bin/jixiao.js, run `npm run build` first):
 * kill -9 at each point of close followed by a rerun, two closes racing, two reopens racing,
 * a receive while close runs. After each: `jixiao check` reports the workspace consistent and
 * out/ holds exactly the files of the committed revisions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DEMO_DIR, MONTH, ROOT, copyWorkspace, filesUnder, freshWorkspace, jx, readWorkbook, removeTempDirs, tableAt } from '../e2e/helpers.js';

/*
 * Time: one close of the demo month takes 1–3 s; the kill tests share two prepared workspaces
 * (received, closed) and copy them, so the file runs in about a minute on a quiet machine.
 */

afterAll(removeTempDirs);

const BIN = path.join(ROOT, 'dist', 'bin', 'jixiao.js');
const OUT_FILES = [`绩效工资表-${MONTH}.csv`, `绩效工资表-${MONTH}.xlsx`, `绩效汇总-${MONTH}.xlsx`];
/** Another version of a sheet already received: what a scorer re-sends while the month is being closed. */
const RESENT = '2026-10_客服部_黎秀强_客户满意度-第一版.xlsx';

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function jixiao(args: string[], ws: string, env: Record<string, string> = {}): Promise<Child> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [BIN, ...args, '--workspace', ws], {
      env: { ...process.env, JIXIAO_LOCK_WAIT_MS: '180000', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code, signal) => resolve({ code, signal, out, err }));
  });
}

const outTree = (ws: string): string[] => filesUnder(path.join(ws, 'out'));
/**
 * `check` says consistent, and out/ holds exactly the files of the committed revisions: the same
 * tree as a workspace where the same revisions were made without any interruption.
 */
async function expectConsistent(ws: string, latest: number) {
  const check = await jx(['check', '--json'], { ws });
  expect(check.json.problems.map((p: any) => `${p.code} ${p.file ?? ''}`)).toEqual([]);
  expect(check.code).toBe(0);
  const tree = outTree(ws);
  expect(tree).toEqual(reference[latest]);
  expect(tree.filter((f) => /\.tmp$|\.bak$|移出-/.test(f))).toEqual([]);
  for (const f of OUT_FILES) expect(tree).toContain(`${MONTH}/${f}`);
  for (let r = 1; r < latest; r++) for (const f of OUT_FILES) expect(tree).toContain(`${MONTH}/第${r}版/${f}`);
  const manifest = tableAt((await readWorkbook(path.join(ws, 'out', MONTH, `绩效汇总-${MONTH}.xlsx`))).getWorksheet('说明')!).rows;
  expect(manifest.find((x) => x['项目'] === '结账版本(第几次结账)')?.['内容']).toBe(latest);
}

let received: string;
let closed: string;
/** out/ of an uninterrupted run: [1] after the close, [2] after one reopen, [3] after two. */
const reference: string[][] = [];

beforeAll(async () => {
  expect(existsSync(BIN), 'run npm run build first').toBe(true);
  const { dir, ws } = await freshWorkspace('crash-tpl');
  const files = readdirSync(DEMO_DIR)
    .filter((f) => f.endsWith('.xlsx') && !f.endsWith('-第一版.xlsx'))
    .map((f) => path.join(DEMO_DIR, f));
  const r = await jx(['receive', ...files, '--at', '2026-11-02 09:00'], { ws, cwd: dir });
  expect(r.code, r.out).toBe(0);
  received = copyWorkspace(ws, 'crash-received').ws;
  expect((await jx(['close', '--month', MONTH], { ws })).code).toBe(0);
  closed = copyWorkspace(ws, 'crash-closed').ws;
  reference[1] = outTree(ws);
  expect((await jx(['close', '--month', MONTH, '--reopen', '--reason', '参照'], { ws })).code).toBe(0);
  reference[2] = outTree(ws);
  expect((await jx(['close', '--month', MONTH, '--reopen', '--reason', '参照'], { ws })).code).toBe(0);
  reference[3] = outTree(ws);
}, 300_000);

describe('kill -9 at each point of close, then the same command again', () => {
  const points = ['close:before-commit', 'close:after-commit', 'publish:after-temp', 'publish:after-rename-1', 'publish:after-renames'];
  for (const point of points)
    it(`first close, killed at ${point} → the rerun ends consistent with revision 1`, { timeout: 60_000 }, async () => {
      const { ws } = copyWorkspace(received, 'crash-first');
      const killed = await jixiao(['close', '--month', MONTH], ws, { JIXIAO_TEST_CRASH_AT: point });
      expect(killed.signal).toBe('SIGKILL');
      const again = await jixiao(['close', '--month', MONTH, '--json'], ws);
      // killed after the last rename: the close was complete, so the month is simply closed
      const complete = point === 'publish:after-renames';
      expect([again.code, JSON.parse(again.out).revision], again.out + again.err).toEqual([complete ? 1 : 0, 1]);
      if (complete) expect(JSON.parse(again.out).issues.map((i: any) => i.code)).toEqual(['close.already_closed']);
      await expectConsistent(ws, 1);
    });

  for (const point of ['close:after-commit', 'publish:after-rename-1', 'publish:after-renames'])
    it(`reopen, killed at ${point} → the rerun (close without --reopen) completes revision 2; revision 1 in 第1版/`, { timeout: 60_000 }, async () => {
      const { ws } = copyWorkspace(closed, 'crash-reopen');
      const killed = await jixiao(['close', '--month', MONTH, '--reopen', '--reason', '重算'], ws, { JIXIAO_TEST_CRASH_AT: point });
      expect(killed.signal).toBe('SIGKILL');
      const again = await jixiao(['close', '--month', MONTH, '--json'], ws);
      expect([again.code, JSON.parse(again.out).revision], again.out + again.err).toEqual([point === 'publish:after-renames' ? 1 : 0, 2]);
      await expectConsistent(ws, 2);
    });
});

describe('writers at the same moment', () => {
  it('two closes racing: one closes revision 1, the other waits and says already closed; out/ intact', { timeout: 60_000 }, async () => {
    const { ws } = copyWorkspace(received, 'race-close');
    const [a, b] = await Promise.all([jixiao(['close', '--month', MONTH, '--json'], ws), jixiao(['close', '--month', MONTH, '--json'], ws)]);
    const results = [a, b].map((r) => [r.code, JSON.parse(r.out).issues.map((i: any) => i.code)]);
    expect(results).toContainEqual([0, []]);
    expect(results).toContainEqual([1, ['close.already_closed']]);
    await expectConsistent(ws, 1);
  });

  it('two reopens racing: revisions 2 and 3, each printing its own number; 说明 of the current files says 3', { timeout: 60_000 }, async () => {
    const { ws } = copyWorkspace(closed, 'race-reopen');
    const [a, b] = await Promise.all(
      ['第一个窗口', '第二个窗口'].map((why) => jixiao(['close', '--month', MONTH, '--reopen', '--reason', why, '--json'], ws)),
    );
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([JSON.parse(a.out).revision, JSON.parse(b.out).revision].sort()).toEqual([2, 3]);
    await expectConsistent(ws, 3);
  });

  it('a corrected sheet received while close runs: receive waits, then its result line says the month is closed', { timeout: 60_000 }, async () => {
    const { ws } = copyWorkspace(received, 'race-receive');
    const closing = jixiao(['close', '--month', MONTH, '--json'], ws);
    await new Promise((r) => setTimeout(r, 300));
    const receiving = jixiao(['receive', path.join(DEMO_DIR, RESENT), '--at', '2026-11-05 09:00', '--json'], ws);
    const [c, r] = await Promise.all([closing, receiving]);
    expect(c.code).toBe(0);
    const got = JSON.parse(r.out);
    expect(got.issues.map((i: any) => i.code)).toContain('receive.month_closed');
    expect(got.files[0].monthClosed).toEqual({ revision: 1 });
    const status = await jx(['status', '--month', MONTH, '--json'], { ws });
    expect(status.json.receivedAfterClose.map((x: any) => x.fileName)).toEqual([RESENT]);
    await expectConsistent(ws, 1);
  });
});
