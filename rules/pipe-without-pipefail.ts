import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Instruction, RunInstruction, Stage } from '../src/dockerfile/model.js';
import type { SimpleCommand } from '../src/shell/types.js';
import { baseKind, commandSpan, runs } from '../src/lint/helpers.js';

// Producers that cannot fail (or, like `yes`, fail only because the reader stopped: pipefail would break them).
const CANNOT_FAIL = new Set(['echo', 'printf', 'yes', 'true', ':']);
const NOT_POSIX = /(^|[\\/])(pwsh|powershell|cmd)(\.exe)?$/i;

/** Does `set …`/SHELL argv turn pipefail on: `-o pipefail`, `-euo pipefail`, `-o errexit -o pipefail`? */
function enablesPipefail(words: readonly string[]): boolean {
  return words.some((w, i) => w === 'pipefail' && i > 0 && /^-[a-zA-Z]*o$/.test(words[i - 1]));
}

function enablesErrexit(words: readonly string[]): boolean {
  return words.some((w, i) => /^-[a-zA-Z]*e[a-zA-Z]*$/.test(w) && !w.startsWith('--') || w === 'errexit' && /^-[a-zA-Z]*o$/.test(words[i - 1] ?? ''));
}

/** The SHELL in effect for an instruction: the last one before it in its stage, or inherited via FROM <stage>. */
function shellFor(inst: Instruction): string[] | null {
  for (let s: Stage | null = inst.stage, guard = 0; s && guard < 100; guard++) {
    const shell = s.instructions.filter((i) => i.keyword === 'SHELL' && (s !== inst.stage || i.index < inst.index)).at(-1);
    if (shell) return shell.json;
    s = s.base.kind === 'stage' ? s.base.stage : null;
  }
  return null;
}

/** Commands that feed the pipe into `cmds[at]`: back to where the pipeline starts at this depth. */
function producers(cmds: readonly SimpleCommand[], at: number): SimpleCommand[] {
  const depth = cmds[at].depth;
  const out: SimpleCommand[] = [];
  for (let i = at - 1; i >= 0; i--) {
    const c = cmds[i];
    if (c.depth < depth) break;
    out.push(c);
    if (c.depth === depth && c.joinedBy !== '|') break;
  }
  return out;
}

/** The command after the pipeline ending at `cmds[at]`, at the same depth or shallower. */
function nextAfter(cmds: readonly SimpleCommand[], at: number): SimpleCommand | undefined {
  for (let i = at + 1; i < cmds.length; i++) if (cmds[i].depth <= cmds[at].depth) return cmds[i];
  return undefined;
}

// Inside `$(…)` or `sh -c '…'`: the RUN's own shell options do not decide what happens there.
function nestedInWord(cmds: readonly SimpleCommand[], c: SimpleCommand): boolean {
  const inside = (w: { start: number; end: number }) => w.start <= c.start && c.end <= w.end && w.end - w.start > c.end - c.start;
  return cmds.some((o) => o !== c && (o.words.some(inside) || o.assignments.some(inside)));
}

// `a | grep -q x` is a test: when `a` fails grep sees no match and the test fails anyway (and pipefail adds SIGPIPE failures).
function isGrepTest(c: SimpleCommand): boolean {
  const w = c.words.map((x) => x.value);
  return w[0] === 'grep' && w.some((x) => /^-[a-zA-Z]*q/.test(x) || x === '--quiet') && !w.some((x) => /^-[a-zA-Z]*v/.test(x));
}

// The condition of `if`/`while`/`until`: its status picks a branch, it does not fail the build.
function isCondition(source: string, end: number): boolean {
  return /^[ \t]*(?:;|\n)?\s*(then|do)\b/.test(source.slice(end));
}

