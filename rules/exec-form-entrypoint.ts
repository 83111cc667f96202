import type { Instruction, Stage } from '../src/dockerfile/model.js';
import type { Fix, Rule, RuleDocs } from '../src/lint/types.js';

// Words that need no shell: no quoting, expansion, globbing, redirection or operators.
const PLAIN_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;
// Shell builtins and keywords: without a shell there is nothing to run them.
const SHELL_ONLY = new Set(['cd', 'export', 'set', 'source', '.', 'exit', 'ulimit', 'umask', 'trap', 'wait', 'eval', 'exec', 'if', 'for', 'while', 'case', 'until', 'function', 'alias', 'unset', 'shift', 'read']);

/** An explicit SHELL earlier in the stage (or a stage it is built on) says the shell is wanted, as BuildKit reads it. */
function hasExplicitShell(stage: Stage, before: Instruction): boolean {
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; guard++) {
    if (s.instructions.some((i) => i.keyword === 'SHELL' && i.index < before.index)) return true;
    s = s.base.kind === 'stage' ? s.base.stage : undefined;
  }
  return false;
}

/** The exec form of a shell-form command made of plain words only, else undefined. */
function execForm(args: string): string[] | undefined {
  const words = args.split(/\s+/).filter(Boolean);
  if (!words.length || words[0].includes('=') || SHELL_ONLY.has(words[0])) return undefined;
  return words.every((w) => PLAIN_WORD.test(w)) ? words : undefined;
}

export default {
  meta: {
    code: 'GF201',
    name: 'exec-form-entrypoint',
    severity: 'warning',
    category: 'correctness',
    description: 'ENTRYPOINT and CMD should use the exec (JSON array) form so the process gets signals.',
    aliases: ['DL3025', 'JSONArgsRecommended'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'ENTRYPOINT' && inst.keyword !== 'CMD') continue;
        if (inst.json || !inst.argsSpan || /^exec\s/.test(inst.args)) continue;
        if (hasExplicitShell(stage, inst)) continue;
        const words = execForm(inst.args);
        let fix: Fix | undefined;
        if (words) {
          const text = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
          fix = { description: 'use the exec form', edits: [{ start: inst.argOffset(0), end: inst.argSpan(0, inst.args.length).end.offset, text }] };
        }
        const how = words ? `${inst.keyword} [${words.map((w) => JSON.stringify(w)).join(', ')}]` : `the exec form (${inst.keyword} ["…"]), with a script that ends in \`exec\` if you need a shell`;
        ctx.report({ span: inst.span, message: `${inst.keyword} in shell form runs under /bin/sh, which does not pass SIGTERM on: use ${how}`, fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/exec-form-entrypoint.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'In shell form, `ENTRYPOINT ./server` runs as `/bin/sh -c ./server`: the shell is PID 1 and does not forward SIGTERM, so `docker stop` waits ten seconds and then kills the server without a graceful shutdown (open connections dropped, no flush). The exec form runs the binary as PID 1, where a Go program receives the signal. A shell form that starts with `exec`, or a stage with an explicit `SHELL`, is taken as intentional.',
  bad: 'FROM alpine:3.20\nCOPY server /usr/local/bin/server\nENTRYPOINT server --port 8080',
  good: 'FROM alpine:3.20\nCOPY server /usr/local/bin/server\nENTRYPOINT ["server", "--port", "8080"]',
  fix: '`--fix` converts a command made of plain words (no `$`, quotes, operators, globs or redirections) to the exec form. For anything that needs a shell, move it into a script that ends with `exec "$@"`, or prefix the command with `exec`.',
};
