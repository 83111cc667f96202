import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { RunInstruction, Stage } from '../src/dockerfile/model.js';
import { baseKind, findCommands, finalUser, isGoToolchainImage, isRootUser } from '../src/lint/helpers.js';

const NEEDS_BUILD_CACHE = new Set(['build', 'install', 'test', 'generate', 'run', 'vet']);
const GO_SUBCOMMANDS = ['mod', 'build', 'install', 'test', 'generate', 'run', 'vet', 'get'];

export interface GoCachePaths {
  mod: string;
  build: string;
}

/** Where the go command keeps its caches in this RUN, from GOMODCACHE/GOCACHE/GOPATH or the golang image defaults. */
export function goCachePaths(run: RunInstruction): GoCachePaths {
  const v = (k: string) => run.vars.get(k) ?? undefined;
  const gopath = v('GOPATH') ?? '/go';
  return { mod: v('GOMODCACHE') ?? `${gopath}/pkg/mod`, build: v('GOCACHE') ?? '/root/.cache/go-build' };
}

const norm = (p: string) => p.replace(/\/+$/, '');

function hasCacheAt(run: RunInstruction, path: string, suffix: string): boolean {
  return run.mounts.some((m) => m.type === 'cache' && m.target !== undefined &&
    (norm(m.target) === norm(path) || norm(m.target).endsWith(suffix) || m.target.includes('$GO')));
}

// The fix is certain only where the caches are where we think: golang image, root user, no overrides.
function certainFix(stage: Stage, run: RunInstruction): boolean {
  const user = finalUser(stage);
  return isGoToolchainImage(baseKind(stage)) && (!user || isRootUser(user.user) || user.inst.index > run.index) &&
    !run.json && !run.vars.has('GOCACHE') && !run.vars.has('GOMODCACHE') && !run.vars.has('GOPATH');
}

export default {
  meta: {
    code: 'GF002',
    name: 'missing-cache-mount',
    severity: 'warning',
    category: 'performance',
    description: 'go mod download / build / install / test should cache the module and build caches with RUN --mount=type=cache.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of new Set(findCommands(stage, 'go', GO_SUBCOMMANDS).map((f) => f.run))) {
        const cmds = findCommands([run], 'go', GO_SUBCOMMANDS);
        const downloads = cmds.some((c) => c.words.includes('download') || c.words[1] === 'get');
        const builds = cmds.some((c) => NEEDS_BUILD_CACHE.has(c.words.find((w, i) => i > 0 && !w.startsWith('-')) ?? ''));
        if (!downloads && !builds) continue;
        const paths = goCachePaths(run);
        const missing: string[] = [];
        if (!hasCacheAt(run, paths.mod, '/pkg/mod')) missing.push(paths.mod);
        if (builds && !hasCacheAt(run, paths.build, '/go-build')) missing.push(paths.build);
        if (!missing.length) continue;
        const what = missing.map((p) => `--mount=type=cache,target=${p}`).join(' ');
        let fix;
        if (certainFix(stage, run)) {
          const at = run.keywordSpan.end.offset;
          fix = { description: `add ${what}`, edits: [{ start: at, end: at, text: ' ' + what }] };
        }
        ctx.report({ span: run.keywordSpan, message: `add ${what} so Go ${builds ? 'modules and build results are' : 'modules are'} cached between builds`, fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/missing-cache-mount.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Without cache mounts every change to go.mod re-downloads every module, and every source change recompiles every package from nothing. A cache mount keeps `/go/pkg/mod` and `/root/.cache/go-build` between builds without putting them in a layer: builds go from minutes to seconds and the image stays the same size.',
  bad: 'FROM golang:1.22 AS build\nRUN go mod download\nRUN CGO_ENABLED=0 go build -o /out/app ./cmd/app',
  good: 'FROM golang:1.22 AS build\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\nRUN --mount=type=cache,target=/go/pkg/mod \\\n    --mount=type=cache,target=/root/.cache/go-build \\\n    CGO_ENABLED=0 go build -o /out/app ./cmd/app',
  fix: '`--fix` adds the mounts when the stage is a golang image running as root with the default cache paths.',
};
