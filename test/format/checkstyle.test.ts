import path from 'node:path';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { describe, expect, it } from 'vitest';
import { formatCheckstyle, xmlAttr } from '../../src/lint/format/checkstyle.js';
import { CWD, HOSTILE, ROOT_FILE, makeContext, sampleFindings } from './fixtures.js';

interface Element {
  name: string;
  attributes: Record<string, string>;
  children: Element[];
}

/** Parses with a conforming XML 1.0 parser: any well-formedness error throws. */
function parseXml(xml: string): { declaration: { version?: string; encoding?: string }; root: Element } {
  const parser = new SaxesParser();
  const stack: Element[] = [];
  let root: Element | undefined;
  let declaration: { version?: string; encoding?: string } = {};
  parser.on('xmldecl', (decl) => {
    declaration = { version: decl.version, encoding: decl.encoding };
  });
  parser.on('error', (err) => {
    throw err;
  });
  parser.on('text', (text) => {
    if (text.trim() !== '') throw new Error(`unexpected text ${JSON.stringify(text)}`);
  });
  parser.on('opentag', (tag) => {
    const el: Element = { name: tag.name, attributes: { ...(tag as SaxesTagPlain).attributes }, children: [] };
    if (stack.length > 0) stack[stack.length - 1].children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('closetag', () => stack.pop());
  parser.write(xml).close();
  return { declaration, root: root! };
}

describe('checkstyle format', () => {
  const out = formatCheckstyle(sampleFindings(), makeContext());
  const { declaration, root } = parseXml(out);

  it('is well-formed XML with a checkstyle root', () => {
    expect(declaration).toMatchObject({ version: '1.0', encoding: 'utf-8' });
    expect(root.name).toBe('checkstyle');
    expect(root.attributes.version).toBe('4.3');
  });

  it('has a <file> for every linted file, clean ones included, with relative names', () => {
    expect(root.children.map((f) => [f.name, f.attributes.name, f.children.length])).toEqual([
      ['file', 'Dockerfile', 3],
      ['file', 'cmd/api/Dockerfile', 2],
      ['file', 'tools/Dockerfile', 0],
    ]);
  });

  it('writes each finding as an <error> with mapped severity and a rule source', () => {
    const [rootFile, apiFile] = root.children;
    expect(rootFile.children.map((e) => e.attributes)).toEqual([
      { line: '1', column: '6', severity: 'error', message: 'Pin golang to a version tag.', source: 'gofile.GF001.unpinned-base-image' },
      { line: '3', column: '1', severity: 'info', message: 'Write RUN in upper case.', source: 'gofile.GF003.instruction-casing' },
      { line: '12', column: '1', severity: 'info', message: 'The final scratch stage has no zoneinfo.', source: 'gofile.GF020.scratch-zoneinfo' },
    ]);
    expect(apiFile.children[1].attributes).toMatchObject({ severity: 'warning', line: '7', column: '5' });
    expect(new Set(rootFile.children.map((e) => e.name))).toEqual(new Set(['error']));
  });

  it('round-trips hostile text in messages and file names through a real parser', () => {
    const [f] = sampleFindings();
    const file = path.join(CWD, `a&b<c>"d'e`, 'Dockerfile');
    const xml = formatCheckstyle([{ ...f, file, message: HOSTILE + '\tend' }], makeContext({ files: [file] }));
    const parsed = parseXml(xml).root.children[0];
    expect(parsed.attributes.name).toBe(`a&b<c>"d'e/Dockerfile`);
    // Line breaks and tabs survive: a parser would turn literal ones into spaces.
    expect(parsed.children[0].attributes.message).toBe(HOSTILE + '\tend');
  });

  it('replaces characters that XML 1.0 cannot carry, keeping the document well-formed', () => {
    const [f] = sampleFindings();
    const message = 'nul\u0000 esc\u001b lone\ud800 nonchar\uffff ok\u{1f600}';
    const xml = formatCheckstyle([{ ...f, file: ROOT_FILE, message }], makeContext({ files: [ROOT_FILE] }));
    expect(parseXml(xml).root.children[0].children[0].attributes.message).toBe(
      'nul\ufffd esc\ufffd lone\ufffd nonchar\ufffd ok\u{1f600}',
    );
  });

  it('uses a checker that does reject malformed XML', () => {
    expect(() => parseXml('<a b="<"/>')).toThrow();
    expect(() => parseXml('<a b="&"/>')).toThrow();
    expect(() => parseXml('<a b="\u0001"/>')).toThrow();
    expect(() => parseXml('<a><b></a></b>')).toThrow();
  });

  it('escapes every markup character in attribute text', () => {
    expect(xmlAttr(`<>&"'`)).toBe('&lt;&gt;&amp;&quot;&apos;');
    expect(xmlAttr('a\nb\rc\td')).toBe('a&#10;b&#13;c&#9;d');
  });

  it('writes an empty report for a run with no files', () => {
    const { root: empty } = parseXml(formatCheckstyle([], makeContext({ files: [] })));
    expect(empty).toEqual({ name: 'checkstyle', attributes: { version: '4.3' }, children: [] });
  });

  it('lists clean files even when nothing was found', () => {
    const { root: clean } = parseXml(formatCheckstyle([], makeContext()));
    expect(clean.children.map((f) => f.attributes.name)).toEqual(['Dockerfile', 'cmd/api/Dockerfile', 'tools/Dockerfile']);
  });
});
