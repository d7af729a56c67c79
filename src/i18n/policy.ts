/**
 * Messages of the policy area. A PolicyProblem's `key` (policy.*) is rendered with t(key, params);
 * the same text is also under `issue.<key>` (with the dotted path in front) for problems turned
 * into Issues by policyIssues(), with a fix hint under `issue.<key>.hint`.
 */
import type { Catalog } from './index.js';

const zh: Record<string, string> = {
  'policy.unreadable': '无法读取政策文件 {file}:{reason}',
  'policy.empty': '政策文件是空的。',
  'policy.not_mapping': '政策文件的内容不是"名称: 值"的设置列表。',
  'policy.yaml_syntax': '政策文件第 {line} 行第 {col} 列格式有误:{detail}',
  'policy.schema': '这一项的写法不对:{detail}',
  'policy.schema.missing': '缺少这一项设置。',
  'policy.schema.unknown_key': '不认识的设置名「{key}」(可能拼错了)。',
  'policy.schema.type': '这一项的值「{found}」类型不对(应为 {expected})。',
  'policy.schema.enum': '这一项的值「{found}」不在可选范围内,可选:{options}。',
  'policy.schema.range': '这一项的值「{found}」超出允许范围。',
  'policy.schema.length': '这一项的个数或长度不对:{detail}',
  'policy.schema.format': '这一项的值「{found}」格式不对。',
  'policy.band_inverted': '等级 {grade} 的下限 {min} 大于上限 {max}。',
  'policy.band_gap': '等级分段有空档:{from} 到 {to} 之间的分数不属于任何等级。',
  'policy.band_overlap': '等级 {a} 和 {b} 在 {at} 分处重叠:同一个分数不能同时属于两个等级。',
  'policy.weights_not_100': '{category}类的考核项目权重合计为 {sum},应为 100。',
  'policy.due_day_range': '截止日 {value} 不对,应为 1 到 28 之间的整数。',
  'policy.negative': '数值 {value} 不能为负数。',
  'policy.duplicate_section': '考核项目编号「{id}」重复。',
  'policy.unknown_scorer': '打分人「{scorer}」没有在 scorers 中定义。',
  'policy.direct_manager_goals': '考核项目「{id}」由直接上级打分,表单(form)必须是 goals。',
  'policy.shares_not_100': '各等级人数比例合计为 {sum}%,应为 100%。',
  'policy.tie_order': 'tie_order 必须把 A、B、C、D、E 各写一次。',
  'policy.duplicate_indicator': '指标名称或别名「{name}」在指标库中出现了不止一次。',
  'policy.range_needs_ratio': '指标「{name}」是可加指标,不能用区间计分(range);区间只适用于比率指标。',
  'policy.duplicate_position': '部门「{department}」岗位「{position}」在类别表中重复(与第 {first} 项相同)。',
  'policy.category_or_excluded': '部门「{department}」岗位「{position}」这一行必须写 category(类别)或 excluded(不考核原因),且只能写其中一个。',
  'policy.goals_min_max': '目标个数下限(min_per_employee)大于上限(max_per_employee)。',
  'policy.percent_range': '百分比「{value}」不对,应为 0 到 100 之间的数。',
};

