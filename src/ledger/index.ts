/**
 * The ledger (jixiao.db, SQLite via better-sqlite3, synchronous): everything jixiao must
 * remember between runs. History is append-only ("nothing is lost", SPEC §10).
 *
 * Opening
 *   openLedger(dbPath, { mustExist? })      → { ok, ledger, migratedFrom, backupPath } | Failure
 *     Runs the versioned migrations (PRAGMA user_version; schema.ts MIGRATIONS, one
 *     transaction each); WAL, foreign keys on. Refuses without touching the file:
 *     ledger.too_new (params path, found, supported), ledger.not_a_database, ledger.not_a_ledger,
 *     ledger.missing (mustExist), ledger.busy, ledger.open_failed, ledger.migration_failed.
 *     ':memory:' gives an in-memory ledger (tests).
 *
 * Ledger methods
 *   transaction(fn)                          run fn in one transaction (all or nothing; nests)
 *   close()
 *   Roster (花名册)
 *   addRosterVersion({ importedAt, sourceFile, sha256, effectiveMonth, employees })
 *                                            → { id, duplicate, version }
 *   rosterFor(month)                         → { version, employees, fallback } | null
 *   listRosterVersions()                     → RosterVersion[]
 *   rosterVersion(id), rosterEmployees(id)
 *   Submissions (receive)
 *   recordSubmission({ month, kind, scorerId, formKey, fileName, sha256, archivedPath,
 *     receivedAt, errorCount, warningCount, issues, parsed })
 *                                            → { id, version, duplicate, submission }
 *   submissionsFor(month), submissionsOf(formKey), submission(id)
 *   latestValid(formKey)                     highest version with errorCount 0 (close uses its rows)
 *   firstValid(formKey)                      earliest receivedAt with errorCount 0 (lateness)
 *   archivedBySha(sha256)                    first submission with those bytes | null
 *   Months (close)
 *   closeMonth({ month, result, inputs?, policyVersion, policyText, toolVersion, closedAt,
 *     reason?, reopen? })                    → { ok, revision, closed } | Failure
 *     ledger.month_closed / ledger.reopen_reason_required / ledger.month_not_closed
 *   closedMonth(month)                       latest revision (result parsed) | null
 *   revision(month, n), revisions(month), closedMonths()
 *   gradedHistory(employeeId)                → [{ month, total, grade, bandGrade }] (latest revisions)
 *   employeeMonths(employeeId)               → [{ month, status, total, grade }] (latest revisions)
 *   Appeals (SPEC §7)
 *   addAppeal({ month, employeeId, sectionId, correctedScore, reason, approver, recordedAt })
 *   appealsFor(month)
 *   Misc: getMeta(key), setMeta(key, value), tables(), path, schemaVersion
 *
 * Failures are values `Issues marked `ok: false` (`{ ok: false, code, severity, params }`)` (./result.ts); messages in
 * src/i18n/ledger.ts under `key` and `key + '.hint'`. Programming errors (a month not
 * YYYY-MM, an unparsable instant, result.month ≠ month) throw TypeError.
 */
export * from './ledger.js';
export * from './result.js';
export { MIGRATIONS, SCHEMA_VERSION, TABLES } from './schema.js';
