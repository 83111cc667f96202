// COPY patterns as regexes: Go's filepath.Match semantics, and never a regex that fails to compile.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeRegExp, globRegExp } from '../../src/dockerfile/glob.js';
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { RULES } from '../../rules/index.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

describe('globRegExp', () => {
  it('matches as filepath.Match does: * and ? within one element, classes, negated classes, escapes', () => {
    const m = (p: string, s: string) => globRegExp(p).test(s);
    expect([m('/out/*', '/out/app'), m('/out/*', '/out/a/b'), m('/bin/ap?', '/bin/app'), m('/bin/ap?', '/bin/ap/')]).toEqual([true, false, true, false]);
    expect([m('/x/[ab]c', '/x/bc'), m('/x/[!ab]c', '/x/cc'), m('/x/[!ab]c', '/x/ac'), m('/x/[a-c]', '/x/b'), m('/x/\\*', '/x/*'), m('/x/\\*', '/x/y')]).toEqual([true, true, false, true, true, false]);
    expect(globRegExp('/etc/app', '(/.*)?').test('/etc/app/conf.yaml')).toBe(true);
  });
  it('takes a bad pattern (an unterminated class, a reversed range) literally instead of throwing', () => {
    expect(globRegExp('/etc/pass[wd').test('/etc/pass[wd')).toBe(true);
    expect(globRegExp('/x/[z-a]').test('/x/[z-a]')).toBe(true);
  });
  it('compiles for any pattern, and escapeRegExp matches any text literally', () => {
    fc.assert(fc.property(fc.string({ maxLength: 30 }), (s) => {
      expect(() => globRegExp(s)).not.toThrow();
      expect(new RegExp(`^${escapeRegExp(s)}$`).test(s)).toBe(true);
    }), { numRuns: 2000 });
  });
});

describe('names and paths with regex characters in them', () => {
  // found by fuzzing: these stopped lint and convert with "Invalid regular expression"
  const text = 'FROM golang:1.22 AS b\nRUN go build -o /app .\nFROM scratch\nCOPY --from=b /app /app\nCOPY --from=b /etc/pass[wd /etc/\nUSER a[b\nENV X[=$X[ Y(=1\nENTRYPOINT ["/app"]\n';
  it('lint reads them to the end', () => {
    const { findings } = lintText({ text, path: 'Dockerfile' }, new RuleSet(RULES));
    expect(findings.some((f) => f.code === 'GF000')).toBe(false);
    expect(findings.length).toBeGreaterThan(0);
  });
  it('convert reports them', () => {
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    expect(r.report.find((n) => n.line === 7)?.outcome).toBe('unrepresentable');
  });
});
