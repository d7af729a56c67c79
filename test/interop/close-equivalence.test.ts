/**
 * Issue 5, part C — score sheets filled or saved by another program close to exactly the
 * same month as the same scores written by our own code.
 *
 * Reference: the 20 final demo sheets (fixtures/demo/2026-10, filled by our code and saved
 * by exceljs; the `-第一版` bad first version left out) received at their receipts.json
 * times into a fresh workspace, and the month closed.
 *
 * Every workspace splits the year's targets (fixtures/年度目标.xlsx) first, as the demo does, so
 * the blank goals sheets carry the same pre-filled 指标/目标值 rows as ours and the KPI rows our
 * scorers filled with only 实际值 are scored by the rule in every variant.
 *
 * Three variants, each in its own fresh workspace with the same staff list, the same receipt
 * times (the learning sheet twice, as in receipts.json) and the same close time:
 *  a. openpyxl fills the BLANK sheets `jixiao forms` generated in that workspace with exactly
 *     the values our filled sheets hold (every unlocked cell: goals, weights, scores,
 *     commissions, signatures, interview dates — close-inputs.ts), and saves them;
 *  b. LibreOffice re-saves our 20 filled sheets (`soffice --convert-to xlsx`, one run);
 *  c. LibreOffice itself, through its UNO bridge, loads the blank generated sheets, sets the
 *     same values through the cell API and stores them as "Calc MS Excel 2007 XML" (all 20
 *     sheets, one LibreOffice session).
 * Each variant: every receive exits 0 without errors or warnings; close exits 0; the
 * MonthResult equals the reference in everything but the SHA-256 of the input files; the
 * payroll CSV is byte for byte the reference's; the summary and payroll workbooks hold the
 * same cells, except the 说明 sheet's SHA-256 column, which holds the hashes of the files
 * that variant received.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import { openLedger } from '../../src/ledger/index.js';
import type { MonthResult, ParsedForm } from '../../src/model.js';
import { DEMO_DIR, FIXTURES, MONTH, findRow, freshWorkspace, jx, plain, readWorkbook, removeTempDirs, sha256, tempDir } from '../e2e/helpers.js';
import { inputAssignments } from './close-inputs.js';
import { cleanupLibreOffice, convert, privateProfile, soffice } from './lo.js';
import { requirePython, runPython } from './python.js';

interface Receipt {
  file: string;
  at: string;
}
/** The receipts of the 20 final sheets, in arrival order (the learning sheet arrives twice). */
const RECEIPTS: Receipt[] = (JSON.parse(readFileSync(path.join(DEMO_DIR, 'receipts.json'), 'utf8')) as Receipt[]).filter(
  (r) => !r.file.endsWith('-第一版.xlsx'),
);
const FILES = [...new Set(RECEIPTS.map((r) => r.file))].sort();
const NOW = new Date('2026-11-10T10:00:00+08:00');
const CSV = `绩效工资表-${MONTH}.csv`;
const PAYROLL = `绩效工资表-${MONTH}.xlsx`;
const SUMMARY = `绩效汇总-${MONTH}.xlsx`;

type VariantName = 'openpyxl' | 'lo' | 'uno';
const VARIANTS: { name: VariantName; title: string }[] = [
  { name: 'openpyxl', title: 'openpyxl fills the 20 blank generated sheets' },
  { name: 'lo', title: 'LibreOffice re-saves our 20 filled sheets (--convert-to xlsx)' },
  { name: 'uno', title: 'LibreOffice fills the 20 blank generated sheets through UNO' },
];

interface ReceiveLine {
  file: string;
  at: string;
  code: number;
  errors: string[];
  warnings: string[];
  version: number | null;
  duplicate: boolean;
}
interface Closed {
  /** Folder the received files came from (name → file). */
  dir: string;
  ws: string;
  receives: ReceiveLine[];
  closeCode: number;
  closeIssues: { severity: string; code: string }[];
  result: MonthResult;
  csv: Buffer;
  /** What the ledger stored per sheet (file name → the rows close used): goals, sign-offs with interview dates, scores with their cells. */
  parsed: Map<string, ParsedForm | null>;
}

