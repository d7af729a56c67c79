/**
 * The workspace lock (issue 10 §1): a second writer waits a stated time and stops naming the
 * holder; readers never block; a lock left by a dead process is taken over.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { acquireWorkspaceLock, LOCK_FILE } from '../../src/app/lock.js';
import { workspacePaths } from '../../src/app/workspace.js';
import { freshWorkspace, removeTempDirs, MONTH } from '../e2e/helpers.js';

afterAll(removeTempDirs);

async function run(args: string[], ws: string, env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  const code = await main([...args, '--workspace', ws], io);
  return { code, out: io.stdout.join('\n'), err: io.stderr.join('\n') };
}

/** A real process that stays alive while the test needs it. */
function liveProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return { pid: child.pid!, stop: () => child.kill('SIGKILL') };
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return Number(spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8" }).stdout.trim());
}

describe('workspace lock', () => {
  it('a writer waits the stated time, then stops naming the holder (command, process, since); readers run meanwhile', async () => {
    const { ws } = await freshWorkspace('lock-busy');
    const holder = liveProcess();
    try {
      const since = '2026-11-10T01:20:00.000Z';
      writeFileSync(path.join(ws, LOCK_FILE), JSON.stringify({ command: 'close', pid: holder.pid, host: os.hostname(), since, token: 'x' }));
      const t0 = Date.now();
      const r = await run(['appeal', '--month', MONTH, '--employee', '1044', '--section', 'finance', '--score', '100', '--reason', 'r', '--approver', 'a'], ws, {
        JIXIAO_LOCK_WAIT_MS: '400',
      });
      const waited = Date.now() - t0;
      expect(r.code).toBe(1);
      expect(r.err).toContain('close');
      expect(r.err).toContain(`进程 ${holder.pid}`);
      expect(r.err).toContain('2026-11-10 09:20'); // since, in Beijing time
      expect(r.err).toMatch(/已等待 [01] 秒/); // 0.4 s, rounded; a loaded machine may take a little longer
      expect(waited).toBeGreaterThanOrEqual(400);
      // the reader does not wait for the lock
      const s = await run(['status', '--month', MONTH], ws, { JIXIAO_LOCK_WAIT_MS: '60000' });
      expect(s.code).toBe(0);
      // the lock file is still the holder's
      expect(JSON.parse(readFileSync(path.join(ws, LOCK_FILE), 'utf8')).pid).toBe(holder.pid);
    } finally {
      holder.stop();
    }
  });

  it('a lock left by a dead process is taken over and said so; the lock is gone after the command', async () => {
    const { ws } = await freshWorkspace('lock-stale');
    const pid = Number(deadPid());
    writeFileSync(path.join(ws, LOCK_FILE), JSON.stringify({ command: 'receive', pid, host: os.hostname(), since: new Date().toISOString(), token: 'y' }));
    const r = await run(['appeal', '--month', MONTH, '--employee', '1044', '--section', 'finance', '--score', '100', '--reason', 'r', '--approver', 'a'], ws, {
      JIXIAO_LOCK_WAIT_MS: '400',
    });
    expect(r.err).toContain(`上次的 receive(进程 ${pid}`);
    expect(r.err).not.toContain('已等待');
    expect(existsSync(path.join(ws, LOCK_FILE))).toBe(false);
  });

  it('two writers in one moment: exactly one holds it; the other gets it once released', async () => {
    const { ws } = await freshWorkspace('lock-two');
    const w = workspacePaths(ws);
    const [a, b] = await Promise.all([acquireWorkspaceLock(w, 'close', { waitMs: 0 }), acquireWorkspaceLock(w, 'close', { waitMs: 0 })]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const won = (a.ok ? a : b) as Extract<typeof a, { ok: true }>;
    const waiting = acquireWorkspaceLock(w, 'receive', { waitMs: 2000 });
    setTimeout(won.release, 200);
    const c = await waiting;
    expect(c.ok).toBe(true);
    if (c.ok) c.release();
    expect(existsSync(path.join(ws, LOCK_FILE))).toBe(false);
  });
});
