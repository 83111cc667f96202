import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, packageCommands } from '../src/lint/helpers.js';

/** A package word that names no version: not `pkg=1.2`, `pkg~1.2`, `pkg>1`, not an .apk file, not a variable. */
function unpinned(word: string): boolean {
  return !/[=~<>]/.test(word) && !word.includes('$') && !/\.apk$/.test(word) && !/^[./]/.test(word);
}

export default {
  meta: {
    code: 'GF210',
    name: 'apk-unpinned-versions',
    severity: 'info',
    category: 'hygiene',
    description: 'Pin versions in apk add (`pkg=1.2.3-r0` or `pkg~1.2`). Off by default.',
    aliases: ['DL3018'],
    fixable: false,
    optIn: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const { run, cmd, packages } of packageCommands(stage, 'apk', 'add')) {
        const loose = packages.map((w) => w.value).filter(unpinned);
        if (!loose.length) continue;
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `pin versions for ${loose.join(', ')} (e.g. ${loose[0]}~<major.minor>) so builds are repeatable` });
      }
    }
  },
} satisfies Rule;

// Its page (rules/apk-unpinned-versions.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Without versions, `apk add git` installs whatever the Alpine mirror has today, so two builds of the same commit can differ. A pin (`git=2.45.2-r0`) or a fuzzy pin to a minor version (`git~2.45`) makes the build repeatable; the cost is updating pins when Alpine drops old package versions, which is why this rule is off unless enabled.',
  bad: 'FROM alpine:3.20\nRUN apk add --no-cache git',
  good: 'FROM alpine:3.20\nRUN apk add --no-cache git~2.45',
};
