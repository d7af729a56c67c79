/**
 * `jixiao history import` and `jixiao history show` (issue 9 item 1): past months kept in
 * Excel become part of the ledger's history, so the chains (SPEC §6) see them.
 *
 * Import: nothing is stored unless the file is clean (warnings allowed). A month jixiao itself
 * closed is never overwritten (error naming the cells). Importing a month again stores a new
 * version (the old one is kept). When an import changes a month before a month already closed,
 * those later closed months are recomputed (the reopen cascade, src/app/cascade.ts).
 */
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import { hasErrors } from '../issues.js';
import type { GradeLetter, Month } from '../model.js';
import { readHistoryFile } from '../sheets/history-sheet.js';
import { checkHistory } from '../checks/history.js';
import type { MonthSource } from '../ledger/index.js';
import { planCascade, recordCascade, writeCascade, type CascadeDone } from './cascade.js';
import type { Lang } from '../i18n/index.js';

export interface HistoryImportResult {
  ok: boolean;
  file: string;
  sha256: string | null;
  layout: 'long' | 'wide' | null;
  importId: number | null;
  duplicate: boolean;
  months: { month: Month; graded: number; gradeOnly: number; version: number }[];
  /** Closed months after the imported ones whose consequences may change (recomputed by the cascade). */
  laterClosed: Month[];
  /** The later closed months whose consequences did change: a new revision each (reopen cascade). */
  cascade: CascadeDone[];
  issues: Issue[];
}

export async function runHistoryImport(ctx: Context, filePath: string, o: { year: number | null; now: string; lang: Lang }): Promise<HistoryImportResult> {
  const read = await readHistoryFile(filePath);
  const out: HistoryImportResult = {
    ok: false,
    file: read.file,
    sha256: read.sha256,
    layout: null,
    importId: null,
    duplicate: false,
    months: [],
    laterClosed: [],
    cascade: [],
    issues: [...read.issues],
  };
  if (!read.grid) return out;
  const checked = checkHistory(read.grid, { year: o.year, policy: ctx.policy });
  out.layout = checked.layout;
  out.issues.push(...checked.issues);

  // A month jixiao closed is the ledger's own result: an import never replaces it.
  for (const m of checked.months) {
    const closed = ctx.ledger.closedMonth(m);
    if (!closed) continue;
    const cells = checked.monthCells.get(m) ?? [];
    out.issues.push({
      code: 'history.month_closed',
      severity: 'error',
      file: read.file,
      sheet: read.grid.sheet,
      cell: cells.slice(0, 8).join(', ') + (cells.length > 8 ? ' …' : ''),
      found: m,
      params: { month: m, revision: closed.revision },
    });
  }
  if (hasErrors(out.issues)) return out;

  // The same bytes already the latest import of every month they bring: nothing new.
  const latest = checked.months.map((m) => ctx.ledger.latestImportOf(m));
  const imports = new Map(ctx.ledger.historyImports().map((h) => [h.id, h]));
  if (checked.months.length && latest.every((l) => l && imports.get(l.id)?.sha256 === read.sha256)) {
    out.duplicate = true;
    out.ok = true;
    out.importId = latest[0]!.id;
    out.months = summaryOf(checked.months, checked.grades, (m) => ctx.ledger.latestImportOf(m)?.version ?? 1);
    return out;
  }

  const first = checked.months[0];
  const stored = ctx.ledger.addHistoryImport({
    importedAt: o.now,
    sourceFile: read.file,
    sha256: read.sha256!,
    layout: checked.layout,
    months: checked.months,
    grades: checked.grades,
  });
  out.importId = stored.id;
  out.months = summaryOf(checked.months, checked.grades, (m) => ctx.ledger.latestImportOf(m)?.version ?? 1);
  out.laterClosed = first ? ctx.ledger.closedMonths().map((c) => c.month).filter((m) => m > first) : [];
  // Later closed months whose consequences change with the imported months: a new revision each, as a reopen would.
  if (first && out.laterClosed.length) {
    const steps = planCascade(ctx, first, null, o.now);
    ctx.ledger.transaction(() => recordCascade(ctx, first, steps, o.now));
    const w = await writeCascade(ctx, steps, o.lang, o.now);
    out.cascade = w.done;
    out.issues.push(...w.issues);
  }
  out.ok = true;
  return out;
}

function summaryOf(months: Month[], grades: { month: Month; total: string | null }[], version: (m: Month) => number) {
  return months.map((m) => {
    const of = grades.filter((g) => g.month === m);
    return { month: m, graded: of.length, gradeOnly: of.filter((g) => g.total === null).length, version: version(m) };
  });
}

export interface HistoryShowResult {
  employeeId: string | null;
  name: string | null;
  /** Per month: where its grades come from. */
  months: { month: Month; source: MonthSource; graded: number; file: string | null }[];
  /** With --employee: that employee's months. */
  lines: { month: Month; total: string | null; grade: GradeLetter | null; status: string; source: MonthSource }[];
  issues: Issue[];
}

export function runHistoryShow(ctx: Context, o: { employeeId: string | null }): HistoryShowResult {
  const imports = new Map(ctx.ledger.historyImports().map((h) => [h.id, h]));
  const out: HistoryShowResult = { employeeId: o.employeeId, name: null, months: [], lines: [], issues: [] };
  for (const m of ctx.ledger.historyMonths()) {
    const g = ctx.ledger.monthGrades(m)!;
    out.months.push({
      month: m,
      source: g.source,
      graded: g.lines.filter((l) => l.status === 'graded').length,
      file: g.source.kind === 'imported' ? (imports.get(g.source.importId)?.sourceFile ?? null) : null,
    });
    if (o.employeeId) {
      const line = g.lines.find((l) => l.employeeId === o.employeeId);
      if (line) {
        out.name = line.name;
        out.lines.push({ month: m, total: line.total, grade: line.grade, status: line.status, source: g.source });
      }
    }
  }
  if (o.employeeId && !out.lines.length)
    out.issues.push({ code: 'history.no_such_employee', severity: 'error', found: o.employeeId, params: { id: o.employeeId } });
  return out;
}
