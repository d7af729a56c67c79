/**
 * The evaluation-form template (templates/form-template.yaml): sheet names, column headers,
 * widths, input/locked, prompts and instruction texts, as data HR can edit without code.
 * Column *keys* are what the program understands; everything a person reads is in the file.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FORM_KINDS, type FormKind } from './schema.js';
import { issue, type Issue } from '../issues.js';
import { headerKey } from '../text.js';

export const COLUMN_KEYS = [
  'employee_id',
  'name',
  'department',
  'position',
  'section_name',
  'seq',
  'section',
  'goal',
  'weight',
  'target',
  'actual',
  'score',
  'commission',
  'note',
  'weight_check',
  'employee_sign',
  'manager_sign',
  'skip_manager_sign',
  'interview_date',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/** Placeholders a template text may use (see the file's header comment). */
export const TEXT_PLACEHOLDERS = [
  'month',
  'month_text',
  'deadline',
  'fine',
  'scorer',
  'scorer_id',
  'score_max',
  'min_goals',
  'max_goals',
  'sections',
  'kind_label',
  'password',
] as const;
export const FILE_NAME_PLACEHOLDERS = ['month', 'department', 'scorer', 'scorer_id', 'label'] as const;

const argb = z.string().regex(/^[0-9A-Fa-f]{8}$/);

const columnDefSchema = z
  .object({
    header: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    width: z.number().min(2).max(100).default(10),
    input: z.boolean(),
    prompt_title: z.string().optional(),
    prompt: z.string().optional(),
    error: z.string().optional(),
  })
  .strict();

const kindDef = z
  .object({
    label: z.string().min(1),
    sheet: z.string().min(1).max(31),
    columns: z.array(z.enum(COLUMN_KEYS)).min(2),
    signoff_columns: z.array(z.enum(COLUMN_KEYS)).optional(),
    title: z.string().default(''),
    instructions: z.array(z.string()),
    extra_instructions: z.array(z.string()).default([]),
  })
  .strict();

const sheetName = z
  .string()
  .min(1)
  .max(31)
  .refine((s) => !/[\\/?*[\]:]/.test(s), 'sheet name may not contain \\ / ? * [ ] :');

export const formTemplateSchema = z
  .object({
    version: z.union([z.string(), z.number()]).transform(String),
    file_name: z.string().min(1),
    protection_password: z.union([z.string(), z.null()]).transform((v) => v ?? ''),
    sheets: z.object({ meta: sheetName, lists: sheetName, instructions: sheetName, signoff: sheetName }).strict(),
    style: z
      .object({
        header_fill: argb,
        header_font: argb,
        locked_fill: argb,
        input_fill: argb,
        band_fill: argb,
        font_name: z.string().min(1),
        font_size: z.number().min(6).max(30),
      })
      .strict(),
    columns: z.partialRecord(z.enum(COLUMN_KEYS), columnDefSchema),
    kinds: z.object({
      goals: kindDef,
      finance: kindDef,
      customer: kindDef,
      learning: kindDef,
      discipline: kindDef,
    }),
  })
  .strict();

export type FormTemplate = z.output<typeof formTemplateSchema>;
export type ColumnDef = z.output<typeof columnDefSchema>;
export type KindDef = z.output<typeof kindDef>;

/**
 * Columns the reader must find on each kind's main sheet (the rest are optional); a template
 * without them is refused when it is loaded, so every sheet it makes can be read back.
 */
export const REQUIRED_COLUMNS: Record<FormKind, ColumnKey[]> = {
  goals: ['employee_id', 'name', 'section', 'goal', 'weight', 'score'],
  finance: ['employee_id', 'name', 'score', 'commission'],
  customer: ['employee_id', 'name', 'score'],
  learning: ['employee_id', 'name', 'score'],
  discipline: ['employee_id', 'name', 'score'],
};
export const REQUIRED_SIGNOFF_COLUMNS: ColumnKey[] = ['employee_id', 'employee_sign', 'manager_sign', 'skip_manager_sign', 'interview_date'];

