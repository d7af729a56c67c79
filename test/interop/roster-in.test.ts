/**
 * Issue 5, part B for the other input — the staff list (花名册), which HR keeps in Excel,
 * WPS or LibreOffice and we never wrote. The fixture roster (written by exceljs) is the
 * reference; the same staff list is then:
 *  1. written from scratch by openpyxl (title row, 工号 as numbers, real dates, money format);
 *  2. the same with the 1904 date system (Mac Excel's old default: every date serial 1462 lower);
 *  3. the fixture re-saved by LibreOffice (--convert-to xlsx);
 *  4. exported as UTF-8 CSV by an "HR system" and opened and saved as xlsx by LibreOffice
 *     (the clerk's usual way from a CSV export to an .xlsx), 工号 imported as text.
 * Each must read with no issues and give exactly the reference employees.
 */
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import { dealershipRoster } from '../../fixtures/dealership.js';
import { readRoster, type RosterRead } from '../../src/sheets/roster-sheet.js';
import { csvField } from '../../src/sheets/payroll.js';
import { cleanupLibreOffice, convert, csvImportFilter, soffice } from './lo.js';
import { requirePython, runPython } from './python.js';

const HEADER = ['工号', '姓名', '部门', '岗位', '入职日期', '转正日期', '全额工资', '直接上级工号', '隔级上级工号', '状态'];
const TITLE = '宏达汽车4S店 员工花名册(2026年10月)';

describe.runIf(interopSuite('test/interop/roster-in.test.ts', ['soffice', 'openpyxl']))('a staff list saved by openpyxl or LibreOffice reads like the reference', () => {
  let dir: string;
  let ref: RosterRead;
  const read = new Map<string, RosterRead>();

  beforeAll(async () => {
    soffice();
    requirePython('openpyxl');
    dir = await mkdtemp(join(tmpdir(), 'jixiao-interop-roster-'));
    const fixture = join(dir, '花名册.xlsx');
    await copyFile(new URL('../../fixtures/花名册.xlsx', import.meta.url), fixture);
    const rows = dealershipRoster().map((r) => [
      Number(r.id),
      r.name,
      r.department,
      r.position,
      { date: r.hireDate },
      r.regularDate ? { date: r.regularDate } : null,
      Number(r.fullSalary),
      r.managerId ? Number(r.managerId) : null,
      r.skipManagerId ? Number(r.skipManagerId) : null,
      r.status,
    ]);
    const csv = join(dir, 'hr-export.csv');
    const csvRows = [
      [TITLE],
      HEADER,
      ...dealershipRoster().map((r) => [r.id, r.name, r.department, r.position, r.hireDate, r.regularDate ?? '', r.fullSalary, r.managerId ?? '', r.skipManagerId ?? '', r.status]),
    ];
    await writeFile(csv, '\uFEFF' + csvRows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n');
    await Promise.all([
      runPython('write_roster.py', { dst: join(dir, 'openpyxl.xlsx'), epoch1904: false, title: TITLE, header: HEADER, rows }),
      runPython('write_roster.py', { dst: join(dir, 'openpyxl-1904.xlsx'), epoch1904: true, title: TITLE, header: HEADER, rows }),
      convert([fixture], 'xlsx', join(dir, 'lo')),
      // 工号 and the manager columns as text (format 2), as a careful clerk imports IDs
      convert([csv], 'xlsx', join(dir, 'lo-csv'), { infilter: csvImportFilter('1/2/8/2/9/2') }),
    ]);
    ref = await readRoster(fixture);
    for (const [k, p] of [
      ['openpyxl', join(dir, 'openpyxl.xlsx')],
      ['openpyxl-1904', join(dir, 'openpyxl-1904.xlsx')],
      ['lo', join(dir, 'lo', '花名册.xlsx')],
      ['lo-csv', join(dir, 'lo-csv', 'hr-export.xlsx')],
    ])
      read.set(k, await readRoster(p));
  });
  afterAll(async () => {
    cleanupLibreOffice();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the reference reads clean', () => {
    expect(ref.issues).toEqual([]);
    expect(ref.employees.length).toBe(dealershipRoster().length);
  });

  for (const [k, what] of [
    ['openpyxl', 'written by openpyxl'],
    ['openpyxl-1904', 'written by openpyxl in the 1904 date system'],
    ['lo', 're-saved by LibreOffice'],
    ['lo-csv', 'a CSV export opened and saved as xlsx by LibreOffice'],
  ])
    it(`${what}: no issues, the same employees (ids, names, dates, salaries, managers)`, () => {
      const r = read.get(k)!;
      expect(r.issues).toEqual([]);
      expect(r.sheet).toBe(k === 'lo-csv' ? 'hr-export' : '花名册');
      expect(r.employees).toEqual(ref.employees);
    });
});
