import type { Instruction, Stage } from '../src/dockerfile/model.js';
import { expandVars } from '../src/dockerfile/expand.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';

// Unix absolute, or a Windows drive / UNC path.
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** The WORKDIR path after ARG/ENV expansion; undefined when a variable is unknown here. */
function resolvedPath(inst: Instruction, escape: string): string | undefined {
  const r = expandVars(inst.args.trim(), (k) => inst.vars.get(k) ?? undefined, { escape, stripQuotes: true });
  return r.unset.length || r.error ? undefined : r.value;
}

/** The stage and the stages it is built on, base first. */
function chain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage; s && out.length < 100; s = s.base.kind === 'stage' ? s.base.stage : undefined) out.unshift(s);
  return out;
}

export default {
  meta: {
    code: 'GF202',
    name: 'relative-workdir',
    severity: 'warning',
    category: 'correctness',
    description: 'WORKDIR should be an absolute path, at least the first one of a stage.',
    aliases: ['DL3000', 'WorkdirRelativePath', 'DS009', 'DS-0009', 'CKV_DOCKER_10'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      let anchored = false;
      for (const s of chain(stage)) {
        for (const inst of s.instructions) {
          if (inst.keyword !== 'WORKDIR' || !inst.argsSpan) continue;
          const path = resolvedPath(inst, ctx.model.escape);
          if (path === undefined || ABSOLUTE.test(path)) { anchored = true; continue; }
          // Report only in the stage that owns the instruction, so a chain reports it once.
          if (!anchored && s === stage) {
            ctx.report({ span: inst.argsSpan, message: `WORKDIR ${inst.args.trim()} is relative to whatever the base image sets: use an absolute path such as /${path.replace(/^\.\/?/, '')}` });
          }
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/relative-workdir.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A relative WORKDIR is resolved against the working directory the base image happens to set. `WORKDIR app` on `golang:1.23` means /go/app, on alpine /app, and it moves when the base image changes its own WORKDIR. Once the stage has set an absolute WORKDIR, a relative one after it is well defined and not reported. Variables are expanded first: `WORKDIR $APP_HOME` with `ENV APP_HOME=/srv` is absolute; a variable the Dockerfile does not define (such as the base image\'s `$GOPATH`) is given the benefit of the doubt.',
  bad: 'FROM golang:1.23\nWORKDIR src/app\nCOPY . .',
  good: 'FROM golang:1.23\nWORKDIR /src/app\nCOPY . .',
};
