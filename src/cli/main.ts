/**
 * Command wiring: commander definitions, --lang/--json/--workspace, exit codes.
 * Each action calls one use case in src/app and draws its result; nothing else lives here.
 * Exit codes: 0 success, 1 blocking problems in the input, 2 usage error.
 */
import { Command, CommanderError, Option } from 'commander';
import { getLang, pickLang, setLang, t } from '../i18n/index.js';
import { ExitError, processIo, type Io } from './io.js';
import { registerCommands } from './commands.js';
import { stopText } from './render.js';
import { Stop } from '../issues.js';
import { usageErrorText } from './usage-errors.js';
import { TOOL_VERSION } from '../app/version.js';
import { clerkMessage, EXIT_ENVIRONMENT } from './clerk-errors.js';

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  // The language must be known before commander prints help or errors.
  const langArg = argv.findIndex((a) => a === '--lang' || a.startsWith('--lang='));
  const langValue = langArg < 0 ? undefined : argv[langArg].includes('=') ? argv[langArg].split('=')[1] : argv[langArg + 1];
  setLang(pickLang(langValue ?? io.env.JIXIAO_LANG));
  const lang = getLang();

  const program = new Command();
  program
    .name('jixiao')
    .description(t('cli.description'))
    .version(TOOL_VERSION, '-V, --version', t('cli.opt.version'))
    .helpOption('-h, --help', t('cli.opt.help'))
    .addHelpCommand(false)
    .addOption(new Option('--lang <lang>', t('cli.opt.lang')).choices(['zh', 'en']).default(lang === 'en' ? 'en' : 'zh'))
    .option('-w, --workspace <dir>', t('cli.opt.workspace'))
    .showHelpAfterError(t('cli.help_after_error'))
    .configureOutput({
      writeOut: (s) => io.out(s.replace(/\n$/, '')),
      writeErr: (s) => io.err(s.replace(/\n$/, '')),
      // commander's own usage errors, in the clerk's language (it passes only the English text)
      outputError: (s, write) => write(`${usageErrorText(undefined, s)}\n`),
    })
    .exitOverride();
  program.addHelpText('after', t('cli.examples'));

  const state = { code: 0 };
  /** The subcommand typed (`roster import`), for a hint that fits what the clerk ran. */
  const commandPath = (root: Command, args: readonly string[]): string => {
    const names: string[] = [];
    let at = root;
    for (const a of args) {
      const next = at.commands.find((c) => c.name() === a || c.aliases().includes(a));
      if (!next) continue;
      names.push(next.name());
      at = next;
    }
    return names.length ? names.join(' ') : 'receive';
  };
  const closeAll = registerCommands(program, io, state);

  try {
    await program.parseAsync(argv, { from: 'user' });
    return state.code;
  } catch (e) {
    if (e instanceof Stop) {
      io.err(stopText(e.issues, getLang()));
      return e.kind === 'usage' ? 2 : 1;
    }
    if (e instanceof ExitError) {
      if (e.message) io.err(e.message);
      return e.code;
    }
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      // A bare `jixiao` or `jixiao roster` shows help but did nothing asked: a usage error.
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      // `jixiao receive -张三.xlsx`: a file name that starts with - is read as an option
      const arg = /'([^']+)'/.exec(e.message)?.[1];
      if (e.code === 'commander.unknownOption' && arg && !/^--?[a-z][a-z-]*$/.test(arg.split('=')[0])) io.err(t('cli.dash_file', { arg, command: commandPath(program, argv) }));
      return 2;
    }
    const clerk = clerkMessage(e);
    if (clerk) {
      io.err(clerk);
      return EXIT_ENVIRONMENT;
    }
    io.err(t('error.internal', { detail: e instanceof Error ? (e.stack ?? e.message) : String(e) }));
    return 70;
  } finally {
    closeAll();
  }
}
