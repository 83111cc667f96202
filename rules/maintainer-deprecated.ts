import type { Rule, RuleDocs } from '../src/lint/types.js';

/** The value as a double-quoted LABEL value: the escape character, quotes and `$` escaped. */
function quoted(value: string, escape: string): string {
  let out = '';
  for (const ch of value) out += ch === escape || ch === '"' || ch === '$' ? escape + ch : ch;
  return `"${out}"`;
}

export default {
  meta: {
    code: 'GF218',
    name: 'maintainer-deprecated',
    severity: 'warning',
    category: 'hygiene',
    description: 'MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors.',
    aliases: ['DL4000', 'MaintainerDeprecated', 'DS022', 'DS-0022', 'CKV_DOCKER_6'],
    fixable: true,
  },
  check(ctx) {
    for (const inst of ctx.model.instructions) {
      if (inst.keyword !== 'MAINTAINER') continue;
      let fix;
      if (inst.argsSpan) {
        const label = inst.keywordText === inst.keywordText.toLowerCase() ? 'label' : 'LABEL';
        const text = `${label} org.opencontainers.image.authors=${quoted(inst.args, ctx.model.escape)}`;
        fix = { description: 'use LABEL org.opencontainers.image.authors', edits: [{ start: inst.keywordSpan.start.offset, end: inst.argsSpan.end.offset, text }] };
      }
      ctx.report({ span: inst.keywordSpan, message: `MAINTAINER is deprecated: use LABEL org.opencontainers.image.authors=${quoted(inst.args, ctx.model.escape)}`, fix });
    }
  },
} satisfies Rule;

// Its page (rules/maintainer-deprecated.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'MAINTAINER has been deprecated since Docker 1.13: it sets a legacy `Author` field that registries and scanners do not read. The OCI annotation `org.opencontainers.image.authors`, set with LABEL, is where tools look for it.',
  bad: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>',
  good: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
};
