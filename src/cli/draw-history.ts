/** Text drawing of the history commands (history import/show, letters, report, receipt, fine). */
import { t, getLang } from '../i18n/index.js';
import { colours, drawTable, formatIssues, table } from './render.js';
import type { ReportRunResult } from '../app/report.js';
import type { CloseRunResult } from '../app/close.js';
import type { CorrectionResult } from '../app/corrections.js';
import type { Consequence } from '../model.js';
import { periodDistributionTable, periodEmployeesTable, periodListsTables } from '../report/period-report.js';
import { translator } from '../report/month-report.js';
import type { HistoryImportResult, HistoryShowResult } from '../app/history.js';
import type { MonthSource } from '../ledger/index.js';
import type { LetterFile, LettersRunResult } from '../app/letters.js';

const lang = () => getLang();

export function sourceText(s: MonthSource, file?: string | null): string {
  return s.kind === 'closed' ? t('history.source.closed', { revision: s.revision }) : t('history.source.imported', { version: s.version, file: file ?? '' });
}

export function historyImport(r: HistoryImportResult, colour: boolean): string {
  const c = colours(colour);
  const out: string[] = [];
  if (r.ok) {
    out.push(
      c.green(
        r.duplicate
          ? t('history.duplicate', { file: r.file })
          : t('history.imported', { file: r.file, layout: t(`history.layout.${r.layout}`), months: r.months.length }),
      ),
    );
    for (const m of r.months)
      out.push(t('history.month_line', { ...m, gradeOnly: m.gradeOnly ? t('history.grade_only', { count: m.gradeOnly }) : '' }));
    if (r.laterClosed.length) out.push(t('history.later_closed', { months: r.laterClosed.join(t('close.list_sep')) }));
    out.push(...reopenLines({ cascade: r.cascade } as CloseRunResult));
  } else out.push(c.red(t('history.not_imported')));
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

export function historyShow(r: HistoryShowResult, colour: boolean): string {
  if (r.issues.length) return formatIssues(r.issues, lang(), colour);
  if (!r.months.length) return t('history.none');
  if (r.employeeId)
    return [
      t('history.employee_title', { id: r.employeeId, name: r.name ?? '' }),
      table(
        [t('history.col.month'), t('history.col.total'), t('history.col.grade'), t('history.col.status'), t('history.col.source')],
        r.lines.map((l) => [l.month, l.total ?? t('history.grade_only_total'), l.grade ?? '—', l.status, sourceText(l.source, r.months.find((m) => m.month === l.month)?.file)]),
      ),
    ].join('\n');
  return table(
    [t('history.col.month'), t('history.col.source'), t('history.col.graded')],
    r.months.map((m) => [m.month, sourceText(m.source, m.file), m.graded]),
  );
}

/** The letters and plans written (close and letters). */
export function letterLines(files: readonly LetterFile[]): string[] {
  if (!files.length) return [];
  return [t('letters.title', { count: files.length }), ...files.map((f) => `  ${t(`letters.status.${f.status}`)} ${f.file}`)];
}

export function letters(r: LettersRunResult, colour: boolean): string {
  const c = colours(colour);
  const out: string[] = [];
  if (r.ok) out.push(c.green(t('letters.done', { month: r.month, revision: r.revision ?? '' })));
  out.push(...letterLines(r.files));
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

export function report(r: ReportRunResult, colour: boolean): string {
  const c = colours(colour);
  const out: string[] = [];
  if (r.report) {
    const L = translator(lang());
    out.push(drawTable(periodEmployeesTable(r.report, L), colour));
    for (const tb of periodListsTables(r.report, L)) out.push(drawTable(tb, colour));
    out.push(drawTable(periodDistributionTable(r.report, L), colour));
  }
  if (r.file) out.push(c.green(t('report.written', { file: r.file })));
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

const ruleLine = (c: Consequence) => `${c.employeeId} ${c.name}${t('punct.colon')}${t(c.rule.key, c.rule.params)}`;

/** What a reopen changed: later months recomputed, letters withdrawn, 补发/扣回. */
export function reopenLines(r: CloseRunResult): string[] {
  const out: string[] = [];
  for (const w of r.withdrawn ?? []) out.push(t('reopen.withdrawn', { line: ruleLine(w) }));
  for (const c of r.cascade ?? []) {
    out.push(t('reopen.cascade_month', { month: c.month, revision: c.revision }));
    for (const a of c.added) out.push(`  + ${ruleLine(a)}`);
    for (const x of c.removed) out.push(`  − ${ruleLine(x)}`);
    for (const w of c.withdrawn) out.push(t('reopen.withdrawn', { line: ruleLine(w) }));
    out.push(...letterLines(c.letters));
  }
  if (r.adjustments) {
    out.push(t('reopen.adjustments', { count: r.adjustments.length, file: r.adjustmentsFile ?? '' }));
    for (const a of r.adjustments) out.push(`  ${a.employeeId} ${a.name}${t('punct.colon')}${a.payBefore} → ${a.payAfter}, ${t('close.col.fine')} ${a.fineBefore} → ${a.fineAfter}, ${a.difference}`);
  }
  return out;
}

export function correction(r: CorrectionResult, colour: boolean, kind: 'receipt' | 'waiver'): string {
  const c = colours(colour);
  if (!r.ok) return formatIssues(r.issues, lang(), colour);
  const out = [c.green(t(`correction.${kind}_recorded`, { form: r.formKey, scorer: r.scorer, before: r.before ?? '—', after: r.after ?? '', month: r.month }))];
  out.push(r.monthClosed ? t('appeal.reopen_hint', { month: r.month }) : t('appeal.applies_at_close', { month: r.month }));
  return out.join('\n');
}
