import type { Rule, RuleDocs } from '../src/lint/types.js';
import { stageNameSpan } from '../src/lint/helpers.js';

// Names BuildKit gives a meaning of its own: the empty image and the build context.
const RESERVED = new Set(['scratch', 'context']);

export default {
  meta: {
    code: 'GF215',
    name: 'reserved-stage-name',
    severity: 'error',
    category: 'correctness',
    description: 'A stage must not be called `scratch` or `context`.',
    aliases: ['ReservedStageName'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.name && RESERVED.has(stage.name.toLowerCase())) {
        ctx.report({ span: stageNameSpan(stage), message: `${stage.name} is a reserved name in BuildKit: call the stage something else` });
      }
    }
  },
} satisfies Rule;

// Its page (rules/reserved-stage-name.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`scratch` always means the empty image and `context` the build context (`COPY --from=context` and named contexts), so BuildKit refuses a stage with either name: `FROM … AS scratch` could never be referenced, and the build fails.',
  bad: 'FROM alpine:3.20 AS context\nRUN echo hi > /hi\nFROM scratch\nCOPY --from=context /hi /hi',
  good: 'FROM alpine:3.20 AS files\nRUN echo hi > /hi\nFROM scratch\nCOPY --from=files /hi /hi',
};
