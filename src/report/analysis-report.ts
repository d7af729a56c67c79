/**
 * 打分分析 in the one table model (src/report/table.ts): the sentences HR pastes into its
 * summary to the management (§5.1.6), the per-scorer table and the questions, drawn by the
 * terminal (`jixiao analyse`) and written as the summary workbook's 打分分析 sheet.
 * Flags read as questions to ask, never verdicts.
 */
import { t, type Lang } from '../i18n/index.js';
import type { AnalysisFlag, Comparison, ScorerAnalysis, ScorerSection } from '../domain/analysis.js';
import { dec } from '../domain/decimal.js';
import type { MonthResult } from '../model.js';
import type { ReportSheet, ReportTable, TableColumn, TableRow } from './table.js';

type Tr = (key: string, params?: Record<string, unknown>) => string;
const tr = (lang: Lang): Tr => (key, params = {}) => t(key, params, lang);

export interface AnalysisTables {
  /** The paragraphs for HR to paste, one per row. */
  text: ReportTable;
  scorers: ReportTable;
  flags: ReportTable;
}

const basisText = (L: Tr, c: Comparison, minPeople: number): string =>
  c.basis === 'none' ? L(`analysis.basis.none.${c.reason}`, { min: minPeople }) : L(`analysis.basis.${c.basis}`);

const trendText = (L: Tr, s: ScorerSection): string =>
  s.trend.map((x) => L('analysis.trend_entry', { month: x.month, mean: x.mean })).join(L('analysis.list_sep'));

const abs = (v: string): string => dec(v).abs().toFixed(2);

/** One sentence per flag, in the clerk's language. */
export function flagText(f: AnalysisFlag, lang: Lang): string {
  const L = tr(lang);
  const sep = L('analysis.list_sep');
  switch (f.kind) {
    case 'lenient':
    case 'severe':
      return L(`analysis.text.${f.kind}.${f.basis}`, {
        scorer: f.scorerName,
        section: f.sectionName,
        people: f.people,
        mean: f.mean,
        otherPeople: f.otherPeople,
        otherMean: f.otherMean,
        points: abs(f.difference),
        sds: f.differenceSd === null ? L('analysis.text.sds_none') : L('analysis.text.sds', { sd: abs(f.differenceSd) }),
        months: f.months.join(sep),
      });
    case 'same_score':
      return L('analysis.text.same_score', { scorer: f.scorerName, section: f.sectionName, people: f.people, score: f.score });
    case 'identical_weights':
      return L('analysis.text.identical_weights', { scorer: f.scorerName, section: f.sectionName, employees: f.employees, weights: f.weights.join('/') });
    case 'department_off':
      return L('analysis.text.department_off', {
        department: f.department,
        evaluated: f.evaluated,
        off: f.off,
        detail: f.rows.map((r) => L('analysis.text.department_grade', r)).join(sep),
      });
  }
}

const flagSubject = (f: AnalysisFlag): string =>
  f.kind === 'department_off' ? f.department : f.kind === 'identical_weights' ? `${f.scorerName}(${f.sectionName})` : `${f.scorerName}(${f.sectionName})`;

/** The paragraphs HR pastes: overview, one per flag, the trends of flagged scorers, what was not compared. */
export function analysisText(a: ScorerAnalysis, lang: Lang): string[] {
  const L = tr(lang);
  const scorerIds = new Set(a.scorers.map((s) => s.scorerId));
  const sections = new Set(a.scorers.map((s) => s.sectionId));
  const scores = a.scorers.reduce((n, s) => n + s.figures.people, 0);
  const out = [L('analysis.text.overview', { month: a.month, scorers: scorerIds.size, sections: sections.size, scores })];
  if (!a.flags.length) out.push(L('analysis.text.nothing'));
  a.flags.forEach((f, i) => out.push(`${i + 1}. ${flagText(f, lang)}`));
  const flagged = new Set(a.flags.flatMap((f) => ('sectionId' in f ? [`${f.scorerId}|${f.sectionId}`] : [])));
  for (const s of a.scorers)
    if (s.trend.length > 1 && flagged.has(`${s.scorerId}|${s.sectionId}`))
      out.push(L('analysis.text.trend', { scorer: s.scorerName, section: s.sectionName, count: s.trend.length, list: trendText(L, s), mean: s.trendMean }));
  const nothing = a.scorers.filter((s) => s.comparison.basis === 'none' && s.comparison.reason === 'no_others');
  if (nothing.length)
    out.push(
      L('analysis.text.no_comparison', {
        list: nothing
          .map((s) => L('analysis.text.no_comparison_entry', { scorer: s.scorerName, section: s.sectionName, people: s.figures.people }))
          .join(L('analysis.text.sep')),
      }),
    );
  const tooFew = a.scorers.filter((s) => s.comparison.basis === 'none' && s.comparison.reason === 'too_few').length;
  if (tooFew) out.push(L('analysis.text.too_few', { count: tooFew, min: a.settings.min_people }));
  return out;
}

