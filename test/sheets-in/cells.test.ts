import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import {
  displayText,
  normaliseText,
  numberText,
  parseDate,
  parseNumber,
  readCell,
  serialToDate,
  isDateFormat,
  type CellRead,
} from '../../src/sheets/cells.js';
import { openWorkbook } from '../../src/sheets/open.js';
import { fixturesDir } from '../../fixtures/make-bad-files.js';

const text = (t: string): CellRead => ({ kind: 'text', text: t });
const num = (v: number, numFmt?: string): CellRead => ({ kind: 'number', value: v, text: numberText(v), ...(numFmt ? { numFmt } : {}) });

describe('numberText: the decimal Excel shows, never binary artefacts', () => {
  it.each([
    [95.55, '95.55'],
    [0.1 + 0.2, '0.3'],
    [95.5, '95.5'],
    [1001, '1001'],
    [-0, '0'],
    [1234.5, '1234.5'],
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [123456789012345.67, '123456789012346'],
    [2.675, '2.675'],
  ])('%s → %s', (n, s) => expect(numberText(n)).toBe(s));
});

describe('readCell', () => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('t');
  it('reads each kind of value', () => {
    ws.getCell('A1').value = 95.55;
    ws.getCell('A2').value = '  优秀 ';
    ws.getCell('A3').value = { richText: [{ text: '张' }, { font: { bold: true }, text: '三' }] };
    ws.getCell('A4').value = new Date('2026-03-01T00:00:00Z');
    ws.getCell('A5').value = true;
    ws.getCell('A6').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
    ws.getCell('A7').value = { formula: 'A1*2' } as ExcelJS.CellFormulaValue;
    ws.getCell('A8').value = { formula: 'A1*2', result: 191.1 } as ExcelJS.CellFormulaValue;
    ws.getCell('A9').value = { text: '链接', hyperlink: 'http://example.com' };
    ws.getCell('A10').value = '　 ';
    ws.getCell('A11').value = { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue;
    ws.getCell('A12').value = 46082; // a serial with a date format (set below), not converted by exceljs in memory
    ws.getCell('A12').numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell('A13').value = 0.95;
    ws.getCell('A13').numFmt = '0%';
    ws.getCell('A14').value = new Date('2026-03-01T08:30:00Z');
    expect(readCell(ws.getCell('A1'))).toEqual({ kind: 'number', value: 95.55, text: '95.55' });
    expect(readCell(ws.getCell('A2'))).toEqual({ kind: 'text', text: '  优秀 ' });
    expect(readCell(ws.getCell('A3'))).toEqual({ kind: 'text', text: '张三' });
    expect(readCell(ws.getCell('A4'))).toEqual({ kind: 'date', date: '2026-03-01', text: '2026-03-01' });
    expect(readCell(ws.getCell('A5'))).toEqual({ kind: 'bool', value: true, text: 'TRUE' });
    expect(readCell(ws.getCell('A6'))).toEqual({ kind: 'error', text: '#DIV/0!' });
    expect(readCell(ws.getCell('A7'))).toEqual({ kind: 'formula-no-value', formula: 'A1*2' });
    expect(readCell(ws.getCell('A8'))).toEqual({ kind: 'number', value: 191.1, text: '191.1' });
    expect(readCell(ws.getCell('A9'))).toEqual({ kind: 'text', text: '链接' });
    expect(readCell(ws.getCell('A10'))).toEqual({ kind: 'empty' });
    expect(readCell(ws.getCell('A11'))).toEqual({ kind: 'error', text: '#DIV/0!' });
    expect(readCell(ws.getCell('A12'))).toEqual({ kind: 'date', date: '2026-03-01', text: '2026-03-01' });
    expect(readCell(ws.getCell('A13'))).toEqual({ kind: 'number', value: 0.95, text: '0.95', numFmt: '0%' });
    expect(readCell(ws.getCell('A14'))).toEqual({ kind: 'date', date: '2026-03-01', text: '2026-03-01 08:30' });
    expect(readCell(ws.getCell('Z99'))).toEqual({ kind: 'empty' });
  });
  it('a cell covered by a merged area reads empty; its top-left cell reads its value', () => {
    ws.getCell('C1').value = '合并';
    ws.mergeCells('C1:D2');
    expect(readCell(ws.getCell('C1'))).toEqual({ kind: 'text', text: '合并' });
    expect(readCell(ws.getCell('D2'))).toEqual({ kind: 'empty' });
  });
});

