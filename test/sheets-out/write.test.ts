import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderIssue } from '../../src/i18n/index.js';
import { asIssue } from '../../src/issues.js';
import {
  cellText,
  cjkWidth,
  fitColumns,
  guardText,
  nodeWriteFs,
  safeFileName,
  writeFailure,
  writeFileAtomic,
  writeFilesAtomic,
  writeWorkbookAtomic,
  type WriteFs,
} from '../../src/sheets/write.js';

const ioError = (code: string) => Object.assign(new Error(`${code}: simulated`), { code, syscall: 'rename' });

describe('guardText (formula injection)', () => {
  it.each(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠'])('prefixes an apostrophe before %j', (ch) => {
    expect(guardText(`${ch}cmd|' /C calc'!A0`)).toBe(`'${ch}cmd|' /C calc'!A0`);
  });
  it('leaves ordinary text alone', () => {
    for (const s of ['', '王强', '1001', 'a=b', "'already", ' =spaced', '（备注）', '█████']) expect(guardText(s)).toBe(s);
  });
  it('cellText also strips XML-illegal control characters and caps the length', () => {
    expect(cellText('王\u0000强\u0007')).toBe('王强');
    expect(cellText('\u0001=1+1')).toBe("'=1+1");
    expect(cellText('x'.repeat(40000)).length).toBe(32767);
  });
});

describe('safeFileName', () => {
  it.each([
    ['张三/李四', '张三_李四'],
    ['a\\b:c*d?e"f<g>h|i', 'a_b_c_d_e_f_g_h_i'],
    ['tab\there\u0000', 'tab_here_'],
    ['...隐藏', '隐藏'],
    ['  绩效汇总. . ', '绩效汇总'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['LPT1', '_LPT1'],
    ['nul ', '_nul'],
    ['CONSOLE', 'CONSOLE'],
    ['服务站-王强', '服务站-王强'],
    ['', '_'],
    ['...', '_'],
    ['..', '_'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
  it('caps the UTF-8 length without splitting a character', () => {
    const out = safeFileName('汉'.repeat(100), { maxBytes: 50 });
    expect(out).toBe('汉'.repeat(16)); // 3 bytes each
    expect(Buffer.byteLength(out)).toBeLessThanOrEqual(50);
    const emoji = safeFileName('😀'.repeat(10), { maxBytes: 9 });
    expect(emoji).toBe('😀😀');
  });
});

describe('cjkWidth / fitColumns', () => {
  it('counts CJK double and takes the widest line', () => {
    expect(cjkWidth('abc')).toBe(3);
    expect(cjkWidth('绩效')).toBe(4);
    expect(cjkWidth('ａｂ')).toBe(4);
    expect(cjkWidth('短\n更长的一行')).toBe(10);
  });
  it('sizes columns by content within min/max and wraps over-long text', () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['工号', '人力资源部经理助理', 'a']);
    ws.addRow([1, 'x', 1234567.5]);
    ws.getCell('C2').numFmt = '#,##0.00';
    ws.addRow(['', '', '', '很长'.repeat(40)]);
    fitColumns(ws, { min: 6, max: 40, extra: 2 });
    expect(ws.getColumn(1).width).toBe(6); // 4 + 2 < min
    expect(ws.getColumn(2).width).toBe(20); // 18 + 2
    expect(ws.getColumn(3).width).toBe(14); // "1,234,567.50" 12 + 2
    expect(ws.getColumn(4).width).toBe(40);
    expect(ws.getCell('D3').alignment?.wrapText).toBe(true);
  });
});

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jixiao-write-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const leftovers = async () => (await readdir(dir)).filter((f) => f.startsWith('.jixiao-'));

  it('writes a new file', async () => {
    const target = join(dir, '绩效汇总-2026-10.csv');
    const r = await writeFileAtomic(target, Buffer.from('new'), { overwrite: false });
    expect(r).toEqual({ ok: true, file: target });
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await leftovers()).toEqual([]);
  });

  it('refuses an existing target without overwrite and leaves it untouched', async () => {
    const target = join(dir, 'out.csv');
    await writeFile(target, 'old bytes');
    let called = false;
    const r = await writeFileAtomic(target, async () => void (called = true), { overwrite: false });
    expect(r).toEqual({ ok: false, code: 'output.exists', severity: 'error', file: target, params: { file: target, detail: '' } });
    expect(called).toBe(false);
    expect(await readFile(target, 'utf8')).toBe('old bytes');
    expect(await leftovers()).toEqual([]);
  });

  it('replaces an existing target with overwrite', async () => {
    const target = join(dir, 'out.csv');
    await writeFile(target, 'old');
    const r = await writeFileAtomic(target, 'new text', { overwrite: true });
    expect(r.ok).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('new text');
    expect(await leftovers()).toEqual([]);
  });

  it.each(['EBUSY', 'EPERM', 'EACCES'])('reports %s on rename (file open in Excel) as output.locked; old file kept, temp removed', async (code) => {
    const target = join(dir, '绩效工资表-2026-10.xlsx');
    await writeFile(target, 'old bytes');
    const fs: Partial<WriteFs> = {
      rename: async (from, to) => {
        if (to === target) throw ioError(code);
        return nodeWriteFs.rename(from, to);
      },
    };
    const r = await writeFileAtomic(target, Buffer.from('new bytes'), { overwrite: true, fs });
    expect(r).toEqual({ ok: false, code: 'output.locked', severity: 'error', file: target, params: { file: target, detail: code } });
    expect(await readFile(target, 'utf8')).toBe('old bytes');
    expect(await leftovers()).toEqual([]);
  });

  it('reports a read-only folder (EACCES on the temp file) as output.locked', async () => {
    const target = join(dir, 'x.csv');
    const fs: Partial<WriteFs> = {
      writeFile: async () => {
        throw ioError('EACCES');
      },
    };
    const r = await writeFileAtomic(target, 'x', { overwrite: false, fs });
    expect(r.ok === false && r.code).toBe('output.locked');
  });

  it('reports other system errors (disk full) as output.failed and removes the temp file', async () => {
    const target = join(dir, 'x.csv');
    const r = await writeFileAtomic(
      target,
      async (tmp) => {
        await writeFile(tmp, 'partial');
        throw ioError('ENOSPC');
      },
      { overwrite: false },
    );
    expect(r).toEqual({ ok: false, code: 'output.failed', severity: 'error', file: target, params: { file: target, detail: 'ENOSPC' } });
    expect(await readdir(dir)).toEqual([]);
  });

  it('rethrows a bug in the content writer, after removing the temp file', async () => {
    const target = join(dir, 'x.csv');
    await expect(
      writeFileAtomic(
        target,
        async (tmp) => {
          await writeFile(tmp, 'partial');
          throw new TypeError('bug');
        },
        { overwrite: false },
      ),
    ).rejects.toThrow('bug');
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes an exceljs workbook through a temp file', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('汇总').getCell('A1').value = '工号';
    const target = join(dir, 'w.xlsx');
    expect((await writeWorkbookAtomic(wb, target, { overwrite: false })).ok).toBe(true);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(target);
    expect(back.getWorksheet('汇总')!.getCell('A1').value).toBe('工号');
  });

  it('renders failures as issues in both languages', () => {
    const i = asIssue(writeFailure('a.xlsx', Object.assign(new Error('busy'), { code: 'EBUSY' })));
    expect(renderIssue(i, 'zh').message).toContain('a.xlsx');
    expect(renderIssue(i, 'zh').hint).toContain('关闭');
    expect(renderIssue(i, 'en').message).toContain('open in another program');
  });
});

