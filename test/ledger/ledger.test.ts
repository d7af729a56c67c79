import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openLedger, SCHEMA_VERSION, TABLES, MIGRATIONS, type Ledger } from '../../src/ledger/index.js';
import { employee, graded, monthResult, removeTempDirs, submission, tempDir } from './helpers.js';

const open: Ledger[] = [];
function fresh(file?: string): Ledger {
  const p = file ?? path.join(tempDir(), 'jixiao.db');
  const r = openLedger(p);
  if (!r.ok) throw new Error(`open failed: ${r.code}`);
  open.push(r.ledger);
  return r.ledger;
}
afterEach(() => {
  for (const l of open.splice(0)) l.close();
});

function snapshot(file: string) {
  return { bytes: fs.readFileSync(file), mtime: fs.statSync(file).mtimeMs };
}

const closeArgs = (month: string, employees = [graded('E1', '张三', '100.00', 'C')]) => ({
  month,
  result: monthResult(month, employees),
  policyVersion: '2026.1',
  policyText: 'format: 1\n',
  toolVersion: '0.1.0',
  closedAt: '2026-11-08T09:00:00+08:00',
});

afterAll(removeTempDirs);

describe('opening and migrations', () => {
  it('creates and migrates an empty ledger to the current schema', () => {
    const file = path.join(tempDir(), 'jixiao.db');
    const r = openLedger(file);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.migratedFrom).toBe(0);
    expect(r.backupPath).toBeNull();
    expect(r.ledger.schemaVersion).toBe(SCHEMA_VERSION);
    expect(r.ledger.tables()).toEqual([...TABLES].sort());
    expect(r.ledger.getMeta('created_at')).toMatch(/^\d{4}-/);
    r.ledger.close();

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();

    const again = openLedger(file, { mustExist: true });
    expect(again.ok && again.migratedFrom).toBe(SCHEMA_VERSION);
    if (again.ok) again.ledger.close();
  });

  it('turns foreign keys on', () => {
    const file = path.join(tempDir(), 'jixiao.db');
    const l = fresh(file);
    // A close_inputs row naming a submission that does not exist must fail and roll back the close.
    const args = {
      ...closeArgs('2026-10'),
      inputs: [{ file: 'x.xlsx', sha256: 'f'.repeat(64), formKey: '2026-10/finance/F001', receivedAt: '2026-11-03T10:00:00+08:00', version: 1, submissionId: 999 }],
    };
    expect(() => l.closeMonth(args)).toThrow(/FOREIGN KEY/);
    expect(l.closedMonth('2026-10')).toBeNull();
  });

  it('refuses a ledger newer than the tool and leaves it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'jixiao.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE future (x TEXT); INSERT INTO future VALUES (1);');
    raw.pragma('user_version = 99');
    raw.close();
    const before = snapshot(file);
    const listing = fs.readdirSync(dir).sort();

    const r = openLedger(file);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('ledger.too_new');
    expect(r.severity).toBe('error');
    expect(r.params).toMatchObject({ found: 99, supported: SCHEMA_VERSION });

    const after = snapshot(file);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtime).toBe(before.mtime);
    expect(fs.readdirSync(dir).sort()).toEqual(listing); // no -wal / -shm created
  });

  it('refuses a file that is not a database, unchanged', () => {
    const file = path.join(tempDir(), 'jixiao.db');
    fs.writeFileSync(file, 'PK\u0003\u0004 this is a spreadsheet, not a ledger '.repeat(10));
    const before = snapshot(file);
    const r = openLedger(file);
    expect(!r.ok && r.code).toBe('ledger.not_a_database');
    const after = snapshot(file);
    expect(after.bytes.equals(before.bytes)).toBe(true);
    expect(after.mtime).toBe(before.mtime);
  });

  it('refuses a foreign SQLite database (user_version 0 with tables)', () => {
    const file = path.join(tempDir(), 'other.db');
    const raw = new Database(file);
    raw.exec('CREATE TABLE customers (id INTEGER)');
    raw.close();
    const r = openLedger(file);
    expect(!r.ok && r.code).toBe('ledger.not_a_ledger');
  });

  it('mustExist: a missing ledger is reported, not created', () => {
    const file = path.join(tempDir(), 'jixiao.db');
    const r = openLedger(file, { mustExist: true });
    expect(!r.ok && r.code).toBe('ledger.missing');
    expect(fs.existsSync(file)).toBe(false);
  });

  it('upgrades an older ledger step by step after a backup; a failing step changes nothing', () => {
    const file = path.join(tempDir(), 'jixiao.db');
    const v1 = ['CREATE TABLE t (x TEXT) STRICT;'];
    const r1 = openLedger(file, { migrations: v1 });
    expect(r1.ok).toBe(true);
    if (r1.ok) r1.ledger.close();
    const raw = new Database(file);
    raw.prepare('INSERT INTO t VALUES (?)').run('kept');
    raw.close();

    const broken = openLedger(file, { migrations: [...v1, 'CREATE TABLE u (y TEXT); INSERT INTO nowhere VALUES (1);'] });
    expect(!broken.ok && broken.code).toBe('ledger.migration_failed');
    let check = new Database(file, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare(`SELECT name FROM sqlite_master WHERE name = 'u'`).all()).toEqual([]);
    check.close();

    const r2 = openLedger(file, { migrations: [...v1, 'ALTER TABLE t ADD COLUMN y TEXT;'] });
    expect(r2.ok).toBe(true);
    if (!r2.ok) return;
    expect(r2.migratedFrom).toBe(1);
    expect(r2.backupPath).toBeTruthy();
    expect(r2.ledger.schemaVersion).toBe(2);
    r2.ledger.close();
    check = new Database(r2.backupPath!, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(1);
    expect(check.prepare('SELECT x FROM t').all()).toEqual([{ x: 'kept' }]);
    check.close();
  });

  it('opens in memory', () => {
    const r = openLedger(':memory:');
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.ledger.schemaVersion).toBe(MIGRATIONS.length);
      r.ledger.close();
    }
  });
});

