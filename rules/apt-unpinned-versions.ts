import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, packageCommands } from '../src/lint/helpers.js';

/** A package word that names no version: not `pkg=1.2`, not a .deb file, not a variable. */
function unpinned(word: string): boolean {
  return !word.includes('=') && !word.includes('$') && !/\.deb$/.test(word) && !/^[./]/.test(word);
}

export default {
  meta: {
    code: 'GF209',
    name: 'apt-unpinned-versions',
    severity: 'info',
    category: 'hygiene',
    description: 'Pin versions in apt-get install (`pkg=1.2.3-1`). Off by default.',
    aliases: ['DL3008'],
    fixable: false,
    optIn: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const tool of ['apt-get', 'apt'] as const) {
        for (const { run, cmd, packages } of packageCommands(stage, tool, 'install')) {
          const loose = packages.map((w) => w.value).filter(unpinned);
          if (!loose.length) continue;
          ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `pin versions for ${loose.join(', ')} (e.g. ${loose[0]}=<version>) so builds are repeatable` });
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/apt-unpinned-versions.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Without versions, `apt-get install curl` installs whatever the mirror has today: two builds of the same commit can differ, and a regression in a package arrives without review. Pinning (`curl=7.88.1-10+deb12u8`) makes builds repeatable, at the price of updating the pins when the distribution removes old versions — which is why this rule is off unless enabled.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*',
};
