import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FormatError, isKnowledgeFile, readKnowledgeFile, reflowLines, splitAtUnits } from '../../src/retrieval/formats/index.js';
import { buildDocx, buildScannedPdf, buildTextPdf, randomBytes } from './format-fixtures.js';

const utf8 = (s: string) => new TextEncoder().encode(s);
const noSidecar = async () => undefined;

describe('article layout', () => {
  it('cuts glued articles apart but not references inside a sentence', () => {
    const lines = splitAtUnits(
      '第一条 为了保障工资，制定本条例。第二条 依照本法第四十七条的规定支付。第三条规定的情形除外。第四条　本条例自公布之日起施行。',
    );
    expect(lines).toEqual([
      '第一条 为了保障工资，制定本条例。',
      '第二条 依照本法第四十七条的规定支付。第三条规定的情形除外。',
      '第四条　本条例自公布之日起施行。',
    ]);
  });

  it('separates a chapter heading from the article after it', () => {
    expect(splitAtUnits('第一章 总则 第一条 为了保障工资，制定本条例。')).toEqual(['第一章 总则', '第一条 为了保障工资，制定本条例。']);
    expect(splitAtUnits('第二十条之一 劳务派遣。')).toEqual(['第二十条之一 劳务派遣。']);
  });

  it('reflows PDF lines: no space where a line wrap cut Chinese text, one between Latin words', () => {
    const paragraphs = reflowLines([
      '第一章 总则',
      '第一条 为了保障劳动者按时足额获得',
      '工资，制定本条例。第二条 依照本法',
      '第四十七条的规定支付。',
      'Article 3 wages are',
      'paid monthly.',
    ]);
    expect(paragraphs.flatMap(splitAtUnits)).toEqual([
      '第一章 总则',
      '第一条 为了保障劳动者按时足额获得工资，制定本条例。',
      '第二条 依照本法第四十七条的规定支付。',
      'Article 3 wages are paid monthly.',
    ]);
    expect(splitAtUnits('legal tender. Article 2 This applies in accordance with Article 5 of this law.')).toEqual([
      'legal tender.',
      'Article 2 This applies in accordance with Article 5 of this law.',
    ]);
  });
});

