/**
 * Which sections a score sheet scores for whom, in which order, and how a section name typed
 * in 所属项目 maps back to a policy section id. Pure; shared by the form generator and the
 * form checker.
 */
import type { FormPlan, StaffMember } from '../model.js';
import type { Category, Policy } from '../policy/schema.js';
import { CATEGORIES } from '../policy/schema.js';

/** Section id → display name, from the policy (both categories), with optional overrides. */
export function sectionNameMap(
  policy: Policy,
  override?: Map<string, string> | Record<string, string>,
): Map<string, string> {
  const m = new Map<string, string>();
  for (const cat of CATEGORIES) for (const s of policy.sections[cat]) if (!m.has(s.id)) m.set(s.id, s.name);
  if (override) for (const [k, v] of override instanceof Map ? override : Object.entries(override)) m.set(k, v);
  return m;
}

/** Policy order of section ids (创利 first, then 职能), for stable lists. */
export function sectionOrder(policy: Policy): string[] {
  const out: string[] = [];
  for (const cat of CATEGORIES) for (const s of policy.sections[cat]) if (!out.includes(s.id)) out.push(s.id);
  return out;
}

/** Section ids a plan scores, in policy order (ids unknown to the policy last, as they come). */
export function planSectionIds(plan: Pick<FormPlan, 'items'>, policy: Policy): string[] {
  const order = sectionOrder(policy);
  const ids = [...new Set(plan.items.map((i) => i.sectionId))];
  return [...order.filter((id) => ids.includes(id)), ...ids.filter((id) => !order.includes(id))];
}

/** An expected employee on a sheet: who, and which sections this sheet scores for them. */
export interface ExpectedEmployee {
  employeeId: string;
  name: string;
  category: Category | null;
  sectionIds: string[];
}

/** Employees of a plan in the plan's order, each with its section ids in policy order. */
export function expectedFromPlan(plan: FormPlan, members: Map<string, StaffMember>, policy: Policy): ExpectedEmployee[] {
  const order = sectionOrder(policy);
  const byId = new Map<string, ExpectedEmployee>();
  for (const it of plan.items) {
    let e = byId.get(it.employeeId);
    if (!e) {
      const m = members.get(it.employeeId);
      e = { employeeId: it.employeeId, name: m?.employee.name ?? '', category: m?.category ?? null, sectionIds: [] };
      byId.set(it.employeeId, e);
    }
    if (!e.sectionIds.includes(it.sectionId)) e.sectionIds.push(it.sectionId);
  }
  for (const e of byId.values()) {
    // the employee's own category order (工作目标 before KPI for 职能), then the global order
    const own = e.category ? policy.sections[e.category].map((s) => s.id) : [];
    const rank = (id: string) => (own.includes(id) ? own.indexOf(id) : own.length + order.indexOf(id));
    e.sectionIds.sort((a, b) => rank(a) - rank(b));
  }
  return [...byId.values()];
}

import { looseText } from '../text.js';

export { looseText };

/**
 * Match what a scorer wrote in 所属项目 to one of the allowed section ids. Accepted: the
 * policy name (关键考核指标KPI), the id (kpi), or the name without its bracketed part
 * (工作目标) or with only the bracketed part (MBO); loose on spaces, width and case.
 */
export function matchSection(text: string, allowed: readonly string[], names: Map<string, string>): string | null {
  const t = looseText(text);
  if (!t) return null;
  for (const id of allowed) {
    const name = names.get(id) ?? id;
    const forms = new Set<string>([looseText(name), looseText(id)]);
    const bare = name.replace(/[((].*?[))]/g, '');
    forms.add(looseText(bare));
    for (const m of name.matchAll(/[((](.*?)[))]/g)) forms.add(looseText(m[1]));
    const kpiLike = /kpi/i.exec(name);
    if (kpiLike) {
      forms.add('kpi');
      forms.add(looseText(name.replace(/kpi/i, '')));
    }
    forms.delete('');
    if (forms.has(t)) return id;
  }
  return null;
}