const en: Record<string, string> = {
  'policy.unreadable': 'Cannot read policy file {file}: {reason}',
  'policy.empty': 'The policy file is empty.',
  'policy.not_mapping': 'The policy file is not a list of "name: value" settings.',
  'policy.yaml_syntax': 'Policy file syntax error at line {line}, column {col}: {detail}',
  'policy.schema': 'This setting is not written correctly: {detail}',
  'policy.schema.missing': 'This setting is missing.',
  'policy.schema.unknown_key': 'Unknown setting "{key}" (misspelt?).',
  'policy.schema.type': 'The value "{found}" has the wrong type (expected {expected}).',
  'policy.schema.enum': 'The value "{found}" is not one of the allowed values: {options}.',
  'policy.schema.range': 'The value "{found}" is out of the allowed range.',
  'policy.schema.length': 'Wrong number of entries or length: {detail}',
  'policy.schema.format': 'The value "{found}" is not in the right format.',
  'policy.band_inverted': 'Grade {grade}: the lower limit {min} is above the upper limit {max}.',
  'policy.band_gap': 'Gap in the grade bands: scores between {from} and {to} belong to no grade.',
  'policy.band_overlap': 'Grades {a} and {b} overlap at {at}: a score cannot belong to two grades.',
  'policy.weights_not_100': 'The section weights of {category} add up to {sum}; they must add up to 100.',
  'policy.due_day_range': 'Due day {value} is invalid: use a whole number from 1 to 28.',
  'policy.negative': 'The value {value} must not be negative.',
  'policy.duplicate_section': 'Section id "{id}" is used twice.',
  'policy.unknown_scorer': 'Scorer "{scorer}" is not defined under scorers.',
  'policy.direct_manager_goals': 'Section "{id}" is scored by the direct manager, so its form must be goals.',
  'policy.shares_not_100': 'The grade shares add up to {sum}%; they must add up to 100%.',
  'policy.tie_order': 'tie_order must list each of A, B, C, D, E exactly once.',
  'policy.duplicate_indicator': 'The indicator name or alias "{name}" appears more than once in the KPI library.',
  'policy.range_needs_ratio': 'Indicator "{name}" is additive and cannot be scored by a range; ranges are for ratio indicators only.',
  'policy.duplicate_position': 'Department "{department}", position "{position}" appears twice in the category table (same as entry {first}).',
  'policy.category_or_excluded': 'Department "{department}", position "{position}": give either category or excluded, exactly one of them.',
  'policy.goals_min_max': 'goals.min_per_employee is greater than goals.max_per_employee.',
  'policy.percent_range': 'Percent "{value}" is invalid: use a number from 0 to 100.',
};

const hintsZh: Record<string, string> = {
  'policy.yaml_syntax': '打开政策文件,检查这一行的缩进、冒号和括号;可对照 templates/policy.yaml 的写法。',
  'policy.schema.missing': '把这一项加回政策文件,可从 templates/policy.yaml 复制。',
  'policy.schema.unknown_key': '检查拼写,或删除这一项。如果它来自上一项的文字(文字里有英文逗号),请给那段文字加上英文引号 "…"。',
  'policy.band_gap': '修改 grades 中相邻等级的 min/max 及 min_inclusive/max_inclusive,使分段首尾相接。',
  'policy.band_overlap': '相邻两个等级在同一分数处只能有一个写 true(包含)。',
  'policy.weights_not_100': '调整该类别下各项目的 weight,使合计正好为 100。',
  'policy.shares_not_100': '调整 distribution.shares 中各等级的百分比,使合计正好为 100。',
  'policy.unknown_scorer': '在 scorers 中加上这个打分人,或改成已有的打分人名称。',
};
const hintsEn: Record<string, string> = {
  'policy.yaml_syntax': 'Open the policy file and check indentation, colons and brackets on that line; compare with templates/policy.yaml.',
  'policy.schema.missing': 'Add the setting back; you can copy it from templates/policy.yaml.',
  'policy.schema.unknown_key': 'Check the spelling, or remove the setting. If it is part of the previous value (text containing a comma), put that text in double quotes "…".',
  'policy.band_gap': 'Adjust min/max and min_inclusive/max_inclusive of adjacent grades so the bands meet.',
  'policy.band_overlap': 'At a shared boundary only one of the two adjacent grades may say true (inclusive).',
  'policy.weights_not_100': 'Change the weights of that category so they add up to exactly 100.',
  'policy.shares_not_100': 'Change distribution.shares so they add up to exactly 100.',
  'policy.unknown_scorer': 'Add the scorer under scorers, or use an existing scorer name.',
};

/** For a problem with no hint of its own: what to do is the same for all of them. */
const hintZh = '改正政策文件中的这一项,再运行 jixiao policy check 确认。';
const hintEn = 'Correct this setting in the policy file, then run jixiao policy check to confirm.';

function build(base: Record<string, string>, hints: Record<string, string>, prefix: string, hint: string): Record<string, string> {
  const out: Record<string, string> = { ...base };
  // Problems of the whole file have no path: no prefix for them.
  const wholeFile = new Set(['policy.empty', 'policy.not_mapping', 'policy.yaml_syntax', 'policy.unreadable']);
  for (const [k, v] of Object.entries(base)) {
    out[`issue.${k}`] = wholeFile.has(k) ? v : `${prefix}${v}`;
    out[`issue.${k}.hint`] = hint;
  }
  for (const [k, v] of Object.entries(hints)) out[`issue.${k}.hint`] = v;
  return out;
}

export const messages: Catalog = {
  zh: build(zh, hintsZh, '政策文件 {path}:', hintZh),
  en: build(en, hintsEn, 'Policy file {path}: ', hintEn),
};