describe('roster versions', () => {
  it('keeps every import and picks the version in force for a month', () => {
    const l = fresh();
    expect(l.rosterFor('2026-10')).toBeNull();
    const a = l.addRosterVersion({ importedAt: '2026-01-05T09:00:00+08:00', sourceFile: '花名册1.xlsx', sha256: 'a1', effectiveMonth: '2026-01', employees: [employee('E1', '张三'), employee('E2', '李四')] });
    const b = l.addRosterVersion({ importedAt: '2026-06-02T09:00:00+08:00', sourceFile: '花名册6.xlsx', sha256: 'b1', effectiveMonth: '2026-06', employees: [employee('E1', '张三')] });
    const c = l.addRosterVersion({ importedAt: '2026-06-03T09:00:00+08:00', sourceFile: '花名册6b.xlsx', sha256: 'c1', effectiveMonth: '2026-06', employees: [employee('E3', '王五', { row: 2 })] });
    expect([a.duplicate, b.duplicate, c.duplicate]).toEqual([false, false, false]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);

    expect(l.rosterFor('2026-05')).toMatchObject({ version: { id: a.id }, fallback: false });
    expect(l.rosterFor('2026-05')!.employees.map((e) => e.id)).toEqual(['E1', 'E2']);
    expect(l.rosterFor('2026-06')!.version.id).toBe(c.id); // newest import for that month
    expect(l.rosterFor('2026-12')!.version.id).toBe(c.id);
    expect(l.rosterFor('2026-12')!.employees).toEqual([employee('E3', '王五', { row: 2 })]);
    expect(l.rosterFor('2025-12')).toMatchObject({ version: { id: a.id }, fallback: true });
    expect(l.listRosterVersions().map((v) => v.id)).toEqual([a.id, b.id, c.id]);
  });

  it('recognises the same file imported again for the same month', () => {
    const l = fresh();
    const input = { importedAt: '2026-06-02T09:00:00+08:00', sourceFile: '花名册.xlsx', sha256: 'same', effectiveMonth: '2026-06', employees: [employee('E1', '张三')] };
    const first = l.addRosterVersion(input);
    const again = l.addRosterVersion({ ...input, importedAt: '2026-06-09T09:00:00+08:00' });
    expect(again).toMatchObject({ id: first.id, duplicate: true });
    expect(again.version.importedAt).toBe(input.importedAt);
    expect(l.listRosterVersions()).toHaveLength(1);
    // Same bytes but another effective month: a new version.
    expect(l.addRosterVersion({ ...input, effectiveMonth: '2026-07' }).duplicate).toBe(false);
  });

  it('re-importing an older file after a newer one makes it current again, as a new version', () => {
    const l = fresh();
    const base = { importedAt: '2026-06-02T09:00:00+08:00', sourceFile: 'x.xlsx', effectiveMonth: '2026-06' };
    const a = l.addRosterVersion({ ...base, sha256: 'A', employees: [employee('E1', '张三')] });
    l.addRosterVersion({ ...base, sha256: 'B', employees: [employee('E2', '李四')] });
    const a2 = l.addRosterVersion({ ...base, sha256: 'A', employees: [employee('E1', '张三')] });
    expect(a2.duplicate).toBe(false);
    expect(a2.id).not.toBe(a.id);
    expect(l.rosterFor('2026-06')!.employees.map((e) => e.id)).toEqual(['E1']);
    expect(l.listRosterVersions()).toHaveLength(3);
  });
});

