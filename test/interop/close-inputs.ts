/**
 * Issue 5, part C helpers: what a scorer typed into one of our filled demo sheets, as cell
 * assignments for the BLANK sheet that `jixiao forms` generated in another workspace, so that
 * openpyxl and LibreOffice (UNO) can type exactly the same values (fill_openpyxl.py, fill_uno.py).
 *
 * The input cells are the unlocked ones. A value is mapped by sheet, 工号 and the row's order
 * among that employee's rows (the n-th goal row of 1052 goes to the n-th row of 1052), and by
 * column header — never by a fixed address, so the mapping does not assume both files have
 * the same layout; it checks it. Input cells the blank sheet pre-fills (序号, 所属项目) are
 * typed over with our value.
 */
import ExcelJS from 'exceljs';
import type { Assignment } from './forms-world.js';

const ID_HEADER = '工号';

const text = (v: ExcelJS.CellValue): string => (v === null || v === undefined ? '' : typeof v === 'object' && 'richText' in v ? v.richText.map((r) => r.text).join('') : String(v));
const isEmpty = (v: ExcelJS.CellValue): boolean => v === null || v === undefined || v === '';
const unlocked = (c: ExcelJS.Cell): boolean => c.protection?.locked === false;

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Header text → column number (row 1). */
function headers(ws: ExcelJS.Worksheet): Map<string, number> {
  const out = new Map<string, number>();
  const row = ws.getRow(1);
  for (let c = 1; c <= ws.columnCount; c++) {
    const h = text(row.getCell(c).value).trim();
    if (h) out.set(h, c);
  }
  return out;
}

/** "工号#n" → row number (n = 0 for an employee's first row). */
function rowsById(ws: ExcelJS.Worksheet, idCol: number): Map<string, number> {
  const out = new Map<string, number>();
  const seen = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const id = text(ws.getCell(r, idCol).value).trim();
    if (!id) continue;
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    out.set(`${id}#${n}`, r);
  }
  return out;
}

function toAssignment(sheet: string, cell: string, v: ExcelJS.CellValue, where: string): Assignment {
  if (typeof v === 'number') return { sheet, cell, t: 'n', v };
  if (typeof v === 'string') return { sheet, cell, t: 's', v };
  if (v instanceof Date) return { sheet, cell, t: 'd', v: v.toISOString().slice(0, 10) };
  throw new Error(`${where}: unexpected input value ${JSON.stringify(v)}`);
}

/**
 * Every non-empty unlocked cell of `filled` (our own filling, saved by exceljs) as an
 * assignment to the matching cell of `blank`. Fails when an input value sits in a row
 * without 工号, when the blank sheet lacks the sheet, header or employee row, or when the
 * target cell is locked, or when the blank sheet pre-fills an input cell ours leaves empty.
 */
export async function inputAssignments(filled: string, blank: string): Promise<Assignment[]> {
  const [src, dst] = await Promise.all([load(filled), load(blank)]);
  const out: Assignment[] = [];
  src.eachSheet((ws) => {
    const inputs: { row: number; col: number; v: ExcelJS.CellValue }[] = [];
    ws.eachRow({ includeEmpty: false }, (row, r) =>
      row.eachCell({ includeEmpty: false }, (c, col) => {
        if (unlocked(c) && !isEmpty(c.value)) inputs.push({ row: r, col, v: c.value });
      }),
    );
    if (inputs.length === 0) return;
    const where = `${filled} ${ws.name}`;
    const target = dst.getWorksheet(ws.name);
    if (!target) throw new Error(`${where}: the blank sheet has no sheet ${ws.name}`);
    const hSrc = headers(ws);
    const hDst = headers(target);
    const idSrc = hSrc.get(ID_HEADER);
    const idDst = hDst.get(ID_HEADER);
    if (!idSrc || !idDst) throw new Error(`${where}: no ${ID_HEADER} column`);
    const headerOf = new Map([...hSrc].map(([h, c]) => [c, h]));
    const srcKey = new Map([...rowsById(ws, idSrc)].map(([k, r]) => [r, k]));
    const dstRow = rowsById(target, idDst);
    for (const i of inputs) {
      const at = `${where}!${ws.getCell(i.row, i.col).address}`;
      const key = srcKey.get(i.row);
      const header = headerOf.get(i.col);
      if (!key) throw new Error(`${at}: an input value in a row without ${ID_HEADER}`);
      if (!header) throw new Error(`${at}: an input value in a column without a header`);
      const r = dstRow.get(key);
      const c = hDst.get(header);
      if (!r || !c) throw new Error(`${at}: the blank sheet has no row ${key} / column ${header}`);
      const cell = target.getCell(r, c);
      if (!unlocked(cell)) throw new Error(`${at}: ${cell.address} is locked in the blank sheet`);
      out.push(toAssignment(ws.name, cell.address, i.v, at));
    }
  });
  // what the blank sheet already holds in its input cells (序号, 所属项目) is typed over: each must be
  // typed over, or the other program's file would keep a value ours does not have
  const typed = new Set(out.map((a) => `${a.sheet}!${a.cell}`));
  dst.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        if (unlocked(c) && !isEmpty(c.value) && !typed.has(`${ws.name}!${c.address}`))
          throw new Error(`${blank} ${ws.name}!${c.address}: pre-filled ${JSON.stringify(c.value)} in the blank sheet, empty in ${filled}`);
      }),
    ),
  );
  if (out.length === 0) throw new Error(`${filled}: no input values`);
  return out;
}
