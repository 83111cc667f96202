import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, findCommands, subcommand } from '../src/lint/helpers.js';

// apt subcommands that apt-get has under the same name, so renaming the command is the whole fix.
const SAME_IN_APT_GET = new Set(['install', 'update', 'upgrade', 'dist-upgrade', 'remove', 'purge', 'autoremove', 'autoclean', 'clean', 'source', 'build-dep', 'download', 'satisfy', 'check', 'changelog']);
const APT_CACHE = new Set(['search', 'show', 'policy', 'depends', 'rdepends', 'showsrc']);

export default {
  meta: {
    code: 'GF208',
    name: 'apt-instead-of-apt-get',
    severity: 'warning',
    category: 'hygiene',
    description: 'Use apt-get (or apt-cache) in scripts, not apt.',
    aliases: ['DL3027', 'CKV_DOCKER_9'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const { run, cmd, words } of findCommands(stage, 'apt')) {
        const sub = subcommand(words) ?? '';
        const word = cmd.words[cmd.words.length - words.length];
        let fix;
        if (SAME_IN_APT_GET.has(sub) && !run.json && !run.heredocs.length && /(^|\/)apt$/.test(word.raw)) {
          const at = run.argOffset(word.end);
          fix = { description: 'use apt-get', edits: [{ start: at, end: at, text: '-get' }] };
        }
        const instead = APT_CACHE.has(sub) ? `apt-cache ${sub}` : SAME_IN_APT_GET.has(sub) ? `apt-get ${sub}` : 'apt-get or apt-cache';
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `use ${instead}: apt has no stable interface for scripts`, fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/apt-instead-of-apt-get.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`apt` is the interactive front end: its output and options may change between releases and it warns "apt does not have a stable CLI interface. Use with caution in scripts." `apt-get` and `apt-cache` are the stable interfaces meant for scripts and Dockerfiles.',
  bad: 'FROM debian:bookworm-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
};
