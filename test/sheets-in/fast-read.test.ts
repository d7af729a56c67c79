/**
 * The lean reader (src/sheets/fast-read.ts) against the exceljs path (open.ts + grid.ts): every
 * .xlsx of fixtures/ and of the real-world corpus that exceljs reads is read both ways, and the
 * grids — sheet names, visibility, sizes, merged areas, every cell's typed value — and the
 * extracted forms must be identical. Where the lean reader declines, exceljs reads the file.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS, openWorkbookBytes, readZipParts } from '../../src/sheets/open.js';
import { workbookGrid, type WorkbookGrid } from '../../src/sheets/grid.js';
import { fastGrid } from '../../src/sheets/fast-read.js';
import { openGridBytes } from '../../src/sheets/open-grid.js';
import { sniffBytes } from '../../src/sheets/sniff.js';
import { extractForm } from '../../src/sheets/forms/extract.js';
import { defaultFormTemplate } from '../../src/policy/form-template.js';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = '/work/shared/corpus/realworld';

function xlsxUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...xlsxUnder(p));
    else if (/\.xlsx$/i.test(name)) out.push(p);
  }
  return out.sort();
}

/** The grid as its consumers see it: rows without a value are absent (row 1 is kept for its width). */
function normalised(g: WorkbookGrid) {
  return g.sheets.map((s) => ({
    name: s.name,
    visible: s.visible,
    rowCount: s.rowCount,
    columnCount: s.columnCount,
    merges: [...s.merges].sort((a, b) => a.top - b.top || a.left - b.left),
    row1Width: s.rows.get(1)?.cellCount ?? 0,
    rows: [...s.rows.entries()].filter(([, r]) => r.cells.length > 0).sort((a, b) => a[0] - b[0]).map(([n, r]) => [n, r.cells]),
  }));
}

const files = [...xlsxUnder(path.join(ROOT, 'fixtures')), ...xlsxUnder(CORPUS)];
const limits = { ...DEFAULT_LIMITS, maxCells: 1_000_000, maxSheetBytes: 64 * 1024 * 1024 };

describe('lean reader = exceljs reader', () => {
  it('finds the workbooks to compare', () => {
    expect(files.length).toBeGreaterThan(60);
  });

  const fallbacks: string[] = [];
  let compared = 0;
  for (const file of files) {
    it(path.relative(ROOT, file), async () => {
      const bytes = readFileSync(file);
      const slow = await openWorkbookBytes(bytes, path.basename(file));
      if (sniffBytes(bytes) !== 'xlsx') return;
      const parts = await readZipParts(bytes, DEFAULT_LIMITS);
      if (!parts.ok) return;
      const fast = fastGrid(parts.entries, limits);
      if (!fast.ok) {
        fallbacks.push(`${path.relative(ROOT, file)}: ${fast.fallback}`);
        return;
      }
      // The lean reader accepts only what exceljs reads too, and reads it the same.
      expect(slow.ok, `exceljs refused ${file}: ${JSON.stringify(slow.issues)}`).toBe(true);
      if (!slow.ok) return;
      const grid = workbookGrid(slow.wb.workbook);
      expect(normalised(fast.grid)).toEqual(normalised(grid));
      const t = defaultFormTemplate();
      expect(extractForm(fast.grid, t)).toEqual(extractForm(grid, t));
      compared++;
    });
  }

  it('reads every form jixiao writes, and most real-world files, without exceljs', () => {
    if (process.env.SHOW_FALLBACKS) console.log(compared, fallbacks);
    // The demo month's filled forms (written by jixiao, filled as scorers do) never need exceljs.
    expect(fallbacks.filter((f) => f.startsWith('fixtures/demo/'))).toEqual([]);
    expect(compared).toBeGreaterThan(files.length / 2);
  });
});

