import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_CASES, repoRoot, sampleWorld, type CaseRecord, type World } from '../../fixtures/make-bad-forms.js';
import { openWorkbook } from '../../src/sheets/open.js';
import { extractForm } from '../../src/sheets/forms/extract.js';
import { checkForm } from '../../src/checks/form.js';
import { checkFile, type CheckedFile } from '../../src/app/check-file.js';
import { hasMessage } from '../../src/i18n/index.js';

const DIR = join(repoRoot, 'fixtures', 'bad', 'forms');
const cases: CaseRecord[] = JSON.parse(readFileSync(join(DIR, 'cases.json'), 'utf8'));

let w: World;
beforeAll(() => {
  w = sampleWorld();
});

describe('fixtures/bad/forms: one file per problem', () => {
  it('cases.json matches the generator (run fixtures/make-bad-forms.ts after changing it)', () => {
    expect(cases).toEqual(BAD_CASES.map(({ make: _make, ...rest }) => JSON.parse(JSON.stringify(rest))));
  });

  it.each(cases.map((c) => [c.file, c] as const))('%s', async (_f, c) => {
    const o = await openWorkbook(join(DIR, c.file));
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    const r = checkForm(extractForm(o.wb.workbook, w.template), {
      file: c.file,
      expected: { month: c.month ?? '2026-10', plan: c.plan ? w.plans[c.plan] : undefined },
      roster: w.roster,
      members: w.members,
      policy: w.policy,
      template: w.template,
    });
    const hit = r.issues.filter((i) => i.code === c.code);
    expect(hit.map((i) => [i.code, i.severity, i.file, i.sheet, i.cell])).toEqual([[c.code, c.severity, c.file, c.sheet, c.cell]]);
    // the one defect causes only its own problem (plus what it rightly implies)
    expect(r.issues.map((i) => i.code).sort()).toEqual([c.code, ...(c.also ?? [])].sort());
    expect(hasMessage(`issue.${c.code}`), c.code).toBe(true);
    expect(hasMessage(`issue.${c.code}.hint`), c.code).toBe(true);
  });

  it('covers every problem code the brief names', () => {
    const have = new Set(cases.map((c) => c.code));
    for (const code of [
      'form.no_meta',
      'form.wrong_month',
      'form.wrong_scorer',
      'form.unexpected',
      'form.old_template',
      'employee.unknown',
      'employee.not_on_form',
      'employee.duplicate',
      'employee.missing',
      'employee.name_mismatch',
      'score.empty',
      'score.not_number',
      'score.negative',
      'score.out_of_range',
      'score.normalised',
      'score.formula_no_value',
      'score.error_value',
      'weight.sum_not_100',
      'weight.invalid',
      'goals.count',
      'goal.section_invalid',
      'signoff.missing',
      'cells.merged',
      'commission.missing',
      'commission.invalid',
    ])
      expect(have.has(code), code).toBe(true);
  });
});

/**
 * Check files the way `jixiao validate` and `receive` do (app/check-file.ts) for 2026-10, in a
 * dealership whose staff and planned sheets are the same every month.
 */
async function validateFiles(paths: string[]): Promise<{ files: CheckedFile[]; issues: CheckedFile['issues'] }> {
  const plans = (month: string) => ({
    forms: Object.values(w.plans).map((p) => ({ ...p, month })),
    roster: w.roster,
    members: w.members,
  });
  const files: CheckedFile[] = [];
  for (const p of paths) files.push(await checkFile({ policy: w.policy }, p, { month: '2026-10', fallbackMonth: '2026-10', template: w.template, plans }));
  return { files, issues: files.flatMap((f) => f.issues) };
}

describe('several files at once', () => {
  it('reports every problem of every file, each with its file', async () => {
    const tmp = mkdtempSync(join(tmpdir(), 'jixiao-forms-'));
    const csv = join(tmp, '打分.xlsx');
    writeFileSync(csv, '工号,得分\nE201,95\n'); // a CSV renamed to .xlsx
    const files = [
      'score.out_of_range.xlsx',
      'employee.unknown.xlsx',
      'weight.sum_not_100.xlsx',
      'commission.missing.xlsx',
      'signoff.missing.xlsx',
      'form.wrong_month.xlsx',
    ].map((f) => join(DIR, f));
    const r = await validateFiles([...files, csv]);
    const got = r.issues.map((i) => [i.file, i.code, i.cell ?? '']);
    expect(got).toEqual([
      ['score.out_of_range.xlsx', 'score.out_of_range', 'F3'],
      ['employee.unknown.xlsx', 'employee.unknown', 'A6'],
      ['weight.sum_not_100.xlsx', 'weight.sum_not_100', 'H2:H4'],
      ['commission.missing.xlsx', 'commission.missing', 'G3'],
      ['signoff.missing.xlsx', 'signoff.missing', 'E2'],
      ['form.wrong_month.xlsx', 'form.wrong_month', 'B3'],
      ['打分.xlsx', r.issues[r.issues.length - 1].code, ''],
    ]);
    expect(r.issues[r.issues.length - 1].code).toMatch(/^file\./);
    // each file is matched to the plan its meta names, of the month its meta names
    expect(r.files.map((f) => [f.file, f.parsed !== null, f.plan ? `${f.plan.month} ${f.plan.kind}` : null])).toEqual([
      ['score.out_of_range.xlsx', true, '2026-10 customer'],
      ['employee.unknown.xlsx', true, '2026-10 customer'],
      ['weight.sum_not_100.xlsx', true, '2026-10 goals'],
      ['commission.missing.xlsx', true, '2026-10 finance'],
      ['signoff.missing.xlsx', true, '2026-10 goals'],
      ['form.wrong_month.xlsx', true, '2026-09 customer'],
      ['打分.xlsx', false, null],
    ]);
    // the good rows of a file with problems are still there for the clerk to see
    expect(r.files[0].parsed!.scores.map((s) => s.employeeId)).toEqual(['E200', 'E202', 'E203']);
  });

  it('a sheet nobody was asked for is named as such', async () => {
    const r = await validateFiles([join(DIR, 'form.wrong_scorer.xlsx')]);
    expect(r.issues.map((i) => [i.code, i.found])).toEqual([['form.not_planned', '学习成长 / 冯刚(E600)']]);
  });
});
