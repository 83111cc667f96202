import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { CopyInstruction, RunInstruction, Stage } from '../src/dockerfile/model.js';
import { envValue, findCommands, type FoundCommand } from '../src/lint/helpers.js';
import { goCachePaths } from './missing-cache-mount.js';
import { stageChain } from './cgo-libc-mismatch.js';

const FETCHING = ['build', 'install', 'test', 'run', 'vet', 'generate', 'list', 'get'];

/** A COPY/ADD of the whole build context: `COPY . .`, `ADD ./ /src`. */
function copiesContext(c: CopyInstruction): boolean {
  return !c.from && c.sources.some((s) => s === '.' || s === './');
}

/** A cache mount covers the module cache (or a directory above it). */
function hasModCache(run: RunInstruction): boolean {
  const mod = goCachePaths(run).mod.replace(/\/+$/, '');
  return run.mounts.some((m) => m.type === 'cache' && m.target !== undefined &&
    (mod === m.target.replace(/\/+$/, '') || mod.startsWith(m.target.replace(/\/+$/, '') + '/') || m.target.includes('pkg/mod') || m.target.includes('$GO')));
}

/** The go command reads modules from vendor/ and downloads nothing. */
function usesVendor(f: FoundCommand): boolean {
  const words = f.words.slice(1);
  return words.some((w) => w === '-mod=vendor') || words.includes('vendor') && words[0] === 'mod' ||
    (envValue(f.run, f.cmd, 'GOFLAGS') ?? '').includes('-mod=vendor');
}

/** `go install pkg@v1` / `go run pkg@v1` build outside the main module: they say nothing about its go.mod. */
function onlyVersionedPackages(f: FoundCommand): boolean {
  const pkgs = f.words.slice(2).filter((w) => !w.startsWith('-'));
  return pkgs.length > 0 && pkgs.every((p) => p.includes('@'));
}

type Step = { kind: 'copy'; inst: CopyInstruction } | { kind: 'download' | 'fetch'; f: FoundCommand };

/** COPY-context and module-fetching steps of a stage's chain, in order. */
function steps(chain: Stage[]): Step[] {
  const out: Step[] = [];
  for (const s of chain) {
    for (const i of s.instructions) {
      if ((i.keyword === 'COPY' || i.keyword === 'ADD') && copiesContext(i as CopyInstruction)) out.push({ kind: 'copy', inst: i as CopyInstruction });
      if (i.keyword !== 'RUN') continue;
      for (const f of findCommands([i as RunInstruction], 'go')) {
        const sub = f.words.slice(1).find((w) => !w.startsWith('-'));
        if (sub === 'mod' && (f.words.includes('download') || f.words.includes('vendor'))) out.push({ kind: 'download', f });
        else if (FETCHING.includes(sub ?? '') && !usesVendor(f) && !onlyVersionedPackages(f)) out.push({ kind: 'fetch', f });
      }
    }
  }
  return out;
}

export default {
  meta: {
    code: 'GF108',
    name: 'copy-before-mod-download',
    severity: 'warning',
    category: 'performance',
    description: 'Copy go.mod and go.sum and run go mod download before copying the rest of the source.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const reported = new Set<CopyInstruction>();
    for (const stage of ctx.model.stages) {
      let pending: CopyInstruction | undefined;
      for (const step of steps(stageChain(stage))) {
        if (step.kind === 'copy') {
          pending ??= step.inst;
          continue;
        }
        // the first download or module-reading go command decides
        if (pending && !hasModCache(step.f.run) && !reported.has(pending)) {
          reported.add(pending);
          const verb = step.kind === 'download' ? 'go mod download' : `go ${step.f.words.slice(1).find((w) => !w.startsWith('-'))}`;
          ctx.report({
            span: pending.span,
            message: `this COPY of the whole context comes before ${verb} (line ${step.f.run.span.start.line}), so every source change downloads every module again: COPY go.mod go.sum ./ and RUN go mod download first`,
          });
        }
        break;
      }
    }
  },
} satisfies Rule;

// Its page (rules/copy-before-mod-download.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Docker reuses a layer only while everything before it is unchanged. With `COPY . .` first, any edit to any source file invalidates the step that downloads modules, so every build downloads every dependency again. Copying only go.mod and go.sum, running `go mod download`, and then copying the source keeps the module layer cached until the dependencies really change. A cache mount on the module cache (`--mount=type=cache,target=/go/pkg/mod`) makes the order matter much less, so a download or build with one is not flagged.',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /app .',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .',
  fix: 'Move `COPY go.mod go.sum ./` and `RUN go mod download` above `COPY . .`, or bind-mount them: `RUN --mount=type=bind,source=go.mod,target=go.mod --mount=type=bind,source=go.sum,target=go.sum --mount=type=cache,target=/go/pkg/mod go mod download`.',
};