describe('readKnowledgeFile', () => {
  it('reads Markdown front matter and returns the body', async () => {
    const md =
      '---\ntitle: "某省工资支付条例"\nkind: local-regulation\nrepealed: true\neffective: 2024-01-01\n---\n\n# 某省工资支付条例\n\n第一条 工资按月支付。\n';
    const file = await readKnowledgeFile('policy/wages.md', utf8(md), { readFile: noSidecar });
    expect(file.frontMatter).toMatchObject({
      title: '某省工资支付条例',
      kind: 'local-regulation',
      repealed: true,
      effective: '2024-01-01',
    });
    expect(file.text.startsWith('\n# 某省工资支付条例')).toBe(true);
  });

  it('reads a .docx whose articles Word glued into one paragraph, keeping chapters as headings', async () => {
    const bytes = await buildDocx([
      { text: '某省工资支付条例', heading: 'title' },
      { text: '第一章 总则', heading: 1 },
      { text: '第一条 为了保障劳动者获得劳动报酬的权利，制定本条例。第二条 本条例适用于本省行政区域内的企业。' },
      { text: '第二章 工资支付' },
      { text: '第三条 工资应当以货币形式按月支付，不得以实物代替。' },
    ]);
    const file = await readKnowledgeFile('policy/wages.docx', bytes, { readFile: noSidecar });
    expect(file.frontMatter['title']).toBe('某省工资支付条例');
    expect(file.text).toBe(
      `${[
        '# 某省工资支付条例',
        '## 第一章 总则',
        '第一条 为了保障劳动者获得劳动报酬的权利，制定本条例。',
        '第二条 本条例适用于本省行政区域内的企业。',
        '## 第二章 工资支付',
        '第三条 工资应当以货币形式按月支付，不得以实物代替。',
      ].join('\n\n')}\n`,
    );
  });

  it('takes front matter for a .docx from its sidecar', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'niangjia-formats-'));
    const path = join(dir, 'notice.docx');
    await writeFile(path, await buildDocx([{ text: '第一条 本通知自发布之日起施行。' }]));
    await writeFile(`${path}.meta.yaml`, 'title: 关于工资支付的通知\nkind: policy\nsuperseded_by: "新通知" # replaced in 2025\n');
    const file = await readKnowledgeFile(path, new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(path))), {
      displayPath: 'notice.docx',
    });
    expect(file.frontMatter).toEqual({ title: '关于工资支付的通知', kind: 'policy', superseded_by: '新通知' });
    expect(file.text).toBe('# 关于工资支付的通知\n\n第一条 本通知自发布之日起施行。\n');
  });

  it('reads a text PDF and puts each article on its own line', async () => {
    const bytes = buildTextPdf([
      'Provincial Wage Rules',
      'Chapter 1 General',
      'Article 1 Wages shall be paid monthly in',
      'legal tender. Article 2 This applies to every employer',
      'in the province.',
      'Article 3 Overtime is paid under Article 44 of the Labour Law.',
    ]);
    const file = await readKnowledgeFile('policy/wages.pdf', bytes, { readFile: noSidecar });
    expect(file.frontMatter['title']).toBe('Provincial Wage Rules');
    expect(file.text).toBe(
      `${[
        '# Provincial Wage Rules',
        '## Chapter 1 General',
        'Article 1 Wages shall be paid monthly in legal tender.',
        'Article 2 This applies to every employer in the province.',
        'Article 3 Overtime is paid under Article 44 of the Labour Law.',
      ].join('\n\n')}\n`,
    );
  });

  it('refuses a scanned PDF with a reason that says what to do', async () => {
    const error = await readKnowledgeFile('policy/scan.pdf', buildScannedPdf(), { readFile: noSidecar }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FormatError);
    expect(error).toMatchObject({ path: 'policy/scan.pdf', reason: 'no text layer (scanned PDF?) — OCR it or supply a .docx' });
  });

  it('refuses a corrupt .docx and a corrupt .pdf with FormatError', async () => {
    for (const path of ['policy/broken.docx', 'policy/broken.pdf']) {
      const error = await readKnowledgeFile(path, randomBytes(), { readFile: noSidecar }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FormatError);
      expect((error as FormatError).path).toBe(path);
    }
  });

  it('reads HTML: title, headings and paragraphs, without scripts and styles', async () => {
    const html = `<!doctype html><html><head><title>某市工会法律援助办法</title><style>p{color:red}</style></head>
      <body><nav>首页 | 通知</nav><h1>某市工会法律援助办法</h1><script>alert("x")</script>
      <h2>第一章 总则</h2><p>第一条 为了维护职工合法权益，制定本办法。<br>第二条 职工可以申请法律援助。</p>
      <div>附：申请表 &amp; 说明</div></body></html>`;
    const file = await readKnowledgeFile('union/aid.html', utf8(html), { readFile: noSidecar });
    expect(file.frontMatter['title']).toBe('某市工会法律援助办法');
    expect(file.text).toBe(
      `${[
        '# 某市工会法律援助办法',
        '## 第一章 总则',
        '第一条 为了维护职工合法权益，制定本办法。',
        '第二条 职工可以申请法律援助。',
        '附：申请表 & 说明',
      ].join('\n\n')}\n`,
    );
  });

  it('reads plain text; the first short line is the title', async () => {
    const file = await readKnowledgeFile(
      'policy/min-wage.txt',
      utf8('某省最低工资标准\n第一条 月最低工资标准为2000元。第二条 小时最低工资标准为20元。\n'),
      { readFile: noSidecar },
    );
    expect(file.frontMatter['title']).toBe('某省最低工资标准');
    expect(file.text).toBe('# 某省最低工资标准\n\n第一条 月最低工资标准为2000元。\n\n第二条 小时最低工资标准为20元。\n');
  });

  it('knows which files are documents', () => {
    expect(['a.md', 'b.DOCX', 'c.pdf', 'd.htm', 'e.txt'].every(isKnowledgeFile)).toBe(true);
    expect(['a.docx.meta.yaml', 'b.json', 'c.png'].some(isKnowledgeFile)).toBe(false);
  });
});
