/**
 * One commander command per step of the clerk's month (SPEC §1). Each action: parse options,
 * call the use case in src/app, draw the result (text or --json), set the exit code.
 */
import path from 'node:path';
import { readdirSync } from 'node:fs';
import type { Command } from 'commander';
import { t, getLang, renderIssue } from '../i18n/index.js';
import type { Issue } from '../issues.js';
import { hasErrors } from '../issues.js';
import { ExitError, type Io } from './io.js';
import { printable } from './render.js';
import { openContext, type Context } from '../app/context.js';
import { targetsSplit as drawTargetsSplit } from './draw-targets.js';
import { main } from './main.js';
import { parseMonthOption, parseAtOption } from '../app/options.js';
import { instantText, wallClockText } from '../domain/clock.js';
import { acquireWorkspaceLock, DEFAULT_LOCK_WAIT_MS } from '../app/lock.js';
import * as draw from './draw.js';
import { analyse as drawAnalyse, slips as drawSlips } from './draw-analysis.js';
import { registerHistoryCommands } from './commands-history.js';
// Each command imports its use case when it runs (`await import`), so `jixiao --version` or
// `status` never load exceljs, docx or the writers (issue 11: ~1.4 s per process before).
import { drawCheck } from './draw-check.js';

interface GlobalOpts {
  lang: 'zh' | 'en';
  workspace?: string;
}

