import { describe, expect, it } from 'vitest';
import { parsePolicy, dottedPath, policyIssues } from '../../src/policy/load.js';
import { defaultPolicyText } from '../../src/policy/files.js';
import { hasMessage, renderIssue, t } from '../../src/i18n/index.js';
import { defaultPolicyTextFixed } from './helpers.js';

describe('parsePolicy', () => {
  it('the shipped default policy (templates/policy.yaml) parses with zero problems', () => {
    const r = parsePolicy(defaultPolicyText());
    expect(r.problems).toEqual([]);
    expect(r.policy?.policy_version).toBe('2026.1');
  });

  it('reads the default values', () => {
    const { policy, problems } = parsePolicy(defaultPolicyTextFixed());
    expect(problems).toEqual([]);
    expect(policy!.grades.D).toEqual({ name: '待改进', min: 70, min_inclusive: false, max: 90, max_inclusive: false });
    // the statutory calendar is on by default; the policy's own table is empty until a year needs adding
    expect(policy!.deadlines.holidays).toEqual({ enabled: true, source: 'chinese-days', years: [], holidays: [], workdays: [] });
    const added = parsePolicy(defaultPolicyTextFixed().replace(/\n    years: \[\]\n    holidays: \[\]/, '\n    years: [2027]\n    holidays: [2027-01-01]'));
    expect(added.problems).toEqual([]);
    expect(added.policy!.deadlines.holidays.holidays).toEqual(['2027-01-01']); // dates stay strings
    expect(policy!.categories.table.find((r) => r.position === '总经理')?.excluded).toBe('总经理由股东考核,不适用本制度');
  });

  it('weights adding to 90 and overlapping bands: both reported with their paths', () => {
    const text = defaultPolicyTextFixed()
      .replace('{ id: discipline, name: 工作纪律(态度/考勤/仪容), scorer: admin_manager, form: discipline, due_day: 2, weight: 10 }',
        '{ id: discipline, name: 工作纪律(态度/考勤/仪容), scorer: admin_manager, form: discipline, due_day: 2, weight: 0 }')
      .replace('B: { name: 优秀, min: 105, min_inclusive: true, max: 120, max_inclusive: false }',
        'B: { name: 优秀, min: 105, min_inclusive: true, max: 120, max_inclusive: true }');
    const r = parsePolicy(text);
    expect(r.policy).toBeNull();
    expect(r.problems).toEqual([
      { path: 'grades.A.min', key: 'policy.band_overlap', params: { a: 'B', b: 'A', at: 120 } },
      { path: 'sections.职能', key: 'policy.weights_not_100', params: { category: '职能', sum: 90 } },
    ]);
    expect(t('policy.weights_not_100', r.problems[1].params, 'zh')).toBe('职能类的考核项目权重合计为 90,应为 100。');
    const issues = policyIssues(r.problems, 'policy.yaml');
    expect(renderIssue(issues[0], 'zh').message).toBe('政策文件 grades.A.min:等级 B 和 A 在 120 分处重叠:同一个分数不能同时属于两个等级。');
    expect(renderIssue(issues[0], 'en').hint).toMatch(/only one/);
  });

  it('schema problems carry dotted paths and friendly keys', () => {
    const text = defaultPolicyTextFixed()
      .replace('score_max: 130', 'score_max: "百三"')
      .replace('mode: report ', 'mode: strict ')
      .replace('min_full_salary: 800', 'min_full_salry: 800')
      .replace('{ id: kpi, name: 关键考核指标KPI, scorer: direct_manager, form: goals, due_day: 4, weight: 40 }',
        '{ id: kpi, name: 关键考核指标KPI, scorer: direct_manager, form: goal, due_day: 4, weight: 40 }');
    const r = parsePolicy(text);
    expect(r.policy).toBeNull();
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p.key]));
    expect(byPath).toMatchObject({
      score_max: 'policy.schema.type',
      'distribution.mode': 'policy.schema.enum',
      'eligibility.min_full_salary': 'policy.schema.missing',
      'eligibility.min_full_salry': 'policy.schema.unknown_key',
      'sections.职能[2].form': 'policy.schema.enum',
    });
    for (const p of r.problems) expect(hasMessage(p.key)).toBe(true);
  });

  it('YAML syntax errors come with a line', () => {
    const r = parsePolicy('format: 1\npolicy_version: "x\nscore_max: [130\n');
    expect(r.policy).toBeNull();
    expect(r.problems.length).toBeGreaterThan(0);
    expect(r.problems[0].key).toBe('policy.yaml_syntax');
    expect(Number(r.problems[0].params.line)).toBeGreaterThan(0);
  });

  it('duplicate keys, empty files and non-mapping files', () => {
    expect(parsePolicy('format: 1\nformat: 1\n').problems[0].key).toBe('policy.yaml_syntax');
    expect(parsePolicy('').problems).toEqual([{ path: '', key: 'policy.empty', params: {} }]);
    expect(parsePolicy('\uFEFF  \n').problems[0].key).toBe('policy.empty');
    expect(parsePolicy('- a\n- b\n').problems[0].key).toBe('policy.not_mapping');
  });

  it('dotted paths', () => {
    expect(dottedPath(['sections', '职能', 2, 'weight'])).toBe('sections.职能[2].weight');
    expect(dottedPath([])).toBe('');
  });
});
