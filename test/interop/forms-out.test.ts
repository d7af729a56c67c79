/**
 * Issue 5, part A for the score sheets — the forms we send out, opened by real clients.
 *
 * Every planned sheet of the sample dealership is generated (blank, as `jixiao forms`
 * writes it) and filled by our own code; LibreOffice exports every sheet (hidden ones
 * too) to CSV and the cells are compared with what we meant: the prefilled people and
 * sections per plan, the meta sheet (texts such as 2026-10 must stay text), the filled-in
 * instructions — and, on the filled goals sheet, the 本项权重合计 formula as LibreOffice
 * calculates it (exceljs never calculates it). openpyxl checks the structure: sheet
 * order and visibility, protection, locked/unlocked cells, validations, frozen header.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interopSuite } from './gate.js';
import { GENERATED_AT, generate, GOALS_FILL } from '../../fixtures/make-bad-forms.js';
import type { FormPlan } from '../../src/model.js';
import { META_KEYS } from '../../src/policy/form-layout.js';
import { sectionOrder } from '../../src/domain/sections.js';
import { columnDef } from '../../src/policy/form-template.js';
import { sampleWorld, writeForms, type FormFiles, type World } from './forms-world.js';
import { _, compareLo, int, leaks, type Expected, type PyCell } from './grid.js';
import { cleanupLibreOffice, type LoSheet, sheetsViaLibreOffice, soffice, texts } from './lo.js';
import { requirePython, runPython } from './python.js';
import { inspectInLibreOffice, type UnoInspection } from './uno.js';

interface PySheet {
  name: string;
  state: string;
  freeze: string | null;
  protected: boolean;
  print_titles_rows: string | null;
  paper_size: number | null;
  orientation: string | null;
  validations: { sqref: string; type: string; formula1: string | null; formula2: string | null }[];
  cells: Record<string, PyCell>;
}

/** The employees of a plan in order of first appearance, each with the plan's sections. */
function people(w: World, plan: FormPlan) {
  const order = new Map<string, string[]>();
  for (const it of plan.items) order.set(it.employeeId, [...(order.get(it.employeeId) ?? []), it.sectionId]);
  return [...order].map(([id, sections]) => ({ e: w.members.get(id)!.employee, cat: w.members.get(id)!.category!, sections }));
}
const sectionName = (w: World, id: string) =>
  [...w.policy.sections['创利'], ...w.policy.sections['职能']].find((s) => s.id === id)!.name;
const headers = (w: World, keys: readonly string[]) => keys.map((k) => columnDef(w.template, k as never).header);

/** The main sheet of a blank form as meant: header, then the prefilled, locked columns. */
function mainSheetMeant(w: World, plan: FormPlan): Expected[][] {
  const kind = w.template.kinds[plan.kind];
  const keys = kind.columns as readonly string[];
  const rows: Expected[][] = [headers(w, keys)];
  for (const p of people(w, plan)) {
    const base: Record<string, Expected> = { employee_id: p.e.id, name: p.e.name, department: p.e.department, position: p.e.position };
    if (plan.kind === 'goals') {
      const only = p.sections.length === 1 ? sectionName(w, p.sections[0]) : _;
      for (let i = 0; i < w.policy.goals.rows_per_employee; i++)
        rows.push(keys.map((k) => ({ ...base, seq: int(i + 1), section: only })[k] ?? _));
    } else for (const s of p.sections) rows.push(keys.map((k) => ({ ...base, section_name: sectionName(w, s) })[k] ?? _));
  }
  return rows;
}

function signoffMeant(w: World, plan: FormPlan): Expected[][] {
  const keys = w.template.kinds.goals.signoff_columns ?? [];
  return [headers(w, keys), ...people(w, plan).map((p) => [p.e.id, p.e.name, p.e.department, p.e.position])];
}

