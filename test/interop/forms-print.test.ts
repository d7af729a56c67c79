/**
 * Issue 14 item 2 — the 填表说明 page prints whole: every generated form, converted to PDF by
 * LibreOffice, carries every instruction sentence in `pdftotext` output (a line that ran off
 * the right edge of the A4 page would be cut and missing).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import { sampleWorld, writeForms, type FormFiles } from './forms-world.js';
import { cleanupLibreOffice, convert, soffice } from './lo.js';

const squash = (s: string) => s.replace(/\s+/g, '');

describe.runIf(interopSuite('test/interop/forms-print.test.ts', ['soffice', 'pdftotext']))('the 填表说明 page printed to PDF by LibreOffice', () => {
  const w = sampleWorld();
  let dir: string;
  let forms: FormFiles[];
  let pdfText: Map<string, string>;

  beforeAll(async () => {
    soffice();
    dir = await mkdtemp(join(tmpdir(), 'jixiao-interop-forms-print-'));
    forms = await writeForms(w, dir);
    const pdfs = await convert(forms.map((f) => f.blank), 'pdf', join(dir, 'pdf'));
    pdfText = new Map(forms.map((f) => [f.blank, execFileSync('pdftotext', ['-layout', pdfs.get(f.blank)![0], '-'], { encoding: 'utf8' })]));
  }, 300_000);
  afterAll(async () => {
    cleanupLibreOffice();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('every instruction line of every form kind is in the PDF text, whole', async () => {
    expect(forms.length).toBeGreaterThan(0);
    for (const f of forms) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(f.blank);
      const ws = wb.getWorksheet(w.template.sheets.instructions)!;
      const lines: string[] = [];
      ws.eachRow((row) => {
        const v = row.getCell(1).value;
        if (typeof v === 'string' && v.trim()) lines.push(v);
      });
      expect(lines.length, f.key).toBeGreaterThan(3);
      const text = squash(pdfText.get(f.blank)!);
      for (const line of lines) expect(text, `${f.key}: ${line}`).toContain(squash(line));
    }
  });
});
