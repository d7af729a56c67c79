import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openWorkbook } from '../../src/sheets/open.js';

const CORPUS = '/work/shared/corpus/realworld';
const manifest = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t') as [string, string]);

const CODE: Record<string, string> = {
  'legacy-xls': 'file.legacy_xls',
  'encrypted-ooxml': 'file.encrypted',
  xlsb: 'file.xlsb',
  ods: 'file.ods',
  numbers: 'file.numbers',
};

describe('openWorkbook on every real-world file', () => {
  it.each(manifest)('%s (%s)', async (file, format) => {
    const r = await openWorkbook(join(CORPUS, file));
    if (format === 'xlsx') {
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.wb.workbook.worksheets.length).toBeGreaterThan(0);
    } else {
      expect(r.ok).toBe(false);
      expect(r.issues.map((i) => [i.code, i.severity, i.file])).toEqual([[CODE[format], 'error', file]]);
    }
  });
});
