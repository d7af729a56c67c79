/**
 * System failures as clerk messages, not stack traces (issue 10 §6). main() hands every
 * unexpected exception here first; what is recognised (permission denied, disk full, ledger
 * busy, a policy file missing or a folder …) becomes one message naming the path and what to
 * do, with a hint that fits the cause. Only what is not recognised is an internal error (exit 70).
 */
import { t } from '../i18n/index.js';

/** Exit code for a failure of the surroundings (disk, permissions), not of the input: EX_IOERR. */
export const EXIT_ENVIRONMENT = 74;

interface SystemError {
  code?: string;
  path?: string;
  dest?: string;
  syscall?: string;
  message?: string;
}

/** The message for a recognised system failure, or null. */
export function clerkMessage(e: unknown): string | null {
  if (!e || typeof e !== 'object') return null;
  const err = e as SystemError;
  const code = err.code ?? '';
  const file = err.path ?? pathIn(err.message ?? '') ?? '?';
  const say = (key: string, params: Record<string, unknown> = {}) => `${t(key, { file, ...params })}\n${t(`${key}.hint`, { file, ...params })}`;
  if (code === 'EACCES' || code === 'EPERM') return say('sys.permission');
  if (code === 'EROFS') return say('sys.read_only');
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return say('sys.disk_full');
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return say('sys.ledger_busy');
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return say('sys.io_error');
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB') return say('sys.ledger_damaged');
  if (code === 'EMFILE' || code === 'ENFILE') return say('sys.too_many_files');
  return null;
}

/** "EACCES: permission denied, open '/x/y'" → "/x/y". */
function pathIn(message: string): string | null {
  const m = /'([^']+)'/.exec(message);
  return m ? m[1] : null;
}
