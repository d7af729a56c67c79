/**
 * The ledger's schema as an ordered list of migrations. Step i (0-based) takes the
 * database from `PRAGMA user_version = i` to `i + 1`; each step runs in its own
 * transaction together with the user_version bump, so a database is always at a whole
 * version. Never edit a released step: append a new one.
 *
 * Tables (all append-only — triggers refuse UPDATE and DELETE, "nothing is lost"):
 *  - meta               key/value facts about the ledger (created_at, created_with_tool).
 *  - roster_versions    one row per imported staff list (花名册); employees in roster_employees.
 *  - roster_employees   the Employee JSON of each version, in sheet order.
 *  - submissions        every received score sheet version (receive), with issues and parsed JSON.
 *  - month_revisions    every close of a month: revision 1, then one per reopen; result JSON.
 *  - close_inputs       the input files (sha256, form, version) each revision was computed from.
 *  - month_grades       per revision and employee: status, total, grade (for history/chains).
 *  - appeals            approved score corrections (员工申述, SPEC §7).
 *  - target_splits      every `targets split` of a year (SPEC §9): version 1, 2 … per year, rows JSON.
 *  - form_targets       which split version (and which targets) each generated goals sheet carried.

 *  - history_imports    (v3) every imported workbook of past results (history import), with its SHA-256.
 *  - imported_grades    (v3) the months and grades each import brought; the latest import of a month wins.
 *  - receipt_corrections (v3) approved corrections of a sheet's receipt time (applied at close / reopen).
 *  - fine_waivers       (v3) approved waivers of a late-submission fine (applied at close / reopen).
 *  - output_files       (v4) the file registry: every file jixiao wrote under out/, with its hash.
 *                       Not append-only: a file moved into 第N版/ changes its path, a rebuilt one its hash.
 */

const appendOnly = (table: string): string => `
CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
BEGIN SELECT RAISE(ABORT, 'jixiao ledger: ${table} is append-only'); END;
CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
BEGIN SELECT RAISE(ABORT, 'jixiao ledger: ${table} is append-only'); END;`;

const v1 = `
CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE roster_versions (
  id              INTEGER PRIMARY KEY,
  imported_at     TEXT NOT NULL,
  source_file     TEXT NOT NULL,
  sha256          TEXT NOT NULL,
  effective_month TEXT NOT NULL,
  employee_count  INTEGER NOT NULL
) STRICT;
CREATE INDEX roster_versions_month ON roster_versions (effective_month, id);
CREATE INDEX roster_versions_sha ON roster_versions (sha256);

CREATE TABLE roster_employees (
  version_id  INTEGER NOT NULL REFERENCES roster_versions (id),
  seq         INTEGER NOT NULL,
  employee_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  data        TEXT NOT NULL, -- Employee JSON
  PRIMARY KEY (version_id, seq)
) STRICT;
CREATE INDEX roster_employees_employee ON roster_employees (employee_id);

CREATE TABLE submissions (
  id            INTEGER PRIMARY KEY,
  month         TEXT NOT NULL,
  kind          TEXT NOT NULL,
  scorer_id     TEXT NOT NULL,
  form_key      TEXT NOT NULL,
  version       INTEGER NOT NULL,
  file_name     TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  archived_path TEXT NOT NULL,
  received_at   TEXT NOT NULL, -- ISO 8601 as given
  received_ms   INTEGER NOT NULL, -- epoch ms of received_at, for ordering across offsets
  error_count   INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  issues        TEXT NOT NULL, -- Issue[] JSON
  parsed        TEXT,          -- ParsedForm JSON, NULL when the file could not be read
  UNIQUE (form_key, version),
  UNIQUE (form_key, sha256)
) STRICT;
CREATE INDEX submissions_month ON submissions (month, form_key, version);
CREATE INDEX submissions_sha ON submissions (sha256);

CREATE TABLE month_revisions (
  month          TEXT NOT NULL,
  revision       INTEGER NOT NULL,
  closed_at      TEXT NOT NULL,
  reason         TEXT,
  policy_version TEXT NOT NULL,
  policy_text    TEXT NOT NULL,
  tool_version   TEXT NOT NULL,
  result         TEXT NOT NULL, -- MonthResult JSON
  PRIMARY KEY (month, revision)
) STRICT;

CREATE TABLE close_inputs (
  month         TEXT NOT NULL,
  revision      INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  file          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  form_key      TEXT NOT NULL,
  received_at   TEXT NOT NULL,
  version       INTEGER NOT NULL,
  submission_id INTEGER REFERENCES submissions (id),
  PRIMARY KEY (month, revision, seq),
  FOREIGN KEY (month, revision) REFERENCES month_revisions (month, revision)
) STRICT;

CREATE TABLE month_grades (
  month       TEXT NOT NULL,
  revision    INTEGER NOT NULL,
  employee_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  status      TEXT NOT NULL, -- graded | incomplete | excluded
  total       TEXT,
  band_grade  TEXT,
  grade       TEXT,
  PRIMARY KEY (month, revision, employee_id),
  FOREIGN KEY (month, revision) REFERENCES month_revisions (month, revision)
) STRICT;
CREATE INDEX month_grades_employee ON month_grades (employee_id, month, revision);

CREATE TABLE appeals (
  id              INTEGER PRIMARY KEY,
  month           TEXT NOT NULL,
  employee_id     TEXT NOT NULL,
  section_id      TEXT NOT NULL,
  corrected_score TEXT NOT NULL,
  reason          TEXT NOT NULL,
  approver        TEXT NOT NULL,
  recorded_at     TEXT NOT NULL
) STRICT;
CREATE INDEX appeals_month ON appeals (month, id);
${['roster_versions', 'roster_employees', 'submissions', 'month_revisions', 'close_inputs', 'month_grades', 'appeals']
  .map(appendOnly)
  .join('\n')}
`;

