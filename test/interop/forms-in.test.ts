/**
 * Issue 5, part B — score sheets saved by other programs must read the same.
 *
 * The reference is every planned sheet of the sample dealership filled by our own code
 * (fixtures/make-bad-forms.ts fillForm) and saved by exceljs. The same filling, cell by
 * cell, is then done by:
 *  1. openpyxl (another xlsx writer) on the blank generated sheets — exactly, and the way
 *     people type (numbers as text, full-width digits, "8,650.50", a date as 2026年11月3日);
 *  2. LibreOffice re-saving the reference files (soffice --convert-to xlsx);
 *  3. LibreOffice itself through its Python UNO bridge: the blank sheets loaded, the cells
 *     set, stored as "Calc MS Excel 2007 XML" — exactly, and as typed (Calc parses the
 *     text; "99%" with a percent format; a goal row inserted inside the protected sheet).
 * Each file is validated as `jixiao validate`/`receive` do (app/check-file.ts checkFile): no errors,
 * only the warnings the typing deserves, and the same parsed rows (every goal, sign-off
 * and score, with the cell it came from) as the reference.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import {
  issueList,
  outcome,
  PLAN_KEYS,
  sampleWorld,
  validateAsReceived,
  writeForms,
  type Assignment,
  type FormFiles,
  type FileValidation,
  type PlanKey,
} from './forms-world.js';
import type { PyCell } from './grid.js';
import { cleanupLibreOffice, convert, privateProfile, soffice } from './lo.js';
import { requirePython, runPython } from './python.js';

interface PyBook {
  application: string | null;
  sheets: { name: string; state: string; protected: boolean; validations: { sqref: string; type: string }[]; cells: Record<string, PyCell> }[];
}

/** Replace some assignments (by "sheet!cell") and add others. */
const edit = (cells: Assignment[], changes: Record<string, Partial<Assignment>>, extra: Assignment[] = []): Assignment[] => [
  ...cells.map((c) => ({ ...c, ...(changes[`${c.sheet}!${c.cell}`] ?? {}) })),
  ...extra,
];
/** Move assignments on `sheet` at or below `from` down by `by` rows (after an inserted row). */
const shiftDown = (cells: Assignment[], sheet: string, from: number, by = 1): Assignment[] =>
  cells.map((c) => {
    const m = /^([A-Z]+)(\d+)$/.exec(c.cell)!;
    return c.sheet === sheet && Number(m[2]) >= from ? { ...c, cell: `${m[1]}${Number(m[2]) + by}` } : c;
  });
const typed = (cells: Assignment[]): Assignment[] => cells.map((c) => ({ ...c, typed: true }));
const errorsOf = (v: FileValidation) => issueList(v).filter((i) => i.startsWith('error'));
const warningsOf = (v: FileValidation) => v.issues.filter((i) => i.severity === 'warning').map((i) => `${i.code}@${i.sheet}!${i.cell}`);

