/**
 * Result slips as Word documents: one page per employee, one .docx per department, filled
 * from the slip template with docxtemplater (a {placeholder} Word split across runs still works).
 * The sentences on the slip (pay formula, fines, consequence) come from the catalog in the
 * clerk's language; the template's own labels are whatever HR left in it.
 */
import PizZip from 'pizzip';
import Docxtemplater from 'docxtemplater';
import { t, type Lang } from '../i18n/index.js';
import type { Slip } from '../domain/slip.js';
import type { Policy } from '../policy/schema.js';
import { wallClockText } from '../domain/clock.js';

const PAGE_BREAK = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

type Tr = (key: string, params?: Record<string, unknown>) => string;

function payText(L: Tr, s: Slip): string {
  const { rule, base, amount, commission, fullSalary } = s.pay;
  if (!rule || base === null || amount === null) return L('slip.pay.none');
  if (rule.kind === 'commission') return L('slip.pay.commission', { commission: commission ?? base, total: s.total, pay: amount });
  return L(rule.manager ? 'slip.pay.salary_manager' : 'slip.pay.salary', { base, salary: fullSalary, percent: rule.percent, total: s.total, pay: amount });
}

function gradeText(L: Tr, s: Slip, policy: Policy): string {
  const name = (g: string) => policy.grades[g as keyof Policy['grades']]?.name ?? '';
  const own = `${s.grade} ${name(s.grade)}`;
  return s.bandGrade ? L('slip.grade_calibrated', { grade: own, band: `${s.bandGrade} ${name(s.bandGrade)}` }) : own;
}

/** The template's data for one slip (every placeholder of SLIP_SCHEMA filled). */
export function slipData(s: Slip, policy: Policy, lang: Lang, last: boolean): Record<string, unknown> {
  const L: Tr = (key, params = {}) => t(key, params, lang);
  const sep = L('slip.sep');
  return {
    月份: s.month,
    姓名: s.name,
    工号: s.employeeId,
    部门: s.department,
    岗位: s.position,
    类别: s.category,
    项目: s.sections.map((x) => ({
      名称: x.name,
      权重: `${x.weight}%`,
      得分: x.original !== null ? L('slip.score_appealed', { score: x.score, original: x.original }) : x.score,
      打分人: x.scorerId ? `${x.scorerName}(${x.scorerId})` : '',
    })),
    有目标: s.goals.length > 0,
    目标: s.goals.map((g) => ({ 项目: g.sectionName, 序号: g.seq ?? '', 指标: g.goal, 权重: g.weight, 目标值: g.target, 实际值: g.actual, 得分: g.score })),
    总分: s.total,
    等级: gradeText(L, s, policy),
    排名: L(s.tied ? 'slip.rank_tied' : 'slip.rank', { count: s.rankOf, rank: s.rank }),
    绩效工资: payText(L, s),
    罚款: s.fines.length
      ? s.fines
          .map((f) =>
            L(f.receivedAt ? 'slip.fine' : 'slip.fine_never', {
              form: L(`close.form.${f.kind}`),
              days: f.daysLate,
              fine: f.fine,
              deadline: wallClockText(f.deadline),
              received: f.receivedAt ? wallClockText(f.receivedAt) : '',
            }),
          )
          .join(sep)
      : L('slip.none'),
    结果应用: s.consequences.length ? s.consequences.map((c) => t(c.rule.key, c.rule.params ?? {}, lang)).join(sep) : L('slip.no_consequence'),
    直接经理: s.managerName ?? L('slip.none'),
    隔级经理: s.skipManagerName ?? L('slip.none'),
    分页: last ? '' : PAGE_BREAK,
  };
}

export type SlipDocResult = { ok: true; bytes: Buffer } | { ok: false; detail: string };

/** One .docx with a page per slip, from the template's bytes. A broken template is a failure value naming the problem. */
export function slipsDocx(template: Uint8Array, slips: readonly Slip[], policy: Policy, lang: Lang): SlipDocResult {
  try {
    const doc = new Docxtemplater(new PizZip(template), {
      paragraphLoop: true,
      linebreaks: true,
      errorLogging: false, // a broken template comes back as a failure value, not as console noise
      nullGetter: (part) => {
        throw new Error(`{${(part as { value?: string }).value ?? '?'}}`);
      },
    });
    doc.render({ 人员: slips.map((s, i) => slipData(s, policy, lang, i === slips.length - 1)) });
    return { ok: true, bytes: doc.getZip().generate({ type: 'nodebuffer', compression: 'DEFLATE' }) };
  } catch (e) {
    const err = e as { properties?: { errors?: { properties?: { explanation?: string } }[]; explanation?: string }; message?: string };
    const detail =
      err.properties?.errors?.map((x) => x.properties?.explanation ?? '').filter(Boolean).join('; ') || err.properties?.explanation || err.message || String(e);
    return { ok: false, detail };
  }
}
