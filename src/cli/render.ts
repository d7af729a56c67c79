/** Terminal drawing: problems grouped by file, tables with CJK alignment. No logic here. */
import chalk, { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Issue } from '../issues.js';
import { renderIssue, t, type Lang } from '../i18n/index.js';
import { cellValue, type CellInput, type CellScalar, type ColumnKind, type Highlight, type ReportTable } from '../report/table.js';
import { wallClockText } from '../domain/clock.js';

export function colours(enabled: boolean) {
  return enabled ? chalk : new Chalk({ level: 0 });
}

/** The issue with every text value it puts into its message made printable (see `printable`). */
function withPrintableValues(i: Issue): Issue {
  const params = i.params && Object.fromEntries(Object.entries(i.params).map(([k, v]) => [k, typeof v === 'string' ? printable(v) : v]));
  const text = (v: string | undefined) => (v === undefined ? v : printable(v));
  return { ...i, file: text(i.file), found: text(i.found), expected: text(i.expected), ...(params ? { params } : {}) };
}

/** Every problem, grouped by file, each with where/found/expected/how to fix. */
export function formatIssues(issues: readonly Issue[], lang: Lang, colour = false): string {
  const c = colours(colour);
  if (issues.length === 0) return c.green('✓ ' + t('summary.no_problems', {}, lang));
  const byFile = new Map<string, Issue[]>();
  for (const i of issues) {
    const k = i.file ?? '';
    byFile.set(k, [...(byFile.get(k) ?? []), i]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    if (file) lines.push(c.bold(printable(file)));
    for (const i of list) {
      const r = renderIssue(withPrintableValues(i), lang);
      const sev = i.severity === 'error' ? c.red(t('severity.error', {}, lang)) : c.yellow(t('severity.warning', {}, lang));
      const where = [i.sheet ? t('where.sheet', { sheet: i.sheet }, lang) : '', i.cell ? t('where.cell', { cell: i.cell }, lang) : '']
        .filter(Boolean)
        .join(t('where.sep', {}, lang));
      lines.push(`  ${sev} [${i.code}]${where ? ' ' + where : ''}: ${r.message}`);
      if (i.found !== undefined && i.found !== '') lines.push(`      ${t('label.found', {}, lang)}: ${printable(i.found)}`);
      if (i.expected !== undefined && i.expected !== '') lines.push(`      ${t('label.expected', {}, lang)}: ${printable(i.expected)}`);
      if (r.hint) lines.push(`      ${t('label.fix', {}, lang)}: ${r.hint}`);
    }
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  lines.push(t('summary.problems', { errors, warnings: issues.length - errors }, lang));
  return lines.join('\n');
}

/**
 * A name as typed or found (a file name, an option) made safe for one terminal line:
 * control characters — a newline in a file name — are shown escaped (\n, \t, \u001b),
 * so they cannot break or recolour the output.
 */
export function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

export function table(head: string[], rows: (string | number)[][]): string {
  const tb = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const r of rows) tb.push(r.map((v) => String(v)));
  return tb.toString();
}

/** How a report cell reads on the terminal: percents with %, instants as wall-clock text. */
function cellText(v: CellScalar, kind: ColumnKind): string {
  if (v === null || v === undefined) return '';
  if (kind === 'percent' && v !== '') return `${v}%`;
  if (kind === 'date' && typeof v === 'string' && /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(v)) return wallClockText(v);
  return String(v);
}

/**
 * A report table (src/report/table.ts) drawn for the terminal: caption, header, rows,
 * totals and note — the same table the workbook holds. Highlighted cells are coloured.
 */
export function drawTable(tb: ReportTable, colour = false): string {
  const c = colours(colour);
  const paint: Record<Highlight, (s: string) => string> = { bad: c.red, warn: c.yellow, missing: c.yellow, changed: c.cyan };
  const cell = (input: CellInput, kind: ColumnKind): string => {
    const text = cellText(cellValue(input), kind);
    const mark = input !== null && typeof input === 'object' ? input.highlight : undefined;
    return mark ? paint[mark](text) : text;
  };
  const out: string[] = [];
  if (tb.title) out.push(c.bold(tb.title));
  if (!tb.rows.length && tb.emptyText !== undefined) out.push(tb.emptyText);
  else {
    const rows = tb.rows.map((r) => tb.columns.map((col) => cell(r[col.key], col.kind)));
    if (tb.totals) {
      const totals = tb.totals;
      rows.push(tb.columns.map((col, i) => (i === 0 ? totals.label : cell(totals.values[col.key], col.kind))));
    }
    out.push(table(tb.columns.map((col) => col.header), rows));
  }
  if (tb.note) out.push(tb.note);
  return out.join('\n');
}

/** The problems that stopped a command: each message, then each distinct fix hint once. */
export function stopText(issues: readonly Issue[], lang: Lang): string {
  const rendered = issues.map((i) => renderIssue(i, lang));
  const hints = [...new Set(rendered.map((r) => r.hint).filter(Boolean))];
  return [...rendered.map((r, n) => (n === 0 ? r.message : `  ${r.message}`)), ...hints].join('\n');
}
