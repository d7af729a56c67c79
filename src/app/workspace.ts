/**
 * The workspace: one folder per company (or store) holding
 *   policy.yaml   the policy file (绩效制度 settings)
 *   jixiao.db     the ledger
 *   inbox/        where the clerk drops returned sheets
 *   archive/      unchanged copies of every received file
 *   out/          outputs of close/report (out/YYYY-MM/…)
 *
 *   initWorkspace(dir, { policyText, toolVersion }) → { ok, workspace, created } | Failure
 *     creates what is missing; refuses `workspace.exists` if jixiao.db or policy.yaml is
 *     already there (nothing is overwritten); `workspace.not_a_folder`, `workspace.cannot_create`.
 *   findWorkspace(startDir, explicit?)   → Workspace | null (walks up from startDir to a
 *     folder with jixiao.db; an explicit --workspace must itself be one)
 *   locateWorkspace(startDir, explicit?) → { ok, workspace } | Failure
 *     (`workspace.not_found`, `workspace.explicit_not_workspace`) — same search, with a reason
 *   openWorkspaceLedger(ws)              → openLedger(ws.dbPath, { mustExist: true })
 *   workspacePaths(root)                 → Workspace (paths only, no checks)
 *
 * Messages: src/i18n/ledger.ts (`ledger.workspace_*`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { openLedger, type Opened } from '../ledger/ledger.js';
import { fail, type Result } from '../ledger/result.js';

export const DB_FILE = 'jixiao.db';
export const POLICY_FILE = 'policy.yaml';
const FOLDERS = ['inbox', 'archive', 'out'] as const;

export interface Workspace {
  root: string;
  dbPath: string;
  policyPath: string;
  inbox: string;
  archive: string;
  out: string;
}

export function workspacePaths(root: string): Workspace {
  const r = path.resolve(root);
  return {
    root: r,
    dbPath: path.join(r, DB_FILE),
    policyPath: path.join(r, POLICY_FILE),
    inbox: path.join(r, 'inbox'),
    archive: path.join(r, 'archive'),
    out: path.join(r, 'out'),
  };
}

function lstat(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p);
  } catch {
    return null;
  }
}
function stat(p: string): fs.Stats | null {
  try {
    return fs.statSync(p);
  } catch {
    return null;
  }
}
const reasonOf = (e: unknown): string => {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String(err?.message ?? e);
};

/**
 * Create a workspace in dir. Never overwrites: a folder that already has jixiao.db or
 * policy.yaml is refused (workspace.exists). Other content is left alone. If anything fails
 * half-way, what this call created is removed again.
 */
