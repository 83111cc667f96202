import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORMAT, FORMATS, isFormatName, loadFormatter, type FormatName } from '../../src/lint/format/index.js';
import { makeContext, sampleFindings } from './fixtures.js';

describe('format index', () => {
  it('lists the six formats, stylish first and default', () => {
    expect(FORMATS).toEqual(['stylish', 'json', 'sarif', 'checkstyle', 'gitlab', 'github']);
    expect(DEFAULT_FORMAT).toBe('stylish');
  });

  it('tells format names from other strings', () => {
    expect(FORMATS.every(isFormatName)).toBe(true);
    expect(isFormatName('xml')).toBe(false);
    expect(isFormatName('JSON')).toBe(false);
  });

  it.each(FORMATS)('loads %s and it formats the sample', async (name) => {
    const format = await loadFormatter(name);
    const out = format(sampleFindings(), makeContext());
    expect(out.length).toBeGreaterThan(0);
    expect(out.endsWith('\n')).toBe(true);
  });

  it('rejects an unknown name from an untyped caller, listing the choices', async () => {
    await expect(loadFormatter('xml' as FormatName)).rejects.toThrow(/unknown format "xml".*stylish, json/);
  });

  it('imports no formatter eagerly: index.ts has only type imports', () => {
    // Start-up time in pre-commit hooks depends on this; a static import would pull chalk or crypto in.
    const source = readFileSync(new URL('../../src/lint/format/index.ts', import.meta.url), 'utf8');
    const staticImports = source
      .split('\n')
      .filter((line) => line.startsWith('import ') || line.startsWith('export * from') || line.startsWith('export {'));
    expect(staticImports.every((line) => line.startsWith('import type ') || line.startsWith('export type '))).toBe(true);
  });
});
