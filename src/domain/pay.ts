/**
 * §5.6 考核基数 and §5.9 绩效工资, exact decimals rounded half-up to the fen.
 */
import type { DecimalText, PayBaseRule } from '../model.js';
import { dec, fixed, type DecimalValue } from './decimal.js';

/**
 * 考核基数, exact: 创利 → the month's 提成工资总额 (null when the finance sheet gave none);
 * salary rules → 全额工资 × percent / 100. Pay is computed from this exact value and rounded
 * once, so a base like 4500.55 × 30% = 1350.165 does not lose its half fen before multiplying.
 */
export function payBaseExact(rule: PayBaseRule, fullSalary: DecimalValue, commission: DecimalValue | null | undefined): DecimalText | null {
  if (rule.kind === 'commission') {
    if (commission === null || commission === undefined || String(commission).trim() === '') return null;
    return dec(commission).toFixed();
  }
  return dec(fullSalary).times(rule.percent).div(100).toFixed();
}

/** 考核基数 as shown (yuan, 2 decimals half-up). */
export function payBase(rule: PayBaseRule, fullSalary: DecimalValue, commission: DecimalValue | null | undefined): DecimalText | null {
  const exact = payBaseExact(rule, fullSalary, commission);
  return exact === null ? null : fixed(exact, 2);
}

/** 绩效工资 = 考核基数 × 总分 / 100, computed exactly, rounded half-up to the fen. */
export function performancePay(base: DecimalValue, total: DecimalValue): DecimalText {
  return fixed(dec(base).times(total).div(100), 2);
}

/** 实发绩效 = 绩效工资 − 迟交罚款 (may be negative when the fine exceeds the pay). */
export function netPay(performance: DecimalValue, fine: DecimalValue): DecimalText {
  return fixed(dec(performance).minus(fine), 2);
}

/** Column total of money texts, exact, 2 decimals. */
export function moneySum(values: Iterable<DecimalValue | null | undefined>): DecimalText {
  let s = dec(0);
  for (const v of values) if (v !== null && v !== undefined && String(v).trim() !== '') s = s.plus(v);
  return fixed(s, 2);
}