describe('submissions', () => {
  it('numbers versions per form and recognises a duplicate by sha256', () => {
    const l = fresh();
    const s1 = l.recordSubmission(submission({ sha256: '1'.repeat(64), issues: [{ code: 'score.out_of_range', severity: 'error', cell: 'C5' }], errorCount: 1 }));
    const s2 = l.recordSubmission(submission({ sha256: '2'.repeat(64), receivedAt: '2026-11-04T10:00:00+08:00' }));
    const dup = l.recordSubmission(submission({ sha256: '1'.repeat(64), receivedAt: '2026-11-06T10:00:00+08:00', fileName: 'renamed.xlsx' }));
    const s3 = l.recordSubmission(submission({ sha256: '3'.repeat(64), receivedAt: '2026-11-05T10:00:00+08:00' }));
    const other = l.recordSubmission(submission({ kind: 'customer', scorerId: 'K001', sha256: '1'.repeat(64) }));

    expect([s1.version, s2.version, s3.version]).toEqual([1, 2, 3]);
    expect([s1.duplicate, s2.duplicate, s3.duplicate]).toEqual([false, false, false]);
    expect(dup).toMatchObject({ id: s1.id, version: 1, duplicate: true });
    expect(dup.submission.fileName).toBe('财务评分表.xlsx');
    expect(other).toMatchObject({ version: 1, duplicate: false });

    const all = l.submissionsFor('2026-10');
    expect(all).toHaveLength(4);
    expect(l.submissionsOf('2026-10/finance/F001').map((s) => s.version)).toEqual([1, 2, 3]);
    expect(all.find((s) => s.id === s1.id)!.issues).toEqual([{ code: 'score.out_of_range', severity: 'error', cell: 'C5' }]);
    expect(all.find((s) => s.id === s2.id)!.parsed).toEqual({ meta: null, goals: [], signOffs: [], scores: [] });
    expect(l.submissionsFor('2026-09')).toEqual([]);
  });

  it('firstValid sets lateness, latestValid supplies the rows (v1 errors, v2 and v3 valid)', () => {
    const l = fresh();
    const key = '2026-10/finance/F001';
    expect(l.latestValid(key)).toBeNull();
    expect(l.firstValid(key)).toBeNull();
    l.recordSubmission(submission({ sha256: 'v1', errorCount: 2, receivedAt: '2026-11-02T09:00:00+08:00' }));
    expect(l.firstValid(key)).toBeNull();
    const v2 = l.recordSubmission(submission({ sha256: 'v2', receivedAt: '2026-11-04T09:00:00+08:00' }));
    const v3 = l.recordSubmission(submission({ sha256: 'v3', warningCount: 1, receivedAt: '2026-11-09T09:00:00+08:00' }));
    expect(l.firstValid(key)!.id).toBe(v2.id);
    expect(l.firstValid(key)!.receivedAt).toBe('2026-11-04T09:00:00+08:00');
    expect(l.latestValid(key)!.id).toBe(v3.id);
    // A later version with errors does not replace the latest valid one.
    l.recordSubmission(submission({ sha256: 'v4', errorCount: 1, receivedAt: '2026-11-10T09:00:00+08:00' }));
    expect(l.latestValid(key)!.id).toBe(v3.id);
  });

  it('orders receipt times as instants, whatever their offset', () => {
    const l = fresh();
    const key = '2026-10/finance/F001';
    // v1 recorded first but with a --at later in real time than v2.
    l.recordSubmission(submission({ sha256: 'x1', receivedAt: '2026-11-04T09:00:00+08:00' })); // 01:00Z
    const v2 = l.recordSubmission(submission({ sha256: 'x2', receivedAt: '2026-11-04T00:30:00Z' })); // 08:30+08:00
    expect(l.firstValid(key)!.id).toBe(v2.id);
  });

  it('finds an archived file by its sha256', () => {
    const l = fresh();
    const s = l.recordSubmission(submission({ sha256: 'abc', archivedPath: 'archive/2026-10/abc.xlsx' }));
    expect(l.archivedBySha('abc')).toMatchObject({ id: s.id, archivedPath: 'archive/2026-10/abc.xlsx' });
    expect(l.archivedBySha('nope')).toBeNull();
  });

  it('rejects an unparsable receipt time as a programming error', () => {
    const l = fresh();
    expect(() => l.recordSubmission(submission({ receivedAt: 'yesterday' }))).toThrow(TypeError);
  });
});