/** 售后服务目标分解 (SPEC §9): the splits of a year, and which one each goals sheet was sent with. */
const targets = `
CREATE TABLE target_splits (
  id             INTEGER PRIMARY KEY,
  year           INTEGER NOT NULL,
  version        INTEGER NOT NULL,
  split_at       TEXT NOT NULL,
  source_file    TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  policy_version TEXT NOT NULL,
  rows           TEXT NOT NULL, -- TargetRow[] JSON
  UNIQUE (year, version)
) STRICT;

CREATE TABLE form_targets (
  id           INTEGER PRIMARY KEY,
  form_key     TEXT NOT NULL,
  generated_at TEXT NOT NULL,
  split_id     INTEGER NOT NULL REFERENCES target_splits (id),
  rows         TEXT NOT NULL -- SheetTarget[] JSON: the targets written on that sheet
) STRICT;
CREATE INDEX form_targets_key ON form_targets (form_key, id);
${['target_splits', 'form_targets'].map(appendOnly).join('\n')}
`;

/** v3 — history (issue 9): past months kept in Excel, receipt-time corrections and fine waivers. */
const history = `
CREATE TABLE history_imports (
  id           INTEGER PRIMARY KEY,
  imported_at  TEXT NOT NULL,
  source_file  TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  layout       TEXT NOT NULL, -- long | wide
  months       TEXT NOT NULL  -- JSON array of the months this import brought (each replaces earlier imports of it)
) STRICT;

CREATE TABLE imported_grades (
  import_id      INTEGER NOT NULL REFERENCES history_imports (id),
  month          TEXT NOT NULL,
  employee_id    TEXT NOT NULL,
  name           TEXT NOT NULL,
  total          TEXT,          -- NULL when only a grade was kept
  band_grade     TEXT,          -- grade of the total by the bands (NULL without a total)
  grade          TEXT NOT NULL, -- the grade decided then (recorded 等级, else the band grade)
  cell           TEXT NOT NULL, -- where it stood in the workbook
  PRIMARY KEY (import_id, month, employee_id)
) STRICT;
CREATE INDEX imported_grades_employee ON imported_grades (employee_id, month, import_id);

CREATE TABLE receipt_corrections (
  id          INTEGER PRIMARY KEY,
  month       TEXT NOT NULL,
  form_key    TEXT NOT NULL,
  received_at TEXT NOT NULL,
  reason      TEXT NOT NULL,
  approver    TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX receipt_corrections_month ON receipt_corrections (month, id);

CREATE TABLE fine_waivers (
  id          INTEGER PRIMARY KEY,
  month       TEXT NOT NULL,
  form_key    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  approver    TEXT NOT NULL,
  recorded_at TEXT NOT NULL
) STRICT;
CREATE INDEX fine_waivers_month ON fine_waivers (month, id);
${['history_imports', 'imported_grades', 'receipt_corrections', 'fine_waivers'].map(appendOnly).join('\n')}
`;

/**
 * v4 — the file registry (issue 10 §2): every file jixiao wrote under out/, with its hash and
 * the product revision it renders. Unlike the history tables it changes: a file moved into a
 * 第N版/ folder changes its path, a rebuilt file its hash. The ledger decides what out/ should
 * hold; this table lets every writer and `check` tell a rendering from a file a person edited.
 */
const outputs = `
CREATE TABLE output_files (
  path       TEXT PRIMARY KEY, -- relative to the workspace folder, '/' separators
  sha256     TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  product    TEXT NOT NULL,    -- what the file renders: 'close/2026-10', 'letters/2026-10', 'report/2026-Q3' …
  revision   INTEGER NOT NULL, -- the product's revision it renders (close: the month's revision)
  written_at TEXT NOT NULL
) STRICT;
CREATE INDEX output_files_product ON output_files (product, revision);
`;

/** SQL steps; MIGRATIONS[i] upgrades user_version i → i + 1. */
export const MIGRATIONS: readonly string[] = [v1, targets, history, outputs];

/** The schema version this tool writes and understands. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The tables of the current schema (for checks and docs). */
export const TABLES = [
  'meta',
  'roster_versions',
  'roster_employees',
  'submissions',
  'month_revisions',
  'close_inputs',
  'month_grades',
  'appeals',
  'target_splits',
  'form_targets',

  'history_imports',
  'imported_grades',
  'receipt_corrections',
  'fine_waivers',
  'output_files',
] as const;
