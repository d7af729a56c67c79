/**
 * Messages of generic titles on the staff list (src/domain/classify.ts genericTitleReading):
 * 部门 VIP会所 + 岗位 经理 read as the one position the category table names there.
 */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'issue.roster.generic_title':
      '花名册第 {row} 行 {name}(工号 {id}):部门「{department}」的岗位写的是「{position}」,类别表在该部门只列了一个这样的岗位「{named}」,已按「{named}」归类。',
    'issue.roster.generic_title.hint': '如果不对,请在花名册里写出完整岗位名称;如果对,可以把岗位改成「{named}」,这条提示就不再出现。',
    'issue.roster.generic_title_ambiguous':
      '花名册第 {row} 行 {name}(工号 {id}):部门「{department}」的岗位写的是「{position}」,类别表在该部门列了几个这样的岗位({choices}),无法判断是哪一个。',
    'issue.roster.generic_title_ambiguous.hint': '请把岗位改成其中之一:{choices}。',
  },
  en: {
    'issue.roster.generic_title':
      'Staff list row {row}, {name} (ID {id}): department "{department}" has the position "{position}"; the category table names exactly one such position there, "{named}", so it is read as "{named}".',
    'issue.roster.generic_title.hint': 'If that is wrong, write the full position in the staff list; if it is right, writing "{named}" makes this note go away.',
    'issue.roster.generic_title_ambiguous':
      'Staff list row {row}, {name} (ID {id}): department "{department}" has the position "{position}", and the category table names several such positions there ({choices}), so it is unclear which one is meant.',
    'issue.roster.generic_title_ambiguous.hint': 'Change the position to one of: {choices}.',
  },
};
