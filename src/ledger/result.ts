/**
 * Expected failures of the ledger and the workspace are values, not exceptions: an Issue
 * marked `ok: false` (src/issues.ts `Failed`), with a stable code (e.g. `workspace.exists`,
 * `ledger.too_new`) and parameters; the CLI renders it like any other Issue. The texts live
 * in src/i18n/ledger.ts under `messageKey(code)` and are shared as `issue.<code>`.
 *
 * `LedgerError` carries the same fields when a failure has to travel as an exception
 * (e.g. to abort a `ledger.transaction(fn)` with a typed reason); `asFailure` turns it back.
 */

import { failed, type Failed } from '../issues.js';

/** Every code a ledger/workspace Failure can carry. */
export const LEDGER_CODES = [
  'workspace.exists',
  'workspace.not_a_folder',
  'workspace.cannot_create',
  'workspace.not_found',
  'workspace.explicit_not_workspace',
  'workspace.ledger_lost',
  'ledger.missing',
  'ledger.empty',
  'ledger.too_new',
  'ledger.not_a_database',
  'ledger.not_a_ledger',
  'ledger.busy',
  'ledger.open_failed',
  'ledger.migration_failed',
  'ledger.month_closed',
  'ledger.month_not_closed',
  'ledger.reopen_reason_required',
] as const;
export type LedgerCode = (typeof LEDGER_CODES)[number];

export type Params = Record<string, string | number>;

export type Failure = Failed<LedgerCode>;

/** `{ ok: true, ...value }` or a Failure. */
export type Result<T extends object> = ({ ok: true } & T) | Failure;

/** `workspace.exists` → `ledger.workspace_exists`; `ledger.too_new` → `ledger.too_new`. */
export function messageKey(code: LedgerCode): string {
  return code.startsWith('ledger.') ? code : `ledger.${code.replace(/\./g, '_')}`;
}

export function fail(code: LedgerCode, params: Params = {}): Failure {
  return failed(code, params);
}

export class LedgerError extends Error {
  readonly code: LedgerCode;
  readonly params: Params;
  constructor(code: LedgerCode, params: Params = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'LedgerError';
    this.code = code;
    this.params = params;
  }
  toFailure(): Failure {
    return fail(this.code, this.params);
  }
}

/** A LedgerError as a Failure value; anything else is rethrown (a bug, not bad input). */
export function asFailure(e: unknown): Failure {
  if (e instanceof LedgerError) return e.toFailure();
  throw e;
}
