/**
 * The command line, run in-process: `main(argv, memoryIo({ cwd }))` in fresh temp folders.
 * Exit codes (0 ok, 1 blocking input problems, 2 usage), workspace discovery, the staff list
 * as the clerk sees it, policy check paths, help/version/language — and one run of the real
 * launcher (dist/bin/jixiao.js) as a subprocess.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { main } from '../../src/cli/main.js';
import { memoryIo, type Io } from '../../src/cli/io.js';
import { packageRoot } from '../../src/app/paths.js';
import { t } from '../../src/i18n/index.js';

const ROOT = packageRoot;
const ROSTER = path.join(ROOT, 'fixtures', '花名册.xlsx');
const BAD_ROSTER = path.join(ROOT, 'fixtures', 'bad', 'roster');
const MONTH = '2026-10';
const NOW = () => new Date('2026-11-03T10:00:00+08:00');

const made: string[] = [];
function tempDir(prefix = 'jixiao-cli-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}
afterAll(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

interface Run {
  code: number;
  out: string;
  err: string;
  json: () => any;
}

async function run(args: string[], o: Partial<Io> & { cwd: string }): Promise<Run> {
  const io = memoryIo({ now: NOW, ...o });
  const code = await main(args, io);
  const out = io.stdout.join('\n');
  return { code, out, err: io.stderr.join('\n'), json: () => JSON.parse(out) };
}

/** A new workspace `<tmp>/ws`; returns its path and the temp folder holding it. */
async function newWorkspace(): Promise<{ tmp: string; ws: string }> {
  const tmp = tempDir();
  const r = await run(['init', 'ws'], { cwd: tmp });
  expect(r.code, r.out + r.err).toBe(0);
  return { tmp, ws: path.join(tmp, 'ws') };
}