/** The hidden meta sheet as meant (columns A–C keys/values/labels, E–J the expected employees). */
function metaMeant(w: World, plan: FormPlan): Expected[][] {
  const scorer = w.roster.get(plan.scorerId)!;
  const order = sectionOrder(w.policy);
  const values: Record<keyof typeof META_KEYS, string> = {
    template_version: w.template.version,
    month: plan.month, // "2026-10" must stay text in every program, not become a date
    kind: plan.kind,
    scorer_id: scorer.id,
    scorer_name: scorer.name,
    scorer_role: plan.scorerRole,
    section_ids: [...new Set(plan.items.map((i) => i.sectionId))].sort((a, b) => order.indexOf(a) - order.indexOf(b)).join(','),
    deadline: plan.deadline,
    generated_at: GENERATED_AT,
    policy_version: w.policy.policy_version,
  };
  const rows: Expected[][] = [['jixiao_form', 'jixiao-form/1', '本页由 jixiao 生成,请勿修改', _]];
  for (const k of Object.keys(META_KEYS) as (keyof typeof META_KEYS)[]) rows.push([k, values[k], META_KEYS[k], _]);
  const table: Expected[][] = [
    ['employee_id', 'name', 'category', 'section_ids', 'department', 'position'],
    ['工号', '姓名', '类别', '考核项目', '部门', '岗位'],
    ...people(w, plan).map((p) => [p.e.id, p.e.name, p.cat, p.sections.join(','), p.e.department, p.e.position]),
  ];
  table.forEach((t, i) => (rows[i] = [...rows[i], ...t]));
  return rows;
}

/** Column A of a sheet of our own in-memory workbook: the texts we meant to write. */
function columnA(wb: ExcelJS.Workbook, sheet: string): string[] {
  const ws = wb.getWorksheet(sheet)!;
  const out: string[] = [];
  for (let r = 1; r <= ws.rowCount; r++) out.push(String(ws.getCell(r, 1).value ?? ''));
  return out;
}

