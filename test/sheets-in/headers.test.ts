import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { a1, headerKey, matchHeader, type ColumnSpec } from '../../src/sheets/headers.js';
import { flat } from '../../src/issues.js';

const SPECS: ColumnSpec[] = [
  { key: 'id', names: ['工号', '员工编号'], required: true },
  { key: 'name', names: ['姓名'], required: true },
  { key: 'score', names: ['得分'], required: true },
  { key: 'note', names: ['说明', '备注'], required: false },
];
const ctx = { file: 'a.xlsx', sheet: 'S' };

function sheet(rows: unknown[][]): ExcelJS.Worksheet {
  const ws = new ExcelJS.Workbook().addWorksheet('S');
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  return ws;
}

describe('a1', () => {
  it.each([
    [1, 1, 'A1'],
    [7, 8, 'H7'],
    [1, 26, 'Z1'],
    [2, 27, 'AA2'],
    [3, 703, 'AAA3'],
    [1048576, 16384, 'XFD1048576'],
  ])('(%i, %i) → %s', (r, c, s) => expect(a1(r, c)).toBe(s));
});

describe('headerKey', () => {
  it.each([
    ['全额工资(元)', '全额工资'],
    ['全额工资（元）', '全额工资'],
    ['*工号', '工号'],
    ['工 号＊', '工号'],
    ['姓\n名', '姓名'],
    ['权重%', '权重'],
    ['得分【必填】', '得分'],
    ['Score', 'score'],
  ])('%j → %j', (a, b) => expect(headerKey(a)).toBe(b));
});

describe('matchHeader', () => {
  it('finds the header under a title row, by name, in any order, with aliases and decorations', () => {
    const ws = sheet([['2026年10月 评分表'], [], ['得分 (0-130)', '姓 名', '*员工编号', '备注'], [1001, '张三', 95]]);
    const m = matchHeader(ws, SPECS, ctx);
    expect(m).toEqual({ ok: true, headerRow: 3, columns: { score: 1, name: 2, id: 3, note: 4 }, issues: [] });
  });
  it('missing required column: error at the header row, not ok', () => {
    const m = matchHeader(sheet([['工号', '姓名', '备注']]), SPECS, ctx);
    expect(m.ok).toBe(false);
    expect(flat(m.issues)).toEqual([['S', 'A1:C1', 'column.missing']]);
    expect(m.issues[0]).toMatchObject({ file: 'a.xlsx', expected: '得分', params: { column: '得分' } });
  });
  it('duplicate column: error at the second one, the first is used', () => {
    const m = matchHeader(sheet([['工号', '姓名', '得分', '员工编号']]), SPECS, ctx);
    expect(m.ok).toBe(true);
    if (m.ok) expect(m.columns.id).toBe(1);
    expect(flat(m.issues)).toEqual([['S', 'D1', 'column.duplicate']]);
    expect(m.issues[0]).toMatchObject({ severity: 'error', found: '员工编号', params: { column: '工号', first: 'A1' } });
  });
  it('unknown header: a warning', () => {
    const m = matchHeader(sheet([['工号', '姓名', '得分', '考勤']]), SPECS, ctx);
    expect(m.ok).toBe(true);
    expect(m.issues).toEqual([{ code: 'column.extra', severity: 'warning', file: 'a.xlsx', sheet: 'S', cell: 'D1', found: '考勤' }]);
  });
  it('no header at all', () => {
    const m = matchHeader(sheet([['客户', '车型'], ['张先生', '轿车']]), SPECS, ctx);
    expect(m.ok).toBe(false);
    expect(m.issues.map((i) => i.code)).toEqual(['header.not_found']);
    expect(m.issues[0]).toMatchObject({ expected: '工号、姓名、得分' });
  });
  it('prefers the row naming more required columns over a row with a stray match', () => {
    const ws = sheet([['说明:请填写得分'], ['备注', '', ''], ['工号', '姓名', '得分']]);
    const m = matchHeader(ws, SPECS, ctx);
    expect(m.ok && m.headerRow).toBe(3);
  });
  it('an empty sheet', () => {
    const m = matchHeader(new ExcelJS.Workbook().addWorksheet('S'), SPECS, ctx);
    expect(m.ok).toBe(false);
    expect(m.issues[0].code).toBe('header.not_found');
  });
});
