import type { Rule, RuleDocs } from '../src/lint/types.js';
import { spanOf } from '../src/dockerfile/text.js';

export default {
  meta: {
    code: 'GF231',
    name: 'empty-continuation-line',
    severity: 'warning',
    category: 'correctness',
    description: 'An empty line inside a `\\` continuation: BuildKit skips it today and will refuse it in a future version.',
    aliases: ['NoEmptyContinuation'],
    fixable: true,
  },
  check(ctx) {
    const { lineOffsets, text } = ctx.model;
    for (const inst of ctx.model.instructions) {
      for (const line of inst.emptyContinuationLines) {
        const start = lineOffsets[line];
        const end = line + 1 < lineOffsets.length ? lineOffsets[line + 1] : text.length;
        ctx.report({
          span: spanOf(lineOffsets, start, start),
          message: 'remove this empty line: it does not end the instruction, which continues on the next line',
          fix: { description: 'delete the empty continuation line', edits: [{ start, end, text: '' }] },
        });
      }
    }
  },
} satisfies Rule;

// Its page (rules/empty-continuation-line.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'An empty line looks like the end of an instruction but is not one: after `RUN a \\` and a blank line, the next line still belongs to the RUN — even when it starts with another instruction keyword. BuildKit warns that this will become an error. Comment lines inside a continuation are fine.',
  bad: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    ca-certificates \\\n\n    tzdata',
  good: 'FROM alpine:3.20\nRUN apk add --no-cache \\\n    ca-certificates \\\n    tzdata',
  fix: '`--fix` deletes the empty lines, which does not change what BuildKit builds.',
};
