/** Every Issue code the sheet readers emit has a message and a hint, in Chinese and English. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messages as sheets } from '../../src/i18n/sheets.js';
import { messages as roster } from '../../src/i18n/roster.js';
import { renderIssue } from '../../src/i18n/index.js';

const SRC = join(import.meta.dirname, '..', '..', 'src', 'sheets');
// headers are found in sheets/headers.ts and judged in checks/headers.ts
const OWN = ['open.ts', 'sniff.ts', 'cells.ts', 'headers.ts', '../checks/headers.ts', 'roster-sheet.ts'];

function codesUsed(): Set<string> {
  const out = new Set<string>();
  for (const f of OWN) {
    const src = readFileSync(join(SRC, f), 'utf8');
    for (const m of src.matchAll(/'((?:file|header|column|roster)\.[a-z_]+)'/g)) out.add(m[1]);
  }
  return out;
}

describe('catalogs of the sheets and roster areas', () => {
  const codes = codesUsed();
  it('finds the codes', () => {
    expect(codes.size).toBeGreaterThan(25);
    for (const c of ['file.zip_bomb', 'file.legacy_xls', 'column.missing', 'roster.bad_date']) expect(codes).toContain(c);
  });
  it('every code has a message and a hint in zh and en', () => {
    for (const code of codes) {
      const c = code.startsWith('roster.') ? roster : sheets;
      for (const lang of ['zh', 'en'] as const) {
        expect(c[lang][`issue.${code}`], `${lang} ${code}`).toBeTruthy();
        expect(c[lang][`issue.${code}.hint`], `${lang} ${code}.hint`).toBeTruthy();
      }
    }
  });
  it('zh and en have the same keys and the same placeholders; no key is unused', () => {
    const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort().join(',');
    for (const c of [sheets, roster]) {
      expect(Object.keys(c.en).sort()).toEqual(Object.keys(c.zh).sort());
      for (const k of Object.keys(c.zh)) {
        expect(ph(c.en[k]), k).toBe(ph(c.zh[k]));
        expect(codes.has(k.replace(/^issue\./, '').replace(/\.hint$/, '')), `${k} is used`).toBe(true);
      }
    }
  });
  it('renders with the parameters the readers give', () => {
    const r = renderIssue({ code: 'file.too_large', severity: 'error', file: 'a.xlsx', params: { sizeMb: 25.3, maxMb: 20 } }, 'zh');
    expect(r.message).toBe('文件太大(25.3 MB),超过了允许的 20 MB。');
    expect(r.hint).not.toBe('');
    const m = renderIssue({ code: 'column.missing', severity: 'error', params: { column: '得分', aliases: '' } }, 'en');
    expect(m.message).toBe('Column "得分" is missing.');
    const legacy = renderIssue({ code: 'file.legacy_xls', severity: 'error', file: 'a.xlsx' }, 'zh');
    expect(legacy.hint).toContain('Excel 工作簿(*.xlsx)');
    expect(legacy.message).toContain('WPS');
  });
});
