// The build stages: the golang image and Go version, and what each instruction around the go build becomes.
import type { CopyInstruction, Instruction, RunInstruction, Stage } from '../dockerfile/model.js';
import { referencedVars } from '../dockerfile/expand.js';
import { classifyImage, rootBase } from '../lint/helpers.js';
import { instructionPairs } from '../lint/go-helpers.js';
import { claimKey, type Ctx } from './context.js';
import { readBuildEnv } from './gobuild.js';
import { goVersionOfTag, isGolangImage } from './images.js';
import { expandKnown } from './paths.js';
import { readRun, type Role } from './commands.js';
import { RESERVED_ENV } from '../spec/load.js';

const PLATFORM_ARGS = /^(TARGET|BUILD)(OS|ARCH|PLATFORM|VARIANT)$/;
// Go variables the go build reading claims (it knows whether they reach the build).
const BUILD_READ = /^(CGO_ENABLED|GOOS|GOARCH|GOARM|GOFLAGS|GOPRIVATE)$/;
const GO_VAR = /^(GO[A-Z0-9_]*|CGO_[A-Z_]+|CC|CXX)$/;

/** The builder's FROM: the Go version from the golang tag (after ARG resolution) and its digest pin. */
export function readBuilderFrom(ctx: Ctx, stage: Stage): void {
  const from = stage.from;
  if (stage.base.kind === 'stage') { ctx.ledger.drop(from, `builds on stage \`${stage.base.stage.name ?? stage.base.stage.index}\`, read with it`); return; }
  const root = rootBase(stage);
  const platform = stage.platform ? '; expand builds on --platform=$BUILDPLATFORM itself' : '';
  if (root.kind === 'scratch') { ctx.ledger.drop(from, 'an empty builder stage'); return; }
  const image = root.image;
  if (!isGolangImage(image)) {
    const kind = classifyImage(image);
    ctx.builderFamily = kind === 'alpine' ? 'alpine' : 'debian';
    // A custom builder image (not a distribution that installs Go itself) is kept as the spec's `builder`.
    if (kind === 'other' && !image.unresolved.length && !image.invalid) {
      ctx.builderImage = image.name + (image.tag ? `:${image.tag}` : '');
      ctx.spec.builder = ctx.builderImage;
      if (image.digest) ctx.spec.builderDigest = image.digest;
      ctx.ledger.carry(from, image.digest ? ['builder', 'builderDigest'] : ['builder'], `\`${image.text}\` → builder${platform}`);
      return;
    }
    // an image named by a build arg with no value (golang:${GO}-alpine) is not some other image
    const why = image.unresolved.length ? `depends on ${image.unresolved.join(', ')}, which has no value here` : 'is not the golang image';
    ctx.ledger.drop(from, `\`${image.text}\` ${why}; expand builds on golang:<go>${platform}`);
    return;
  }
  ctx.builderFamily = /alpine/.test(image.tag ?? '') ? 'alpine' : 'debian';
  ctx.builderImage = image.name + (image.tag ? `:${image.tag}` : '');
  ctx.builderFrom = from;
  const go = goVersionOfTag(image.tag);
  const fields: string[] = [];
  if (go) { ctx.spec.go = go; ctx.go = go; fields.push('go'); }
  if (image.digest) {
    ctx.spec.builderDigest = image.digest;
    ctx.spec.builder = ctx.builderImage;
    fields.push('builder', 'builderDigest');
  }
  if (fields.length) ctx.ledger.carry(from, fields, `\`${image.text}\` → ${fields.join(', ')}${platform}`);
  else ctx.ledger.drop(from, `\`${image.text}\` names no Go version (${image.unresolved.length ? `a build arg with no value: ${image.unresolved.join(', ')}` : 'a floating tag'}); the spec's go defaults to go.mod's${platform}`);
}

// Shell and tool settings that say nothing about the Go build.
const SHELL_ENV = /^(PATH|HOME|USER|SHELL|TERM|LANG|LANGUAGE|LC_[A-Z]+|DEBIAN_FRONTEND|GIT_SSH_COMMAND|GIT_TERMINAL_PROMPT|TZ)$/;
const WORD = /^[A-Za-z0-9._/:@+,=%-]*$/;

