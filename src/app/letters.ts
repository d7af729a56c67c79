/**
 * Warning-letter drafts and improvement plans (.docx, issue 9 item 3; SPEC §6, §8):
 * one per 严重警告 (the line manager's form for the E chain, 人力资源部's for the D chain) and
 * one 绩效改进计划 per D-chain month 2, written into out/YYYY-MM/警告函/ by `close` and again
 * by `jixiao letters`. The templates are the workspace's own copy (templates/letters/, made at
 * init) when it has one, else the bundled ones.
 */
import path from 'node:path';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { Consequence, Employee, EmployeeResult, GoalRow, Month, MonthResult } from '../model.js';
import { CONSEQUENCE } from '../domain/chains.js';
import { firstDay, lastDay, nextMonth } from '../domain/dates.js';
import { renderDocx, type DocData } from '../docs/docx.js';
import { LETTER_SCHEMA, PLAN_SCHEMA, TEMPLATE_FILES, type TemplateKind } from '../docs/templates.js';
import { templatesDir } from './paths.js';
import { staffFor } from './roster.js';
import { safeFileName } from '../sheets/write.js';
import { publishOutputs } from './outputs.js';
import { dec } from '../domain/decimal.js';

export const LETTERS_FOLDER = '警告函';

const KIND_OF: Record<string, TemplateKind> = {
  [CONSEQUENCE.managerWarning]: 'managerWarning',
  [CONSEQUENCE.hrWarning]: 'hrWarning',
  [CONSEQUENCE.improvementPlan]: 'improvementPlan',
};
/** The word in the file name for each kind. */
const FILE_WORD: Record<TemplateKind, string> = {
  managerWarning: '严重警告_直线经理',
  hrWarning: '严重警告_人力资源部',
  improvementPlan: '绩效改进计划',
};

export interface LetterDoc {
  kind: TemplateKind;
  employeeId: string;
  name: string;
  rule: string;
  fileName: string;
  data: DocData;
}

export interface LetterFile {
  kind: TemplateKind;
  employeeId: string;
  name: string;
  file: string;
  /** written | unchanged (the same draft is already there) | beside (an edited draft was kept; the new one is beside it) */
  status: 'written' | 'unchanged' | 'beside';
  sha256: string;
}

/** 2026-12-09 → 2026年12月9日 */
export const chineseDate = (d: string): string => {
  const [y, m, day] = d.split('-').map(Number);
  return `${y}年${m}月${day}日`;
};
/** 2026-10 → 2026年10月 */
export const chineseMonth = (m: Month): string => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** Which template a consequence needs (null: no document for it). */
export const letterKind = (c: Consequence): TemplateKind | null => KIND_OF[c.rule.key] ?? null;

/** The template file to use: the workspace's own copy wins over the bundled one. */
export function templatePath(ctx: Pick<Context, 'ws'>, kind: TemplateKind): string {
  const own = path.join(ctx.ws.root, 'templates', 'letters', TEMPLATE_FILES[kind]);
  return existsSync(own) ? own : path.join(templatesDir, 'letters', TEMPLATE_FILES[kind]);
}

/**
 * The head of the employee's department: the highest person of that department above the
 * employee in the reporting line, or the employee's own manager when the employee is the head.
 */
export function departmentHead(e: Employee, staff: readonly Employee[]): Employee | null {
  const byId = new Map(staff.map((s) => [s.id, s]));
  let head: Employee | null = null;
  const seen = new Set<string>([e.id]);
  for (let m = e.managerId ? byId.get(e.managerId) : undefined; m && !seen.has(m.id); m = m.managerId ? byId.get(m.managerId) : undefined) {
    seen.add(m.id);
    if (m.department === e.department) head = m;
  }
  return head ?? (e.managerId ? (byId.get(e.managerId) ?? null) : null);
}

