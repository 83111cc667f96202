import type { Rule, RuleDocs } from '../src/lint/types.js';

export default {
  meta: {
    code: 'GF227',
    name: 'redundant-target-platform',
    severity: 'info',
    category: 'hygiene',
    description: '`FROM --platform=$TARGETPLATFORM` says what FROM does anyway: remove the flag.',
    aliases: ['RedundantTargetPlatform'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      if (!flag || !/^\$(TARGETPLATFORM|\{TARGETPLATFORM\})$/.test((flag.value ?? '').replace(/^"(.*)"$/, '$1'))) continue;
      // Remove the flag and the blanks after it.
      const text = ctx.model.text;
      let end = flag.span.end.offset;
      while (text[end] === ' ' || text[end] === '\t') end++;
      ctx.report({
        span: flag.span,
        message: 'stages are built for $TARGETPLATFORM by default: remove --platform=$TARGETPLATFORM',
        fix: { description: 'remove the redundant --platform flag', edits: [{ start: flag.span.start.offset, end, text: '' }] },
      });
    }
  },
} satisfies Rule;

// Its page (rules/redundant-target-platform.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A stage is built for the target platform unless told otherwise, so `--platform=$TARGETPLATFORM` changes nothing. It reads as if it did something (readers look for the cross-compilation the flag seems to set up), and it hides the one FROM flag that matters in Go builds: `--platform=$BUILDPLATFORM` on the builder, which runs the compiler natively and cross-compiles with GOOS/GOARCH.',
  bad: 'FROM --platform=$TARGETPLATFORM gcr.io/distroless/static-debian12:nonroot',
  good: 'FROM gcr.io/distroless/static-debian12:nonroot',
  fix: '`--fix` removes the flag.',
};
