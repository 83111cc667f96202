import type { DockerfileModel, Span, Stage } from '../src/dockerfile/model.js';
import { parseImageReference } from '../src/dockerfile/image.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import { copies, runs } from '../src/lint/helpers.js';

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length];
}

/** A defined stage name that `ref` looks like a misspelling of (build/builder, buidler). */
function nearStage(model: DockerfileModel, ref: string): string | undefined {
  const names = model.stages.map((s) => s.name).filter((n): n is string => !!n);
  return names.find((n) => {
    const a = n.toLowerCase();
    return editDistance(a, ref) <= (Math.min(a.length, ref.length) > 4 ? 2 : 1);
  });
}

/** What is wrong with `--from=<ref>` used in `stage`, or undefined when it names an earlier stage or an image. */
function problem(model: DockerfileModel, stage: Stage, ref: string): string | undefined {
  const lower = ref.toLowerCase();
  if (lower === '') return undefined; // an empty ARG: the undefined-variable rules say so
  if (/^\d+$/.test(lower)) {
    const n = Number(lower);
    if (n === stage.index) return `--from=${ref} is this stage itself: a stage cannot copy from itself`;
    if (n > stage.index) return n < model.stages.length ? `--from=${ref} is a later stage: stages can only copy from stages above them` : `--from=${ref}: there is no stage ${n} (stages are numbered from 0)`;
    return undefined;
  }
  const named = model.stages.find((s) => s.name?.toLowerCase() === lower);
  if (named === stage) return `--from=${ref} is this stage itself: a stage cannot copy from itself; copy from the stage that built the files`;
  if (named && named.index > stage.index) return `--from=${ref} names a stage defined later: move FROM … AS ${named.name} above this stage`;
  if (named) return undefined;
  const image = parseImageReference(ref);
  if (typeof image === 'string') return `--from=${ref} is neither a stage of this file nor a valid image reference (${image})`;
  const bare = !/[/:@]/.test(ref);
  const near = bare ? nearStage(model, lower) : undefined;
  if (near) return `--from=${ref} names no stage, so it would pull the image docker.io/library/${lower}: did you mean --from=${near}?`;
  return undefined;
}

export default {
  meta: {
    code: 'GF213',
    name: 'copy-from-unknown-stage',
    severity: 'error',
    category: 'correctness',
    description: '`COPY --from` must name an earlier stage (or an image), never its own stage.',
    aliases: ['DL3022', 'DL3023', 'DS006', 'DS-0006'],
    fixable: false,
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of model.stages) {
      const refs: { ref: string; span: Span }[] = [];
      for (const c of copies(stage)) {
        if (c.from !== undefined) refs.push({ ref: c.from, span: c.flags.find((f) => f.name === 'from')!.span });
      }
      for (const run of runs(stage)) {
        for (const m of run.mounts) if (m.from !== undefined) refs.push({ ref: m.from, span: m.span });
      }
      for (const { ref, span } of refs) {
        const msg = problem(model, stage, ref);
        if (msg) ctx.report({ span, message: msg });
      }
    }
  },
} satisfies Rule;

// Its page (rules/copy-from-unknown-stage.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`COPY --from=x` copies from the stage named x if there is one, and otherwise pulls an image called x. A misspelt stage name (`--from=buidler`) therefore does not fail with a clear message: the build tries to pull docker.io/library/buidler and stops with "pull access denied". Copying from the stage itself is impossible, and copying from a stage defined further down is refused by the classic builder and hard to follow. Image references (`--from=nginx:1.27`) are fine and left to the unpinned-image rule. The same holds for `RUN --mount=from=…`.',
  bad: 'FROM golang:1.23 AS builder\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=buidler /out/app /app',
  good: 'FROM golang:1.23 AS builder\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=builder /out/app /app',
};
