import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { readRoster, readRosterWorkbook } from '../../src/sheets/roster-sheet.js';
import { flat } from '../../src/issues.js';
import { fixturesDir } from '../../fixtures/make-bad-files.js';

const H = ['工号', '姓名', '部门', '岗位', '入职日期', '转正日期', '全额工资', '直接上级工号', '隔级上级工号', '状态'];

function book(sheets: [string, unknown[][], ExcelJS.WorksheetState?][]): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const [name, rows, state] of sheets) {
    const ws = wb.addWorksheet(name, state ? { state } : {});
    for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  }
  return wb;
}
const row = (id: unknown, name = '张三', more: Partial<Record<number, unknown>> = {}) => {
  const r: unknown[] = [id, name, '服务站', '机修工', '2024-01-02', '', 6000, 1002, '', '在职'];
  for (const [k, v] of Object.entries(more)) r[+k] = v;
  return r;
};

describe('readRoster on the messy but valid staff list', () => {
  it('reads every form people type, with only the extra column reported', async () => {
    const r = await readRoster(join(fixturesDir, 'bad', 'roster', 'messy-but-valid.xlsx'));
    expect(r.sheet).toBe('员工花名册');
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(flat(r.issues)).toEqual([['员工花名册', 'K2', 'column.extra']]);
    expect(r.employees).toEqual([
      { id: '1001', name: '王丽', department: '总经理室', position: '总经理', hireDate: '2020-01-06', regularDate: null, fullSalary: '30000.00', managerId: null, skipManagerId: null, status: 'active', row: 3 },
      { id: '1002', name: '李强', department: '服务站', position: '总监', hireDate: '2021-03-01', regularDate: null, fullSalary: '16000.00', managerId: '1001', skipManagerId: null, status: 'active', row: 4 },
      { id: '1003', name: '赵敏', department: '服务站', position: '机修工', hireDate: '2026-08-01', regularDate: '2026-11-01', fullSalary: '6000.00', managerId: '1002', skipManagerId: '1001', status: 'active', row: 5 },
      { id: '1004', name: '钱七', department: '售后服务部', position: '服务顾问', hireDate: '2025-08-01', regularDate: '2025-10-01', fullSalary: '5800.50', managerId: '1002', skipManagerId: '1001', status: 'left', row: 7 },
      { id: '1005', name: '孙八', department: '售后服务部', position: '服务顾问', hireDate: '2025-06-01', regularDate: '2025-09-01', fullSalary: '5000.00', managerId: '1002', skipManagerId: null, status: 'active', row: 8 },
    ]);
    expect(r.cellOf(5, 'fullSalary')).toBe('G5');
    expect(r.cellOf(7, 'managerId')).toBe('H7');
    expect(r.cellOf(7, 'row')).toBeUndefined();
  });
});

describe('readRoster: file problems come through unchanged', () => {
  it('an old .xls named .xlsx', async () => {
    const r = await readRoster(join(fixturesDir, 'bad', 'files', 'old-excel.xlsx'));
    expect(r).toMatchObject({ employees: [], sheet: null });
    expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.issues.map((i) => i.code)).toEqual(['file.legacy_xls']);
    expect(r.cellOf(2, 'id')).toBeUndefined();
  });
  it('a missing file', async () => {
    const r = await readRoster('/nonexistent/花名册.xlsx');
    expect(r.issues.map((i) => [i.code, i.file])).toEqual([['file.not_found', '花名册.xlsx']]);
    expect(r.sha256).toBeNull();
  });
});

describe('readRosterWorkbook: finding the sheet', () => {
  it('prefers the sheet named 花名册 even when it is not first', () => {
    const wb = book([
      ['其他名单', [H, row(1)]],
      ['花名册', [H, row(2)]],
    ]);
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.sheet).toBe('花名册');
    expect(r.employees.map((e) => e.id)).toEqual(['2']);
  });
  it('never takes the first sheet by position: skips sheets without the header', () => {
    const wb = book([
      ['说明', [['本表由人力资源部维护']]],
      ['员工', [H, row(7)]],
    ]);
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.sheet).toBe('员工');
    expect(r.issues).toEqual([]);
  });
  it('visible sheets before hidden ones', () => {
    const wb = book([
      ['旧', [H, row(1)], 'hidden'],
      ['新', [H, row(2)]],
    ]);
    expect(readRosterWorkbook(wb, 'x.xlsx').sheet).toBe('新');
  });
  it('reports the closest candidate when the header is incomplete', () => {
    const wb = book([['花名册', [H.filter((h) => h !== '岗位'), row(1)]]]);
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.sheet).toBeNull();
    expect(flat(r.issues)).toEqual([['花名册', 'A1:I1', 'column.missing']]);
  });
  it('no rows under the header', () => {
    const r = readRosterWorkbook(book([['花名册', [H]]]), 'x.xlsx');
    expect(flat(r.issues)).toEqual([['花名册', 'A2', 'roster.no_rows']]);
  });
});

