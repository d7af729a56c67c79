/**
 * The .docx machinery (src/docs/docx.ts) on the real templates in templates/letters/: a letter
 * read back (document.xml text), fonts and A4, refused templates (unknown, malformed, missing
 * value), tags split across runs by hand and by LibreOffice re-saving the template, and a PDF
 * made by LibreOffice whose text (pdftotext) has every Chinese character of the letter.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { interopSuite } from '../interop/gate.js';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import PizZip from 'pizzip';
import { renderDocx, docxText, checkTemplate, type DocData } from '../../src/docs/docx.js';
import { LETTER_SCHEMA, PLAN_SCHEMA, TEMPLATE_FILES } from '../../src/docs/templates.js';
import { convert, cleanupLibreOffice } from '../interop/lo.js';
import { ROOT, removeTempDirs, tempDir } from '../e2e/helpers.js';

afterAll(() => {
  cleanupLibreOffice();
  removeTempDirs();
});

const tpl = (name: string) => readFileSync(path.join(ROOT, 'templates', 'letters', name));
const HR = TEMPLATE_FILES.hrWarning;

const data: DocData = {
  员工姓名: '李文平',
  工号: '1044',
  部门: '销售部',
  岗位: '销售顾问',
  月份: '2026年10月',
  改进期限: '2026年12月9日',
  签发日期: '2026年11月9日',
  部门负责人: '周建国(总监)',
  直线经理: '王强',
  原因: [
    { 序号: 1, 说明: '2026年7月:等级 D,总分 85.50。' },
    { 序号: 2, 说明: '2026年8月:等级 D,总分 80.00。' },
    { 序号: 3, 说明: '2026年9月:等级 E(当月只保留了等级)。' },
    { 序号: 4, 说明: '2026年10月:等级 D,总分 82.00;得分最低的两项:关键考核指标KPI 79.00(得分最低的目标:过程指标 77.00);工作纪律 80.00。' },
  ],
};

const documentXml = (b: Buffer) => new PizZip(b).file('word/document.xml')!.asText();

function render(template: Buffer, d = data, schema = LETTER_SCHEMA) {
  const r = renderDocx(template, d, schema, 'x.docx');
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.bytes;
}

describe('a letter read back', () => {
  it('has the name, every month with grade and total, the deadline, the policy wording, and no placeholder left', () => {
    const text = docxText(render(tpl(HR)));
    expect(text).toContain('致 李文平(工号 1044,销售部 销售顾问)');
    expect(text).toContain('此函是公司正式下达的书面警告');
    for (const l of data.原因 as { 序号: number; 说明: string }[]) expect(text).toContain(`${l.序号}. ${l.说明}`);
    expect(text).toContain('在2026年12月9日之前');
    expect(text).toContain('周建国(总监)');
    expect(text).toContain('我在此确认已阅读并理解以上内容。');
    expect(text).not.toMatch(/[{}]|undefined/);
  });

  it('the line manager form has its own opening sentence', () => {
    const text = docxText(render(tpl(TEMPLATE_FILES.managerWarning)));
    expect(text).toContain('这是继口头警告后正式的书面警告');
    expect(text).not.toContain('此函是公司正式下达的书面警告');
  });

  it('every run has its East Asian font, and the page is A4', () => {
    const xml = documentXml(render(tpl(HR)));
    const runs = xml.match(/<w:r(?:\s[^>]*)?>[\s\S]*?<\/w:r>/g)!;
    expect(runs.length).toBeGreaterThan(10);
    for (const r of runs) expect(r).toMatch(/<w:rFonts [^>]*w:eastAsia="宋体"/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"\/>/);
  });

  it('the improvement plan has the goals table and three signature lines', () => {
    const text = docxText(
      render(tpl(TEMPLATE_FILES.improvementPlan), { ...data, 改进期开始: '2026年11月1日', 改进期结束: '2026年12月31日', 改进月份: '2026年11月、2026年12月' }, PLAN_SCHEMA),
    );
    expect(text).toContain('改进期:2026年11月1日 至 2026年12月31日');
    expect(text.replace(/\n/g, '')).toContain('序号改进目标衡量标准完成期限所需支持');
    expect(text.match(/签字|人力资源部 ___/g)!.length).toBe(3);
  });
});

describe('templates refused, values missing', () => {
  const edit = (b: Buffer, f: (xml: string) => string) => {
    const z = new PizZip(b);
    z.file('word/document.xml', f(z.file('word/document.xml')!.asText()));
    return z.generate({ type: 'nodebuffer' });
  };
  it('an unknown placeholder is refused naming it', () => {
    const bad = edit(tpl(HR), (x) => x.replace('{部门负责人}', '{部门经理}'));
    const r = renderDocx(bad, data, LETTER_SCHEMA, 'hr.docx');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => [i.code, i.found])).toEqual([['docx.unknown_placeholder', '{部门经理}']]);
  });
  it('a malformed placeholder is refused naming it', () => {
    const bad = edit(tpl(HR), (x) => x.replace('{改进期限}', '{改进期限'));
    const issues = checkTemplate(bad, LETTER_SCHEMA, 'hr.docx');
    expect(issues.map((i) => i.code)).toContain('docx.bad_placeholder');
    expect(JSON.stringify(issues)).toContain('改进期限');
  });
  it('a missing or blank value is an error naming the placeholder, never "undefined"', () => {
    const { 部门负责人: _drop, ...rest } = data;
    const r = renderDocx(tpl(HR), rest, LETTER_SCHEMA, 'hr.docx');
    expect(!r.ok && r.issues.map((i) => [i.code, i.found])).toEqual([['docx.missing_value', '{部门负责人}']]);
    const blank = renderDocx(tpl(HR), { ...data, 改进期限: ' ' }, LETTER_SCHEMA, 'hr.docx');
    expect(!blank.ok && blank.issues.map((i) => i.found)).toEqual(['{改进期限}']);
  });
});

describe('tags split across runs', () => {
  it('by hand: {员工姓名} and {改进期限} cut into three runs with different formatting still fill', () => {
    const z = new PizZip(tpl(HR));
    const xml = z.file('word/document.xml')!.asText();
    const split = xml
      .replace('{员工姓名}', '{员工</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>姓</w:t></w:r><w:r><w:t>名}')
      .replace('{改进期限}', '{改进</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>期限}');
    expect(split).not.toContain('{员工姓名}');
    z.file('word/document.xml', split);
    const out = render(z.generate({ type: 'nodebuffer' }));
    const text = docxText(out);
    expect(text).toContain('致 李文平');
    expect(text).toContain('2026年12月9日');
    expect(text).not.toMatch(/[{}]/);
    // the runs added by hand (no font of their own) get the East Asian font too
    for (const r of documentXml(out).match(/<w:r(?:\s[^>]*)?>[\s\S]*?<\/w:r>/g)!) expect(r).toMatch(/w:eastAsia="宋体"/);
  });

  it.runIf(interopSuite('test/history/docx.test.ts (LibreOffice round trip)', ['soffice', 'pdftotext']))('by LibreOffice: the template re-saved by Writer (its own runs and rsids) fills, and the letter converts to a PDF with every Chinese character', async () => {
    const dir = tempDir('docx-lo');
    const src = path.join(dir, 'src');
    mkdirSync(src, { recursive: true });
    const original = path.join(src, 'hr-template.docx');
    writeFileSync(original, tpl(HR));
    const resaved = (await convert([original], 'docx:MS Word 2007 XML', path.join(dir, 'resaved'))).get(original)![0];
    const bytes = readFileSync(resaved);
    expect(documentXml(bytes)).not.toBe(documentXml(tpl(HR)));
    const letter = path.join(dir, 'letter.docx');
    writeFileSync(letter, render(bytes));
    expect(docxText(readFileSync(letter))).not.toMatch(/[{}]|undefined/);

    const pdf = (await convert([letter], 'pdf', path.join(dir, 'pdf'))).get(letter)![0];
    const p = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(p.status, 'pdftotext (poppler-utils) must be installed').toBe(0);
    const pdfText = p.stdout.replace(/\s+/g, '');
    const wanted = new Set(docxText(readFileSync(letter)).replace(/[^\u4e00-\u9fff]/g, ''));
    const absent = [...wanted].filter((ch) => !pdfText.includes(ch));
    expect(absent).toEqual([]);
    expect(pdfText).toContain('李文平');
    expect(pdfText).toContain('2026年12月9日');
  }, 180_000);
});
