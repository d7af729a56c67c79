/**
 * `npm run build && npm run bench -- --employees N [--stores S] [--keep DIR] [--seed K]`
 * (`--people N` is the old name of --employees). A script, never part of `npm test`.
 *
 * Generates a dealer group (fixtures/group.ts: N people, default 20,000, in S = N/330 stores),
 * then runs the month as the clerk does — each command as its own process, timed from the
 * outside: roster import → forms → (scorers fill in, in this process, not timed as a clerk
 * step) → receive of every returned sheet in one call (a few of them faulty) → receive of the
 * corrections, late → status → close → validate of 200 files. Per step: wall time, CPU time
 * (user + system), peak RSS of that process, and rows per second.
 *
 * In the same run, the floors on the same returned files, each as its own process: a bare
 * exceljs read of every file (bytes read once, SHA-256, every cell touched), and — when
 * python3 has pandas — a pandas script reading every sheet and computing weighted totals.
 * Then the ratios (receive + close) / exceljs floor and pandas / (receive + close), and a last
 * line `RESULT {json}` with every figure. --keep DIR leaves DIR/花名册.xlsx and
 * DIR/returned/*.xlsx (and the workspace in DIR/ws) for others to rerun.
 */
import path from 'node:path';
import os from 'node:os';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, mkdir, copyFile, rm, readFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { dealerGroup } from '../fixtures/group.js';
import { fillGroupForms } from '../fixtures/group-forms.js';
import { writeRosterFile } from '../fixtures/make-roster.js';
import { loadPolicy } from '../fixtures/make-demo-forms.js';
import { defaultFormTemplate } from '../src/policy/form-template.js';

const MONTH = '2026-10';
const ON_TIME = '2026-11-02 09:00'; // before every deadline (discipline is due 11-02 17:30)
const LATE = '2026-11-05 10:00'; // the corrections of the faulty goals sheets: 1 day late
const VALIDATE_FILES = 200;
const FAULTY = 3;

const here = path.dirname(fileURLToPath(import.meta.url));
const DIST = path.resolve(here, '..'); // dist/
const ROOT = path.resolve(DIST, '..');
const CLI = path.join(DIST, 'bin', 'jixiao.js');
const USAGE = path.join(here, 'usage.js');
const FLOOR = path.join(here, 'floor-exceljs.js');
const PANDAS = path.join(ROOT, 'bench', 'floor_pandas.py');

interface Usage {
  wallS: number;
  cpuS: number;
  peakRssMb: number;
}
interface Step extends Usage {
  step: string;
  rows: number;
  note: string;
}

const steps: Step[] = [];

function arg(name: string, alias?: string): string | undefined {
  const a = process.argv.slice(2);
  for (const n of [name, alias].filter(Boolean) as string[]) {
    const i = a.indexOf(n);
    if (i >= 0) return a[i + 1];
  }
  return undefined;
}

/** Run a process to its end; wall time measured here, CPU and peak RSS by the child itself (usage.js) or by /proc for python. */
function timed(cmd: string, args: string[], o: { cwd: string; usageFile: string; input?: string }): Promise<Usage & { code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd: o.cwd, env: { ...process.env, JIXIAO_BENCH_USAGE: o.usageFile, JIXIAO_LANG: 'en' } });
    let out = '';
    let err = '';
    // Decode as text streams: a multi-byte character split between two chunks must not turn
    // into two U+FFFD (a 20,000-person forms JSON did, naming a file that does not exist).
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('close', async (code) => {
      const wallS = (performance.now() - t0) / 1000;
      let u = { cpuS: NaN, peakRssMb: NaN };
      try {
        u = JSON.parse(await readFile(o.usageFile, 'utf8'));
      } catch {
        /* the child died before writing its usage */
      }
      resolve({ wallS, ...u, code: code ?? 1, out, err });
    });
  });
}

class StepFailed extends Error {}