describe('readRosterWorkbook: values', () => {
  it('工号 as number or text, never "1001.0"; zero-padded formats kept; spaces in names removed', () => {
    const wb = book([['花名册', [H, row(1001, '张　三'), row(' E-07 ', ' 李 四 '), row(42)]]]);
    wb.worksheets[0].getCell('A4').numFmt = '00000';
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.employees.map((e) => [e.id, e.name])).toEqual([
      ['1001', '张三'],
      ['E-07', '李四'],
      ['00042', '张三'],
    ]);
  });
  it('empty 转正日期 means regular; empty 状态 means active; 离职 means left', () => {
    const wb = book([['花名册', [H, row(1, 'a', { 5: null, 9: null }), row(2, 'b', { 9: '离职' }), row(3, 'c', { 9: ' 在职 ' })]]]);
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.employees.map((e) => [e.regularDate, e.status])).toEqual([
      [null, 'active'],
      [null, 'left'],
      [null, 'active'],
    ]);
    expect(r.issues).toEqual([]);
  });
  it('optional columns may be absent', () => {
    const h = H.slice(0, 8);
    const r = readRosterWorkbook(book([['花名册', [h, row(1).slice(0, 8)]]]), 'x.xlsx');
    expect(r.issues).toEqual([]);
    expect(r.employees[0]).toMatchObject({ skipManagerId: null, status: 'active' });
    expect(r.cellOf(2, 'status')).toBeUndefined();
  });
  it('blank rows are skipped, rows keep their sheet row number', () => {
    const r = readRosterWorkbook(book([['花名册', [H, row(1), [], ['', '  '], row(2)]]]), 'x.xlsx');
    expect(r.employees.map((e) => e.row)).toEqual([2, 5]);
  });
  it('bad cells carry file, sheet, cell, what was found and the row’s 工号 and 姓名', () => {
    const wb = book([['花名册', [H, row(1001, '张三', { 4: '2026-02-30', 6: '面议', 9: '请假' })]]]);
    wb.worksheets[0].getCell('H2').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.issues).toEqual([
      {
        code: 'roster.bad_date',
        severity: 'error',
        file: 'x.xlsx',
        sheet: '花名册',
        cell: 'E2',
        found: '2026-02-30',
        expected: 'YYYY-MM-DD',
        params: { row: 2, id: '1001', name: '张三', column: '入职日期' },
      },
      expect.objectContaining({ code: 'roster.bad_salary', cell: 'G2', found: '面议' }),
      expect.objectContaining({ code: 'roster.cell_error', cell: 'H2', found: '#REF!' }),
      expect.objectContaining({ code: 'roster.bad_status', cell: 'J2', found: '请假' }),
    ]);
    // The row is still returned (the roster checks need every 工号), with what could be read.
    expect(r.employees[0]).toMatchObject({ id: '1001', hireDate: null, fullSalary: '', managerId: null, status: 'active' });
  });
  it('merged cells in the data area are an error; a merged title above the header is not', () => {
    const wb = book([['花名册', [['员工花名册'], H, row(1), row(2), row(3)]]]);
    wb.worksheets[0].mergeCells('A1:J1');
    wb.worksheets[0].mergeCells('C3:C4');
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(flat(r.issues)).toEqual([['花名册', 'C3:C4', 'roster.merged_cells']]);
  });
  it('salary: text, full-width and 元 accepted; negative left to the roster checks; percent refused', () => {
    const wb = book([['花名册', [H, row(1, 'a', { 6: '５８００' }), row(2, 'b', { 6: '6000元' }), row(3, 'c', { 6: -100 }), row(4, 'd', { 6: '80%' }), row(5, 'e', { 6: 5000.125 })]]]);
    const r = readRosterWorkbook(wb, 'x.xlsx');
    expect(r.employees.map((e) => e.fullSalary)).toEqual(['5800.00', '6000.00', '-100', '', '5000.125']);
    expect(flat(r.issues)).toEqual([['花名册', 'G5', 'roster.bad_salary']]);
  });
});
