/**
 * `jixiao check`: is the workspace consistent? (issue 10 §3) Changes nothing, takes no lock.
 *  - the ledger file: SQLite's integrity and foreign-key checks;
 *  - every archive entry the ledger refers to: present, and its SHA-256 still the one recorded;
 *  - out/: every registered file present with its hash (an edited one is a warning), every
 *    committed close revision rendered, no file nobody registered, no temporary file left.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import { inspectOutputs } from './outputs.js';
import { closeProduct } from './month-files.js';

/** The SHA-256 of a file, or null when it is missing or not a regular file. */
export function hashOfFile(p: string): string | null {
  try {
    if (!fs.lstatSync(p).isFile()) return null;
    return createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  } catch {
    return null;
  }
}

/** Problems with archived files (missing or altered): for check, and for status/close of one month. */
export function archiveIssues(ctx: Context, month?: string): Issue[] {
  const out: Issue[] = [];
  for (const a of ctx.ledger.archivedFiles()) {
    if (month && a.month !== month) continue;
    const abs = path.resolve(ctx.ws.root, a.archivedPath);
    const h = hashOfFile(abs);
    if (h === null) out.push({ code: 'archive.missing', severity: 'error', file: abs, params: { file: abs, original: a.fileName, month: a.month } });
    else if (h !== a.sha256) out.push({ code: 'archive.altered', severity: 'error', file: abs, params: { file: abs, original: a.fileName, month: a.month } });
  }
  return out;
}

export interface CheckResult {
  ok: boolean;
  checked: { ledger: boolean; archiveFiles: number; outputFiles: number; revisions: number };
  issues: Issue[];
}

export function runCheck(ctx: Context): CheckResult {
  const issues: Issue[] = [];
  const damaged = ctx.ledger.integrityProblems();
  for (const d of damaged) issues.push({ code: 'check.ledger_damaged', severity: 'error', file: ctx.ledger.path, params: { detail: d } });
  const archived = ctx.ledger.archivedFiles();
  issues.push(...archiveIssues(ctx));
  const outputs = ctx.ledger.allOutputs();
  for (const p of inspectOutputs(ctx)) {
    const params = { file: p.file, product: p.product ?? '', revision: p.revision ?? '' };
    if (p.kind === 'missing') issues.push({ code: 'check.output_missing', severity: 'error', file: p.file, params });
    else if (p.kind === 'edited') issues.push({ code: 'output.edited', severity: 'warning', file: p.file, params });
    else if (p.kind === 'unregistered') issues.push({ code: 'check.output_unregistered', severity: 'error', file: p.file, params });
    else issues.push({ code: 'check.temp_left', severity: 'warning', file: p.file, params });
  }
  let revisions = 0;
  for (const m of ctx.ledger.closedMonths()) {
    const rendered = new Set(ctx.ledger.outputsOf(closeProduct(m.month)).map((f) => f.revision));
    for (const r of ctx.ledger.revisions(m.month)) {
      revisions++;
      if (!rendered.has(r.revision)) issues.push({ code: 'check.revision_unrendered', severity: 'error', params: { month: m.month, revision: r.revision } });
    }
  }
  return {
    ok: !issues.some((i) => i.severity === 'error'),
    checked: { ledger: damaged.length === 0, archiveFiles: archived.length, outputFiles: outputs.length, revisions },
    issues,
  };
}
