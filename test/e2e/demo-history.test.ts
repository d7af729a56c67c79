/**
 * The demo with history (issue 9 item 6), checked against values computed HERE from the
 * fixture's plan (fixtures/make-history.ts: the months 2026-04 … 2026-09 as written in the
 * workbook; make-demo-forms.ts: the planned October totals), with the policy's bands and chain
 * lengths written out below — not through src/domain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { HISTORY_MONTHS, historyRows } from '../../fixtures/make-history.js';
import { demoStaff, loadPolicy, plannedTotals } from '../../fixtures/make-demo-forms.js';
import { docxText } from '../../src/docs/docx.js';
import { jx, readWorkbook, removeTempDirs, tableAt, tempDir } from './helpers.js';

afterAll(removeTempDirs);

// ── the rules, written out (§5.5 bands; §5.7 means; §5.8 chains with the default lengths) ──
type G = 'A' | 'B' | 'C' | 'D' | 'E';
const band = (t: string): G => {
  const v = new Decimal(t);
  return v.gte(120) ? 'A' : v.gte(105) ? 'B' : v.gte(90) ? 'C' : v.gt(70) ? 'D' : 'E';
};
const MONTHS = [...HISTORY_MONTHS, '2026-10'];
const name = new Map<string, string>();
/** id → per month { total | null, grade } or null (not graded). */
const hist = new Map<string, ({ total: string | null; grade: G } | null)[]>();
const october = plannedTotals(demoStaff(loadPolicy()).members);
for (const r of historyRows()) {
  name.set(r.id, r.name);
  const past = r.values.map((v) => (v === null ? null : /^[A-E]$/.test(v) ? { total: null, grade: v as G } : { total: new Decimal(v).toFixed(2), grade: band(v) }));
  const oct = new Decimal(october.get(r.id)!).toFixed(2);
  // 1044's October total comes from its distinct section scores (95.34, see demo-month.test.ts); it is a C either way.
  hist.set(r.id, [...past, { total: r.id === '1044' ? '95.34' : oct, grade: band(r.id === '1044' ? '95.34' : oct) }]);
}
/** Length of the run of months ending in October whose grade satisfies ok. */
const runLength = (xs: ({ grade: G } | null)[], ok: (g: G) => boolean) => {
  let n = 0;
  for (let i = xs.length - 1; i >= 0 && xs[i] && ok(xs[i]!.grade); i--) n++;
  return n;
};
const expected: [string, string][] = [];
for (const [id, xs] of hist) {
  const a = runLength(xs, (g) => g === 'A');
  const d = runLength(xs, (g) => g === 'D' || g === 'E');
  const e = runLength(xs, (g) => g === 'E');
  if (a === 3) expected.push([id, 'award']);
  if (e >= 3) expected.push([id, 'dismissal_e']);
  else if (d >= 5) expected.push([id, 'dismissal_d']);
  else {
    if (d === 2) expected.push([id, 'plan']);
    if (d === 4) expected.push([id, 'hr_warning']);
    if (e === 2) expected.push([id, 'manager_warning']);
  }
}
const ruleOf = (text: string): string =>
  text.includes('优秀员工奖')
    ? 'award'
    : text.includes('改进计划')
      ? 'plan'
      : text.includes('人力资源部出具严重警告')
        ? 'hr_warning'
        : text.includes('直线经理须出具严重警告')
          ? 'manager_warning'
          : text.includes('离职') && text.includes('评为 E')
            ? 'dismissal_e'
            : text.includes('离职')
              ? 'dismissal_d'
              : `?${text}`;

let ws = '';
beforeAll(async () => {
  const dir = tempDir('demo-history');
  const r = await jx(['demo', '--dir', dir, '--json'], { ws: null, cwd: dir, now: new Date('2026-11-10T09:00:00+08:00') });
  if (r.code !== 0) throw new Error(`demo failed: ${r.out}\n${r.err}`);
  ws = r.json.dir;
}, 600_000);

