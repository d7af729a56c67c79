/**
 * `npm run build && node dist/bench/hostile.js` — time and peak memory of reading hostile but
 * realistic files (issue 10 §5), each in its own child process so the peaks do not mix:
 *   far-cell   a ~17 KB score sheet with one stray cell written at row 1,048,576
 *   many-cell  a sheet of 19,000 rows × 400 columns of varied figures (~15 MB, inside the 20 MB file limit)
 * Each child opens the file as `validate` does (openWorkbook → grid of the sheets) and prints
 * { ms, maxRssMb, result }. No thresholds: the behaviour is asserted in test/reliability/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { openWorkbook } from '../src/sheets/open.js';
import { workbookGrid } from '../src/sheets/grid.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FORM = path.resolve(here, '..', '..', 'fixtures', 'demo', '2026-10', '2026-10_市场部_林华_目标与KPI.xlsx');

async function farCell(to: string): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(FORM));
  const name = 'xl/worksheets/sheet2.xml';
  const xml = await zip.file(name)!.async('string');
  zip.file(name, xml.replace('</sheetData>', '<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
  writeFileSync(to, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

async function manyCell(to: string, rows = 19_000, cols = 400): Promise<void> {
  const zip = await JSZip.loadAsync(readFileSync(FORM));
  let seed = 1;
  const parts: string[] = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    // cell references are optional in OOXML; without them the file stays inside the 20 MB limit, as in the issue
    for (let c = 0; c < cols; c++) {
      seed = (seed * 1103515245 + 12345) % 2147483648; // varied figures, as real content compresses
      row += `<c><v>${seed % 10000}</v></c>`;
    }
    parts.push(row + '</row>');
  }
  parts.push('</sheetData></worksheet>');
  zip.file('xl/worksheets/sheet2.xml', parts.join(''));
  writeFileSync(to, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
}

async function child(file: string): Promise<void> {
  const t0 = performance.now();
  const r = await openWorkbook(file);
  let result: string;
  if (r.ok) {
    const grid = workbookGrid(r.wb.workbook);
    result = `read: ${grid.sheets.map((s) => `${s.name} ${s.rows.size} rows`).join(', ')}`;
  } else result = `refused: ${r.issues.map((i) => i.code).join(', ')}`;
  const ms = Math.round(performance.now() - t0);
  console.log(JSON.stringify({ ms, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), result }));
}

async function run(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jixiao-hostile-'));
  const cases: [string, (to: string) => Promise<void>][] = [
    ['far-cell', farCell],
    ['many-cell', (to) => manyCell(to)],
  ];
  for (const [name, make] of cases) {
    const file = path.join(dir, `${name}.xlsx`);
    await make(file);
    const size = readFileSync(file).length;
    const out = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const line = out.stdout.trim().split('\n').pop() ?? '';
    console.log(`${name.padEnd(10)} ${(size / 1024).toFixed(0).padStart(6)} KB  ${line || out.stderr.slice(0, 300)}`);
  }
}

if (process.argv[2] === '--child') await child(process.argv[3]);
else await run();
