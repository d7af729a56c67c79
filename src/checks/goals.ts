/**
 * Checks over one employee's goal rows on a direct manager's sheet (§5.1.1): the weights of
 * each section add up to 100, every section the sheet scores has at least one goal, and the
 * number of goals is within the advised range (a warning). Pure.
 */
import { dec, sum } from '../domain/decimal.js';
import { issue, type Issue } from '../issues.js';

export interface GoalWeightCell {
  /** Exact weight, or null when the cell was invalid (already reported). */
  weight: string | null;
  cell: string;
}

export interface EmployeeGoals {
  id: string;
  name: string;
  /** Rows with content, per section id (rows whose section could not be read are not here). */
  sections: Map<string, GoalWeightCell[]>;
  /** Number of rows with content (whatever their section). */
  count: number;
  /** A1 of the employee's first 工号 cell and first 所属项目 cell, for messages. */
  firstIdCell: string | null;
  firstSectionCell: string | null;
  /** A row's 所属项目 could not be read: weights cannot be attributed, so sums are not checked. */
  sectionUnknown?: boolean;
}

export interface GoalRules {
  min: number;
  max: number;
  /** Sections this sheet scores for the employee, in policy order. */
  expectedSections: string[];
  sectionName: (id: string) => string;
}

/** Compress A1 cells of one column into ranges: H2,H3,H4,H7 → "H2:H4,H7". */
export function cellList(cells: string[]): string {
  const parsed = cells
    .map((c) => /^([A-Z]+)(\d+)$/.exec(c))
    .filter((m): m is RegExpExecArray => !!m)
    .map((m) => ({ col: m[1], row: Number(m[2]) }))
    .sort((a, b) => (a.col === b.col ? a.row - b.row : a.col < b.col ? -1 : 1));
  if (parsed.length !== cells.length) return cells.join(',');
  const out: string[] = [];
  let i = 0;
  while (i < parsed.length) {
    let j = i;
    while (j + 1 < parsed.length && parsed[j + 1].col === parsed[i].col && parsed[j + 1].row === parsed[j].row + 1) j++;
    out.push(j === i ? `${parsed[i].col}${parsed[i].row}` : `${parsed[i].col}${parsed[i].row}:${parsed[j].col}${parsed[j].row}`);
    i = j + 1;
  }
  return out.join(',');
}

export function checkEmployeeGoals(
  g: EmployeeGoals,
  rules: GoalRules,
  where: { file?: string; sheet: string },
): Issue[] {
  const out: Issue[] = [];
  const who = { id: g.id, name: g.name };
  if (g.count === 0) return out; // employee.missing is reported by the caller
  for (const sectionId of rules.expectedSections) {
    const rows = g.sections.get(sectionId) ?? [];
    const section = rules.sectionName(sectionId);
    if (rows.length === 0) {
      if (g.sectionUnknown) continue; // the unreadable row may be this section's: goal.section_invalid says it
      out.push(
        issue('goal.section_missing', 'error', {
          ...where,
          cell: g.firstSectionCell ?? undefined,
          found: '',
          expected: section,
          params: { ...who, section },
        }),
      );
      continue;
    }
    if (g.sectionUnknown || rows.some((r) => r.weight === null)) continue; // invalid weights are reported cell by cell
    const total = sum(rows.map((r) => r.weight!));
    if (!total.equals(100))
      out.push(
        issue('weight.sum_not_100', 'error', {
          ...where,
          cell: cellList(rows.map((r) => r.cell)),
          found: dec(total).toFixed(),
          expected: '100',
          params: { ...who, section },
        }),
      );
  }
  if (g.count < rules.min || g.count > rules.max)
    out.push(
      issue('goals.count', 'warning', {
        ...where,
        cell: g.firstIdCell ?? undefined,
        found: String(g.count),
        expected: `${rules.min}–${rules.max}`,
        params: { ...who, min: rules.min, max: rules.max },
      }),
    );
  return out;
}
