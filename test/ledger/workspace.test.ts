import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findWorkspace, initWorkspace, locateWorkspace, openWorkspaceLedger } from '../../src/app/workspace.js';
import { SCHEMA_VERSION } from '../../src/ledger/index.js';
import { removeTempDirs, tempDir } from './helpers.js';

const opts = { policyText: 'format: 1\npolicy_version: "2026.1"\n', toolVersion: '0.1.0' };

afterAll(removeTempDirs);

describe('initWorkspace', () => {
  it('creates the folder, policy, inbox/archive/out and a migrated ledger', () => {
    const dir = path.join(tempDir(), 'store', '2026');
    const r = initWorkspace(dir, opts);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.created).toEqual(['policy.yaml', 'inbox/', 'archive/', 'out/', 'jixiao.db']);
    expect(fs.readFileSync(r.workspace.policyPath, 'utf8')).toBe(opts.policyText);
    for (const d of [r.workspace.inbox, r.workspace.archive, r.workspace.out]) expect(fs.statSync(d).isDirectory()).toBe(true);
    const o = openWorkspaceLedger(r.workspace);
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    expect(o.migratedFrom).toBe(SCHEMA_VERSION);
    expect(o.ledger.getMeta('created_with_tool')).toBe('0.1.0');
    o.ledger.close();
  });

  it('refuses a second init and leaves the first policy.yaml and ledger untouched', () => {
    const dir = tempDir();
    expect(initWorkspace(dir, opts).ok).toBe(true);
    const policy = path.join(dir, 'policy.yaml');
    const db = path.join(dir, 'jixiao.db');
    const before = { policy: fs.readFileSync(policy), pm: fs.statSync(policy).mtimeMs, db: fs.readFileSync(db), dm: fs.statSync(db).mtimeMs };

    const r = initWorkspace(dir, { ...opts, policyText: 'something else\n' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('workspace.exists');
    expect(r.severity).toBe('error');
    expect(r.params.dir).toBe(path.resolve(dir));
    expect(fs.readFileSync(policy).equals(before.policy)).toBe(true);
    expect(fs.statSync(policy).mtimeMs).toBe(before.pm);
    expect(fs.readFileSync(db).equals(before.db)).toBe(true);
    expect(fs.statSync(db).mtimeMs).toBe(before.dm);
  });

  it('refuses a folder with only a policy.yaml, or only a jixiao.db, without creating anything', () => {
    const a = tempDir();
    fs.writeFileSync(path.join(a, 'policy.yaml'), 'mine\n');
    const ra = initWorkspace(a, opts);
    expect(!ra.ok && ra.code).toBe('workspace.exists');
    expect(!ra.ok && ra.params.found).toBe('policy.yaml');
    expect(fs.readdirSync(a)).toEqual(['policy.yaml']);
    expect(fs.readFileSync(path.join(a, 'policy.yaml'), 'utf8')).toBe('mine\n');

    const b = tempDir();
    fs.writeFileSync(path.join(b, 'jixiao.db'), '');
    const rb = initWorkspace(b, opts);
    expect(!rb.ok && rb.code).toBe('workspace.exists');
    expect(fs.readdirSync(b)).toEqual(['jixiao.db']);
  });

  it('accepts a non-empty folder and keeps what is there', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, '花名册.xlsx'), 'x');
    fs.mkdirSync(path.join(dir, 'inbox'));
    fs.writeFileSync(path.join(dir, 'inbox', 'a.xlsx'), 'y');
    const r = initWorkspace(dir, opts);
    expect(r.ok && r.created).toEqual(['policy.yaml', 'archive/', 'out/', 'jixiao.db']);
    expect(fs.readFileSync(path.join(dir, '花名册.xlsx'), 'utf8')).toBe('x');
    expect(fs.readFileSync(path.join(dir, 'inbox', 'a.xlsx'), 'utf8')).toBe('y');
  });

  it('refuses a file path, and undoes a half-made workspace', () => {
    const file = path.join(tempDir(), 'notes.txt');
    fs.writeFileSync(file, 'x');
    const r = initWorkspace(file, opts);
    expect(!r.ok && r.code).toBe('workspace.not_a_folder');

    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'out'), 'a file named out');
    const r2 = initWorkspace(dir, opts);
    expect(!r2.ok && r2.code).toBe('workspace.cannot_create');
    expect(fs.readdirSync(dir)).toEqual(['out']); // policy.yaml, inbox/, archive/ removed again
  });
});

describe('findWorkspace', () => {
  it('walks up from a subfolder to the workspace', () => {
    const dir = tempDir();
    initWorkspace(dir, opts);
    const deep = path.join(dir, 'out', '2026-10', 'x');
    fs.mkdirSync(deep, { recursive: true });
    const ws = findWorkspace(deep);
    expect(ws).toEqual({
      root: path.resolve(dir),
      dbPath: path.join(path.resolve(dir), 'jixiao.db'),
      policyPath: path.join(path.resolve(dir), 'policy.yaml'),
      inbox: path.join(path.resolve(dir), 'inbox'),
      archive: path.join(path.resolve(dir), 'archive'),
      out: path.join(path.resolve(dir), 'out'),
    });
  });

  it('returns null (and a reason) when there is none', () => {
    const dir = tempDir();
    expect(findWorkspace(dir)).toBeNull();
    const r = locateWorkspace(dir);
    expect(!r.ok && r.code).toBe('workspace.not_found');
  });

  it('an explicit --workspace must itself be a workspace', () => {
    const parent = tempDir();
    const ws = path.join(parent, 'ws');
    initWorkspace(ws, opts);
    const sub = path.join(ws, 'inbox');
    expect(findWorkspace(parent, 'ws')!.root).toBe(path.resolve(ws));
    expect(findWorkspace('/', ws)!.root).toBe(path.resolve(ws));
    expect(findWorkspace(parent, path.join(ws, 'jixiao.db'))!.root).toBe(path.resolve(ws));
    // A subfolder of a workspace given explicitly is not accepted (no walking up).
    expect(findWorkspace(parent, sub)).toBeNull();
    const r = locateWorkspace(parent, sub);
    expect(!r.ok && r.code).toBe('workspace.explicit_not_workspace');
    expect(!r.ok && r.params.dir).toBe(path.resolve(sub));
  });
});
