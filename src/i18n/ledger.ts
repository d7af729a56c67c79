/**
 * Messages of the ledger and workspace area (src/ledger, src/app/workspace.ts).
 * A Failure `{ code, key, params }` is shown as t(key, params); what to do is t(key + '.hint', params).
 * Keys: `ledger.<code>` for ledger.* codes, `ledger.workspace_<x>` for workspace.<x> codes.
 */
import type { Catalog } from './index.js';
import { LEDGER_CODES, messageKey } from '../ledger/result.js';

const base: Catalog = {
  zh: {
    // workspace
    'ledger.workspace_exists': '文件夹 {dir} 已经是 jixiao 工作目录(里面已有 {found}),没有做任何改动。',
    'ledger.workspace_exists.hint': '直接在这个文件夹里使用 jixiao 即可;如果想新建一个,请换一个空文件夹再运行 `jixiao init`。',
    'ledger.workspace_not_a_folder': '{dir} 是一个文件,不是文件夹,无法在这里建立工作目录。',
    'ledger.workspace_not_a_folder.hint': '请换一个文件夹路径再运行 `jixiao init`。',
    'ledger.workspace_cannot_create': '无法在 {dir} 建立工作目录:{reason}。已撤销本次创建的内容。',
    'ledger.workspace_cannot_create.hint': '请确认您有这个文件夹的写入权限、磁盘没有满,并且里面没有与 inbox、archive、out 同名的文件,然后再试一次。',
    'ledger.workspace_not_found': '找不到工作目录:从 {dir} 往上都没有 jixiao 工作目录(jixiao.db)。',
    'ledger.workspace_not_found.hint': '请先进入工作目录再运行命令,或用 --workspace 指定它;第一次使用请先运行 `jixiao init`。',
    'ledger.workspace_explicit_not_workspace': '--workspace 指定的 {dir} 不是 jixiao 工作目录(里面没有 jixiao.db)。',
    'ledger.workspace_explicit_not_workspace.hint': '请检查路径是否写对;如果还没有工作目录,请先运行 `jixiao init`。',
    'ledger.workspace_created': '已建立工作目录 {dir}。',
    'ledger.empty': '台账文件 {path} 是空的(0 字节),里面的记录已经丢失。为避免用一个空台账继续工作,本次没有做任何改动。',
    'ledger.empty.hint': '请从备份恢复 jixiao.db(同一文件夹里如有 jixiao.db-wal 请一并保留,不要删除);存档 archive/ 里的原始文件都还在,必要时可以用 `jixiao receive` 重新登记。',
    'ledger.workspace_ledger_lost': '{dir} 看起来是 jixiao 工作目录(有 {found}),但台账 jixiao.db 不见了。没有新建空台账,也没有做任何改动。',
    'ledger.workspace_ledger_lost.hint': '请从备份把 jixiao.db 放回 {dir};存档 archive/ 里的原始文件都还在。确实要从头开始时,请把这个文件夹整个改名保存,再在新文件夹里运行 `jixiao init`。',
    // opening the ledger
    'ledger.missing': '找不到台账文件 {path}。',
    'ledger.missing.hint': '请确认工作目录没有被移动或删除文件;如果有备份,请把 jixiao.db 放回原处。',
    'ledger.too_new': '台账 {path} 是用更新版本的 jixiao 写的(数据格式第 {found} 版,本程序只认识到第 {supported} 版)。为保护数据,没有打开它,也没有做任何改动。',
    'ledger.too_new.hint': '请把 jixiao 升级到最新版本后再运行。',
    'ledger.not_a_database': '{path} 不是 jixiao 台账文件,或者文件已经损坏。没有做任何改动。',
    'ledger.not_a_database.hint': '请从备份恢复 jixiao.db;如果没有备份,请联系技术支持,不要删除这个文件。',
    'ledger.not_a_ledger': '{path} 是一个数据库文件,但不是 jixiao 的台账。没有做任何改动。',
    'ledger.not_a_ledger.hint': '请确认工作目录里的 jixiao.db 没有被别的文件替换;必要时从备份恢复。',
    'ledger.busy': '台账 {path} 正被另一个 jixiao 程序使用。',
    'ledger.busy.hint': '请等另一个窗口里的 jixiao 命令运行完,再试一次。',
    'ledger.open_failed': '无法打开台账 {path}:{reason}',
    'ledger.open_failed.hint': '请确认您有这个文件夹的读写权限、磁盘没有满;如果问题仍在,请把这条信息发给技术支持。',
    'ledger.migration_failed': '升级台账 {path} 的数据格式时出错(第 {from} 版 → 第 {to} 版):{reason}。台账保持原样,没有损坏。',
    'ledger.migration_failed.hint': '请把这条信息发给技术支持;在此之前请继续使用旧版本的 jixiao。',
    'ledger.backup_made': '升级台账前已备份到 {path}。',
    // months
    'ledger.month_closed': '{month} 已经结算过(第 {revision} 次结算,时间 {closedAt}),结果不会被覆盖。',
    'ledger.month_closed.hint': '如果确实需要重新结算(例如有申述更正),请运行 `jixiao close --month {month} --reopen --reason "原因"`;之前的结果会保留。',
    'ledger.month_not_closed': '{month} 还没有结算过,无法“重新结算”。',
    'ledger.month_not_closed.hint': '请去掉 --reopen,运行 `jixiao close --month {month}`。',
    'ledger.reopen_reason_required': '重新结算 {month} 必须写明原因。',
    'ledger.reopen_reason_required.hint': '请加上 --reason "原因",例如 --reason "张三申述已批准"。',
    // informational
    'ledger.roster_duplicate': '这份花名册({file})已经导入过({effectiveMonth} 起生效,第 {id} 版),没有重复导入。',
    'ledger.roster_fallback': '没有 {month} 或更早生效的花名册,暂时使用最早的一版({effectiveMonth} 起生效)。',
    'ledger.submission_duplicate': '{file} 与已收到的第 {version} 版内容完全相同,没有重复登记。',
  },
  en: {
    // workspace
    'ledger.workspace_exists': 'The folder {dir} is already a jixiao workspace (it has {found}). Nothing was changed.',
    'ledger.workspace_exists.hint': 'Just use jixiao in that folder; to start a new workspace, run `jixiao init` in an empty folder.',
    'ledger.workspace_not_a_folder': '{dir} is a file, not a folder: a workspace cannot be created there.',
    'ledger.workspace_not_a_folder.hint': 'Run `jixiao init` with a folder path.',
    'ledger.workspace_cannot_create': 'Could not create a workspace in {dir}: {reason}. What was created has been removed again.',
    'ledger.workspace_cannot_create.hint': 'Check that you may write to the folder, that the disk is not full and that no file is named inbox, archive or out, then try again.',
    'ledger.workspace_not_found': 'No workspace found: no jixiao workspace (jixiao.db) in {dir} or any folder above it.',
    'ledger.workspace_not_found.hint': 'Run the command inside the workspace or pass --workspace DIR; the first time, run `jixiao init`.',
    'ledger.workspace_explicit_not_workspace': '{dir}, given with --workspace, is not a jixiao workspace (it has no jixiao.db).',
    'ledger.workspace_explicit_not_workspace.hint': 'Check the path; if there is no workspace yet, run `jixiao init` first.',
    'ledger.workspace_created': 'Workspace created in {dir}.',
    'ledger.empty': 'The ledger file {path} is empty (0 bytes): its records are lost. To avoid working on with an empty ledger, nothing was changed.',
    'ledger.empty.hint': 'Restore jixiao.db from a backup (keep any jixiao.db-wal next to it; do not delete it). The original files in archive/ are all still there and can be recorded again with `jixiao receive` if needed.',
    'ledger.workspace_ledger_lost': '{dir} looks like a jixiao workspace ({found}) but its ledger jixiao.db is missing. No empty ledger was created; nothing was changed.',
    'ledger.workspace_ledger_lost.hint': 'Put jixiao.db back into {dir} from a backup; the original files in archive/ are all still there. To really start over, rename this whole folder to keep it, then run `jixiao init` in a new folder.',
    // opening the ledger
    'ledger.missing': 'The ledger file {path} is missing.',
    'ledger.missing.hint': 'Check that the workspace was not moved or files deleted; if you have a backup, put jixiao.db back.',
    'ledger.too_new': 'The ledger {path} was written by a newer jixiao (data format {found}; this program knows up to {supported}). To protect it, it was not opened or changed.',
    'ledger.too_new.hint': 'Upgrade jixiao to the latest version and run again.',
    'ledger.not_a_database': '{path} is not a jixiao ledger, or the file is damaged. Nothing was changed.',
    'ledger.not_a_database.hint': 'Restore jixiao.db from a backup; if there is none, contact support and do not delete the file.',
    'ledger.not_a_ledger': '{path} is a database, but not a jixiao ledger. Nothing was changed.',
    'ledger.not_a_ledger.hint': 'Check that jixiao.db in the workspace was not replaced by another file; restore it from a backup if needed.',
    'ledger.busy': 'The ledger {path} is in use by another jixiao command.',
    'ledger.busy.hint': 'Wait for the jixiao command in the other window to finish, then try again.',
    'ledger.open_failed': 'Could not open the ledger {path}: {reason}',
    'ledger.open_failed.hint': 'Check that you may read and write the folder and that the disk is not full; if it persists, send this message to support.',
    'ledger.migration_failed': 'Upgrading the ledger {path} (format {from} → {to}) failed: {reason}. The ledger is unchanged and intact.',
    'ledger.migration_failed.hint': 'Send this message to support; until then keep using the previous jixiao version.',
    'ledger.backup_made': 'Before upgrading, the ledger was backed up to {path}.',
    // months
    'ledger.month_closed': '{month} is already closed (revision {revision}, at {closedAt}); its result is never overwritten.',
    'ledger.month_closed.hint': 'To recompute it (e.g. after an approved appeal), run `jixiao close --month {month} --reopen --reason "why"`; earlier results are kept.',
    'ledger.month_not_closed': '{month} has not been closed yet, so it cannot be reopened.',
    'ledger.month_not_closed.hint': 'Leave out --reopen: run `jixiao close --month {month}`.',
    'ledger.reopen_reason_required': 'Reopening {month} needs a reason.',
    'ledger.reopen_reason_required.hint': 'Add --reason "why", e.g. --reason "appeal of Zhang San approved".',
    // informational
    'ledger.roster_duplicate': 'This staff list ({file}) was already imported (effective from {effectiveMonth}, version {id}); it was not imported again.',
    'ledger.roster_fallback': 'No staff list is effective in or before {month}; using the earliest one (effective from {effectiveMonth}).',
    'ledger.submission_duplicate': '{file} is identical to version {version} already received; it was not recorded again.',
  },
};

/** A Failure carried as an Issue (src/app/context.ts) renders as issue.<code>: the same text. */
function withIssueKeys(c: Record<string, string>): Record<string, string> {
  const out = { ...c };
  for (const code of LEDGER_CODES) {
    out[`issue.${code}`] = c[messageKey(code)];
    out[`issue.${code}.hint`] = c[`${messageKey(code)}.hint`];
  }
  return out;
}

export const messages: Catalog = { zh: withIssueKeys(base.zh), en: withIssueKeys(base.en) };
