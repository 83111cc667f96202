// ESLint-style table tests for one rule: valid inputs, invalid inputs with their findings and fixed output.
import { describe, expect, it } from 'vitest';
import { fixText, lintText, RuleSet } from '../../src/lint/engine.js';
import { defaultConfig } from '../../src/lint/config.js';
import type { Rule } from '../../src/lint/types.js';

export interface Case {
  /** A name for the test; defaults to the first line of code. */
  name?: string;
  code: string;
  /** ParseOptions extras: target stage, build args. */
  target?: string;
  buildArgs?: Record<string, string>;
  goMod?: { goVersion?: string; toolchain?: string } | null;
  dockerignore?: string[] | null;
  /** Config tweaks: opt-in rules are enabled automatically; requireDigest etc. */
  requireDigest?: boolean;
  trustedRegistries?: string[];
}

export interface InvalidCase extends Case {
  /** One entry per expected finding: its line, and optionally column and a substring of the message. */
  errors: { line: number; column?: number; message?: string | RegExp }[];
  /** The text after --fix; omit when the rule offers no fix for this case (then none must be offered). */
  output?: string;
}

export function ruleTester(rule: Rule, cases: { valid: (string | Case)[]; invalid: InvalidCase[] }): void {
  const rules = new RuleSet([rule]);
  const run = (c: Case) => {
    const config = { ...defaultConfig(), enabled: [rule.meta.code], requireDigest: !!c.requireDigest, trustedRegistries: c.trustedRegistries ?? [] };
    const input = { text: c.code, path: 'Dockerfile', config, goMod: c.goMod ?? null, dockerignore: c.dockerignore, parse: { target: c.target, buildArgs: c.buildArgs } };
    return { input, ...lintText(input, rules) };
  };
  describe(`${rule.meta.code} ${rule.meta.name}`, () => {
    for (const v of cases.valid) {
      const c = typeof v === 'string' ? { code: v } : v;
      it(`valid: ${c.name ?? firstLines(c.code)}`, () => {
        const { model, findings } = run(c);
        expect(model.errors, 'the test input must parse').toEqual([]);
        expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name ?? firstLines(c.code)}`, () => {
        const { model, findings, input } = run(c);
        expect(model.errors, 'the test input must parse').toEqual([]);
        expect(findings.map((f) => f.line)).toEqual(c.errors.map((e) => e.line));
        c.errors.forEach((e, i) => {
          const f = findings[i];
          expect(f.code).toBe(rule.meta.code);
          expect(f.severity).toBe(rule.meta.severity);
          if (e.column !== undefined) expect(f.column).toBe(e.column);
          if (e.message !== undefined) expect(f.message).toMatch(e.message);
        });
        if (c.output === undefined) {
          expect(findings.some((f) => f.fixable), 'no fix expected for this case').toBe(false);
        } else {
          expect(rule.meta.fixable).toBe(true);
          const fixed = fixText(input, rules);
          expect(fixed.text).toBe(c.output);
          // fixing twice changes nothing the second time
          expect(fixText({ ...input, text: fixed.text }, rules).text).toBe(fixed.text);
        }
      });
    }
  });
}

function firstLines(code: string): string {
  const lines = code.split('\n').filter((l) => l.trim());
  return lines.slice(0, 3).join(' ⏎ ').slice(0, 90);
}
