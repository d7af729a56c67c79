/**
 * The bundled result-slip template, templates/slips/绩效结果确认单.docx, built from code so it is
 * reproducible (`npm run fixtures` writes it). HR may edit the file in Word or WPS — move,
 * restyle or reword anything, keeping the {placeholders} listed in SLIP_SCHEMA.
 *
 * One {#人员}…{/人员} loop holds a whole page; {@分页} ends each page but the last with a page break.
 * Labels are Chinese: the slip is the document the employee signs (§5.1.4, §5.1.5).
 */
import PizZip from 'pizzip';

export const SLIP_TEMPLATE_FILE = '绩效结果确认单.docx';

/** Placeholders of the slip template (README lists them for HR). */
export const SLIP_SCHEMA = {
  loop: '人员',
  scalars: ['月份', '姓名', '工号', '部门', '岗位', '类别', '总分', '等级', '排名', '绩效工资', '罚款', '结果应用', '直接经理', '隔级经理'],
  loops: {
    项目: ['名称', '权重', '得分', '打分人'],
    目标: ['项目', '序号', '指标', '权重', '目标值', '实际值', '得分'],
  },
  conditions: ['有目标'],
  raw: ['分页'],
} as const;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const FONT = '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="宋体" w:cs="Times New Roman"/>';

