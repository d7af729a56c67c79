import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Employee, EmployeeResult, MonthResult, GradeLetter } from '../../src/model.js';
import type { SubmissionInput } from '../../src/ledger/index.js';

const made: string[] = [];

/** A fresh folder under the OS temp dir; removed by removeTempDirs(). */
export function tempDir(prefix = 'jixiao-ledger-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}

export function employee(id: string, name: string, extra: Partial<Employee> = {}): Employee {
  return {
    id,
    name,
    department: '服务站',
    position: '机修工',
    hireDate: '2020-01-01',
    regularDate: null,
    fullSalary: '5000',
    managerId: null,
    skipManagerId: null,
    status: 'active',
    ...extra,
  };
}

export function graded(id: string, name: string, total: string, grade: GradeLetter): EmployeeResult {
  return {
    employeeId: id,
    name,
    department: '服务站',
    position: '机修工',
    category: '创利',
    status: 'graded',
    excluded: null,
    sections: [],
    total,
    bandGrade: grade,
    grade,
    fullSalary: '5000',
    payBaseRule: { kind: 'commission' },
    payBase: '3000.00',
    commission: '3000.00',
    performancePay: '3000.00',
    flags: [],
  };
}

export function monthResult(month: string, employees: EmployeeResult[] = []): MonthResult {
  return {
    month,
    revision: 0,
    closedAt: '',
    reopenReason: null,
    policyVersion: '',
    toolVersion: '',
    employees,
    distribution: { evaluated: employees.length, rows: [], byDepartment: [], nearest: [], calibration: null },
    fines: [],
    payroll: [],
    consequences: [],
    issues: [],
    inputs: [],
    incomplete: [],
  };
}

export function submission(over: Partial<SubmissionInput> = {}): SubmissionInput {
  const month = over.month ?? '2026-10';
  const kind = over.kind ?? 'finance';
  const scorerId = over.scorerId ?? 'F001';
  return {
    month,
    kind,
    scorerId,
    formKey: `${month}/${kind}/${scorerId}`,
    fileName: '财务评分表.xlsx',
    sha256: 'a'.repeat(64),
    archivedPath: `archive/${month}/a.xlsx`,
    receivedAt: '2026-11-03T10:00:00+08:00',
    errorCount: 0,
    warningCount: 0,
    issues: [],
    parsed: { meta: null, goals: [], signOffs: [], scores: [] },
    ...over,
  };
}
