import type { Instruction } from '../src/dockerfile/model.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'];

export default {
  meta: {
    code: 'GF219',
    name: 'multiple-cmd-entrypoint-healthcheck',
    severity: 'warning',
    category: 'correctness',
    description: 'A stage should have at most one CMD, one ENTRYPOINT and one HEALTHCHECK: only the last counts.',
    aliases: ['DL4003', 'DL4004', 'DL3012', 'MultipleInstructionsDisallowed', 'DS007', 'DS-0007', 'DS016', 'DS-0016', 'DS023', 'DS-0023'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const keyword of ONCE) {
        const list: Instruction[] = stage.instructions.filter((i) => i.keyword === keyword);
        const last = list.at(-1);
        for (const inst of list.slice(0, -1)) {
          ctx.report({ span: inst.keywordSpan, message: `only the last ${keyword} of a stage takes effect (line ${last!.span.start.line}): remove this one or merge it into that` });
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/multiple-cmd-entrypoint-healthcheck.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'CMD, ENTRYPOINT and HEALTHCHECK each set one value of the image config; a second one in the same stage silently replaces the first. Two CMD lines usually mean someone expected both commands to run, or edited the wrong one and wonders why nothing changed. Each earlier one is reported; remove it or merge it into the last.',
  bad: 'FROM alpine:3.20\nCMD ["/app", "migrate"]\nCMD ["/app", "serve"]',
  good: 'FROM alpine:3.20\nENTRYPOINT ["/app"]\nCMD ["serve"]',
};
