/**
 * Opening a workspace for a command: find it, open the ledger, load and check the policy.
 * Failures here stop the command: a Stop carrying the problems, which the CLI prints (exit 1).
 */
import { readFileSync } from 'node:fs';
import { asIssue, issue, Stop } from '../issues.js';
import { locateWorkspace, type Workspace } from './workspace.js';
import { openLedger, type Ledger } from '../ledger/index.js';
import { parsePolicy, policyIssues } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';

export interface Context {
  ws: Workspace;
  ledger: Ledger;
  policy: Policy;
  policyText: string;
}


/** The workspace's policy file, or a clerk message when it is missing, a folder or unreadable. */
function readPolicyText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const c = code === 'ENOENT' ? 'workspace.policy_missing' : code === 'EISDIR' ? 'workspace.policy_is_folder' : 'workspace.policy_unreadable';
    throw new Stop('input', [issue(c, 'error', { file, params: { file, detail: code ?? String(e) } })]);
  }
}

export function openContext(opts: { workspace?: string; cwd: string }): Context {
  const found = locateWorkspace(opts.cwd, opts.workspace);
  if (!found.ok) throw new Stop('input', [asIssue(found)]);
  const ws = found.workspace;
  const policyText = readPolicyText(ws.policyPath);
  const parsed = parsePolicy(policyText);
  if (!parsed.policy || parsed.problems.length) {
    const head = issue('workspace.policy_invalid', 'error', { params: { file: ws.policyPath } });
    throw new Stop('input', [head, ...policyIssues(parsed.problems)]);
  }
  const opened = openLedger(ws.dbPath, { mustExist: true });
  if (!opened.ok) throw new Stop('input', [asIssue(opened)]);
  return { ws, ledger: opened.ledger, policy: parsed.policy, policyText };
}
