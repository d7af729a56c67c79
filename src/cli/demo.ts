/**
 * `jixiao demo`: the whole month on the bundled fictional dealership, in a fresh folder —
 * init → policy check → roster import/show → history import/show → targets split → forms → receive (each sheet at its e-mail time) → status →
 * close → analyse → slips → report --year —
 * by running the same commands a clerk types, so the output shows the real workflow.
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, readFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import { fixturesDir } from '../app/paths.js';
import { getLang } from '../i18n/index.js';
import type { Io } from './io.js';

export interface DemoResult {
  ok: boolean;
  dir: string;
  steps: { command: string; exitCode: number }[];
  files: string[];
}

export const DEMO_MONTH = '2026-10';
/** The past months as the office kept them in Excel (fixtures/make-history.ts). */
export const DEMO_HISTORY_FILE = '历史成绩-2026.xlsx';
/** The year's after-sales targets (fixtures/make-targets.ts), split before the forms so the goals sheets carry them. */
export const DEMO_TARGETS_FILE = '年度目标.xlsx';
export const demoDir = () => path.join(fixturesDir, 'demo', DEMO_MONTH);

/** The filled sheets and when each "arrived by e-mail", in order (a corrected re-send comes after its first version). */
export async function demoReceipts(): Promise<{ file: string; at: string }[]> {
  return JSON.parse(await readFile(path.join(demoDir(), 'receipts.json'), 'utf8'));
}

export async function runDemo(
  run: (argv: string[], io: Io) => Promise<number>,
  io: Io,
  o: { dir?: string; quiet: boolean },
): Promise<DemoResult> {
  const dir = o.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'jixiao-demo-')));
  const ws = path.join(dir, '宏达汽车4S店绩效');
  const steps: DemoResult['steps'] = [];
  const lang = getLang();
  const stepIo: Io = { ...io, cwd: dir, out: o.quiet ? () => {} : io.out, err: o.quiet ? () => {} : io.err };
  const step = async (argv: string[], expectFail = false) => {
    const shown = argv.map((a) => (a.includes(' ') ? `"${a}"` : a)).join(' ');
    if (!o.quiet) io.out(`\n$ jixiao ${shown}`);
    const code = await run([...argv, '--lang', lang, '--workspace', ws], stepIo);
    steps.push({ command: `jixiao ${shown}`, exitCode: code });
    return expectFail || code === 0;
  };
  const stepNoWs = async (argv: string[]) => {
    if (!o.quiet) io.out(`\n$ jixiao ${argv.join(' ')}`);
    const code = await run([...argv, '--lang', lang], stepIo);
    steps.push({ command: `jixiao ${argv.join(' ')}`, exitCode: code });
    return code === 0;
  };

  let ok = await stepNoWs(['init', ws]);
  ok &&= await step(['policy', 'check']);
  ok &&= await step(['roster', 'import', path.join(fixturesDir, '花名册.xlsx'), '--month', DEMO_MONTH]);
  ok &&= await step(['roster', 'show', '--month', DEMO_MONTH]);
  // The months before jixiao came, kept in Excel (2026-04 … 2026-09): the chains run over them.
  ok &&= await step(['history', 'import', path.join(fixturesDir, 'demo', DEMO_HISTORY_FILE)]);
  ok &&= await step(['history', 'show', '--employee', '1026']);
  // The year's after-sales targets to months and people (SPEC §9): the goals sheets below show them pre-filled.
  ok &&= await step(['targets', 'split', path.join(fixturesDir, DEMO_TARGETS_FILE), '--year', DEMO_MONTH.slice(0, 4)]);
  ok &&= await step(['forms', '--month', DEMO_MONTH]);
  if (ok) {
    // Every sheet at its e-mail time; a sheet with mistakes is received (and told) first, then its correction.
    for (const r of await demoReceipts()) {
      await step(['receive', path.join(demoDir(), r.file), '--at', r.at], true);
    }
  }
  ok &&= await step(['status', '--month', DEMO_MONTH]);
  ok &&= await step(['close', '--month', DEMO_MONTH]);
  ok &&= await step(['analyse', '--month', DEMO_MONTH]);
  ok &&= await step(['slips', '--month', DEMO_MONTH]);
  ok &&= await step(['report', '--year', DEMO_MONTH.slice(0, 4)]);
  const out = path.join(ws, 'out', DEMO_MONTH);
  const letters = path.join(out, '警告函');
  const files = ok
    ? [
        `${out}${path.sep}绩效汇总-${DEMO_MONTH}.xlsx`,
        `${out}${path.sep}绩效工资表-${DEMO_MONTH}.xlsx`,
        `${out}${path.sep}绩效工资表-${DEMO_MONTH}.csv`,
        `${out}${path.sep}绩效结果确认单${path.sep}`,
        ...(existsSync(letters) ? readdirSync(letters).sort().map((f) => path.join(letters, f)) : []),
        path.join(ws, 'out', `月度目标-${DEMO_MONTH.slice(0, 4)}.xlsx`),
        path.join(ws, 'out', `绩效报告-${DEMO_MONTH.slice(0, 4)}.xlsx`),
      ]
    : [];
  if (!o.quiet) io.out('');
  return { ok, dir: ws, steps, files };
}