describe('closing months', () => {
  it('records revision 1 and refuses a second close without reopen', () => {
    const l = fresh();
    const first = l.closeMonth(closeArgs('2026-10'));
    expect(first.ok && first.revision).toBe(1);
    if (first.ok) {
      expect(first.closed.result.revision).toBe(1);
      expect(first.closed.result.policyVersion).toBe('2026.1');
    }
    const second = l.closeMonth({ ...closeArgs('2026-10'), closedAt: '2026-11-09T09:00:00+08:00' });
    expect(second.ok).toBe(false);
    if (!second.ok) {
      expect(second.code).toBe('ledger.month_closed');
      expect(second.params).toMatchObject({ month: '2026-10', revision: 1 });
    }
    expect(l.revisions('2026-10')).toHaveLength(1);
  });

  it('reopen needs a reason and a closed month, adds revision 2 and keeps revision 1', () => {
    const l = fresh();
    const noMonth = l.closeMonth({ ...closeArgs('2026-10'), reopen: true, reason: 'x' });
    expect(!noMonth.ok && noMonth.code).toBe('ledger.month_not_closed');

    l.closeMonth(closeArgs('2026-10', [graded('E1', '张三', '85.00', 'D')]));
    const noReason = l.closeMonth({ ...closeArgs('2026-10'), reopen: true, reason: '  ' });
    expect(!noReason.ok && noReason.code).toBe('ledger.reopen_reason_required');

    const re = l.closeMonth({
      ...closeArgs('2026-10', [graded('E1', '张三', '95.00', 'C')]),
      closedAt: '2026-11-20T09:00:00+08:00',
      reopen: true,
      reason: '张三申述已批准',
    });
    expect(re.ok && re.revision).toBe(2);

    const latest = l.closedMonth('2026-10')!;
    expect(latest.revision).toBe(2);
    expect(latest.reason).toBe('张三申述已批准');
    expect(latest.result.reopenReason).toBe('张三申述已批准');
    expect(latest.result.employees[0].total).toBe('95.00');

    const r1 = l.revision('2026-10', 1)!;
    expect(r1.result.employees[0].total).toBe('85.00');
    expect(r1.result.reopenReason).toBeNull();
    expect(l.revisions('2026-10').map((r) => r.revision)).toEqual([1, 2]);
    expect(l.closedMonths()).toEqual([
      { month: '2026-10', latestRevision: 2, firstClosedAt: '2026-11-08T09:00:00+08:00', lastClosedAt: '2026-11-20T09:00:00+08:00' },
    ]);
  });

  it('a failure inside the close transaction leaves nothing written', () => {
    const l = fresh();
    // Two results for the same employee: the second grade row violates the key mid-transaction.
    const bad = closeArgs('2026-10', [graded('E1', '张三', '100.00', 'C'), graded('E1', '张三', '90.00', 'C')]);
    expect(() => l.closeMonth(bad)).toThrow();
    expect(l.closedMonth('2026-10')).toBeNull();
    expect(l.revisions('2026-10')).toEqual([]);
    expect(l.gradedHistory('E1')).toEqual([]);

    // The same through an outer transaction that fails after the close.
    expect(() =>
      l.transaction(() => {
        const r = l.closeMonth(closeArgs('2026-10'));
        expect(r.ok).toBe(true);
        throw new Error('writing the summary failed');
      }),
    ).toThrow('writing the summary failed');
    expect(l.closedMonth('2026-10')).toBeNull();
    expect(l.closedMonths()).toEqual([]);

    // And the ledger still works afterwards.
    expect(l.closeMonth(closeArgs('2026-10')).ok).toBe(true);
  });

  it('stores the inputs and links them to their submissions', () => {
    const l = fresh();
    const s = l.recordSubmission(submission({ sha256: 'in1' }));
    const args = closeArgs('2026-10');
    args.result.inputs = [{ file: '财务评分表.xlsx', sha256: 'in1', formKey: '2026-10/finance/F001', receivedAt: '2026-11-03T10:00:00+08:00', version: 1 }];
    const r = l.closeMonth(args);
    expect(r.ok).toBe(true);
    expect(l.closedMonth('2026-10')!.inputs).toEqual([{ ...args.result.inputs[0], submissionId: s.id }]);
  });

  it('gradedHistory reads the latest revision of each closed month', () => {
    const l = fresh();
    l.closeMonth(closeArgs('2026-09', [graded('E1', '张三', '88.00', 'D')]));
    l.closeMonth(closeArgs('2026-10', [graded('E1', '张三', '80.00', 'D'), { ...graded('E2', '李四', '0', 'C'), status: 'excluded', total: null, grade: null, bandGrade: null }]));
    l.closeMonth(closeArgs('2026-08', [graded('E1', '张三', '121.00', 'A')]));
    l.closeMonth({ ...closeArgs('2026-10', [graded('E1', '张三', '92.00', 'C')]), reopen: true, reason: '申述' });
    expect(l.gradedHistory('E1')).toEqual([
      { month: '2026-08', total: '121.00', grade: 'A', bandGrade: 'A', source: { kind: 'closed', revision: 1 } },
      { month: '2026-09', total: '88.00', grade: 'D', bandGrade: 'D', source: { kind: 'closed', revision: 1 } },
      { month: '2026-10', total: '92.00', grade: 'C', bandGrade: 'C', source: { kind: 'closed', revision: 2 } },
    ]);
    // E2 was excluded in the first 2026-10 revision and is absent from the latest one.
    expect(l.gradedHistory('E2')).toEqual([]);
    expect(l.employeeMonths('E2')).toEqual([]);
    expect(l.closedMonths().map((m) => m.month)).toEqual(['2026-08', '2026-09', '2026-10']);
  });

  it('history tables are append-only', () => {
    const file = path.join(tempDir(), 'jixiao.db');
    const l = fresh(file);
    l.closeMonth(closeArgs('2026-10'));
    l.addAppeal({ month: '2026-10', employeeId: 'E1', sectionId: 'kpi', correctedScore: '100', reason: 'r', approver: '王经理', recordedAt: '2026-11-10T10:00:00+08:00' });
    const raw = new Database(file);
    expect(() => raw.prepare(`UPDATE month_revisions SET result = '{}'`).run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM month_revisions').run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM appeals').run()).toThrow(/append-only/);
    raw.close();
    expect(l.closedMonth('2026-10')!.result.employees).toHaveLength(1);
  });
});

describe('appeals', () => {
  it('records and lists appeals per month in order', () => {
    const l = fresh();
    const a = l.addAppeal({ month: '2026-10', employeeId: 'E1', sectionId: 'kpi', correctedScore: '98.5', reason: '实际值录错', approver: '王经理', recordedAt: '2026-11-10T10:00:00+08:00' });
    l.addAppeal({ month: '2026-10', employeeId: 'E2', sectionId: 'finance', correctedScore: '101', reason: '提成漏算', approver: '赵总', recordedAt: '2026-11-11T10:00:00+08:00' });
    l.addAppeal({ month: '2026-09', employeeId: 'E1', sectionId: 'kpi', correctedScore: '90', reason: 'x', approver: 'y', recordedAt: '2026-10-11T10:00:00+08:00' });
    const oct = l.appealsFor('2026-10');
    expect(oct.map((x) => x.employeeId)).toEqual(['E1', 'E2']);
    expect(oct[0]).toEqual(a);
    expect(l.appealsFor('2026-11')).toEqual([]);
  });
});
