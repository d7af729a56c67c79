/**
 * fixtures/bad/files and fixtures/bad/roster: each file gets the code (and cell) its
 * cases.json names, and the committed files are exactly what fixtures/make-bad-files.ts makes.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_CASES, ROSTER_CASES, buildBadFiles, buildBadRosters, fixturesDir } from '../../fixtures/make-bad-files.js';
import { openWorkbook } from '../../src/sheets/open.js';
import { readRoster } from '../../src/sheets/roster-sheet.js';
import { readCell } from '../../src/sheets/cells.js';
import { flat } from '../../src/issues.js';

const FILES = join(fixturesDir, 'bad', 'files');
const ROSTERS = join(fixturesDir, 'bad', 'roster');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('fixtures/bad/files', () => {
  it.each(FILE_CASES.map((c) => [c.file, c.code, c] as const))('%s → %s', async (_f, _c, c) => {
    const r = await openWorkbook(join(FILES, c.file));
    if (c.code === null) {
      expect(r.issues).toEqual([]);
      expect(r.ok).toBe(true);
    } else {
      expect(r.ok).toBe(false);
      expect(r.issues.map((i) => [i.code, i.severity, i.file])).toEqual([[c.code, 'error', c.file]]);
    }
  });

  it('cases.json lists every file, and the files are what the generator makes (byte for byte)', async () => {
    const cases = JSON.parse(readFileSync(join(FILES, 'cases.json'), 'utf8')) as { file: string }[];
    expect(cases).toEqual(FILE_CASES);
    const built = await buildBadFiles();
    const onDisk = readdirSync(FILES).filter((f) => f !== 'cases.json').sort();
    expect(onDisk).toEqual([...built.keys()].sort());
    expect(onDisk).toEqual(FILE_CASES.map((c) => c.file).sort());
    for (const [name, data] of built) expect(sha(readFileSync(join(FILES, name))), name).toBe(sha(data));
  });

  it('the formula without a saved result reads as formula-no-value', async () => {
    const r = await openWorkbook(join(FILES, 'formula-no-value.xlsx'));
    if (!r.ok) throw new Error('did not open');
    expect(readCell(r.wb.workbook.worksheets[0].getCell('C2'))).toEqual({ kind: 'formula-no-value', formula: 'A2+B2' });
  });

  it('prefixed XML and odd part names still give their cells', async () => {
    for (const f of ['prefixed-xml.xlsx', 'odd-paths.xlsx']) {
      const r = await openWorkbook(join(FILES, f));
      if (!r.ok) throw new Error(`${f} did not open`);
      const ws = r.wb.workbook.worksheets[0];
      expect(ws.name, f).toBe('花名册');
      expect(readCell(ws.getCell('B2')), f).toEqual({ kind: 'text', text: '王丽' });
      expect(readCell(ws.getCell('E2')), f).toEqual({ kind: 'date', date: '2020-01-06', text: '2020-01-06' });
    }
  });

  it('a merged area with an empty top-left cell: readCell and exceljs cell.text do not throw', async () => {
    const r = await openWorkbook(join(FILES, 'merged-empty-master.xlsx'));
    if (!r.ok) throw new Error('did not open');
    const ws = r.wb.workbook.worksheets[0];
    for (const a of ['C3', 'D3', 'E3']) {
      expect(readCell(ws.getCell(a))).toEqual({ kind: 'empty' });
      expect(ws.getCell(a).text).toBe('');
    }
    expect(readCell(ws.getCell('F3'))).toEqual({ kind: 'text', text: 'after' });
  });
});

describe('fixtures/bad/roster', () => {
  it.each(ROSTER_CASES.map((c) => [c.file, c] as const))('%s', async (_f, c) => {
    const r = await readRoster(join(ROSTERS, c.file));
    expect(flat(r.issues)).toEqual(c.issues);
    for (const i of r.issues) expect(i.file).toBe(c.file);
  });

  it('cases.json and the files are what the generator makes', async () => {
    expect(JSON.parse(readFileSync(join(ROSTERS, 'cases.json'), 'utf8'))).toEqual(ROSTER_CASES);
    const built = await buildBadRosters();
    expect(readdirSync(ROSTERS).filter((f) => f !== 'cases.json').sort()).toEqual([...built.keys()].sort());
    for (const [name, data] of built) expect(sha(readFileSync(join(ROSTERS, name))), name).toBe(sha(data));
  });
});
