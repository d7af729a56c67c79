/**
 * `jixiao policy check [file]`: every problem of a policy file, each with its dotted path; for a
 * valid policy, a warning when the coming deadlines fall in a year no holiday schedule covers.
 */
import { readFile } from 'node:fs/promises';
import { parsePolicy } from '../policy/load.js';
import type { PolicyProblem } from '../policy/schema.js';
import type { Issue } from '../issues.js';
import { evaluationMonthAt } from '../domain/clock.js';
import { nextMonth } from '../domain/dates.js';
import { policyDueDays, uncoveredAhead } from '../domain/deadline.js';

/** The problems as values; the CLI words them. */
export interface PolicyCheckResult {
  problems: PolicyProblem[];
  /** Warnings about a valid policy: the deadlines of the next months fall in a year no holiday schedule covers. */
  warnings: Issue[];
}

/** How many evaluation months ahead `policy check` looks for holiday years not covered (this one and the next two). */
const MONTHS_AHEAD = 3;

export async function runPolicyCheck(file: string, now: Date): Promise<PolicyCheckResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const problems: PolicyProblem[] = [{ path: '', key: 'policy.unreadable', params: { file, reason: String((e as Error).message) } }];
    return { problems, warnings: [] };
  }
  const { policy, problems } = parsePolicy(text);
  const warnings: Issue[] = [];
  if (policy && !problems.length) {
    const offset = policy.deadlines.utc_offset;
    let m = evaluationMonthAt(now, offset);
    const months = [];
    for (let i = 0; i < MONTHS_AHEAD; i++, m = nextMonth(m)) months.push(m);
    warnings.push(...uncoveredAhead(months, policyDueDays(policy), policy.deadlines));
  }
  return { problems, warnings };
}
