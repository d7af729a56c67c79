/**
 * Checks of what a returned score sheet says about itself (its hidden meta sheet) against
 * what the clerk expects: template version, month, form kind and scorer. Pure.
 */
import type { Employee, FormPlan, Month } from '../model.js';
import type { FormKind } from '../policy/schema.js';
import { issue, type Issue } from '../issues.js';

export interface FormMeta {
  templateVersion: string;
  month: Month;
  kind: FormKind;
  scorerId: string;
  scorerName: string;
}

export interface MetaCells {
  sheet: string;
  templateVersion?: string;
  month?: string;
  kind?: string;
  scorerId?: string;
}

export interface MetaExpectation {
  templateVersion: string;
  month?: Month;
  plan?: Pick<FormPlan, 'kind' | 'scorerId' | 'month'>;
  /** Kind label as the clerk knows it (目标与KPI …). */
  kindLabel: (k: FormKind) => string;
  roster: Map<string, Employee>;
}

export interface MetaCheck {
  issues: Issue[];
  /** The sheet is the one expected (month, kind and scorer agree with the plan, when given). */
  matchesPlan: boolean;
}

export function checkMeta(meta: FormMeta, cells: MetaCells, exp: MetaExpectation, file?: string): MetaCheck {
  const issues: Issue[] = [];
  const at = (cell: string | undefined) => ({ file, sheet: cells.sheet, cell });
  let matchesPlan = true;
  if (meta.templateVersion !== exp.templateVersion)
    issues.push(issue('form.old_template', 'error', { ...at(cells.templateVersion), found: meta.templateVersion, expected: exp.templateVersion }));
  const wantMonth = exp.month ?? exp.plan?.month;
  if (wantMonth && meta.month !== wantMonth) {
    issues.push(issue('form.wrong_month', 'error', { ...at(cells.month), found: meta.month, expected: wantMonth }));
    matchesPlan = false;
  }
  if (exp.plan) {
    if (meta.kind !== exp.plan.kind) {
      issues.push(
        issue('form.unexpected', 'error', {
          ...at(cells.kind),
          found: exp.kindLabel(meta.kind),
          expected: exp.kindLabel(exp.plan.kind),
          params: { foundKind: meta.kind, expectedKind: exp.plan.kind },
        }),
      );
      matchesPlan = false;
    }
    if (meta.scorerId !== exp.plan.scorerId) {
      const want = exp.roster.get(exp.plan.scorerId);
      issues.push(
        issue('form.wrong_scorer', 'error', {
          ...at(cells.scorerId),
          found: `${meta.scorerName}(${meta.scorerId})`,
          expected: want ? `${want.name}(${want.id})` : exp.plan.scorerId,
          params: { foundId: meta.scorerId, expectedId: exp.plan.scorerId },
        }),
      );
      matchesPlan = false;
    }
  }
  if (!exp.roster.has(meta.scorerId))
    issues.push(issue('form.scorer_unknown', 'error', { ...at(cells.scorerId), found: meta.scorerId, params: { name: meta.scorerName } }));
  return { issues, matchesPlan };
}
