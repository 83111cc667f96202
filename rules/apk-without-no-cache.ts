import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, findCommands, hasWordFlag } from '../src/lint/helpers.js';

export default {
  meta: {
    code: 'GF005',
    name: 'apk-without-no-cache',
    severity: 'warning',
    category: 'performance',
    description: '`apk add` should use --no-cache so the package index does not stay in the layer.',
    aliases: ['DL3019', 'DS025', 'DS-0025'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const { run, cmd, words } of findCommands(stage, 'apk', 'add')) {
        if (hasWordFlag(words, '--no-cache')) continue;
        if (run.mounts.some((m) => m.type === 'cache' && /\/(var\/cache\/apk|etc\/apk\/cache)\/?$/.test(m.target ?? ''))) continue;
        const cleaned = run.script().commands.some((c) => c.words[0]?.value === 'rm' && c.words.some((w) => w.value.startsWith('/var/cache/apk')));
        if (cleaned) continue;
        const addWord = cmd.words.find((w) => w.value === 'add')!;
        let fix;
        if (!run.json && !run.heredocs.length && addWord) {
          const at = run.argOffset(addWord.end);
          fix = { description: 'add --no-cache', edits: [{ start: at, end: at, text: ' --no-cache' }] };
        }
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: 'use `apk add --no-cache` so the package index is not left in the layer', fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/apk-without-no-cache.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`apk add` without `--no-cache` downloads the package index into /var/cache/apk and leaves it in the layer: megabytes of data nobody uses at run time, and a layer that changes whenever the index does. `--no-cache` fetches the index into memory and discards it. A cache mount on /var/cache/apk, or `rm -rf /var/cache/apk/*` in the same RUN, is accepted as intentional.',
  bad: 'FROM alpine:3.20\nRUN apk add ca-certificates tzdata',
  good: 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates tzdata',
};
