/** Terminal drawing of `jixiao analyse`: the scorer table, the questions, the text to paste. */
import { getLang, t } from '../i18n/index.js';
import type { AnalyseResult } from '../app/analyse.js';
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