/** Would `set -o pipefail` change whether this pipeline (ending at `cmds[at]`) fails the build? */
function failureMatters(source: string, cmds: readonly SimpleCommand[], at: number, errexit: boolean): boolean {
  const feed = producers(cmds, at);
  if (isGrepTest(cmds[at]) || isCondition(source, cmds[at].end)) return false;
  if (feed.every((c) => CANNOT_FAIL.has(c.words[0]?.value ?? ''))) return false;
  if (nestedInWord(cmds, cmds[at])) return false;
  const next = nextAfter(cmds, at);
  if (next?.joinedBy === '||' && CANNOT_FAIL.has(next.words[0]?.value ?? '')) return false; // `… || true`
  // Without `set -e`, a pipeline followed by `;` is not what the RUN's exit status reports.
  if (cmds[at].depth === 0 && next && (next.joinedBy === ';' || next.joinedBy === '\n' || next.joinedBy === '&') && !errexit) return false;
  return true;
}

function advice(stage: Stage | null): string {
  const kind = stage ? baseKind(stage) : 'unknown';
  if (kind === 'alpine' || kind === 'golang-alpine' || kind === 'busybox') {
    return 'start the RUN with `set -o pipefail &&` (busybox ash supports it) or add SHELL ["/bin/ash", "-eo", "pipefail", "-c"]';
  }
  if (kind === 'debian' || kind === 'ubuntu' || kind === 'golang') {
    return 'add SHELL ["/bin/bash", "-o", "pipefail", "-c"] before it (/bin/sh is dash here, which has no pipefail)';
  }
  return 'start the RUN with `set -o pipefail &&` or add SHELL ["/bin/bash", "-o", "pipefail", "-c"]';
}

/** The last command of the first pipeline in this RUN whose failure pipefail would catch. */
function unguardedPipe(run: RunInstruction, shell: string[] | null): { first: SimpleCommand; last: SimpleCommand } | undefined {
  const cmds = run.script().commands;
  let pipefail = !!shell && enablesPipefail(shell);
  let errexit = !!shell && enablesErrexit(shell);
  for (let i = 0; i < cmds.length; i++) {
    const c = cmds[i];
    const words = c.words.map((w) => w.value);
    if (words[0] === 'set') {
      pipefail ||= enablesPipefail(words);
      errexit ||= enablesErrexit(words.slice(1));
    }
    if (pipefail || c.joinedBy !== '|') continue;
    const next = cmds[i + 1];
    if (next && next.joinedBy === '|' && next.depth <= c.depth) continue; // not the end of the pipeline yet
    if (!failureMatters(run.script().source, cmds, i, errexit)) continue;
    const feed = producers(cmds, i);
    return { first: feed.at(-1) ?? c, last: c };
  }
  return undefined;
}

export default {
  meta: {
    code: 'GF220',
    name: 'pipe-without-pipefail',
    severity: 'warning',
    category: 'correctness',
    description: 'A RUN with a pipeline should run with `set -o pipefail`, so a failure on the left of `|` fails the build.',
    aliases: ['DL4006'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of runs(stage)) {
        if (run.json) continue; // exec form runs no shell
        if (!run.script().commands.some((c) => c.joinedBy === '|')) continue; // no pipe, nothing to find below
        const shell = shellFor(run);
        if (shell && NOT_POSIX.test(shell[0] ?? '')) continue;
        const pipe = unguardedPipe(run, shell);
        if (!pipe) continue;
        ctx.report({
          span: commandSpan(run, pipe.first.start, pipe.last.end),
          message: `a failure before \`|\` is ignored here: ${advice(stage)}`,
        });
      }
    }
  },
} satisfies Rule;

// Its page (rules/pipe-without-pipefail.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A pipeline\'s exit status is that of its last command: `curl -fsSL $URL | tar -xz` succeeds when the download fails and tar reads nothing, and the image is built without the file. `set -o pipefail` makes the pipeline fail when any part of it fails. busybox ash (alpine) supports `set -o pipefail`; Debian\'s /bin/sh (dash) does not, so there the shell must be bash. Pipelines whose left side cannot fail (`echo … |`, `yes |`), tests (`… | grep -q`, `if`/`while` conditions), pipelines inside `$(…)`, pipelines followed by `|| true`, and pipelines whose status the RUN ignores anyway (followed by `;` without `set -e`) are not reported.',
  bad: 'FROM golang:1.23 AS build\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin',
  good: 'FROM golang:1.23 AS build\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin',
  fix: 'On alpine, start the RUN with `set -o pipefail &&`; on Debian-based images (golang, debian, ubuntu) add `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` before the RUN.',
};