describe.runIf(interopSuite('test/interop/forms-in.test.ts', ['soffice', 'openpyxl', 'uno']))('score sheets filled or saved by openpyxl and LibreOffice read like ours', () => {
  const w = sampleWorld();
  const main = (k: PlanKey) => w.template.kinds[w.plans[k].kind].sheet;
  const SIGN = w.template.sheets.signoff;
  const GOALS = w.template.kinds.goals.sheet;
  let dir: string;
  let forms: FormFiles[];
  const ref = new Map<PlanKey, FileValidation>();
  const got = new Map<string, FileValidation>(); // "<writer>/<key>"
  let pyBooks: Record<string, PyBook>;
  let unoVersion = '';
  const out = (writer: string, f: FormFiles) => f.blank.replace(`${join(dir, 'blank')}`, join(dir, writer));
  const form = (k: PlanKey) => forms.find((f) => f.key === k)!;

  /** openpyxl, the way people type: text numbers, full-width digits, thousands separators, a Chinese date. */
  const pyTyped = (): { key: PlanKey; cells: Assignment[] }[] => [
    {
      key: 'customer',
      cells: edit(form('customer').cells, {
        [`${main('customer')}!F3`]: { t: 's', v: '96' },
        [`${main('customer')}!F4`]: { t: 's', v: '１０１.５' },
        [`${main('customer')}!F5`]: { t: 's', v: ' 99 ' },
      }),
    },
    {
      key: 'finance',
      cells: edit(form('finance').cells, {
        [`${main('finance')}!G2`]: { t: 's', v: '8,650.50' },
        [`${main('finance')}!F3`]: { t: 's', v: '１０１.５' },
      }),
    },
    {
      key: 'goals',
      cells: edit(form('goals').cells, {
        [`${GOALS}!H2`]: { t: 's', v: '40' },
        [`${GOALS}!K2`]: { t: 's', v: '１０５' },
        [`${SIGN}!H2`]: { t: 's', v: '2026年11月3日' },
      }),
    },
  ];

  /**
   * Other jobs, each checked on its own: a formula in a score cell (openpyxl saves it
   * without a result, Calc with one), exact decimals (no binary-float drift through
   * either writer), the 1904 date system.
   */
  const F = (k: PlanKey, cell: string) => `${main(k)}!${cell}`;
  const pyOther = (): { name: string; key: PlanKey; cells: Assignment[]; epoch1904?: boolean }[] => [
    { name: 'formula', key: 'customer', cells: edit(form('customer').cells, { [F('customer', 'F3')]: { t: 'f', v: '=100-5' } }) },
    {
      name: 'precise',
      key: 'finance',
      cells: edit(form('finance').cells, {
        [F('finance', 'F2')]: { v: 101.15 },
        [F('finance', 'G2')]: { v: 8650.35 },
        [F('finance', 'G3')]: { v: 1234567.89 },
      }),
    },
    { name: '1904', key: 'goals', cells: form('goals').cells, epoch1904: true },
  ];
  const unoOther = (): { name: string; key: PlanKey; cells: Assignment[] }[] => [
    { name: 'formula', key: 'customer', cells: edit(form('customer').cells, { [F('customer', 'F3')]: { t: 'f', v: '=100-5' } }) },
    {
      name: 'precise',
      key: 'finance',
      cells: edit(form('finance').cells, {
        [F('finance', 'F2')]: { v: '101.15', typed: true },
        [F('finance', 'G2')]: { v: 8650.35 },
        [F('finance', 'G3')]: { v: 1234567.89 },
      }),
    },
  ];

  /** Inside LibreOffice, as typed; on the goals sheet a row is inserted for a fourth goal of 李强 (E201). */
  const unoTyped = (): { key: PlanKey; cells: Assignment[]; insertRows?: { sheet: string; before: number }[] }[] => [
    {
      key: 'customer',
      cells: edit(typed(form('customer').cells), {
        [`${main('customer')}!F3`]: { t: 's', v: '96' }, // a text cell holding 96
        [`${main('customer')}!F4`]: { t: 'n', v: '１０１.５' }, // Calc keeps full-width digits as text
        [`${main('customer')}!F5`]: { t: 'n', v: '99%', fmt: '0%' }, // 0.99 shown as 99%
      }),
    },
    {
      key: 'goals',
      insertRows: [{ sheet: GOALS, before: 5 }],
      cells: edit(
        shiftDown(typed(form('goals').cells), GOALS, 5),
        {
          [`${GOALS}!H4`]: { v: 20 }, // 40 + 30 + 20 + 10 = 100 with the new goal
          [`${SIGN}!H2`]: { t: 'd', v: '2026/11/3' },
          [`${SIGN}!H3`]: { t: 's', v: '2026年11月3日' },
        },
        [
          ['F5', '关键考核指标KPI'],
          ['G5', '新增:精品销售'],
          ['H5', 10],
          ['I5', '5 单'],
          ['J5', '6 单'],
          ['K5', 120],
          ['L5', '插入的行'],
        ].map(([cell, v]) => ({ sheet: GOALS, cell: cell as string, t: typeof v === 'number' ? 'n' : 's', v, typed: true })),
      ),
    },
  ];

  beforeAll(async () => {
    soffice();
    requirePython('openpyxl', 'uno');
    dir = await mkdtemp(join(tmpdir(), 'jixiao-interop-forms-in-'));
    forms = await writeForms(w, dir);
    for (const d of ['openpyxl', 'openpyxl-typed', 'uno', 'uno-typed', ...pyOther().map((j) => `openpyxl-${j.name}`), ...unoOther().map((j) => `uno-${j.name}`)])
      await mkdir(join(dir, d), { recursive: true });
    const profile = privateProfile('uno');
    const [, , uno] = await Promise.all([
      runPython('fill_openpyxl.py', {
        jobs: [
          ...forms.map((f) => ({ src: f.blank, dst: out('openpyxl', f), cells: f.cells })),
          ...pyTyped().map((j) => ({ src: form(j.key).blank, dst: out('openpyxl-typed', form(j.key)), cells: j.cells })),
          ...pyOther().map((j) => ({ src: form(j.key).blank, dst: out(`openpyxl-${j.name}`, form(j.key)), cells: j.cells, epoch1904: j.epoch1904 })),
        ],
      }),
      convert(
        forms.map((f) => f.exceljs),
        'xlsx',
        join(dir, 'lo'),
      ),
      runPython<{ written: string[]; version: string }>('fill_uno.py', {
        soffice: soffice(),
        profile: profile.url,
        pipe: `jixiao_${process.pid}_${Date.now()}`,
        jobs: [
          ...forms.map((f) => ({ src: f.blank, dst: out('uno', f), cells: f.cells })),
          ...unoTyped().map((j) => ({ src: form(j.key).blank, dst: out('uno-typed', form(j.key)), cells: j.cells, insertRows: j.insertRows })),
          ...unoOther().map((j) => ({ src: form(j.key).blank, dst: out(`uno-${j.name}`, form(j.key)), cells: j.cells })),
        ],
      }, { env: { TMPDIR: profile.tmp } }),
    ]);
    unoVersion = uno.version;
    for (const f of forms) {
      ref.set(f.key, await validateAsReceived(w, f.exceljs));
      for (const writer of ['openpyxl', 'lo', 'uno']) got.set(`${writer}/${f.key}`, await validateAsReceived(w, out(writer, f)));
    }
    for (const j of pyTyped()) got.set(`openpyxl-typed/${j.key}`, await validateAsReceived(w, out('openpyxl-typed', form(j.key))));
    for (const j of unoTyped()) got.set(`uno-typed/${j.key}`, await validateAsReceived(w, out('uno-typed', form(j.key))));
    for (const j of pyOther()) got.set(`openpyxl-${j.name}`, await validateAsReceived(w, out(`openpyxl-${j.name}`, form(j.key))));
    for (const j of unoOther()) got.set(`uno-${j.name}`, await validateAsReceived(w, out(`uno-${j.name}`, form(j.key))));
    pyBooks = await runPython<Record<string, PyBook>>('inspect_xlsx.py', {
      files: forms.flatMap((f) => [out('openpyxl', f), out('lo', f), out('uno', f)]),
    });
  }, 240_000);
  afterAll(async () => {
    cleanupLibreOffice();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('the reference (filled by our code, saved by exceljs) validates clean', () => {
    for (const [k, v] of ref) {
      expect(issueList(v), k).toEqual([]);
      expect(v.plan, k).toBe(w.plans[k]);
    }
  });

  for (const [writer, what] of [
    ['openpyxl', 'filled by openpyxl'],
    ['lo', 're-saved by LibreOffice (--convert-to xlsx)'],
    ['uno', 'filled inside LibreOffice (UNO) and saved as xlsx'],
  ] as const)
    it(`${what}: every kind validates clean with exactly the reference rows`, () => {
      for (const k of PLAN_KEYS(w)) {
        const v = got.get(`${writer}/${k}`)!;
        expect(issueList(v), `${writer} ${k}`).toEqual([]);
        expect(outcome(v), `${writer} ${k}`).toEqual(outcome(ref.get(k)!));
      }
    });

  it('the files really come from the other programs', () => {
    const app = (writer: string) => [...new Set(forms.map((f) => pyBooks[out(writer, f)].application))];
    expect(app('lo')).toEqual([expect.stringMatching(/^LibreOffice\//)]);
    expect(app('uno')).toEqual([expect.stringMatching(/^LibreOffice\//)]);
    expect(unoVersion).toMatch(/^\d+\.\d+/);
    // openpyxl keeps our app.xml but rewrites every part: no cached result for the 本项权重合计 formulas
    const goals = pyBooks[out('openpyxl', form('goals'))].sheets.find((s) => s.name === GOALS)!;
    expect(goals.cells.M2.t).toBe('f');
  });

  it('LibreOffice keeps the meta sheet hidden (7.4 writes "hidden", not "veryHidden") and every sheet protected; the reader takes it', () => {
    for (const writer of ['lo', 'uno'])
      for (const f of forms) {
        const book = pyBooks[out(writer, f)];
        const meta = book.sheets.find((s) => s.name === w.template.sheets.meta)!;
        expect(['hidden', 'veryHidden'], `${writer} ${f.key}`).toContain(meta.state);
        for (const s of book.sheets) expect(s.protected, `${writer} ${f.key} ${s.name}`).toBe(true);
        const sheet = book.sheets.find((s) => s.name === main(f.key))!;
        expect(sheet.validations.some((v) => v.type === 'decimal'), `${writer} ${f.key}`).toBe(true);
        expect(sheet.cells.A2.locked, `${writer} ${f.key}`).toBe(true);
        expect(got.get(`${writer}/${f.key}`)!.meta, `${writer} ${f.key}`).toEqual(ref.get(f.key)!.meta);
      }
  });

  it('openpyxl, as people type: no errors, a warning for each normalised cell, the same rows', () => {
    const expected: Record<string, string[]> = {
      customer: ['F3', 'F4', 'F5'].map((c) => `score.normalised@${main('customer')}!${c}`),
      finance: [`commission.normalised@${main('finance')}!G2`, `score.normalised@${main('finance')}!F3`],
      goals: [`weight.normalised@${GOALS}!H2`, `score.normalised@${GOALS}!K2`],
    };
    for (const j of pyTyped()) {
      const v = got.get(`openpyxl-typed/${j.key}`)!;
      expect(errorsOf(v), j.key).toEqual([]);
      expect(warningsOf(v).sort(), j.key).toEqual(expected[j.key].sort());
      expect(outcome(v), j.key).toEqual(outcome(ref.get(j.key)!));
    }
  });

  it('LibreOffice, as typed: text 96, full-width text, 99% as a percentage — warned and read as 96, 101.5, 99', () => {
    const v = got.get('uno-typed/customer')!;
    expect(errorsOf(v)).toEqual([]);
    expect(warningsOf(v).sort()).toEqual(['F3', 'F4', 'F5'].map((c) => `score.normalised@${main('customer')}!${c}`).sort());
    expect(outcome(v)).toEqual(outcome(ref.get('customer')!));
  });

  it('LibreOffice, a goal row inserted in the protected goals sheet: it belongs to the employee above; dates typed or written in Chinese', () => {
    const v = got.get('uno-typed/goals')!;
    expect(issueList(v)).toEqual([]);
    const r = outcome(ref.get('goals')!);
    const o = outcome(v);
    expect(o.goals!.filter((g) => g.employeeId === 'E201').map((g) => [g.sectionId, g.goal, g.weight, g.score, g.cell])).toEqual([
      ['kpi', '维修产值', '40', '105', 'K2'],
      ['kpi', '客户回厂率', '30', '98', 'K3'],
      ['kpi', '一次修复率', '20', '100', 'K4'],
      ['kpi', '新增:精品销售', '10', '120', 'K5'],
    ]);
    const shifted = (cell: string | undefined) => cell?.replace(/\d+$/, (n) => String(Number(n) + 1));
    expect(o.goals!.filter((g) => g.employeeId !== 'E201')).toEqual(
      r.goals!.filter((g) => g.employeeId !== 'E201').map((g) => ({ ...g, cell: shifted(g.cell) })),
    );
    expect(o.signOffs).toEqual(r.signOffs);
    expect(o.meta).toEqual(r.meta);
  });

  it('a formula in a score cell: LibreOffice saves its result (read as 95); openpyxl saves none, which is an error at that cell', () => {
    const lo = got.get('uno-formula')!;
    expect(issueList(lo)).toEqual([]);
    expect(lo.parsed!.scores.find((s) => s.cell === 'F3')!.score).toBe('95');
    const py = got.get('openpyxl-formula')!;
    expect(py.issues.map((i) => [i.severity, i.code.replace(/^\w+\./, ''), i.sheet, i.cell])).toEqual([['error', 'formula_no_value', main('customer'), 'F3']]);
    expect(outcome(py).scores!.filter((s) => s.cell !== 'F3')).toEqual(outcome(ref.get('customer')!).scores!.filter((s) => s.cell !== 'F3'));
  });

  it('decimals stay exact through both writers: 101.15, 8650.35, 1234567.89', () => {
    for (const k of ['openpyxl-precise', 'uno-precise']) {
      const v = got.get(k)!;
      expect(issueList(v), k).toEqual([]);
      expect(v.parsed!.scores.map((s) => [s.cell, s.score, s.commission]), k).toEqual([
        ['F2', '101.15', '8650.35'],
        ['F3', '101.5', '1234567.89'],
      ]);
    }
  });

  it('the 1904 date system (old Mac Excel): interview dates read the same', () => {
    const v = got.get('openpyxl-1904')!;
    expect(issueList(v)).toEqual([]);
    expect(outcome(v)).toEqual(outcome(ref.get('goals')!));
    expect(v.parsed!.signOffs.map((s) => s.interviewDate)).toEqual(['2026-11-03', '2026-11-03', '2026-11-03']);
  });
});
