import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Instruction, Stage } from '../src/dockerfile/model.js';
import { parseJSONArray } from '../src/dockerfile/words.js';
import { baseKind, copies, hasNoShell, isDebugTag, rootBase, SHELLS } from '../src/lint/helpers.js';
import { stageChain } from './cgo-libc-mismatch.js';

// Words that mean the same in exec form: no quotes, variables, globs, operators or comments.
const PLAIN_WORD = /^[\w/.,:=@%+-]+$/;

const basename = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;

function hasDebugShell(stage: Stage): boolean {
  const b = rootBase(stage);
  return b.kind === 'image' && isDebugTag(b.image.tag);
}

/** distroless `:debug`: busybox's shell is /busybox/sh, and there is no /bin/sh until a step links one. */
function isBusyboxDebug(stage: Stage): boolean {
  return hasDebugShell(stage) && baseKind(stage).startsWith('distroless');
}

// `ln -s /busybox/sh /bin/sh` (or any link or copy onto /bin/sh) gives later steps and the container a /bin/sh
const MAKES_BIN_SH = /\b(ln|cp)\b[^;&|\n]*\s\/bin\/sh(\s|$|[;&|])/;

/**
 * On distroless `:debug`, shell form works only after SHELL names busybox's shell, or once a step has made /bin/sh;
 * before that, RUN fails the build and a shell-form ENTRYPOINT/CMD/HEALTHCHECK fails the container.
 */
