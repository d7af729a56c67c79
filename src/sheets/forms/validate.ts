/**
 * Validate many returned score sheets in one run (`jixiao validate`, `receive`): every
 * problem of every file, never just the first. Each file is opened safely (open.ts), its
 * meta tells which planned sheet it is, and it is read against that plan.
 */
import type { FormPlan, Month, ParsedForm } from '../../model.js';
import type { FormKind } from '../../policy/schema.js';
import { issue, type Issue } from '../../issues.js';
import { openWorkbook } from '../open.js';
import { readForm, readFormMeta, type ReadFormContext } from './read.js';
import type { FormMeta } from '../../checks/meta.js';

export type ValidateContext = Omit<ReadFormContext, 'file' | 'expected'> & {
  /** The month the clerk is collecting. */
  month?: Month;
  /** The month's planned sheets; each file is matched to one by its meta (kind + scorer). */
  plans?: FormPlan[];
};

export interface FileValidation {
  path: string;
  file: string;
  sha256: string | null;
  /** The file could be opened and read as a score sheet. */
  opened: boolean;
  kind: FormKind | null;
  meta: FormMeta | null;
  /** The plan the file was matched to (null: none given, or none matched). */
  plan: FormPlan | null;
  parsed: ParsedForm | null;
  issues: Issue[];
}

/** The planned sheet a file's meta names: same month (when given), kind and scorer. */
export function planForMeta(meta: Pick<FormMeta, 'month' | 'kind' | 'scorerId'>, plans: readonly FormPlan[]): FormPlan | null {
  return plans.find((p) => p.kind === meta.kind && p.scorerId === meta.scorerId && p.month === meta.month) ?? null;
}

/** Validate one file (see validateFormFiles). */
export async function validateFormFile(path: string, ctx: ValidateContext, displayName?: string): Promise<FileValidation> {
  const o = await openWorkbook(path, displayName ? { displayName } : {});
  const file = displayName ?? (o.ok ? o.wb.file : path.split(/[\\/]/).pop() ?? path);
  if (!o.ok)
    return { path, file, sha256: o.sha256, opened: false, kind: null, meta: null, plan: null, parsed: null, issues: o.issues };
  const issues: Issue[] = [...o.issues];
  let plan: FormPlan | null = null;
  const head = readFormMeta(o.wb, ctx.template, file);
  if (head.meta && ctx.plans) {
    plan = planForMeta(head.meta, ctx.plans);
    if (!plan && (!ctx.month || head.meta.month === ctx.month)) {
      const scorer = ctx.roster.get(head.meta.scorerId);
      issues.push(
        issue('form.not_planned', 'error', {
          file,
          found: `${ctx.template.kinds[head.meta.kind].label} / ${scorer?.name ?? head.meta.scorerName}(${head.meta.scorerId})`,
          params: {
            month: head.meta.month,
            kind: ctx.template.kinds[head.meta.kind].label,
            scorerName: scorer?.name ?? head.meta.scorerName,
            scorerId: head.meta.scorerId,
          },
        }),
      );
    }
  }
  const r = readForm(o.wb, {
    ...ctx,
    file,
    expected: { month: ctx.month, plan: plan ?? undefined },
  });
  issues.push(...r.issues);
  return { path, file, sha256: o.wb.sha256, opened: true, kind: r.kind, meta: r.parsed.meta, plan, parsed: r.parsed, issues };
}

/** Validate several files; `issues` is every problem of every file, in file order. */
export async function validateFormFiles(
  paths: readonly string[],
  ctx: ValidateContext,
): Promise<{ files: FileValidation[]; issues: Issue[] }> {
  const files: FileValidation[] = [];
  for (const p of paths) files.push(await validateFormFile(p, ctx));
  return { files, issues: files.flatMap((f) => f.issues) };
}