export function initWorkspace(
  dir: string,
  opts: { policyText: string; toolVersion: string },
): Result<{ workspace: Workspace; created: string[] }> {
  const ws = workspacePaths(dir);
  const rootStat = stat(ws.root);
  if (rootStat && !rootStat.isDirectory()) return fail('workspace.not_a_folder', { dir: ws.root });

  const lost = ledgerLost(ws.root);
  if (lost) return lost;
  const found = [DB_FILE, POLICY_FILE].filter((f) => lstat(path.join(ws.root, f)) !== null);
  if (found.length > 0) return fail('workspace.exists', { dir: ws.root, found: found.join(', ') });

  const created: string[] = [];
  const undo: (() => void)[] = [];
  const rollback = () => {
    for (const u of undo.reverse()) {
      try {
        u();
      } catch {
        /* best effort: leave it rather than fail twice */
      }
    }
  };

  try {
    if (!rootStat) {
      const first = fs.mkdirSync(ws.root, { recursive: true });
      if (first) undo.push(() => fs.rmdirSync(ws.root));
    }
    try {
      fs.writeFileSync(ws.policyPath, opts.policyText, { encoding: 'utf8', flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        rollback();
        return fail('workspace.exists', { dir: ws.root, found: POLICY_FILE });
      }
      throw e;
    }
    undo.push(() => fs.unlinkSync(ws.policyPath));
    created.push(POLICY_FILE);

    for (const name of FOLDERS) {
      const p = path.join(ws.root, name);
      const s = stat(p);
      if (s && !s.isDirectory()) {
        rollback();
        return fail('workspace.cannot_create', { dir: ws.root, reason: `${name}: not a folder` });
      }
      if (!s) {
        fs.mkdirSync(p);
        undo.push(() => fs.rmdirSync(p));
        created.push(`${name}/`);
      }
    }

    if (lstat(ws.dbPath)) {
      rollback();
      return fail('workspace.exists', { dir: ws.root, found: DB_FILE });
    }
    undo.push(() => {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(ws.dbPath + suffix, { force: true });
    });
    const opened = openLedger(ws.dbPath);
    if (!opened.ok) {
      rollback();
      return fail('workspace.cannot_create', { dir: ws.root, reason: `${DB_FILE}: ${opened.code}` });
    }
    try {
      opened.ledger.setMeta('created_with_tool', opts.toolVersion);
    } finally {
      opened.ledger.close();
    }
    created.push(DB_FILE);
    return { ok: true, workspace: ws, created };
  } catch (e) {
    rollback();
    return fail('workspace.cannot_create', { dir: ws.root, reason: reasonOf(e) });
  }
}

function isWorkspace(root: string): boolean {
  return stat(path.join(root, DB_FILE))?.isFile() ?? false;
}

/** Resolve an explicit --workspace (relative to startDir); the ledger file itself is accepted too. */
function explicitRoot(startDir: string, explicit: string): string {
  const p = path.resolve(startDir, explicit);
  return path.basename(p) === DB_FILE && stat(p)?.isFile() ? path.dirname(p) : p;
}

/**
 * The workspace for a command: explicit (--workspace) must itself be a workspace;
 * otherwise the nearest folder with jixiao.db from startDir upwards. null if none.
 */
export function findWorkspace(startDir: string, explicit?: string | null): Workspace | null {
  if (explicit !== undefined && explicit !== null && explicit !== '') {
    const root = explicitRoot(startDir, explicit);
    return isWorkspace(root) ? workspacePaths(root) : null;
  }
  let dir = path.resolve(startDir);
  for (;;) {
    if (isWorkspace(dir)) return workspacePaths(dir);
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/**
 * A folder that was a workspace (policy.yaml, and files in archive/ or out/) but has lost its
 * ledger: jixiao.db missing. Said so, instead of "not a workspace" and an `init` that refuses.
 */
function ledgerLost(root: string): ReturnType<typeof fail> | null {
  if (lstat(path.join(root, DB_FILE))) return null;
  const hasContent = (name: string) => {
    try {
      return fs.readdirSync(path.join(root, name)).length > 0;
    } catch {
      return false;
    }
  };
  const found = ['archive', 'out'].filter(hasContent).map((n) => `${n}/`);
  if (!found.length || !lstat(path.join(root, POLICY_FILE))) return null;
  return fail('workspace.ledger_lost', { dir: root, found: [POLICY_FILE, ...found].join(', ') });
}

/** findWorkspace with a reason when there is none: workspace.ledger_lost, workspace.explicit_not_workspace or workspace.not_found. */
export function locateWorkspace(startDir: string, explicit?: string | null): Result<{ workspace: Workspace }> {
  const ws = findWorkspace(startDir, explicit);
  if (ws) return { ok: true, workspace: ws };
  if (explicit !== undefined && explicit !== null && explicit !== '') {
    const root = explicitRoot(startDir, explicit);
    return ledgerLost(root) ?? fail('workspace.explicit_not_workspace', { dir: root });
  }
  for (let dir = path.resolve(startDir); ; dir = path.dirname(dir)) {
    const lost = ledgerLost(dir);
    if (lost) return lost;
    if (path.dirname(dir) === dir) break;
  }
  return fail('workspace.not_found', { dir: path.resolve(startDir) });
}

/** Open the workspace's ledger (it must exist; migrations run). */
export function openWorkspaceLedger(ws: Workspace): Result<Opened> {
  return openLedger(ws.dbPath, { mustExist: true });
}
