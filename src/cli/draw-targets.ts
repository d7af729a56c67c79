/** Text drawing of `targets split`. Pure function of the result value. */
import { getLang, t } from '../i18n/index.js';
import { colours, formatIssues, table } from './render.js';
import type { TargetsSplitResult } from '../app/targets.js';

export function targetsSplit(r: TargetsSplitResult, colour: boolean): string {
  const c = colours(colour);
  const out: string[] = [];
  if (r.issues.length) out.push(formatIssues(r.issues, getLang(), colour));
  if (r.version === null) {
    out.push(c.red(t('targets.split_failed')));
    return out.join('\n');
  }
  const en = getLang() === 'en';
  out.push(
    table(
      en ? ['Indicator', 'Unit', 'Department', 'Year', 'Σ months', 'Σ people'] : ['指标', '单位', '部门', '全年目标', '各月合计', '个人合计'],
      r.totals.map((x) => [x.indicator, x.unit, x.department, x.year, x.months, x.people ?? '—']),
    ),
  );
  out.push(
    c.green(
      t('targets.split_done', {
        year: r.year,
        indicators: new Set(r.totals.map((x) => x.indicator)).size,
        departments: new Set(r.totals.map((x) => x.department)).size,
        version: r.version,
      }),
    ),
  );
  if (r.duplicate) out.push(t('targets.split_same', { version: r.version }));
  if (r.output) out.push(t('targets.output', { file: r.output }));
  out.push(t('targets.used_by_forms'));
  return out.join('\n');
}