let usageN = 0;
async function jixiao(name: string, argv: string[], dir: string, rows: number, note: (json: any) => string): Promise<any> {
  const usageFile = path.join(dir, `usage-${usageN++}.json`);
  const r = await timed(process.execPath, ['--import', pathToUrl(USAGE), CLI, ...argv, '--json', '--lang', 'en'], { cwd: dir, usageFile });
  let json: any = null;
  try {
    json = JSON.parse(r.out);
  } catch {
    /* reported below */
  }
  const errors = (json?.issues ?? []).filter((i: any) => i.severity === 'error');
  if (r.code !== 0 && !(name.startsWith('receive') && errors.every((i: any) => i.code?.startsWith('form.') || i.code?.startsWith('score') || i.code?.startsWith('goals')))) {
    const sample = errors.slice(0, 5).map((i: any) => `  [${i.code}] ${i.file ?? ''} ${i.sheet ?? ''} ${i.cell ?? ''}: ${i.message}`).join('\n');
    throw new StepFailed(`${name}: jixiao ${argv.slice(0, 3).join(' ')}… exited ${r.code}, ${errors.length} error(s)\n${sample}\n${r.err.slice(0, 2000)}`);
  }
  steps.push({ step: name, wallS: r.wallS, cpuS: r.cpuS, peakRssMb: r.peakRssMb, rows, note: note(json) });
  return json;
}

const pathToUrl = (p: string) => new URL(`file://${p}`).href;

function printTable(title: string): void {
  const w = Math.max(...steps.map((r) => r.step.length), 4);
  const line = (a: string, b: string, c: string, d: string, e: string, f: string) =>
    `${a.padEnd(w)}  ${b.padStart(8)}  ${c.padStart(8)}  ${d.padStart(8)}  ${e.padStart(10)}  ${f}`;
  console.log(`\n${title}`);
  console.log(line('step', 'wall s', 'cpu s', 'RSS MB', 'rows/s', ''));
  console.log(line('-'.repeat(w), '-'.repeat(8), '-'.repeat(8), '-'.repeat(8), '-'.repeat(10), ''));
  for (const r of steps)
    console.log(line(r.step, r.wallS.toFixed(2), r.cpuS.toFixed(2), r.peakRssMb.toFixed(0), r.rows ? Math.round(r.rows / r.wallS).toLocaleString('en') : '', r.note));
}

/** Rows a sheet carries: goal rows per person on a goals sheet, one row per person and section otherwise. */
const rowsOf = (f: { kind: string; employees: number }, rowsPerEmployee: number) => (f.kind === 'goals' ? f.employees * rowsPerEmployee : f.employees);

/** A faulty copy of a returned goals sheet: one score above the policy's maximum (refused by receive). */
async function makeFaulty(file: string, target: string): Promise<void> {
  const t = defaultFormTemplate();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet(t.kinds.goals.sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, i) => {
    if (String(c.value ?? '') === t.columns.score!.header) col = i;
  });
  ws.getCell(2, col).value = 150;
  await wb.xlsx.writeFile(target);
}