describe('the demo with history', () => {
  it('the fixture makes every consequence at least once', () => {
    expect(new Set(expected.map(([, k]) => k))).toEqual(new Set(['award', 'plan', 'hr_warning', 'manager_warning', 'dismissal_d', 'dismissal_e']));
  });

  it('预警与奖励 lists exactly the consequences the rules give, with the months and who acts', async () => {
    const wb = await readWorkbook(path.join(ws, 'out', '2026-10', '绩效汇总-2026-10.xlsx'));
    const t = tableAt(wb.getWorksheet('预警与奖励')!);
    const got = t.rows.map((r) => [String(r['工号']), ruleOf(String(r['规则']))]);
    expect(got.sort()).toEqual([...expected].sort());
    for (const r of t.rows) {
      const xs = hist.get(String(r['工号']))!;
      const oct = xs[xs.length - 1]!;
      expect(String(r['触发月份(月份 等级 总分)'])).toContain(`2026-10 ${oct.grade} ${oct.total}`);
      expect(r['须办理']).toBeTruthy();
    }
  });

  it('one .docx per warning and per plan in out/2026-10/警告函/, each with the name, every month with grade and total, the deadline', () => {
    const dir = path.join(ws, 'out', '2026-10', '警告函');
    const files = readdirSync(dir).sort();
    const word = { plan: '绩效改进计划', hr_warning: '严重警告_人力资源部', manager_warning: '严重警告_直线经理' } as Record<string, string>;
    const want = expected.filter(([, k]) => word[k]).map(([id, k]) => `2026-10_${word[k]}_${id}_${name.get(id)}.docx`);
    expect(files).toEqual(want.sort());
    for (const [id, k] of expected.filter(([, k]) => word[k])) {
      const text = docxText(readFileSync(path.join(dir, `2026-10_${word[k]}_${id}_${name.get(id)}.docx`)));
      expect(text).toContain(name.get(id)!);
      expect(text).not.toMatch(/[{}]|undefined/);
      const xs = hist.get(id)!;
      const run = k === 'manager_warning' ? runLength(xs, (g) => g === 'E') : runLength(xs, (g) => g === 'D' || g === 'E');
      for (let i = MONTHS.length - run; i < MONTHS.length; i++) {
        const [y, m] = MONTHS[i].split('-').map(Number);
        expect(text).toContain(`${y}年${m}月:等级 ${xs[i]!.grade}` + (xs[i]!.total ? `,总分 ${xs[i]!.total}` : ''));
      }
      // closed 2026-11-10: one month to improve → 2026年12月10日; a plan runs to the end of 2026-12
      expect(text).toContain(k === 'plan' ? '2026年12月31日' : '在2026年12月10日之前');
    }
  });

  it('report --year 2026: means, raise and priority lists and the award candidate match the rules', async () => {
    const r = await jx(['report', '--year', '2026', '--json'], { ws });
    expect(r.code).toBe(0);
    const rep = r.json.report;
    for (const e of rep.employees) {
      const totals = hist.get(e.employeeId)!.filter((x) => x && x.total).map((x) => new Decimal(x!.total!));
      const mean = totals.reduce((s, v) => s.plus(v), new Decimal(0)).div(totals.length).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
      expect([e.employeeId, e.score, e.grade]).toEqual([e.employeeId, mean, band(mean)]);
    }
    expect(rep.employees.length).toBe(hist.size);
    const grades = new Map(rep.employees.map((e: any) => [e.employeeId, e.grade]));
    expect(rep.raiseEligible.map((e: any) => e.employeeId).sort()).toEqual([...grades].filter(([, g]) => g === 'A' || g === 'B').map(([id]) => id).sort());
    expect(rep.promotionPriority.map((e: any) => e.employeeId).sort()).toEqual([...grades].filter(([, g]) => g === 'C').map(([id]) => id).sort());
    expect(rep.raiseEligible.length).toBeGreaterThan(0);
    expect(rep.awardCandidates).toEqual(expected.filter(([, k]) => k === 'award').map(([id]) => ({ employeeId: id, name: name.get(id), months: ['2026-08', '2026-09', '2026-10'] })));
    expect(rep.notClosed).toEqual(['2026-01', '2026-02', '2026-03', '2026-11', '2026-12']);
    expect(rep.employees.find((e: any) => e.employeeId === '1014').gradeOnly).toEqual(['2026-09']);
  });
});
