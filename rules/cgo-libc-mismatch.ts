import { globRegExp } from '../src/dockerfile/glob.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { DockerfileModel, RunInstruction, Stage } from '../src/dockerfile/model.js';
import type { SimpleCommand } from '../src/shell/types.js';
import {
  baseKind, classifyImage, commandSpan, copies, envValue, findCommands, flagValue, lacksGlibc, rootBase,
  sourceClosure, type BaseKind, type FoundCommand,
} from '../src/lint/helpers.js';
import { stageChain } from '../src/lint/go-helpers.js';

// Helpers shared by the cgo and tzdata rules: which go builds make the files a stage copies.

// The rules that import stageChain from here get the one definition in go-helpers.
export { stageChain };

/** A `go build` or `go install` and where its output lands (a file, or a directory). */
export interface GoBuild extends FoundCommand {
  stage: Stage;
  output?: { path: string; dir: boolean };
}

/** `$X` and `${X}` replaced from the instruction's scope; undefined when one has no value. */
export function expandWord(word: string, vars: ReadonlyMap<string, string | null>): string | undefined {
  let unknown = false;
  const out = word.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => {
    const v = vars.get(name);
    if (v == null) unknown = true;
    return v ?? '';
  });
  return unknown ? undefined : out;
}

function joinPath(dir: string, p: string): string {
  const parts = (p.startsWith('/') ? p : `${dir}/${p}`).split('/');
  const out: string[] = [];
  for (const x of parts) {
    if (x === '' || x === '.') continue;
    if (x === '..') out.pop();
    else out.push(x);
  }
  return '/' + out.join('/');
}

/** The working directory before each instruction of the chain, following WORKDIR. */
function workdirAt(stage: Stage, run: RunInstruction): string {
  let dir = '/';
  for (const s of stageChain(stage)) {
    for (const i of s.instructions) {
      if (i === run) return dir;
      if (i.keyword === 'WORKDIR') {
        const w = expandWord(i.args.trim(), i.vars);
        dir = w === undefined ? '/?' : joinPath(dir, w);
      }
    }
  }
  return dir;
}

/** Where a go build/install writes, as far as the words tell. */
function outputOf(stage: Stage, f: FoundCommand): GoBuild['output'] {
  let cwd = workdirAt(stage, f.run);
  // `cd dir && go build` earlier in the same script moves the output
  for (const c of f.run.script().commands) {
    if (c.start >= f.cmd.start) break;
    const w = c.words.map((x) => x.value);
    if (w[0] === 'cd' && w[1]) {
      const d = expandWord(w[1], f.run.vars);
      cwd = d === undefined ? '/?' : joinPath(cwd, d);
    }
  }
  if (cwd.startsWith('/?')) return undefined;
  const sub = f.words.find((w, i) => i > 0 && !w.startsWith('-'));
  if (sub === 'install') {
    const gobin = envValue(f.run, f.cmd, 'GOBIN') ?? `${envValue(f.run, f.cmd, 'GOPATH') ?? '/go'}/bin`;
    const p = expandWord(gobin, f.run.vars);
    return p === undefined ? undefined : { path: joinPath('/', p), dir: true };
  }
  const o = flagValue(f.words, '-o', '--o');
  if (o === undefined) return { path: cwd, dir: true };
  const p = expandWord(o, f.run.vars);
  if (p === undefined) return undefined;
  return { path: joinPath(cwd, p), dir: p.endsWith('/') };
}

// Several rules (and the path tracing below, repeatedly) ask for the same stages' builds: once per stage.
const buildsCache = new WeakMap<Stage, GoBuild[]>();
const shippedCache = new WeakMap<Stage, GoBuild[]>();

/** Every go build/install in a stage and the stages it is built on (cached per stage; do not mutate). */
export function goBuildsIn(stage: Stage): GoBuild[] {
  let builds = buildsCache.get(stage);
  if (!builds) buildsCache.set(stage, (builds = computeGoBuildsIn(stage)));
  return builds;
}

