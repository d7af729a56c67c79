/**
 * Messages of issue 10's area: the workspace lock, the out/ layout and file registry, the
 * verified archive, `jixiao check`, and the clerk messages that replace stack traces.
 */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'lock.busy': '工作目录 {dir} 正被另一个 jixiao 命令使用:{command}(进程 {pid},从 {since} 开始)。已等待 {seconds} 秒,本次没有做任何改动。',
    'lock.busy.hint': '请等那个命令结束(或在它的窗口里按 Ctrl+C)后再运行本命令。查看状态的命令(status、validate、roster show)不受影响,可以随时运行。',
    'lock.took_over': '上次的 {command}(进程 {pid},从 {since} 开始)没有正常结束,已接管它留下的工作目录锁。',
  },
  en: {
    'lock.busy': 'The workspace {dir} is in use by another jixiao command: {command} (process {pid}, since {since}). Waited {seconds} s; nothing was changed.',
    'lock.busy.hint': 'Wait for that command to finish (or press Ctrl+C in its window), then run this one again. Commands that only look (status, validate, roster show) are not affected.',
    'lock.took_over': 'The earlier {command} (process {pid}, since {since}) did not finish properly; its workspace lock was taken over.',
  },
};