/** Receive every sheet at its receipts.json time, then close (fixed clock). */
async function receiveAndClose(ws: string, dir: string): Promise<Closed> {
  const receives: ReceiveLine[] = [];
  for (const r of RECEIPTS) {
    const got = await jx(['receive', path.join(dir, r.file), '--at', r.at, '--json'], { ws, cwd: path.dirname(ws), now: NOW });
    const issues = (got.json?.issues ?? []) as { severity: string; code: string; sheet?: string; cell?: string; message: string }[];
    const of = (s: string) => issues.filter((i) => i.severity === s).map((i) => `${r.file} ${i.code}@${i.sheet ?? ''}!${i.cell ?? ''}: ${i.message}`);
    const f = got.json?.files?.[0];
    receives.push({ file: r.file, at: r.at, code: got.code, errors: of('error'), warnings: of('warning'), version: f?.version ?? null, duplicate: !!f?.duplicate });
  }
  const c = await jx(['close', '--month', MONTH, '--json'], { ws, cwd: path.dirname(ws), now: NOW });
  const out = path.join(ws, 'out', MONTH);
  const parsed = new Map<string, ParsedForm | null>();
  const l = openLedger(path.join(ws, 'jixiao.db'), { mustExist: true });
  if (!l.ok) throw new Error(`ledger: ${l.code}`);
  try {
    for (const s of l.ledger.submissionsFor(MONTH)) parsed.set(s.fileName, s.parsed);
  } finally {
    l.ledger.close();
  }
  return {
    parsed,
    dir,
    ws,
    receives,
    closeCode: c.code,
    closeIssues: (c.json?.issues ?? []).map((i: { severity: string; code: string }) => ({ severity: i.severity, code: i.code })),
    result: c.json?.result,
    csv: existsSync(path.join(out, CSV)) ? await readFile(path.join(out, CSV)) : Buffer.alloc(0),
  };
}

/** The demo's year targets split in a workspace (before its forms, as `jixiao demo` does). */
async function splitTargets(ws: string): Promise<void> {
  const r = await jx(['targets', 'split', path.join(FIXTURES, '年度目标.xlsx'), '--year', MONTH.slice(0, 4), '--json'], { ws, cwd: path.dirname(ws), now: NOW });
  if (r.code !== 0) throw new Error(`targets split failed: ${r.out}\n${r.err}`);
}

/** The 20 blank sheets `jixiao forms` writes in a workspace (file name → path). */
async function blankForms(ws: string): Promise<Map<string, string>> {
  const r = await jx(['forms', '--month', MONTH, '--json'], { ws, cwd: path.dirname(ws), now: NOW });
  if (r.code !== 0) throw new Error(`forms failed: ${r.out}\n${r.err}`);
  return new Map((r.json.forms as { file: string }[]).map((f) => [path.basename(f.file), f.file]));
}

/** Every sheet's cells as plain values (rich text joined, formulas by result). */
async function cellsOf(file: string): Promise<Map<string, (string | number | null)[][]>> {
  const wb = await readWorkbook(file);
  const out = new Map<string, (string | number | null)[][]>();
  wb.eachSheet((ws) => {
    const rows: (string | number | null)[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row: (string | number | null)[] = [];
      for (let c = 1; c <= ws.columnCount; c++) row.push(plain(ws.getRow(r).getCell(c).value));
      rows.push(row);
    }
    out.set(ws.name, rows);
  });
  return out;
}

/** The input-file table of the summary's 说明 sheet: file name → SHA-256 shown, and the cells with that column blanked. */
async function summaryCells(file: string): Promise<{ cells: Map<string, (string | number | null)[][]>; shown: Map<string, string> }> {
  const cells = await cellsOf(file);
  const wb = await readWorkbook(file);
  const ws = wb.getWorksheet('说明')!;
  const header = findRow(ws, '输入文件') + 1;
  const rows = cells.get('说明')!;
  const cFile = rows[header - 1].indexOf('文件');
  const cSha = rows[header - 1].indexOf('SHA-256');
  if (cFile < 0 || cSha < 0) throw new Error(`说明: no 文件/SHA-256 header in row ${header}`);
  const shown = new Map<string, string>();
  for (let r = header; r < rows.length && rows[r][cFile] !== null; r++) {
    shown.set(String(rows[r][cFile]), String(rows[r][cSha]));
    rows[r][cSha] = '(sha256)';
  }
  // The table of every file received repeats the hashes (and must repeat the same ones).
  const all = findRow(ws, RECEIVED_TITLE) + 1;
  for (let r = all; r < rows.length && rows[r][cFile] !== null; r++) {
    expect(rows[r][cSha], String(rows[r][cFile])).toBe(shown.get(String(rows[r][cFile])));
    rows[r][cSha] = '(sha256)';
  }
  return { cells, shown };
}

