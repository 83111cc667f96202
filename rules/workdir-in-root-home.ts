import type { Instruction, Stage } from '../src/dockerfile/model.js';
import { expandVars } from '../src/dockerfile/expand.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import { findCommands, finalUser, isRootUser, rootBase } from '../src/lint/helpers.js';
import { stageChain } from '../src/lint/go-helpers.js';

const ROOT_HOME = /^\/root(\/|$)/;

/** The image's working directory: the last WORKDIR of the chain, joined onto the ones before it. */
function lastWorkdir(stage: Stage, escape: string): { dir: string; inst: Instruction } | undefined {
  let dir = '/';
  let last: Instruction | undefined;
  for (const s of stageChain(stage)) {
    for (const inst of s.instructions) {
      if (inst.keyword !== 'WORKDIR') continue;
      const r = expandVars(inst.args.trim(), (k) => inst.vars.get(k) ?? undefined, { escape, stripQuotes: true });
      if (r.unset.length || r.error) return undefined; // a path the Dockerfile does not say
      dir = r.value.startsWith('/') ? r.value : `${dir.replace(/\/$/, '')}/${r.value}`;
      last = inst;
    }
  }
  return last && { dir: dir.replace(/(.)\/+$/, '$1'), inst: last };
}

export default {
  meta: {
    code: 'GF238',
    name: 'workdir-in-root-home',
    severity: 'error',
    category: 'correctness',
    description: 'The image runs as a non-root USER in /root, root\'s home, which only root may enter: the container does not start.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage || rootBase(stage).kind === 'scratch') return; // scratch has no /root: WORKDIR makes it
    const user = finalUser(stage);
    if (!user || isRootUser(user.user)) return;
    const wd = lastWorkdir(stage, ctx.model.escape);
    if (!wd || !ROOT_HOME.test(wd.dir)) return;
    // a Dockerfile that opens /root up (chmod, chown) knows what it does
    for (const s of stageChain(stage)) {
      for (const cmd of ['chmod', 'chown']) {
        if (findCommands(s, cmd).some(({ words }) => words.some((w) => ROOT_HOME.test(w)))) return;
      }
    }
    ctx.report({
      span: wd.inst.argsSpan ?? wd.inst.span,
      message: `the image runs as ${user.user} in ${wd.dir}, inside root's home (mode 700 on alpine, debian and distroless): the container fails to start (chdir: permission denied); use a directory of the program's own, such as /app`,
    });
  },
} satisfies Rule;

// Its page (rules/workdir-in-root-home.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Tutorials end their Dockerfiles with `WORKDIR /root/` and run as root. Add a `USER` line, as you should, and the image stops starting: /root is mode 700 on alpine, debian, ubuntu and distroless, so the runtime cannot make it the working directory of a non-root process and fails with `chdir to cwd ("/root") set in config.json failed: permission denied`. WORKDIR does not change the owner of a directory the base already has. Scratch has no /root, so a WORKDIR there makes it, and is not reported; neither is a Dockerfile that chmods or chowns /root itself.',
  bad: 'FROM alpine:3.20\nWORKDIR /root/\nCOPY app .\nUSER 65532\nENTRYPOINT ["./app"]',
  good: 'FROM alpine:3.20\nWORKDIR /app\nCOPY app .\nUSER 65532\nENTRYPOINT ["./app"]',
  fix: 'Give the program a directory of its own (`WORKDIR /app`, created after `USER` so that it belongs to that user), and copy the binary to /usr/local/bin or into it.',
};
