/**
 * `jixiao slips --month M [--department D] [--employee ID]` (§4 公开性, §5.1.4, §5.1.5; SPEC §11):
 * one 绩效结果确认单 page per graded employee of a closed month — a .docx per department, and a
 * PDF per department when LibreOffice is installed (said when it is not). Excluded employees get
 * no slip; incomplete ones none until complete (listed).
 *
 * Written to out/YYYY-MM/绩效结果确认单/<部门>.docx|.pdf (<部门>_<工号>_<姓名> for --employee), atomically; an existing file is kept
 * unless --force (a printed, signed copy may already be in the employee's file).
 */
import path from 'node:path';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Context } from './context.js';
import type { Issue } from '../issues.js';
import type { Month, MonthResult } from '../model.js';
import type { Lang } from '../i18n/index.js';
import { staffFor } from './roster.js';
import { goalSheetsOf } from './analyse.js';
import { planSlips, type Slip } from '../domain/slip.js';
import { slipsDocx } from '../docs/slip-docx.js';
import { SLIP_TEMPLATE_FILE } from '../docs/slip-template.js';
import { docxToPdf, findSoffice } from '../docs/pdf.js';
import { safeFileName, type WriteFs } from '../sheets/write.js';
import { publishOutputs } from './outputs.js';
import { templatesDir } from './paths.js';

export const SLIPS_FOLDER = '绩效结果确认单';

export interface SlipsOptions {
  month: Month;
  department: string | null;
  employeeId: string | null;
  force: boolean;
  lang: Lang;
  /** The soffice program; undefined = look for it, null = none (tests). */
  soffice?: string | null;
  writeFs?: Partial<WriteFs>;
}

export interface SlipsResult {
  ok: boolean;
  month: Month;
  outDir: string;
  template: string | null;
  departments: { department: string; people: number; docx: string; pdf: string | null }[];
  slips: number;
  /** 'written', 'no_office' (LibreOffice not installed), 'failed', or 'none' (no slip to convert). */
  pdf: 'written' | 'no_office' | 'failed' | 'none';
  incomplete: MonthResult['incomplete'];
  excluded: { employeeId: string; name: string }[];
  files: string[];
  issues: Issue[];
}

/** The workspace's own template (templates/slips/ in the workspace) wins over the bundled one. */
export function slipTemplatePath(ctx: Context): string {
  const own = path.join(ctx.ws.root, 'templates', 'slips', SLIP_TEMPLATE_FILE);
  return existsSync(own) ? own : path.join(templatesDir, 'slips', SLIP_TEMPLATE_FILE);
}

export async function runSlips(ctx: Context, o: SlipsOptions): Promise<SlipsResult> {
  const outDir = path.join(ctx.ws.out, o.month, SLIPS_FOLDER);
  const base: SlipsResult = { ok: false, month: o.month, outDir, template: null, departments: [], slips: 0, pdf: 'none', incomplete: [], excluded: [], files: [], issues: [] };
  const closed = ctx.ledger.closedMonth(o.month);
  if (!closed) return { ...base, issues: [{ code: 'slips.month_not_closed', severity: 'error', params: { month: o.month } }] };
  const result = closed.result;

  const { employees } = staffFor(ctx, o.month);
  const managers = new Map(employees.map((e) => [e.id, { managerId: e.managerId, skipManagerId: e.skipManagerId }]));
  const names = new Map(employees.map((e) => [e.id, e.name]));
  for (const e of result.employees) if (!names.has(e.employeeId)) names.set(e.employeeId, e.name);
  const goals = goalSheetsOf(ctx, result).flatMap((s) => s.goals);
  const plan = planSlips(result, goals, { managers, names }, { department: o.department, employeeId: o.employeeId });
  const listed = { ...base, incomplete: plan.incomplete, excluded: plan.excluded };
  if (!plan.slips.length && !plan.incomplete.length && !plan.excluded.length)
    return { ...listed, issues: [{ code: 'slips.nobody', severity: 'error', params: { month: o.month, department: o.department ?? '', employee: o.employeeId ?? '' } }] };

  const issues: Issue[] = [];
  for (const e of plan.incomplete)
    issues.push({ code: 'slips.incomplete', severity: 'warning', params: { employeeId: e.employeeId, name: e.name, sections: e.missing.map((m) => m.sectionName).join('、') } });

  const templateFile = slipTemplatePath(ctx);
  const template = readFileSync(templateFile);
  const byDept = new Map<string, Slip[]>();
  for (const s of plan.slips) byDept.set(s.department, [...(byDept.get(s.department) ?? []), s]);

  const entries: { path: string; content: Buffer }[] = [];
  const departments: SlipsResult['departments'] = [];
  for (const [department, slips] of byDept) {
    const doc = slipsDocx(template, slips, ctx.policy, o.lang);
    if (!doc.ok) return { ...listed, template: templateFile, issues: [...issues, { code: 'slips.template_broken', severity: 'error', file: templateFile, params: { file: templateFile, detail: doc.detail } }] };
    // One person's slip gets its own file, so it never replaces the department's file.
    const stem = o.employeeId ? `${department}_${slips[0].employeeId}_${slips[0].name}` : department;
    const file = path.join(outDir, `${safeFileName(stem, { fallback: 'department' })}.docx`);
    entries.push({ path: file, content: doc.bytes });
    departments.push({ department, people: slips.length, docx: file, pdf: null });
  }

  // PDFs: converted in a scratch folder, then put in place with the .docx files in one atomic write.
  let pdf: SlipsResult['pdf'] = 'none';
  if (entries.length) {
    const soffice = o.soffice === undefined ? findSoffice() : o.soffice;
    if (!soffice) {
      pdf = 'no_office';
      issues.push({ code: 'slips.no_office', severity: 'warning', params: {} });
    } else {
      const scratch = mkdtempSync(path.join(ctx.ws.out, '.slips-'));
      try {
        const docx = entries.map((e, i) => {
          const p = path.join(scratch, `${i}.docx`);
          return { p, target: e.path };
        });
        docx.forEach((d, i) => writeFileSync(d.p, entries[i].content));
        const r = await docxToPdf(soffice, docx.map((d) => d.p), scratch);
        const pdfs = docx.map((d) => ({ from: d.p.replace(/\.docx$/, '.pdf'), to: d.target.replace(/\.docx$/, '.pdf') }));
        if (r.ok && pdfs.every((x) => existsSync(x.from))) {
          pdf = 'written';
          pdfs.forEach((x, i) => {
            entries.push({ path: x.to, content: readFileSync(x.from) });
            departments[i].pdf = x.to;
          });
        } else {
          pdf = 'failed';
          issues.push({ code: 'slips.pdf_failed', severity: 'warning', params: { detail: r.ok ? 'no PDF written' : r.detail } });
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
  }

  // Published as the month revision's slips (src/app/outputs.ts): a rerun replaces jixiao's own
  // files, an earlier revision's go into 第N版/, a slip someone edited is kept and the new one put beside it.
  const rel = (p: string) => path.relative(ctx.ws.out, p).split(path.sep).join('/');
  const written = await publishOutputs(ctx, {
    product: `slips/${o.month}`,
    revision: closed.revision,
    files: entries.map((e) => ({ rel: rel(e.path), content: e.content })),
    now: closed.closedAt,
    complete: !o.department && !o.employeeId,
    fs: o.writeFs,
  });
  issues.push(...written.issues);
  if (!written.ok) return { ...listed, template: templateFile, departments, issues };
  return { ...listed, ok: true, template: templateFile, departments, slips: plan.slips.length, pdf, files: written.files, issues };
}
