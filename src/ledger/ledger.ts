/**
 * The ledger (jixiao.db): a small synchronous interface over better-sqlite3.
 * See ./index.ts for the API overview and ./schema.ts for the tables. All SQL lives in
 * src/ledger/; nothing else in the program talks to SQLite.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Employee, FormKind, MonthResult, Month, ParsedForm, DecimalText, GradeLetter, SheetTarget, TargetRow, TargetSplit } from '../model.js';
import type { Issue } from '../issues.js';
import { MIGRATIONS } from './schema.js';
import { fail, type Failure, type Result } from './result.js';

type DB = Database.Database;
type Row = Record<string, unknown>;

// ───────────────────────────── record types ─────────────────────────────

export interface RosterVersionInput {
  importedAt: string;
  sourceFile: string;
  sha256: string;
  effectiveMonth: Month;
  employees: Employee[];
}
export interface RosterVersion {
  id: number;
  importedAt: string;
  sourceFile: string;
  sha256: string;
  effectiveMonth: Month;
  employeeCount: number;
}
export interface RosterSnapshot {
  version: RosterVersion;
  employees: Employee[];
  /** true when no version is effective in or before the asked month and the earliest one is used. */
  fallback: boolean;
}

export interface SubmissionInput {
  month: Month;
  kind: FormKind;
  scorerId: string;
  formKey: string;
  fileName: string;
  sha256: string;
  archivedPath: string;
  /** ISO 8601 instant with offset. */
  receivedAt: string;
  errorCount: number;
  warningCount: number;
  issues: Issue[];
  parsed: ParsedForm | null;
}
export interface Submission extends SubmissionInput {
  id: number;
  /** 1, 2, 3 … per formKey, in the order received. */
  version: number;
}

export interface CloseInput {
  file: string;
  sha256: string;
  formKey: string;
  receivedAt: string;
  version: number;
  /** Linked automatically from (formKey, sha256) when omitted. */
  submissionId?: number | null;
}
export interface CloseMonthInput {
  month: Month;
  result: MonthResult;
  /** Defaults to result.inputs. */
  inputs?: CloseInput[];
  policyVersion: string;
  policyText: string;
  toolVersion: string;
  closedAt: string;
  /** Required (non-blank) with reopen. */
  reason?: string | null;
  reopen?: boolean;
}
export interface RevisionInfo {
  month: Month;
  revision: number;
  closedAt: string;
  reason: string | null;
  policyVersion: string;
  toolVersion: string;
}
export interface ClosedMonth extends RevisionInfo {
  policyText: string;
  /** As stored: revision, closedAt, reopenReason, policyVersion, toolVersion filled in by the ledger. */
  result: MonthResult;
  inputs: CloseInput[];
}
export interface ClosedMonthSummary {
  month: Month;
  latestRevision: number;
  firstClosedAt: string;
  lastClosedAt: string;
}
export interface GradedMonth {
  month: Month;
  /** Null for an imported month that kept only a grade. */
  total: DecimalText | null;
  grade: GradeLetter;
  bandGrade: GradeLetter | null;
  source: MonthSource;
}
/** Where a month's grades come from: a close of jixiao (revision n) or an imported workbook (import id). */
export type MonthSource = { kind: 'closed'; revision: number } | { kind: 'imported'; importId: number; version: number };

export interface ImportedGradeInput {
  month: Month;
  employeeId: string;
  name: string;
  total: DecimalText | null;
  bandGrade: GradeLetter | null;
  grade: GradeLetter;
  cell: string;
}
export interface HistoryImportInput {
  importedAt: string;
  sourceFile: string;
  sha256: string;
  layout: 'long' | 'wide';
  months: Month[];
  grades: ImportedGradeInput[];
}
export interface HistoryImport {
  id: number;
  importedAt: string;
  sourceFile: string;
  sha256: string;
  layout: 'long' | 'wide';
  months: Month[];
}
/** One employee's line of a month, whichever source it has. */
export interface MonthGradeLine {
  employeeId: string;
  name: string;
  status: 'graded' | 'incomplete' | 'excluded';
  total: DecimalText | null;
  bandGrade: GradeLetter | null;
  grade: GradeLetter | null;
}
export interface MonthGrades {
  month: Month;
  source: MonthSource;
  lines: MonthGradeLine[];
}

export interface ReceiptCorrectionInput {
  month: Month;
  formKey: string;
  receivedAt: string;
  reason: string;
  approver: string;
  recordedAt: string;
}
export interface FineWaiverInput {
  month: Month;
  formKey: string;
  reason: string;
  approver: string;
  recordedAt: string;
}
export interface EmployeeMonth {
  month: Month;
  status: 'graded' | 'incomplete' | 'excluded';
  total: DecimalText | null;
  grade: GradeLetter | null;
}

export interface AppealInput {
  month: Month;
  employeeId: string;
  sectionId: string;
  correctedScore: DecimalText;
  reason: string;
  approver: string;
  recordedAt: string;
}
export interface Appeal extends AppealInput {
  id: number;
}

