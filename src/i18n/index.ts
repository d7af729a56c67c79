/**
 * Every user-facing message comes from a catalog, in Chinese (default) and English.
 * Catalogs are split by area (one file each) so each part of the code owns its own text;
 * a test checks that every key exists in both languages.
 */
import type { Issue } from '../issues.js';
import { messages as core } from './core.js';
import { messages as policy } from './policy.js';
import { messages as roster } from './roster.js';
import { messages as sheets } from './sheets.js';
import { messages as forms } from './forms.js';
import { messages as ledger } from './ledger.js';
import { messages as close } from './close.js';
import { messages as domain } from './domain.js';
import { messages as cli } from './cli.js';
import { messages as stores } from './stores.js';
import { messages as analysis } from './analysis.js';
import { messages as targets } from './targets.js';
import { messages as report } from './report.js';
import { messages as titles } from './titles.js';
import { messages as usage } from './usage.js';
import { messages as history } from './history.js';
import { messages as reliability } from './reliability.js';

export type Lang = 'zh' | 'en';
export interface Catalog {
  zh: Record<string, string>;
  en: Record<string, string>;
}

export const catalogs: Record<string, Catalog> = { core, policy, roster, sheets, forms, ledger, close, domain, cli, stores, analysis, targets, report, titles, usage, history, reliability };

const merged: Record<Lang, Record<string, string>> = { zh: {}, en: {} };
for (const c of Object.values(catalogs)) {
  Object.assign(merged.zh, c.zh);
  Object.assign(merged.en, c.en);
}

let current: Lang = pickLang(process.env.JIXIAO_LANG);

export function pickLang(v: string | undefined | null): Lang {
  return v && /^en/i.test(v) ? 'en' : 'zh';
}
export function setLang(l: Lang): void {
  current = l;
}
export function getLang(): Lang {
  return current;
}
export function hasMessage(key: string): boolean {
  return key in merged.zh;
}

/**
 * Translate `key`, filling `{name}` placeholders. A missing key shows itself, never crashes.
 * A text the clerk wrote in the policy may come with its English under `<name>@en`
 * (e.g. `reason@en` from `excluded_en`): English messages use it when it is there.
 */
export function t(key: string, params: Record<string, unknown> = {}, lang: Lang = current): string {
  const template = merged[lang][key] ?? merged.zh[key] ?? key;
  return template.replace(/\{([^{}\s]+)\}/g, (m, name: string) => {
    const english = lang === 'en' ? params[`${name}@en`] : undefined;
    const v = english === undefined || english === null ? params[name] : english;
    return v === undefined || v === null ? m : String(v);
  });
}

export interface RenderedIssue extends Issue {
  message: string;
  hint: string;
}

/** An Issue with its message and fix hint in the given language. */
export function renderIssue(i: Issue, lang: Lang = current): RenderedIssue {
  // The issue's own where/found/expected win over params of the same name, but never blank them
  // out (a ledger failure carries `found` as a plain parameter).
  const own = Object.fromEntries((['found', 'expected', 'cell', 'sheet'] as const).filter((k) => i[k] !== undefined).map((k) => [k, i[k]!]));
  const params = { found: '', expected: '', cell: '', sheet: '', ...i.params, ...own };
  const hintKey = `issue.${i.code}.hint`;
  return {
    ...i,
    message: t(`issue.${i.code}`, params, lang),
    hint: merged[lang][hintKey] ?? merged.zh[hintKey] ? t(hintKey, params, lang) : '',
  };
}

/** "文件 a.xlsx,工作表 目标与KPI,单元格 H7" — where a problem is, in words. */
export function describeWhere(i: Issue, lang: Lang = current): string {
  const parts: string[] = [];
  if (i.file) parts.push(t('where.file', { file: i.file }, lang));
  if (i.sheet) parts.push(t('where.sheet', { sheet: i.sheet }, lang));
  if (i.cell) parts.push(t('where.cell', { cell: i.cell }, lang));
  return parts.join(t('where.sep', {}, lang));
}
