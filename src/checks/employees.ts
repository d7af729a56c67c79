/**
 * Checks of who is on a returned sheet: every 工号 is on the staff list, is expected on this
 * sheet, appears once, and its 姓名 matches the staff list; everyone expected is there. Pure.
 */
import type { Employee } from '../model.js';
import { issue, type Issue } from '../issues.js';

import { normId, normName } from '../text.js';

export { normId, normName };

export interface IdentifyContext {
  file?: string;
  sheet: string;
  roster: Map<string, Employee>;
  /** 工号s this sheet should contain; null when unknown (then nobody is "not on form"). */
  expected: Set<string> | null;
  /** Names of expected employees, for rows that have no 工号 and for messages. */
  expectedNames?: Map<string, string>;
}

export type Identified =
  | { ok: true; id: string; employee: Employee; issues: Issue[] }
  | { ok: false; id: string; issues: Issue[] };

/** Roster lookup tolerant of width and spaces. */
export function findInRoster(roster: Map<string, Employee>, idText: string): Employee | undefined {
  const direct = roster.get(idText);
  if (direct) return direct;
  const n = normId(idText);
  const hit = roster.get(n);
  if (hit) return hit;
  for (const [k, e] of roster) if (normId(k) === n) return e;
  return undefined;
}

/**
 * Identify the employee of a row from its 工号 (and check the 姓名 cell, when `checkName`).
 * Issues: employee.unknown, employee.not_on_form, employee.name_mismatch.
 */
export function identifyRow(
  idText: string,
  nameText: string,
  cells: { id: string; name?: string },
  ctx: IdentifyContext,
  checkName = true,
): Identified {
  const issues: Issue[] = [];
  const emp = findInRoster(ctx.roster, idText);
  if (!emp) {
    issues.push(
      issue('employee.unknown', 'error', {
        file: ctx.file,
        sheet: ctx.sheet,
        cell: cells.id,
        found: idText,
        params: { id: idText, name: nameText },
      }),
    );
    return { ok: false, id: idText, issues };
  }
  if (ctx.expected && !ctx.expected.has(emp.id)) {
    issues.push(
      issue('employee.not_on_form', 'error', {
        file: ctx.file,
        sheet: ctx.sheet,
        cell: cells.id,
        found: emp.id,
        params: { id: emp.id, name: emp.name },
      }),
    );
    return { ok: false, id: emp.id, issues };
  }
  if (checkName && nameText && normName(nameText) !== normName(emp.name))
    issues.push(
      issue('employee.name_mismatch', 'error', {
        file: ctx.file,
        sheet: ctx.sheet,
        cell: cells.name ?? cells.id,
        found: nameText,
        expected: emp.name,
        params: { id: emp.id, name: emp.name },
      }),
    );
  return { ok: true, id: emp.id, employee: emp, issues };
}

/** For a row with content but no 工号: the one expected employee with that 姓名, if exactly one. */
export function idByName(nameText: string, ctx: IdentifyContext): string | null {
  if (!nameText || !ctx.expectedNames) return null;
  const n = normName(nameText);
  const hits = [...ctx.expectedNames].filter(([, name]) => normName(name) === n);
  return hits.length === 1 ? hits[0][0] : null;
}

export function idMissing(nameText: string, cell: string, ctx: IdentifyContext): Issue {
  return issue('employee.id_missing', 'error', { file: ctx.file, sheet: ctx.sheet, cell, found: nameText, params: { name: nameText } });
}

export function duplicateEmployee(id: string, name: string, cell: string, first: string, ctx: IdentifyContext): Issue {
  return issue('employee.duplicate', 'error', {
    file: ctx.file,
    sheet: ctx.sheet,
    cell,
    found: id,
    params: { id, name, first },
  });
}

export function missingEmployee(
  id: string,
  name: string,
  section: string,
  ctx: IdentifyContext,
  cell?: string,
): Issue {
  return issue('employee.missing', 'error', {
    file: ctx.file,
    sheet: ctx.sheet,
    cell,
    found: '',
    expected: section,
    params: { id, name, section },
  });
}
