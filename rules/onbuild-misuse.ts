import type { Rule, RuleDocs } from '../src/lint/types.js';

const FORBIDDEN: Record<string, string> = {
  ONBUILD: 'ONBUILD cannot be chained (`ONBUILD ONBUILD`)',
  FROM: 'FROM cannot be an ONBUILD trigger',
  MAINTAINER: 'MAINTAINER cannot be an ONBUILD trigger (and is deprecated: use LABEL org.opencontainers.image.authors)',
};

export default {
  meta: {
    code: 'GF232',
    name: 'onbuild-misuse',
    severity: 'error',
    category: 'correctness',
    description: '`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are refused by the builder.',
    aliases: ['DL3043'],
    fixable: false,
  },
  check(ctx) {
    for (const inst of ctx.model.instructions) {
      if (inst.keyword !== 'ONBUILD') continue;
      const m = /^\S+/.exec(inst.args);
      const why = m && FORBIDDEN[m[0].toUpperCase()];
      if (why) ctx.report({ span: inst.argSpan(0, m[0].length), message: why });
    }
  },
} satisfies Rule;

// Its page (rules/onbuild-misuse.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'ONBUILD stores an instruction that runs when another Dockerfile builds FROM this image. Chaining ONBUILD, or triggering FROM or MAINTAINER, is not allowed: the image builds, but every image built on it fails at its FROM line, far from the cause.',
  bad: 'FROM golang:1.23\nONBUILD ONBUILD COPY . /src',
  good: 'FROM golang:1.23\nONBUILD COPY . /src',
};
