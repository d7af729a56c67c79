/**
 * Checks on the staff list (花名册) as a whole, after the reader has parsed the rows.
 * Every problem is returned (never just the first), each naming the row and 工号.
 */
import type { Employee } from '../model.js';
import { issue, type Issue, type IssueCode, type Severity } from '../issues.js';
import type { Policy } from '../policy/schema.js';
import { classify, genericTitleReading, normText } from './classify.js';
import { dec } from './decimal.js';

export type CellOf = (row: number, field: keyof Employee) => string | undefined;

/** Source row of the i-th employee: `employee.row` when the reader set it, else i + 2 (header on row 1). */
export const rowOf = (e: Employee, index: number): number => e.row ?? index + 2;

/**
 * Issue codes: roster.missing_id, roster.duplicate_id, roster.missing_name,
 * roster.unplaceable_position, roster.generic_title (warning), roster.generic_title_ambiguous, roster.bad_salary, roster.unknown_manager, roster.self_manager,
 * roster.manager_cycle, roster.manager_left (warning), roster.unknown_skip_manager (warning),
 * roster.missing_store (a 门店 column with an empty cell).
 * Every issue has params.row and params.id (and params.name when known).
 * Employees with status 'left' are checked for duplicates only (they are not evaluated).
 */
export function checkRoster(employees: readonly Employee[], policy: Policy, cellOf?: CellOf): Issue[] {
  const out: Issue[] = [];
  const add = (
    code: IssueCode,
    severity: Severity,
    e: Employee,
    index: number,
    field: keyof Employee | null,
    extra: { found?: string; expected?: string; params?: Record<string, string | number> } = {},
  ) => {
    const row = rowOf(e, index);
    const cell = field && cellOf ? cellOf(row, field) : undefined;
    out.push(
      issue(code, severity, {
        ...(cell ? { cell } : {}),
        ...(extra.found !== undefined ? { found: extra.found } : {}),
        ...(extra.expected !== undefined ? { expected: extra.expected } : {}),
        params: { row, id: normText(e.id), name: normText(e.name), ...extra.params },
      }),
    );
  };

  // 工号: present and unique.
  const firstRowById = new Map<string, number>();
  const byId = new Map<string, Employee>();
  employees.forEach((e, i) => {
    const id = normText(e.id);
    if (!id) {
      add('roster.missing_id', 'error', e, i, 'id');
      return;
    }
    const first = firstRowById.get(id);
    if (first !== undefined) {
      add('roster.duplicate_id', 'error', e, i, 'id', { found: id, params: { firstRow: first } });
      return;
    }
    firstRowById.set(id, rowOf(e, i));
    byId.set(id, e);
  });

  // A dealer group's list (门店 column present): every active person belongs to a store, since
  // role scorers and the distribution are found per store.
  const withStores = employees.some((e) => e.store !== undefined);
  employees.forEach((e, i) => {
    if (e.status === 'left') return;
    const id = normText(e.id);
    if (!normText(e.name)) add('roster.missing_name', 'error', e, i, 'name');
    if (withStores && !normText(e.store)) add('roster.missing_store', 'error', e, i, 'store');

    const c = classify(e, policy);
    const generic = genericTitleReading(e.department, e.position, policy);
    const written = { department: normText(e.department), position: normText(e.position) };
    if (generic.kind === 'ambiguous')
      add('roster.generic_title_ambiguous', 'error', e, i, 'position', {
        found: `${written.department} / ${written.position}`,
        expected: generic.choices.join(' / '),
        params: { ...written, choices: generic.choices.join('、') },
      });
    else if (c.kind === 'unplaceable')
      add('roster.unplaceable_position', 'error', e, i, 'position', {
        found: `${written.department} / ${written.position}`,
        params: written,
      });
    if (generic.kind === 'named')
      add('roster.generic_title', 'warning', e, i, 'position', {
        found: `${written.department} / ${written.position}`,
        expected: generic.position,
        params: { ...written, named: generic.position },
      });

    const salaryText = String(e.fullSalary ?? '').trim();
    let salaryOk = salaryText !== '';
    if (salaryOk) {
      try {
        const s = dec(salaryText);
        salaryOk = s.isFinite() && !s.isNegative();
      } catch {
        salaryOk = false;
      }
    }
    if (!salaryOk) add('roster.bad_salary', 'error', e, i, 'fullSalary', { found: salaryText });

    const managerId = normText(e.managerId);
    if (managerId) {
      if (id && managerId === id) add('roster.self_manager', 'error', e, i, 'managerId', { found: managerId });
      else if (!byId.has(managerId)) add('roster.unknown_manager', 'error', e, i, 'managerId', { found: managerId, params: { managerId } });
      else if (byId.get(managerId)!.status === 'left')
        add('roster.manager_left', 'warning', e, i, 'managerId', {
          found: managerId,
          params: { managerId, managerName: normText(byId.get(managerId)!.name) },
        });
    }
    const skipId = normText(e.skipManagerId);
    if (skipId && !byId.has(skipId))
      add('roster.unknown_skip_manager', 'warning', e, i, 'skipManagerId', { found: skipId, params: { managerId: skipId } });
  });

  // Reporting cycles (A → B → … → A), each reported once, on its member with the lowest row.
  // A self-manager is reported above, not as a cycle.
  const indexOf = new Map<Employee, number>(employees.map((e, i) => [e, i]));
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of byId.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let cur: string | undefined = start;
    while (cur !== undefined && !state.has(cur)) {
      state.set(cur, 'visiting');
      path.push(cur);
      const next = normText(byId.get(cur)!.managerId);
      cur = next && byId.has(next) && next !== cur ? next : undefined;
    }
    if (cur !== undefined && state.get(cur) === 'visiting') {
      const cycle = path.slice(path.indexOf(cur));
      const members = cycle.map((id) => byId.get(id)!);
      const first = members.reduce((a, b) => (rowOf(a, indexOf.get(a)!) <= rowOf(b, indexOf.get(b)!) ? a : b));
      const k = cycle.indexOf(normText(first.id));
      const ordered = [...cycle.slice(k), ...cycle.slice(0, k)];
      add('roster.manager_cycle', 'error', first, indexOf.get(first)!, 'managerId', {
        found: normText(first.managerId),
        params: { cycle: [...ordered, ordered[0]].join(' → '), ids: ordered.join(', ') },
      });
    }
    for (const id of path) state.set(id, 'done');
  }
  return out;
}

