/**
 * §5.7 who scores what: the score sheets (FormPlan) the clerk sends out for a month.
 * Pure: members come from placeForMonth, deadlines from deadlineFor.
 */
import type { FormPlan, Month, StaffMember } from '../model.js';
import { issue, type Issue, type IssueCode } from '../issues.js';
import { FORM_KINDS, type FormKind, type Policy } from '../policy/schema.js';
import { canonicalDepartment, canonicalPosition, normText } from './classify.js';
import { deadlineFor } from './deadline.js';
import { compareIds } from './ids.js';

/** Form order on the plan: by due day in the default policy (discipline 2, learning 3, goals 4 …) — goals first as the main sheet. */
export const FORM_ORDER: readonly FormKind[] = ['goals', 'discipline', 'learning', 'customer', 'finance'];

export type RoleResolution =
  | { ok: true; scorerId: string }
  | { ok: false; issue: Issue };

/**
 * The 工号 that fills a policy scorer role: the policy's employee_id when set (it must be on
 * the list and not have left), else the unique active holder of the role's department +
 * position (department aliases applied, text trimmed). With `store` (a dealer group's list)
 * the holder is looked for in that store only, unless the role's scope is 'group'
 * (plan.store_scorer_unresolved names the store and role when it has none or several).
 */
export function resolveRole(roleId: string, members: readonly StaffMember[], policy: Policy, store?: string): RoleResolution {
  const role = policy.scorers[roleId];
  if (!role) return { ok: false, issue: issue('plan.scorer_unresolved', 'error', { params: { role: roleId, roleId, department: '', position: '', count: 0, ids: '' } }) };
  if (role.employee_id) {
    const id = normText(role.employee_id);
    const m = members.find((x) => normText(x.employee.id) === id);
    if (!m || m.employee.status === 'left')
      return {
        ok: false,
        issue: issue('plan.scorer_not_found', 'error', {
          found: id,
          params: { role: role.name, roleId, id, left: m ? 1 : 0 },
        }),
      };
    return { ok: true, scorerId: id };
  }
  const dep = canonicalDepartment(role.department, policy);
  const pos = normText(role.position);
  const inStore = store !== undefined && role.scope !== 'group';
  const holders = members.filter(
    (m) =>
      m.employee.status === 'active' &&
      (!inStore || normText(m.employee.store) === store) &&
      canonicalDepartment(m.employee.department, policy) === dep &&
      canonicalPosition(m.employee.department, m.employee.position, policy) === pos,
  );
  if (holders.length === 1) return { ok: true, scorerId: normText(holders[0].employee.id) };
  // the same facts either way; a store's own holder missing names the store
  const params = {
    role: role.name,
    roleId,
    department: role.department,
    position: role.position,
    count: holders.length,
    ids: holders.length ? ` (${holders.map((h) => `${normText(h.employee.id)} ${normText(h.employee.name)}`).join(', ')})` : '',
  };
  return inStore
    ? { ok: false, issue: issue('plan.store_scorer_unresolved', 'error', { params: { store, ...params } }) }
    : { ok: false, issue: issue('plan.scorer_unresolved', 'error', { params }) };
}

/**
 * One FormPlan per (form kind, scorer) for every evaluated member (excluded === null) and
 * every section of their category.
 *  - direct_manager sections go to the roster's 直接上级工号; a missing, unknown, departed or
 *    self manager is an Issue (plan.no_manager / plan.manager_unknown / plan.manager_left /
 *    plan.self_manager) naming the employee and the sections left without a scorer.
 *  - role sections go to resolveRole (plan.scorer_unresolved / plan.scorer_not_found once per role).
 *  - Nobody scores themselves: an item whose scorer is the employee moves to that employee's
 *    direct manager, same section, same form kind and due day (scorerRole 'direct_manager' when
 *    the manager's sheet of that kind has only moved items).
 * A form's due day is the earliest due day of its items; its deadline comes from deadlineFor
 * (its warnings, once per year, are in `issues`). Order: forms by FORM_ORDER then scorer 工号;
 * items by employee 工号 then the section's order in the policy.
 */
