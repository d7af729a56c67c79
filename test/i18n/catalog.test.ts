/**
 * The whole message catalog (every area), against the whole source tree:
 *  - every key in zh and en, with the same {placeholders};
 *  - every literal key given to t('…') / t(`…`) anywhere in src/ is in the catalog (both languages);
 *  - every code in the one list (src/issue-codes.ts) has issue.<code> and issue.<code>.hint in both;
 *  - keys built at run time (kind.*, col.*, close.category.*) and keys kept in tables
 *    (e.g. 'close.col.total', 'payroll.note.fined') exist;
 *  - every code the bad-file fixtures expect renders with a message and a hint.
 * Exceptions are listed by name below, each with why.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { catalogs, renderIssue, t } from '../../src/i18n/index.js';
import { packageRoot } from '../../src/app/paths.js';
import { CATEGORIES, FORM_KINDS } from '../../src/policy/schema.js';
import { LEDGER_CODES, messageKey } from '../../src/ledger/index.js';
import { ISSUE_CODES, isIssueCode } from '../../src/issue-codes.js';

const SRC = path.join(packageRoot, 'src');
const LANGS = ['zh', 'en'] as const;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out.sort();
}
const files = sourceFiles(SRC).map((f) => ({ rel: path.relative(packageRoot, f), text: fs.readFileSync(f, 'utf8') }));

const merged = { zh: {} as Record<string, string>, en: {} as Record<string, string> };
for (const c of Object.values(catalogs)) for (const l of LANGS) Object.assign(merged[l], c[l]);
const has = (key: string) => LANGS.every((l) => typeof merged[l][key] === 'string' && merged[l][key] !== '');

const placeholders = (s: string) => [...new Set([...s.matchAll(/\{([^{}\s]+)\}/g)].map((m) => m[1]))].sort();

/** Keys that two area catalogs both define on purpose (documented in src/i18n/roster.ts); the text must be identical. */
const SHARED_KEYS = new Set(['issue.roster.bad_salary', 'issue.roster.bad_salary.hint']);

/**
 * Dotted string literals in src/ that look like message keys but are not (checked by the
 * "table keys" test below): file names, a policy path, comments about exceljs / the reader.
 */
const NOT_KEYS = new Set([
  'policy.yaml', // the workspace's policy file name
  'goals.min_per_employee', // a policy path in a message parameter (src/policy/schema.ts)
  'targets.score_tolerance', // a policy path (src/policy/schema.ts)
  'cell.text', // exceljs property named in comments (src/sheets/cells.ts, open.ts)
  'employee.row', // a field named in a comment (src/domain/roster-checks.ts)
]);

describe('the message catalog', () => {
  it('has the areas and a few hundred keys', () => {
    expect(Object.keys(catalogs).sort()).toEqual(['analysis', 'cli', 'close', 'core', 'domain', 'forms', 'history', 'ledger', 'policy', 'reliability', 'report', 'roster', 'sheets', 'stores', 'targets', 'titles', 'usage']);
    expect(Object.keys(merged.zh).length).toBeGreaterThan(300);
  });

  it('every area has the same keys in zh and en, none empty', () => {
    for (const [name, c] of Object.entries(catalogs)) {
      const zh = Object.keys(c.zh).sort();
      const en = Object.keys(c.en).sort();
      expect(
        zh.filter((k) => !(k in c.en)),
        `${name}: in zh only`,
      ).toEqual([]);
      expect(
        en.filter((k) => !(k in c.zh)),
        `${name}: in en only`,
      ).toEqual([]);
      for (const l of LANGS) for (const [k, v] of Object.entries(c[l])) expect(v.trim(), `${name} ${l} ${k}`).not.toBe('');
    }
  });

  it('every key has the same {placeholders} in zh and en', () => {
    const bad: string[] = [];
    for (const [name, c] of Object.entries(catalogs))
      for (const k of Object.keys(c.zh)) {
        const zh = placeholders(c.zh[k]);
        const en = placeholders(c.en[k] ?? '');
        if (zh.join() !== en.join()) bad.push(`${name} ${k}: zh {${zh}} en {${en}}`);
      }
    expect(bad).toEqual([]);
  });

  it('no key is defined by two areas with different text (one would silently hide the other)', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, c] of Object.entries(catalogs))
      for (const k of Object.keys(c.zh)) {
        const first = owner.get(k);
        if (first === undefined) {
          owner.set(k, name);
          continue;
        }
        if (!SHARED_KEYS.has(k)) clashes.push(`${k}: ${first} and ${name}`);
        for (const l of LANGS) expect(catalogs[first][l][k], `${k} (${l}) in ${first} vs ${name}`).toBe(c[l][k]);
      }
    expect(clashes).toEqual([]);
  });

  it('renders: placeholders filled, a missing key shows itself instead of crashing', () => {
    expect(t('issue.option.month_format', { value: '2026-13' }, 'zh')).toContain('2026-13');
    expect(t('issue.option.month_format', { value: '2026-13' }, 'en')).toContain('2026-13');
    expect(t('no.such.key', {}, 'en')).toBe('no.such.key');
  });
});

