/**
 * The commands of the history area (issue 9), registered by commands.ts: history import/show.
 * (letters, report, receipt correct and fine waive are added here too.)
 */
import path from 'node:path';
import type { Command } from 'commander';
import { t } from '../i18n/index.js';
import type { Issue } from '../issues.js';
import { hasErrors } from '../issues.js';
import { ExitError, type Io } from './io.js';
import type { Context } from '../app/context.js';
import { parseAtOption } from '../app/options.js';
import { parseQuarter } from '../domain/dates.js';
import { getLang } from '../i18n/index.js';
import { parseMonthOption } from '../app/options.js';
import * as draw from './draw-history.js';

export interface CommandKit {
  io: Io;
  colour: boolean;
  state: { code: number };
  ctx: () => Context;
  /** The context of a command that writes: holds the workspace lock (issue 10 §1). */
  writerCtx: (command: string) => Promise<Context>;
  json: (value: unknown) => void;
  issuesJson: (issues: readonly Issue[]) => unknown;
  /** A command's result: with --json the data (its issues worded), else the drawing; exit 1 unless ok. */
  answer: <D extends { issues: readonly Issue[] }>(asJson: boolean | undefined, data: D, text: () => string, ok: boolean) => void;
}

const yearOption = (v: string | undefined): number | null => {
  if (v === undefined) return null;
  const s = v.normalize('NFKC').trim();
  if (!/^\d{4}$/.test(s)) throw new ExitError(2, t('error.usage', { detail: `--year ${v}` }));
  return Number(s);
};

export function registerHistoryCommands(program: Command, k: CommandKit): void {
  program
    .command('letters')
    .description(t('cmd.letters'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .option('--employee <工号>', t('cli.opt.employee'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.letters.examples'))
    .action(async (o: { month: string; employee?: string; json?: boolean }) => {
      const r = await (await import('../app/letters.js')).runLetters(await k.writerCtx('letters'), { month: parseMonthOption(o.month, true)!, employeeId: o.employee?.trim() || null });
      k.answer(o.json, r, () => draw.letters(r, k.colour), r.ok);
    });

  program
    .command('report')
    .description(t('cmd.report'))
    .option('--quarter <YYYYQn>', t('cli.opt.quarter'))
    .option('--year <YYYY>', t('cli.opt.report_year'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.report.examples'))
    .action(async (o: { quarter?: string; year?: string; json?: boolean }) => {
      const quarter = o.quarter ? parseQuarter(o.quarter.normalize('NFKC').trim().toUpperCase()) : null;
      if ((o.quarter && !quarter) || (!o.quarter && !o.year) || (o.quarter && o.year))
        throw new ExitError(2, t('error.usage', { detail: t('report.needs_period') }));
      const r = await (await import('../app/report.js')).runReport(await k.writerCtx('report'), { quarter, year: yearOption(o.year), lang: getLang(), now: k.io.now().toISOString() });
      k.answer(o.json, r, () => draw.report(r, k.colour), r.ok);
    });

  const receipt = program.command('receipt').description(t('cmd.receipt'));
  receipt
    .command('correct')
    .description(t('cmd.receipt.correct'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .requiredOption('--form <文件名|表单>', t('cli.opt.form'))
    .requiredOption('--at <time>', t('cli.opt.corrected_at'))
    .requiredOption('--reason <text>', t('cli.opt.appeal_reason'))
    .requiredOption('--approver <name>', t('cli.opt.approver'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.receipt.examples'))
    .action(async (o: { month: string; form: string; at: string; reason: string; approver: string; json?: boolean }) => {
      const c = await k.writerCtx('receipt correct');
      const r = (await import('../app/corrections.js')).runReceiptCorrect(c, { ...o, month: parseMonthOption(o.month, true)!, at: parseAtOption(o.at, c.policy.deadlines.utc_offset), now: k.io.now().toISOString() });
      k.answer(o.json, r, () => draw.correction(r, k.colour, 'receipt'), r.ok);
    });
  const fine = program.command('fine').description(t('cmd.fine'));
  fine
    .command('waive')
    .description(t('cmd.fine.waive'))
    .requiredOption('--month <YYYY-MM>', t('cli.opt.month'))
    .requiredOption('--form <文件名|表单>', t('cli.opt.form'))
    .requiredOption('--reason <text>', t('cli.opt.appeal_reason'))
    .requiredOption('--approver <name>', t('cli.opt.approver'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.receipt.examples'))
    .action(async (o: { month: string; form: string; reason: string; approver: string; json?: boolean }) => {
      const r = (await import('../app/corrections.js')).runFineWaive(await k.writerCtx('fine waive'), { ...o, month: parseMonthOption(o.month, true)!, now: k.io.now().toISOString() });
      k.answer(o.json, r, () => draw.correction(r, k.colour, 'waiver'), r.ok);
    });

  const history = program.command('history').description(t('cmd.history'));
  history
    .command('import')
    .argument('<file>', t('cli.arg.history_file'))
    .description(t('cmd.history.import'))
    .option('--year <YYYY>', t('cli.opt.history_year'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.history.import.examples'))
    .action(async (file: string, o: { year?: string; json?: boolean }) => {
      const r = await (await import('../app/history.js')).runHistoryImport(await k.writerCtx('history import'), path.resolve(k.io.cwd, file), { year: yearOption(o.year), now: k.io.now().toISOString(), lang: getLang() });
      k.answer(o.json, r, () => draw.historyImport(r, k.colour), r.ok && !hasErrors(r.issues));
    });
  history
    .command('show')
    .description(t('cmd.history.show'))
    .option('--employee <工号>', t('cli.opt.employee'))
    .option('--json', t('cli.opt.json'))
    .addHelpText('after', t('cmd.history.import.examples'))
    .action(async (o: { employee?: string; json?: boolean }) => {
      const r = (await import('../app/history.js')).runHistoryShow(k.ctx(), { employeeId: o.employee?.trim() || null });
      k.answer(o.json, { ok: !hasErrors(r.issues), ...r }, () => draw.historyShow(r, k.colour), !hasErrors(r.issues));
    });
}
