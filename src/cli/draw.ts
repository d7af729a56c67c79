/** Text drawing of each command's result. Pure functions of the result values. */
import { t } from '../i18n/index.js';
import { colours, drawTable, formatIssues, printable, table } from './render.js';
import { calibrationTables, consequencesTable, distributionTable, finesTable, translator } from '../report/month-report.js';
import { getLang } from '../i18n/index.js';
import type { InitResult } from '../app/init.js';
import type { Issue } from '../issues.js';
import type { RosterImportResult, RosterShowResult, StaffLine } from '../app/roster.js';
import type { FormsResult } from '../app/forms.js';
import type { StatusResult } from '../app/status.js';
import type { CloseRunResult } from '../app/close.js';
import type { ValidateResult } from '../app/validate.js';
import type { ReceiveResult } from '../app/receive.js';
import type { DemoResult } from './demo.js';
import type { AppealResult } from '../app/appeal.js';
import type { GoalRow } from '../model.js';
import { wallClockText } from '../domain/clock.js';
import { letterLines, reopenLines } from './draw-history.js';

const lang = () => getLang();
const colon = () => t('punct.colon');

export function init(r: InitResult, colour: boolean): string {
  if (!r.ok) return formatIssues(r.issues, lang(), colour);
  return [t('init.done', { dir: r.dir }), ...r.created.map((c) => `  + ${c}`), t('init.next')].join('\n');
}

export function policyCheck(file: string, problems: { path: string; message: string }[], colour: boolean, warnings: Issue[] = []): string {
  const c = colours(colour);
  if (!problems.length) return [c.green('✓ ' + t('policy.ok', { file })), ...(warnings.length ? [formatIssues(warnings, lang(), colour)] : [])].join('\n');
  return [
    c.red(t('policy.problems', { file, count: problems.length })),
    ...problems.map((p) => `  ${c.bold(p.path || '—')}: ${p.message}`),
  ].join('\n');
}

