/** Terminal output of `jixiao check`. */
import type { CheckResult } from '../app/check.js';
import { getLang, t } from '../i18n/index.js';
import { colours, formatIssues } from './render.js';

export function drawCheck(r: CheckResult, colour: boolean): string {
  const c = colours(colour);
  const out = [t('check.checked', { archive: r.checked.archiveFiles, outputs: r.checked.outputFiles, revisions: r.checked.revisions })];
  if (r.issues.length) out.push(formatIssues(r.issues, getLang(), colour));
  out.push(r.ok ? c.green(t('check.consistent')) : c.red(t('check.inconsistent')));
  return out.join('\n');
}
