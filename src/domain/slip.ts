/**
 * 绩效结果确认单: what one graded employee's result slip shows (§4 公开性 "考评结果向员工沟通并
 * 获得认可", §5.1.4 面谈 and §5.1.5 sign-off). Pure: from a closed month's result, the goal rows
 * the month was computed from and the staff list's managers; no text, no files.
 */
import type { Consequence, DecimalText, EmployeeResult, FineLine, FormKind, GoalRow, Month, MonthResult, PayBaseRule } from '../model.js';
import { competitionRanks } from './analysis.js';
import { dec, fixed } from './decimal.js';

export interface SlipSection {
  sectionId: string;
  name: string;
  weight: number;
  score: DecimalText; // 2 decimals for display (the total used the exact score)
  original: DecimalText | null; // before an appeal correction
  scorerId: string;
  scorerName: string;
}

export interface SlipGoal {
  sectionName: string;
  seq: number | null;
  goal: string;
  weight: DecimalText;
  target: string;
  actual: string;
  score: DecimalText;
}

export interface Slip {
  month: Month;
  employeeId: string;
  name: string;
  department: string;
  position: string;
  category: string;
  sections: SlipSection[];
  goals: SlipGoal[];
  total: DecimalText;
  grade: string;
  /** The band's grade when calibration moved it (else null). */
  bandGrade: string | null;
  /** Rank by total within the department's graded people; equal totals share a rank (1, 2, 2, 4). */
  rank: number;
  rankOf: number;
  /** Someone else in the department has the same total. */
  tied: boolean;
  pay: { rule: PayBaseRule | null; fullSalary: DecimalText; commission: DecimalText | null; base: DecimalText | null; amount: DecimalText | null };
  /** Late fines charged to this person as a scorer (§5.7). */
  fines: { kind: FormKind; daysLate: number; fine: DecimalText; deadline: string; receivedAt: string | null }[];
  consequences: Consequence[];
  managerName: string | null;
  skipManagerName: string | null;
}

export interface SlipPeople {
  /** 直接上级 and 隔级上级 工号 from the staff list (隔级 falls back to the manager's manager). */
  managers: ReadonlyMap<string, { managerId: string | null; skipManagerId: string | null }>;
  names: ReadonlyMap<string, string>;
}

export interface SlipSelection {
  department?: string | null;
  employeeId?: string | null;
}

export interface SlipPlan {
  slips: Slip[];
  /** Selected but not complete: no slip until the missing sections arrive. */
  incomplete: MonthResult['incomplete'];
  /** Selected but excluded from the evaluation: never a slip. */
  excluded: { employeeId: string; name: string }[];
}

export function planSlips(result: MonthResult, goals: readonly GoalRow[], people: SlipPeople, sel: SlipSelection = {}): SlipPlan {
  const chosen = (e: EmployeeResult) =>
    (!sel.department || e.department === sel.department) && (!sel.employeeId || e.employeeId === sel.employeeId);
  const graded = result.employees.filter((e) => e.status === 'graded' && e.total !== null);
  const ranksByDept = new Map<string, Map<string, number>>();
  const countByDept = new Map<string, number>();
  for (const d of new Set(graded.map((e) => e.department))) {
    const list = graded.filter((e) => e.department === d);
    ranksByDept.set(d, competitionRanks(list.map((e) => ({ id: e.employeeId, total: e.total! }))));
    countByDept.set(d, list.length);
  }
  const nameOf = (id: string | null) => (id ? (people.names.get(id) ?? id) : null);
  const sectionNames = new Map<string, string>();
  for (const e of result.employees) for (const s of e.sections) if (!sectionNames.has(s.sectionId)) sectionNames.set(s.sectionId, s.name);

  const slips: Slip[] = graded.filter(chosen).map((e) => {
    const m = people.managers.get(e.employeeId);
    const managerId = m?.managerId ?? null;
    const skipId = m?.skipManagerId ?? (managerId ? (people.managers.get(managerId)?.managerId ?? null) : null);
    // Goal rows in the order of the employee's sections, then by 序号.
    const sectionIndex = (id: string) => e.sections.findIndex((s) => s.sectionId === id);
    const myGoals = goals
      .filter((g) => g.employeeId === e.employeeId)
      .map((g, i) => ({ g, i }))
      .sort((a, b) => sectionIndex(a.g.sectionId) - sectionIndex(b.g.sectionId) || (a.g.seq ?? a.i) - (b.g.seq ?? b.i) || a.i - b.i)
      .map(({ g }) => ({
        sectionName: sectionNames.get(g.sectionId) ?? g.sectionId,
        seq: g.seq,
        goal: g.goal,
        weight: dec(g.weight).toFixed(),
        target: g.target,
        actual: g.actual,
        score: fixed(g.score, 2),
      }));
    return {
      month: result.month,
      employeeId: e.employeeId,
      name: e.name,
      department: e.department,
      position: e.position,
      category: e.category ?? '',
      sections: e.sections.map((s) => ({
        sectionId: s.sectionId,
        name: s.name,
        weight: s.weight,
        score: fixed(s.score!, 2),
        original: s.original !== undefined ? fixed(s.original, 2) : null,
        scorerId: s.scorerId ?? '',
        scorerName: nameOf(s.scorerId ?? null) ?? '',
      })),
      goals: myGoals,
      total: e.total!,
      grade: e.grade!,
      bandGrade: e.bandGrade && e.bandGrade !== e.grade ? e.bandGrade : null,
      rank: ranksByDept.get(e.department)!.get(e.employeeId)!,
      rankOf: countByDept.get(e.department)!,
      tied: graded.some((o) => o.employeeId !== e.employeeId && o.department === e.department && dec(o.total!).eq(e.total!)),
      pay: { rule: e.payBaseRule, fullSalary: e.fullSalary, commission: e.commission, base: e.payBase, amount: e.performancePay },
      fines: finesOf(result.fines, e.employeeId),
      consequences: result.consequences.filter((c) => c.employeeId === e.employeeId),
      managerName: nameOf(managerId),
      skipManagerName: nameOf(skipId),
    };
  });
  return {
    slips,
    incomplete: result.incomplete.filter((i) => {
      const e = result.employees.find((x) => x.employeeId === i.employeeId);
      return !!e && chosen(e);
    }),
    excluded: result.employees.filter((e) => e.status === 'excluded' && chosen(e)).map((e) => ({ employeeId: e.employeeId, name: e.name })),
  };
}

const finesOf = (fines: readonly FineLine[], id: string): Slip['fines'] =>
  fines
    .filter((f) => f.scorerId === id && dec(f.fine).gt(0))
    .map((f) => ({ kind: f.kind, daysLate: f.daysLate, fine: f.fine, deadline: f.deadline, receivedAt: f.receivedAt }));
