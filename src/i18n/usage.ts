/**
 * commander's usage errors, said again in the clerk's language (src/cli/usage-errors.ts).
 * Values in quotes are what the clerk typed, shown with control characters escaped.
 */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'usage.unknown_option': '错误:没有「{flag}」这个选项。',
    'usage.unknown_command': '错误:没有「{name}」这个命令。',
    'usage.excess_arguments': '错误:{command} 多给了参数:应为 {expected} 个,实际给了 {got} 个。',
    'usage.missing_argument': '错误:缺少参数 {name}。',
    'usage.option_missing_argument': '错误:选项 {option} 后面缺少值。',
    'usage.required_option': '错误:必须提供选项 {option}。',
    'usage.conflicting_option': '错误:选项 {option} 不能与 {other} 同时使用。',
    'usage.invalid_choice': '错误:选项 {option} 的值「{value}」不对,只能是 {choices}。',
    'usage.did_you_mean': '(是不是想输入 {suggestion}?)',
    'usage.other': '错误:命令用法不对({message})。',
  },
  en: {
    'usage.unknown_option': "error: unknown option '{flag}'.",
    'usage.unknown_command': "error: unknown command '{name}'.",
    'usage.excess_arguments': 'error: too many arguments for {command}: expected {expected}, got {got}.',
    'usage.missing_argument': 'error: missing the argument {name}.',
    'usage.option_missing_argument': 'error: option {option} needs a value.',
    'usage.required_option': 'error: option {option} is required.',
    'usage.conflicting_option': 'error: option {option} cannot be used with {other}.',
    'usage.invalid_choice': "error: option {option} does not take '{value}'; it takes {choices}.",
    'usage.did_you_mean': '(Did you mean {suggestion}?)',
    'usage.other': 'error: wrong usage ({message}).',
  },
};
