import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sniffBytes } from '../../src/sheets/sniff.js';

const CORPUS = '/work/shared/corpus/realworld';
const manifest = readFileSync(join(CORPUS, 'MANIFEST.tsv'), 'utf8')
  .trim()
  .split('\n')
  .slice(1)
  .map((l) => l.split('\t') as [string, string]);

describe('sniffBytes on the real-world corpus', () => {
  it('lists every file of the corpus folder', () => {
    // MANIFEST.tsv has a header line and 82 rows; the folder also holds README, LICENSE and itself.
    const files = readdirSync(CORPUS).filter((f) => !/^(MANIFEST\.tsv|README\.md|LICENSE.*)$/.test(f));
    expect(manifest.map(([f]) => f).sort()).toEqual(files.sort());
    expect(manifest.length).toBe(82);
  });
  it.each(manifest)('%s is %s', (file, format) => {
    expect(sniffBytes(readFileSync(join(CORPUS, file)))).toBe(format);
  });
});

describe('sniffBytes on made-up content', () => {
  const cases: [string, Buffer, string][] = [
    ['empty', Buffer.alloc(0), 'empty'],
    ['blank lines', Buffer.from('\r\n  \n'), 'empty'],
    ['zero bytes (an unfinished download)', Buffer.alloc(70000), 'empty'],
    ['pdf', Buffer.from('%PDF-1.7\n...'), 'pdf'],
    ['utf-8 csv with BOM', Buffer.from('\uFEFF工号,姓名\n1001,张三\n'), 'csv'],
    ['tab separated', Buffer.from('工号\t姓名\n1001\t张三\n'), 'csv'],
    ['utf-16 text (Excel "Unicode text")', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('工号\t姓名\r\n', 'utf16le')]), 'csv'],
    ['GBK csv', Buffer.from([0xb9, 0xa4, 0xba, 0xc5, 0x2c, 0xd0, 0xd5, 0xc3, 0xfb, 0x0d, 0x0a]), 'csv'],
    ['html table saved as .xls', Buffer.from('<html><body><table><tr><td>1</td></tr></table></body></html>'), 'legacy-xls'],
    ['plain prose', Buffer.from('hello world'), 'unknown'],
    ['png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'unknown'],
    ['empty zip', Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]), 'zip-other'],
  ];
  it.each(cases)('%s', (_name, bytes, format) => expect(sniffBytes(bytes)).toBe(format));
});