describe.runIf(interopSuite('test/interop/forms-out.test.ts', ['soffice', 'openpyxl']))('score sheets opened by LibreOffice and openpyxl', () => {
  const w = sampleWorld();
  let dir: string;
  let forms: FormFiles[];
  let blank: Map<string, Map<string, LoSheet>>;
  let full: Map<string, Map<string, LoSheet>>;
  let py: Record<string, { active: string | null; sheets: PySheet[] }>;
  let calc: UnoInspection;
  const form = (key: string) => forms.find((f) => f.key === key)!;

  beforeAll(async () => {
    soffice();
    requirePython('openpyxl');
    dir = await mkdtemp(join(tmpdir(), 'jixiao-interop-forms-out-'));
    forms = await writeForms(w, dir);
    const M = (k: string) => w.template.kinds[w.plans[k as keyof typeof w.plans].kind].sheet;
    [blank, full, py, calc] = await Promise.all([
      sheetsViaLibreOffice(
        forms.map((f) => f.blank),
        join(dir, 'lo-blank'),
      ),
      sheetsViaLibreOffice(
        forms.map((f) => f.exceljs),
        join(dir, 'lo-filled'),
      ),
      runPython<Record<string, { active: string | null; sheets: PySheet[] }>>('inspect_xlsx.py', { files: forms.map((f) => f.blank) }),
      inspectInLibreOffice([
        {
          path: form('goals').blank,
          cells: ['A2', 'E2', 'F2', 'F18', 'H2', 'K2', 'M2'].map((c) => `${M('goals')}!${c}`).concat([`${w.template.sheets.signoff}!H2`]),
        },
        { path: form('finance').blank, cells: ['A2', 'F2', 'G2', 'H2'].map((c) => `${M('finance')}!${c}`) },
        { path: form('customer').blank, cells: ['F2', 'F5'].map((c) => `${M('customer')}!${c}`) },
      ]),
    ]);
  });
  afterAll(async () => {
    cleanupLibreOffice();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('LibreOffice sees every sheet, hidden ones included, in order', () => {
    for (const f of forms) {
      const names = [...blank.get(f.blank)!.keys()];
      const t = w.template;
      const kind = w.plans[f.key].kind;
      expect(names, f.key).toEqual(
        kind === 'goals'
          ? [t.sheets.instructions, t.kinds.goals.sheet, t.sheets.signoff, t.sheets.lists, t.sheets.meta]
          : [t.sheets.instructions, t.kinds[kind].sheet, t.sheets.meta],
      );
    }
  });

  it('main sheets: the planned employees, departments, positions and sections, 工号 as text', () => {
    for (const f of forms) {
      const plan = w.plans[f.key];
      const sheet = blank.get(f.blank)!.get(w.template.kinds[plan.kind].sheet)!;
      const meant = mainSheetMeant(w, plan);
      expect(compareLo(sheet, meant, 'raw'), f.key).toEqual([]);
      expect(sheet.rows, f.key).toHaveLength(meant.length);
    }
    const signoff = blank.get(form('goals').blank)!.get(w.template.sheets.signoff)!;
    expect(compareLo(signoff, signoffMeant(w, w.plans.goals), 'raw')).toEqual([]);
  });

  it('meta sheet: every key and the expected employees, as text (2026-10 does not become a date)', () => {
    for (const f of forms) {
      const sheet = blank.get(f.blank)!.get(w.template.sheets.meta)!;
      expect(compareLo(sheet, metaMeant(w, w.plans[f.key]), 'raw'), f.key).toEqual([]);
    }
  });

  it('instructions: the texts we wrote, placeholders filled (scorer, deadline, fine)', () => {
    for (const f of forms) {
      const plan = w.plans[f.key];
      const lines = texts(blank.get(f.blank)!.get(w.template.sheets.instructions)!).map((r) => r[0] ?? '');
      const ours = columnA(generate(w, f.key), w.template.sheets.instructions);
      expect(lines, f.key).toEqual(ours);
      const all = lines.join('\n');
      expect(all, f.key).not.toMatch(/\{[a-z_]+\}/);
      expect(all, f.key).toContain(w.roster.get(plan.scorerId)!.name);
      expect(all, f.key).toContain(String(w.policy.deadlines.fine_per_day));
      expect(all, f.key).toMatch(/2026年11月\d+日/);
    }
  });

  it('no cell of any form shows a placeholder, undefined/NaN, a catalog key or a broken character', () => {
    expect([...blank, ...full].flatMap(([file, sheets]) => leaks(sheets, file))).toEqual([]);
  });

  it('filled goals sheet: LibreOffice calculates 本项权重合计 = 100 for every filled goal (the formula works in a real client)', () => {
    const plan = w.plans.goals;
    const sheet = full.get(form('goals').exceljs)!.get(w.template.kinds.goals.sheet)!;
    const keys = w.template.kinds.goals.columns as readonly string[];
    const c = (k: string) => keys.indexOf(k);
    let checked = 0;
    for (const row of sheet.rows.slice(1)) {
      const weight = row[c('weight')]?.text ?? '';
      const check = row[c('weight_check')];
      if (weight === '') {
        expect(check?.text ?? '').toBe('');
        continue;
      }
      const id = row[c('employee_id')].text;
      const section = row[c('section')].text;
      const sum = GOALS_FILL[id].filter((g) => g[0] === section).reduce((s, g) => s + g[2], 0);
      expect(check, `${id} ${section}`).toEqual({ text: String(sum), quoted: false });
      expect(sum).toBe(100);
      checked++;
    }
    expect(checked).toBe(Object.values(GOALS_FILL).flat().length);
    expect(plan.kind).toBe('goals');
  });

  it('openpyxl: sheet order and visibility, protection, locked prefilled cells, open input cells, validations, frozen header', () => {
    for (const f of forms) {
      const plan = w.plans[f.key];
      const book = py[f.blank];
      const t = w.template;
      const byName = new Map(book.sheets.map((s) => [s.name, s]));
      expect(book.active, f.key).toBe(t.sheets.instructions);
      expect(byName.get(t.sheets.meta)!.state, f.key).toBe('veryHidden');
      for (const s of book.sheets) expect(s.protected, `${f.key} ${s.name}`).toBe(true);
      const main = byName.get(t.kinds[plan.kind].sheet)!;
      expect(main.state).toBe('visible');
      expect(main.freeze, f.key).toBe('C2');
      expect([main.print_titles_rows, main.paper_size, main.orientation], f.key).toEqual(['$1:$1', 9, 'landscape']);
      const keys = t.kinds[plan.kind].columns as readonly string[];
      const L = (k: string) => String.fromCharCode(65 + keys.indexOf(k));
      expect(main.cells[`${L('employee_id')}2`].locked, f.key).toBe(true);
      expect(main.cells[`${L('employee_id')}2`].fmt, f.key).toBe('@');
      const scoreCol = L('score');
      const rows = mainSheetMeant(w, plan).length;
      const scoreDv = main.validations.find((v) => v.sqref.split(' ').every((r) => r.startsWith(scoreCol)));
      expect(scoreDv, f.key).toMatchObject({ type: 'decimal', formula1: '0', formula2: String(w.policy.score_max) });
      expect(scoreDv!.sqref, f.key).toBe(rows === 2 ? `${scoreCol}2` : `${scoreCol}2:${scoreCol}${rows}`); // every data row
      if (plan.kind === 'goals') {
        expect(byName.get(t.sheets.lists)!.state).toBe('hidden');
        expect(main.validations.filter((v) => v.type === 'list').every((v) => (v.formula1 ?? '').includes(t.sheets.lists))).toBe(true);
      }
    }
  });

  it('inside LibreOffice Calc: every sheet protected, meta hidden, header frozen, prefilled cells locked, input cells open with their validations', () => {
    const t = w.template;
    for (const k of ['goals', 'finance', 'customer'] as const) {
      const f = calc.files[form(k).blank];
      for (const s of f.sheets) expect(s.protected, `${k} ${s.name}`).toBe(true);
      expect(f.sheets.find((s) => s.name === t.sheets.meta)!.visible, k).toBe(false);
      const main = f.sheets.find((s) => s.name === t.kinds[w.plans[k].kind].sheet)!;
      expect([main.frozen, main.splitRow, main.splitColumn], k).toEqual([true, 1, 2]);
    }
    const cell = (k: 'goals' | 'finance' | 'customer', ref: string) => {
      const sheet = ref.includes('!') ? '' : `${t.kinds[w.plans[k].kind].sheet}!`;
      return calc.files[form(k).blank].cells[`${sheet}${ref}`];
    };
    const score = { type: 'DECIMAL', operator: 'BETWEEN', formula1: '0', formula2: String(w.policy.score_max), showError: true, alertStyle: 'STOP' };
    // goals: 工号 locked; 序号, 所属项目, 权重%, 得分 open; drop-downs from the hidden 选项 sheet
    expect(cell('goals', 'A2')).toMatchObject({ locked: true, shown: 'E201', type: 'TEXT', validation: null });
    expect(cell('goals', 'E2')).toMatchObject({ locked: false, shown: '1' });
    expect(cell('goals', 'F2')).toMatchObject({ locked: false, shown: '关键考核指标KPI' });
    expect(cell('goals', 'F2').validation).toMatchObject({ type: 'LIST', showError: true, alertStyle: 'STOP' });
    expect(cell('goals', 'F2').validation!.formula1).toMatch(new RegExp(`${t.sheets.lists}.*A\\$2:.*A\\$2`));
    expect(cell('goals', 'F18').validation!.formula1).toMatch(new RegExp(`${t.sheets.lists}.*B\\$2:.*B\\$3`));
    expect(cell('goals', 'H2')).toMatchObject({ locked: false, validation: { ...score, formula2: '100' } });
    expect(cell('goals', 'K2')).toMatchObject({ locked: false, validation: score });
    expect(cell('goals', 'M2')).toMatchObject({ locked: true, type: 'FORMULA', shown: '' });
    expect(cell('goals', `${t.sheets.signoff}!H2`)).toMatchObject({ locked: false, validation: { type: 'DATE', alertStyle: 'WARNING' } });
    // finance: 提成工资总额 open (≥ 0) for 创利 staff only
    expect(cell('finance', 'A2')).toMatchObject({ locked: true, shown: 'E201' });
    expect(cell('finance', 'F2')).toMatchObject({ locked: false, validation: score });
    expect(cell('finance', 'G2')).toMatchObject({ locked: false, format: '#,##0.00' });
    expect(cell('finance', 'G2').validation).toMatchObject({ type: 'DECIMAL', operator: 'GREATER_EQUAL', formula1: '0' });
    expect(cell('finance', 'H2')).toMatchObject({ locked: false, validation: null });
    expect(cell('customer', 'F2')).toMatchObject({ locked: false, validation: score });
    expect(cell('customer', 'F5')).toMatchObject({ locked: false, validation: score }); // the last row too
  });
});
