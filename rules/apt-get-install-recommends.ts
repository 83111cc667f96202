import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, mentionedBefore, packageCommands } from '../src/lint/helpers.js';

export default {
  meta: {
    code: 'GF206',
    name: 'apt-get-install-recommends',
    severity: 'info',
    category: 'performance',
    description: '`apt-get install` should use --no-install-recommends.',
    aliases: ['DL3015', 'DS029', 'DS-0029'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const { run, cmd, words, verbIndex } of packageCommands(stage, 'apt-get', 'install')) {
        if (words.includes('--no-install-recommends') || mentionedBefore(stage, run, /Install-Recommends/i)) continue;
        let fix;
        if (!run.json && !run.heredocs.length) {
          const at = run.argOffset(cmd.words[verbIndex].end);
          fix = { description: 'add --no-install-recommends', edits: [{ start: at, end: at, text: ' --no-install-recommends' }] };
        }
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: 'add --no-install-recommends so apt installs only the packages you name', fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/apt-get-install-recommends.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'By default apt installs every "recommended" package too: `apt-get install git` brings in perl modules, openssh-client, less and more, often doubling the size of the layer and adding packages for scanners to report. Name what the image needs and pass `--no-install-recommends`. An `APT::Install-Recommends` setting (on the command line or in apt.conf.d) is accepted as a deliberate choice.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends git && rm -rf /var/lib/apt/lists/*',
};