function computeGoBuildsIn(stage: Stage): GoBuild[] {
  const out: GoBuild[] = [];
  for (const s of stageChain(stage)) {
    for (const f of findCommands(s, 'go', ['build', 'install'])) {
      // `go install pkg@v` from a builder is a build too; `go install tool` is not a program we ship
      out.push({ ...f, stage: s, output: outputOf(s, f) });
    }
  }
  return out;
}

const globToRegExp = (p: string): RegExp => globRegExp(p);

/** Could copying `src` (an absolute path in the source stage) pick up the build's output? */
function outputMatches(out: NonNullable<GoBuild['output']>, src: string): boolean {
  if (/[*?[]/.test(src)) {
    const re = globToRegExp(src);
    return re.test(out.path) || out.dir && re.test(out.path + '/x');
  }
  if (src === '/' || src === out.path || out.path.startsWith(src + '/')) return true;
  return out.dir && src.startsWith(out.path + '/');
}


/** Builds whose output the paths (absolute, in `stage`) take, following COPY --from hops. */
function buildsProducing(stage: Stage, paths: string[], depth: number): GoBuild[] {
  if (depth > 10) return [];
  const found = goBuildsIn(stage).filter((b) => b.output && paths.some((p) => outputMatches(b.output!, p)));
  for (const s of stageChain(stage)) {
    for (const c of copies(s)) {
      if (!c.fromStage) continue;
      const dest = joinPath('/', c.dest);
      if (!paths.some((p) => p === '/' || p === dest || dest.startsWith(p + '/') || p.startsWith(dest + '/'))) continue;
      found.push(...buildsProducing(c.fromStage, c.sources.map((x) => joinPath('/', x)), depth + 1));
    }
  }
  return found;
}

/**
 * The go builds whose binaries the stage copies in with COPY --from, traced by paths where the
 * `-o` flags tell; when they do not, every build in the stages it copies from.
 */
export function shippedGoBuilds(stage: Stage): GoBuild[] {
  let builds = shippedCache.get(stage);
  if (!builds) shippedCache.set(stage, (builds = computeShippedGoBuilds(stage)));
  return builds;
}

function computeShippedGoBuilds(stage: Stage): GoBuild[] {
  const out = new Map<SimpleCommand, GoBuild>();
  for (const s of stageChain(stage)) {
    for (const c of copies(s)) {
      if (!c.fromStage) continue;
      let builds = buildsProducing(c.fromStage, c.sources.map((x) => joinPath('/', x)), 0);
      if (!builds.length) builds = [...sourceClosure(c.fromStage)].flatMap((x) => goBuildsIn(x).filter((b) => b.stage === x));
      for (const b of builds) out.set(b.cmd, b);
    }
  }
  return [...out.values()];
}

/** CGO_ENABLED for this go command: '0', '1', 'unknown' (a variable), or undefined (the default). */
export function cgoSetting(b: FoundCommand & { stage: Stage }): '0' | '1' | 'unknown' | undefined {
  const raw = envValue(b.run, b.cmd, 'CGO_ENABLED');
  // `CGO_ENABLED=${CGO_ENABLED}` takes the value from ENV/ARG
  const v = raw === undefined ? undefined : expandWord(raw, b.run.vars)?.trim();
  if (raw !== undefined) return v === '0' ? '0' : v === '1' ? '1' : 'unknown';
  // an ARG without a default is set with --build-arg: the author chose
  if (b.run.vars.has('CGO_ENABLED')) return 'unknown';
  // `go env -w CGO_ENABLED=0` earlier persists in the go env file
  let set: string | undefined;
  for (const s of stageChain(b.stage)) {
    for (const f of findCommands(s, 'go', 'env')) {
      if (f.run.index > b.run.index || f.run === b.run && f.cmd.start > b.cmd.start) continue;
      const w = f.words.find((x) => x.startsWith('CGO_ENABLED='));
      if (w && f.words.includes('-w')) set = w.slice('CGO_ENABLED='.length);
    }
  }
  if (set !== undefined) return set === '0' ? '0' : set === '1' ? '1' : 'unknown';
  return undefined;
}

/** The build links statically (or avoids libc on purpose): -extldflags -static, or the netgo tag. */
export function linksStatically(b: FoundCommand): boolean {
  const goflags = envValue(b.run, b.cmd, 'GOFLAGS') ?? '';
  const text = [...b.words, goflags].map((w) => expandWord(w, b.run.vars) ?? w).join(' ');
  if (/-extldflags[=\s'"]*-static/.test(text)) return true;
  const tags = [flagValue(b.words, '-tags', '--tags'), /-tags[= ]([^\s'"]+)/.exec(goflags)?.[1]].filter(Boolean).join(',');
  return tags.split(/[,\s]+/).includes('netgo');
}

/** Is the stage's base a glibc golang image (golang:1.22, -bookworm, -bullseye), resolved? */
export function isGlibcGolang(stage: Stage): boolean {
  const b = rootBase(stage);
  return b.kind === 'image' && !b.image.unresolved.length && classifyImage(b.image) === 'golang' &&
    b.image.name.split('/').pop() === 'golang';
}

function baseLabel(stage: Stage, kind: BaseKind): string {
  const b = rootBase(stage);
  return b.kind === 'scratch' ? 'scratch' : kind === 'alpine' || kind === 'busybox' ? `${b.image.name} (musl, no glibc)` : b.image.name;
}

/** The target stage, when it has no glibc and copies binaries from other stages. */
function muslOrStaticTarget(model: DockerfileModel): { stage: Stage; kind: BaseKind } | undefined {
  const stage = model.target;
  if (!stage) return undefined;
  const kind = baseKind(stage);
  return lacksGlibc(kind) ? { stage, kind } : undefined;
}

export default {
  meta: {
    code: 'GF101',
    name: 'cgo-libc-mismatch',
    severity: 'error',
    category: 'go',
    description: 'A binary built with cgo on a glibc golang image must not run on scratch, distroless/static or alpine.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const t = muslOrStaticTarget(ctx.model);
    if (!t) return;
    const musl = t.kind === 'alpine' || t.kind === 'busybox';
    for (const b of shippedGoBuilds(t.stage)) {
      if (!isGlibcGolang(b.stage) || linksStatically(b)) continue;
      const cgo = cgoSetting(b);
      // CGO_ENABLED=1 on a libc-less base is cgo-on-static-base's finding
      if (cgo === '0' || cgo === 'unknown' || cgo === '1' && !musl) continue;
      const how = cgo === '1' ? 'with CGO_ENABLED=1' : 'with cgo on (the golang image default)';
      const instead = musl ? 'or build on golang:<version>-alpine if it needs cgo' : 'or use gcr.io/distroless/base-debian12 if it needs cgo';
      ctx.report({
        span: commandSpan(b.run, b.cmd.start, b.cmd.end),
        message: `this binary is built ${how} against glibc but runs on ${baseLabel(t.stage, t.kind)}, where it fails with "no such file or directory": set CGO_ENABLED=0, ${instead}`,
      });
    }
  },
} satisfies Rule;

// Its page (rules/cgo-libc-mismatch.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'The golang images (Debian, glibc) build with cgo on by default, and a program that imports net or os/user is then linked dynamically against glibc. Copied onto scratch, distroless/static or chainguard/static (no libc) or alpine/busybox (musl), it fails at start with the baffling `exec /app: no such file or directory` — the missing file is the glibc loader. Setting CGO_ENABLED=0 makes a static binary; a program that really needs cgo must link statically or run on a glibc base.',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  fix: 'Put `CGO_ENABLED=0` before `go build` (or `ENV CGO_ENABLED=0` in the builder). There is no automatic fix: a program that uses cgo (sqlite, some DNS setups) stops compiling without it; for those, link statically (`-ldflags \'-linkmode external -extldflags "-static"\'`), build on `golang:<version>-alpine` for an alpine runtime, or run on `gcr.io/distroless/base-debian12`.',
};
