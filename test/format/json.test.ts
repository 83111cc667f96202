import { describe, expect, it } from 'vitest';
import { formatJson } from '../../src/lint/format/json.js';
import { HOSTILE, ROOT_FILE, makeContext, sampleFindings } from './fixtures.js';

const KEYS = ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'rule', 'severity', 'message', 'fixable'];

describe('json format', () => {
  const out = formatJson(sampleFindings(), makeContext());
  const parsed = JSON.parse(out) as Record<string, unknown>[];

  it('prints exactly the documented keys, in order, without the fix', () => {
    expect(parsed).toHaveLength(5);
    for (const item of parsed) expect(Object.keys(item)).toEqual(KEYS);
    expect(out).not.toContain('"fix"');
    expect(out).not.toContain('edits');
  });

  it('sorts by file then position and makes paths relative with forward slashes', () => {
    expect(parsed.map((f) => `${f.file}:${f.line}`)).toEqual([
      'Dockerfile:1',
      'Dockerfile:3',
      'Dockerfile:12',
      'cmd/api/Dockerfile:1',
      'cmd/api/Dockerfile:7',
    ]);
  });

  it('keeps every value of a finding', () => {
    expect(parsed[4]).toEqual({
      file: 'cmd/api/Dockerfile',
      line: 7,
      column: 5,
      endLine: 7,
      endColumn: 30,
      code: 'GF005',
      rule: 'apk-no-cache',
      severity: 'warning',
      message: 'Use apk add --no-cache.',
      fixable: true,
    });
  });

  it('pretty-prints with two spaces and ends with a newline', () => {
    expect(out.startsWith('[\n  {\n    "file": "Dockerfile",\n    "line": 1,')).toBe(true);
    expect(out.endsWith(']\n')).toBe(true);
  });

  it('prints an empty array for a clean run', () => {
    expect(formatJson([], makeContext())).toBe('[]\n');
  });

  it('round-trips a hostile message', () => {
    const [f] = sampleFindings();
    const back = JSON.parse(formatJson([{ ...f, file: ROOT_FILE, message: HOSTILE }], makeContext()));
    expect(back[0].message).toBe(HOSTILE);
  });

  it('does not depend on the order the engine reported in', () => {
    expect(formatJson(sampleFindings().reverse(), makeContext())).toBe(out);
  });
});