interface RunOpts {
  bold?: boolean;
  size?: number; // half-points
}
const run = (text: string, o: RunOpts = {}) =>
  `<w:r><w:rPr>${FONT}${o.bold ? '<w:b/>' : ''}${o.size ? `<w:sz w:val="${o.size}"/><w:szCs w:val="${o.size}"/>` : ''}</w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;

interface ParOpts extends RunOpts {
  align?: 'center' | 'left' | 'right';
  after?: number; // spacing after, twips
  before?: number;
}
const par = (parts: string | [string, RunOpts][], o: ParOpts = {}) => {
  const runs = typeof parts === 'string' ? run(parts, o) : parts.map(([t, ro]) => run(t, { size: o.size, ...ro })).join('');
  return `<w:p><w:pPr><w:spacing w:before="${o.before ?? 0}" w:after="${o.after ?? 60}"/>${o.align ? `<w:jc w:val="${o.align}"/>` : ''}</w:pPr>${runs}</w:p>`;
};

const BORDERS =
  '<w:tblBorders>' +
  ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map((b) => `<w:${b} w:val="single" w:sz="4" w:space="0" w:color="808080"/>`).join('') +
  '</w:tblBorders>';

const cell = (text: string, width: number, o: RunOpts & { shade?: boolean } = {}) =>
  `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>${o.shade ? '<w:shd w:val="clear" w:color="auto" w:fill="D9E1F2"/>' : ''}</w:tcPr>${par(text, { size: 18, after: 0, ...o })}</w:tc>`;

/** A table: a shaded header row and one looping row ({#loop} in its first cell, {/loop} in its last). */
function loopTable(loop: string, columns: { header: string; field: string; width: number }[]): string {
  const grid = columns.map((c) => `<w:gridCol w:w="${c.width}"/>`).join('');
  const header = `<w:tr><w:trPr><w:tblHeader/></w:trPr>${columns.map((c) => cell(c.header, c.width, { bold: true, shade: true })).join('')}</w:tr>`;
  const body = `<w:tr><w:trPr><w:cantSplit/></w:trPr>${columns
    .map((c, i) => cell(`${i === 0 ? `{#${loop}}` : ''}{${c.field}}${i === columns.length - 1 ? `{/${loop}}` : ''}`, c.width))
    .join('')}</w:tr>`;
  return `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${BORDERS}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>${grid}</w:tblGrid>${header}${body}</w:tbl>`;
}

/** Text width of the page: A4 (11906) minus 2 cm margins each side (1134 twips). */
const TEXT_W = 11906 - 2 * 1134;

function body(): string {
  const label = (l: string, v: string): [string, RunOpts][] => [
    [l, { bold: true }],
    [v, {}],
  ];
  const parts = [
    par('{#人员}', { after: 0 }),
    par('绩效考核结果确认单', { bold: true, size: 32, align: 'center', after: 120 }),
    par(
      [
        ...label('考核月份:', '{月份}    '),
        ...label('姓名:', '{姓名}    '),
        ...label('工号:', '{工号}'),
      ],
      { size: 21 },
    ),
    par([...label('部门:', '{部门}    '), ...label('岗位:', '{岗位}    '), ...label('类别:', '{类别}')], { size: 21, after: 120 }),
    par('一、考核项目', { bold: true, size: 22, before: 60 }),
    loopTable('项目', [
      { header: '考核项目', field: '名称', width: 4200 },
      { header: '权重', field: '权重', width: 1100 },
      { header: '得分', field: '得分', width: 1700 },
      { header: '打分人', field: '打分人', width: TEXT_W - 7000 },
    ]),
    par('{#有目标}', { after: 0 }),
    par('二、目标与关键考核指标(§5.1.1)', { bold: true, size: 22, before: 120 }),
    loopTable('目标', [
      { header: '所属项目', field: '项目', width: 2000 },
      { header: '序号', field: '序号', width: 600 },
      { header: '指标/目标', field: '指标', width: 2400 },
      { header: '权重%', field: '权重', width: 800 },
      { header: '目标值', field: '目标值', width: 1300 },
      { header: '实际值', field: '实际值', width: 1300 },
      { header: '得分', field: '得分', width: TEXT_W - 8400 },
    ]),
    par('{/有目标}', { after: 0 }),
    par('三、考核结果', { bold: true, size: 22, before: 120 }),
    par([...label('总分:', '{总分}    '), ...label('等级:', '{等级}')], { size: 21 }),
    par(label('分布位置:', '{排名}'), { size: 21 }),
    par(label('绩效工资:', '{绩效工资}'), { size: 21 }),
    par(label('迟交罚款(作为打分人,§5.7):', '{罚款}'), { size: 21 }),
    par(label('结果应用(§5.8):', '{结果应用}'), { size: 21, after: 120 }),
    par('四、绩效面谈与签字确认(§5.1.4、§5.1.5)', { bold: true, size: 22, before: 120 }),
    par('直接经理已与本人单独进行绩效面谈,将以上结果反馈给本人;双方签字认可,经隔级经理签字后送人力资源部审核存档。', { size: 21, after: 200 }),
    par([...label('员工签字:', '____________________    '), ...label('日期:', '______________')], { size: 21, after: 200 }),
    par([...label('直接经理签字:', '____________________    '), ['姓名:{直接经理}', {}]], { size: 21, after: 200 }),
    par([...label('隔级经理签字:', '____________________    '), ['姓名:{隔级经理}', {}]], { size: 21, after: 200 }),
    par(label('面谈日期:', '______年____月____日'), { size: 21, after: 0 }),
    par('{@分页}', { after: 0 }),
    par('{/人员}', { after: 0 }),
  ];
  const sect = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
  return parts.join('') + sect;
}

const DOCUMENT = () =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${body()}</w:body></w:document>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr>${FONT}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`;

const RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const DOC_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

/** The default template's bytes (a fixed date in the zip so rebuilding gives the same file). */
export function slipTemplateBytes(): Buffer {
  const zip = new PizZip();
  const date = new Date(Date.UTC(2026, 0, 1));
  const opts = { date, createFolders: false };
  zip.file('[Content_Types].xml', CONTENT_TYPES, opts);
  zip.file('_rels/.rels', RELS, opts);
  zip.file('word/document.xml', DOCUMENT(), opts);
  zip.file('word/styles.xml', STYLES, opts);
  zip.file('word/_rels/document.xml.rels', DOC_RELS, opts);
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
