import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, hasWordFlag, mentionedBefore, packageCommands } from '../src/lint/helpers.js';

export default {
  meta: {
    code: 'GF205',
    name: 'apt-get-missing-yes',
    severity: 'warning',
    category: 'correctness',
    description: '`apt-get install` needs -y: there is nobody to answer its prompt during a build.',
    aliases: ['DL3014', 'DS021', 'DS-0021'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const { run, cmd, words, verbIndex } of packageCommands(stage, 'apt-get', 'install')) {
        if (hasWordFlag(words, '-y', '--yes', '--assume-yes', '--force-yes') || words.some((w) => /^-(qq|q=2|-quiet=2)$/.test(w) || /^-[a-z]*qq[a-z]*$/.test(w))) continue;
        if (cmd.inPipeline && cmd.joinedBy === '|') continue; // `yes | apt-get install …`
        if (mentionedBefore(stage, run, /Assume-Yes/i)) continue;
        let fix;
        if (!run.json && !run.heredocs.length) {
          const at = run.argOffset(cmd.words[verbIndex].end);
          fix = { description: 'add -y', edits: [{ start: at, end: at, text: ' -y' }] };
        }
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: 'use `apt-get install -y`: a build cannot answer the confirmation prompt', fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/apt-get-missing-yes.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Without `-y`, `apt-get install` asks "Do you want to continue? [Y/n]" whenever it pulls in more than the named packages; with no terminal the answer is "no" and the build fails with `Abort.` — often only later, when a package gains a dependency. `-y`, `--yes`, `--assume-yes`, `-qq` (which implies it) and an `APT::Get::Assume-Yes` setting are all accepted, as is `yes | apt-get install`.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
};
