/**
 * One table model, two renderings: the tables `close` shows on the terminal are the same
 * tables the workbook holds — same headers, same values, same bars, same totals.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { drawTable } from '../../src/cli/render.js';
import { departmentMerges, departmentsTable, distributionTable, finesTable, manifestTables, summarySheets, translator } from '../../src/report/month-report.js';
import { barText, cellValue } from '../../src/report/table.js';
import { addReportSheets } from '../../src/sheets/style.js';
import { buildSummaryWorkbook, SUMMARY_SHEETS } from '../../src/sheets/summary-workbook.js';
import { sampleMonth } from '../sheets-out/fixture.js';

const rowValues = (ws: ExcelJS.Worksheet, r: number) => (ws.getRow(r).values as unknown[]).slice(1);
/** Terminal lines without the table borders: cells split on │ and trimmed. */
const terminalRows = (text: string) =>
  text
    .split('\n')
    .filter((l) => l.includes('│'))
    .map((l) =>
      l
        .split('│')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

describe('the distribution table', () => {
  const month = sampleMonth();
  const L = translator('zh');
  const table = distributionTable(month, L);

  it('is drawn on the terminal with the workbook’s headers, values, bars and totals', async () => {
    const wb = new ExcelJS.Workbook();
    addReportSheets(wb, [{ name: '等级分布', tables: [table] }]);
    const ws = wb.getWorksheet('等级分布')!;
    const lines = terminalRows(drawTable(table));
    expect(lines[0]).toEqual(rowValues(ws, 1));
    expect(lines[0]).toEqual(['等级', '名称', '目标%', '目标人数', '实际人数', '实际%', '差异', '分布图']);
    // every data row: same grade, counts and bar on both; percents as 25% on screen, 0.25 in Excel
    month.distribution.rows.forEach((r, i) => {
      const screen = lines[i + 1];
      const cells = rowValues(ws, i + 2);
      expect(screen[0]).toBe(cells[0]);
      expect(screen[4]).toBe(String(cells[4]));
      expect(screen[4]).toBe(String(r.actualCount));
      expect(screen[5]).toBe(`${r.actualPercent}%`);
      expect(cells[5]).toBeCloseTo(Number(r.actualPercent) / 100, 10);
      expect(screen[7]).toBe(cells[7] ?? '');
    });
    const totals = lines[month.distribution.rows.length + 1];
    expect(totals[0]).toBe('合计');
    expect(totals[4]).toBe(String(month.distribution.rows.reduce((s, r) => s + r.actualCount, 0)));
  });

  it('carries the number evaluated as its note, below the table on both', () => {
    expect(table.note).toBe(`等级分布(被评估 ${month.distribution.evaluated} 人)`);
    expect(drawTable(table).split('\n').at(-1)).toBe(table.note);
  });
});

describe('barText', () => {
  it('is one block per person while it fits, scaled beyond, never empty above zero', () => {
    expect(barText(3, 5)).toBe('███');
    expect(barText(0, 5)).toBe('');
    expect(barText(60, 60, 30)).toHaveLength(30);
    expect(barText(1, 600, 30)).toBe('█');
    expect(barText(300, 600, 30)).toHaveLength(15);
  });
});

describe('the fines table', () => {
  const month = sampleMonth();
  month.fines.push({ ...month.fines[0], formKey: '2026-10/finance/4001', kind: 'finance', scorerId: '4001', scorerName: '财务', receivedAt: month.fines[0].deadline, daysLate: 0, fine: '0.00' });
  const L = translator('en');

  it('on the terminal keeps only late forms but the same totals as the sheet', () => {
    const all = finesTable(month, L);
    const late = finesTable(month, L, { lateOnly: true });
    expect(late.rows.length).toBe(month.fines.filter((f) => f.daysLate > 0).length);
    expect(late.rows.length).toBeLessThan(all.rows.length);
    expect(late.totals).toEqual(all.totals);
    const lines = terminalRows(drawTable(late));
    expect(lines.at(-1)![0]).toBe('Total');
    expect(lines.at(-1)!.at(-1)).toBe(cellValue(all.totals!.values.fine_amount));
  });
});

describe('the summary workbook', () => {
  it('is the report’s sheets, in order', () => {
    const month = sampleMonth();
    const sheets = summarySheets(month, 'zh', '2026-11-08 10:00');
    expect(sheets.map((s) => s.name)).toEqual([...SUMMARY_SHEETS]);
    const wb = buildSummaryWorkbook(month, 'zh');
    expect(wb.worksheets.map((w) => w.name)).toEqual([...SUMMARY_SHEETS]);
  });
});

describe('departments as the policy names them', () => {
  it('部门汇总 has one row per policy department, and 说明 lists the written names merged', () => {
    const month = sampleMonth();
    const [first, second] = month.employees;
    month.employees = month.employees.map((e) =>
      e === second ? { ...e, department: '售后服务部', policyDepartment: first.department } : { ...e, policyDepartment: e.department },
    );
    const L = translator('zh');
    const table = departmentsTable(month, L);
    const names = table.rows.map((r) => r.department);
    expect(new Set(names).size).toBe(names.length);
    expect(names).not.toContain('售后服务部');
    const together = month.employees.filter((e) => e.policyDepartment === first.department);
    expect(table.rows.find((r) => r.department === first.department)!.headcount).toBe(together.length);
    expect(departmentMerges(month.employees)).toEqual([
      { department: first.department, written: expect.arrayContaining([{ name: '售后服务部', headcount: 1 }]) },
    ]);
    const merged = manifestTables(month, L, '2026-11-08 10:00').find((t) => t.title?.startsWith('部门名称合并'))!;
    expect(merged.rows).toContainEqual({ written: '售后服务部', department: first.department, headcount: 1 });
  });

  it('without aliases in use, 说明 has no merge table', () => {
    const L = translator('zh');
    expect(manifestTables(sampleMonth(), L, 'x').some((t) => t.title?.startsWith('部门名称合并'))).toBe(false);
  });
});
