import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Stage } from '../src/dockerfile/model.js';
import { commandSpan, findCommands, subcommand, type FoundCommand } from '../src/lint/helpers.js';

const INSTALLERS: Record<string, string[]> = { apk: ['add'], 'apt-get': ['install'], apt: ['install'], yum: ['install'], dnf: ['install'], microdnf: ['install'] };

/** Where a stage runs or installs `tool`, in file order. */
function uses(stage: Stage, tool: 'curl' | 'wget'): FoundCommand[] {
  const found = findCommands(stage, tool);
  for (const [pm, subs] of Object.entries(INSTALLERS)) {
    for (const f of findCommands(stage, pm, subs)) {
      const sub = subcommand(f.words);
      if (f.words.slice(f.words.indexOf(sub!) + 1).some((w) => w === tool || w.startsWith(`${tool}=`))) found.push(f);
    }
  }
  return found.sort((a, b) => a.run.index - b.run.index || a.cmd.start - b.cmd.start);
}

export default {
  meta: {
    code: 'GF221',
    name: 'curl-and-wget',
    severity: 'warning',
    category: 'hygiene',
    description: 'One stage should download with either curl or wget, not both.',
    aliases: ['DL4001'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const curl = uses(stage, 'curl');
      const wget = uses(stage, 'wget');
      if (!curl.length || !wget.length) continue;
      // Report the first use of whichever tool came second.
      const [first, second] = curl[0].run.index < wget[0].run.index || curl[0].run === wget[0].run && curl[0].cmd.start < wget[0].cmd.start
        ? [curl[0], wget[0]] : [wget[0], curl[0]];
      const [a, b] = first === curl[0] ? ['curl', 'wget'] : ['wget', 'curl'];
      if (first.cmd === second.cmd) {
        ctx.report({ span: commandSpan(second.run, second.cmd.start, second.cmd.end), message: 'this installs both curl and wget: keep one of them and use it for every download' });
        continue;
      }
      ctx.report({
        span: commandSpan(second.run, second.cmd.start, second.cmd.end),
        message: `this stage already uses ${a} (line ${first.run.span.start.line}); use ${a} here too instead of ${b}`,
      });
    }
  },
} satisfies Rule;

// Its page (rules/curl-and-wget.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'curl and wget do the same job; installing both puts two HTTP clients (and their libraries and CVEs) into the image where one would do, and readers have to know both sets of flags. The check is per stage, not per file as in hadolint: a builder stage that uses wget from busybox and another that uses curl do not share an image.',
  bad: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN wget -qO /tmp/b.tgz https://example.com/b.tgz',
  good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz\nRUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz',
  fix: 'Pick the tool the stage already has (busybox wget on alpine, curl on most Debian-based images) and rewrite the other downloads with it.',
};