describe('readCell on files: date systems and Chinese date formats', () => {
  it('1900 and 1904 workbooks read the dates Excel shows (column C holds TEXT(B,"YYYY-MM-DD"))', async () => {
    for (const f of ['1904_1900.xlsx', '1904_1904.xlsx']) {
      const r = await openWorkbook(join('/work/shared/corpus/realworld', f));
      if (!r.ok) throw new Error(f);
      const ws = r.wb.workbook.worksheets[0];
      for (let row = 1; row <= 5; row++) {
        const shown = readCell(ws.getCell(row, 3), r.wb.workbook);
        const date = readCell(ws.getCell(row, 2), r.wb.workbook);
        expect(date.kind, `${f} B${row}`).toBe('date');
        expect(shown.kind).toBe('text');
        if (date.kind === 'date' && shown.kind === 'text') expect(date.date, `${f} B${row}`).toBe(shown.text);
      }
    }
  });
  it('the built-in Chinese date format 31 (年月日, undeclared as WPS saves it) reads as a date', async () => {
    const r = await openWorkbook(join(fixturesDir, 'bad', 'roster', 'messy-but-valid.xlsx'));
    if (!r.ok) throw new Error('did not open');
    const ws = r.wb.workbook.getWorksheet('员工花名册')!;
    expect(readCell(ws.getCell('F7'), r.wb.workbook)).toEqual({ kind: 'date', date: '2025-10-01', text: '2025-10-01' });
  });
  it('serialToDate: both systems and the 1900 leap-year bug', () => {
    expect(serialToDate(1)).toBe('1900-01-01');
    expect(serialToDate(59)).toBe('1900-02-28');
    expect(serialToDate(60)).toBeNull();
    expect(serialToDate(61)).toBe('1900-03-01');
    expect(serialToDate(46082)).toBe('2026-03-01');
    expect(serialToDate(46082.75)).toBe('2026-03-01');
    expect(serialToDate(44620, true)).toBe('2026-03-01');
    expect(serialToDate(-1)).toBeNull();
    expect(serialToDate(3e6)).toBeNull();
  });
  it('isDateFormat', () => {
    for (const f of ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy', '[$-804]yyyy"年"m"月"', 'h:mm']) expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '0.00', '#,##0.00_);[Red](#,##0.00)', '0%', '0.00E+00', '@', '0"分"', '¥#,##0.00', '[Red]0.0']) expect(isDateFormat(f), f).toBe(false);
  });
});

describe('displayText', () => {
  it('shows what the clerk sees', () => {
    expect(displayText({ kind: 'empty' })).toBe('');
    expect(displayText(num(95.5))).toBe('95.5');
    expect(displayText(num(0.955, '0.0%'))).toBe('95.5%');
    expect(displayText(text('九十五'))).toBe('九十五');
    expect(displayText({ kind: 'formula-no-value', formula: 'SUM(A1:A3)' })).toBe('=SUM(A1:A3)');
    expect(displayText({ kind: 'error', text: '#N/A' })).toBe('#N/A');
  });
});

describe('normaliseText', () => {
  it.each([
    ['  张三  ', '张三'],
    ['张　三', '张 三'],
    ['９５', '95'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['全额工资（元）', '全额工资(元)'],
    ['工\n号', '工 号'],
    ['a\u200Bb', 'ab'],
    ['a \t\r\n b', 'a b'],
    ['\u00A0x\u00A0', 'x'],
  ])('%j → %j', (a, b) => expect(normaliseText(a)).toBe(b));
});

describe('parseNumber', () => {
  it.each<[string, CellRead, unknown]>([
    ['number', num(95.5), { ok: true, value: '95.5', normalised: null }],
    ['percent-formatted number', num(0.95, '0%'), { ok: true, value: '95', normalised: 'percent' }],
    ['percent-formatted 0.955', num(0.955, '0.0%'), { ok: true, value: '95.5', normalised: 'percent' }],
    ['literal % in quotes is not a percentage', num(95, '0"%"'), { ok: true, value: '95', normalised: null }],
    ['text "95"', text('95'), { ok: true, value: '95', normalised: 'text_number' }],
    ['text " 95 "', text(' 95 '), { ok: true, value: '95', normalised: 'text_number' }],
    ['text "95.50"', text('95.50'), { ok: true, value: '95.5', normalised: 'text_number' }],
    ['full-width ９５', text('９５'), { ok: true, value: '95', normalised: 'fullwidth' }],
    ['full-width １２０．５', text('１２０．５'), { ok: true, value: '120.5', normalised: 'fullwidth' }],
    ['95分', text('95分'), { ok: true, value: '95', normalised: 'unit_suffix' }],
    ['95 分', text('95 分'), { ok: true, value: '95', normalised: 'unit_suffix' }],
    ['９５分', text('９５分'), { ok: true, value: '95', normalised: 'unit_suffix' }],
    ['5000元', text('5000元'), { ok: true, value: '5000', normalised: 'unit_suffix' }],
    ['¥5,000.50', text('¥5,000.50'), { ok: true, value: '5000.5', normalised: 'unit_suffix' }],
    ['95%', text('95%'), { ok: true, value: '95', normalised: 'percent' }],
    ['９５％', text('９５％'), { ok: true, value: '95', normalised: 'percent' }],
    ['1,234.50', text('1,234.50'), { ok: true, value: '1234.5', normalised: 'text_number' }],
    ['-5', text('-5'), { ok: true, value: '-5', normalised: 'text_number' }],
    ['－５ (full-width minus)', text('－５'), { ok: true, value: '-5', normalised: 'fullwidth' }],
    ['九十五', text('九十五'), { ok: false, reason: 'not_number' }],
    ['95-100', text('95-100'), { ok: false, reason: 'not_number' }],
    ['95,5', text('95,5'), { ok: false, reason: 'not_number' }],
    ['1e3', text('1e3'), { ok: false, reason: 'not_number' }],
    ['95.5.1', text('95.5.1'), { ok: false, reason: 'not_number' }],
    ['分', text('分'), { ok: false, reason: 'not_number' }],
    ['empty', { kind: 'empty' }, { ok: false, reason: 'empty' }],
    ['error', { kind: 'error', text: '#REF!' }, { ok: false, reason: 'error' }],
    ['formula without value', { kind: 'formula-no-value', formula: 'A1' }, { ok: false, reason: 'formula_no_value' }],
    ['bool', { kind: 'bool', value: true, text: 'TRUE' }, { ok: false, reason: 'not_number' }],
    ['date', { kind: 'date', date: '2026-03-01', text: '2026-03-01' }, { ok: false, reason: 'not_number' }],
  ])('%s', (_n, r, expected) => expect(parseNumber(r)).toEqual(expected));
});

describe('parseDate', () => {
  it.each<[string, CellRead, string | null]>([
    ['date cell', { kind: 'date', date: '2026-03-01', text: '2026-03-01' }, '2026-03-01'],
    ['serial', num(46082), '2026-03-01'],
    ['yyyymmdd number', num(20260301), '2026-03-01'],
    ['2026-3-1', text('2026-3-1'), '2026-03-01'],
    ['2026/3/1', text('2026/3/1'), '2026-03-01'],
    ['2026.3.1', text('2026.3.1'), '2026-03-01'],
    ['2026年3月1日', text('2026年3月1日'), '2026-03-01'],
    ['2026 年 3 月 1 日', text('2026 年 3 月 1 日'), '2026-03-01'],
    ['２０２６年３月１日', text('２０２６年３月１日'), '2026-03-01'],
    ['2026-03-01 08:30:00', text('2026-03-01 08:30:00'), '2026-03-01'],
    ['20260301', text('20260301'), '2026-03-01'],
    ['2026-02-30', text('2026-02-30'), null],
    ['2026-13-01', text('2026-13-01'), null],
    ['3/1/2026 (month first is ambiguous)', text('3/1/2026'), null],
    ['2026-3', text('2026-3'), null],
    ['去年三月', text('去年三月'), null],
    ['the number 2026 is not a date', num(2026), null],
    ['empty', { kind: 'empty' }, null],
  ])('%s', (_n, r, expected) => expect(parseDate(r)).toEqual(expected === null ? { ok: false } : { ok: true, date: expected }));
  it('1904 serials', () => expect(parseDate(num(44620), true)).toEqual({ ok: true, date: '2026-03-01' }));
});