describe('keys used in src/ exist in both languages', () => {
  /** t('key' …) and t(`key` …) with no ${…} in the key. */
  function literalKeys(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const add = (k: string, where: string) => out.set(k, [...(out.get(k) ?? []), where]);
    for (const f of files) {
      for (const m of f.text.matchAll(/\bt\(\s*(['"`])((?:(?!\1)[^$\\\n])+)\1/g)) add(m[2], f.rel);
      // t(cond ? 'a' : 'b', …)
      for (const m of f.text.matchAll(/\bt\(\s*[^,()'"`]*\?\s*(['"`])([^'"`$\n]+)\1\s*:\s*(['"`])([^'"`$\n]+)\3/g)) {
        add(m[2], f.rel);
        add(m[4], f.rel);
      }
    }
    return out;
  }

  it('every literal t() key', () => {
    const keys = literalKeys();
    expect(keys.size).toBeGreaterThan(80);
    for (const k of ['cli.examples', 'init.done', 'roster.import_done', 'roster.import_duplicate', 'paybase.salary', 'close.money']) expect(keys.has(k), k).toBe(true);
    const missing = [...keys].filter(([k]) => !has(k)).map(([k, where]) => `${k} (${[...new Set(where)].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('every code in ISSUE_CODES has issue.<code> and issue.<code>.hint, and every issue.* message is a listed code', () => {
    expect(ISSUE_CODES.length).toBeGreaterThan(100);
    expect(new Set(ISSUE_CODES).size, 'a code listed twice').toBe(ISSUE_CODES.length);
    const missing = ISSUE_CODES.flatMap((c) => [`issue.${c}`, `issue.${c}.hint`].filter((k) => !has(k)));
    expect(missing).toEqual([]);
    const unlisted = Object.keys(merged.zh)
      .filter((k) => k.startsWith('issue.') && !k.endsWith('.hint'))
      .map((k) => k.slice('issue.'.length))
      .filter((c) => !isIssueCode(c));
    expect(unlisted, 'messages for codes no Issue can carry: add them to src/issue-codes.ts or delete them').toEqual([]);
  });

  it('keys kept in tables and passed around as values (close.col.*, payroll.note.*, reason.*, issue codes held in variables)', () => {
    const namespaces = new Set(Object.keys(merged.zh).map((k) => k.split('.')[0]).filter((n) => n !== 'issue'));
    const issueNamespaces = new Set(Object.keys(merged.zh).filter((k) => k.startsWith('issue.')).map((k) => k.split('.')[1]));
    const missing: string[] = [];
    let seen = 0;
    for (const f of files) {
      if (f.rel.startsWith(path.join('src', 'i18n'))) continue;
      for (const m of f.text.matchAll(/(['"`])([a-z_]+(?:\.[A-Za-z_0-9%\u4e00-\u9fff]+)+)\1/g)) {
        const k = m[2];
        const ns = k.split('.')[0];
        if (!namespaces.has(ns) && !issueNamespaces.has(ns)) continue;
        if (NOT_KEYS.has(k)) continue;
        seen++;
        if (has(k)) continue;
        // Otherwise it is an Issue code: message and hint.
        if (!has(`issue.${k}`) || !has(`issue.${k}.hint`)) missing.push(`${k} (${f.rel})`);
      }
    }
    expect(seen).toBeGreaterThan(100);
    expect(missing).toEqual([]);
  });

  it('keys built at run time: kind.<form kind>, close.category.<category>, the roster table headers', () => {
    for (const k of FORM_KINDS) expect(has(`kind.${k}`), `kind.${k}`).toBe(true);
    for (const c of CATEGORIES) expect(has(`close.category.${c}`), `close.category.${c}`).toBe(true);
    // draw.ts: ['工号', …].map((h) => t(`col.${h}`))
    const draw = files.find((f) => f.rel === path.join('src', 'cli', 'draw.ts'))!.text;
    const heads = /\[([^\]]*)\]\.map\(\(h\) => t\(`col\.\$\{h\}`\)\)/.exec(draw);
    expect(heads, 'the col.${h} list in draw.ts').not.toBeNull();
    const names = [...heads![1].matchAll(/'([^']+)'/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThanOrEqual(8);
    for (const h of names) expect(has(`col.${h}`), `col.${h}`).toBe(true);
  });

  it('every ledger/workspace failure code has a message and a hint (what `failureText` prints)', () => {
    for (const code of LEDGER_CODES) {
      expect(has(messageKey(code)), messageKey(code)).toBe(true);
      expect(has(`${messageKey(code)}.hint`), `${messageKey(code)}.hint`).toBe(true);
    }
  });
});

describe('the codes the bad-file fixtures expect', () => {
  const codesOf = (dir: string): string[] => {
    const cases = JSON.parse(fs.readFileSync(path.join(packageRoot, 'fixtures', 'bad', dir, 'cases.json'), 'utf8')) as any[];
    return cases.flatMap((c) => (c.code ? [c.code] : []).concat((c.issues ?? []).map((i: string[]) => i[2])));
  };

  it('render with a real message and a hint in both languages', () => {
    const codes = new Set([...codesOf('files'), ...codesOf('forms'), ...codesOf('roster')]);
    expect(codes.size).toBeGreaterThan(30);
    for (const code of codes) {
      expect(isIssueCode(code), `${code} is in src/issue-codes.ts`).toBe(true);
      if (!isIssueCode(code)) continue;
      for (const lang of LANGS) {
        const r = renderIssue({ code, severity: 'error', file: 'x.xlsx', sheet: 'S', cell: 'A1' }, lang);
        expect(r.message, `${lang} ${code}`).not.toBe(`issue.${code}`);
        expect(r.hint, `${lang} ${code} hint`).not.toBe('');
      }
    }
  });
});