/** The goal rows an employee's scorers wrote in a month (latest valid version of each sheet). */
function goalRowsOf(ctx: Context, month: Month, employeeId: string): GoalRow[] {
  const latest = new Map<string, { version: number; goals: GoalRow[] }>();
  for (const s of ctx.ledger.submissionsFor(month)) {
    if (s.errorCount || !s.parsed) continue;
    const prev = latest.get(s.formKey);
    if (!prev || s.version > prev.version) latest.set(s.formKey, { version: s.version, goals: s.parsed.goals });
  }
  return [...latest.values()].flatMap((x) => x.goals.filter((g) => g.employeeId === employeeId));
}

/**
 * One numbered reason per triggering month: grade and total, and for a month jixiao closed
 * the two lowest-scoring sections (with the lowest goal rows and their 得分 where the section
 * has a goals sheet).
 */
function reasonLines(ctx: Context, c: Consequence, current: MonthResult): { 序号: number; 说明: string }[] {
  return c.months.map((m, i) => {
    const head = `${chineseMonth(m.month)}:等级 ${m.grade}` + (m.total !== null ? `,总分 ${m.total}` : '(当月只保留了等级)');
    const result = m.month === current.month ? current : ctx.ledger.closedMonth(m.month)?.result;
    const emp: EmployeeResult | undefined = result?.employees.find((e) => e.employeeId === c.employeeId);
    if (!emp) return { 序号: i + 1, 说明: `${head}。` };
    const lowest = emp.sections
      .filter((s) => s.score !== null)
      .sort((a, b) => dec(a.score!).cmp(dec(b.score!)) || a.sectionId.localeCompare(b.sectionId))
      .slice(0, 2);
    const goals = goalRowsOf(ctx, m.month, c.employeeId);
    const parts = lowest.map((s) => {
      const rows = goals
        .filter((g) => g.sectionId === s.sectionId)
        .sort((a, b) => dec(a.score).cmp(dec(b.score)))
        .slice(0, 2);
      const detail = rows.length ? `(得分最低的目标:${rows.map((g) => `${g.goal} ${g.score}`).join('、')})` : '';
      return `${s.name} ${s.score}${detail}`;
    });
    return { 序号: i + 1, 说明: parts.length ? `${head};得分最低的两项:${parts.join(';')}。` : `${head}。` };
  });
}

