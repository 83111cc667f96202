// The images a Dockerfile model pulls, resolved as BuildKit's frontend resolves them before a build:
// each to its pinnable digest and its config (ENV, WORKDIR, USER) for the platform it is used on.
import type { CopyInstruction, DockerfileModel, RunInstruction } from '../dockerfile/model.js';
import { normalizedReference, parseImageReference } from '../dockerfile/image.js';
import type { ImageConfig } from '../frontend/image.js';
import type { RegistryClient, ResolvedImage } from './client.js';
import { formatPlatform, readPlatform, type Platform } from './platform.js';

export interface ImageUse {
  /** Normalized as BuildKit (and the frontend's baseConfigs) key it: `docker.io/library/golang:1.22`. */
  ref: string;
  /** As written, after ARG substitution. */
  text: string;
  /** The platform the image is pulled for: the FROM's --platform, else the target platform. */
  platform: Platform;
  /** 1-based line of the FROM, COPY or RUN that names it. */
  line: number;
}

export interface ImageUseOptions {
  /** Target platform, `os/arch[/variant]`; linux/amd64 by default (as `gofile llb`). */
  platform?: string;
  /** BUILDPLATFORM; the target platform by default. */
  buildPlatform?: string;
}

/**
 * Every registry image the model names: FROM bases, COPY --from=<image> and RUN --mount from=<image>
 * (not stages, not scratch, not references an ARG without a value leaves unfinished), first use first.
 */
export function imageUses(model: DockerfileModel, opts: ImageUseOptions = {}): ImageUse[] {
  const target = readPlatform(opts.platform ?? 'linux/amd64');
  const build = opts.buildPlatform ? readPlatform(opts.buildPlatform) : target;
  const stageNames = new Set(model.stages.map((s) => s.name?.toLowerCase()).filter((n): n is string => !!n));
  const out: ImageUse[] = [];
  const add = (text: string, platform: Platform, line: number) => {
    const lower = text.toLowerCase();
    if (lower === 'scratch' || stageNames.has(lower) || /^\d+$/.test(text)) return;
    const p = parseImageReference(text);
    if (typeof p === 'string') return;
    out.push({ ref: normalizedReference(p), text, platform, line });
  };
  for (const stage of model.stages) {
    if (stage.base.kind === 'image' && !stage.base.image.invalid && stage.base.image.unresolved.length === 0) {
      add(stage.base.image.text, stagePlatform(stage.platform, model, target, build), stage.from.span.start.line);
    }
    for (const inst of stage.instructions) {
      if (inst.keyword === 'COPY') {
        const c = inst as CopyInstruction;
        if (c.from && !c.fromStage && !c.from.includes('$')) add(c.from, target, c.span.start.line);
      } else if (inst.keyword === 'RUN') {
        for (const m of (inst as RunInstruction).mounts ?? []) {
          if (m.from && !m.from.includes('$')) add(m.from, target, inst.span.start.line);
        }
      }
    }
  }
  return out;
}

// --platform=$BUILDPLATFORM and friends, with the global ARG defaults; anything unreadable means the target.
function stagePlatform(flag: string | undefined, model: DockerfileModel, target: Platform, build: Platform): Platform {
  if (!flag) return target;
  const vars = new Map<string, string>([
    ['BUILDPLATFORM', formatPlatform(build)], ['BUILDOS', build.os], ['BUILDARCH', build.architecture], ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)], ['TARGETOS', target.os], ['TARGETARCH', target.architecture], ['TARGETVARIANT', target.variant ?? ''],
  ]);
  // global ARGs all share one scope map, so the last one's holds them all
  const globals = model.globalArgs.at(-1)?.vars;
  if (globals) for (const [k, v] of globals) if (v !== null && !vars.has(k)) vars.set(k, v);
  const text = flag.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a: string, b: string) => vars.get(a ?? b) ?? '');
  try {
    return readPlatform(text);
  } catch {
    return target;
  }
}

/**
 * Resolves each distinct reference once, for the platform of its first use, and returns them keyed by
 * the normalized reference: `{digest, config, …}` — the index digest BuildKit pins and the config it starts
 * the stage from. Plain strings are taken as used on `platform`.
 */
export async function resolveImages(
  uses: ReadonlyArray<ImageUse | string>,
  platform: string | Platform,
  client: RegistryClient,
): Promise<Map<string, ResolvedImage>> {
  const target = typeof platform === 'string' ? readPlatform(platform) : platform;
  const wanted = new Map<string, { text: string; platform: Platform }>();
  for (const u of uses) {
    if (typeof u === 'string') {
      const p = parseImageReference(u);
      if (typeof p === 'string') continue;
      const ref = normalizedReference(p);
      if (!wanted.has(ref)) wanted.set(ref, { text: u, platform: target });
    } else if (!wanted.has(u.ref)) wanted.set(u.ref, { text: u.text, platform: u.platform });
  }
  const entries = await Promise.all([...wanted].map(async ([ref, w]) => [ref, await client.resolve(w.text, w.platform)] as const));
  return new Map(entries);
}

/** The configs alone, as `dockerfileToLLB`'s `baseConfigs` takes them (`--base-config` entries should win over these). */
export function baseConfigsOf(resolved: ReadonlyMap<string, ResolvedImage>): Map<string, ImageConfig> {
  return new Map([...resolved].map(([ref, r]) => [ref, r.config]));
}

/** Normalized reference → pinned digest, for a frontend that pins source ops after resolving (see README of src/registry). */
export function digestsOf(resolved: ReadonlyMap<string, ResolvedImage>): Map<string, string> {
  return new Map([...resolved].map(([ref, r]) => [ref, r.digest]));
}

/**
 * What BuildKit v0.11.6 makes of a resolved base: `reference.WithDigest(ParseNormalizedNamed(text), digest)`,
 * i.e. normalized, a written tag kept, no `:latest` added, any written digest replaced.
 */
export function withDigest(text: string, digest: string): string {
  const p = parseImageReference(text);
  if (typeof p === 'string') throw new Error(`${text}: ${p}`);
  return `${p.registry}/${p.repository}${p.tag ? ':' + p.tag : ''}@${digest}`;
}
