/** `jixiao policy check [file]`: every problem of a policy file, each with its dotted path. */
import { readFile } from 'node:fs/promises';
import { parsePolicy } from '../policy/load.js';
import type { PolicyProblem } from '../policy/schema.js';

/** The problems as values; the CLI words them. */
export interface PolicyCheckResult {
  problems: PolicyProblem[];
}

export async function runPolicyCheck(file: string): Promise<PolicyCheckResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const problems: PolicyProblem[] = [{ path: '', key: 'policy.unreadable', params: { file, reason: String((e as Error).message) } }];
    return { problems };
  }
  return { problems: parsePolicy(text).problems };
}