function readEnvOrArg(ctx: Ctx, inst: Instruction, role: Role): void {
  const build = ctx.trace.build?.run ?? ctx.buildCommand?.run;
  const afterBuild = !!build && inst.index > build.index;
  for (const pair of instructionPairs(inst)) {
    const name = pair.key;
    if (ctx.claimedVars.has(claimKey(inst, name))) continue;
    if (inst.keyword === 'ARG' && PLATFORM_ARGS.test(name)) { ctx.ledger.drop(inst, `${name}: expand declares the platform args itself`); continue; }
    if (BUILD_READ.test(name)) { ctx.ledger.drop(inst, `${name}: overridden where the go build runs`); continue; }
    if (inst.keyword === 'ENV' && role === 'single' && !GO_VAR.test(name)) {
      (ctx.spec.env ??= {})[name] = pair.value ?? '';
      ctx.ledger.carry(inst, 'env');
      continue;
    }
    if (!build) { ctx.ledger.drop(inst, `${name}: read by build steps convert cannot follow`); continue; }
    if (afterBuild && !(ctx.spec.buildArgs && name in ctx.spec.buildArgs)) { ctx.ledger.drop(inst, `${name}: set after the go build, which is all the spec keeps of this stage`); continue; }
    // `ENV X=${X}` of an ARG X: the ARG is in the build's environment already, so it stays a build arg.
    const promoted = inst.keyword === 'ENV' && pair.value !== null && (pair.value === `$${name}` || pair.value === `\${${name}}`) && inst.vars.has(name) && !inst.envNames.has(name);
    if (inst.keyword === 'ARG' || promoted) {
      // Build args the build stage declares stay build args (docker build --build-arg still sets them), Go settings too:
      // an ARG is in the environment of the module download and the build, where expand declares it.
      const value = (promoted ? inst.vars.get(name) : pair.value !== null ? expandKnown(pair.value, inst.vars) ?? pair.value : build?.vars.get(name)) ?? '';
      if (ctx.spec.buildArgs && name in ctx.spec.buildArgs || WORD.test(value) && !RESERVED_ENV[name]) {
        ctx.spec.buildArgs = { ...ctx.spec.buildArgs, [name]: value };
        ctx.ledger.carry(inst, 'buildArgs');
      } else if (GO_VAR.test(name) && pair.value !== null) readBuildEnv(ctx, name, pair.value, inst);
      else ctx.ledger.drop(inst, `${name}: a build argument the converted build does not use`);
      continue;
    }
    if (SHELL_ENV.test(name)) { ctx.ledger.drop(inst, `${name}: shell settings for steps expand writes itself`); continue; }
    if (GO_VAR.test(name) || WORD.test((pair.value ?? '').replace(/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/g, ''))) { readBuildEnv(ctx, name, pair.value ?? '', inst); continue; }
    ctx.ledger.drop(inst, `${name}: builder-only environment for steps expand writes itself`);
  }
  if (!ctx.ledger.has(inst)) ctx.ledger.drop(inst, 'declares nothing');
}

