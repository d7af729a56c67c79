/**
 * `npm run build && npm run bench` — one month of a 500-person dealership, end to end, through
 * the same commands the clerk types (main() in-process, --json):
 *   write 花名册.xlsx → init → roster import → forms → fill every form (as scorers would) →
 *   receive (one call, all files) → status → close → validate 200 files.
 * Prints wall time per step and the process's peak RSS so far. No thresholds; exits non-zero
 * if any step fails (a command exits non-zero or reports errors).
 *
 * Options: --keep (leave the temp folder), --people N (default 500).
 */
import path from 'node:path';
import os from 'node:os';
import { mkdtemp, mkdir, copyFile, rm, readdir } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import ExcelJS from 'exceljs';
import { main } from '../src/cli/main.js';
import { memoryIo } from '../src/cli/io.js';
import type { Employee, FormPlan, StaffMember } from '../src/model.js';
import { placeForMonth } from '../src/domain/classify.js';
import { planForms } from '../src/domain/plan.js';
import { defaultFormTemplate } from '../src/policy/form-template.js';
import { fillDemoForm, loadPolicy } from '../fixtures/make-demo-forms.js';
import { toEmployees, type RosterRow } from '../fixtures/dealership.js';
import { writeRosterFile } from '../fixtures/make-roster.js';

const MONTH = '2026-10';
const RECEIVED_AT = '2026-11-02 09:00'; // before every deadline (discipline is due 11-02 17:30)
const VALIDATE_FILES = 200;

// ── a synthetic dealership ─────────────────────────────────────────────────────

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国志文晓东海波宁斌浩凯宇飞俊峰婷雪慧佳欣怡琳晨阳鑫睿博翔'.split('');

/** Invented, unique three-character names, deterministic. */
function names(): () => string {
  let i = 0;
  return () => {
    const n = i++;
    const s = SURNAMES[n % SURNAMES.length];
    const g1 = GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length];
    const g2 = GIVEN[(n * 7 + 3) % GIVEN.length];
    return s + g1 + g2;
  };
}

/**
 * A dealership of `people` staff (at least about 350) in every department and position of the default
 * policy, managers at each level (总经理 → 总监/经理 → 主管 → staff), probation and sub-800
 * employees, exactly one holder of each scorer role. 工号 start at 3001 (the demo's special
 * 工号 10xx are not used). The 机修工 of the workshops take up the difference to `people`.
 */
