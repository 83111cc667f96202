import type { Stage } from '../src/dockerfile/model.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import { stageNameSpan } from '../src/lint/helpers.js';

export default {
  meta: {
    code: 'GF214',
    name: 'duplicate-stage-name',
    severity: 'error',
    category: 'correctness',
    description: 'Stage names must be unique (case does not count).',
    aliases: ['DL3024', 'DuplicateStageName', 'DS012', 'DS-0012', 'CKV_DOCKER_11'],
    fixable: false,
  },
  check(ctx) {
    const seen = new Map<string, Stage>();
    for (const stage of ctx.model.stages) {
      if (!stage.name) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (first) {
        ctx.report({ span: stageNameSpan(stage), message: `stage name ${stage.name} is already used on line ${first.from.span.start.line}: give this stage another name` });
      } else seen.set(key, stage);
    }
  },
} satisfies Rule;

// Its page (rules/duplicate-stage-name.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'BuildKit refuses a Dockerfile in which two stages share a name ("duplicate stage name"), and names are compared without case, so `build` and `Build` clash. Older builders silently used one of them for `COPY --from`, which is worse. Rename one stage and the references to it.',
  bad: 'FROM golang:1.23 AS build\nRUN go build -o /out/api ./cmd/api\nFROM golang:1.23 AS build\nRUN go build -o /out/worker ./cmd/worker',
  good: 'FROM golang:1.23 AS build-api\nRUN go build -o /out/api ./cmd/api\nFROM golang:1.23 AS build-worker\nRUN go build -o /out/worker ./cmd/worker',
};