async function run(): Promise<number> {
  const employees = Number(arg('--employees', '--people') ?? 20000);
  const storesArg = arg('--stores');
  const stores = storesArg ? Number(storesArg) : Math.max(1, Math.round(employees / 330));
  const seed = Number(arg('--seed') ?? 20261031);
  const keepArg = arg('--keep');
  if (!Number.isInteger(employees) || employees < 30 * stores) throw new StepFailed(`--employees must be a whole number of at least 30 per store (${30 * stores})`);
  if (!existsSync(CLI)) throw new StepFailed(`${CLI} missing: run npm run build first`);
  const dir = keepArg ? path.resolve(keepArg) : await mkdtemp(path.join(os.tmpdir(), 'jixiao-bench-'));
  await mkdir(dir, { recursive: true });
  const ws = path.join(dir, 'ws');
  await rm(ws, { recursive: true, force: true });
  await rm(path.join(dir, 'returned'), { recursive: true, force: true });
  const rosterFile = path.join(dir, '花名册.xlsx');
  const policy = loadPolicy();
  const rowsPerEmployee = policy.goals.rows_per_employee;
  const started = performance.now();
  let failed: unknown = null;
  const result: Record<string, unknown> = { employees, stores, seed, node: process.version, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '', memGb: Math.round(os.totalmem() / 2 ** 30) };

  try {
    const t0 = performance.now();
    const rows = dealerGroup({ employees, stores, seed, month: MONTH });
    await writeRosterFile(rows, rosterFile, '集团员工花名册(2026年10月)');
    console.log(`group: ${rows.length} people in ${stores} stores, roster written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const init = spawnSync(process.execPath, [CLI, 'init', ws, '--json'], { cwd: dir, encoding: 'utf8' });
    if (init.status !== 0) throw new StepFailed(`init: ${init.stdout}\n${init.stderr}`);

    await jixiao('roster import', ['roster', 'import', rosterFile, '--month', MONTH, '--workspace', ws], dir, rows.length, (r) =>
      `创利 ${r.counts['创利']}, 职能 ${r.counts['职能']}, excluded ${r.counts.excluded}`,
    );
    const sent = await jixiao('forms', ['forms', '--month', MONTH, '--workspace', ws], dir, 0, (r) => `${r.forms.length} sheets${r.sendList ? ' + send list' : ''}`);
    const formRows = (sent.forms as any[]).reduce((s, f) => s + rowsOf(f, rowsPerEmployee), 0);
    steps[steps.length - 1].rows = formRows;

    const t1 = performance.now();
    const returned = await fillGroupForms(sent.forms, rows, policy, MONTH, path.join(dir, 'returned'), (d, n) => {
      if (d % 250 === 0) process.stderr.write(`  filled ${d}/${n}\n`);
    });
    console.log(`scorers filled ${returned.length} sheets in ${((performance.now() - t1) / 1000).toFixed(1)} s (bench side, not a clerk step)`);

    // A few goals sheets first arrive faulty (a score of 150) and are corrected late.
    const goalsIdx = (sent.forms as any[]).map((f, i) => (f.kind === 'goals' ? i : -1)).filter((i) => i >= 0);
    const faultyIdx = new Set(goalsIdx.filter((_, k) => k % Math.max(1, Math.floor(goalsIdx.length / FAULTY)) === 0).slice(0, FAULTY));
    const faultyDir = path.join(dir, 'faulty');
    await mkdir(faultyDir, { recursive: true });
    const firstBatch: string[] = [];
    for (const [i, f] of returned.entries()) {
      if (!faultyIdx.has(i)) firstBatch.push(f);
      else {
        const bad = path.join(faultyDir, path.basename(f));
        await makeFaulty(f, bad);
        firstBatch.push(bad);
      }
    }
    const receiveRows = formRows;
    await jixiao('receive (one call)', ['receive', ...firstBatch, '--at', ON_TIME, '--month', MONTH, '--workspace', ws], dir, receiveRows, (r) => {
      const refused = (r.files as any[]).filter((f) => f.errors > 0).length;
      return `${r.files.length} files, ${refused} refused`;
    });
    await jixiao(
      'receive (late corrections)',
      ['receive', ...[...faultyIdx].map((i) => returned[i]), '--at', LATE, '--month', MONTH, '--workspace', ws],
      dir,
      0,
      (r) => `${r.files.length} files`,
    );
    await jixiao('status', ['status', '--month', MONTH, '--workspace', ws], dir, rows.length, (r) => {
      const missing = (r.missing as any[]).reduce((s, m) => s + m.employees.length, 0);
      if (missing) throw new StepFailed(`status: ${missing} section(s) still missing`);
      return `${r.forms.length} sheets, fines ${r.fineTotal}`;
    });
    await jixiao('close', ['close', '--month', MONTH, '--workspace', ws], dir, rows.length, (r) => {
      const dist = (r.result?.distribution?.rows ?? []).map((d: any) => `${d.grade}${d.actualCount}`).join(' ');
      return `${r.summary.evaluated} graded (${dist}), pay ${r.summary.payTotal}, fines ${r.summary.fineTotal}`;
    });

    const vdir = path.join(dir, 'validate');
    await rm(vdir, { recursive: true, force: true });
    await mkdir(vdir);
    const vfiles: string[] = [];
    let vrows = 0;
    // Ordinary forms: the goals sheets of team leads, as most returned files are.
    const order = returned.map((f, i) => ({ f, i })).filter((x) => (sent.forms as any[])[x.i].kind === 'goals');
    for (let k = 0; k < VALIDATE_FILES; k++) {
      const { f, i } = order[k % order.length];
      const dst = path.join(vdir, `${String(k + 1).padStart(3, '0')}-${path.basename(f)}`);
      await copyFile(f, dst);
      vfiles.push(dst);
      vrows += rowsOf((sent.forms as any[])[i], rowsPerEmployee);
    }
    await jixiao(`validate (${VALIDATE_FILES} files)`, ['validate', ...vfiles, '--month', MONTH, '--workspace', ws], dir, vrows, (r) => {
      const bad = (r.files as any[]).filter((f) => f.errors).length;
      return `${r.files.length} files, ${bad} with errors, ${((steps.at(-1)?.wallS ?? 0) * 1000) / VALIDATE_FILES} ms/file`;
    });
    const v = steps[steps.length - 1];
    v.note = `${VALIDATE_FILES} files, ${((v.wallS * 1000) / VALIDATE_FILES).toFixed(1)} ms per file`;

    // Floors on the same returned files.
    const listFile = path.join(dir, 'returned.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(listFile, returned.join('\n')));
    const fl = await timed(process.execPath, ['--import', pathToUrl(USAGE), FLOOR, listFile], { cwd: dir, usageFile: path.join(dir, 'usage-floor.json') });
    if (fl.code !== 0) throw new StepFailed(`exceljs floor: ${fl.err}`);
    steps.push({ step: 'floor: exceljs read', wallS: fl.wallS, cpuS: fl.cpuS, peakRssMb: fl.peakRssMb, rows: receiveRows, note: fl.out.trim() });

    const hasPandas = spawnSync('python3', ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
    let pandas: Usage | null = null;
    if (hasPandas) {
      const usageFile = path.join(dir, 'usage-pandas.json');
      const p = await timed('python3', [PANDAS, listFile, usageFile], { cwd: dir, usageFile });
      if (p.code !== 0) throw new StepFailed(`pandas floor: ${p.err}`);
      pandas = p;
      steps.push({ step: 'floor: pandas', wallS: p.wallS, cpuS: p.cpuS, peakRssMb: p.peakRssMb, rows: receiveRows, note: p.out.trim() });
    }

    printTable(`jixiao bench — ${rows.length} employees in ${stores} stores, ${returned.length} sheets, node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}`);
    if (!hasPandas) console.log('floor: pandas — skipped (python3 has no pandas)');
    const get = (name: string) => steps.find((s) => s.step === name)!;
    const rc = get('receive (one call)').wallS + get('close').wallS;
    const floor = get('floor: exceljs read').wallS;
    // CPU-time ratios too: on a shared machine wall time mostly measures the neighbours.
    const rcCpu = get('receive (one call)').cpuS + get('close').cpuS;
    const floorCpu = get('floor: exceljs read').cpuS;
    const ratios: Record<string, number> = {
      receivePlusCloseS: round(rc),
      receivePlusCloseOverExceljsFloor: round(rc / floor),
      receivePlusCloseCpuS: round(rcCpu),
      receivePlusCloseOverExceljsFloorCpu: round(rcCpu / floorCpu),
    };
    if (pandas) {
      ratios.pandasOverReceivePlusClose = round(pandas.wallS / rc);
      ratios.pandasOverReceivePlusCloseCpu = round(pandas.cpuS / rcCpu);
    }
    const cycle = ['roster import', 'forms', 'receive (one call)', 'close'].reduce((s, n) => s + get(n).wallS, 0);
    ratios.cycleS = round(cycle);
    ratios.cycleCpuS = round(['roster import', 'forms', 'receive (one call)', 'close'].reduce((s, n) => s + get(n).cpuS, 0));
    console.log(`\n(receive + close) = ${rc.toFixed(2)} s wall; / exceljs floor = ${(rc / floor).toFixed(2)}×${pandas ? `; pandas / (receive + close) = ${(pandas.wallS / rc).toFixed(2)}×` : ''}`);
    console.log(`(receive + close) = ${rcCpu.toFixed(2)} s CPU; / exceljs floor = ${(rcCpu / floorCpu).toFixed(2)}×${pandas ? `; pandas / (receive + close) = ${(pandas.cpuS / rcCpu).toFixed(2)}×` : ''}`);
    console.log(`cycle (import + forms + receive + close) = ${cycle.toFixed(2)} s; total bench ${((performance.now() - started) / 1000).toFixed(1)} s`);
    Object.assign(result, {
      sheets: returned.length,
      steps: steps.map((s) => ({ step: s.step, wallS: round(s.wallS), cpuS: round(s.cpuS), peakRssMb: Math.round(s.peakRssMb), rows: s.rows, rowsPerS: s.rows ? Math.round(s.rows / s.wallS) : null })),
      ratios,
      pandas: hasPandas,
    });
  } catch (e) {
    failed = e;
  }

  if (keepArg) console.log(`\nkept: ${dir} (花名册.xlsx, returned/, ws/)`);
  else await rm(dir, { recursive: true, force: true });
  if (failed) {
    if (steps.length) printTable('jixiao bench — steps completed before the failure');
    console.error(`\nbench FAILED: ${failed instanceof StepFailed ? failed.message : failed instanceof Error ? failed.stack : String(failed)}`);
    console.log(`RESULT ${JSON.stringify({ ...result, failed: String(failed instanceof Error ? failed.message : failed).slice(0, 500) })}`);
    return 1;
  }
  console.log(`RESULT ${JSON.stringify(result)}`);
  return 0;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

process.exitCode = await run();
