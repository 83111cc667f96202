import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Fix, Instruction } from '../src/lint/types.js';
import { splitQuotedWords } from '../src/dockerfile/words.js';

/** The `key=value` rewrite of a legacy `ENV key value`, when it means exactly the same to BuildKit. */
function rewrite(inst: Instruction, keyEnd: number, escape: string): Fix | undefined {
  const sep = /^[ \t]+/.exec(inst.args.slice(keyEnd));
  if (!sep) return undefined;
  const valueStart = keyEnd + sep[0].length;
  const value = inst.args.slice(valueStart);
  if (value === '' || /["']/.test(value)) return undefined;
  const spaced = /\s/.test(value);
  // Inside double quotes an escape keeps its backslash (`\p` stays `\p`), unquoted it is dropped: not the same value.
  if (spaced && value.includes(escape)) return undefined;
  const at = inst.argOffset(keyEnd);
  const edits = [{ start: at, end: inst.argOffset(valueStart - 1) + 1, text: spaced ? '="' : '=' }];
  if (spaced) {
    const end = inst.argOffset(inst.args.length - 1) + 1;
    edits.push({ start: end, end, text: '"' });
  }
  return { description: `write ${inst.keyword} key=value`, edits };
}

export default {
  meta: {
    code: 'GF229',
    name: 'legacy-env-format',
    severity: 'warning',
    category: 'hygiene',
    description: '`ENV key value` and `LABEL key value` are legacy forms: write `key=value`.',
    aliases: ['LegacyKeyValueFormat'],
    fixable: true,
  },
  check(ctx) {
    for (const inst of ctx.model.instructions) {
      if (inst.keyword !== 'ENV' && inst.keyword !== 'LABEL') continue;
      const first = splitQuotedWords(inst.args, ctx.model.escape)[0];
      if (!first || first.text.includes('=')) continue;
      ctx.report({
        span: inst.argSpan(first.start, first.end),
        message: `write \`${inst.keyword} ${first.text}=<value>\`: the legacy \`${inst.keyword} key value\` form is deprecated`,
        fix: rewrite(inst, first.end, ctx.model.escape),
      });
    }
  },
} satisfies Rule;

// Its page (rules/legacy-env-format.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'The space-separated form sets one variable to the whole rest of the line, so `ENV CGO_ENABLED 0 GOOS linux` sets CGO_ENABLED to "0 GOOS linux" — a silent bug that the `key=value` form makes impossible. BuildKit deprecates the legacy form and warns about it.',
  bad: 'FROM golang:1.23 AS build\nENV CGO_ENABLED 0\nLABEL org.opencontainers.image.title my app',
  good: 'FROM golang:1.23 AS build\nENV CGO_ENABLED=0\nLABEL org.opencontainers.image.title="my app"',
  fix: '`--fix` rewrites the pair as `key=value`, quoting the value when it contains spaces; values that already contain quotes are left for you to rewrite.',
};
