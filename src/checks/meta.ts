/**
 * Checks of what a returned score sheet says about itself (its hidden meta sheet) against
 * what the clerk expects: template version, month, form kind and scorer. Pure.
 */
import type { Employee, FormPlan, Month } from '../model.js';
import { CATEGORIES, FORM_KINDS, type Category, type FormKind } from '../policy/schema.js';
import { META_KEYS, type MetaKey } from '../policy/form-layout.js';
import type { FormTemplate } from '../policy/form-template.js';
import { issue, type Issue } from '../issues.js';
import type { ExtractedForm, ExtractedMeta } from './form-input.js';
import type { ExpectedEmployee } from '../domain/sections.js';

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

const NEEDED: MetaKey[] = ['template_version', 'month', 'kind', 'scorer_id'];

/** The kind the meta sheet names, when it says enough to be read (see readMeta). */
export function metaKind(m: ExtractedMeta | null): FormKind | null {
  if (!m || NEEDED.some((k) => !m.values[k]?.value)) return null;
  const kind = m.values.kind.value as FormKind;
  return FORM_KINDS.includes(kind) ? kind : null;
}

export interface MetaRead {
  meta: FormMeta;
  cells: MetaCells;
  /** The sheet's own list of who it scores. */
  employees: ExpectedEmployee[];
}

/**
 * What a form says about itself (its hidden meta sheet): month, kind, scorer, template
 * version and its list of employees — or null with a form.no_meta issue.
 */
export function readMeta(x: Pick<ExtractedForm, 'meta' | 'sheetNames'>, t: FormTemplate, file?: string): { read: MetaRead | null; issues: Issue[] } {
  const m = x.meta;
  const noMeta = (missing: string, cell?: string, sheet?: string, found?: string) => ({
    read: null,
    issues: [issue('form.no_meta', 'error', { file, sheet, cell, found: found ?? x.sheetNames.join('、'), expected: missing, params: { missing } })],
  });
  if (!m) return noMeta(t.sheets.meta);
  for (const k of NEEDED) if (!m.values[k]?.value) return noMeta(`${t.sheets.meta}: ${META_KEYS[k]}`, m.values[k]?.a1, m.sheet, '');
  const kind = metaKind(m);
  if (!kind) return noMeta(`${t.sheets.meta}: ${META_KEYS.kind}`, m.values.kind.a1, m.sheet, m.values.kind.value);
  const v = (k: MetaKey) => m.values[k];
  return {
    read: {
      meta: {
        templateVersion: v('template_version').value,
        month: v('month').value,
        kind,
        scorerId: v('scorer_id').value,
        scorerName: v('scorer_name')?.value ?? '',
      },
      cells: { sheet: m.sheet, templateVersion: v('template_version').a1, month: v('month').a1, kind: v('kind').a1, scorerId: v('scorer_id').a1 },
      employees: m.employees.map((e) => ({
        employeeId: e.employeeId,
        name: e.name,
        category: (CATEGORIES as readonly string[]).includes(e.category) ? (e.category as Category) : null,
        sectionIds: e.sectionIds
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      })),
    },
    issues: [],
  };
}