export function planForms(members: readonly StaffMember[], month: Month, policy: Policy): { forms: FormPlan[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const byId = new Map<string, StaffMember>();
  for (const m of members) {
    const id = normText(m.employee.id);
    if (id && !byId.has(id)) byId.set(id, m);
  }

  // A dealer group: role holders are looked up per store, over that store's people only.
  const withStores = members.some((m) => m.employee.store !== undefined);
  const storeOf = (m: StaffMember) => (withStores ? normText(m.employee.store) : undefined);
  const byStore = new Map<string, StaffMember[]>();
  if (withStores)
    for (const m of members) {
      const st = storeOf(m)!;
      const list = byStore.get(st);
      if (list) list.push(m);
      else byStore.set(st, [m]);
    }
  const roleCache = new Map<string, RoleResolution>();
  const roleOf = (roleId: string, store: string | undefined) => {
    const scoped = store !== undefined && policy.scorers[roleId]?.scope !== 'group' && !policy.scorers[roleId]?.employee_id;
    const key = scoped ? `${roleId}\u0000${store}` : roleId;
    let r = roleCache.get(key);
    if (!r) {
      r = scoped ? resolveRole(roleId, byStore.get(store!) ?? [], policy, store) : resolveRole(roleId, members, policy);
      roleCache.set(key, r);
      if (!r.ok) issues.push(r.issue);
    }
    return r;
  };

  // Manager problems, grouped per (code, employee) so each person gets one message listing the sections.
  const managerProblems = new Map<string, { code: IssueCode; m: StaffMember; sections: string[]; managerId: string }>();
  const managerOf = (m: StaffMember, sectionName: string): string | null => {
    const id = normText(m.employee.id);
    const managerId = normText(m.employee.managerId);
    let code: IssueCode | null = null;
    if (!managerId) code = 'plan.no_manager';
    else if (managerId === id) code = 'plan.self_manager';
    else if (!byId.has(managerId)) code = 'plan.manager_unknown';
    else if (byId.get(managerId)!.employee.status === 'left') code = 'plan.manager_left';
    if (!code) return managerId;
    const key = `${code}\u0000${id}`;
    const p = managerProblems.get(key) ?? { code, m, sections: [], managerId };
    if (!p.sections.includes(sectionName)) p.sections.push(sectionName);
    managerProblems.set(key, p);
    return null;
  };

  type Item = { employeeId: string; sectionId: string; sectionIndex: number; dueDay: number; role: string; moved: boolean };
  const groups = new Map<string, { kind: FormKind; scorerId: string; items: Item[] }>();
  const put = (kind: FormKind, scorerId: string, item: Item) => {
    const key = `${kind}\u0000${scorerId}`;
    const g = groups.get(key) ?? { kind, scorerId, items: [] };
    g.items.push(item);
    groups.set(key, g);
  };

  for (const m of members) {
    if (m.excluded !== null || m.category === null) continue;
    const employeeId = normText(m.employee.id);
    policy.sections[m.category].forEach((s, sectionIndex) => {
      let scorerId: string | null;
      if (s.scorer === 'direct_manager') scorerId = managerOf(m, s.name);
      else {
        const r = roleOf(s.scorer, storeOf(m));
        scorerId = r.ok ? r.scorerId : null;
      }
      if (scorerId === null) return;
      let moved = false;
      if (scorerId === employeeId) {
        // 本人不给自己打分: the item goes to the employee's direct manager.
        scorerId = managerOf(m, s.name);
        moved = true;
        if (scorerId === null) return;
      }
      put(s.form, scorerId, { employeeId, sectionId: s.id, sectionIndex, dueDay: s.due_day, role: s.scorer, moved });
    });
  }

  for (const p of managerProblems.values()) {
    const e = p.m.employee;
    issues.push(
      issue(p.code, 'error', {
        ...(p.managerId ? { found: p.managerId } : {}),
        params: {
          ...(e.row !== undefined ? { row: e.row } : {}),
          id: normText(e.id),
          name: normText(e.name),
          managerId: p.managerId,
          sections: p.sections.join('、'),
        },
      }),
    );
  }

  const deadlineCache = new Map<number, string>();
  const warnedYears = new Set<string>();
  const deadlineOf = (dueDay: number) => {
    let d = deadlineCache.get(dueDay);
    if (d === undefined) {
      const r = deadlineFor(month, dueDay, policy.deadlines);
      d = r.instant;
      deadlineCache.set(dueDay, d);
      for (const w of r.warnings) {
        const k = String(w.params?.year);
        if (!warnedYears.has(k)) {
          warnedYears.add(k);
          issues.push(w);
        }
      }
    }
    return d;
  };

  const kindRank = (k: FormKind) => {
    const i = FORM_ORDER.indexOf(k);
    return i >= 0 ? i : FORM_ORDER.length + FORM_KINDS.indexOf(k);
  };
  const forms: FormPlan[] = [...groups.values()]
    .sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || compareIds(a.scorerId, b.scorerId))
    .map((g) => {
      const items = [...g.items].sort((a, b) => compareIds(a.employeeId, b.employeeId) || a.sectionIndex - b.sectionIndex);
      const dueDay = Math.min(...items.map((i) => i.dueDay));
      const roleItem = items.find((i) => !i.moved);
      return {
        month,
        kind: g.kind,
        scorerId: g.scorerId,
        scorerRole: roleItem ? roleItem.role : 'direct_manager',
        ...(withStores ? { store: normText(byId.get(g.scorerId)?.employee.store) } : {}),
        items: items.map((i) => ({ employeeId: i.employeeId, sectionId: i.sectionId })),
        dueDay,
        deadline: deadlineOf(dueDay),
      };
    });
  return { forms, issues };
}