/**
 * Rosters kept by hand often name the manager (张伟) instead of giving the 工号. A value that
 * is no 工号 but exactly one employee's 姓名 is taken as that employee, with a warning naming
 * the cell; anything else is left for checkRoster to report.
 */
export function resolveManagerNames(employees: readonly Employee[], cellOf?: CellOf): { employees: Employee[]; issues: Issue[] } {
  const ids = new Set(employees.map((e) => e.id));
  const byName = new Map<string, Employee[]>();
  for (const e of employees) byName.set(e.name, [...(byName.get(e.name) ?? []), e]);
  const issues: Issue[] = [];
  const resolve = (e: Employee, i: number, field: 'managerId' | 'skipManagerId'): string | null => {
    const v = e[field];
    if (!v || ids.has(v)) return v;
    const hits = byName.get(v) ?? [];
    if (hits.length !== 1) return v;
    const row = rowOf(e, i);
    issues.push({
      code: 'roster.manager_by_name',
      severity: 'warning',
      cell: cellOf?.(row, field),
      found: v,
      expected: hits[0].id,
      params: { row, id: e.id, name: e.name },
    });
    return hits[0].id;
  };
  return {
    employees: employees.map((e, i) => ({ ...e, managerId: resolve(e, i, 'managerId'), skipManagerId: resolve(e, i, 'skipManagerId') })),
    issues,
  };
}
