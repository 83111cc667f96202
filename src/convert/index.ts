// convertDockerfile: a Go Dockerfile's model in, a gofile spec out, with a note for every instruction.
import type { DockerfileModel, Instruction, RunInstruction, Stage } from '../dockerfile/model.js';
import type { GoMod } from '../gomod.js';
import { stageChain } from '../lint/go-helpers.js';
import { readBuilderFrom, readBuilderInstruction, readGlobalArg } from './builder.js';
import { readRun } from './commands.js';
import type { Ctx } from './context.js';
import { finishSpec } from './finish.js';
import { readGoBuild } from './gobuild.js';
import { readBinaries } from './binaries.js';
import { findBuildCommand, readBuildCommand } from './buildcommand.js';
import { Ledger } from './ledger.js';
import { readBase, readCopiedAccounts, readOwnedDirs, readRuntimeInstruction, readStart } from './runtime.js';
import { buildsInImage, startCommand, traceBuild } from './trace.js';
import type { ConvertResult } from './types.js';
import { SPEC_SCHEMA } from '../spec/jsonschema.js';
import { hasBuilder } from '../spec/expand.js';
import { resolveSpec } from '../spec/resolve.js';
import type { GofileSpec } from '../spec/types.js';
import { copies, rootBase } from '../lint/helpers.js';
import { isGolangImage } from './images.js';

export type { ConvertNote, ConvertResult, DockerfileKind, Outcome } from './types.js';
export { specToYaml, SCHEMA_URL } from './write.js';

export interface ConvertOptions {
  /** go.mod beside the Dockerfile: fields equal to what it implies (the Go version, the binary name) are left out. */
  goMod?: GoMod | null;
  /** The go.mod in a directory of the build context, when it is on disk: finds a module below the context's root. */
  goModIn?: (dir: string) => GoMod | null;
}

const stageLabel = (s: Stage) => (s.name ? `\`${s.name}\`` : `#${s.index}`);

/**
 * `platforms` from the header comment expand writes (a Dockerfile has no instruction for them): only before the
 * first FROM, `--platform a,b` or `--platform=a,b`, and only when every entry is a platform the spec knows.
 */
function platformsComment(model: DockerfileModel): string[] | undefined {
  const firstFrom = model.instructions.find((i) => i.keyword === 'FROM')?.span.start.line ?? Infinity;
  const known = new Set<string>((SPEC_SCHEMA.properties.platforms.items?.enum ?? []));
  for (const c of model.comments) {
    if (c.span.start.line > firstFrom) break;
    const m = /^platforms:\s*docker buildx build\s+--platform[= ](\S+)(\s+\.)?\s*$/.exec(c.text.trim());
    const list = m?.[1].split(',').filter(Boolean);
    if (list?.length && list.every((p) => known.has(p))) return [...new Set(list)];
  }
  return undefined;
}

/** A single golang stage's FROM: its Go version was read first; here the runtime side. */
function readSingleStageBase(ctx: Ctx, stage: Stage): void {
  readBase(ctx, stage);
}

function readInstruction(ctx: Ctx, inst: Instruction, targetChain: Stage[]): void {
  const stage = inst.stage;
  if (!stage) return readGlobalArg(ctx, inst);
  const single = buildsInImage(ctx.trace);
  if (!ctx.trace.reachable.has(stage)) return ctx.ledger.drop(inst, `stage ${stageLabel(stage)} is not part of the target's build`);
  if (targetChain.includes(stage)) {
    if (single) {
      if (inst.keyword === 'FROM') return readSingleStageBase(ctx, stage);
      if (['RUN', 'COPY', 'ADD', 'ARG', 'ENV', 'SHELL'].includes(inst.keyword)) {
        if (inst.keyword === 'RUN') return readRun(ctx, inst as RunInstruction, 'single');
        return readBuilderInstruction(ctx, inst, stage, 'single');
      }
      if (inst.keyword === 'WORKDIR') return ctx.ledger.drop(inst, 'the build\'s directory; the spec\'s image holds only the binary');
      return readRuntimeInstruction(ctx, inst, stage);
    }
    if (inst.keyword === 'FROM') return readBase(ctx, stage);
    if (inst.keyword === 'RUN') return readRun(ctx, inst as RunInstruction, 'runtime');
    return readRuntimeInstruction(ctx, inst, stage);
  }
  if (ctx.trace.builderChain.includes(stage)) {
    if (inst.keyword === 'FROM') return; // read first, for the Go version
    return readBuilderInstruction(ctx, inst, stage, 'builder');
  }
  return ctx.ledger.drop(inst, `stage ${stageLabel(stage)} only feeds the lines that use it, reported there`);
}

/**
 * A prebuilt binary's image takes certs, zoneinfo or /tmp from a golang stage: that stage's FROM is the spec's builder
 * (its Go version and digest), when the spec keeps a builder at all (scratch, or another image that takes them).
 */
