/**
 * Issue 10 §2, the out/ layout for every writer: the current revision under its plain name,
 * earlier revisions in 第N版/ beside it, every file registered with its hash (`check`), a file a
 * person edited never moved, overwritten or deleted (the new one goes beside it), a file no
 * revision explains moved aside into 移出-YYYY-MM-DD/, and `close --force` re-rendering the
 * committed revision without recomputing it. In-process (jx), on one shared closed workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { DEMO_DIR, MONTH, copyWorkspace, filesUnder, freshWorkspace, jx, removeTempDirs, sha256 } from '../e2e/helpers.js';
import { openContext } from '../../src/app/context.js';

afterAll(removeTempDirs);

const NOW = new Date('2026-11-20T10:00:00+08:00');
const LATER = new Date('2026-11-25T10:00:00+08:00');
let closed: string;

const tree = filesUnder;

const registered = (ws: string) => {
  const ctx = openContext({ workspace: ws, cwd: ws });
  try {
    return ctx.ledger.allOutputs().map((f) => f.path.replace(/^out\//, ''));
  } finally {
    ctx.ledger.close();
  }
};

beforeAll(async () => {
  const { dir, ws } = await freshWorkspace('layout');
  const files = readdirSync(DEMO_DIR)
    .filter((f) => f.endsWith('.xlsx') && !f.endsWith('-第一版.xlsx'))
    .map((f) => path.join(DEMO_DIR, f));
  expect((await jx(['receive', ...files, '--at', '2026-11-02 09:00'], { ws, cwd: dir })).code).toBe(0);
  const c = await jx(['close', '--month', MONTH, '--json'], { ws, now: NOW });
  expect(c.code, c.out).toBe(0);
  closed = ws;
}, 120_000);

describe('one layout, every file registered', () => {
  it('after a close every file under out/ is registered with its hash, and check is consistent', async () => {
    const out = path.join(closed, 'out');
    expect(registered(closed).sort()).toEqual(tree(out));
    const check = await jx(['check', '--json'], { ws: closed });
    expect([check.code, check.json.problems, check.json.checked.outputFiles]).toEqual([0, [], tree(out).length]);
  });

  it('reopen: revision 2 under plain names, revision 1 (summary, payroll, letters) in 第1版/ beside them, 补发扣回 of revision 2', async () => {
    const { ws } = copyWorkspace(closed, 'layout-reopen');
    const before = tree(path.join(ws, 'out', MONTH));
    const r = await jx(['close', '--month', MONTH, '--reopen', '--reason', '重算', '--json'], { ws, now: LATER });
    expect(r.code, r.out).toBe(0);
    const after = tree(path.join(ws, 'out', MONTH));
    // every file of revision 1 is still there, one folder down
    for (const f of before) {
      const moved = f.includes('/') ? `${path.dirname(f)}/第1版/${path.basename(f)}` : `第1版/${f}`;
      expect(after, f).toContain(moved);
    }
    expect(after.filter((f) => !f.includes('第1版/'))).toEqual([...before, `补发扣回-${MONTH}-第2版.xlsx`].sort());
    expect((await jx(['check', '--json'], { ws })).json.problems).toEqual([]);
  });

  it('a file a person edited is never moved or overwritten: the new revision goes beside it, the edited one is reported; check warns but stays consistent', async () => {
    const { ws } = copyWorkspace(closed, 'layout-edited');
    const summary = path.join(ws, 'out', MONTH, `绩效汇总-${MONTH}.xlsx`);
    writeFileSync(summary, Buffer.concat([readFileSync(summary), Buffer.from('clerk note')]));
    const edited = sha256(summary);
    const check = await jx(['check', '--json'], { ws });
    expect([check.code, check.json.problems.map((p: any) => [p.code, p.file])]).toEqual([0, [['output.edited', summary]]]);
    const r = await jx(['close', '--month', MONTH, '--reopen', '--reason', '重算', '--json'], { ws, now: LATER });
    expect(r.code, r.out).toBe(0);
    expect(sha256(summary)).toBe(edited);
    const beside = path.join(ws, 'out', MONTH, `绩效汇总-${MONTH}(第2版).xlsx`);
    expect(r.json.issues.filter((i: any) => i.code === 'output.edited_kept').map((i: any) => [i.file, i.params.beside])).toEqual([[summary, beside]]);
    expect(existsSync(beside)).toBe(true);
    expect(existsSync(path.join(ws, 'out', MONTH, '第1版', `绩效汇总-${MONTH}.xlsx`))).toBe(false);
  });

  it('a file no revision explains is moved aside into 移出-YYYY-MM-DD/ by the next close and reported; a deleted one is rebuilt', async () => {
    const { ws } = copyWorkspace(closed, 'layout-aside');
    const month = path.join(ws, 'out', MONTH);
    writeFileSync(path.join(month, '我的备注.xlsx'), 'not from jixiao');
    const payroll = path.join(month, `绩效工资表-${MONTH}.csv`);
    const bytes = readFileSync(payroll);
    writeFileSync(payroll, ''); // replaced by hand …
    const deleted = path.join(month, `绩效工资表-${MONTH}.xlsx`);
    const xlsx = readFileSync(deleted);
    unlinkSync(deleted); // … and one deleted
    const check = await jx(['check', '--json'], { ws });
    expect(check.code).toBe(1);
    expect(check.json.problems.map((p: any) => p.code).sort()).toEqual(['check.output_missing', 'check.output_unregistered', 'output.edited']);
    const r = await jx(['close', '--month', MONTH, '--json'], { ws, now: LATER });
    expect(r.code, r.out).toBe(0);
    expect(r.json.issues.map((i: any) => i.code)).toEqual(['close.outputs_rebuilt', 'output.moved_aside']);
    expect(readFileSync(path.join(month, '移出-2026-11-25', '我的备注.xlsx'), 'utf8')).toBe('not from jixiao');
    // rebuilt from the ledger: the same cells as the file that was deleted
    const cells = async (bytes: Buffer) => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
      return wb.worksheets.map((w) => w.getSheetValues().map((r) => JSON.stringify(r)));
    };
    expect(await cells(readFileSync(deleted))).toEqual(await cells(xlsx));
    expect(readFileSync(payroll).length).toBe(0); // the edited one is left alone …
    expect(bytes.length).toBeGreaterThan(0);
    const after = await jx(['check', '--json'], { ws });
    expect([after.code, after.json.problems.map((p: any) => [p.code, p.file])]).toEqual([0, [['output.edited', payroll]]]); // … and still reported
  });

  it('close --force on a closed month renders the revision again (here in English): nothing recomputed, no new revision, files registered anew', async () => {
    const { ws } = copyWorkspace(closed, 'layout-force');
    const summary = path.join(ws, 'out', MONTH, `绩效汇总-${MONTH}.xlsx`);
    const zh = sha256(summary);
    const plain = await jx(['close', '--month', MONTH, '--json'], { ws, now: LATER });
    expect([plain.code, plain.json.issues.map((i: any) => i.code)]).toEqual([1, ['close.already_closed']]);
    const r = await jx(['--lang', 'en', 'close', '--month', MONTH, '--force', '--json'], { ws, now: LATER });
    expect([r.code, r.json.revision]).toEqual([0, 1]);
    expect(sha256(summary)).not.toBe(zh);
    expect(readdirSync(path.join(ws, 'out', MONTH)).filter((f) => f.startsWith('第'))).toEqual([]);
    expect((await jx(['check', '--json'], { ws })).json.problems).toEqual([]);
  });

  it('report: a rerun with nothing new is the same file; after a reopen the earlier report goes into out/第1版/', async () => {
    const { ws } = copyWorkspace(closed, 'layout-report');
    const file = path.join(ws, 'out', '绩效报告-2026Q4.xlsx');
    expect((await jx(['report', '--quarter', '2026Q4', '--json'], { ws, now: NOW })).code).toBe(0);
    const first = sha256(file);
    expect((await jx(['report', '--quarter', '2026Q4', '--json'], { ws, now: LATER })).code).toBe(0);
    expect([sha256(file), existsSync(path.join(ws, 'out', '第1版'))]).toEqual([first, false]);
    expect((await jx(['close', '--month', MONTH, '--reopen', '--reason', '重算'], { ws, now: LATER })).code).toBe(0);
    expect((await jx(['report', '--quarter', '2026Q4', '--json'], { ws, now: LATER })).code).toBe(0);
    expect(sha256(path.join(ws, 'out', '第1版', '绩效报告-2026Q4.xlsx'))).toBe(first);
    expect(sha256(file)).not.toBe(first);
    expect((await jx(['check', '--json'], { ws })).json.problems).toEqual([]);
  });

  it('slips: a rerun needs no --force; jixiao\'s own files are replaced, a slip someone edited is kept with the new one beside it', async () => {
    const { ws } = copyWorkspace(closed, 'layout-slips');
    const saved = process.env.SOFFICE;
    process.env.SOFFICE = '';
    try {
      const first = await jx(['slips', '--month', MONTH, '--department', '人力资源部', '--json'], { ws, now: NOW });
      expect(first.code, first.out).toBe(0);
      const docx = first.json.files[0] as string;
      writeFileSync(docx, Buffer.concat([readFileSync(docx), Buffer.from('edited')]));
      const edited = sha256(docx);
      const again = await jx(['slips', '--month', MONTH, '--department', '人力资源部', '--json'], { ws, now: LATER });
      expect(again.code, again.out).toBe(0);
      expect(again.json.issues.map((i: any) => i.code)).toContain('output.edited_kept');
      expect(sha256(docx)).toBe(edited);
      expect(path.basename(again.json.files[0])).toBe(path.basename(docx).replace('.docx', '(第1版).docx'));
    } finally {
      if (saved === undefined) delete process.env.SOFFICE;
      else process.env.SOFFICE = saved;
    }
  });
});
