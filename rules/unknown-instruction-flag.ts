import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Instruction, Span } from '../src/dockerfile/model.js';
import { splitFields } from '../src/dockerfile/words.js';
import { closestName } from '../src/lint/helpers.js';

// The flags BuildKit's Dockerfile frontend accepts per instruction (RUN --device and ADD --unpack are newer; listed so they are not reported).
const KNOWN: Record<string, string[]> = {
  FROM: ['platform'],
  RUN: ['mount', 'network', 'security', 'device'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export default {
  meta: {
    code: 'GF233',
    name: 'unknown-instruction-flag',
    severity: 'error',
    category: 'correctness',
    description: 'A `--flag` the instruction does not have (a typo such as `COPY --frm=build`).',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    for (const inst of ctx.model.instructions) {
      const known = KNOWN[inst.keyword] ?? [];
      for (const flag of [...inst.flags, ...leadingFlags(inst)]) {
        if (known.includes(flag.name)) continue;
        const near = closestName(flag.name, known);
        const hint = near ? `did you mean --${near}?` : known.length ? `${inst.keyword} accepts ${known.map((k) => `--${k}`).join(', ')}` : `${inst.keyword} takes no flags`;
        ctx.report({ span: flag.span, message: `${inst.keyword} has no --${flag.name} flag and BuildKit refuses it: ${hint}` });
      }
    }
  },
} satisfies Rule;

/** BuildKit reads leading `--x` words as flags on every instruction; the model parses them only where flags exist. */
function leadingFlags(inst: Instruction): { name: string; span: Span }[] {
  if (KNOWN[inst.keyword] || inst.keyword === 'ONBUILD') return [];
  const out: { name: string; span: Span }[] = [];
  for (const w of splitFields(inst.args)) {
    if (!w.text.startsWith('--') || w.text === '--') break;
    out.push({ name: w.text.slice(2).split('=')[0].toLowerCase(), span: inst.argSpan(w.start, w.end) });
  }
  return out;
}

// Its page (rules/unknown-instruction-flag.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'BuildKit stops with "unknown flag" at the first flag an instruction does not define, so a typo like `COPY --frm=build` or `RUN --mont=type=cache` fails the build (hadolint stops linting there too). gofile reports every unknown flag, suggests the one that was probably meant, and lints the rest of the file. The severity is error, not the usual warning for typos, because BuildKit refuses the file.',
  bad: 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --frm=build /out/app /app',
  good: 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app',
};
