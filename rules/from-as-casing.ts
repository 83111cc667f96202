import { splitFields } from '../src/dockerfile/words.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';

export default {
  meta: {
    code: 'GF217',
    name: 'from-as-casing',
    severity: 'warning',
    category: 'hygiene',
    description: 'Write `AS` in the same case as `FROM`.',
    aliases: ['FromAsCasing'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const from = stage.from.keywordText;
      const as = splitFields(stage.from.args)[1];
      if (!as || as.text.toLowerCase() !== 'as') continue;
      const want = from === from.toUpperCase() ? 'AS' : from === from.toLowerCase() ? 'as' : undefined;
      if (!want || as.text === want) continue;
      const start = stage.from.argOffset(as.start);
      ctx.report({
        span: stage.from.argSpan(as.start, as.end),
        message: `write ${want} to match ${from}: the keywords' casing should agree`,
        fix: { description: `use ${want}`, edits: [{ start, end: start + 2, text: want }] },
      });
    }
  },
} satisfies Rule;

// Its page (rules/from-as-casing.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`FROM golang:1.23 as build` mixes an upper-case instruction with a lower-case keyword; BuildKit warns about it because consistent casing is how readers (and tools) tell keywords from image and stage names. Use `FROM … AS …`, or `from … as …` in an all-lower-case file.',
  bad: 'FROM golang:1.23 as build\nRUN go build ./...',
  good: 'FROM golang:1.23 AS build\nRUN go build ./...',
};
