/**
 * Problems in the data are values, not exceptions: every check returns Issue[] and the
 * command prints them all together. The text is not stored here — only a stable code and
 * parameters; `renderIssue` (src/i18n) turns them into the clerk's language.
 */
import type { IssueCode } from './issue-codes.js';

export type { IssueCode } from './issue-codes.js';
export type Severity = 'error' | 'warning';

export interface Issue {
  /** Stable code from src/issue-codes.ts, e.g. `score.out_of_range`. Message key is `issue.<code>`, hint `issue.<code>.hint`. */
  code: IssueCode;
  severity: Severity;
  file?: string;
  sheet?: string;
  /** A1 reference of the cell (or range) at fault. */
  cell?: string;
  /** What was found, as the clerk would see it in the cell. */
  found?: string;
  /** What was expected. */
  expected?: string;
  /** Extra values the message template uses (employee id, name, numbers …). */
  params?: Record<string, string | number>;
}

export function issue(
  code: IssueCode,
  severity: Severity,
  where: Omit<Issue, 'code' | 'severity'> = {},
): Issue {
  return { code, severity, ...where };
}

/**
 * A step that failed returns the Issue itself, marked `ok: false`, so `{ ok: true, … } | Failed`
 * narrows on `ok` and the failure needs no second shape (the ledger's and the file writer's
 * failures are these). `asIssue` drops the marker for lists and --json.
 */
export type Failed<C extends IssueCode = IssueCode> = Issue & { ok: false; code: C; severity: 'error'; params: Record<string, string | number> };

export const failed = <C extends IssueCode>(code: C, params: Record<string, string | number> = {}, where: Omit<Issue, 'code' | 'severity' | 'params'> = {}): Failed<C> => ({
  ok: false,
  code,
  severity: 'error',
  ...where,
  params,
});

export const asIssue = (f: Failed): Issue => {
  const { ok: _ok, ...rest } = f;
  return rest;
};

export const hasErrors = (issues: readonly Issue[]): boolean => issues.some((i) => i.severity === 'error');

/** Flattened form used by tests and --json consumers: [file, sheet, cell, code]. */
export const flat = (issues: readonly Issue[]) => issues.map((i) => [i.sheet ?? '', i.cell ?? '', i.code]);

/**
 * A command cannot go on (no workspace, a broken policy, a month typed wrong). The app layer
 * throws it with the problems that stop it, as Issues like any other; only the CLI turns them
 * into text and an exit code (`usage` → 2, `input` → 1).
 */
export class Stop extends Error {
  constructor(
    readonly kind: 'input' | 'usage',
    readonly issues: readonly Issue[],
  ) {
    super(issues.map((i) => i.code).join(', '));
    this.name = 'Stop';
  }
}
