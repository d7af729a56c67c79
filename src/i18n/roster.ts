/**
 * Messages of reading the staff list (src/sheets/roster-sheet.ts).
 * Keys: `issue.<code>` and `issue.<code>.hint`. Row issues carry {row} (sheet row), {id}
 * (工号), {name} (姓名) and {column} (the column's header name), besides {found}/{expected}.
 * The checks of the list as a whole (duplicate 工号, managers, positions) are in domain.ts.
 * 'issue.roster.bad_salary' is also in domain.ts (the roster checks report a negative or
 * missing salary with the same code and the same parameters).
 */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'issue.roster.no_sheet': '文件中没有花名册:没有一个工作表有花名册的列标题。文件中的工作表:{sheets}。',
    'issue.roster.no_sheet.hint': '花名册应有一行列标题,包括:{expected}(列的顺序无所谓,标题行上方可以有表名)。请确认发的是花名册文件,或把列标题改成这些名称。',
    'issue.roster.no_rows': '花名册只有列标题,下面没有员工。',
    'issue.roster.no_rows.hint': '请把员工逐行填在列标题下面,每人一行。',
    'issue.roster.bad_date': '花名册第 {row} 行 {name}(工号 {id})的「{column}」是「{found}」,不是日期。',
    'issue.roster.bad_date.hint': '请填写成日期,例如 2026-03-01、2026/3/1 或 2026年3月1日。转正日期如果已经转正,可以留空。',
    'issue.roster.bad_salary': '花名册第 {row} 行 {name}(工号 {id})的全额工资「{found}」不对,应为不小于 0 的金额。',
    'issue.roster.bad_salary.hint': '填写月度全额工资(元),只写数字,例如 5000。',
    'issue.roster.bad_status': '花名册第 {row} 行 {name}(工号 {id})的状态是「{found}」,只能是「在职」或「离职」。',
    'issue.roster.bad_status.hint': '请把状态改为「在职」或「离职」;留空表示在职。',
    'issue.roster.merged_cells': '花名册的数据区有合并单元格({cell}),无法分清每一行是哪位员工的。',
    'issue.roster.merged_cells.hint': '选中这些单元格,点「开始 → 合并后居中」取消合并,再把每一行的内容补全(每位员工一行,每格一个值)。',
    'issue.roster.formula_no_value': '花名册第 {row} 行 {name}(工号 {id})的「{column}」是公式({found}),但文件中没有保存计算结果。',
    'issue.roster.formula_no_value.hint': '请在 Excel 或 WPS 中打开花名册,按 F9 重新计算后保存;或把这一列复制后「选择性粘贴 → 数值」,再保存。',
    'issue.roster.cell_error': '花名册第 {row} 行 {name}(工号 {id})的「{column}」显示错误值 {found}。',
    'issue.roster.cell_error.hint': '这通常是公式引用出错(例如引用的表被删了)。请把这一格改成正确的值后保存。',
  },
  en: {
    'issue.roster.no_sheet': 'No staff list in this file: no sheet has the staff list column titles. Sheets in the file: {sheets}.',
    'issue.roster.no_sheet.hint': 'The staff list needs a row of column titles including: {expected} (any order; a title line above is fine). Check that this is the staff list file, or rename the column titles.',
    'issue.roster.no_rows': 'The staff list has column titles but no employees under them.',
    'issue.roster.no_rows.hint': 'Enter the employees under the column titles, one per row.',
    'issue.roster.bad_date': 'Staff list row {row}, {name} (ID {id}): "{column}" is "{found}", which is not a date.',
    'issue.roster.bad_date.hint': 'Enter a date such as 2026-03-01, 2026/3/1 or 2026年3月1日. Leave the regularisation date (转正日期) empty for staff already regular.',
    'issue.roster.bad_salary': 'Staff list row {row}, {name} (ID {id}): full salary "{found}" is invalid; expected an amount of 0 or more.',
    'issue.roster.bad_salary.hint': 'Enter the monthly full salary in yuan, digits only, e.g. 5000.',
    'issue.roster.bad_status': 'Staff list row {row}, {name} (ID {id}): status is "{found}"; it can only be 在职 (active) or 离职 (left).',
    'issue.roster.bad_status.hint': 'Change the status to 在职 or 离职; empty means 在职.',
    'issue.roster.merged_cells': 'The staff list has merged cells in its data ({cell}), so rows cannot be told apart.',
    'issue.roster.merged_cells.hint': 'Select those cells, click Home → Merge & Center to unmerge them, and fill in every row (one employee per row, one value per cell).',
    'issue.roster.formula_no_value': 'Staff list row {row}, {name} (ID {id}): "{column}" is a formula ({found}) whose result was not saved in the file.',
    'issue.roster.formula_no_value.hint': 'Open the staff list in Excel or WPS, press F9 to recalculate and save; or copy the column and Paste Special → Values, then save.',
    'issue.roster.cell_error': 'Staff list row {row}, {name} (ID {id}): "{column}" shows the error value {found}.',
    'issue.roster.cell_error.hint': 'This is usually a broken formula reference (e.g. to a deleted sheet). Replace it with the right value and save.',
  },
};
