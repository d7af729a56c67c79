/**
 * Messages of the targets area (售后服务目标分解: the KPI library, `targets split`, scoring by rule).
 * Keys: `issue.<code>` and `issue.<code>.hint` for Issue codes; every Issue also gets {found},
 * {expected}, {cell}, {sheet}.
 */
import type { Catalog } from './index.js';

export const messages: Catalog = {
  zh: {
    'policy.duplicate_indicator': '指标名称或别名「{name}」在指标库中出现了不止一次。',
    'policy.range_needs_ratio': '指标「{name}」是可加指标,不能用区间计分(range);区间只适用于比率指标。',
  },
  en: {
    'policy.duplicate_indicator': 'The indicator name or alias "{name}" appears more than once in the KPI library.',
    'policy.range_needs_ratio': 'Indicator "{name}" is additive and cannot be scored by a range; ranges are for ratio indicators only.',
  },
};
