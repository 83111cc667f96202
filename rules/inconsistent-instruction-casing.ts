import type { Rule, RuleDocs } from '../src/lint/types.js';

export default {
  meta: {
    code: 'GF230',
    name: 'inconsistent-instruction-casing',
    severity: 'warning',
    category: 'hygiene',
    description: 'Instruction keywords should all be upper case or all lower case; the majority wins.',
    aliases: ['ConsistentInstructionCasing'],
    fixable: true,
  },
  check(ctx) {
    const insts = ctx.model.instructions;
    const lower = insts.filter((i) => i.keywordText === i.keywordText.toLowerCase()).length;
    const upper = insts.filter((i) => i.keywordText === i.keywordText.toUpperCase()).length;
    const wantUpper = upper >= lower;
    for (const inst of insts) {
      const want = wantUpper ? inst.keywordText.toUpperCase() : inst.keywordText.toLowerCase();
      if (inst.keywordText === want) continue;
      const { start, end } = inst.keywordSpan;
      ctx.report({
        span: inst.keywordSpan,
        message: `write \`${want}\` like the ${wantUpper ? 'upper' : 'lower'}-case majority of instructions in this file`,
        fix: { description: `re-case ${inst.keywordText} as ${want}`, edits: [{ start: start.offset, end: end.offset, text: want }] },
      });
    }
  },
} satisfies Rule;

// Its page (rules/inconsistent-instruction-casing.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'BuildKit accepts any casing, but a file that mixes `FROM` and `run` (or writes `From`) is harder to scan, and greps for `^RUN` miss instructions. Whichever case most keywords use is taken as the file\'s convention; ties go to upper case.',
  bad: 'FROM golang:1.23 AS build\nrun go build -o /out/app .\nCOPY . .',
  good: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nCOPY . .',
  fix: '`--fix` re-cases the keywords that differ from the majority.',
};
