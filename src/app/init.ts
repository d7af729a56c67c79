/** `jixiao init`: a new workspace with the default policy file, the ledger and its folders. */
import { initWorkspace } from './workspace.js';
import { defaultPolicyText } from '../policy/files.js';
import { TOOL_VERSION } from './version.js';
import { failureText } from './context.js';

export interface InitResult {
  ok: boolean;
  dir: string;
  created: string[];
  error?: { code: string; message: string };
}

export async function runInit(dir: string): Promise<InitResult> {
  const r = initWorkspace(dir, { policyText: defaultPolicyText(), toolVersion: TOOL_VERSION });
  if (!r.ok) return { ok: false, dir, created: [], error: { code: r.code, message: failureText(r) } };
  return { ok: true, dir: r.workspace.root, created: r.created };
}
