import { describe, expect, it } from 'vitest';
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { RULES } from '../../rules/index.js';

// Inputs where a quadratic step (a backtracking regex, a scope copied per ARG/ENV) took minutes: each must lint
// to the end. They are sized so that the quadratic versions ran far past the test timeout (100k blanks took 7 s).
const N = 400_000;
const blanks = ' '.repeat(N);
const CASES: Record<string, string> = {
  'blanks inside a RUN': `FROM alpine:3.20\nRUN echo${blanks}x\n`,
  'blanks and tabs before a continuation': `FROM alpine:3.20\nRUN echo${' \t'.repeat(N / 2)}\\\n x\n`,
  'blanks inside a directive value': `# syntax = a${blanks}b\nFROM alpine:3.20\n`,
  'blanks inside a comment': `# a${blanks}b\nFROM alpine:3.20\n`,
  'blanks inside ENV, LABEL, COPY, FROM': `FROM alpine:3.20${blanks}AS x\nENV A=1${blanks}B=2\nLABEL a=b${blanks}c=d\nCOPY a${blanks}b /x/\n`,
  'a line of escapes': `FROM alpine:3.20\nRUN echo ${'\\'.repeat(N)}\n`,
  'a line of quotes': `FROM alpine:3.20\nRUN echo ${'"'.repeat(N)}\n`,
  'a line of dollars and braces': `FROM alpine:3.20\nRUN echo ${'${'.repeat(N / 2)}\n`,
  'a long pipeline': `FROM alpine:3.20\nRUN ${'a|'.repeat(N / 2)}b\n`,
  'many continuation lines': `FROM alpine:3.20\nRUN echo \\\n${' \\\n'.repeat(N / 4)} x\n`,
  'many ARG and ENV lines': `FROM alpine:3.20\n${Array.from({ length: 16_000 }, (_, i) => `ARG A${i}=1\nENV B${i}=$A${i}\n`).join('')}`,
  'many stages': Array.from({ length: 2_000 }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(i - 1, 0)} /a /a\n`).join(''),
};

describe('linear in the input', () => {
  const rules = new RuleSet(RULES);
  it.each(Object.entries(CASES))('lints %s to the end', (_name, text) => {
    const { model, findings } = lintText({ text, path: 'Dockerfile' }, rules);
    expect(model.errors).toEqual([]);
    expect(model.instructions.at(-1)!.span.end.offset).toBeGreaterThan(text.length - 400);
    expect(findings.every((f) => f.line >= 1)).toBe(true);
  });
});