/** Help text is wrapped to the terminal width: compare with runs of white space folded. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

const notFoundText = (dir: string, lang: 'zh' | 'en' = 'zh') => t('ledger.workspace_not_found', { dir }, lang);

describe('init', () => {
  it('creates policy.yaml, inbox/, archive/, out/ and jixiao.db', async () => {
    const tmp = tempDir();
    const r = await run(['init', 'ws2026'], { cwd: tmp });
    expect(r.code, r.out + r.err).toBe(0);
    const ws = path.join(tmp, 'ws2026');
    expect(fs.statSync(path.join(ws, 'policy.yaml')).isFile()).toBe(true);
    for (const d of ['inbox', 'archive', 'out']) expect(fs.statSync(path.join(ws, d)).isDirectory(), d).toBe(true);
    expect(fs.statSync(path.join(ws, 'jixiao.db')).size).toBeGreaterThan(0);
    // The policy file written is the bundled default, byte for byte.
    expect(fs.readFileSync(path.join(ws, 'policy.yaml'))).toEqual(fs.readFileSync(path.join(ROOT, 'templates', 'policy.yaml')));
    expect(r.out).toContain(t('init.done', { dir: ws }, 'zh'));
  });

  it('in the current folder by default, with --json', async () => {
    const tmp = tempDir();
    const r = await run(['init', '--json'], { cwd: tmp });
    expect(r.code).toBe(0);
    const j = r.json();
    expect(j.ok).toBe(true);
    expect(j.dir).toBe(tmp);
    expect(j.created).toEqual(expect.arrayContaining(['policy.yaml', 'inbox/', 'archive/', 'out/', 'jixiao.db']));
  });

  it('twice: exit 1, and the first policy.yaml and ledger are left exactly as they were', async () => {
    const { tmp, ws } = await newWorkspace();
    const policyPath = path.join(ws, 'policy.yaml');
    // The clerk has edited the policy in the meantime.
    fs.appendFileSync(policyPath, '\n# 本公司 2026 年修订\n');
    const policyBefore = fs.readFileSync(policyPath);
    const dbBefore = fs.readFileSync(path.join(ws, 'jixiao.db'));
    const r = await run(['init', 'ws'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain(t('ledger.workspace_exists', { dir: ws, found: 'jixiao.db, policy.yaml' }, 'zh'));
    expect(fs.readFileSync(policyPath)).toEqual(policyBefore);
    expect(fs.readFileSync(path.join(ws, 'jixiao.db'))).toEqual(dbBefore);
  });

  it('refuses a folder that already holds a policy.yaml (no ledger yet) and leaves it alone', async () => {
    const tmp = tempDir();
    const mine = '# 我自己的政策文件\nformat: 1\n';
    fs.writeFileSync(path.join(tmp, 'policy.yaml'), mine);
    const r = await run(['init', '--json', '--lang', 'en'], { cwd: tmp });
    expect(r.code).toBe(1);
    const j = r.json();
    expect(j.ok).toBe(false);
    expect(j.issues.map((i: { code: string }) => i.code)).toEqual(['workspace.exists']);
    expect(j.issues[0].message).toContain('already a jixiao workspace');
    expect(fs.readFileSync(path.join(tmp, 'policy.yaml'), 'utf8')).toBe(mine);
    expect(fs.existsSync(path.join(tmp, 'jixiao.db'))).toBe(false);
    expect(fs.existsSync(path.join(tmp, 'inbox'))).toBe(false);
  });
});

describe('finding the workspace', () => {
  it('every workspace command outside a workspace: exit 1 with the no-workspace message', async () => {
    const tmp = tempDir();
    const commands = [
      ['roster', 'show'],
      ['roster', 'import', ROSTER],
      ['policy', 'check'],
      ['forms', '--month', MONTH],
      ['validate', ROSTER],
      ['receive', ROSTER],
      ['status', '--month', MONTH],
      ['close', '--month', MONTH],
    ];
    for (const argv of commands) {
      const r = await run(argv, { cwd: tmp });
      expect(r.code, argv.join(' ')).toBe(1);
      expect(r.err, argv.join(' ')).toContain(notFoundText(tmp));
      expect(r.err).toContain(t('ledger.workspace_not_found.hint', {}, 'zh'));
    }
    // Nothing was created by trying.
    expect(fs.readdirSync(tmp)).toEqual([]);
    const en = await run(['roster', 'show', '--lang', 'en'], { cwd: tmp });
    expect(en.code).toBe(1);
    expect(en.err).toContain(notFoundText(tmp, 'en'));
  });

  it('is found from a folder inside it (walking up)', async () => {
    const { ws } = await newWorkspace();
    const r = await run(['roster', 'import', ROSTER, '--month', MONTH, '--json'], { cwd: path.join(ws, 'inbox') });
    expect(r.code, r.err).toBe(0);
    expect(r.json().count).toBe(83);
  });

  it('--workspace works from another folder (relative and absolute, and -w)', async () => {
    const { ws } = await newWorkspace();
    const elsewhere = tempDir('jixiao-elsewhere-');
    const rel = path.relative(elsewhere, ws);
    const imp = await run(['roster', 'import', ROSTER, '--month', MONTH, '--workspace', rel], { cwd: elsewhere });
    expect(imp.code, imp.err).toBe(0);
    const show = await run(['--workspace', ws, 'roster', 'show', '--month', MONTH, '--json'], { cwd: elsewhere });
    expect(show.code, show.err).toBe(0);
    expect(show.json().staff).toHaveLength(83);
    const short = await run(['status', '--month', MONTH, '-w', ws, '--json'], { cwd: elsewhere });
    expect(short.code, short.err).toBe(0);
    expect(short.json().month).toBe(MONTH);
    // Pointing at the ledger file itself is accepted too.
    const db = await run(['roster', 'show', '--month', MONTH, '--workspace', path.join(ws, 'jixiao.db')], { cwd: elsewhere });
    expect(db.code, db.err).toBe(0);
  });

  it('--workspace pointing at a folder that is not a workspace: exit 1, says so', async () => {
    const elsewhere = tempDir('jixiao-elsewhere-');
    const r = await run(['roster', 'show', '--workspace', 'nowhere'], { cwd: elsewhere });
    expect(r.code).toBe(1);
    expect(r.err).toContain(t('ledger.workspace_explicit_not_workspace', { dir: path.join(elsewhere, 'nowhere') }, 'zh'));
  });

  it('a workspace whose policy file is broken: exit 1, naming the problem paths', async () => {
    const { ws } = await newWorkspace();
    const p = path.join(ws, 'policy.yaml');
    fs.writeFileSync(p, fs.readFileSync(p, 'utf8').replace('fine_per_day: 500', 'fine_per_day: -5'));
    const r = await run(['roster', 'show'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.err).toContain(t('issue.workspace.policy_invalid', { file: p }, 'zh'));
    expect(r.err).toContain('deadlines.fine_per_day');
  });
});

describe('roster import and show', () => {
  let ws: string;
  let staff: any[];
  const byId = (id: string) => staff.find((s) => s.id === id);

  beforeAll(async () => {
    ({ ws } = await newWorkspace());
    const imp = await run(['roster', 'import', ROSTER, '--month', MONTH, '--json'], { cwd: ws });
    expect(imp.code, imp.out + imp.err).toBe(0);
    const j = imp.json();
    expect(j).toMatchObject({ ok: true, versionId: 1, duplicate: false, effectiveMonth: MONTH, count: 83 });
    expect(j.counts).toEqual({ 创利: 40, 职能: 39, excluded: 4 });
    expect(j.sha256).toMatch(/^[0-9a-f]{64}$/);
    const show = await run(['roster', 'show', '--month', MONTH, '--json'], { cwd: ws });
    expect(show.code, show.err).toBe(0);
    const s = show.json();
    expect(s).toMatchObject({ ok: true, month: MONTH, versionId: 1, fallback: false, issues: [] });
    staff = s.staff;
  });

  it('shows every employee with category, eligibility, reason and pay-base rule', () => {
    expect(staff).toHaveLength(83);
    expect(new Set(staff.map((s) => s.id)).size).toBe(83);
    for (const s of staff) {
      for (const k of ['id', 'name', 'department', 'position', 'category', 'eligible', 'excludedReason', 'payBaseRule', 'managerId', 'managerName'])
        expect(s, `${s.id} ${k}`).toHaveProperty(k);
      if (s.eligible) {
        expect(['创利', '职能'], s.id).toContain(s.category);
        expect(s.excludedReason, s.id).toBeNull();
        expect(s.payBaseRule, s.id).toBeTruthy();
      } else {
        expect(s.excludedReason, s.id).toBeTruthy();
        expect(s.payBaseRule, s.id).toBeNull();
      }
      if (s.managerId) expect(s.managerName, s.id).toBe(byId(s.managerId).name);
    }
    expect(staff.filter((s) => !s.eligible).map((s) => s.id).sort()).toEqual(['1001', '1002', '1048', '1069']);
  });

  it('1001 总经理 is excluded (by the policy table), no manager', () => {
    expect(byId('1001')).toMatchObject({ position: '总经理', category: null, eligible: false, payBaseRule: null, managerId: null });
    expect(byId('1001').excludedReason).toContain('总经理由股东考核');
  });

  it('1003 服务站总监 is 职能, a manager at 50%', () => {
    expect(byId('1003')).toMatchObject({
      department: '服务站',
      position: '总监',
      category: '职能',
      eligible: true,
      payBaseRule: t('paybase.manager_salary', { percent: 50 }, 'zh'),
      managerId: '1001',
    });
  });

  it('1066 行政部经理 is a manager at 30% (one of the three exceptions); so are HR and 客服部 managers', () => {
    expect(byId('1066')).toMatchObject({ department: '行政部', position: '经理', category: '职能', eligible: true });
    expect(byId('1066').payBaseRule).toBe(t('paybase.manager_salary', { percent: 30 }, 'zh'));
    expect(byId('1063')).toMatchObject({ department: '人力资源部', payBaseRule: t('paybase.manager_salary', { percent: 30 }, 'zh') });
    expect(byId('1070')).toMatchObject({ department: '客服部', payBaseRule: t('paybase.manager_salary', { percent: 30 }, 'zh') });
    // Other department managers are 50%.
    for (const id of ['1033', '1034', '1075', '1079']) expect(byId(id).payBaseRule, id).toBe(t('paybase.manager_salary', { percent: 50 }, 'zh'));
  });

  it('1050 VIP会所经理 is 创利 but paid as a manager at 50% (manager rule first)', () => {
    expect(byId('1050')).toMatchObject({
      department: 'VIP会所',
      position: 'VIP会所经理',
      category: '创利',
      eligible: true,
      payBaseRule: t('paybase.manager_salary', { percent: 50 }, 'zh'),
    });
  });

  it('1005 机修工 is 创利 on commission; 职能 staff are 30% of salary', () => {
    expect(byId('1005')).toMatchObject({
      department: '服务站',
      position: '机修工',
      category: '创利',
      eligible: true,
      payBaseRule: t('paybase.commission', {}, 'zh'),
      managerId: '1004',
    });
    expect(byId('1028')).toMatchObject({ position: '工具管理员', category: '职能', payBaseRule: t('paybase.salary', { percent: 30 }, 'zh') });
  });

  it('the 销售顾问 on probation is excluded for probation', () => {
    const p = byId('1048');
    expect(p).toMatchObject({ department: '销售部', position: '销售顾问', category: '创利', eligible: false, payBaseRule: null });
    expect(p.excludedReason).toContain('试用期');
    expect(p.excludedReason).toContain('2026-12-15');
  });

  it('the 600-yuan 保洁员 is excluded for salary below 800', () => {
    const p = byId('1069');
    expect(p).toMatchObject({ department: '行政部', position: '保洁员', eligible: false, payBaseRule: null });
    expect(p.excludedReason).toContain('800');
    expect(p.excludedReason).toContain('600');
  });

  it('in English the rules and reasons are English (policy-given reasons from their excluded_en)', async () => {
    const r = await run(['roster', 'show', '--month', MONTH, '--json', '--lang', 'en'], { cwd: ws });
    expect(r.code).toBe(0);
    const en = r.json().staff;
    const e = (id: string) => en.find((s: any) => s.id === id);
    expect(e('1003').payBaseRule).toBe(t('paybase.manager_salary', { percent: 50 }, 'en'));
    expect(e('1005').payBaseRule).toBe('commission total');
    expect(e('1001').excludedReason).toBe(
      t('reason.excluded_position', { reason: '总经理由股东考核,不适用本制度', 'reason@en': 'the general manager is evaluated by the shareholders; this policy does not apply', position: '总经理' }, 'en'),
    );
    expect(e('1001').excludedReason).toContain('the general manager is evaluated by the shareholders'); // excluded_en in the policy
    expect(e('1001').excludedReason).not.toMatch(/[\u4e00-\u9fff]{3}/);
    expect(e('1048').excludedReason).not.toMatch(/[\u4e00-\u9fff]{3}/);
    expect(e('1069').excludedReason).not.toMatch(/[\u4e00-\u9fff]{3}/);
  });

  it('the text table lists everyone', async () => {
    const r = await run(['roster', 'show', '--month', MONTH], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.out).toContain(t('roster.show_title', { month: MONTH, version: 1 }, 'zh'));
    for (const s of staff) expect(r.out).toContain(s.name);
  });

  it('importing the same file again is recognised, not stored twice', async () => {
    const r = await run(['roster', 'import', ROSTER, '--month', MONTH, '--json'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ ok: true, duplicate: true, versionId: 1 });
  });

  it('a month before any import: exit 1 with roster.none_imported', async () => {
    const { ws: empty } = await newWorkspace();
    const r = await run(['roster', 'show', '--month', MONTH, '--json'], { cwd: empty });
    expect(r.code).toBe(1);
    expect(r.json().issues.map((i: any) => i.code)).toEqual(['roster.none_imported']);
  });
});

describe('bad staff lists (fixtures/bad/roster)', () => {
  const cases: { file: string; issues: [string, string, string][]; why: string }[] = JSON.parse(
    fs.readFileSync(path.join(BAD_ROSTER, 'cases.json'), 'utf8'),
  );
  const bad = cases.filter((c) => c.file !== 'messy-but-valid.xlsx');

  it('there are bad cases to run', () => {
    expect(bad.length).toBeGreaterThanOrEqual(8);
  });

  it('each: exit 1, nothing imported, every expected problem with file, sheet and cell', async () => {
    const { ws } = await newWorkspace();
    for (const c of bad) {
      const r = await run(['roster', 'import', path.join(BAD_ROSTER, c.file), '--month', MONTH, '--json'], { cwd: ws });
      expect(r.code, c.file).toBe(1);
      const j = r.json();
      expect(j.ok, c.file).toBe(false);
      expect(j.versionId, c.file).toBeNull();
      const got = j.issues.map((i: any) => [i.sheet ?? '', i.cell ?? '', i.code]);
      for (const want of c.issues) expect(got, `${c.file}: ${c.why}`).toContainEqual(want);
      for (const i of j.issues) {
        expect(i.file, c.file).toBe(c.file);
        expect(i.message, `${c.file} ${i.code}`).toBeTruthy();
        expect(i.message).not.toBe(`issue.${i.code}`);
        expect(i.hint, `${c.file} ${i.code} hint`).toBeTruthy();
      }
    }
    // Nothing of any of them reached the ledger.
    const show = await run(['roster', 'show', '--month', MONTH, '--json'], { cwd: ws });
    expect(show.code).toBe(1);
    expect(show.json().versionId).toBeNull();
    expect(show.json().issues.map((i: any) => i.code)).toEqual(['roster.none_imported']);
  });

  it('the text output says it was refused and points at sheet and cell', async () => {
    const { ws } = await newWorkspace();
    const file = path.join(BAD_ROSTER, 'bad-salary.xlsx');
    const r = await run(['roster', 'import', file, '--month', MONTH], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.out).toContain(t('roster.import_refused', { file }, 'zh'));
    expect(r.out).toContain('bad-salary.xlsx');
    expect(r.out).toContain(t('where.cell', { cell: 'G2' }, 'zh'));
    expect(r.out).toContain(t('where.sheet', { sheet: '花名册' }, 'zh'));
    expect(r.out).toContain('[roster.bad_salary]');
  });

  it('messy but valid: imported with only the warning', async () => {
    const { ws } = await newWorkspace();
    const c = cases.find((x) => x.file === 'messy-but-valid.xlsx')!;
    const r = await run(['roster', 'import', path.join(BAD_ROSTER, c.file), '--month', MONTH, '--json'], { cwd: ws });
    expect(r.code, r.out).toBe(0);
    const j = r.json();
    expect(j.versionId).toBe(1);
    expect(j.issues.map((i: any) => [i.sheet ?? '', i.cell ?? '', i.code])).toEqual(c.issues);
  });

  it('a file that is not there: exit 1', async () => {
    const { ws } = await newWorkspace();
    const r = await run(['roster', 'import', 'missing.xlsx', '--month', MONTH, '--json'], { cwd: ws });
    expect(r.code).toBe(1);
    expect(r.json().versionId).toBeNull();
    expect(r.json().issues.length).toBeGreaterThan(0);
  });
});

describe('policy check', () => {
  const defaultText = fs.readFileSync(path.join(ROOT, 'templates', 'policy.yaml'), 'utf8');

  /** The default policy with 创利 weights adding to 90 (finance 40 → 30) and bands C and B overlapping (C up to 110). */
  function badPolicyText(): string {
    const a = defaultText.replace(
      '{ id: finance, name: 财务指标, scorer: finance_manager, form: finance, due_day: 7, weight: 40 }',
      '{ id: finance, name: 财务指标, scorer: finance_manager, form: finance, due_day: 7, weight: 30 }',
    );
    const b = a.replace('C: { name: 良好, min: 90, min_inclusive: true, max: 105,', 'C: { name: 良好, min: 90, min_inclusive: true, max: 110,');
    expect(a).not.toBe(defaultText);
    expect(b).not.toBe(a);
    return b;
  }

  it('the default policy: exit 0', async () => {
    const tmp = tempDir();
    const file = path.join(tmp, 'policy.yaml');
    fs.writeFileSync(file, defaultText);
    const r = await run(['policy', 'check', file, '--json'], { cwd: tmp });
    expect(r.code, r.out).toBe(0);
    // now = 2026-11-03: the months evaluated next are 2026-10, 11 and 12, and December's forms are
    // due in January 2027, a year chinese-days has no schedule for yet → one warning ahead, still exit 0
    expect(r.json()).toMatchObject({ ok: true, file, problems: [] });
    expect(r.json().issues.map((i: any) => [i.code, i.severity, i.params.year, i.params.month])).toEqual([
      ['deadline.holiday_year_not_covered', 'warning', 2027, '2026-12'],
    ]);
    const text = await run(['policy', 'check', 'policy.yaml'], { cwd: tmp });
    expect(text.code).toBe(0);
    expect(text.out).toContain(t('policy.ok', { file }, 'zh'));
    expect(text.out).toContain('节假日表没有 2027 年的安排');
    // a policy that adds 2027 to its own table: no warning
    fs.writeFileSync(file, defaultText.replace(/\n    years: \[\]/, '\n    years: [2027]'));
    expect((await run(['policy', 'check', file, '--json'], { cwd: tmp })).json()).toEqual({ ok: true, file, problems: [], issues: [] });
  });

  it("without a file, the workspace's own policy", async () => {
    const { ws } = await newWorkspace();
    const r = await run(['policy', 'check', '--json'], { cwd: ws });
    expect(r.code).toBe(0);
    expect(r.json().file).toBe(path.join(ws, 'policy.yaml'));
  });

  it('weights adding to 90 and overlapping bands: exit 1, every problem with its path', async () => {
    const tmp = tempDir();
    const file = path.join(tmp, 'bad.yaml');
    fs.writeFileSync(file, badPolicyText());
    const r = await run(['policy', 'check', file, '--json'], { cwd: tmp });
    expect(r.code).toBe(1);
    const j = r.json();
    expect(j.ok).toBe(false);
    expect(j.problems.map((p: any) => p.path).sort()).toEqual(['grades.B.min', 'sections.创利']);
    const weights = j.problems.find((p: any) => p.path === 'sections.创利');
    expect(weights.key).toBe('policy.weights_not_100');
    expect(weights.message).toContain('90');
    const overlap = j.problems.find((p: any) => p.path === 'grades.B.min');
    expect(overlap.key).toBe('policy.band_overlap');
    expect(overlap.message).toContain('105');

    const en = await run(['policy', 'check', file, '--lang', 'en'], { cwd: tmp });
    expect(en.code).toBe(1);
    expect(en.out).toContain(t('policy.problems', { file, count: 2 }, 'en'));
    expect(en.out).toContain('sections.创利: The section weights of 创利 add up to 90');
    expect(en.out).toContain('grades.B.min: Grades C and B overlap at 105');
  });

  it('a file that cannot be read: exit 1', async () => {
    const tmp = tempDir();
    const r = await run(['policy', 'check', 'nope.yaml', '--json'], { cwd: tmp });
    expect(r.code).toBe(1);
    expect(r.json().problems[0].key).toBe('policy.unreadable');
  });
});

