/** `jixiao policy check [file]`: every problem of a policy file, each with its dotted path. */
import { readFile } from 'node:fs/promises';
import { t } from '../i18n/index.js';
import { parsePolicy } from '../policy/load.js';
import type { PolicyProblem } from '../policy/schema.js';

export interface PolicyCheckResult {
  problems: PolicyProblem[];
  rendered: { path: string; key: string; message: string }[];
}

export async function runPolicyCheck(file: string): Promise<PolicyCheckResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const problems: PolicyProblem[] = [{ path: '', key: 'policy.unreadable', params: { file, reason: String((e as Error).message) } }];
    return { problems, rendered: render(problems) };
  }
  const { problems } = parsePolicy(text);
  return { problems, rendered: render(problems) };
}

const render = (problems: PolicyProblem[]) => problems.map((p) => ({ path: p.path, key: p.key, message: t(p.key, p.params) }));
