/**
 * `jixiao targets split 年度目标.xlsx --year 2026` (SPEC §9, 售后服务目标分解): read the year's
 * targets → check them against the KPI library and the staff list → split to months and
 * people → keep the split in the ledger as the year's next version → write
 * out/月度目标-YYYY.xlsx. The month's forms pre-fill 目标值 from the latest version.
 */
import path from 'node:path';
import type { Context } from './context.js';
import { hasErrors, issue, type Issue } from '../issues.js';
import type { Employee, TargetRow } from '../model.js';
import { readTargetsWorkbook } from '../sheets/targets-sheet.js';
import { checkTargets } from '../checks/targets.js';
import { splitPlan, targetText, type TargetPlan } from '../domain/targets.js';
import { Decimal } from '../domain/decimal.js';
import { buildTargetsWorkbook } from '../sheets/targets-workbook.js';
import { workbookBytes } from '../sheets/write.js';
import { publishOutputs } from './outputs.js';

export interface TargetsSplitResult {
  file: string;
  year: number;
  sha256: string | null;
  /** The ledger version of this split (null when nothing was stored because of errors). */
  version: number | null;
  /** True when the same file gave the same split as the year's latest version (nothing new stored). */
  duplicate: boolean;
  output: string | null;
  rows: TargetRow[];
  /** Per indicator and department: the year target and what the months and people add up to. */
  totals: { indicator: string; unit: string; kind: string; department: string; year: string; months: string; people: string | null }[];
  issues: Issue[];
}

/** Output file of a year's split. */
export const targetsOutputPath = (outRoot: string, year: number): string => path.join(outRoot, `月度目标-${year}.xlsx`);

export async function runTargetsSplit(
  ctx: Context,
  file: string,
  o: { year: number; now: Date; force?: boolean },
): Promise<TargetsSplitResult> {
  const result: TargetsSplitResult = { file, year: o.year, sha256: null, version: null, duplicate: false, output: null, rows: [], totals: [], issues: [] };
  const library = ctx.policy.targets?.indicators ?? [];
  if (!library.length) {
    result.issues.push(issue('targets.no_library', 'error', { file: path.basename(ctx.ws.policyPath) }));
    return result;
  }
  const staff = ctx.ledger.rosterFor(`${o.year}-12`);
  if (!staff) {
    result.issues.push(issue('roster.none_imported', 'error', { params: { month: `${o.year}-12` } }));
    return result;
  }
  const read = await readTargetsWorkbook(file);
  result.sha256 = read.sha256;
  result.issues.push(...read.issues);
  if (!read.sheets.annual) return result;
  const checked = checkTargets(read, library, staff.employees, ctx.policy);
  result.issues.push(...checked.issues);
  if (hasErrors(result.issues) || !read.sha256) return result;

  const rows = splitPlan(checked.plan);
  result.rows = rows;
  result.totals = totalsOf(rows, checked.plan);
  const stored = ctx.ledger.addTargetSplit({
    year: o.year,
    splitAt: o.now.toISOString(),
    sourceFile: path.basename(file),
    sha256: read.sha256,
    policyVersion: ctx.policy.policy_version,
    rows,
  });
  result.version = stored.split.version;
  result.duplicate = stored.duplicate;

  const people = new Map<string, Employee>(staff.employees.map((e) => [e.id, e]));
  const decimals = new Map(library.map((i) => [i.name, i.decimals]));
  const wb = buildTargetsWorkbook({
    year: o.year,
    version: stored.split.version,
    rows,
    people,
    decimals,
    generatedAt: stored.split.splitAt,
    sourceFile: path.basename(file),
  });
  // Published as the split's version (src/app/outputs.ts): a new version puts the earlier workbook
  // into out/第N版/; the same split again leaves the file as it is (rewritten if it was deleted).
  const w = await publishOutputs(ctx, {
    product: `targets/${o.year}`,
    revision: stored.split.version,
    files: [{ rel: path.basename(targetsOutputPath(ctx.ws.out, o.year)), content: await workbookBytes(wb) }],
    now: stored.split.splitAt,
    complete: true,
  });
  result.output = w.files[0] ?? null;
  result.issues.push(...w.issues);
  return result;
}

/** Year target vs. the sum of its months and of its people, per indicator and department (for the terminal and tests). */
function totalsOf(rows: readonly TargetRow[], plan: TargetPlan): TargetsSplitResult['totals'] {
  const out: TargetsSplitResult['totals'] = [];
  const keys = [...new Set(rows.map((r) => `${r.indicator}\u0000${r.department}`))];
  for (const key of keys) {
    const [indicator, department] = key.split('\u0000');
    const mine = rows.filter((r) => r.indicator === indicator && r.department === department);
    const dept = mine.filter((r) => r.employeeId === null);
    const people = mine.filter((r) => r.employeeId !== null);
    const first = mine[0];
    const planned = plan.targets.find((t) => t.indicator.name === indicator && t.department === department)!;
    if (first.kind === 'ratio') {
      out.push({ indicator, unit: first.unit, kind: first.kind, department, year: targetText(planned.target), months: first.target, people: people.length ? first.target : null });
      continue;
    }
    const places = planned.indicator.decimals;
    const add = (list: TargetRow[]) => list.reduce((s, r) => s.plus(r.target), new Decimal(0)).toFixed(places);
    out.push({
      indicator,
      unit: first.unit,
      kind: first.kind,
      department,
      year: planned.target.kind === 'value' ? planned.target.value.toFixed(places) : targetText(planned.target),
      months: add(dept),
      people: people.length ? add(people) : null,
    });
  }
  return out;
}