/** Registers every command; returns a function that closes what the commands opened (the ledger). */
export function registerCommands(program: Command, io: Io, state: { code: number }): () => void {
  const globals = () => program.opts<GlobalOpts>();
  const colour = io.isTTY && !io.env.NO_COLOR;
  const json = (value: unknown) => io.out(JSON.stringify(value, jsonReplacer, 2));
  const issuesJson = (issues: readonly Issue[]) => issues.map((i) => renderIssue(i, getLang()));
  /** A command's result: with --json the data (its issues worded), else the drawing; exit 1 unless ok. */
  const answer = <D extends { issues: readonly Issue[] }>(asJson: boolean | undefined, data: D, text: () => string, ok: boolean): void => {
    if (asJson) json({ ...data, issues: issuesJson(data.issues) });
    else io.out(text());
    state.code = ok ? 0 : 1;
  };
  const opened: Context[] = [];
  const ctx = () => {
    const c = openContext({ workspace: globals().workspace, cwd: io.cwd });
    opened.push(c);
    return c;
  };
  const releases: (() => void)[] = [];
  /**
   * The context of a command that changes the workspace: it holds the workspace lock for its
   * whole run (issue 10 §1). Every writing command — including later ones — opens its context here.
   */
  const writerCtx = async (command: string): Promise<Context> => {
    const c = ctx();
    const waitMs = Number(io.env.JIXIAO_LOCK_WAIT_MS ?? DEFAULT_LOCK_WAIT_MS);
    const got = await acquireWorkspaceLock(c.ws, command, { waitMs: Number.isFinite(waitMs) ? waitMs : DEFAULT_LOCK_WAIT_MS });
    if (!got.ok) {
      const h = got.holder;
      throw new ExitError(
        1,
        t('lock.busy', { dir: c.ws.root, command: h.command, pid: h.pid, since: h.since ? wallClockText(h.since, c.policy.deadlines.utc_offset) : '?', seconds: Math.round(got.waitedMs / 1000) }) +
          '\n' +
          t('lock.busy.hint', { pid: h.pid }),
      );
    }
    if (got.tookOver) io.err(t('lock.took_over', { command: got.tookOver.command, pid: got.tookOver.pid, since: wallClockText(got.tookOver.since, c.policy.deadlines.utc_offset) }));
    releases.push(got.release);
    return c;
  };
  const month = (v: string | undefined, required = true) => parseMonthOption(v, required);
  /** The files named, or every file waiting in the workspace's inbox/ when none are. */
  const inputFiles = (c: Context, files: string[]): string[] => {
    if (files.length) return files.map((f) => path.resolve(io.cwd, f));
    const waiting = readdirSync(c.ws.inbox, { withFileTypes: true })
      .filter((d) => d.isFile() && !d.name.startsWith('.') && !d.name.startsWith('~$'))
      .map((d) => path.join(c.ws.inbox, d.name))
      .sort();
    if (!waiting.length) throw new ExitError(2, t('error.usage', { detail: t('cli.inbox_empty', { dir: c.ws.inbox }) }));
    return waiting;
  };

  program
    .command('init')
    .argument('[dir]', t('cli.arg.dir'), '.')
    .description(t('cmd.init'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.init.examples'))
    .action(async (dir: string, o: { json?: boolean }) => {
      const r = await (await import('../app/init.js')).runInit(path.resolve(io.cwd, dir));
      answer(o.json, r, () => draw.init(r, colour), r.ok);
    });

  const policy = program.command('policy').description(t('cmd.policy'));
  policy
    .command('check')
    .argument('[file]', t('cli.arg.policy_file'))
    .description(t('cmd.policy.check'))
    .option('--json', t('cli.opt.json'))
    .action(async (file: string | undefined, o: { json?: boolean }) => {
      const target = file ? path.resolve(io.cwd, file) : ctx().ws.policyPath;
      const r = await (await import('../app/policy-check.js')).runPolicyCheck(target, io.now());
      const rendered = r.problems.map((p) => ({ path: p.path, key: p.key, message: t(p.key, p.params) }));
      if (o.json)
        json({
          ok: r.problems.length === 0,
          file: target,
          problems: rendered,
          issues: [
            ...rendered.map((p) => ({ code: p.key, severity: 'error', file: target, path: p.path, message: p.message, hint: '' })),
            ...issuesJson(r.warnings),
          ],
        });
      else io.out(draw.policyCheck(target, rendered, colour, r.warnings));
      state.code = r.problems.length ? 1 : 0;
    });

  const roster = program.command('roster').description(t('cmd.roster'));
  roster
    .command('import')
    .argument('<file>', t('cli.arg.roster_file'))
    .description(t('cmd.roster.import'))
    .option('--month <YYYY-MM>', t('cli.opt.roster_month'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.roster.import.examples'))
    .action(async (file: string, o: { month?: string; json?: boolean }) => {
      const m = month(o.month, false);
      const r = await (await import('../app/roster.js')).runRosterImport(await writerCtx('roster import'), path.resolve(io.cwd, file), { month: m, now: io.now() });
      answer(o.json, { ok: !hasErrors(r.issues), ...r }, () => draw.rosterImport(r, colour), !hasErrors(r.issues));
    });
  roster
    .command('show')
    .description(t('cmd.roster.show'))
    .option('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--json', t('cli.opt.json'))
    .action(async (o: { month?: string; json?: boolean }) => {
      const m = month(o.month, false);
      const r = (await import('../app/roster.js')).runRosterShow(ctx(), { month: m, now: io.now() });
      answer(o.json, { ok: !hasErrors(r.issues), ...r, staff: r.staff.map(draw.staffLineText) }, () => draw.rosterShow(r, colour), !hasErrors(r.issues));
    });

  program
    .command('forms')
    .description(t('cmd.forms'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--out <dir>', t('cli.opt.forms_out'))
    .option('--force', t('cli.opt.force'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.forms.examples'))
    .action(async (o: { month: string; out?: string; force?: boolean; json?: boolean }) => {
      const m = month(o.month)!;
      const r = await (await import('../app/forms.js')).runForms(await writerCtx('forms'), { month: m, out: o.out ? path.resolve(io.cwd, o.out) : undefined, force: !!o.force });
      answer(o.json, { ok: !hasErrors(r.issues), ...r }, () => draw.forms(r, colour), !hasErrors(r.issues));
    });

  program
    .command('validate')
    .argument('[files...]', t('cli.arg.files'))
    .description(t('cmd.validate'))
    .option('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.validate.examples'))
    .action(async (files: string[], o: { month?: string; json?: boolean }) => {
      const m = month(o.month, false);
      const c = ctx();
      const r = await (await import('../app/validate.js')).runValidate(c, inputFiles(c, files), {
        month: m,
        progress: progress(io, o.json),
      });
      answer(o.json, { ok: !hasErrors(r.issues), ...r }, () => draw.validate(r, colour), !hasErrors(r.issues));
    });

  program
    .command('receive')
    .argument('[files...]', t('cli.arg.files'))
    .description(t('cmd.receive'))
    .option('--at <time>', t('cli.opt.at'))
    .option('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.receive.examples'))
    .action(async (files: string[], o: { at?: string; month?: string; json?: boolean }) => {
      const m = month(o.month, false);
      const c = await writerCtx('receive');
      const offset = c.policy.deadlines.utc_offset;
      const at = o.at ? parseAtOption(o.at, offset) : instantText(io.now(), offset);
      const r = await (await import('../app/receive.js')).runReceive(c, inputFiles(c, files), {
        at,
        month: m,
        progress: progress(io, o.json),
      });
      answer(o.json, { ok: !hasErrors(r.issues), ...r }, () => draw.receive(r, colour), !hasErrors(r.issues));
    });

  program
    .command('status')
    .description(t('cmd.status'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--store <门店>', t('stores.opt.store'))
    .option('--json', t('cli.opt.json'))
    .action(async (o: { month: string; store?: string; json?: boolean }) => {
      const m = month(o.month)!;
      const c = ctx();
      const r = (await import('../app/status.js')).runStatus(c, { month: m, now: instantText(io.now(), c.policy.deadlines.utc_offset), store: o.store?.trim() });
      const badStore = r.issues.some((i) => i.code === 'status.unknown_store');
      // a missing or altered archive entry is the one other thing status stops on (the month's evidence)
      const evidenceLost = r.issues.some((i) => i.code.startsWith('archive.'));
      answer(o.json, { ok: !badStore && !evidenceLost, ...r }, () => draw.status(r, colour), !badStore && !evidenceLost);
    });

  program
    .command('close')
    .description(t('cmd.close'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--calibrate', t('cli.opt.calibrate'))
    .option('--allow-incomplete', t('cli.opt.allow_incomplete'))
    .option('--reopen', t('cli.opt.reopen'))
    .option('--reason <text>', t('cli.opt.reason'))
    .option('--force', t('cli.opt.close_force'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.close.examples'))
    .action(
      async (o: { month: string; calibrate?: boolean; allowIncomplete?: boolean; reopen?: boolean; reason?: string; force?: boolean; json?: boolean }) => {
        if (o.reopen && !o.reason) throw new ExitError(2, t('error.usage', { detail: t('close.reopen_needs_reason') }));
        const m = month(o.month)!;
        const c = await writerCtx('close');
        const r = await (await import('../app/close.js')).runClose(c, {
          month: m,
          calibrate: !!o.calibrate,
          allowIncomplete: !!o.allowIncomplete,
          reopen: !!o.reopen,
          reason: o.reason ?? null,
          force: !!o.force,
          now: instantText(io.now(), c.policy.deadlines.utc_offset),
          lang: getLang(),
        });
        answer(o.json, r, () => draw.close(r, colour), r.ok);
      },
    );

  program
    .command('appeal')
    .description(t('cmd.appeal'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .requiredOption('--employee <工号>', t('cli.opt.employee'))
    .requiredOption('--section <id|名称>', t('cli.opt.section'))
    .requiredOption('--score <分数>', t('cli.opt.score'))
    .requiredOption('--reason <text>', t('cli.opt.appeal_reason'))
    .requiredOption('--approver <name>', t('cli.opt.approver'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.appeal.examples'))
    .action(async (o: { month: string; employee: string; section: string; score: string; reason: string; approver: string; json?: boolean }) => {
      const m = month(o.month)!;
      const c = await writerCtx('appeal');
      const r = (await import('../app/appeal.js')).runAppeal(c, { ...o, month: m, employeeId: o.employee, now: instantText(io.now(), c.policy.deadlines.utc_offset) });
      answer(o.json, r, () => draw.appeal(r, colour), r.ok);
    });

  const targets = program.command('targets').description(t('cmd.targets'));
  targets
    .command('split')
    .argument('<file>', t('cli.arg.targets_file'))
    .description(t('cmd.targets.split'))
    .requiredOption('--year <YYYY>', t('cli.opt.year'))
    .option('--force', t('cli.opt.targets_force'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.targets.split.examples'))
    .action(async (file: string, o: { year: string; force?: boolean; json?: boolean }) => {
      if (!/^\d{4}$/.test(o.year.trim())) throw new ExitError(2, t('error.usage', { detail: t('targets.bad_year', { value: o.year }) }));
      const r = await (await import('../app/targets.js')).runTargetsSplit(await writerCtx('targets split'), path.resolve(io.cwd, file), { year: Number(o.year.trim()), now: io.now(), force: !!o.force });
      answer(o.json, r, () => drawTargetsSplit(r, colour), !(r.version === null || hasErrors(r.issues)));
    });

  registerHistoryCommands(program, { io, colour, state, ctx, writerCtx, json, issuesJson, answer });

  program
    .command('analyse')
    .description(t('cmd.analyse'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.analyse.examples'))
    .action(async (o: { month: string; json?: boolean }) => {
      const r = (await import('../app/analyse.js')).runAnalyse(ctx(), { month: month(o.month)! });
      if (o.json) json({ ...r, text: r.analysis ? (await import('../report/analysis-report.js')).analysisText(r.analysis, getLang()) : [], issues: issuesJson(r.issues) });
      else io.out(drawAnalyse(r, colour));
      state.code = r.ok ? 0 : 1;
    });

  program
    .command('slips')
    .description(t('cmd.slips'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--department <部门>', t('cli.opt.slips_department'))
    .option('--employee <工号>', t('cli.opt.slips_employee'))
    .option('--force', t('cli.opt.slips_force'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.slips.examples'))
    .action(async (o: { month: string; department?: string; employee?: string; force?: boolean; json?: boolean }) => {
      const r = await (await import('../app/slips.js')).runSlips(await writerCtx('slips'), {
        month: month(o.month)!,
        department: o.department ?? null,
        employeeId: o.employee ?? null,
        force: !!o.force,
        lang: getLang(),
      });
      answer(o.json, r, () => drawSlips(r, colour), r.ok);
    });

  program
    .command('check')
    .description(t('cmd.check'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.check.examples'))
    .action(async (o: { json?: boolean }) => {
      const r = (await import('../app/check.js')).runCheck(ctx());
      if (o.json) json({ ok: r.ok, checked: r.checked, problems: issuesJson(r.issues) });
      else io.out(drawCheck(r, colour));
      state.code = r.ok ? 0 : 1;
    });

  program
    .command('demo')
    .description(t('cmd.demo'))
    .option('--dir <dir>', t('cli.opt.demo_dir'))
    .option('--json', t('cli.opt.json'))
    .action(async (o: { dir?: string; json?: boolean }) => {
      const r = await (await import('./demo.js')).runDemo(main, io, { dir: o.dir ? path.resolve(io.cwd, o.dir) : undefined, quiet: !!o.json });
      if (o.json) json(r);
      else io.out(draw.demo(r, colour));
      state.code = r.ok ? 0 : 1;
    });

  return () => {
    for (const c of opened.splice(0)) c.ledger.close();
    for (const r of releases.splice(0)) r();
  };
}

/** A progress line on stderr for long runs (not in --json, not when piped). */
function progress(io: Io, quiet?: boolean) {
  if (quiet) return () => {};
  return (done: number, total: number, file: string) => {
    if (total < 5) return;
    io.err(t('progress.reading', { done, total, file: printable(path.basename(file)) }));
  };
}

function jsonReplacer(_k: string, v: unknown) {
  return typeof v === 'bigint' ? v.toString() : v;
}
