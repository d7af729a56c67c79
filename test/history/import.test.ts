/**
 * history import (issue 9 item 1): both layouts, months typed every way a clerk types them,
 * every bad cell reported with its cell, nothing stored unless clean, closed months refused,
 * re-import as a new version; history show lists the source of each month.
 */
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { freshWorkspace, jx, removeTempDirs, tempDir } from '../e2e/helpers.js';

afterAll(removeTempDirs);

type Cell = string | number | Date | null | { formula: string };
async function book(file: string, rows: Cell[][], o: { sheet?: string; numFmt?: Record<string, string> } = {}): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(o.sheet ?? '历史成绩');
  rows.forEach((r, i) =>
    r.forEach((v, j) => {
      if (v === null) return;
      const c = ws.getCell(i + 1, j + 1);
      c.value = v as ExcelJS.CellValue;
      const fmt = o.numFmt?.[c.address];
      if (fmt) c.numFmt = fmt;
    }),
  );
  await wb.xlsx.writeFile(file);
  return file;
}

const at = (iso: string) => ({ now: new Date(iso) });
const codes = (r: { json: any }) => r.json.issues.map((i: any) => [i.cell, i.code]);

describe('history import — wide layout', () => {
  it('three header styles (2026-04 text, 2026年5月, a date cell, 6月 with a 年份 cell, a serial number), full-width digits, blank = not graded, grade alone', async () => {
    const { dir, ws } = await freshWorkspace('hist-wide');
    const file = await book(path.join(dir, 'wide.xlsx'), [
      ['年份', 2026],
      ['工号', '姓名', '部门', '2026-04', '2026年5月', '6月', new Date(Date.UTC(2026, 6, 1)), 46235],
      ['1019', '刘', '销售部', 121, '１２２', 'A', 125.5, null],
      [1007, '赵', '服务站', 100, null, 88, '８５', 86],
    ]);
    const r = await jx(['history', 'import', file, '--json'], { ws, ...at('2026-11-01T09:00:00+08:00') });
    expect(r.code, r.out).toBe(0);
    expect(r.json.layout).toBe('wide');
    expect(r.json.months.map((m: any) => [m.month, m.graded, m.gradeOnly])).toEqual([
      ['2026-04', 2, 0],
      ['2026-05', 1, 0],
      ['2026-06', 2, 1],
      ['2026-07', 2, 0],
      ['2026-08', 1, 0], // 46235 = 2026-08-01
    ]);
    const show = await jx(['history', 'show', '--employee', '1007', '--json'], { ws });
    expect(show.json.lines.map((l: any) => [l.month, l.total, l.grade, l.source.kind])).toEqual([
      ['2026-04', '100.00', 'C', 'imported'],
      ['2026-06', '88.00', 'D', 'imported'],
      ['2026-07', '85.00', 'D', 'imported'],
      ['2026-08', '86.00', 'D', 'imported'],
    ]);
    const a = await jx(['history', 'show', '--employee', '1019', '--json'], { ws });
    expect(a.json.lines.find((l: any) => l.month === '2026-06')).toMatchObject({ total: null, grade: 'A' });
  });

  it('every bad cell at once, with its cell; nothing stored', async () => {
    const { dir, ws } = await freshWorkspace('hist-bad');
    const file = await book(path.join(dir, 'bad.xlsx'), [
      ['工号', '姓名', '2026-04', '2026-13', '5月', '2026/4', '2026-06'],
      ['1019', '刘', 131, null, null, null, '优秀'],
      ['', '空', 90, null, null, null, null],
      ['1007', '赵', -1, null, null, null, 'F'],
      ['1007', '钱', 90, null, null, null, { formula: 'A1/0' }],
      ['1026', '孙', 90, null, null, null, null],
      ['1026', '孙', 91, null, null, null, null],
    ]);
    const r = await jx(['history', 'import', file, '--json'], { ws });
    expect(r.code).toBe(1);
    expect(codes(r)).toEqual(
      expect.arrayContaining([
        ['D1', 'history.bad_month'],
        ['E1', 'history.year_needed'],
        ['F1', 'history.duplicate_month_column'],
        ['C2', 'history.total_out_of_range'],
        ['G2', 'history.bad_total'],
        ['A3', 'history.missing_id'],
        ['C4', 'history.total_out_of_range'],
        ['G4', 'history.bad_total'],
        ['B5', 'history.name_differs'],
        ['G5', 'history.cell_unreadable'],
        ['C7', 'history.duplicate'],
      ]),
    );
    const show = await jx(['history', 'show', '--json'], { ws });
    expect(show.json.months).toEqual([]);
  });
});

