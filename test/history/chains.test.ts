/** Chains over history (issue 9 item 2): grade-only months, policy chain lengths, who acts and by when. */
import { describe, expect, it } from 'vitest';
import { consequencesFor, lastDayAfter, oneMonthAfter, withActions, type GradedMonth } from '../../src/domain/chains.js';
import type { GradeLetter } from '../../src/model.js';
import { defaultPolicy } from '../domain/helpers.js';

const policy = defaultPolicy();
const who = { employeeId: '1001', name: '张三' };
const h = (m: Record<string, GradeLetter | [GradeLetter, string | null]>): GradedMonth[] =>
  Object.entries(m).map(([month, g]) => (Array.isArray(g) ? { month, grade: g[0], total: g[1] } : { month, grade: g, total: '80.00' }));
const keys = (hist: GradedMonth[], target: string, p = policy) => consequencesFor(who, hist, target, p).map((c) => c.rule.key);

describe('chains over imported history', () => {
  it('a month with a grade alone counts for the chain, and the consequence shows it without a total', () => {
    const hist = h({ '2026-08': ['D', null], '2026-09': ['E', '65.00'] });
    const c = consequencesFor(who, hist, '2026-09', policy);
    expect(c.map((x) => x.rule.key)).toEqual(['consequence.improvement_plan']);
    expect(c[0].months).toEqual([
      { month: '2026-08', total: null, grade: 'D' },
      { month: '2026-09', total: '65.00', grade: 'E' },
    ]);
  });

  it('D, E mixture: D D E E → HR warning at the 4th (D chain) and the manager warning at the 2nd E', () => {
    const hist = h({ '2026-06': 'D', '2026-07': 'D', '2026-08': 'E', '2026-09': 'E' });
    expect(keys(hist, '2026-09')).toEqual(['consequence.hr_warning', 'consequence.manager_warning']);
    expect(keys(hist, '2026-08')).toEqual([]);
  });

  it('an excluded month (not in the history) breaks the chain: D, —, D, D → improvement plan again, not the HR warning', () => {
    const hist = h({ '2026-05': 'D', '2026-07': 'D', '2026-08': 'D', '2026-09': 'D' });
    expect(keys(hist, '2026-08')).toEqual(['consequence.improvement_plan']);
    expect(keys(hist, '2026-09')).toEqual([]);
  });

  it('chain lengths come from the policy: with d_improvement_plan_month 3 and e_dismissal_month 4', () => {
    const p = { ...policy, consequences: { ...policy.consequences, d_improvement_plan_month: 3, e_dismissal_month: 4 } };
    const hist = h({ '2026-06': 'E', '2026-07': 'E', '2026-08': 'E', '2026-09': 'E' });
    expect(keys(hist, '2026-07', p)).toEqual(['consequence.manager_warning']);
    expect(keys(hist, '2026-08', p)).toEqual(['consequence.improvement_plan']);
    expect(keys(hist, '2026-09', p)).toEqual(['consequence.dismissal_e']);
    expect(keys(hist, '2026-08')).toEqual(['consequence.dismissal_e']); // default policy: 3rd E
  });
});

describe('who acts and by when', () => {
  it('dates: one month after (clamped to the month end), last day of M+2', () => {
    expect(oneMonthAfter('2026-11-09')).toBe('2026-12-09');
    expect(oneMonthAfter('2026-12-15')).toBe('2027-01-15');
    expect(oneMonthAfter('2027-01-31')).toBe('2027-02-28');
    expect(lastDayAfter('2026-10', 2)).toBe('2026-12-31');
    expect(lastDayAfter('2026-12', 2)).toBe('2027-02-28');
  });

  it('plan → line manager, period to the last day of M+2; warnings one month after the first close; a reopen keeps it unless the reasons change', () => {
    const hist = h({ '2026-07': 'D', '2026-08': 'D', '2026-09': 'E', '2026-10': ['E', '60.00'] });
    const cs = consequencesFor(who, hist, '2026-10', policy);
    const first = withActions(cs, { month: '2026-10', today: '2026-11-09', firstClose: '2026-11-09', previous: [] });
    const byKey = Object.fromEntries(first.map((c) => [c.rule.key, c]));
    expect(byKey['consequence.hr_warning']).toMatchObject({ actor: 'hr', actBy: '2026-11-09', improveBy: '2026-12-09' });
    expect(byKey['consequence.manager_warning']).toMatchObject({ actor: 'line_manager', improveBy: '2026-12-09' });
    const same = withActions(cs, { month: '2026-10', today: '2026-11-20', firstClose: '2026-11-09', previous: first });
    expect(same.find((c) => c.rule.key === 'consequence.hr_warning')!.improveBy).toBe('2026-12-09');
    const changed = consequencesFor(who, h({ ...Object.fromEntries(hist.map((x) => [x.month, [x.grade, x.total]])), '2026-10': ['E', '61.00'] }), '2026-10', policy);
    const after = withActions(changed, { month: '2026-10', today: '2026-11-20', firstClose: '2026-11-09', previous: first });
    expect(after.find((c) => c.rule.key === 'consequence.hr_warning')!.improveBy).toBe('2026-12-20');
    const plan = withActions(consequencesFor(who, h({ '2026-09': 'D', '2026-10': 'D' }), '2026-10', policy), { month: '2026-10', today: '2026-11-09', firstClose: '2026-11-09', previous: [] });
    expect(plan[0]).toMatchObject({ rule: { key: 'consequence.improvement_plan' }, actor: 'line_manager', actBy: '2026-11-09', improveBy: '2026-12-31' });
  });
});