/** A file jixiao wrote under out/ (the file registry). */
export interface OutputFile {
  /** Relative to the workspace folder, '/' separators. */
  path: string;
  sha256: string;
  bytes: number;
  /** What it renders, e.g. 'close/2026-10'. */
  product: string;
  revision: number;
  writtenAt: string;
}

// ───────────────────────────── opening ─────────────────────────────

export interface OpenOptions {
  /** Refuse (ledger.missing) instead of creating a new database. Default false. */
  mustExist?: boolean;
  /** Copy an older ledger (VACUUM INTO) before upgrading it. Default true. */
  backupBeforeUpgrade?: boolean;
  /** @internal Migration steps (tests only). */
  migrations?: readonly string[];
}

export interface Opened {
  ledger: Ledger;
  /** user_version found before migrating (0 = new). */
  migratedFrom: number;
  /** Backup written before an upgrade, or null. */
  backupPath: string | null;
}

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Open (or create) the ledger at dbPath and bring it to the current schema.
 * A database newer than this tool (ledger.too_new) is refused without being opened by
 * SQLite at all (the header is read with fs), so its bytes and mtime stay as they were.
 */
export function openLedger(dbPath: string, opts: OpenOptions = {}): Result<Opened> {
  const steps = opts.migrations ?? MIGRATIONS;
  const supported = steps.length;
  const memory = dbPath === ':memory:';
  const file = memory ? dbPath : path.resolve(dbPath);

  if (!memory) {
    let st: fs.Stats | null = null;
    try {
      st = fs.statSync(file);
    } catch {
      st = null;
    }
    if (!st) {
      if (opts.mustExist) return fail('ledger.missing', { path: file });
    } else if (st.size === 0 && opts.mustExist) {
      // A ledger that existed is never silently replaced by a fresh empty one (issue 10 §4).
      return fail('ledger.empty', { path: file });
    } else if (!st.isFile()) {
      return fail('ledger.not_a_database', { path: file });
    } else if (st.size > 0) {
      const header = readHeader(file);
      if (!header || header.length < 100 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
        return fail('ledger.not_a_database', { path: file });
      }
      const found = header.readUInt32BE(60);
      if (found > supported) return fail('ledger.too_new', { path: file, found, supported });
    }
  }

  let db: DB;
  try {
    db = new Database(file, { fileMustExist: !!opts.mustExist && !memory });
  } catch (e) {
    return sqliteFailure(e, file);
  }

  try {
    db.pragma('busy_timeout = 5000');
    // Again through SQLite: a WAL file may hold a newer header than the main file.
    const found = db.pragma('user_version', { simple: true }) as number;
    if (found > supported) {
      db.close();
      return fail('ledger.too_new', { path: file, found, supported });
    }
    if (found === 0) {
      const objects = db
        .prepare(`SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'`)
        .all() as { name: string }[];
      if (objects.length > 0) {
        db.close();
        return fail('ledger.not_a_ledger', { path: file });
      }
    }
    if (!memory) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');

    let backupPath: string | null = null;
    if (found > 0 && found < supported && !memory && opts.backupBeforeUpgrade !== false) {
      backupPath = freeName(`${file}.v${found}.bak`);
      db.prepare('VACUUM INTO ?').run(backupPath);
    }

    for (let v = found; v < supported; v++) {
      const step = steps[v];
      try {
        db.transaction(() => {
          db.exec(step);
          db.pragma(`user_version = ${v + 1}`);
        }).immediate();
      } catch (e) {
        db.close();
        return fail('ledger.migration_failed', { path: file, from: v, to: v + 1, reason: errorText(e) });
      }
    }
    const ledger = new Ledger(db, file, supported);
    if (found === 0 && steps === MIGRATIONS) ledger.setMeta('created_at', new Date().toISOString());
    return { ok: true, ledger, migratedFrom: found, backupPath };
  } catch (e) {
    try {
      db.close();
    } catch {
      /* already closed */
    }
    return sqliteFailure(e, file);
  }
}