function readPrebuiltBuilder(ctx: Ctx, targetChain: Stage[]): void {
  if (!hasBuilder(resolveSpec({ ...ctx.spec, path: '.', certs: ctx.spec.certs ?? false, tzdata: ctx.spec.tzdata ?? false } as GofileSpec))) return;
  const sources = new Set(targetChain.flatMap((s) => copies(s)).map((c) => c.fromStage).filter((s): s is Stage => !!s && !targetChain.includes(s)));
  const golang = [...sources].filter((s) => { const b = rootBase(s); return s.base.kind === 'image' && b.kind === 'image' && isGolangImage(b.image); });
  if (golang.length === 1) readBuilderFrom(ctx, golang[0]);
}

/**
 * No USER: the original ran as its base's user, root on most images; the spec's image runs as 65532. Said on the
 * FROM, since whose files the program can write changes. Bases that run as nonroot already (distroless :nonroot,
 * Chainguard) change nothing.
 */
function readDefaultUser(ctx: Ctx, targetChain: Stage[]): void {
  if (targetChain.some((s) => s.instructions.some((i) => i.keyword === 'USER'))) return;
  const root = rootBase(ctx.trace.target);
  if (root.kind === 'image' && (/nonroot/.test(root.image.tag ?? '') || root.image.name.startsWith('cgr.dev/chainguard/'))) return;
  const from = ctx.trace.target.from;
  const who = root.kind === 'scratch' ? 'root (scratch)' : `${root.image.text}'s user, root unless the image sets one`;
  ctx.ledger.drop(from, `no USER: the image ran as ${who}; the spec's image runs as ${ctx.spec.user ?? 65532} (\`user\` takes another uid, never root)`);
}

export function convertDockerfile(model: DockerfileModel, opts: ConvertOptions = {}): ConvertResult {
  const trace = traceBuild(model);
  if ('refused' in trace) return { spec: { path: '.' }, report: [], kind: 'not-go', refused: trace.refused };
  const ctx: Ctx = { model, trace, ledger: new Ledger(), spec: {}, goMod: opts.goMod ?? null, goModIn: opts.goModIn, users: new Map(), extraBinaries: [], binaryBuilds: new Set(), claimedVars: new Set(), ownedDirs: [] };
  const targetChain = stageChain(trace.target);
  const single = buildsInImage(trace);
  // The Go version first (the base keywords depend on it), then the build, then every instruction in file order.
  for (const s of trace.builderChain) if (!targetChain.includes(s) || single) readBuilderFrom(ctx, s);
  if (trace.binaryPath) ctx.spec.name = trace.binaryPath.split('/').pop();
  else if (trace.exe) ctx.spec.name = trace.exe.split('/').pop();
  readGoBuild(ctx);
  ctx.buildCommand = findBuildCommand(ctx);
  readBuildCommand(ctx);
  readBinaries(ctx);
  readCopiedAccounts(ctx, targetChain);
  const platforms = platformsComment(model);
  if (platforms && !ctx.spec.platforms) ctx.spec.platforms = platforms;
  // USER names resolve through adduser lines anywhere in the image, so RUNs are read before USER; ARGs before the
  // first FROM last, once the stages that declare them again have said what their values became.
  const rank = (i: Instruction) => (!i.stage ? 2 : i.keyword === 'RUN' ? 0 : 1);
  const ordered = [...model.instructions].sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  for (const inst of ordered) {
    if (inst.keyword === 'FROM' && inst.stage && trace.builderChain.includes(inst.stage) && !targetChain.includes(inst.stage)) continue;
    readInstruction(ctx, inst, targetChain);
  }
  readOwnedDirs(ctx);
  readStart(ctx, trace.target);
  readDefaultUser(ctx, targetChain);
  if (ctx.spec.prebuilt) readPrebuiltBuilder(ctx, targetChain);
  if (!trace.build && !ctx.spec.build && trace.binaryCopy?.fromStage) {
    ctx.ledger.lose(trace.binaryCopy, 'the binary is built by a step convert cannot read (make, a script); the spec builds `path` (default `.`) with go build');
  }
  // the program comes from nowhere convert can follow (a directory of the context with a prebuilt binary in it): the spec would build one
  const start = startCommand(trace.target);
  if (trace.kind !== 'single-stage-golang' && !trace.build && !ctx.spec.build && !ctx.spec.prebuilt && !trace.binaryCopy && start) {
    ctx.ledger.lose(start.inst, `no go build writes \`${trace.exe ?? start.words.join(' ')}\` and no COPY convert can follow brings it (a prebuilt binary inside a copied directory?); the spec builds \`path\` (default \`.\`) and installs that binary as ${ctx.spec.name ? `/usr/local/bin/${ctx.spec.name}` : '/usr/local/bin/<name>'}`);
  }
  // a golang image that builds and ships nothing the spec can see is a toolchain environment, not a program's image
  if (trace.kind === 'single-stage-golang' && !trace.build && !ctx.spec.build && !trace.binaryCopy) {
    ctx.ledger.lose(trace.target.from, 'the image builds no binary convert can see and runs none it copies in: a Go toolchain environment (a dev container, a build or packaging image), which the spec cannot say; it builds `path` and ships that binary');
  }
  const spec = finishSpec(ctx);
  return { spec, report: ctx.ledger.notes(model), kind: trace.kind, refused: undefined };
}