export function syntheticDealership(people: number): RosterRow[] {
  const rows: RosterRow[] = [];
  const nextName = names();
  let seq = 3000;
  const add = (department: string, position: string, managerId: string | null, salary: number, extra: Partial<RosterRow> = {}): string => {
    seq += 1;
    const id = String(seq);
    const manager = rows.find((r) => r.id === managerId);
    rows.push({
      id,
      name: nextName(),
      department,
      position,
      hireDate: `20${18 + (seq % 7)}-${String(1 + (seq % 12)).padStart(2, '0')}-${String(1 + (seq % 28)).padStart(2, '0')}`,
      regularDate: null,
      fullSalary: String(salary),
      managerId,
      skipManagerId: manager?.managerId ?? null,
      status: '在职',
      ...extra,
    });
    return id;
  };
  const many = (n: number, department: string, position: string, managerId: string, base: number) => {
    for (let i = 0; i < n; i++) add(department, position, managerId, base + (i % 10) * 130);
  };

  const gm = add('总经理室', '总经理', null, 35000);
  add('总经理室', '副总经理', gm, 25000);
  add('总经理室', '副总经理', gm, 24000);

  // 服务站: 总监 → 车间主管 ×4 / 服务顾问主管 ×2 / 配件主管 → staff
  const svc = add('服务站', '总监', gm, 18000);
  const workshops = [0, 1, 2, 3].map(() => add('服务站', '车间主管', svc, 9500));
  const svcLeads = [0, 1].map(() => add('服务站', '服务顾问主管', svc, 8500));
  for (const lead of svcLeads) many(10, '服务站', '服务顾问', lead, 6000);
  const parts = add('服务站', '配件主管', svc, 8000);
  many(8, '服务站', '配件员', parts, 4800);
  many(2, '服务站', '工具管理员', svc, 4200);
  many(2, '服务站', '档案管理员', svc, 4300);
  many(3, '服务站', '保险内勤', svc, 4500);
  many(6, '服务站', '服务顾问助理', svc, 4000);
  for (const w of workshops) {
    many(6, '服务站', '钣金工', w, 5600);
    many(6, '服务站', '喷漆工', w, 5500);
  }

  // 销售部: 总监 → 经理 ×3 → staff; one 销售顾问 per team on probation in 2026-10
  const salesDir = add('销售部', '总监', gm, 16000);
  for (let team = 0; team < 3; team++) {
    const mgr = add('销售部', '经理', salesDir, 11000);
    many(28, '销售部', '销售顾问', mgr, 4500);
    add('销售部', '销售顾问', mgr, 4500, { hireDate: '2026-09-15', regularDate: '2026-12-15' });
    add('销售部', '大用户经理', mgr, 8500);
    add('销售部', '二手车评估师', mgr, 7000);
    many(2, '销售部', '前台接待', mgr, 3900);
  }
  many(3, '销售部', '信息员', salesDir, 4200);

  // VIP会所
  const vip = add('VIP会所', 'VIP会所经理', gm, 9500);
  const recv = [0, 1].map(() => add('VIP会所', '客户接待主管', vip, 5200));
  for (const r of recv) many(5, 'VIP会所', '客户接待员', r, 3800);
  many(4, 'VIP会所', '按摩师', vip, 4100);
  many(4, 'VIP会所', '茶艺师', vip, 4000);
  many(12, 'VIP会所', '洗车工', vip, 3500);

  // 精品部 under the sales director
  const boutique = [0, 1].map(() => add('精品部', '精品主管', salesDir, 7000));
  for (const b of boutique) {
    many(5, '精品部', '精品促销员', b, 4200);
    many(6, '精品部', '装饰工', b, 4600);
  }

  // Functional departments; exactly one holder of each scorer role
  const hr = add('人力资源部', '经理', gm, 12000);
  add('人力资源部', '人力资源专员', hr, 6000);
  many(3, '人力资源部', '招聘专员', hr, 5500);
  many(2, '人力资源部', '培训专员', hr, 5600);

  const admin = add('行政部', '经理', gm, 10000);
  many(4, '行政部', '行政专员', admin, 5000);
  many(6, '行政部', '司机', admin, 4500);
  many(6, '行政部', '保洁员', admin, 2800);
  add('行政部', '保洁员', admin, 600); // part-time: below 800, not evaluated
  add('行政部', '保洁员', admin, 650);
  many(10, '行政部', '保安', admin, 3600);

  const cs = add('客服部', '经理', gm, 10500);
  many(8, '客服部', '客服专员', cs, 4600);
  many(10, '客服部', '回访员', cs, 4200);

  const mkt = add('市场部', '经理', gm, 11500);
  many(6, '市场部', '市场专员', mkt, 5200);
  many(3, '市场部', '活动策划', mkt, 6200);

  const fin = add('财务部', '经理', gm, 13000);
  many(6, '财务部', '会计', fin, 6500);
  many(3, '财务部', '出纳', fin, 5200);
  many(8, '财务部', '收银员', fin, 4000);

  // The workshops' mechanics fill up to `people`.
  const rest = people - rows.length;
  if (rest < 4) throw new Error(`--people must be at least ${rows.length + 4}`);
  for (let i = 0; i < rest; i++) add('服务站', '机修工', workshops[i % workshops.length], 5200 + (i % 10) * 150);
  return rows;
}


/** Planned totals spread over every grade band (goal rows go up to b + 3, so b ≤ 127). */
const TOTALS = ['124', '112.5', '108', '101', '98.5', '96', '93.25', '99', '102.5', '95', '91.5', '100', '88', '79.25', '66'];

