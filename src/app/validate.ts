/** `jixiao validate <files…>`: check score sheets without recording anything; all problems of all files. */
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { FormKind, Month, GoalRow } from '../model.js';
import { checkFile, planCache } from './check-file.js';
import { loadFormTemplate } from '../policy/form-template.js';
import { currentEvaluationMonth } from './roster.js';

export interface ValidateResult {
  files: { file: string; path: string; kind: FormKind | null; month: Month | null; scorerId: string | null; errors: number; warnings: number; byRule: GoalRow[] }[];
  issues: Issue[];
}

export type Progress = (done: number, total: number, file: string) => void;

export async function runValidate(ctx: Context, files: string[], o: { month?: Month; progress: Progress; now?: Date }): Promise<ValidateResult> {
  const tpl = loadFormTemplate();
  if (!tpl.ok) return { files: [], issues: tpl.issues };
  const plans = planCache(ctx);
  const fallbackMonth = o.month ?? currentEvaluationMonth(o.now ?? new Date(), ctx.policy.deadlines.utc_offset);
  const result: ValidateResult = { files: [], issues: [] };
  for (const [i, f] of files.entries()) {
    o.progress(i + 1, files.length, f);
    const c = await checkFile(ctx, f, { month: o.month, fallbackMonth, template: tpl.template, plans, targetsFor: (k) => ctx.ledger.formTargets(k)?.targets ?? null });
    result.files.push({ file: c.file, path: c.path, kind: c.kind, month: c.month, scorerId: c.scorerId, errors: c.errors, warnings: c.warnings, byRule: c.parsed?.goals.filter((g) => g.byRule) ?? [] });
    result.issues.push(...c.issues);
  }
  return result;
}
