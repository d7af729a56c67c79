/**
 * `roster import` and `roster show` (SPEC §2): read the staff list, check it, keep it as a
 * dated version in the ledger (never overwriting history), and show how the policy places
 * each person for a month.
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import { hasErrors } from '../issues.js';
import type { Employee, Month, StaffMember } from '../model.js';
import { readRoster } from '../sheets/roster-sheet.js';
import { checkRoster, resolveManagerNames } from '../domain/roster-checks.js';
import { placeForMonth } from '../domain/classify.js';
import { evaluationMonthAt, instantText } from '../domain/clock.js';

export interface RosterImportResult {
  file: string;
  sha256: string | null;
  versionId: number | null;
  duplicate: boolean;
  effectiveMonth: Month;
  count: number;
  counts: { 创利: number; 职能: number; excluded: number };
  issues: Issue[];
}

/** The month a clerk is evaluating on a given day: the previous calendar month (Beijing time). */
/** The month evaluated now: the month before the current month in the policy's offset. */
export const currentEvaluationMonth = (now: Date | string, utcOffset: string): Month => evaluationMonthAt(now, utcOffset);

export async function runRosterImport(
  ctx: Context,
  file: string,
  opts: { month?: Month; now: Date },
): Promise<RosterImportResult> {
  const effectiveMonth = opts.month ?? currentEvaluationMonth(opts.now, ctx.policy.deadlines.utc_offset);
  const read = await readRoster(file);
  const where = { file: path.basename(file), sheet: read.sheet ?? undefined };
  const named = resolveManagerNames(read.employees, read.cellOf);
  const employees = named.employees;
  const issues: Issue[] = [...read.issues, ...named.issues.map((i) => ({ ...where, ...i }))];
  if (employees.length) issues.push(...followOnFree(checkRoster(employees, ctx.policy, read.cellOf), read.issues).map((i) => ({ ...where, ...i })));
  dedupeByCell(issues);
  const members = employees.map((e) => placeForMonth(e, effectiveMonth, ctx.policy));
  const counts = countCategories(members);
  const base = { file, sha256: read.sha256, effectiveMonth, count: employees.length, counts };
  if (hasErrors(issues) || !read.sha256) return { ...base, versionId: null, duplicate: false, issues };
  const v = ctx.ledger.addRosterVersion({
    importedAt: instantText(opts.now, ctx.policy.deadlines.utc_offset),
    sourceFile: path.basename(file),
    sha256: read.sha256,
    effectiveMonth,
    employees,
  });
  return { ...base, versionId: v.id, duplicate: v.duplicate, issues };
}

/**
 * Checks of the roster's meaning say nothing new about a cell the reader already rejected
 * (a formula without a value is not also "salary missing") or a row inside merged cells.
 */
function followOnFree(checks: Issue[], readIssues: Issue[]): Issue[] {
  const badCells = new Set(readIssues.filter((i) => i.severity === 'error' && i.cell && !i.cell.includes(':')).map((i) => i.cell!));
  const mergedRows = new Set<number>();
  for (const i of readIssues) {
    const m = i.cell && /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(i.cell);
    if (m) for (let r = Number(m[1]); r <= Number(m[2]); r++) mergedRows.add(r);
  }
  return checks.filter((c) => !(c.cell && badCells.has(c.cell)) && !mergedRows.has(Number(c.params?.row)));
}

/** The reader and the roster checks may both flag the same cell for the same reason: say it once. */
function dedupeByCell(issues: Issue[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < issues.length; i++) {
    const k = issues[i].cell ? `${issues[i].code}|${issues[i].sheet ?? ''}|${issues[i].cell}` : null;
    if (k && seen.has(k)) issues.splice(i--, 1);
    else if (k) seen.add(k);
  }
}

function countCategories(members: StaffMember[]) {
  const counts = { 创利: 0, 职能: 0, excluded: 0 };
  for (const m of members) {
    if (m.excluded) counts.excluded++;
    else if (m.category) counts[m.category]++;
  }
  return counts;
}

export interface StaffLine {
  id: string;
  name: string;
  department: string;
  position: string;
  category: string | null;
  eligible: boolean;
  /** Why not evaluated: the reason's message key (reason.probation …) and its values; the CLI words it. */
  excluded: StaffMember['excluded'];
  payBase: StaffMember['payBase'];
  managerId: string | null;
  managerName: string | null;
}

export interface RosterShowResult {
  month: Month;
  versionId: number | null;
  fallback: boolean;
  staff: StaffLine[];
  counts: { 创利: number; 职能: number; excluded: number };
  issues: Issue[];
}

/** The staff list in force for a month, placed by the policy. */
export function staffFor(ctx: Context, month: Month): { employees: Employee[]; members: StaffMember[]; versionId: number | null; fallback: boolean } {
  const r = ctx.ledger.rosterFor(month);
  if (!r) return { employees: [], members: [], versionId: null, fallback: false };
  return {
    employees: r.employees,
    members: r.employees.map((e) => placeForMonth(e, month, ctx.policy)),
    versionId: r.version.id,
    fallback: r.fallback,
  };
}

export function runRosterShow(ctx: Context, opts: { month?: Month; now: Date }): RosterShowResult {
  const month = opts.month ?? currentEvaluationMonth(opts.now, ctx.policy.deadlines.utc_offset);
  const s = staffFor(ctx, month);
  const issues: Issue[] = [];
  if (s.versionId === null) issues.push({ code: 'roster.none_imported', severity: 'error', params: { month } });
  const byId = new Map(s.employees.map((e) => [e.id, e]));
  const staff = s.members.map((m) => ({
    id: m.employee.id,
    name: m.employee.name,
    department: m.employee.department,
    position: m.employee.position,
    category: m.category,
    eligible: !m.excluded && m.category !== null,
    excluded: m.excluded,
    payBase: m.payBase,
    managerId: m.employee.managerId,
    managerName: m.employee.managerId ? (byId.get(m.employee.managerId)?.name ?? null) : null,
  }));
  return { month, versionId: s.versionId, fallback: s.fallback, staff, counts: countCategories(s.members), issues };
}