describe('history import — long layout', () => {
  it('月份 as text, date, serial and 5月 with --year; 等级 that disagrees is a warning naming both and is kept', async () => {
    const { dir, ws } = await freshWorkspace('hist-long');
    const file = await book(path.join(dir, 'long.xlsx'), [
      ['工号', '姓名', '月份', '总分', '等级'],
      ['1026', '孙', '2026-07', 85, 'D'],
      ['1026', '孙', new Date(Date.UTC(2026, 7, 1)), 80, null],
      ['1026', '孙', 46266, 104.99, 'D'], // 2026-09-01; band C, recorded D
      ['1026', '孙', '5月', null, 'C'],
      ['1026', '孙', '6月', null, null], // blank: not graded
    ]);
    const r = await jx(['history', 'import', file, '--year', '2026', '--json'], { ws });
    expect(r.code, r.out).toBe(0);
    expect(r.json.layout).toBe('long');
    const w = r.json.issues.find((i: any) => i.code === 'history.grade_differs');
    expect(w).toMatchObject({ severity: 'warning', cell: 'E4', found: 'D', expected: 'C' });
    expect(w.message).toContain('D');
    expect(w.message).toContain('104.99');
    const show = await jx(['history', 'show', '--employee', '1026', '--json'], { ws });
    expect(show.json.lines.map((l: any) => [l.month, l.total, l.grade])).toEqual([
      ['2026-05', null, 'C'],
      ['2026-07', '85.00', 'D'],
      ['2026-08', '80.00', 'D'],
      ['2026-09', '104.99', 'D'],
    ]);
  });

  it('without a year, 5月 is refused naming the cell', async () => {
    const { dir, ws } = await freshWorkspace('hist-noyear');
    const file = await book(path.join(dir, 'long.xlsx'), [
      ['工号', '姓名', '月份', '总分'],
      ['1026', '孙', '5月', 85],
    ]);
    const r = await jx(['history', 'import', file, '--json'], { ws });
    expect(r.code).toBe(1);
    expect(codes(r)).toEqual([['C2', 'history.year_needed']]);
  });
});

describe('history versions and closed months', () => {
  it('importing a month again is a new version (old kept); the same file again adds nothing', async () => {
    const { dir, ws } = await freshWorkspace('hist-version');
    const v1 = await book(path.join(dir, 'v1.xlsx'), [
      ['工号', '姓名', '2026-08'],
      ['1026', '孙', 80],
    ]);
    const v2 = await book(path.join(dir, 'v2.xlsx'), [
      ['工号', '姓名', '2026-08'],
      ['1026', '孙', 95],
    ]);
    expect((await jx(['history', 'import', v1, '--json'], { ws })).json.months[0].version).toBe(1);
    expect((await jx(['history', 'import', v1, '--json'], { ws })).json.duplicate).toBe(true);
    expect((await jx(['history', 'import', v2, '--json'], { ws })).json.months[0].version).toBe(2);
    const show = await jx(['history', 'show', '--employee', '1026', '--json'], { ws });
    expect(show.json.lines).toEqual([expect.objectContaining({ month: '2026-08', total: '95.00', grade: 'C' })]);
    expect(show.json.months[0].source).toEqual({ kind: 'imported', importId: 3 - 1, version: 2 });
  });
});
