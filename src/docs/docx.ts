/**
 * Word documents (.docx) from templates HR edits in Word or WPS — letters, plans, and later
 * result slips. docxtemplater (with pizzip) reads {placeholders} even when Word has split one
 * across several runs (spell check, a change of font mid-word, an edit).
 *
 * What this module guarantees, whatever the template:
 *  - a placeholder the caller does not know, or one that is malformed ({员工姓名 without its
 *    closing brace, a loop never closed), refuses the template naming the placeholder;
 *  - a value that is missing is an error naming the placeholder — never the word "undefined"
 *    or an empty gap in a letter;
 *  - every run of text has its East Asian font set explicitly (w:rFonts w:eastAsia), so Word,
 *    WPS and LibreOffice never fall back to a Latin theme font for Chinese;
 *  - the page is A4.
 * Pure apart from the template bytes given to it: no file I/O here.
 */
import PizZip from 'pizzip';
import Docxtemplater from 'docxtemplater';
import type { Issue } from '../issues.js';

/** A compiled part of a template (docxtemplater's postparsed tree). */
interface Part {
  type: string;
  value?: string;
  module?: string;
  subparsed?: Part[];
}

/** { name: {} } for each placeholder, { loop: { field: {} } } for loops (docxtemplater's own compiled tree). */
function tagsOf(doc: Docxtemplater): Record<string, unknown> {
  const out: Record<string, Record<string, unknown>> = {};
  const walk = (parts: Part[], into: Record<string, Record<string, unknown>>) => {
    for (const p of parts) {
      if (p.type !== 'placeholder' || p.value === undefined) continue;
      const slot = (into[p.value] ??= {});
      if (p.subparsed) walk(p.subparsed, slot as Record<string, Record<string, unknown>>);
    }
  };
  const compiled = (doc as unknown as { compiled: Record<string, { postparsed: Part[] }> }).compiled;
  for (const f of Object.values(compiled)) walk(f.postparsed ?? [], out);
  return out;
}

/** Fonts put on every run: Latin text in Times New Roman, Chinese in 宋体 (SimSun). */
export const FONTS = { ascii: 'Times New Roman', eastAsia: '宋体' } as const;
/** A4 in twentieths of a point. */
export const A4 = { w: 11906, h: 16838 } as const;

/** The data of a template: scalars, and loops as arrays of objects. */
export type DocData = Record<string, string | number | Record<string, string | number>[]>;

export type DocResult = { ok: true; bytes: Buffer } | { ok: false; issues: Issue[] };

/** The shape of the data a template may use: scalar names, and loop names with their item fields. */
export interface TemplateSchema {
  scalars: readonly string[];
  loops: Record<string, readonly string[]>;
}

interface DxtError {
  properties?: { id?: string; xtag?: string; explanation?: string; errors?: DxtError[]; context?: string };
  message?: string;
}

function compile(template: Buffer | Uint8Array, file: string): { doc: Docxtemplater } | { issues: Issue[] } {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    return { issues: [{ code: 'docx.not_docx', severity: 'error', file }] };
  }
  if (!zip.file('word/document.xml')) return { issues: [{ code: 'docx.not_docx', severity: 'error', file }] };
  try {
    const doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, errorLogging: false });
    return { doc };
  } catch (e) {
    const errs = (e as DxtError).properties?.errors ?? [e as DxtError];
    return {
      issues: errs.map((x) => ({
        code: 'docx.bad_placeholder',
        severity: 'error' as const,
        file,
        found: x.properties?.xtag ?? x.properties?.context ?? '',
        params: { tag: x.properties?.xtag ?? x.properties?.context ?? '', reason: x.properties?.explanation ?? x.message ?? '' },
      })),
    };
  }
}

/** The placeholders a template uses, as { name: {} } for scalars and { loop: { field: {} } } for loops. */
export function templateTags(template: Buffer | Uint8Array, file: string): { tags: Record<string, unknown>; issues: Issue[] } {
  const c = compile(template, file);
  if ('issues' in c) return { tags: {}, issues: c.issues };
  return { tags: tagsOf(c.doc), issues: [] };
}

/** Placeholders of the template that the schema does not know (each named), as issues. */
export function checkTemplate(template: Buffer | Uint8Array, schema: TemplateSchema, file: string): Issue[] {
  const { tags, issues } = templateTags(template, file);
  if (issues.length) return issues;
  const out: Issue[] = [];
  const unknown = (tag: string) =>
    out.push({ code: 'docx.unknown_placeholder', severity: 'error', file, found: `{${tag}}`, params: { tag, known: knownList(schema) } });
  for (const [name, inner] of Object.entries(tags)) {
    const fields = schema.loops[name];
    if (fields) {
      for (const f of Object.keys((inner ?? {}) as object)) if (!fields.includes(f)) unknown(`${name}.${f}`);
    } else if (!schema.scalars.includes(name)) unknown(name);
    else if (inner && Object.keys(inner as object).length) unknown(`#${name}`); // a scalar used as a loop
  }
  return out;
}