function readBuilderCopy(ctx: Ctx, c: CopyInstruction): void {
  if (c.fromStage) {
    const root = rootBase(c.fromStage);
    if (root.kind === 'image' && /(^|\/)xx$/.test(root.image.name) || /^xx$/i.test(c.fromStage.name ?? '')) { ctx.ledger.drop(c, 'tonistiigi/xx: expand cross-compiles with Go\'s own GOOS/GOARCH'); return; }
    if (ctx.trace.builderChain.includes(c.fromStage)) { ctx.ledger.drop(c, 'moves files between build stages'); return; }
    if (root.kind === 'image' && isGolangImage(root.image) && c.sources.every((x) => /^\/usr\/local\/go\/?$/.test(x))) {
      ctx.ledger.drop(c, 'copies in the Go toolchain; expand builds on the golang image');
      return;
    }
    ctx.ledger.lose(c, `brings ${c.sources.join(' ')} from stage \`${c.fromStage.name ?? c.fromStage.index}\` into the build; the spec builds from the build context alone`);
    return;
  }
  if (c.from) { ctx.ledger.lose(c, `brings files from the image ${c.from} into the build`); return; }
  if (c.keyword === 'ADD' && c.sources.some((s) => /^(https?|git):\/\//.test(s))) { ctx.ledger.lose(c, 'ADD downloads into the build; the spec builds from the build context'); return; }
  if (c.sources.some((s) => /^(\.\/)?go\.(mod|sum|\*)$/.test(s)) && c.sources.every((s) => /^(\.\/)?(go\.(mod|sum|\*|work|work\.sum))$/.test(s))) {
    ctx.ledger.drop(c, 'expand bind-mounts go.mod and go.sum for `go mod download`');
    return;
  }
  const single = ctx.trace.kind === 'single-stage-golang';
  ctx.ledger.drop(c, single ? 'source for the build: expand bind-mounts the build context, and the image holds only the binary (add `copy` entries for files the program reads at run time)' : 'source for the build: expand bind-mounts the build context');
}

/** One instruction of a build stage (or of a single golang stage, for the build side). */
export function readBuilderInstruction(ctx: Ctx, inst: Instruction, stage: Stage, role: Role): void {
  switch (inst.keyword) {
    case 'FROM': return readBuilderFrom(ctx, stage);
    case 'RUN': return readRun(ctx, inst as RunInstruction, role);
    case 'COPY': case 'ADD': return readBuilderCopy(ctx, inst as CopyInstruction);
    case 'ARG': case 'ENV': return readEnvOrArg(ctx, inst, role);
    case 'WORKDIR': return ctx.ledger.drop(inst, 'expand builds in /src');
    case 'SHELL': return ctx.ledger.drop(inst, 'the shell for build steps expand writes itself');
    default: return ctx.ledger.drop(inst, `${inst.keyword} in a build stage does not reach the image`);
  }
}

const fromTexts = (f: Instruction, flags = true) => [f.args, ...(flags ? f.flags.map((fl) => fl.value ?? '') : [])];

/** Global ARG names the FROM lines read: directly, or through another global ARG's default (`ARG IMAGE=golang:${GO}`). */
function fromVars(ctx: Ctx, texts: string[]): Set<string> {
  const used = new Set(texts.flatMap(referencedVars));
  const globals = ctx.model.instructions.filter((i) => !i.stage && i.keyword === 'ARG').reverse();
  // a later global can only read an earlier one, so one pass from the last FROM-facing ARG back suffices
  for (const g of globals) for (const p of instructionPairs(g)) if (used.has(p.key) && p.value) for (const v of referencedVars(p.value)) used.add(v);
  return used;
}

/** Names a bare `ARG NAME` declares again in these stages: a global ARG reaches a build step only that way. */
const bareArgs = (stages: Stage[]) => new Set(stages.flatMap((s) => s.instructions.filter((i) => i.keyword === 'ARG').flatMap((i) => instructionPairs(i).filter((p) => p.value === null).map((p) => p.key))));

interface GlobalUse { builderVars: Set<string>; runtimeVars: Set<string>; runtimeImageVars: Set<string>; bareInBuild: Set<string>; bareAnywhere: Set<string> }

// What the FROM lines and stages make of the global ARGs: worked out once per conversion, not per ARG (linear in the file)
const globalUses = new WeakMap<Ctx, GlobalUse>();

function globalUse(ctx: Ctx): GlobalUse {
  let u = globalUses.get(ctx);
  if (!u) {
    u = {
      builderVars: fromVars(ctx, ctx.trace.builderChain.flatMap((s) => fromTexts(s.from))),
      runtimeVars: fromVars(ctx, fromTexts(ctx.trace.target.from)),
      runtimeImageVars: fromVars(ctx, fromTexts(ctx.trace.target.from, false)),
      bareInBuild: bareArgs(ctx.trace.builderChain),
      bareAnywhere: bareArgs(ctx.model.stages),
    };
    globalUses.set(ctx, u);
  }
  return u;
}

/** ARGs before the first FROM: carried where a FROM or the build uses them, else dropped. */
export function readGlobalArg(ctx: Ctx, inst: Instruction): void {
  const { builderVars, runtimeVars, runtimeImageVars, bareInBuild, bareAnywhere } = globalUse(ctx);
  for (const pair of instructionPairs(inst)) {
    const name = pair.key;
    const usedBy = (vars: Set<string>) => vars.has(name);
    if (ctx.claimedVars.has(claimKey(inst, name))) continue;
    if (usedBy(builderVars) && !PLATFORM_ARGS.test(name)) {
      if (ctx.spec.go) ctx.ledger.carry(inst, 'go', `${name} → go`);
      else ctx.ledger.drop(inst, `${name}: the builder's tag, read with its FROM`);
    } else if (usedBy(runtimeVars) && ctx.trace.kind !== 'single-stage-golang') {
      if (!runtimeImageVars.has(name)) ctx.ledger.drop(inst, `${name}: the image's --platform, which in the spec is the platform the build is asked for`);
      else if (ctx.spec.base) ctx.ledger.carry(inst, 'base', `${name} → base`);
      else ctx.ledger.drop(inst, `${name}: the base image's name, read with its FROM`);
    } else if (ctx.spec.buildArgs && name in ctx.spec.buildArgs) ctx.ledger.carry(inst, 'buildArgs');
    else if (ctx.spec.buildEnv && name in ctx.spec.buildEnv && bareInBuild.has(name)) ctx.ledger.carry(inst, 'buildEnv', `${name}: the default of \`ARG ${name}\` in the build stage`);
    else if (!bareAnywhere.has(name)) ctx.ledger.drop(inst, `${name}: no stage declares it again (\`ARG ${name}\`), so only FROM lines could read it`);
    else ctx.ledger.drop(inst, `${name}: a build argument the converted build does not use`);
  }
  if (!ctx.ledger.has(inst)) ctx.ledger.drop(inst, 'declares nothing');
}