export function rosterImport(r: RosterImportResult, colour: boolean): string {
  const out: string[] = [];
  if (r.versionId !== null) {
    out.push(
      t(r.duplicate ? 'roster.import_duplicate' : 'roster.import_done', {
        file: printable(r.file),
        count: r.count,
        month: r.effectiveMonth,
        version: r.versionId,
      }),
    );
    out.push(t('roster.counts', r.counts));
  } else {
    out.push(t('roster.import_refused', { file: printable(r.file) }));
  }
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

/** A staff line as the clerk reads it (terminal and --json): the reason and the pay-base rule in words. */
export function staffLineText(s: StaffLine): StaffLine & { excludedReason: string | null; excludedCode: string | null; payBaseRule: string | null } {
  const rule = s.payBase;
  const payBaseRule = !rule
    ? null
    : rule.kind === 'commission'
      ? t('paybase.commission')
      : t(rule.manager ? 'paybase.manager_salary' : 'paybase.salary', { percent: rule.percent });
  return { ...s, excludedReason: s.excluded ? t(s.excluded.key, s.excluded.params) : null, excludedCode: s.excluded?.key ?? null, payBaseRule };
}

export function rosterShow(r: RosterShowResult, colour: boolean): string {
  if (r.versionId === null) return formatIssues(r.issues, lang(), colour);
  const head = ['工号', '姓名', '部门', '岗位', '类别', '参加考核', '绩效基数', '直接上级'].map((h) => t(`col.${h}`));
  const rows = r.staff.map(staffLineText).map((s) => [
    s.id,
    s.name,
    s.department,
    s.position,
    s.category ?? '—',
    s.eligible ? t('yes') : `${t('no')}${colon()}${s.excludedReason ?? ''}`,
    s.payBaseRule ?? '—',
    s.managerId ? `${s.managerId} ${s.managerName ?? ''}` : '—',
  ]);
  const out = [t('roster.show_title', { month: r.month, version: r.versionId }), table(head, rows), t('roster.counts', r.counts)];
  if (r.fallback) out.push(t('roster.fallback', { month: r.month }));
  return out.join('\n');
}


const kindName = (k: string) => t(`kind.${k}`);

export function forms(r: FormsResult, colour: boolean): string {
  const out = [t('forms.done', { count: r.forms.length, month: r.month, dir: r.outDir })];
  if (r.forms.length)
    out.push(
      table(
        [t('col.表单'), t('col.打分人'), t('col.人数'), t('col.截止时间'), t('col.文件')],
        r.forms.map((f) => [kindName(f.kind), `${f.scorerId} ${f.scorerName}`, f.employees, wallClockText(f.deadline), f.file.split(/[\\/]/).pop()!]),
      ),
    );
  if (r.sendList) out.push(t('stores.forms.send_list', { file: r.sendList }));
  if (r.targetSplit)
    out.push(t('targets.forms_prefilled', { ...r.targetSplit, count: r.forms.reduce((s, f) => s + f.targets, 0), sheets: r.forms.filter((f) => f.targets).length }));
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

/** KPI rows whose 得分 was computed by the indicator's rule, shown with the rule (SPEC §9). */
function scoredByRule(rows: readonly GoalRow[]): string[] {
  return rows.map((g) =>
    t('targets.scored_by_rule', {
      id: g.employeeId,
      name: g.name,
      indicator: g.byRule!.indicator,
      target: g.byRule!.target,
      actual: g.byRule!.actual,
      score: g.score,
      rule: t(`targets.rule.${g.byRule!.rule}`),
    }),
  );
}

export function validate(r: ValidateResult, colour: boolean): string {
  const c = colours(colour);
  const out = r.files.map((f) =>
    f.errors
      ? c.red(`✗ ${printable(f.file)}: ${t('validate.file_errors', { errors: f.errors, warnings: f.warnings })}`)
      : c.green(`✓ ${printable(f.file)}: ${f.warnings ? t('validate.file_warnings', { warnings: f.warnings }) : t('validate.file_ok')}`),
  );
  out.push(...r.files.flatMap((f) => scoredByRule(f.byRule)));
  out.push('', formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

export function receive(r: ReceiveResult, colour: boolean): string {
  const c = colours(colour);
  const out = r.files.map((f) => {
    const head = f.formKey
      ? t(f.duplicate ? 'receive.duplicate' : 'receive.recorded', {
          file: printable(f.file),
          form: `${kindName(f.kind ?? '')} · ${f.scorerId} ${f.scorerName ?? ''}`.trim(),
          version: f.version ?? '',
          at: wallClockText(f.receivedAt),
        })
      : t('receive.not_recorded', { file: printable(f.file) });
    const mark = f.errors ? c.red('✗') : c.green('✓');
    const closed = f.monthClosed ? ' ' + c.yellow(t('receive.line_month_closed', { revision: f.monthClosed.revision })) : '';
    return [`${mark} ${head}${f.errors ? ' ' + t('validate.file_errors', { errors: f.errors, warnings: f.warnings }) : ''}${closed}`, ...scoredByRule(f.byRule)].join('\n');
  });
  out.push('', formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

export function status(r: StatusResult, colour: boolean): string {
  const c = colours(colour);
  const rows = r.forms.map((f) => [
    kindName(f.kind),
    `${f.scorerId} ${f.scorerName}`,
    wallClockText(f.deadline),
    f.versions ? `${f.versions}` : c.red(t('status.none')),
    f.firstValidAt ? wallClockText(f.firstValidAt) : '—',
    f.versions ? (f.errors ? c.red(t('status.errors', { errors: f.errors })) : f.valid ? c.green(t('status.valid')) : c.red(t('status.invalid'))) : '—',
    f.daysLate ? c.yellow(String(f.daysLate)) : '0',
    f.fine,
  ]);
  const out = [
    t('status.title', { month: r.month, at: wallClockText(r.asOf) }),
    table([t('col.表单'), t('col.打分人'), t('col.截止时间'), t('col.版本数'), t('col.首个有效版本'), t('col.检查'), t('col.迟交天数'), t('col.罚款')], rows),
    t('status.fine_total', { total: r.fineTotal }),
  ];
  if (r.missing.length) {
    out.push(t('status.missing_title'));
    for (const m of r.missing)
      out.push(
        `  ${m.scorerId} ${m.scorerName}(${kindName(m.kind)})${colon()}${m.employees
          .map((e) => (m.kind === 'goals' ? `${e.employeeId} ${e.name}(${e.sections.map((x) => x.name).join('、')})` : `${e.employeeId} ${e.name}`))
          .join('、')}`,
      );
  } else out.push(c.green(t('status.all_in')));
  if (r.unexpected.length) out.push(t('status.unexpected', { files: r.unexpected.map((u) => printable(u.fileName)).join('、') }));
  if (r.receivedAfterClose.length)
    out.push(c.yellow(t('status.received_after_close', { revision: r.issues.find((i) => i.code === 'status.month_closed')?.params?.revision ?? '', files: r.receivedAfterClose.map((x) => `${printable(x.fileName)}(v${x.version})`).join('、') })));
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  return out.join('\n');
}

export function close(r: CloseRunResult, colour: boolean): string {
  const c = colours(colour);
  const out: string[] = [];
  const res = r.result;
  if (res && r.summary) {
    out.push(c.bold(t('close.title', { month: r.month })));
    out.push(
      t('close.counts', {
        evaluated: r.summary.evaluated,
        excluded: r.summary.excluded,
        incomplete: r.summary.incomplete,
      }),
    );
    const L = translator(lang());
    out.push(drawTable(distributionTable(res, L), colour));
    if (res.fines.some((f) => f.daysLate > 0)) out.push(drawTable({ ...finesTable(res, L, { lateOnly: true }), title: t('close.fines_title') }, colour));
    if (res.consequences.length) out.push(drawTable({ ...consequencesTable(res, L), title: t('close.consequences_title') }, colour));
    const cal = calibrationTables(res, L);
    if (cal) {
      out.push(t('close.calibration', { changes: cal.changes.rows.length, ties: cal.ties.rows.length }));
      if (cal.changes.rows.length) out.push(drawTable(cal.changes, colour));
      if (cal.ties.rows.length) out.push(drawTable(cal.ties, colour));
    }
    out.push(t('close.money', { pay: r.summary.payTotal, fine: r.summary.fineTotal, net: r.summary.netTotal }));
  }
  if (r.incomplete.length && !r.ok) out.push(c.red(t('close.incomplete_stop', { count: r.incomplete.length })));
  if (r.issues.length) out.push(formatIssues(r.issues, lang(), colour));
  if (r.ok) {
    out.push(c.green(t('close.done', { month: r.month, revision: r.revision ?? '' })));
    for (const f of r.files) out.push(`  ${f}`);
    out.push(...letterLines(r.letters ?? []));
    out.push(...reopenLines(r));
  } else if (r.revision && !r.issues.some((i) => i.code === 'close.already_closed') && r.issues.some((i) => i.code.endsWith('_after_commit')))
    out.push(c.yellow(t('close.recorded_files_pending', { month: r.month, revision: r.revision })));
  else out.push(c.red(t('close.not_closed', { month: r.month })));
  return out.join('\n');
}

export function demo(r: DemoResult, colour: boolean): string {
  const c = colours(colour);
  const out = [r.ok ? c.green(t('demo.done', { dir: r.dir })) : c.red(t('demo.failed', { dir: r.dir }))];
  for (const f of r.files) out.push(`  ${f}`);
  out.push(t('demo.next', { dir: r.dir }));
  return out.join('\n');
}

export function appeal(r: AppealResult, colour: boolean): string {
  const c = colours(colour);
  if (!r.ok) return formatIssues(r.issues, lang(), colour);
  const out = [
    c.green(
      t('appeal.recorded', {
        id: r.employeeId,
        name: r.name ?? '',
        section: r.sectionName ?? '',
        original: r.original ?? '—',
        corrected: r.corrected ?? '',
        month: r.month,
      }),
    ),
  ];
  out.push(r.monthClosed ? t('appeal.reopen_hint', { month: r.month }) : t('appeal.applies_at_close', { month: r.month }));
  return out.join('\n');
}