function checkBusyboxDebug(ctx: Parameters<Rule['check']>[0], chain: Stage[], image: string): void {
  let shell = false;
  let binSh = false;
  const advice = `${image} has no /bin/sh (busybox's shell is /busybox/sh): put SHELL ["/busybox/sh", "-c"] before it`;
  for (const inst of chain.flatMap((s) => s.instructions)) {
    if (inst.keyword === 'SHELL') shell = true;
    const ready = shell || binSh;
    if (inst.keyword === 'RUN') {
      if (!inst.json && !ready) ctx.report({ span: inst.keywordSpan, message: `RUN in shell form runs /bin/sh, which ${advice}` });
      if (MAKES_BIN_SH.test(inst.json ? inst.json.join(' ') : inst.args)) binSh = true;
    } else if ((inst.keyword === 'ENTRYPOINT' || inst.keyword === 'CMD') && !inst.json && inst.args.trim() && !ready) {
      ctx.report({ span: inst.argsSpan ?? inst.span, message: `${inst.keyword} in shell form runs /bin/sh, which ${advice}, or use the exec form ${inst.keyword} ["/app", "arg"]`, fix: execFormFix(inst, ctx.model.text) });
    } else if (inst.keyword === 'HEALTHCHECK' && !ready && /^CMD\s+(?!\[)/i.test(inst.args.trim())) {
      ctx.report({ span: inst.argsSpan ?? inst.span, message: `HEALTHCHECK CMD in shell form runs /bin/sh, which ${advice}, or use the exec form` });
    }
  }
}

/** The stage brings its own shell: a SHELL instruction, or a copied sh/busybox. */
function bringsShell(chain: Stage[]): boolean {
  return chain.some((s) => s.instructions.some((i) => i.keyword === 'SHELL') ||
    copies(s).some((c) => [...c.sources, c.dest].some((p) => SHELLS.has(basename(p)) || p.includes('/busybox'))));
}

/** Does the stage copy in this program (curl, wget)? */
function copiesProgram(chain: Stage[], name: string): boolean {
  return chain.some((s) => copies(s).some((c) => [...c.sources, c.dest].some((p) => basename(p) === name)));
}

/** The exact replacement of a shell-form ENTRYPOINT/CMD by its exec form, when it means the same. */
function execFormFix(inst: Instruction, text: string) {
  const words = inst.args.trim().split(/\s+/);
  if (!inst.args.trim() || inst.args.includes('\\') || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
  const start = inst.argOffset(0);
  const end = inst.argOffset(inst.args.length - 1) + 1;
  // a comment line inside a continuation would be lost
  if (/^\s*#/m.test(text.slice(start, end))) return undefined;
  const json = '[' + words.map((w) => JSON.stringify(w)).join(', ') + ']';
  return { description: `use the exec form ${json}`, edits: [{ start, end, text: json }] };
}

function healthcheckProblem(inst: Instruction, chain: Stage[]): string | undefined {
  const m = /^CMD\s+([\s\S]*)$/i.exec(inst.args.trim());
  if (!m) return undefined;
  const json = parseJSONArray(m[1]);
  if (!json) return 'HEALTHCHECK CMD in shell form needs /bin/sh: use the exec form calling your binary, e.g. HEALTHCHECK CMD ["/app", "healthcheck"]';
  const prog = basename(json[0] ?? '');
  if (SHELLS.has(prog)) return `HEALTHCHECK runs ${prog}, which this base does not have: call your binary directly, e.g. HEALTHCHECK CMD ["/app", "healthcheck"]`;
  if ((prog === 'curl' || prog === 'wget') && !copiesProgram(chain, prog)) {
    return `HEALTHCHECK calls ${prog}, which this base does not have: add a health subcommand to the binary (HEALTHCHECK CMD ["/app", "healthcheck"])`;
  }
  return undefined;
}

export default {
  meta: {
    code: 'GF103',
    name: 'shell-form-on-shell-less-base',
    severity: 'error',
    category: 'go',
    description: 'scratch and distroless have no /bin/sh: no shell-form ENTRYPOINT/CMD/HEALTHCHECK, no RUN, no curl health checks.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage || !hasNoShell(baseKind(stage))) return;
    const chain = stageChain(stage);
    const root = rootBase(stage);
    if (isBusyboxDebug(stage) && root.kind === 'image') return checkBusyboxDebug(ctx, chain, root.image.text);
    if (hasDebugShell(stage)) return;
    if (bringsShell(chain)) return;
    const base = rootBase(stage);
    const name = base.kind === 'scratch' ? 'scratch' : base.image.name;
    for (const inst of chain.flatMap((s) => s.instructions)) {
      if (inst.keyword === 'ENTRYPOINT' || inst.keyword === 'CMD') {
        if (inst.json || !inst.args.trim()) continue;
        ctx.report({
          span: inst.argsSpan ?? inst.span,
          message: `${inst.keyword} in shell form runs /bin/sh, which ${name} does not have: use the exec form ${inst.keyword} ["/app", "arg"]`,
          fix: execFormFix(inst, ctx.model.text),
        });
      } else if (inst.keyword === 'RUN') {
        const prog = inst.json ? basename(inst.json[0] ?? '') : undefined;
        if (prog !== undefined && !SHELLS.has(prog)) continue;
        ctx.report({ span: inst.keywordSpan, message: `RUN needs /bin/sh, which ${name} does not have: do this work in the builder stage and COPY the result` });
      } else if (inst.keyword === 'HEALTHCHECK') {
        const msg = healthcheckProblem(inst, chain);
        if (msg) ctx.report({ span: inst.argsSpan ?? inst.span, message: msg });
      }
    }
  },
} satisfies Rule;

// Its page (rules/shell-form-on-shell-less-base.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'The shell form `ENTRYPOINT /app serve` runs `/bin/sh -c "/app serve"`. scratch and distroless images have no /bin/sh (the distroless `:debug` tags carry busybox, at /busybox/sh: there shell form works after `SHELL ["/busybox/sh", "-c"]` or once a step links /bin/sh), so the container fails at start with `exec: "/bin/sh": stat /bin/sh: no such file or directory`; a RUN fails the build the same way, and a `HEALTHCHECK CMD curl …` marks a healthy container unhealthy forever because curl is not there either. This is a hard failure, not a style choice.',
  bad: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nHEALTHCHECK CMD curl -f http://localhost:8080/healthz\nENTRYPOINT /app serve',
  good: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app\nHEALTHCHECK CMD ["/app", "healthcheck"]\nENTRYPOINT ["/app", "serve"]',
  fix: '`--fix` rewrites a shell-form ENTRYPOINT or CMD made of plain words (no quotes, variables, globs or operators) into the exec form. RUN steps belong in a builder stage whose results you COPY; health checks should call the binary itself.',
};