export function analysisTables(a: ScorerAnalysis, lang: Lang): AnalysisTables {
  const L = tr(lang);
  const c = (key: string, kind: TableColumn['kind'], params: Record<string, unknown> = {}): TableColumn => ({ header: L(`analysis.col.${key}`, params), key, kind });
  const flagsOf = (s: ScorerSection) =>
    a.flags
      .filter((f) => 'sectionId' in f && f.kind !== 'identical_weights' && f.scorerId === s.scorerId && f.sectionId === s.sectionId)
      .map((f) => L(`analysis.kind.${f.kind}`))
      .join(L('analysis.list_sep'));
  const scorerColumns = [
    c('scorer_id', 'text'),
    c('scorer', 'text'),
    c('section', 'text'),
    c('people', 'int'),
    c('mean', 'score'),
    c('median', 'score'),
    c('sd', 'score'),
    c('min', 'score'),
    c('max', 'score'),
    c('high_share', 'percent', { high: a.settings.high_score }),
    c('low_share', 'percent', { low: a.settings.low_score }),
    c('basis', 'text'),
    c('other_people', 'int'),
    c('other_mean', 'score'),
    c('other_sd', 'score'),
    c('difference', 'score'),
    c('difference_sd', 'score'),
    c('trend', 'text', { months: a.settings.months }),
    c('flag', 'text'),
  ];
  const scorerRows: TableRow[] = a.scorers.map((s) => {
    const cmp = s.comparison;
    return {
      scorer_id: s.scorerId,
      scorer: s.scorerName,
      section: s.sectionName,
      people: s.figures.people,
      mean: s.figures.mean,
      median: s.figures.median,
      sd: s.figures.sd,
      min: s.figures.min,
      max: s.figures.max,
      high_share: s.figures.highShare,
      low_share: s.figures.lowShare,
      basis: basisText(L, cmp, a.settings.min_people),
      other_people: cmp.otherPeople,
      other_mean: cmp.basis === 'none' ? null : cmp.otherMean,
      other_sd: cmp.basis === 'none' ? null : cmp.otherSd,
      difference: cmp.basis === 'none' ? null : cmp.difference,
      difference_sd: cmp.basis === 'none' ? null : cmp.differenceSd,
      trend: s.trend.length > 1 ? trendText(L, s) : '',
      flag: flagsOf(s),
    };
  });
  const flagRows: TableRow[] = a.flags.map((f) => ({ kind: L(`analysis.kind.${f.kind}`), subject: flagSubject(f), text: flagText(f, lang) }));
  return {
    text: { title: L('analysis.title.text'), columns: [c('paragraph', 'text')], rows: analysisText(a, lang).map((paragraph) => ({ paragraph })) },
    scorers: { title: L('analysis.title.scorers'), columns: scorerColumns, rows: scorerRows, emptyText: L('analysis.none.scorers') },
    flags: { title: L('analysis.title.flags'), columns: [c('kind', 'text'), c('subject', 'text'), c('text', 'text')], rows: flagRows, emptyText: L('analysis.none.flags') },
  };
}

/** The 打分分析 sheet of 绩效汇总: the text to paste, then the scorer table and the questions. */
export function analysisSheet(result: MonthResult, lang: Lang): ReportSheet {
  const L = tr(lang);
  if (!result.analysis)
    return { name: '打分分析', tables: [{ columns: [{ header: L('analysis.col.paragraph'), key: 'paragraph', kind: 'text' }], rows: [], emptyText: L('analysis.not_available', { month: result.month }) }] };
  const tb = analysisTables(result.analysis, lang);
  return { name: '打分分析', tables: [tb.text, tb.scorers, tb.flags] };
}
