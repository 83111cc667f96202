import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Instruction } from '../src/dockerfile/model.js';
import { platformArgs } from '../src/dockerfile/parse.js';
import { closestName } from '../src/lint/helpers.js';

const AUTOMATIC = [...platformArgs({ os: 'linux', arch: 'amd64' }, { os: 'linux', arch: 'amd64' }).keys()];

/** `$X` / `${X…}` references in FROM text with their index, skipping escaped dollars. */
export function varRefs(text: string, escape: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === escape) { i++; continue; }
    if (text[i] !== '$') continue;
    const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/.exec(text.slice(i));
    if (!m) continue;
    out.push({ name: m[1] ?? m[2], start: i, end: i + m[0].length });
    i += m[0].length - 1;
  }
  return out;
}

export default {
  meta: {
    code: 'GF224',
    name: 'undefined-arg-in-from',
    severity: 'warning',
    category: 'correctness',
    description: 'Variables in FROM (image or --platform) must be declared by an ARG before the first FROM.',
    aliases: ['UndefinedArgInFrom'],
    fixable: false,
  },
  check(ctx) {
    const declared = new Set([...AUTOMATIC, ...ctx.model.globalArgs.flatMap(argNames)]);
    for (const stage of ctx.model.stages) {
      const from = stage.from;
      const platform = from.flags.find((f) => f.name === 'platform');
      const targets: { text: string; span: (s: number, e: number) => import('../src/dockerfile/model.js').Span }[] = [
        { text: stage.baseText, span: (s, e) => from.argSpan(from.args.indexOf(stage.baseText) + s, from.args.indexOf(stage.baseText) + e) },
      ];
      if (platform?.value) targets.push({ text: platform.value, span: () => platform.span });
      for (const t of targets) {
        for (const ref of varRefs(t.text, ctx.model.escape)) {
          if (declared.has(ref.name)) continue;
          const near = closestName(ref.name, declared);
          const hint = near ? ` (did you mean ${near}?)` : '';
          ctx.report({ span: t.span(ref.start, ref.end), message: `${ref.name} is not declared before the first FROM, so it is empty here${hint}: add \`ARG ${ref.name}=<default>\` at the top of the file` });
        }
      }
    }
  },
} satisfies Rule;

function argNames(inst: Instruction): string[] {
  return inst.args.split(/\s+/).filter(Boolean).map((w) => w.split('=')[0]);
}

// Its page (rules/undefined-arg-in-from.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'FROM sees only the ARGs declared before the first FROM (plus the automatic platform args such as BUILDPLATFORM and TARGETARCH). A variable declared inside a stage, or not at all, expands to an empty string in FROM — even when `--build-arg` passes it — so `FROM golang:${GO_VERSION}` becomes `golang:` and the build fails or picks a different image.',
  bad: 'FROM golang:${GO_VERSION}-alpine AS build\nARG GO_VERSION=1.23',
  good: 'ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}-alpine AS build',
  fix: 'Move (or copy) the `ARG NAME=default` line above the first FROM; a stage that also needs the value repeats `ARG NAME` inside it.',
};
