/**
 * What the generator and the reader of score sheets agree on besides the template: the
 * hidden meta sheet's keys and the header specs of a kind's columns.
 */
import type { ColumnKey, FormTemplate } from './form-template.js';
import { columnDef } from './form-template.js';

/** First cell of the meta sheet: marks a workbook as a jixiao score sheet. */
export const META_MARKER = 'jixiao_form';
export const META_FORMAT = 'jixiao-form/1';

/** Keys of the meta sheet (column A), values in column B, a Chinese label in column C. */
export const META_KEYS = {
  template_version: '模板版本',
  month: '考核月份',
  kind: '表单类型',
  scorer_id: '打分人工号',
  scorer_name: '打分人姓名',
  scorer_role: '打分人角色',
  section_ids: '考核项目',
  deadline: '截止时间',
  generated_at: '生成时间',
  policy_version: '制度版本',
} as const;
export type MetaKey = keyof typeof META_KEYS;

/** Expected-employee table of the meta sheet: header in row 1 from column E. */
export const META_TABLE_COL = 5;
export const META_TABLE_KEYS = ['employee_id', 'name', 'category', 'section_ids', 'department', 'position'] as const;
export const META_TABLE_LABELS = ['工号', '姓名', '类别', '考核项目', '部门', '岗位'];

export interface HeaderSpec {
  key: string;
  names: string[];
  required: boolean;
}

/** matchHeader specs for a list of template columns. */
export function headerSpecs(template: FormTemplate, keys: readonly ColumnKey[], required: readonly ColumnKey[]): HeaderSpec[] {
  return keys.map((key) => {
    const d = columnDef(template, key);
    return { key, names: [d.header, ...d.aliases], required: required.includes(key) };
  });
}

/** 2026-10 → 2026年10月 */
export function monthText(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}