// ── running the commands ───────────────────────────────────────────────────────

interface StepRow {
  step: string;
  seconds: number;
  rssMb: number;
  note: string;
}
const table: StepRow[] = [];
const peakRssMb = () => process.resourceUsage().maxRSS / 1024; // maxRSS is in kilobytes

class StepFailed extends Error {}
let currentStep = '';

async function step<T>(name: string, fn: () => Promise<{ value: T; note: string }>): Promise<T> {
  currentStep = name;
  const t0 = performance.now();
  const { value, note } = await fn();
  table.push({ step: name, seconds: (performance.now() - t0) / 1000, rssMb: peakRssMb(), note });
  return value;
}

/** Run one jixiao command in-process with --json; the parsed output, or StepFailed. */
async function jixiao(argv: string[], cwd: string): Promise<any> {
  const io = memoryIo({ cwd, env: {}, now: () => new Date(`2026-11-02T10:00:00+08:00`) });
  const code = await main([...argv, '--json', '--lang', 'en'], io);
  const out = io.stdout.join('\n');
  let json: any = null;
  try {
    json = JSON.parse(out);
  } catch {
    /* reported below */
  }
  const errors = (json?.issues ?? []).filter((i: any) => i.severity === 'error');
  if (code !== 0 || errors.length) {
    const sample = errors
      .slice(0, 5)
      .map((i: any) => `  [${i.code}] ${i.file ?? ''} ${i.sheet ?? ''} ${i.cell ?? ''}: ${i.message}`)
      .join('\n');
    throw new StepFailed(`jixiao ${argv.slice(0, 3).join(' ')}… exited ${code}, ${errors.length} error(s)\n${sample}\n${io.stderr.join('\n').slice(0, 2000)}`);
  }
  return json;
}

function printTable(people: number, total: number): void {
  const w = Math.max(...table.map((r) => r.step.length), 4);
  const line = (a: string, b: string, c: string, d: string) => `${a.padEnd(w)}  ${b.padStart(9)}  ${c.padStart(13)}  ${d}`;
  console.log(`\njixiao bench — ${people} employees, month ${MONTH}, node ${process.version}, ${os.platform()} ${os.arch()}`);
  console.log(line('step', 'wall (s)', 'peak RSS (MB)', ''));
  console.log(line('-'.repeat(w), '-'.repeat(9), '-'.repeat(13), ''));
  for (const r of table) console.log(line(r.step, r.seconds.toFixed(2), r.rssMb.toFixed(0), r.note));
  console.log(line('total', total.toFixed(2), peakRssMb().toFixed(0), ''));
}

