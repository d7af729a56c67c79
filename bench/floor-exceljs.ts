/**
 * The exceljs floor of the bench: for every file listed (one path per line in argv[2]) read
 * the bytes once, hash them (as receive must), load the workbook with exceljs and touch every
 * cell of every sheet. Prints files, cells and a checksum so the work cannot be skipped.
 */
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';

const files = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
let cells = 0;
let sum = 0;
for (const f of files) {
  const bytes = readFileSync(f);
  createHash('sha256').update(bytes).digest('hex');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        cells++;
        if (typeof c.value === 'number') sum += c.value;
      }),
    ),
  );
}
console.log(`${files.length} files, ${cells} cells, Σ numbers ${sum.toFixed(2)}`);
