/**
 * Issue 10 §5, behaviour (time and memory are measured in bench/hostile.ts): a stray cell at
 * row 1,048,576 is read as the one cell it is, not as a million rows; a workbook with too many
 * cells is refused before it is built; duplicate policy keys are still found without the
 * quadratic check.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { openWorkbook, openWorkbookBytes } from '../../src/sheets/open.js';
import { sheetGrid } from '../../src/sheets/grid.js';
import { parsePolicy } from '../../src/policy/load.js';
import { DEMO_DIR, ROOT } from '../e2e/helpers.js';

const FORM = path.join(DEMO_DIR, '2026-10_市场部_林华_目标与KPI.xlsx');

/** The form with one more cell, at A1048576 of its score sheet. */
async function farCellForm(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(readFileSync(FORM));
  const name = 'xl/worksheets/sheet2.xml';
  const xml = await zip.file(name)!.async('string');
  zip.file(name, xml.replace('</sheetData>', '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('bounded work on any file', () => {
  it('a far stray cell: the grid holds the rows that have values (not a million), the cell itself is still read', async () => {
    const bytes = await farCellForm();
    expect(bytes.length).toBeLessThan(30_000);
    const t0 = Date.now();
    const r = await openWorkbookBytes(bytes, 'far.xlsx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ws = r.wb.workbook.getWorksheet('目标与KPI')!;
    expect(ws.rowCount).toBe(1_048_576); // what exceljs says …
    const grid = sheetGrid(ws, r.wb.workbook);
    expect(grid.rows.size).toBeLessThan(100); // … and what we visit
    expect(grid.rows.get(1_048_576)?.cells.map((c) => c.value)).toEqual([{ kind: 'text', text: 'x' }]);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it('too many cells (rows × columns present) → file.too_many_cells, before the workbook is built', async () => {
    const r = await openWorkbookBytes(readFileSync(FORM), 'form.xlsx', { limits: { maxCells: 50 } });
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.params?.max])).toEqual([['file.too_many_cells', 50]]);
    const ok = await openWorkbookBytes(readFileSync(FORM), 'form.xlsx');
    expect(ok.ok).toBe(true);
  });

  it('a sheet larger than the uncompressed sheet cap → file.sheet_too_large', async () => {
    const r = await openWorkbookBytes(readFileSync(FORM), 'form.xlsx', { limits: { maxSheetBytes: 1000 } });
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['file.sheet_too_large']);
  });

  it('policy: a repeated key is still an error naming its line, without the quadratic check', () => {
    const text = readFileSync(path.join(ROOT, 'templates', 'policy.yaml'), 'utf8');
    expect(parsePolicy(text).problems).toEqual([]);
    const dup = text.replace('    售后部: 服务站\n', '    售后部: 服务站\n    售后部: 客服部\n');
    const p = parsePolicy(dup).problems;
    expect(p.map((x) => [x.key, String(x.params.detail)])).toEqual([['policy.yaml_syntax', 'Map keys must be unique: 售后部']]);
    const line = dup.split('\n').findIndex((l, i, all) => l === '    售后部: 客服部' && all[i - 1] === '    售后部: 服务站') + 1;
    expect(p[0].params.line).toBe(line);
  });

  it('a FIFO and a link to /dev/zero are refused by name, at once (reading them would block or never end)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'jx-fifo-'));
    try {
      const fifo = path.join(dir, '评分表.xlsx');
      execFileSync('mkfifo', [fifo]);
      const zero = path.join(dir, '零.xlsx');
      symlinkSync('/dev/zero', zero);
      const t0 = Date.now();
      for (const [p, name] of [[fifo, '评分表.xlsx'], [zero, '零.xlsx']]) {
        const r = await openWorkbook(p);
        expect(r.ok ? [] : r.issues.map((i) => [i.file, i.code, i.params?.path])).toEqual([[name, 'file.not_regular', p]]);
      }
      expect(Date.now() - t0).toBeLessThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('policy check stays linear: 50,000 department aliases are read in seconds (yaml\'s own key check compares every pair: 250,000 never finished)', () => {
    const text = readFileSync(path.join(ROOT, 'templates', 'policy.yaml'), 'utf8');
    const many = Array.from({ length: 50_000 }, (_, i) => `    别名${i}: 服务站\n`).join('');
    const big = text.replace('    售后部: 服务站\n', `    售后部: 服务站\n${many}`);
    const t0 = Date.now();
    const r = parsePolicy(big);
    expect(r.problems).toEqual([]);
    expect(Object.keys(r.policy!.categories.department_aliases).length).toBeGreaterThan(50_000);
    expect(Date.now() - t0).toBeLessThan(30_000);
  }, 60_000);
});