describe('openGridBytes', () => {
  it('hashes the bytes it was given and reads a demo form with the lean reader', async () => {
    const file = xlsxUnder(path.join(ROOT, 'fixtures', 'demo'))[0];
    const bytes = readFileSync(file);
    const r = await openGridBytes(bytes, path.basename(file));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.wb.reader).toBe('fast');
    expect(r.wb.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.wb.bytes).toBe(bytes);
  });

  it('falls back to exceljs, with its issue, for a file that is not a workbook', async () => {
    const r = await openGridBytes(Buffer.from('id,name\n1,a\n'), 'x.xlsx');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0].code).toBe('file.csv');
  });

  it('refuses a DOCTYPE in the lean reader (exceljs decides)', async () => {
    const file = xlsxUnder(path.join(ROOT, 'fixtures', 'demo'))[0];
    const parts = await readZipParts(readFileSync(file), DEFAULT_LIMITS);
    if (!parts.ok) throw new Error('demo form unreadable');
    const sheet = [...parts.entries.keys()].find((k) => /worksheets\/sheet1\.xml$/.test(k))!;
    const xml = parts.entries.get(sheet)!.toString('utf8').replace(/^(<\?xml[^>]*\?>)?/, '$1<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>');
    parts.entries.set(sheet, Buffer.from(xml));
    const fast = fastGrid(parts.entries, limits);
    expect(fast.ok).toBe(false);
    if (!fast.ok) expect(fast.fallback).toBe('doctype');
  });
});

describe('a formula whose saved result is 0, FALSE or the empty text', () => {
  it('reads as that value on both paths, and one giving "" as an empty cell (not as "no saved value", which saving again never fixes)', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 5;
    ws.getCell('B1').value = { formula: 'A1-A1', result: 0 } as never;
    ws.getCell('C1').value = { formula: '1=2', result: false } as never;
    ws.getCell('D1').value = { formula: 'A1*2', result: 10 } as never;
    ws.getCell('E1').value = { formula: 'A1*3' } as never; // never calculated: no saved value
    ws.getCell('F1').value = { formula: 'A1*4', result: 20 } as never;
    ws.getCell('A2').value = { formula: 'A1*5', result: 25 } as never;
    const written = Buffer.from(await wb.xlsx.writeBuffer());
    // F1 and A2 become what Excel and LibreOffice save for =IF(…,"",…): t="str" and an empty <v>.
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(written);
    const sheetPath = Object.keys(zip.files).find((k) => /worksheets\/sheet1\.xml$/.test(k))!;
    const xml = await zip.file(sheetPath)!.async('string');
    const emptied = xml
      .replace(/<c r="F1"([^>]*)><f>A1\*4<\/f><v>20<\/v><\/c>/, '<c r="F1"$1 t="str"><f>IF(A1&gt;0,"","x")</f><v></v></c>')
      .replace(/<c r="A2"([^>]*)><f>A1\*5<\/f><v>25<\/v><\/c>/, '<c r="A2"$1 t="str"><f>IF(A1&gt;0,"","x")</f><v/></c>');
    expect(emptied.match(/t="str"/g)).toHaveLength(2);
    zip.file(sheetPath, emptied);
    const bytes = Buffer.from(await zip.generateAsync({ type: 'nodebuffer' }));
    const parts = await readZipParts(bytes, DEFAULT_LIMITS);
    if (!parts.ok) throw new Error('unreadable');
    const fast = fastGrid(parts.entries, limits);
    if (!fast.ok) throw new Error(fast.fallback);
    const slow = await openWorkbookBytes(bytes, 'f.xlsx');
    if (!slow.ok) throw new Error('exceljs refused');
    for (const grid of [fast.grid, workbookGrid(slow.wb.workbook)]) {
      const cells = grid.sheets[0].rows.get(1)!.cells.map((c) => [c.col, c.value.kind, 'text' in c.value ? c.value.text : null]);
      expect(cells).toEqual([
        [1, 'number', '5'],
        [2, 'number', '0'],
        [3, 'bool', 'FALSE'],
        [4, 'number', '10'],
        [5, 'formula-no-value', null],
      ]);
      // The formula giving "" is an empty cell, not "no saved value"; its row holds nothing else.
      expect(grid.sheets[0].rows.get(2)?.cells ?? []).toEqual([]);
    }
  });
});