describe('writeFilesAtomic (all or nothing)', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jixiao-many-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const files = () => ['a.xlsx', 'b.xlsx', 'c.csv'].map((f) => join(dir, f));
  const entries = () => files().map((path, i) => ({ path, content: Buffer.from(`new ${i}`) }));
  const contents = async () => Promise.all(files().map((f) => readFile(f, 'utf8').catch(() => null)));

  it('writes every file', async () => {
    const r = await writeFilesAtomic(entries(), { overwrite: false });
    expect(r).toEqual({ ok: true, files: files() });
    expect(await contents()).toEqual(['new 0', 'new 1', 'new 2']);
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('refuses when any target exists, writing none', async () => {
    await writeFile(files()[2], 'old 2');
    const r = await writeFilesAtomic(entries(), { overwrite: false });
    expect(r.ok === false && r.code).toBe('output.exists');
    expect(await contents()).toEqual([null, null, 'old 2']);
    expect(await readdir(dir)).toHaveLength(1);
  });

  it('a locked target found by the probe changes nothing', async () => {
    for (const [i, f] of files().entries()) await writeFile(f, `old ${i}`);
    const fs: Partial<WriteFs> = {
      probeWritable: async (p) => {
        if (p === files()[1]) throw ioError('EBUSY');
      },
    };
    const r = await writeFilesAtomic(entries(), { overwrite: true, fs });
    expect(r).toEqual({ ok: false, code: 'output.locked', severity: 'error', file: files()[1], params: { file: files()[1], detail: 'EBUSY' } });
    expect(await contents()).toEqual(['old 0', 'old 1', 'old 2']);
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('a rename failing half-way restores the files already replaced', async () => {
    for (const [i, f] of files().entries()) await writeFile(f, `old ${i}`);
    const fs: Partial<WriteFs> = {
      rename: async (from, to) => {
        if (to === files()[2] && from.endsWith('.tmp')) throw ioError('EPERM');
        return nodeWriteFs.rename(from, to);
      },
    };
    const r = await writeFilesAtomic(entries(), { overwrite: true, fs });
    expect(r.ok === false && r.code).toBe('output.locked');
    expect(await contents()).toEqual(['old 0', 'old 1', 'old 2']);
    expect(await readdir(dir)).toHaveLength(3);
  });

  it('a failure with no previous files leaves no new files behind', async () => {
    const fs: Partial<WriteFs> = {
      rename: async (from, to) => {
        if (to === files()[1]) throw ioError('EBUSY');
        return nodeWriteFs.rename(from, to);
      },
    };
    const r = await writeFilesAtomic(entries(), { overwrite: false, fs });
    expect(r.ok).toBe(false);
    expect(await readdir(dir)).toEqual([]);
  });
});
