/** Terminal drawing: problems grouped by file, tables with CJK alignment, bars. No logic here. */
import chalk, { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { Issue } from '../issues.js';
import { renderIssue, t, type Lang } from '../i18n/index.js';

export function colours(enabled: boolean) {
  return enabled ? chalk : new Chalk({ level: 0 });
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
    if (file) lines.push(c.bold(file));
    for (const i of list) {
      const r = renderIssue(i, lang);
      const sev = i.severity === 'error' ? c.red(t('severity.error', {}, lang)) : c.yellow(t('severity.warning', {}, lang));
      const where = [i.sheet ? t('where.sheet', { sheet: i.sheet }, lang) : '', i.cell ? t('where.cell', { cell: i.cell }, lang) : '']
        .filter(Boolean)
        .join(t('where.sep', {}, lang));
      lines.push(`  ${sev} [${i.code}]${where ? ' ' + where : ''}: ${r.message}`);
      if (i.found !== undefined && i.found !== '') lines.push(`      ${t('label.found', {}, lang)}: ${i.found}`);
      if (i.expected !== undefined && i.expected !== '') lines.push(`      ${t('label.expected', {}, lang)}: ${i.expected}`);
      if (r.hint) lines.push(`      ${t('label.fix', {}, lang)}: ${r.hint}`);
    }
  }
  const errors = issues.filter((i) => i.severity === 'error').length;
  lines.push(t('summary.problems', { errors, warnings: issues.length - errors }, lang));
  return lines.join('\n');
}

export function table(head: string[], rows: (string | number)[][]): string {
  const tb = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const r of rows) tb.push(r.map((v) => String(v)));
  return tb.toString();
}

/** A horizontal bar of `value` out of `max`, `width` characters wide. */
export function bar(value: number, max: number, width = 30): string {
  if (max <= 0) return '';
  const n = Math.round((value / max) * width);
  return '█'.repeat(n);
}
