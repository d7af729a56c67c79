/** Terminal drawing of `jixiao analyse` (scorer table, text to paste) and `jixiao slips` (files written, who has none). */
import { getLang, t } from '../i18n/index.js';
import type { AnalyseResult } from '../app/analyse.js';
import type { SlipsResult } from '../app/slips.js';
import path from 'node:path';
import { analysisTables } from '../report/analysis-report.js';
import { colours, drawTable, formatIssues } from './render.js';

/** The columns a terminal has room for (the sheet has them all). */
const TERMINAL_COLUMNS = ['scorer', 'section', 'people', 'mean', 'median', 'sd', 'high_share', 'low_share', 'basis', 'other_people', 'other_mean', 'difference', 'difference_sd', 'flag'];

export function analyse(r: AnalyseResult, colour: boolean): string {
  const c = colours(colour);
  const lang = getLang();
  if (!r.analysis) return formatIssues(r.issues, lang, colour);
  const tb = analysisTables(r.analysis, lang);
  const scorers = { ...tb.scorers, columns: tb.scorers.columns.filter((x) => TERMINAL_COLUMNS.includes(x.key)) };
  return [
    c.bold(t('analysis.terminal.revision', { month: r.month, revision: r.revision })),
    '',
    drawTable(scorers, colour),
    '',
    c.bold(tb.text.title!),
    ...tb.text.rows.map((row) => String(row.paragraph)),
  ].join('\n');
}

export function slips(r: SlipsResult, colour: boolean): string {
  const c = colours(colour);
  const lang = getLang();
  const out: string[] = [];
  if (r.ok) {
    out.push(c.green('✓ ' + t('slips.done', { month: r.month, slips: r.slips, departments: r.departments.length, dir: r.outDir })));
    for (const d of r.departments)
      out.push(t('slips.department_line', { department: d.department, people: d.people, files: [d.docx, d.pdf].filter(Boolean).map((f) => path.basename(f!)).join('  ') }));
    if (r.pdf !== 'none') out.push(t(`slips.pdf.${r.pdf}`));
  }
  if (r.incomplete.length) {
    out.push(t('slips.incomplete_head'));
    for (const e of r.incomplete) out.push(t('slips.incomplete_line', { employeeId: e.employeeId, name: e.name, sections: e.missing.map((m) => m.sectionName).join('、') }));
  }
  if (r.excluded.length) {
    out.push(t('slips.excluded_head'));
    for (const e of r.excluded) out.push(t('slips.excluded_line', e));
  }
  const shown = r.issues.filter((i) => i.code !== 'slips.incomplete' && i.code !== 'slips.no_office');
  if (shown.length) out.push(formatIssues(shown, lang, colour));
  return out.join('\n');
}