const RECEIVED_TITLE = '本月收到的全部文件(含被取代和有错误的版本;相同文件重复收到只记一次)';
const withoutHashes = (m: MonthResult) => ({
  ...m,
  inputs: m.inputs.map(({ sha256: _, ...rest }) => rest),
  received: m.received?.map(({ sha256: _, ...rest }) => rest),
});

/** docProps/app.xml <Application> of an xlsx. */
async function application(file: string): Promise<string | null> {
  const zip = await JSZip.loadAsync(await readFile(file));
  const app = (await zip.file('docProps/app.xml')?.async('string')) ?? '';
  return /<Application>([^<]*)<\/Application>/.exec(app)?.[1] ?? null;
}

describe.runIf(interopSuite('test/interop/close-equivalence.test.ts', ['soffice', 'openpyxl', 'uno']))('issue 5 part C: sheets filled or saved by openpyxl and LibreOffice close to exactly the month our own sheets close to', () => {
  let ref: Closed;
  const got = new Map<VariantName, Closed>();
  let unoVersion = '';

  beforeAll(async () => {
    soffice(); // fails with the install hint when LibreOffice is missing
    requirePython('openpyxl', 'uno');
    expect(FILES).toHaveLength(20);

    // the workspaces: reference and one per variant, each with the same staff list
    const refWs = await freshWorkspace('close-eq-ref');
    const pyWs = await freshWorkspace('close-eq-openpyxl');
    const loWs = await freshWorkspace('close-eq-lo');
    const unoWs = await freshWorkspace('close-eq-uno');
    for (const w of [refWs, pyWs, loWs, unoWs]) await splitTargets(w.ws);
    const pyBlank = await blankForms(pyWs.ws);
    const unoBlank = await blankForms(unoWs.ws);
    for (const b of [pyBlank, unoBlank]) expect([...b.keys()].sort()).toEqual(FILES);

    const work = tempDir('close-eq-files');
    const dirs = { openpyxl: path.join(work, 'openpyxl'), lo: path.join(work, 'lo'), uno: path.join(work, 'uno') };
    for (const d of Object.values(dirs)) await mkdir(d, { recursive: true });
    const jobs = async (blank: Map<string, string>, dst: string) =>
      Promise.all(
        FILES.map(async (f) => ({ src: blank.get(f)!, dst: path.join(dst, f), cells: await inputAssignments(path.join(DEMO_DIR, f), blank.get(f)!) })),
      );
    const [pyJobs, unoJobs] = await Promise.all([jobs(pyBlank, dirs.openpyxl), jobs(unoBlank, dirs.uno)]);

    const profile = privateProfile('close-eq-uno');
    const [, , uno] = await Promise.all([
      runPython('fill_openpyxl.py', { jobs: pyJobs }),
      convert(
        FILES.map((f) => path.join(DEMO_DIR, f)),
        'xlsx',
        dirs.lo,
      ),
      runPython<{ written: string[]; version: string }>(
        'fill_uno.py',
        { soffice: soffice(), profile: profile.url, pipe: `jixiao_close_${process.pid}_${Date.now()}`, jobs: unoJobs },
        { env: { TMPDIR: profile.tmp } },
      ),
    ]);
    unoVersion = uno.version;

    ref = await receiveAndClose(refWs.ws, DEMO_DIR);
    got.set('openpyxl', await receiveAndClose(pyWs.ws, dirs.openpyxl));
    got.set('lo', await receiveAndClose(loWs.ws, dirs.lo));
    got.set('uno', await receiveAndClose(unoWs.ws, dirs.uno));
  }, 240_000);

  afterAll(() => {
    cleanupLibreOffice();
    removeTempDirs();
  });

  it('the reference (our own sheets) receives clean and closes; KPI rows with only 实际值 were scored by the rule', () => {
    const ruled = [...ref.parsed.values()].flatMap((p) => p?.goals.filter((g) => g.byRule) ?? []);
    expect(ruled.length).toBeGreaterThan(5);
    for (const g of ruled) expect(g.byRule!.rule).toBe('higher_better');
    expect(ref.receives.flatMap((r) => r.errors)).toEqual([]);
    expect(ref.receives.flatMap((r) => r.warnings)).toEqual([]);
    expect(ref.receives.map((r) => r.code)).toEqual(RECEIPTS.map(() => 0));
    expect(ref.closeCode).toBe(0);
    expect(ref.closeIssues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(ref.result.employees.length).toBeGreaterThan(70);
    // the payroll CSV names no file and no time: it can be compared byte for byte
    const text = ref.csv.toString('utf8');
    for (const f of FILES) expect(text).not.toContain(f.replace(/\.xlsx$/, ''));
    expect(text).not.toMatch(/\.xlsx|2026-11-|[0-9a-f]{64}/);
  });

  for (const v of VARIANTS)
    describe(v.title, () => {
      const c = () => got.get(v.name)!;

      it('the files really come from that program (other bytes than ours; LibreOffice names itself)', async () => {
        for (const f of FILES) expect(sha256(path.join(c().dir, f)), f).not.toBe(sha256(path.join(DEMO_DIR, f)));
        if (v.name !== 'openpyxl') {
          const apps = new Set(await Promise.all(FILES.map((f) => application(path.join(c().dir, f)))));
          expect([...apps]).toEqual([expect.stringMatching(/^LibreOffice\//)]);
        }
        if (v.name === 'uno') expect(unoVersion).toMatch(/^\d+\.\d+/);
      });

      it('every receive exits 0 with no errors and no warnings; the learning sheet sent twice is recognised', () => {
        expect(c().receives.flatMap((r) => r.errors)).toEqual([]);
        expect(c().receives.flatMap((r) => r.warnings)).toEqual([]);
        expect(c().receives.map((r) => r.code)).toEqual(RECEIPTS.map(() => 0));
        expect(c().receives.map((r) => [r.file, r.version, r.duplicate])).toEqual(ref.receives.map((r) => [r.file, r.version, r.duplicate]));
      });

      it('the ledger holds the same rows for every sheet: goals, scores and commissions with their cells, signatures, interview dates', () => {
        expect([...c().parsed.keys()].sort()).toEqual(FILES);
        for (const f of FILES) expect(c().parsed.get(f), f).toEqual(ref.parsed.get(f));
        const goals = ref.parsed.get(FILES.find((f) => f.endsWith('目标与KPI.xlsx'))!)!;
        expect(goals.signOffs.length).toBeGreaterThan(0);
        expect(goals.signOffs.every((s) => s.interviewDate === '2026-11-03' && s.employeeSigned && s.managerSigned && s.skipManagerSigned)).toBe(true);
      });

      it('close exits 0; every employee: status, section scores, total, grade, pay base, performance pay as the reference', () => {
        expect(c().closeCode).toBe(0);
        expect(c().closeIssues).toEqual(ref.closeIssues);
        const pick = (m: MonthResult) =>
          m.employees.map((e) => ({
            id: e.employeeId,
            status: e.status,
            sections: e.sections.map((s) => [s.sectionId, s.score, s.scorerId]),
            total: e.total,
            bandGrade: e.bandGrade,
            grade: e.grade,
            payBase: e.payBase,
            commission: e.commission,
            performancePay: e.performancePay,
            flags: e.flags,
          }));
        expect(pick(c().result)).toEqual(pick(ref.result));
      });

      it('the same distribution, fines (same times → same days late) and payroll lines and totals', () => {
        expect(c().result.distribution).toEqual(ref.result.distribution);
        expect(c().result.fines).toEqual(ref.result.fines);
        expect(c().result.payroll).toEqual(ref.result.payroll);
      });

      it('the whole MonthResult equals the reference but for the input files’ SHA-256, which are those of the files received', () => {
        expect(withoutHashes(c().result)).toEqual(withoutHashes(ref.result));
        expect(c().result.inputs.map((i) => [i.file, i.sha256]).sort()).toEqual(FILES.map((f) => [f, sha256(path.join(c().dir, f))]));
        expect(ref.result.inputs.map((i) => [i.file, i.sha256]).sort()).toEqual(FILES.map((f) => [f, sha256(path.join(DEMO_DIR, f))]));
      });

      it('the payroll CSV is byte for byte the reference’s', () => {
        expect(c().csv.length).toBeGreaterThan(1000);
        expect(c().csv.equals(ref.csv)).toBe(true);
      });

      it('the payroll and summary workbooks hold the same cells; the 说明 sheet lists the SHA-256 of the files this variant received', async () => {
        const out = (x: Closed, f: string) => path.join(x.ws, 'out', MONTH, f);
        expect(await cellsOf(out(c(), PAYROLL))).toEqual(await cellsOf(out(ref, PAYROLL)));
        const mine = await summaryCells(out(c(), SUMMARY));
        const theirs = await summaryCells(out(ref, SUMMARY));
        expect([...mine.shown].sort()).toEqual(FILES.map((f) => [f, sha256(path.join(c().dir, f))]));
        expect([...theirs.shown].sort()).toEqual(FILES.map((f) => [f, sha256(path.join(DEMO_DIR, f))]));
        expect(mine.cells).toEqual(theirs.cells);
      });
    });
});
