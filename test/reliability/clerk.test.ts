/**
 * Issue 10 §3, §4, §5 (FIFO), §6: clerk messages instead of stack traces, a verified archive,
 * a lost or emptied ledger never silently replaced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync, readFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_DIR, MONTH, copyWorkspace, freshWorkspace, jx, removeTempDirs, tempDir, sha256 } from '../e2e/helpers.js';
import { clerkMessage } from '../../src/cli/clerk-errors.js';
import { openContext } from '../../src/app/context.js';
import { runReceive } from '../../src/app/receive.js';
import { setLang } from '../../src/i18n/index.js';

afterAll(removeTempDirs);

const SHEET = path.join(DEMO_DIR, '2026-10_市场部_林华_目标与KPI.xlsx');
let base: string;
beforeAll(async () => {
  base = (await freshWorkspace('clerk')).ws;
});

describe('impossible dates and odd file names (exit 2, no stack trace)', () => {
  it('--at "2026-02-30 10:00" is refused as a day that does not exist; year 9999 as out of range', async () => {
    const { ws } = copyWorkspace(base, 'dates');
    const feb30 = await jx(['receive', SHEET, '--at', '2026-02-30 10:00'], { ws });
    expect([feb30.code, feb30.err]).toEqual([2, expect.stringContaining('「2026-02-30 10:00」不存在')]);
    const y9999 = await jx(['receive', SHEET, '--at', '9999-12-31 23:59'], { ws });
    expect(y9999.code).toBe(2);
    expect(y9999.err).toContain('2000–2099');
    expect(y9999.err).not.toMatch(/at .*\.js/);
    const month = await jx(['status', '--month', '9999-12'], { ws });
    expect(month.code).toBe(2);
    // nothing recorded
    expect(readdirSync(path.join(ws, 'archive'))).toEqual([]);
  });

  it('a file name starting with - : the message suggests ./ or --', async () => {
    const { ws } = copyWorkspace(base, 'dash');
    const r = await jx(['validate', '-林华.xlsx'], { ws });
    expect(r.code).toBe(2);
    expect(r.err).toContain('./-林华.xlsx');
    // The example is the command the clerk ran, not another one.
    expect(r.err).toContain('jixiao validate -- -林华.xlsx');
    const roster = await jx(['--lang', 'en', 'roster', 'import', '-名单.xlsx'], { ws });
    expect(roster.code).toBe(2);
    expect(roster.err).toContain('e.g. jixiao roster import -- -名单.xlsx');
  });
});

describe('the policy file missing or a folder', () => {
  it('missing → exit 1 naming the file and where to get one; a folder → exit 1 saying so', async () => {
    const { ws } = copyWorkspace(base, 'policy');
    const policy = path.join(ws, 'policy.yaml');
    renameSync(policy, policy + '.away');
    const missing = await jx(['status', '--month', MONTH], { ws });
    expect([missing.code, missing.err]).toEqual([1, expect.stringContaining(`找不到政策文件 ${policy}`)]);
    expect(missing.err).toContain('templates/policy.yaml');
    mkdirSync(policy);
    const folder = await jx(['status', '--month', MONTH], { ws });
    expect([folder.code, folder.err]).toEqual([1, expect.stringContaining(`${policy} 是一个文件夹`)]);
  });
});

describe('the ledger is never silently replaced (issue 10 §4)', () => {
  it('a 0-byte jixiao.db is an error with a recovery hint; the file stays 0 bytes', async () => {
    const { ws } = copyWorkspace(base, 'empty-db');
    for (const s of ['-wal', '-shm']) rmSync(path.join(ws, 'jixiao.db' + s), { force: true });
    truncateSync(path.join(ws, 'jixiao.db'), 0);
    const r = await jx(['status', '--month', MONTH], { ws });
    expect(r.code).toBe(1);
    expect(r.err).toContain('是空的(0 字节)');
    expect(r.err).toContain('从备份恢复');
    expect(statSync(path.join(ws, 'jixiao.db')).size).toBe(0);
  });

  it('a missing jixiao.db next to archive/ content: status explains; init explains instead of looping', async () => {
    const { ws } = copyWorkspace(base, 'lost-db');
    expect((await jx(['receive', SHEET, '--at', '2026-11-02 09:00'], { ws })).code).toBe(0);
    for (const s of ['', '-wal', '-shm']) rmSync(path.join(ws, 'jixiao.db' + s), { force: true });
    const status = await jx(['status', '--month', MONTH], { ws: null, cwd: ws });
    expect([status.code, status.err]).toEqual([1, expect.stringContaining('台账 jixiao.db 不见了')]);
    const init = await jx(['init', ws], { ws: null });
    expect([init.code, init.out]).toEqual([1, expect.stringContaining('台账 jixiao.db 不见了')]);
    expect(readdirSync(ws)).not.toContain('jixiao.db');
  });
});

describe('the verified archive (issue 10 §3)', () => {
  it('a truncated entry: status and close stop naming it; receiving the file again repairs it; check then passes', async () => {
    const { ws } = copyWorkspace(base, 'archive-trunc');
    expect((await jx(['receive', SHEET, '--at', '2026-11-02 09:00'], { ws })).code).toBe(0);
    const entry = path.join(ws, 'archive', `${sha256(SHEET)}.xlsx`);
    expect(readFileSync(entry).equals(readFileSync(SHEET))).toBe(true);
    truncateSync(entry, 1000);
    const status = await jx(['status', '--month', MONTH, '--json'], { ws });
    expect(status.code).toBe(1);
    expect(status.json.issues.filter((i: any) => i.code === 'archive.altered').map((i: any) => i.file)).toEqual([entry]);
    const close = await jx(['close', '--month', MONTH, '--allow-incomplete', '--json'], { ws });
    expect([close.code, close.json.issues.map((i: any) => i.code)]).toEqual([1, ['archive.altered']]);
    expect((await jx(['check'], { ws })).code).toBe(1);
    const again = await jx(['receive', SHEET, '--at', '2026-11-02 09:00', '--json'], { ws });
    expect(again.json.issues.map((i: any) => i.code)).toContain('archive.repaired');
    expect(sha256(entry)).toBe(sha256(SHEET));
    const check = await jx(['check', '--json'], { ws });
    expect([check.code, check.json.problems]).toEqual([0, []]);
  });

  it('a deleted entry: status names it (archive.missing)', async () => {
    const { ws } = copyWorkspace(base, 'archive-gone');
    expect((await jx(['receive', SHEET, '--at', '2026-11-02 09:00'], { ws })).code).toBe(0);
    const entry = path.join(ws, 'archive', `${sha256(SHEET)}.xlsx`);
    unlinkSync(entry);
    const status = await jx(['status', '--month', MONTH, '--json'], { ws });
    expect(status.code).toBe(1);
    expect(status.json.issues.find((i: any) => i.code === 'archive.missing').file).toBe(entry);
  });

  it('the archive holds exactly the bytes that were hashed and checked; no temporary file is left', async () => {
    const { ws } = copyWorkspace(base, 'archive-same');
    const r = await jx(['receive', SHEET, '--at', '2026-11-02 09:00', '--json'], { ws });
    const f = r.json.files[0];
    expect(sha256(f.archivedPath)).toBe(f.sha256);
    expect(readdirSync(path.join(ws, 'archive'))).toEqual([`${f.sha256}.xlsx`]);
  });

  it('the input changes while receive works (a scorer saving again): the archive holds the bytes that were checked, under their hash', async () => {
    const { ws } = copyWorkspace(base, 'changed-input');
    const file = path.join(tempDir('changed-input-src'), path.basename(SHEET));
    writeFileSync(file, readFileSync(SHEET));
    const ctx = openContext({ workspace: ws, cwd: ws });
    try {
      // the moment the archive is written, the source file already holds other bytes
      const writeFile = async (p: string, data: Uint8Array) => {
        writeFileSync(file, 'saved again, half written');
        const { writeFile: real } = await import('node:fs/promises');
        await real(p, data, { flag: 'wx' });
      };
      const r = await runReceive(ctx, [file], { at: '2026-11-02T09:00:00+08:00', progress: () => {}, fs: { writeFile } });
      expect(r.files.map((f) => [f.sha256, f.version])).toEqual([[sha256(SHEET), 1]]);
      expect(sha256(r.files[0].archivedPath!)).toBe(sha256(SHEET));
      expect(ctx.ledger.submissionsFor(MONTH).map((x) => x.sha256)).toEqual([sha256(SHEET)]);
    } finally {
      ctx.ledger.close();
    }
  });

  it('disk full while archiving (injected ENOSPC): the error names the file and says to free space, nothing recorded', async () => {
    const { ws } = copyWorkspace(base, 'enospc');
    const ctx = openContext({ workspace: ws, cwd: ws });
    try {
      const writeFile = async (p: string) => {
        throw Object.assign(new Error(`ENOSPC: no space left on device, write '${p}'`), { code: 'ENOSPC', path: p });
      };
      const e = await runReceive(ctx, [SHEET], { at: '2026-11-02T09:00:00+08:00', progress: () => {}, fs: { writeFile } }).catch((x: unknown) => x);
      setLang('zh');
      const text = clerkMessage(e)!;
      expect(text).toContain('磁盘空间不足');
      expect(text).toContain(path.join(ws, 'archive'));
      expect(text).not.toContain('另一个');
      expect(ctx.ledger.submissionsFor(MONTH)).toEqual([]);
    } finally {
      ctx.ledger.close();
    }
    expect(readdirSync(path.join(ws, 'archive'))).toEqual([]);
  });
});

describe('system failures become clerk messages (exit 74), never a stack trace', () => {
  it('each cause gets its own hint: permission, disk full (ENOSPC and SQLite), read-only', () => {
    setLang('zh');
    const perm = clerkMessage(Object.assign(new Error("EACCES: permission denied, open '/ws/out/2026-10/x.xlsx'"), { code: 'EACCES' }))!;
    expect(perm).toContain('/ws/out/2026-10/x.xlsx');
    expect(perm).toContain('权限');
    const full = clerkMessage(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))!;
    expect(full).toContain('磁盘空间不足');
    expect(full).not.toContain('窗口');
    expect(clerkMessage(Object.assign(new Error('x'), { code: 'EROFS', path: '/mnt/cd' }))).toContain('只读');
    expect(clerkMessage(new TypeError('a bug'))).toBeNull();
  });

  it('the ledger locked by another program for more than 5 s: exit 74, says so, nothing changed', async () => {
    const { ws } = copyWorkspace(base, 'sqlite-busy');
    const other = new Database(path.join(ws, 'jixiao.db'));
    other.exec('BEGIN EXCLUSIVE');
    try {
      const r = await jx(['appeal', '--month', MONTH, '--employee', '1044', '--section', 'finance', '--score', '100', '--reason', 'r', '--approver', 'a'], { ws });
      expect(r.code).toBe(74);
      expect(r.err).toContain('被另一个程序锁住');
      expect(r.err).not.toContain('程序内部错误');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
  }, 30_000);
});

describe('only regular files are read (issue 10 §5)', () => {
  it('a FIFO and a link to /dev/zero are refused by name, at once', async () => {
    const { ws } = copyWorkspace(base, 'fifo');
    const dir = tempDir('fifo-files');
    const fifo = path.join(dir, '评分表.xlsx');
    execFileSync('mkfifo', [fifo]);
    const zero = path.join(dir, '零.xlsx');
    symlinkSync('/dev/zero', zero);
    const t0 = Date.now();
    const r = await jx(['validate', fifo, zero, '--json'], { ws });
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    expect(r.json.issues.map((i: any) => [i.file, i.code])).toEqual([
      ['评分表.xlsx', 'file.not_regular'],
      ['零.xlsx', 'file.not_regular'],
    ]);
    const rec = await jx(['receive', fifo, '--at', '2026-11-02 09:00', '--json'], { ws });
    expect(rec.json.issues.map((i: any) => i.code)).toContain('file.not_regular');
    writeFileSync(path.join(dir, 'done'), '');
  });
});
