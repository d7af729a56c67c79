import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../fixtures/make-bad-forms.js';
import { defaultFormTemplate, fillText, loadFormTemplate, parseFormTemplate } from '../../src/policy/form-template.js';
import { matchSection, sectionNameMap } from '../../src/domain/sections.js';
import { loadPolicy } from '../../fixtures/make-bad-forms.js';

const shipped = () => readFileSync(join(repoRoot, 'templates', 'form-template.yaml'), 'utf8');

describe('form template file', () => {
  it('the shipped template loads, and is found from the module', () => {
    const r = loadFormTemplate(join(repoRoot, 'templates', 'form-template.yaml'));
    expect(r.ok).toBe(true);
    const t = defaultFormTemplate();
    expect(t.version).toBe('2026.1');
    expect(t.kinds.goals.sheet).toBe('目标与KPI');
    expect(t.kinds.goals.columns).toContain('section');
    expect(t.kinds.finance.columns).toContain('commission');
    expect(t.sheets).toEqual({ meta: '表单信息', lists: '选项', instructions: '填表说明', signoff: '签字确认' });
  });

  it('HR can change header texts without code', () => {
    const r = parseFormTemplate(shipped().replace('header: 得分', 'header: 本月得分'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.template.columns.score!.header).toBe('本月得分');
  });

  it('reports every problem of a broken template, with its path', () => {
    const text = shipped()
      .replace('file_name: "{month}_{department}_{scorer}_{label}.xlsx"', 'file_name: "{month}_{boss}.xlsx"')
      .replace(
        'columns: [employee_id, name, department, position, section_name, score, commission, note]',
        'columns: [employee_id, name, department, position, section_name, score, note]',
      )
      .replace('"打分人:{scorer}(工号 {scorer_id})。本表列出', '"打分人:{scorrer}。本表列出');
    const r = parseFormTemplate(text, 'form-template.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => [i.code, i.params?.path]);
    expect(paths).toContainEqual(['form_template.invalid', 'file_name']);
    expect(paths).toContainEqual(['form_template.invalid', 'kinds.finance.columns']);
    expect(paths).toContainEqual(['form_template.invalid', 'kinds.goals.instructions[1]']);
  });

  it('two columns claiming the same header text are refused', () => {
    const r = parseFormTemplate(shipped().replace('aliases: [实际完成, 完成值, 实际]', 'aliases: [实际完成, 完成值, 得分]'));
    expect(r.ok).toBe(false);
  });

  it('shape errors and bad YAML are issues, not exceptions', () => {
    const bad = parseFormTemplate(shipped().replace('font_size: 11', 'font_size: "big"'));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]).toMatchObject({ code: 'form_template.invalid', params: { path: 'style.font_size' } });
    const yaml = parseFormTemplate('version: [1, 2\n');
    expect(yaml.ok).toBe(false);
    if (!yaml.ok) expect(yaml.issues[0].code).toBe('form_template.yaml');
    const missing = loadFormTemplate('/nonexistent/form-template.yaml');
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.issues[0].code).toBe('form_template.unreadable');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillText('{month_text} 截止 {deadline} {x}', { month_text: '2026年10月', deadline: '11月4日' })).toBe('2026年10月 截止 11月4日 {x}');
  });
});

describe('所属项目 matching', () => {
  const names = sectionNameMap(loadPolicy());
  it('accepts the policy name, the id, and the short forms', () => {
    for (const text of ['工作目标(MBO)', '工作目标（MBO）', '工作目标', 'MBO', 'mbo', ' 工作 目标 '])
      expect(matchSection(text, ['mbo', 'kpi'], names)).toBe('mbo');
    for (const text of ['关键考核指标KPI', 'KPI', 'ｋｐｉ', '关键考核指标'])
      expect(matchSection(text, ['mbo', 'kpi'], names)).toBe('kpi');
  });
  it('refuses a section that is not allowed, and unknown text', () => {
    expect(matchSection('工作目标', ['kpi'], names)).toBeNull();
    expect(matchSection('其他', ['mbo', 'kpi'], names)).toBeNull();
    expect(matchSection('', ['kpi'], names)).toBeNull();
  });
});