const knownList = (s: TemplateSchema) => [...s.scalars.map((x) => `{${x}}`), ...Object.keys(s.loops).map((l) => `{#${l}}…{/${l}}`)].join(' ');

/**
 * Fill the template. Unknown or malformed placeholders refuse it; a placeholder whose value
 * is missing (undefined, null or blank) is an error naming it.
 */
export function renderDocx(template: Buffer | Uint8Array, data: DocData, schema: TemplateSchema, file: string): DocResult {
  const bad = checkTemplate(template, schema, file);
  if (bad.length) return { ok: false, issues: bad };
  const missing = new Set<string>();
  const zip = new PizZip(template);
  const doc = new Docxtemplater(zip, {
    paragraphLoop: true,
    linebreaks: true,
    errorLogging: false,
    nullGetter: (part) => {
      missing.add(String(part.value ?? ''));
      return '';
    },
  });
  // Blank strings are missing values too: a letter never has an empty gap where a name belongs.
  const blanks = (d: Record<string, unknown>, prefix = '') => {
    for (const [k, v] of Object.entries(d)) {
      if (Array.isArray(v)) v.forEach((item) => blanks(item as Record<string, unknown>, `${k}.`));
      else if (v === undefined || v === null || String(v).trim() === '') missing.add(prefix + k);
    }
  };
  const { tags } = templateTags(template, file);
  blanks(Object.fromEntries(Object.keys(tags).map((k) => [k, data[k]])));
  try {
    doc.render(data);
  } catch (e) {
    return { ok: false, issues: [{ code: 'docx.render_failed', severity: 'error', file, params: { reason: (e as Error).message } }] };
  }
  // Only report blanks the template actually uses.
  const used = new Set<string>();
  for (const [k, v] of Object.entries(tags)) {
    used.add(k);
    for (const f of Object.keys((v ?? {}) as object)) used.add(`${k}.${f}`);
  }
  const gaps = [...missing].filter((m) => used.has(m) || !m.includes('.'));
  if (gaps.length)
    return { ok: false, issues: gaps.map((tag) => ({ code: 'docx.missing_value', severity: 'error', file, found: `{${tag}}`, params: { tag } })) };
  const out = doc.getZip();
  out.file('word/document.xml', finishDocument(out.file('word/document.xml')!.asText()));
  return { ok: true, bytes: out.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer };
}

const RFONTS = `<w:rFonts w:ascii="${FONTS.ascii}" w:hAnsi="${FONTS.ascii}" w:eastAsia="${FONTS.eastAsia}" w:cs="${FONTS.ascii}"/>`;

/** Every run gets w:rFonts with w:eastAsia; the section's page size becomes A4. */
export function finishDocument(xml: string): string {
  let s = xml.replace(/<w:r(\s[^>]*)?>(?!<w:rPr)/g, (_m, attrs = '') => `<w:r${attrs}><w:rPr>${RFONTS}</w:rPr>`);
  s = s.replace(/<w:r(\s[^>]*)?><w:rPr>([\s\S]*?)<\/w:rPr>/g, (m, attrs = '', inner: string) => {
    if (/<w:rFonts\b[^>]*w:eastAsia=/.test(inner)) return m;
    let fixed: string;
    if (/<w:rFonts\b/.test(inner)) fixed = inner.replace(/<w:rFonts\b/, `<w:rFonts w:eastAsia="${FONTS.eastAsia}"`);
    else if (/^<w:rStyle\b[^>]*\/>/.test(inner)) fixed = inner.replace(/^(<w:rStyle\b[^>]*\/>)/, `$1${RFONTS}`);
    else fixed = RFONTS + inner;
    return `<w:r${attrs}><w:rPr>${fixed}</w:rPr>`;
  });
  s = s.replace(/<w:r(\s[^>]*)?><w:rPr\/>/g, (_m, attrs = '') => `<w:r${attrs}><w:rPr>${RFONTS}</w:rPr>`);
  if (/<w:pgSz\b[^>]*\/>/.test(s)) s = s.replace(/<w:pgSz\b[^>]*\/>/g, `<w:pgSz w:w="${A4.w}" w:h="${A4.h}"/>`);
  else s = s.replace(/<w:sectPr(\s[^>]*)?>/, (m) => `${m}<w:pgSz w:w="${A4.w}" w:h="${A4.h}"/>`);
  return s;
}

/** The visible text of a .docx (paragraphs joined by newlines), for tests and checks. */
export function docxText(bytes: Buffer | Uint8Array): string {
  const xml = new PizZip(bytes).file('word/document.xml')!.asText();
  return xml
    .replace(/<\/w:p>/g, '\n')
    .replace(/<w:tab\/>/g, '\t')
    .replace(/<w:br\/>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}
