import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, runs } from '../src/lint/helpers.js';

export default {
  meta: {
    code: 'GF204',
    name: 'sudo-in-run',
    severity: 'warning',
    category: 'security',
    description: 'Do not use sudo in RUN: switch USER for the steps that need root.',
    aliases: ['DL3004', 'DS010', 'DS-0010'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of runs(stage)) {
        for (const cmd of run.script().commands) {
          const head = cmd.words[0]?.value;
          if (head !== 'sudo' && !head?.endsWith('/sudo')) continue;
          ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: 'do not use sudo: run this step as root (before USER, or with USER root around it)' });
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/sudo-in-run.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'RUN already runs as root unless a USER says otherwise, so `sudo` is at best noise; where it is needed, the image ships sudo and a sudoers entry that let anyone who gets a shell in the container become root. sudo also wants a TTY and handles signals in ways that make builds hang. Run the privileged steps before `USER`, or switch with `USER root` … `USER app` around them.',
  bad: 'FROM debian:bookworm-slim\nRUN sudo apt-get update',
  good: 'FROM debian:bookworm-slim\nUSER root\nRUN apt-get update\nUSER 10001',
};