describe('usage errors exit 2', () => {
  let ws: string;
  beforeAll(async () => {
    ({ ws } = await newWorkspace());
  });

  it('a bad month: --month 2026-13 (and other shapes)', async () => {
    for (const argv of [
      ['roster', 'show', '--month', '2026-13'],
      ['forms', '--month', '2026-13'],
      ['status', '--month', '2026-00'],
      ['close', '--month', '十月'],
      ['roster', 'import', ROSTER, '--month', '26-10'],
    ]) {
      const r = await run(argv, { cwd: ws });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err, argv.join(' ')).toContain(t('issue.option.month_format', { value: argv[argv.length - 1] }, 'zh'));
    }
    // The refused import left nothing behind.
    expect((await run(['roster', 'show', '--month', MONTH, '--json'], { cwd: ws })).json().versionId).toBeNull();
  });

  it('a bad month is a usage error even outside a workspace (checked before looking for one)', async () => {
    const r = await run(['roster', 'show', '--month', '2026-13'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.err).toContain(t('issue.option.month_format', { value: '2026-13' }, 'zh'));
  });

  it('no command at all (jixiao, jixiao roster) shows help and exits 2', async () => {
    expect((await run([], { cwd: ws })).code).toBe(2);
    expect((await run(['roster'], { cwd: ws })).code).toBe(2);
    expect((await run(['--help'], { cwd: ws })).code).toBe(0);
  });

  it('a bad --at time', async () => {
    const r = await run(['receive', ROSTER, '--at', 'yesterday'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.err).toContain(t('issue.option.time_format', { value: 'yesterday' }, 'zh'));
  });

  it('a missing required option, --reopen without --reason', async () => {
    expect((await run(['forms'], { cwd: ws })).code).toBe(2);
    expect((await run(['status'], { cwd: ws })).code).toBe(2);
    const r = await run(['close', '--month', MONTH, '--reopen'], { cwd: ws });
    expect(r.code).toBe(2);
    expect(r.err).toContain(t('close.reopen_needs_reason', {}, 'zh'));
  });

  it('an unknown option, an unknown command, a missing argument, a bad --lang', async () => {
    const unknown = await run(['roster', 'show', '--bogus'], { cwd: ws });
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('--bogus');
    expect(unknown.err).toContain(t('cli.help_after_error', {}, 'zh'));
    expect((await run(['--bogus', 'status', '--month', MONTH], { cwd: ws })).code).toBe(2);
    expect((await run(['frobnicate'], { cwd: ws })).code).toBe(2);
    expect((await run(['roster', 'import'], { cwd: ws })).code).toBe(2);
    expect((await run(['validate'], { cwd: ws })).code).toBe(2);
    expect((await run(['status', '--month', MONTH, '--lang', 'fr'], { cwd: ws })).code).toBe(2);
  });

  it('commander’s own errors speak the interface language: Chinese by default, English with --lang en', async () => {
    const han = /[\u4e00-\u9fff]/;
    const cases: [string[], string, string][] = [
      [['validate', '-rf.xlsx'], '错误:没有「-rf.xlsx」这个选项。', "error: unknown option '-rf.xlsx'."],
      [['frobnicate'], '错误:没有「frobnicate」这个命令。', "error: unknown command 'frobnicate'."],
      [['roster', 'import'], '错误:缺少参数 file。', 'error: missing the argument file.'],
      [['status'], '错误:必须提供选项 --month <YYYY-MM>。', 'error: option --month <YYYY-MM> is required.'],
      [['status', '--month'], '错误:选项 --month <YYYY-MM> 后面缺少值。', 'error: option --month <YYYY-MM> needs a value.'],
      [['demo', 'x'], '错误:jixiao demo 多给了参数:应为 0 个,实际给了 1 个。', 'error: too many arguments for jixiao demo: expected 0, got 1.'],
    ];
    for (const [args, zh, en] of cases) {
      const z = await run(args, { cwd: ws });
      expect(z.code, args.join(' ')).toBe(2);
      expect(z.err.split('\n')[0]).toBe(zh);
      expect(z.err).not.toMatch(/^error:/m);
      const e = await run([...args, '--lang', 'en'], { cwd: ws });
      expect(e.code, args.join(' ')).toBe(2);
      expect(e.err.split('\n')[0]).toBe(en);
      expect(e.err).not.toMatch(han);
    }
    const choice = await run(['status', '--month', MONTH, '--lang', 'fr'], { cwd: ws });
    expect(choice.err.split('\n')[0]).toBe("错误:选项 --lang <lang> 的值「fr」不对,只能是 zh, en。");
    const typo = await run(['status', '--month', MONTH, '--jsn', '--lang', 'en'], { cwd: ws });
    expect(typo.err.split('\n').slice(0, 2)).toEqual(["error: unknown option '--jsn'.", '(Did you mean --json?)']);
  });

  it('a file name with control characters prints escaped, on one line', async () => {
    const r = await run(['validate', 'a\nb\u001b[31m.xlsx'], { cwd: ws });
    expect(r.code).toBe(1);
    const all = r.out + '\n' + r.err;
    expect(all).toContain('a\\nb\\u001b[31m.xlsx');
    expect(all).not.toContain('a\nb');
    expect(all).not.toContain('\u001b');
  });
});

describe('help, version and language', () => {
  const tmp = tempDir();

  it('--help: exit 0, Chinese with 示例 by default', async () => {
    const r = await run(['--help'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.out).toContain('示例');
    expect(flat(r.out)).toContain(t('cli.description', {}, 'zh'));
    for (const cmd of ['init', 'policy', 'roster', 'forms', 'validate', 'receive', 'status', 'close', 'analyse', 'slips', 'demo']) expect(r.out).toContain(cmd);
    expect(r.out).not.toContain('Examples');
  });

  it('--help --lang en: English with Examples', async () => {
    const r = await run(['--help', '--lang', 'en'], { cwd: tmp });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples');
    expect(flat(r.out)).toContain(t('cli.description', {}, 'en'));
    expect(r.out).not.toContain('示例');
    const eq = await run(['--lang=en', '--help'], { cwd: tmp });
    expect(eq.out).toContain('Examples');
  });

  it('JIXIAO_LANG=en in the environment gives English; --lang zh overrides it', async () => {
    const env = { JIXIAO_LANG: 'en' };
    const r = await run(['--help'], { cwd: tmp, env });
    expect(r.code).toBe(0);
    expect(r.out).toContain('Examples');
    const zh = await run(['--help', '--lang', 'zh'], { cwd: tmp, env });
    expect(zh.out).toContain('示例');
    const err = await run(['roster', 'show'], { cwd: tmp, env });
    expect(err.code).toBe(1);
    expect(err.err).toContain(notFoundText(tmp, 'en'));
  });

  it('every command has --help with examples where the README promises them', async () => {
    for (const argv of [['init'], ['roster', 'import'], ['forms'], ['validate'], ['receive'], ['close'], ['analyse'], ['slips']]) {
      const zh = await run([...argv, '--help'], { cwd: tmp });
      expect(zh.code, argv.join(' ')).toBe(0);
      expect(zh.out, argv.join(' ')).toContain('示例');
      const en = await run([...argv, '--help', '--lang', 'en'], { cwd: tmp });
      expect(en.out, argv.join(' ')).toContain('Examples');
    }
    for (const argv of [['policy', 'check'], ['roster', 'show'], ['status'], ['demo']]) {
      const r = await run([...argv, '--help'], { cwd: tmp });
      expect(r.code, argv.join(' ')).toBe(0);
      expect(r.out, argv.join(' ')).toContain('--json');
    }
  });

  it('--version and -V print the package version', async () => {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
    for (const flag of ['--version', '-V']) {
      const r = await run([flag], { cwd: tmp });
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe(version);
    }
  });
});

describe('the installed launcher', () => {
  it('node dist/bin/jixiao.js --help exits 0 (built by npm ci via prepare)', () => {
    const bin = path.join(ROOT, 'dist', 'bin', 'jixiao.js');
    expect(fs.existsSync(bin), `${bin} is missing: run npm ci (or npm run build) first`).toBe(true);
    const tmp = tempDir();
    const env = { ...process.env };
    delete env.JIXIAO_LANG;
    const r = spawnSync(process.execPath, [bin, '--help'], { cwd: tmp, env, encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('示例');
    const v = spawnSync(process.execPath, [bin, 'roster', 'show'], { cwd: tmp, env, encoding: 'utf8', timeout: 30_000 });
    expect(v.status).toBe(1);
    expect(v.stderr).toContain(notFoundText(tmp));
    const u = spawnSync(process.execPath, [bin, 'roster', 'show', '--bogus'], { cwd: tmp, env, encoding: 'utf8', timeout: 30_000 });
    expect(u.status).toBe(2);
  });
});
