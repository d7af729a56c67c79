import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkbook, openWorkbookBytes, DEFAULT_LIMITS, cleanSheet, addBuiltinDateFormats, stripMainPrefix } from '../../src/sheets/open.js';
import { readCell } from '../../src/sheets/cells.js';
import { fixturesDir, zip } from '../../fixtures/make-bad-files.js';

const FILES = join(fixturesDir, 'bad', 'files');
const ROSTER = join(fixturesDir, 'bad', 'roster', 'messy-but-valid.xlsx');
const codes = (r: { issues: { code: string }[] }) => r.issues.map((i) => i.code);

describe('openWorkbook: limits and odd paths', () => {
  it('default limits', () => {
    expect(DEFAULT_LIMITS).toEqual({ maxFileBytes: 20 * 1024 * 1024, maxUncompressedBytes: 200 * 1024 * 1024, maxRatio: 100, maxEntries: 2000, maxRows: 100_000, maxCells: 1_000_000, maxSheetBytes: 64 * 1024 * 1024 });
  });
  it('file.not_found, with the display name', async () => {
    const r = await openWorkbook('/nonexistent/x.xlsx', { displayName: '张三-评分表.xlsx' });
    expect(r).toEqual({ ok: false, sha256: null, issues: [{ code: 'file.not_found', severity: 'error', file: '张三-评分表.xlsx' }] });
  });
  it('a folder is not a spreadsheet; a Numbers package folder is a Numbers file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-open-'));
    expect(codes(await openWorkbook(dir))).toEqual(['file.not_spreadsheet']);
    mkdirSync(join(dir, 'x.numbers', 'Index'), { recursive: true });
    expect(codes(await openWorkbook(join(dir, 'x.numbers')))).toEqual(['file.numbers']);
  });
  it('file.too_large before reading', async () => {
    const r = await openWorkbook(ROSTER, { limits: { maxFileBytes: 1000 } });
    expect(r.ok).toBe(false);
    expect(r.issues[0]).toMatchObject({ code: 'file.too_large', file: 'messy-but-valid.xlsx', params: { maxMb: 0 } });
  });
  it('file.too_many_rows', async () => {
    const r = await openWorkbook(ROSTER, { limits: { maxRows: 3 } });
    expect(r.issues[0]).toMatchObject({ code: 'file.too_many_rows', params: { max: 3 } });
  });
  it('file.zip_bomb: too many entries, too large once inflated, too high a ratio', async () => {
    expect((await openWorkbook(ROSTER, { limits: { maxEntries: 5 } })).issues[0]).toMatchObject({ code: 'file.zip_bomb', params: { reason: 'entries' } });
    expect((await openWorkbook(ROSTER, { limits: { maxUncompressedBytes: 10_000 } })).issues[0]).toMatchObject({ code: 'file.zip_bomb', params: { reason: 'size' } });
    expect((await openWorkbook(join(FILES, 'zip-bomb.xlsx'))).issues[0]).toMatchObject({ code: 'file.zip_bomb', params: { reason: 'ratio' } });
  });
  it('a zip that lies about its sizes is caught while inflating', async () => {
    const good = readFileSync(ROSTER);
    // Make every central-directory entry claim 1 byte uncompressed: the real size is found while reading.
    const lying = Buffer.from(good);
    for (let p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); p >= 0; p = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), p + 4))
      lying.writeUInt32LE(1, p + 24);
    const r = await openWorkbookBytes(lying, 'lying.xlsx');
    expect(r.ok).toBe(false);
    expect(['file.corrupt', 'file.zip_bomb']).toContain(r.issues[0].code);
  });
  it('sha256 and size of the bytes as received', async () => {
    const bytes = readFileSync(ROSTER);
    const r = await openWorkbookBytes(bytes, 'r.xlsx');
    if (!r.ok) throw new Error('did not open');
    expect(r.wb.size).toBe(bytes.length);
    expect(r.wb.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.wb.file).toBe('r.xlsx');
  });
  it('never throws on damaged bytes (random corruption of a valid workbook)', async () => {
    const good = readFileSync(ROSTER);
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let k = 0; k < 60; k++) {
      const bad = Buffer.from(good);
      const n = 1 + Math.floor(rnd() * 20);
      for (let i = 0; i < n; i++) bad[Math.floor(rnd() * bad.length)] = Math.floor(rnd() * 256);
      const r = await openWorkbookBytes(k % 3 === 0 ? bad.subarray(0, Math.floor(rnd() * bad.length)) : bad, `bad-${k}.xlsx`);
      for (const i of r.issues) expect(i.severity).toBe('error');
      if (!r.ok) expect(r.issues.length).toBe(1);
    }
  });
});

