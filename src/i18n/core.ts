/** Messages shared by every command: where-phrases, severities, generic errors. */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'where.file': '文件 {file}',
    'where.sheet': '工作表「{sheet}」',
    'where.cell': '单元格 {cell}',
    'where.sep': ',',
    'severity.error': '错误',
    'severity.warning': '警告',
    'label.found': '发现',
    'label.expected': '应为',
    'label.fix': '怎么改',
    'summary.problems': '共 {errors} 个错误、{warnings} 个警告',
    'summary.no_problems': '没有发现问题',
    'error.internal': '程序内部错误(这不是您的操作问题),请把以下信息发给技术支持:{detail}',
    'error.usage': '命令用法有误:{detail}',
    'error.month_format': '月份「{value}」格式不对,应为 YYYY-MM,例如 2026-10。',
    'error.time_format': '时间「{value}」格式不对,应为 "YYYY-MM-DD HH:mm",例如 "2026-11-04 16:20"(北京时间)。',
  },
  en: {
    'where.file': 'file {file}',
    'where.sheet': 'sheet "{sheet}"',
    'where.cell': 'cell {cell}',
    'where.sep': ', ',
    'severity.error': 'error',
    'severity.warning': 'warning',
    'label.found': 'found',
    'label.expected': 'expected',
    'label.fix': 'how to fix',
    'summary.problems': '{errors} error(s), {warnings} warning(s)',
    'summary.no_problems': 'no problems found',
    'error.internal': 'Internal error (not something you did). Please send this to support: {detail}',
    'error.usage': 'Usage error: {detail}',
    'error.month_format': 'Month "{value}" is not valid: use YYYY-MM, e.g. 2026-10.',
    'error.time_format': 'Time "{value}" is not valid: use "YYYY-MM-DD HH:mm", e.g. "2026-11-04 16:20" (Beijing time).',
  },
};