/** The documents the month's consequences call for, with their data (nothing written). */
export function lettersFor(ctx: Context, result: MonthResult, only?: string | null): { docs: LetterDoc[]; issues: Issue[] } {
  const { employees: staff } = staffFor(ctx, result.month);
  const docs: LetterDoc[] = [];
  const issues: Issue[] = [];
  for (const c of result.consequences) {
    const kind = letterKind(c);
    if (!kind || (only && c.employeeId !== only)) continue;
    const e = staff.find((s) => s.id === c.employeeId);
    const r = result.employees.find((x) => x.employeeId === c.employeeId);
    const manager = e?.managerId ? staff.find((s) => s.id === e.managerId) : undefined;
    const head = e ? departmentHead(e, staff) : null;
    const issued = c.actBy ?? result.closedAt.slice(0, 10);
    const base: DocData = {
      员工姓名: c.name,
      工号: c.employeeId,
      部门: r?.department ?? e?.department ?? '',
      岗位: r?.position ?? e?.position ?? '',
      月份: chineseMonth(result.month),
      直线经理: manager ? manager.name : '',
      部门负责人: head ? `${head.name}(${head.position})` : '',
      签发日期: chineseDate(issued),
      原因: reasonLines(ctx, c, result),
    };
    const data: DocData =
      kind === 'improvementPlan'
        ? {
            ...base,
            改进期开始: chineseDate(firstDay(nextMonth(result.month))),
            改进期结束: chineseDate(lastDay(nextMonth(nextMonth(result.month)))),
            改进月份: `${chineseMonth(nextMonth(result.month))}、${chineseMonth(nextMonth(nextMonth(result.month)))}`,
          }
        : { ...base, 改进期限: c.improveBy ? chineseDate(c.improveBy) : '' };
    const fileName = safeFileName(`${result.month}_${FILE_WORD[kind]}_${c.employeeId}_${c.name}`) + '.docx';
    docs.push({ kind, employeeId: c.employeeId, name: c.name, rule: c.rule.key, fileName, data });
  }
  return { docs, issues };
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** The documents of a revision rendered from their templates (no file written). */
export function renderLetters(
  ctx: Context,
  result: MonthResult,
  only?: string | null,
): { rendered: { doc: LetterDoc; bytes: Uint8Array }[]; issues: Issue[]; complete: boolean } {
  const { docs, issues } = lettersFor(ctx, result, only);
  const templates = new Map<TemplateKind, Buffer>();
  const rendered: { doc: LetterDoc; bytes: Uint8Array }[] = [];
  for (const d of docs) {
    const tpl = templatePath(ctx, d.kind);
    if (!templates.has(d.kind)) {
      try {
        templates.set(d.kind, readFileSync(tpl));
      } catch {
        issues.push({ code: 'letters.template_missing', severity: 'error', file: tpl, params: { file: tpl } });
        continue;
      }
    }
    const r = renderDocx(templates.get(d.kind)!, d.data, d.kind === 'improvementPlan' ? PLAN_SCHEMA : LETTER_SCHEMA, path.basename(tpl));
    if (!r.ok) {
      issues.push(...r.issues.map((i) => ({ ...i, params: { ...i.params, employeeId: d.employeeId, name: d.name } })));
      continue;
    }
    rendered.push({ doc: d, bytes: r.bytes });
  }
  // every letter of the revision (not one employee's, none failed): letters that no longer apply may go into 第N版/
  return { rendered, issues, complete: !only && rendered.length === docs.length };
}

/**
 * Render the documents and publish them into out/YYYY-MM/警告函/ (src/app/outputs.ts) as the
 * month revision's letters: a draft already there with the same bytes is left alone; an earlier
 * revision's draft goes into 第N版/; a draft HR has edited is never touched — the new one goes
 * beside it as "…(第N版).docx" and the edited one is reported.
 */
export async function writeLetters(
  ctx: Context,
  result: MonthResult,
  only?: string | null,
  o: { now?: string } = {},
): Promise<{ files: LetterFile[]; issues: Issue[] }> {
  const { rendered, issues, complete } = renderLetters(ctx, result, only);
  const published = await publishOutputs(ctx, {
    product: lettersProduct(result.month),
    revision: result.revision,
    files: rendered.map((r) => ({ rel: `${result.month}/${LETTERS_FOLDER}/${r.doc.fileName}`, content: r.bytes })),
    now: o.now ?? result.closedAt,
    // every letter of the revision (not one employee's): letters that no longer apply go into 第N版/
    complete,
  });
  issues.push(...published.issues);
  const written = new Set(published.written);
  const files = published.files.map((file, i): LetterFile => {
    const d = rendered[i].doc;
    const status = path.basename(file) !== d.fileName ? 'beside' : written.has(file) ? 'written' : 'unchanged';
    return { kind: d.kind, employeeId: d.employeeId, name: d.name, file, status, sha256: sha(rendered[i].bytes) };
  });
  return { files, issues };
}

/** The registry product of a month's letters and plans. */
export const lettersProduct = (month: Month): string => `letters/${month}`;

export interface LettersRunResult {
  ok: boolean;
  month: Month;
  revision: number | null;
  files: LetterFile[];
  issues: Issue[];
}

/** `jixiao letters --month M [--employee ID]`: the documents of the month's latest revision, again. */
export async function runLetters(ctx: Context, o: { month: Month; employeeId: string | null }): Promise<LettersRunResult> {
  const closed = ctx.ledger.closedMonth(o.month);
  if (!closed) return { ok: false, month: o.month, revision: null, files: [], issues: [{ code: 'letters.month_not_closed', severity: 'error', params: { month: o.month } }] };
  const { files, issues } = await writeLetters(ctx, closed.result, o.employeeId);
  if (o.employeeId && !files.length && !issues.length)
    issues.push({ code: 'letters.none_for_employee', severity: 'warning', params: { month: o.month, id: o.employeeId } });
  return { ok: !issues.some((i) => i.severity === 'error'), month: o.month, revision: closed.revision, files, issues };
}