describe('whole-column ranges (the exceljs 4.4.0 hang)', () => {
  it('exceljs alone expands a whole-column validation into a million cells (the root cause)', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.getCell('A1').value = 1;
    const plain = Buffer.from(await wb.xlsx.writeBuffer());
    const { default: JSZip } = await import('jszip');
    const z = await JSZip.loadAsync(plain);
    const x = (await z.file('xl/worksheets/sheet1.xml')!.async('string')).replace(
      '</sheetData>',
      '</sheetData><dataValidations count="1"><dataValidation type="whole" sqref="C1:C1048576"><formula1>0</formula1><formula2>130</formula2></dataValidation></dataValidations>',
    );
    z.file('xl/worksheets/sheet1.xml', x);
    const withDv = await z.generateAsync({ type: 'nodebuffer' });
    const raw = new ExcelJS.Workbook();
    await raw.xlsx.load(withDv as unknown as ExcelJS.Buffer);
    const model = (raw.worksheets[0] as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
    expect(Object.keys(model).length).toBe(1048576);
    // Through openWorkbook the validations are not loaded at all.
    const r = await openWorkbookBytes(withDv, 'dv.xlsx');
    expect(r.ok).toBe(true);
    if (r.ok) expect(Object.keys((r.wb.workbook.worksheets[0] as unknown as { dataValidations: { model: object } }).dataValidations.model).length).toBe(0);
  });
  it('the fixture with 13 whole-column validations, a whole-sheet conditional format, a whole-column merge and defined names opens at once', async () => {
    const t = Date.now();
    const r = await openWorkbook(join(FILES, 'whole-column-validation.xlsx'));
    expect(Date.now() - t).toBeLessThan(3000);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const ws = r.wb.workbook.getWorksheet('花名册')!;
    expect(ws.rowCount).toBe(2);
    expect(readCell(ws.getCell('B2'))).toEqual({ kind: 'text', text: '王丽' });
  });
});

describe('package cleaning helpers', () => {
  it('cleanSheet drops value-less cells and rows and cuts huge merges to the data', () => {
    const x =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="3"/></row><row r="2" s="1" customFormat="1"/>' +
      '<row r="3"><c r="C3"><v>5</v></c></row><row r="4" ht="20"><c r="A4" s="2"/></row></sheetData>' +
      '<mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="D1:D1048576"/></mergeCells></worksheet>';
    const out = cleanSheet(x);
    expect(out).toContain('<row r="1"><c r="A1" t="s"><v>0</v></c></row>');
    expect(out).not.toContain('r="2"');
    expect(out).not.toContain('r="4"');
    expect(out).toContain('<mergeCell ref="A1:B1"/>');
    expect(out).toContain('<mergeCell ref="D1:D3"/>');
  });
  it('cleanSheet leaves rows alone when some have no address (removing one would shift the rest)', () => {
    const x = '<worksheet><sheetData><row><c><v>1</v></c></row><row/><row><c><v>2</v></c></row></sheetData></worksheet>';
    expect(cleanSheet(x)).toBe(x);
  });
  it('stripMainPrefix', () => {
    const x = '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"/></x:sheetData></x:worksheet>';
    expect(stripMainPrefix(x)).toBe('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"/></sheetData></worksheet>');
    const other = '<a:b xmlns:a="urn:other"><a:c/></a:b>';
    expect(stripMainPrefix(other)).toBe(other);
  });
  it('addBuiltinDateFormats declares the Chinese built-in date formats a style uses', () => {
    const s = '<styleSheet xmlns="x"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="31" applyNumberFormat="1"/></cellXfs></styleSheet>';
    expect(addBuiltinDateFormats(s)).toContain('<numFmts count="1"><numFmt numFmtId="31" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs');
    const declared = '<styleSheet><numFmts count="1"><numFmt numFmtId="31" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="31"/></cellXfs></styleSheet>';
    expect(addBuiltinDateFormats(declared)).toBe(declared);
  });
  it('a workbook whose parts use backslashes and odd case still opens', async () => {
    const bytes = readFileSync(ROSTER);
    const { default: JSZip } = await import('jszip');
    const z = await JSZip.loadAsync(bytes);
    const entries: [string, Buffer][] = [];
    for (const f of Object.values(z.files)) if (!f.dir) entries.push([f.name.replace(/\//g, '\\'), await f.async('nodebuffer')]);
    const r = await openWorkbookBytes(zip(entries), 'windows-zip.xlsx');
    expect(codes(r)).toEqual([]);
    expect(r.ok).toBe(true);
  });
});

describe('openWorkbook writes nothing', () => {
  it('leaves the input bytes unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-open-'));
    const f = join(dir, 'a.xlsx');
    writeFileSync(f, readFileSync(ROSTER));
    const before = readFileSync(f);
    await openWorkbook(f);
    expect(readFileSync(f).equals(before)).toBe(true);
  });
});
