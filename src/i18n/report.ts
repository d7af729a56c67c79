/**
 * Messages of the report tables (src/report/): what the summary workbook and the terminal
 * say beyond the close area's column headers — departments merged under the policy's names.
 */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'report.title.department_names': '部门名称合并(花名册里的写法 → 制度中的部门,按 department_aliases)',
    'report.col.written_department': '花名册里的部门',
    'report.col.policy_department': '制度中的部门',
  },
  en: {
    'report.title.department_names': 'Department names merged (as written in the staff list → the policy’s department, by department_aliases)',
    'report.col.written_department': 'Department as written',
    'report.col.policy_department': 'Policy department',
  },
};
