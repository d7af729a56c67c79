/**
 * Opening a workspace for a command: find it, open the ledger, load and check the policy.
 * Failures here stop the command with a message in the clerk's language (exit 1).
 */
import { readFileSync } from 'node:fs';
import { t } from '../i18n/index.js';
import { ExitError } from '../cli/io.js';
import { locateWorkspace, type Workspace } from './workspace.js';
import { openLedger, type Ledger, type Failure } from '../ledger/index.js';
import { parsePolicy } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';

export interface Context {
  ws: Workspace;
  ledger: Ledger;
  policy: Policy;
  policyText: string;
}

export const failureText = (f: Failure): string => {
  const hint = t(`${f.key}.hint`, f.params);
  return t(f.key, f.params) + (hint !== `${f.key}.hint` ? '\n' + hint : '');
};

export function openContext(opts: { workspace?: string; cwd: string }): Context {
  const found = locateWorkspace(opts.cwd, opts.workspace);
  if (!found.ok) throw new ExitError(1, failureText(found));
  const ws = found.workspace;
  const policyText = readFileSync(ws.policyPath, 'utf8');
  const parsed = parsePolicy(policyText);
  if (!parsed.policy || parsed.problems.length) {
    const lines = parsed.problems.map((p) => `  ${p.path}: ${t(p.key, p.params)}`);
    throw new ExitError(1, [t('policy.invalid_in_workspace', { file: ws.policyPath }), ...lines].join('\n'));
  }
  const opened = openLedger(ws.dbPath, { mustExist: true });
  if (!opened.ok) throw new ExitError(1, failureText(opened));
  return { ws, ledger: opened.ledger, policy: parsed.policy, policyText };
}
