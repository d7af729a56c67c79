/**
 * The workspace lock: one writer at a time (issue 10 §1).
 *
 * Every command that changes the workspace (ledger, archive/, out/) holds `jixiao.lock` in the
 * workspace folder for its whole run. Readers (status, validate, roster show, check) never take it.
 *
 *   acquireWorkspaceLock(ws, command, { waitMs }) → { ok, release, tookOver } | { ok: false, holder, waitedMs }
 *
 * The lock file holds { command, pid, host, since, token } and is created atomically (written
 * to a temporary file and hard-linked into place, so it is never seen half-written). A second
 * writer polls for `waitMs` (default 10 s) and then gives up naming the holder. A lock whose
 * process is gone (same machine, pid no longer running) is taken over; a takeover is itself
 * serialised by `jixiao.lock.takeover` so two waiting writers cannot both take the same stale
 * lock. The lock guards one machine: a workspace on a network share used from several
 * machines at once is not supported (SQLite gives the same advice).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Workspace } from './workspace.js';

export const LOCK_FILE = 'jixiao.lock';
const TAKEOVER_FILE = 'jixiao.lock.takeover';
/** How long a second writer waits by default before it stops (stated in the message). */
export const DEFAULT_LOCK_WAIT_MS = 10_000;
const POLL_MS = 100;
/** A lock file that cannot be read (crash while it was being created) counts as stale after this. */
const UNREADABLE_STALE_MS = 5_000;

export interface LockHolder {
  command: string;
  pid: number;
  host: string;
  /** ISO instant the holder took the lock. */
  since: string;
  token: string;
}

export type LockResult =
  | { ok: true; release: () => void; tookOver: LockHolder | null }
  | { ok: false; holder: LockHolder; waitedMs: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readHolder(file: string): LockHolder | 'unreadable' | null {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : 'unreadable';
  }
  try {
    const h = JSON.parse(text) as LockHolder;
    return typeof h.pid === 'number' && typeof h.token === 'string' ? h : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Whether a process with this pid runs on this machine (EPERM: it runs, under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isStale(file: string, h: LockHolder | 'unreadable'): boolean {
  if (h === 'unreadable') {
    try {
      return Date.now() - fs.statSync(file).mtimeMs > UNREADABLE_STALE_MS;
    } catch {
      return true;
    }
  }
  // Another machine's process cannot be checked from here: never taken over.
  return h.host === os.hostname() && !processAlive(h.pid);
}

/** Create the lock file with its content in one step; false when it exists already. */
function tryCreate(file: string, holder: LockHolder): boolean {
  const tmp = path.join(path.dirname(file), `.jixiao-lock-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  fs.writeFileSync(tmp, JSON.stringify(holder), { flag: 'wx' });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT, some shares): exclusive create, then write.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
      try {
        fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx' });
        return true;
      } catch (e2) {
        if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw e2;
      }
    }
    throw e;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** Remove a stale lock, unless someone else replaced it meanwhile; serialised by the takeover file. */
function takeOver(root: string, file: string, seen: LockHolder | 'unreadable'): boolean {
  const guard = path.join(root, TAKEOVER_FILE);
  try {
    fs.writeFileSync(guard, String(process.pid), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    // A takeover guard left by a process that died in the middle of a takeover.
    try {
      const pid = Number(fs.readFileSync(guard, 'utf8'));
      if (!processAlive(pid) || Date.now() - fs.statSync(guard).mtimeMs > 30_000) fs.rmSync(guard, { force: true });
    } catch {
      /* gone already */
    }
    return false;
  }
  try {
    const now = readHolder(file);
    const same = now === 'unreadable' ? seen === 'unreadable' : now !== null && seen !== 'unreadable' && now.token === seen.token;
    if (now !== null && same) fs.rmSync(file, { force: true });
    return same;
  } finally {
    fs.rmSync(guard, { force: true });
  }
}

/**
 * Take the workspace lock for `command`, waiting up to `waitMs` for another writer to finish.
 * System errors (a read-only workspace folder …) are thrown; the caller reports them.
 */
export async function acquireWorkspaceLock(ws: Workspace, command: string, o: { waitMs?: number } = {}): Promise<LockResult> {
  const file = path.join(ws.root, LOCK_FILE);
  const waitMs = o.waitMs ?? DEFAULT_LOCK_WAIT_MS;
  const me: LockHolder = { command, pid: process.pid, host: os.hostname(), since: new Date().toISOString(), token: randomBytes(8).toString('hex') };
  const started = Date.now();
  let tookOver: LockHolder | null = null;
  for (;;) {
    if (tryCreate(file, me)) {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        process.off('exit', release);
        const h = readHolder(file);
        if (h && h !== 'unreadable' && h.token === me.token) fs.rmSync(file, { force: true });
      };
      process.on('exit', release);
      return { ok: true, release, tookOver };
    }
    const h = readHolder(file);
    if (h === null) continue; // released between our attempt and the read
    if (isStale(file, h)) {
      if (takeOver(ws.root, file, h)) tookOver = h === 'unreadable' ? null : h;
      continue;
    }
    const waited = Date.now() - started;
    if (waited >= waitMs) {
      const holder = h === 'unreadable' ? { command: '?', pid: 0, host: '', since: '', token: '' } : h;
      return { ok: false, holder, waitedMs: waited };
    }
    await sleep(Math.min(POLL_MS, Math.max(1, waitMs - waited)));
  }
}

/** Who holds the lock now (for `jixiao check` and messages), or null. */
export function lockHolder(ws: Workspace): LockHolder | null {
  const h = readHolder(path.join(ws.root, LOCK_FILE));
  return h === 'unreadable' ? null : h;
}
