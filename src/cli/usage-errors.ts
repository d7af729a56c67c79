/**
 * commander's own usage errors ("error: unknown option '-rf.xlsx'") in the clerk's language.
 * commander builds them in English from a handful of fixed templates, each with its error
 * code; the parameters are read back out of the message and the catalog says it again
 * (keys usage.*). A message no template matches keeps commander's words behind a
 * translated lead, so nothing is lost.
 */
import { t } from '../i18n/index.js';
import { printable } from './render.js';

const SUGGESTION = String.raw`(?:\n\(Did you mean (?<suggestion>.+)\?\))?`;

/** commander error code → how to read its message → catalog key. */
const TEMPLATES: { commanderCode: string; pattern: RegExp; key: string }[] = [
  { commanderCode: 'commander.unknownOption', pattern: new RegExp(String.raw`^error: unknown option '(?<flag>.*)'${SUGGESTION}$`, 's'), key: 'usage.unknown_option' },
  { commanderCode: 'commander.unknownCommand', pattern: new RegExp(String.raw`^error: unknown command '(?<name>.*)'${SUGGESTION}$`, 's'), key: 'usage.unknown_command' },
  {
    commanderCode: 'commander.excessArguments',
    pattern: /^error: too many arguments(?: for '(?<command>[^']*)')?\. Expected (?<expected>\d+) arguments? but got (?<got>\d+)\.$/s,
    key: 'usage.excess_arguments',
  },
  { commanderCode: 'commander.missingArgument', pattern: /^error: missing required argument '(?<name>.*)'$/s, key: 'usage.missing_argument' },
  { commanderCode: 'commander.optionMissingArgument', pattern: /^error: option '(?<option>.*)' argument missing$/s, key: 'usage.option_missing_argument' },
  { commanderCode: 'commander.missingMandatoryOptionValue', pattern: /^error: required option '(?<option>.*)' not specified$/s, key: 'usage.required_option' },
  { commanderCode: 'commander.conflictingOption', pattern: /^error: option '(?<option>.*)' cannot be used with option '(?<other>.*)'$/s, key: 'usage.conflicting_option' },
  {
    commanderCode: 'commander.invalidArgument',
    pattern: /^error: option '(?<option>.*)' argument '(?<value>.*)' is invalid\. Allowed choices are (?<choices>.*)\.$/s,
    key: 'usage.invalid_choice',
  },
];

/** The text to show for a commander usage error (its code when known; else the message alone decides). */
export function usageErrorText(code: string | undefined, message: string): string {
  for (const tpl of TEMPLATES) {
    if (code !== undefined && tpl.commanderCode !== code) continue;
    const m = tpl.pattern.exec(message.trim());
    if (!m) continue;
    const params = Object.fromEntries(Object.entries(m.groups ?? {}).map(([k, v]) => [k, printable(v ?? '')]));
    const text = t(tpl.key, { ...params, command: params.command ? `jixiao ${params.command}` : 'jixiao' });
    return m.groups?.suggestion ? `${text}\n${t('usage.did_you_mean', { suggestion: printable(m.groups.suggestion) })}` : text;
  }
  return t('usage.other', { message: printable(message.trim().replace(/^error: /, '')) });
}