async function run(): Promise<number> {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const peopleArg = args.indexOf('--people');
  const people = peopleArg >= 0 ? Number(args[peopleArg + 1]) : 500;
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jixiao-bench-'));
  const ws = path.join(dir, 'ws');
  const rosterFile = path.join(dir, '花名册.xlsx');
  const start = performance.now();
  let failed: unknown = null;

  try {
    const rows = await step('write roster xlsx', async () => {
      const rows = syntheticDealership(people);
      await writeRosterFile(rows, rosterFile, '龙腾汽车4S店 员工花名册(2026年10月)');
      return { value: rows, note: `${rows.length} rows` };
    });

    await step('init', async () => {
      await jixiao(['init', ws], dir);
      return { value: null, note: ws };
    });

    await step('roster import', async () => {
      const r = await jixiao(['roster', 'import', rosterFile, '--month', MONTH], ws);
      if (r.count !== people) throw new StepFailed(`imported ${r.count} of ${people}`);
      return { value: null, note: `创利 ${r.counts['创利']}, 职能 ${r.counts['职能']}, excluded ${r.counts.excluded}` };
    });

    const forms = await step('forms', async () => {
      const r = await jixiao(['forms', '--month', MONTH], ws);
      return { value: r.forms as { file: string; kind: string; scorerId: string; employees: number }[], note: `${r.forms.length} forms` };
    });

    const inbox = path.join(ws, 'inbox');
    const filled = await step('fill forms (exceljs, in code)', async () => {
      const policy = loadPolicy();
      const template = defaultFormTemplate();
      const employees = toEmployees(rows);
      const members: StaffMember[] = employees.map((e) => placeForMonth(e, MONTH, policy));
      const memberMap = new Map(members.map((m) => [m.employee.id, m]));
      const roster = new Map(employees.map((e) => [e.id, e]));
      const totals = new Map<string, string>();
      let n = 0;
      for (const m of members) if (!m.excluded && m.category) totals.set(m.employee.id, TOTALS[n++ % TOTALS.length]);
      const plans = new Map<string, FormPlan>(planForms(members, MONTH, policy).forms.map((p) => [`${p.kind}|${p.scorerId}`, p]));
      const out: string[] = [];
      for (const f of forms) {
        const plan = plans.get(`${f.kind}|${f.scorerId}`);
        if (!plan) throw new StepFailed(`no plan for the generated form ${f.file}`);
        // As a scorer would: open the sheet that was sent, fill it in, save it, send it back.
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.readFile(f.file);
        fillDemoForm(wb, plan, template, totals, memberMap, roster);
        const target = path.join(inbox, path.basename(f.file));
        await wb.xlsx.writeFile(target);
        out.push(target);
      }
      return { value: out, note: `${out.length} files, ${totals.size} people graded` };
    });

    await step('receive (one call, all files)', async () => {
      const r = await jixiao(['receive', ...filled, '--at', RECEIVED_AT], ws);
      const warnings = (r.issues as any[]).filter((i) => i.severity === 'warning').length;
      return { value: null, note: `${r.files.length} recorded, ${warnings} warning(s)` };
    });

    await step('status', async () => {
      const r = await jixiao(['status', '--month', MONTH], ws);
      const missing = (r.missing as any[]).reduce((s, m) => s + m.employees.length, 0);
      if (missing) throw new StepFailed(`status: ${missing} section(s) still missing`);
      return { value: null, note: `${r.forms.length} forms, fines ${r.fineTotal}` };
    });

    await step('close', async () => {
      const r = await jixiao(['close', '--month', MONTH], ws);
      const s = r.summary;
      const dist = (r.result?.distribution?.rows ?? []).map((d: any) => `${d.grade}${d.actualCount}`).join(' ');
      return { value: null, note: `${s.evaluated} graded (${dist}), pay ${s.payTotal}` };
    });

    await step(`validate (${VALIDATE_FILES} files)`, async () => {
      const vdir = path.join(dir, 'validate');
      await mkdir(vdir);
      const files: string[] = [];
      for (let i = 0; i < VALIDATE_FILES; i++) {
        const src = filled[i % filled.length];
        const dst = path.join(vdir, `${String(i + 1).padStart(3, '0')}-${path.basename(src)}`);
        await copyFile(src, dst);
        files.push(dst);
      }
      const r = await jixiao(['validate', ...files, '--month', MONTH], ws);
      const rows = (r.files as any[]).reduce((s, f) => s + (f.errors ? 1 : 0), 0);
      return { value: null, note: `${r.files.length} files, ${rows} with errors` };
    });

    const outputs = await readdir(path.join(ws, 'out', MONTH));
    currentStep = 'outputs';
    if (!outputs.some((f) => f.endsWith('.csv'))) throw new StepFailed(`close wrote no payroll csv in out/${MONTH}`);
  } catch (e) {
    failed = e;
  }

  printTable(people, (performance.now() - start) / 1000);
  if (keep) console.log(`\nworkspace kept: ${ws}`);
  else await rm(dir, { recursive: true, force: true });
  if (failed) {
    console.error(`\nbench FAILED at step "${currentStep}": ${failed instanceof Error ? (failed instanceof StepFailed ? failed.message : failed.stack) : String(failed)}`);
    return 1;
  }
  return 0;
}

process.exitCode = await run();
