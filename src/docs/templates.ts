/**
 * The .docx templates jixiao fills (issue 9): their file names under templates/letters/ and the
 * placeholders each may use. A workspace's own copy (made at `init`) wins over the bundled one.
 * README.md lists these placeholders for HR.
 */
import type { TemplateSchema } from './docx.js';

/** 原因 lines: {#原因}{序号}. {说明}{/原因} */
const REASONS = { 原因: ['序号', '说明'] } as const;

/** Both 严重警告 letters (the policy's two forms). */
export const LETTER_SCHEMA: TemplateSchema = {
  scalars: ['员工姓名', '工号', '部门', '岗位', '月份', '改进期限', '签发日期', '部门负责人', '直线经理'],
  loops: REASONS,
};

/** 绩效改进计划 (D chain, 2nd month). */
export const PLAN_SCHEMA: TemplateSchema = {
  scalars: ['员工姓名', '工号', '部门', '岗位', '月份', '直线经理', '签发日期', '改进期开始', '改进期结束', '改进月份'],
  loops: REASONS,
};

export const TEMPLATE_FILES = {
  /** E chain, 2nd month: the line manager's letter (这是继口头警告后正式的书面警告 …). */
  managerWarning: '严重警告-直线经理.docx',
  /** D chain, 4th month: 人力资源部's letter (此函是公司正式下达的书面警告 …). */
  hrWarning: '严重警告-人力资源部.docx',
  /** D chain, 2nd month. */
  improvementPlan: '绩效改进计划.docx',
} as const;
export type TemplateKind = keyof typeof TEMPLATE_FILES;