function readHeader(file: string): Buffer | null {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(100);
    const n = fs.readSync(fd, buf, 0, 100, 0);
    return buf.subarray(0, n);
  } catch {
    return null;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function freeName(base: string): string {
  if (!fs.existsSync(base)) return base;
  for (let i = 2; ; i++) if (!fs.existsSync(`${base}.${i}`)) return `${base}.${i}`;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function sqliteFailure(e: unknown, file: string): Failure {
  const code = (e as { code?: string } | null)?.code ?? '';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return fail('ledger.not_a_database', { path: file });
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return fail('ledger.busy', { path: file });
  if (code === 'SQLITE_CANTOPEN' && !fs.existsSync(file)) return fail('ledger.missing', { path: file });
  return fail('ledger.open_failed', { path: file, reason: errorText(e) });
}

// ───────────────────────────── the ledger ─────────────────────────────

function checkMonth(month: string, what = 'month'): void {
  if (!MONTH_RE.test(month)) throw new TypeError(`ledger: ${what} must be YYYY-MM, got ${JSON.stringify(month)}`);
}
function instantMs(iso: string, what: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new TypeError(`ledger: ${what} must be an ISO 8601 instant, got ${JSON.stringify(iso)}`);
  return ms;
}
const json = (v: unknown): string => JSON.stringify(v);
const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T;

export class Ledger {
  private readonly cache = new Map<string, Database.Statement>();

  /** Use openLedger(). */
  constructor(
    private readonly db: DB,
    /** Absolute path of the database file (or ':memory:'). */
    readonly path: string,
    /** Schema version (PRAGMA user_version) of this ledger. */
    readonly schemaVersion: number,
  ) {}

  private st(sql: string): Database.Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.cache.set(sql, s);
    }
    return s;
  }

  /** Run fn in one (immediate) transaction: all of it is written, or — if it throws — none. Nests. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  get isOpen(): boolean {
    return this.db.open;
  }

  /** The names of the ledger's tables (for diagnostics). */
  tables(): string[] {
    return (this.st(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as { name: string }[]).map(
      (r) => r.name,
    );
  }

  getMeta(key: string): string | null {
    const r = this.st('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r ? r.value : null;
  }
  setMeta(key: string, value: string): void {
    this.st('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  // ── roster ──

  /**
   * Record an imported staff list. History is never overwritten: each import is a new
   * version. Re-importing the file that is already the current version for effectiveMonth
   * (same sha256) adds nothing and returns it with duplicate: true. (Re-importing an older
   * file after a different one makes it current again, as a new version.)
   */
  addRosterVersion(input: RosterVersionInput): { id: number; duplicate: boolean; version: RosterVersion } {
    checkMonth(input.effectiveMonth, 'effectiveMonth');
    return this.transaction(() => {
      const current = this.st(
        'SELECT * FROM roster_versions WHERE effective_month = ? ORDER BY id DESC LIMIT 1',
      ).get(input.effectiveMonth) as Row | undefined;
      if (current && current.sha256 === input.sha256) {
        const version = toRosterVersion(current);
        return { id: version.id, duplicate: true, version };
      }
      const info = this.st(
        `INSERT INTO roster_versions (imported_at, source_file, sha256, effective_month, employee_count)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(input.importedAt, input.sourceFile, input.sha256, input.effectiveMonth, input.employees.length);
      const id = Number(info.lastInsertRowid);
      const ins = this.st('INSERT INTO roster_employees (version_id, seq, employee_id, name, data) VALUES (?, ?, ?, ?, ?)');
      input.employees.forEach((e, i) => ins.run(id, i + 1, e.id, e.name, json(e)));
      return { id, duplicate: false, version: this.rosterVersion(id)! };
    });
  }

  rosterVersion(id: number): RosterVersion | null {
    const r = this.st('SELECT * FROM roster_versions WHERE id = ?').get(id) as Row | undefined;
    return r ? toRosterVersion(r) : null;
  }

  /** Every roster version, oldest import first. */
  listRosterVersions(): RosterVersion[] {
    return (this.st('SELECT * FROM roster_versions ORDER BY id').all() as Row[]).map(toRosterVersion);
  }

  /** The employees of one roster version, in sheet order. */
  rosterEmployees(versionId: number): Employee[] {
    return (this.st('SELECT data FROM roster_employees WHERE version_id = ? ORDER BY seq').all(versionId) as Row[]).map((r) =>
      parse<Employee>(r.data),
    );
  }

  /**
   * The staff list in force for month: the latest import among versions whose
   * effectiveMonth ≤ month (greatest effectiveMonth, then newest import). If none, the
   * earliest effectiveMonth's current version with fallback: true. null when no roster at all.
   */
  rosterFor(month: Month): RosterSnapshot | null {
    checkMonth(month);
    let r = this.st(
      'SELECT * FROM roster_versions WHERE effective_month <= ? ORDER BY effective_month DESC, id DESC LIMIT 1',
    ).get(month) as Row | undefined;
    let fallback = false;
    if (!r) {
      r = this.st('SELECT * FROM roster_versions ORDER BY effective_month ASC, id DESC LIMIT 1').get() as Row | undefined;
      fallback = true;
    }
    if (!r) return null;
    const version = toRosterVersion(r);
    return { version, employees: this.rosterEmployees(version.id), fallback };
  }

  // ── submissions ──

  /**
   * Record a received sheet. Versions count 1, 2, 3 … per formKey. A file with the same
   * sha256 already recorded for that formKey is not added again: the existing row comes
   * back with duplicate: true.
   */
  recordSubmission(input: SubmissionInput): { id: number; version: number; duplicate: boolean; submission: Submission } {
    checkMonth(input.month);
    const ms = instantMs(input.receivedAt, 'receivedAt');
    return this.transaction(() => {
      const existing = this.st('SELECT * FROM submissions WHERE form_key = ? AND sha256 = ?').get(input.formKey, input.sha256) as
        | Row
        | undefined;
      if (existing) {
        const s = toSubmission(existing);
        return { id: s.id, version: s.version, duplicate: true, submission: s };
      }
      const { next } = this.st('SELECT COALESCE(MAX(version), 0) + 1 AS next FROM submissions WHERE form_key = ?').get(
        input.formKey,
      ) as { next: number };
      const info = this.st(
        `INSERT INTO submissions (month, kind, scorer_id, form_key, version, file_name, sha256, archived_path,
           received_at, received_ms, error_count, warning_count, issues, parsed)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        input.month,
        input.kind,
        input.scorerId,
        input.formKey,
        next,
        input.fileName,
        input.sha256,
        input.archivedPath,
        input.receivedAt,
        ms,
        input.errorCount,
        input.warningCount,
        json(input.issues),
        input.parsed === null ? null : json(input.parsed),
      );
      const s = this.submission(Number(info.lastInsertRowid))!;
      return { id: s.id, version: s.version, duplicate: false, submission: s };
    });
  }

  submission(id: number): Submission | null {
    const r = this.st('SELECT * FROM submissions WHERE id = ?').get(id) as Row | undefined;
    return r ? toSubmission(r) : null;
  }

  /** Every version of every sheet for month, by formKey then version. */
  submissionsFor(month: Month): Submission[] {
    checkMonth(month);
    return (this.st('SELECT * FROM submissions WHERE month = ? ORDER BY form_key, version').all(month) as Row[]).map(toSubmission);
  }

  /** Every version of one sheet, oldest first. */
  submissionsOf(formKey: string): Submission[] {
    return (this.st('SELECT * FROM submissions WHERE form_key = ? ORDER BY version').all(formKey) as Row[]).map(toSubmission);
  }

  /** The highest version without blocking errors: its rows are what close uses. */
  latestValid(formKey: string): Submission | null {
    const r = this.st('SELECT * FROM submissions WHERE form_key = ? AND error_count = 0 ORDER BY version DESC LIMIT 1').get(
      formKey,
    ) as Row | undefined;
    return r ? toSubmission(r) : null;
  }

  /** The earliest-received version without blocking errors: its receivedAt sets lateness (SPEC §3). */
  firstValid(formKey: string): Submission | null {
    const r = this.st(
      'SELECT * FROM submissions WHERE form_key = ? AND error_count = 0 ORDER BY received_ms ASC, version ASC LIMIT 1',
    ).get(formKey) as Row | undefined;
    return r ? toSubmission(r) : null;
  }

  /** Every archived file the ledger refers to: one row per archived path, with its hash and first receipt. */
  archivedFiles(): { archivedPath: string; sha256: string; fileName: string; month: Month }[] {
    return (
      this.st(
        `SELECT archived_path, sha256, file_name, month FROM submissions WHERE id IN (SELECT MIN(id) FROM submissions GROUP BY archived_path) ORDER BY id`,
      ).all() as Row[]
    ).map((r) => ({ archivedPath: String(r.archived_path), sha256: String(r.sha256), fileName: String(r.file_name), month: String(r.month) }));
  }

  /** The first submission recorded with these bytes (any form), or null. */
  archivedBySha(sha256: string): Submission | null {
    const r = this.st('SELECT * FROM submissions WHERE sha256 = ? ORDER BY id LIMIT 1').get(sha256) as Row | undefined;
    return r ? toSubmission(r) : null;
  }

  // ── months ──

  /**
   * Record a month's close in ONE transaction (revision, inputs, grades — all or nothing).
   * First close → revision 1. If the month has a revision already, refused (ledger.month_closed)
   * unless reopen: true with a non-blank reason, which adds revision n+1; earlier
   * revisions stay. reopen on a month never closed → ledger.month_not_closed.
   */
  closeMonth(input: CloseMonthInput): Result<{ revision: number; closed: ClosedMonth }> {
    checkMonth(input.month);
    if (input.result.month !== input.month) {
      throw new TypeError(`ledger: result.month ${input.result.month} differs from month ${input.month}`);
    }
    instantMs(input.closedAt, 'closedAt');
    const reason = input.reason?.trim() ? input.reason.trim() : null;
    if (input.reopen && !reason) return fail('ledger.reopen_reason_required', { month: input.month });

    return this.transaction((): Result<{ revision: number; closed: ClosedMonth }> => {
      const last = this.st(
        'SELECT revision, closed_at FROM month_revisions WHERE month = ? ORDER BY revision DESC LIMIT 1',
      ).get(input.month) as { revision: number; closed_at: string } | undefined;
      if (last && !input.reopen) {
        return fail('ledger.month_closed', { month: input.month, revision: last.revision, closedAt: last.closed_at });
      }
      if (!last && input.reopen) return fail('ledger.month_not_closed', { month: input.month });
      const revision = (last?.revision ?? 0) + 1;
      const result: MonthResult = {
        ...input.result,
        revision,
        closedAt: input.closedAt,
        reopenReason: input.reopen ? reason : null,
        policyVersion: input.policyVersion,
        toolVersion: input.toolVersion,
      };
      this.st(
        `INSERT INTO month_revisions (month, revision, closed_at, reason, policy_version, policy_text, tool_version, result)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.month, revision, input.closedAt, reason, input.policyVersion, input.policyText, input.toolVersion, json(result));

      const inputs: CloseInput[] = input.inputs ?? input.result.inputs ?? [];
      const insInput = this.st(
        `INSERT INTO close_inputs (month, revision, seq, file, sha256, form_key, received_at, version, submission_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      const findSub = this.st('SELECT id FROM submissions WHERE form_key = ? AND sha256 = ?');
      inputs.forEach((f, i) => {
        const sid =
          f.submissionId ?? (findSub.get(f.formKey, f.sha256) as { id: number } | undefined)?.id ?? null;
        insInput.run(input.month, revision, i + 1, f.file, f.sha256, f.formKey, f.receivedAt, f.version, sid);
      });

      const insGrade = this.st(
        `INSERT INTO month_grades (month, revision, employee_id, name, status, total, band_grade, grade)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const e of input.result.employees) {
        insGrade.run(input.month, revision, e.employeeId, e.name, e.status, e.total, e.bandGrade, e.grade);
      }
      return { ok: true, revision, closed: this.revision(input.month, revision)! };
    });
  }

  /** One revision of a closed month, with its result parsed, or null. */
  revision(month: Month, revision: number): ClosedMonth | null {
    const r = this.st('SELECT * FROM month_revisions WHERE month = ? AND revision = ?').get(month, revision) as Row | undefined;
    if (!r) return null;
    const inputs = (
      this.st('SELECT * FROM close_inputs WHERE month = ? AND revision = ? ORDER BY seq').all(month, revision) as Row[]
    ).map(
      (i): CloseInput => ({
        file: String(i.file),
        sha256: String(i.sha256),
        formKey: String(i.form_key),
        receivedAt: String(i.received_at),
        version: Number(i.version),
        submissionId: i.submission_id === null ? null : Number(i.submission_id),
      }),
    );
    return { ...toRevisionInfo(r), policyText: String(r.policy_text), result: parse<MonthResult>(r.result), inputs };
  }

  /** The latest revision of month (what reports use), or null when the month was never closed. */
  closedMonth(month: Month): ClosedMonth | null {
    checkMonth(month);
    const r = this.st('SELECT MAX(revision) AS n FROM month_revisions WHERE month = ?').get(month) as { n: number | null };
    return r.n === null ? null : this.revision(month, r.n);
  }

  /** All revisions of month, oldest first (without the result JSON). */
  revisions(month: Month): RevisionInfo[] {
    checkMonth(month);
    return (
      this.st(
        `SELECT month, revision, closed_at, reason, policy_version, tool_version
         FROM month_revisions WHERE month = ? ORDER BY revision`,
      ).all(month) as Row[]
    ).map(toRevisionInfo);
  }

  /** Every closed month, in calendar order. */
  closedMonths(): ClosedMonthSummary[] {
    return (
      this.st(
        `SELECT month, MAX(revision) AS latest, MIN(closed_at) AS first_at,
           (SELECT closed_at FROM month_revisions r2 WHERE r2.month = r.month ORDER BY revision DESC LIMIT 1) AS last_at
         FROM month_revisions r GROUP BY month ORDER BY month`,
      ).all() as Row[]
    ).map((r) => ({
      month: String(r.month),
      latestRevision: Number(r.latest),
      firstClosedAt: String(r.first_at),
      lastClosedAt: String(r.last_at),
    }));
  }

  /**
   * The months an employee was graded, in calendar order: the latest revision of each closed
   * month, and for months jixiao never closed, the latest import of that month. A closed month
   * always wins over an import.
   */
  gradedHistory(employeeId: string): GradedMonth[] {
    return this.gradedHistories().get(employeeId) ?? [];
  }

  /** gradedHistory of every employee at once (one pass over the months). */
  gradedHistories(): Map<string, GradedMonth[]> {
    const out = new Map<string, GradedMonth[]>();
    for (const m of this.historyMonths()) {
      const g = this.monthGrades(m)!;
      for (const line of g.lines) {
        if (line.status !== 'graded' || !line.grade) continue;
        let list = out.get(line.employeeId);
        if (!list) out.set(line.employeeId, (list = []));
        list.push({ month: m, total: line.total, grade: line.grade, bandGrade: line.bandGrade, source: g.source });
      }
    }
    return out;
  }

  /** Every month with results (closed or imported), in calendar order. */
  historyMonths(): Month[] {
    const rows = this.st(
      `SELECT month FROM month_revisions UNION SELECT j.value AS month FROM history_imports h, json_each(h.months) j ORDER BY month`,
    ).all() as Row[];
    return rows.map((r) => String(r.month));
  }

  /**
   * The grades of one month: the latest closed revision, else, for each employee, the value of
   * the latest import that graded them that month (an import of one corrected row does not erase
   * the others), else null.
   */
  monthGrades(month: Month): MonthGrades | null {
    checkMonth(month);
    const closed = this.st('SELECT MAX(revision) AS n FROM month_revisions WHERE month = ?').get(month) as { n: number | null };
    if (closed.n !== null) {
      const lines = (
        this.st(
          `SELECT employee_id, name, status, total, band_grade, grade FROM month_grades WHERE month = ? AND revision = ? ORDER BY rowid`,
        ).all(month, closed.n) as Row[]
      ).map(toGradeLine);
      return { month, source: { kind: 'closed', revision: closed.n }, lines };
    }
    const imp = this.latestImportOf(month);
    if (!imp) return null;
    const lines = (
      this.st(
        `SELECT g.employee_id, g.name, 'graded' AS status, g.total, g.band_grade, g.grade FROM imported_grades g
         JOIN (SELECT employee_id, MAX(import_id) AS id FROM imported_grades WHERE month = ? GROUP BY employee_id) l
           ON l.employee_id = g.employee_id AND l.id = g.import_id
         WHERE g.month = ? ORDER BY g.import_id, g.rowid`,
      ).all(month, month) as Row[]
    ).map(toGradeLine);
    return { month, source: { kind: 'imported', importId: imp.id, version: imp.version }, lines };
  }

  /** The latest import that brought month, and how many imports of it there have been (its version). */
  latestImportOf(month: Month): { id: number; version: number } | null {
    const r = this.st(
      `SELECT MAX(h.id) AS id, COUNT(*) AS n FROM history_imports h, json_each(h.months) j WHERE j.value = ?`,
    ).get(month) as { id: number | null; n: number };
    return r.id === null ? null : { id: r.id, version: r.n };
  }

  /** Record an imported workbook of past results. Earlier imports stay; for each month it brings, this one now wins. */
  addHistoryImport(input: HistoryImportInput): HistoryImport {
    instantMs(input.importedAt, 'importedAt');
    input.months.forEach((m) => checkMonth(m));
    return this.transaction(() => {
      const info = this.st(
        `INSERT INTO history_imports (imported_at, source_file, sha256, layout, months) VALUES (?, ?, ?, ?, ?)`,
      ).run(input.importedAt, input.sourceFile, input.sha256, input.layout, json(input.months));
      const id = Number(info.lastInsertRowid);
      const ins = this.st(
        `INSERT INTO imported_grades (import_id, month, employee_id, name, total, band_grade, grade, cell) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      );
      for (const g of input.grades) ins.run(id, g.month, g.employeeId, g.name, g.total, g.bandGrade, g.grade, g.cell);
      return { id, importedAt: input.importedAt, sourceFile: input.sourceFile, sha256: input.sha256, layout: input.layout, months: input.months };
    });
  }

  historyImports(): HistoryImport[] {
    return (this.st('SELECT * FROM history_imports ORDER BY id').all() as Row[]).map((r) => ({
      id: Number(r.id),
      importedAt: String(r.imported_at),
      sourceFile: String(r.source_file),
      sha256: String(r.sha256),
      layout: r.layout as 'long' | 'wide',
      months: parse<Month[]>(r.months),
    }));
  }

  /** Every closed month in which the employee appears (graded or not), latest revisions, in calendar order. */
  employeeMonths(employeeId: string): EmployeeMonth[] {
    return (
      this.st(
        `SELECT g.month, g.status, g.total, g.grade FROM month_grades g
         JOIN (SELECT month, MAX(revision) AS revision FROM month_revisions GROUP BY month) l
           ON l.month = g.month AND l.revision = g.revision
         WHERE g.employee_id = ? ORDER BY g.month`,
      ).all(employeeId) as Row[]
    ).map((r) => ({
      month: String(r.month),
      status: r.status as EmployeeMonth['status'],
      total: r.total === null ? null : String(r.total),
      grade: (r.grade ?? null) as GradeLetter | null,
    }));
  }

  // ── receipt corrections and fine waivers (applied at the next close or reopen) ──

  addReceiptCorrection(input: ReceiptCorrectionInput): { id: number } {
    checkMonth(input.month);
    instantMs(input.receivedAt, 'receivedAt');
    instantMs(input.recordedAt, 'recordedAt');
    const info = this.st(
      `INSERT INTO receipt_corrections (month, form_key, received_at, reason, approver, recorded_at) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(input.month, input.formKey, input.receivedAt, input.reason, input.approver, input.recordedAt);
    return { id: Number(info.lastInsertRowid) };
  }
  /** Receipt-time corrections of month, in the order recorded (a later one for the same form wins). */
  receiptCorrectionsFor(month: Month): (ReceiptCorrectionInput & { id: number })[] {
    checkMonth(month);
    return (this.st('SELECT * FROM receipt_corrections WHERE month = ? ORDER BY id').all(month) as Row[]).map((r) => ({
      id: Number(r.id),
      month: String(r.month),
      formKey: String(r.form_key),
      receivedAt: String(r.received_at),
      reason: String(r.reason),
      approver: String(r.approver),
      recordedAt: String(r.recorded_at),
    }));
  }
  addFineWaiver(input: FineWaiverInput): { id: number } {
    checkMonth(input.month);
    instantMs(input.recordedAt, 'recordedAt');
    const info = this.st(
      `INSERT INTO fine_waivers (month, form_key, reason, approver, recorded_at) VALUES (?, ?, ?, ?, ?)`,
    ).run(input.month, input.formKey, input.reason, input.approver, input.recordedAt);
    return { id: Number(info.lastInsertRowid) };
  }
  fineWaiversFor(month: Month): (FineWaiverInput & { id: number })[] {
    checkMonth(month);
    return (this.st('SELECT * FROM fine_waivers WHERE month = ? ORDER BY id').all(month) as Row[]).map((r) => ({
      id: Number(r.id),
      month: String(r.month),
      formKey: String(r.form_key),
      reason: String(r.reason),
      approver: String(r.approver),
      recordedAt: String(r.recorded_at),
    }));
  }

  // ── appeals ──

  /** Record an approved section-score correction (SPEC §7). The closed revision is untouched; reopen applies it. */
  addAppeal(input: AppealInput): Appeal {
    checkMonth(input.month);
    instantMs(input.recordedAt, 'recordedAt');
    const info = this.st(
      `INSERT INTO appeals (month, employee_id, section_id, corrected_score, reason, approver, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.month, input.employeeId, input.sectionId, input.correctedScore, input.reason, input.approver, input.recordedAt);
    return { id: Number(info.lastInsertRowid), ...input };
  }

  // ── the file registry (out/) ──

  /** Record (or re-record, after a rebuild) a file written under out/. */
  registerOutput(f: OutputFile): void {
    this.st(
      `INSERT INTO output_files (path, sha256, bytes, product, revision, written_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, bytes = excluded.bytes, product = excluded.product,
         revision = excluded.revision, written_at = excluded.written_at`,
    ).run(f.path, f.sha256, f.bytes, f.product, f.revision, f.writtenAt);
  }

  /** A registered file moved to another path (an earlier revision into its 第N版/ folder). */
  moveOutput(from: string, to: string): void {
    this.transaction(() => {
      this.st('DELETE FROM output_files WHERE path = ?').run(to);
      this.st('UPDATE output_files SET path = ? WHERE path = ?').run(to, from);
    });
  }

  outputFile(path: string): OutputFile | null {
    const r = this.st('SELECT * FROM output_files WHERE path = ?').get(path) as Row | undefined;
    return r ? toOutputFile(r) : null;
  }

  /** The registered files of a product (all revisions), by revision then path. */
  outputsOf(product: string): OutputFile[] {
    return (this.st('SELECT * FROM output_files WHERE product = ? ORDER BY revision, path').all(product) as Row[]).map(toOutputFile);
  }

  /** Every registered file, by path. */
  allOutputs(): OutputFile[] {
    return (this.st('SELECT * FROM output_files ORDER BY path').all() as Row[]).map(toOutputFile);
  }

  /** SQLite's own integrity and foreign-key checks: [] when the ledger file is sound. */
  integrityProblems(): string[] {
    const rows = this.db.pragma('integrity_check') as { integrity_check: string }[];
    const out = rows.map((r) => r.integrity_check).filter((t) => t !== 'ok');
    const fk = this.db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
    for (const f of fk) out.push(`foreign key: ${f.table} row ${f.rowid} → ${f.parent}`);
    return out;
  }

  /** Appeals for month, in the order recorded (a later one for the same employee and section wins). */
  appealsFor(month: Month): Appeal[] {
    checkMonth(month);
    return (this.st('SELECT * FROM appeals WHERE month = ? ORDER BY id').all(month) as Row[]).map((r) => ({
      id: Number(r.id),
      month: String(r.month),
      employeeId: String(r.employee_id),
      sectionId: String(r.section_id),
      correctedScore: String(r.corrected_score),
      reason: String(r.reason),
      approver: String(r.approver),
      recordedAt: String(r.recorded_at),
    }));
  }

  // ── target splits (SPEC §9) ──

  /**
   * Record a split of a year's targets as its next version. The same file giving the same
   * rows as the year's latest version adds nothing (duplicate: true).
   */
  addTargetSplit(input: Omit<TargetSplit, 'id' | 'version'>): { split: TargetSplit; duplicate: boolean } {
    instantMs(input.splitAt, 'splitAt');
    return this.transaction(() => {
      const latest = this.latestTargetSplit(input.year);
      if (latest && latest.sha256 === input.sha256 && json(latest.rows) === json(input.rows)) return { split: latest, duplicate: true };
      const version = (latest?.version ?? 0) + 1;
      const info = this.st(
        `INSERT INTO target_splits (year, version, split_at, source_file, sha256, policy_version, rows) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(input.year, version, input.splitAt, input.sourceFile, input.sha256, input.policyVersion, json(input.rows));
      return { split: this.targetSplit(Number(info.lastInsertRowid))!, duplicate: false };
    });
  }

  targetSplit(id: number): TargetSplit | null {
    const r = this.st('SELECT * FROM target_splits WHERE id = ?').get(id) as Row | undefined;
    return r ? toTargetSplit(r) : null;
  }

  /** The year's latest split (the one the next forms use), or null. */
  latestTargetSplit(year: number): TargetSplit | null {
    const r = this.st('SELECT * FROM target_splits WHERE year = ? ORDER BY version DESC LIMIT 1').get(year) as Row | undefined;
    return r ? toTargetSplit(r) : null;
  }

  /** Remember which split and which targets a generated goals sheet carried. */
  recordFormTargets(input: { formKey: string; generatedAt: string; splitId: number; targets: SheetTarget[] }): void {
    this.st('INSERT INTO form_targets (form_key, generated_at, split_id, rows) VALUES (?, ?, ?, ?)').run(
      input.formKey,
      input.generatedAt,
      input.splitId,
      json(input.targets),
    );
  }

  /**
   * The targets a goals sheet was sent with: the generation stamped `generatedAt` (the sheet's
   * own 生成时间) when given and recorded, else the latest generation of that form. null when
   * the sheet carried no targets.
   */
  formTargets(formKey: string, generatedAt?: string): { splitId: number; splitVersion: number; targets: SheetTarget[] } | null {
    const sql = `SELECT f.split_id, f.rows, s.version FROM form_targets f JOIN target_splits s ON s.id = f.split_id
                 WHERE f.form_key = ? AND (? IS NULL OR f.generated_at = ?) ORDER BY f.id DESC LIMIT 1`;
    let r = this.st(sql).get(formKey, generatedAt ?? null, generatedAt ?? null) as Row | undefined;
    if (!r && generatedAt) r = this.st(sql).get(formKey, null, null) as Row | undefined;
    return r ? { splitId: Number(r.split_id), splitVersion: Number(r.version), targets: parse<SheetTarget[]>(r.rows) } : null;
  }
}

function toTargetSplit(r: Row): TargetSplit {
  return {
    id: Number(r.id),
    year: Number(r.year),
    version: Number(r.version),
    splitAt: String(r.split_at),
    sourceFile: String(r.source_file),
    sha256: String(r.sha256),
    policyVersion: String(r.policy_version),
    rows: parse<TargetRow[]>(r.rows),
  };
}

function toGradeLine(r: Row): MonthGradeLine {
  return {
    employeeId: String(r.employee_id),
    name: String(r.name),
    status: r.status as MonthGradeLine['status'],
    total: r.total === null ? null : String(r.total),
    bandGrade: (r.band_grade ?? null) as GradeLetter | null,
    grade: (r.grade ?? null) as GradeLetter | null,
  };
}

function toOutputFile(r: Row): OutputFile {
  return {
    path: String(r.path),
    sha256: String(r.sha256),
    bytes: Number(r.bytes),
    product: String(r.product),
    revision: Number(r.revision),
    writtenAt: String(r.written_at),
  };
}

function toRosterVersion(r: Row): RosterVersion {
  return {
    id: Number(r.id),
    importedAt: String(r.imported_at),
    sourceFile: String(r.source_file),
    sha256: String(r.sha256),
    effectiveMonth: String(r.effective_month),
    employeeCount: Number(r.employee_count),
  };
}

function toSubmission(r: Row): Submission {
  const s = {
    id: Number(r.id),
    month: String(r.month),
    kind: r.kind as FormKind,
    scorerId: String(r.scorer_id),
    formKey: String(r.form_key),
    version: Number(r.version),
    fileName: String(r.file_name),
    sha256: String(r.sha256),
    archivedPath: String(r.archived_path),
    receivedAt: String(r.received_at),
    errorCount: Number(r.error_count),
    warningCount: Number(r.warning_count),
  } as Submission;
  lazyJson(s, r);
  return s;
}

/**
 * A submission's issues and rows, parsed from JSON when first read and then kept: listing a
 * month's versions (status, close) reads only the columns, and a supervisor's sheet of
 * thousands of rows is parsed once, not on every lookup.
 */
function lazyJson(out: Submission, r: Row): void {
  let issues: Issue[] | undefined;
  let parsed: ParsedForm | null | undefined;
  Object.defineProperty(out, 'issues', {
    enumerable: true,
    get: () => (issues ??= parse<Issue[]>(r.issues)),
    set: (v: Issue[]) => void (issues = v),
  });
  Object.defineProperty(out, 'parsed', {
    enumerable: true,
    get: () => (parsed === undefined ? (parsed = r.parsed === null ? null : parse<ParsedForm>(r.parsed)) : parsed),
    set: (v: ParsedForm | null) => void (parsed = v),
  });
}

function toRevisionInfo(r: Row): RevisionInfo {
  return {
    month: String(r.month),
    revision: Number(r.revision),
    closedAt: String(r.closed_at),
    reason: r.reason === null ? null : String(r.reason),
    policyVersion: String(r.policy_version),
    toolVersion: String(r.tool_version),
  };
}