/** Cross-field rules of a template: every problem, with a dotted path. */
export function templateRuleProblems(t: FormTemplate): { path: string; detail: string }[] {
  const out: { path: string; detail: string }[] = [];
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const checkText = (path: string, text: string, allowed: readonly string[]) => {
    for (const p of placeholders(text))
      if (!allowed.includes(p)) out.push({ path, detail: `unknown placeholder {${p}}` });
  };
  checkText('file_name', t.file_name, FILE_NAME_PLACEHOLDERS);
  const sheetNames = Object.values(t.sheets);
  if (new Set(sheetNames).size !== sheetNames.length) out.push({ path: 'sheets', detail: 'sheet names must differ' });
  for (const [key, col] of Object.entries(t.columns)) {
    for (const f of ['prompt_title', 'prompt', 'error'] as const)
      if (col?.[f]) checkText(`columns.${key}.${f}`, col[f]!, TEXT_PLACEHOLDERS);
  }
  const headerOwners = new Map<string, string>();
  for (const kind of FORM_KINDS) {
    const k = t.kinds[kind];
    if (sheetNames.includes(k.sheet)) out.push({ path: `kinds.${kind}.sheet`, detail: `"${k.sheet}" is also a fixed sheet name` });
    const lists: [string, ColumnKey[]][] = [[`kinds.${kind}.columns`, k.columns]];
    if (k.signoff_columns) lists.push([`kinds.${kind}.signoff_columns`, k.signoff_columns]);
    for (const [path, keys] of lists) {
      if (new Set(keys).size !== keys.length) out.push({ path, detail: 'a column is listed twice' });
      headerOwners.clear();
      for (const key of keys) {
        const def = t.columns[key];
        if (!def) {
          out.push({ path, detail: `column "${key}" has no definition under columns:` });
          continue;
        }
        for (const name of [def.header, ...def.aliases].map(headerKey)) {
          const owner = headerOwners.get(name);
          if (owner && owner !== key) out.push({ path, detail: `header "${name}" is used by both ${owner} and ${key}` });
          headerOwners.set(name, key);
        }
      }
    }
    for (const key of REQUIRED_COLUMNS[kind])
      if (!k.columns.includes(key)) out.push({ path: `kinds.${kind}.columns`, detail: `must include ${key}` });
    if (kind === 'goals') {
      if (!k.signoff_columns) out.push({ path: 'kinds.goals.signoff_columns', detail: 'required' });
      else
        for (const key of REQUIRED_SIGNOFF_COLUMNS)
          if (!k.signoff_columns.includes(key)) out.push({ path: 'kinds.goals.signoff_columns', detail: `must include ${key}` });
    }
    checkText(`kinds.${kind}.title`, k.title, TEXT_PLACEHOLDERS);
    [...k.instructions, ...k.extra_instructions].forEach((line, i) =>
      checkText(`kinds.${kind}.instructions[${i}]`, line, TEXT_PLACEHOLDERS),
    );
  }
  return out;
}

export type TemplateLoad = { ok: true; template: FormTemplate } | { ok: false; issues: Issue[] };

/** Parse and check a template from its YAML text. Every problem comes back, none thrown. */
export function parseFormTemplate(text: string, file = 'form-template.yaml'): TemplateLoad {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    return {
      ok: false,
      issues: [issue('form_template.yaml', 'error', { file, found: (e as Error).message.split('\n')[0] })],
    };
  }
  const r = formTemplateSchema.safeParse(raw);
  if (!r.success) {
    return {
      ok: false,
      issues: r.error.issues.map((zi) =>
        issue('form_template.invalid', 'error', {
          file,
          found: zi.message,
          params: { path: zi.path.map(String).join('.') || '(root)' },
        }),
      ),
    };
  }
  const problems = templateRuleProblems(r.data);
  if (problems.length)
    return {
      ok: false,
      issues: problems.map((p) => issue('form_template.invalid', 'error', { file, found: p.detail, params: { path: p.path } })),
    };
  return { ok: true, template: r.data };
}

/** The template shipped with jixiao (templates/form-template.yaml), found from this module's place. */
export function bundledTemplatePath(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'templates', 'form-template.yaml');
    if (existsSync(p)) return p;
    dir = resolve(dir, '..');
  }
  return join(process.cwd(), 'templates', 'form-template.yaml');
}

/** Load a template file (default: the bundled one). */
export function loadFormTemplate(path: string = bundledTemplatePath()): TemplateLoad {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return {
      ok: false,
      issues: [issue('form_template.unreadable', 'error', { file: path, found: (e as NodeJS.ErrnoException).code ?? String(e) })],
    };
  }
  return parseFormTemplate(text, path);
}

let cached: FormTemplate | null = null;
/** The bundled template, parsed once; throws if the shipped file is broken (a packaging bug). */
export function defaultFormTemplate(): FormTemplate {
  if (cached) return cached;
  const r = loadFormTemplate();
  if (!r.ok) throw new Error(`bundled form template is invalid: ${JSON.stringify(r.issues)}`);
  cached = r.template;
  return cached;
}

/** Fill `{name}` placeholders; unknown ones stay visible. */
export function fillText(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (params[k] === undefined ? m : String(params[k])));
}

/** A column's definition; the schema has checked that every used key is defined. */
export function columnDef(t: FormTemplate, key: ColumnKey): ColumnDef {
  const d = t.columns[key];
  if (!d) throw new Error(`form template has no column ${key}`);
  return d;
}
