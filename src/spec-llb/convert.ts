// specToLLB: a resolved gofile.yaml spec → the BuildKit Definition and image config, built with the
// LLB state API from the spec's fields (no Dockerfile text), op for op what BuildKit's Dockerfile
// frontend makes of `expandSpec(spec)`.
import { InputError } from '../errors.js';
import { DEFAULT_PATH, cloneImage, emptyImage, imageJSON, unresolvedImage, type ImageConfig } from '../frontend/image.js';
import {
  image, local, marshal, normalizeImageRef, normalizePlatform, parsePlatform, scratch, SourceMap,
  type Definition, type Platform, type State,
} from '../llb/index.js';
import type { ResolvedSpec } from '../spec/types.js';
import { buildSteps, dispatchBuild } from './build.js';
import { specLocator, type Locate } from './locations.js';
import { dispatchRuntime, expandPath, runtimeSteps } from './runtime.js';
import { assertBinaryNames, hasBuilder, runtimeArgs } from '../spec/expand.js';
import { joinAbs } from './words.js';
import { Stage } from './stage.js';

export interface SpecLLBOptions {
  /** Target platform, e.g. linux/arm64; linux/amd64 by default. */
  platform?: string;
  /** Platform of the machine that builds (the builder stage runs there unless cgo); the target's by default. */
  buildPlatform?: string;
  /** --build-arg values: the spec's buildArgs and the platform args. */
  buildArgs?: Record<string, string>;
  /** `local.unique` of the build context source; "gofile" by default. */
  localUniqueId?: string;
  /** Known image configs by reference as written or normalized. */
  baseConfigs?: Map<string, ImageConfig>;
  /**
   * Normalized reference → the digest it resolved to: the builder's and base's source ops are pinned as
   * BuildKit pins a resolved FROM (the reference as written, tag kept, no `:latest` added, `@digest`).
   */
  imageDigests?: Map<string, string>;
  /** The gofile.yaml text: ops then point at the spec lines they come from. */
  sourceMap?: { filename: string; text: string };
}

export interface SpecLLBResult {
  definition: Definition;
  imageConfig: Record<string, unknown>;
}

const formatPlatform = (p: Platform) => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;

function readPlatform(spec: string): Platform {
  try {
    return normalizePlatform(parsePlatform(spec));
  } catch (e) {
    throw new InputError(`invalid platform ${spec}: ${(e as Error).message}; use os/arch[/variant], e.g. linux/arm64`);
  }
}

/** BuildKit's automatic platform args, a --build-arg of the same name winning. */
function platformArgs(target: Platform, build: Platform, cli: ReadonlyMap<string, string>): Map<string, string> {
  const m = new Map<string, string>([
    ['BUILDPLATFORM', formatPlatform(build)], ['BUILDOS', build.os!], ['BUILDARCH', build.architecture!], ['BUILDVARIANT', build.variant ?? ''],
    ['TARGETPLATFORM', formatPlatform(target)], ['TARGETOS', target.os!], ['TARGETARCH', target.architecture!], ['TARGETVARIANT', target.variant ?? ''],
  ]);
  for (const k of m.keys()) if (cli.has(k)) m.set(k, cli.get(k)!);
  return m;
}

/**
 * The stage's start: FROM an image (its config if known, else none, as BuildKit without a registry),
 * the config's env (PATH by default), dir and user on the state.
 */
function from(st: Stage, ref: string, written: string, platform: Platform, opts: SpecLLBOptions, keys: string[]): void {
  if (ref === 'scratch') {
    st.state = scratch();
    st.image = emptyImage(platform);
  } else {
    const name = normalizeImageRef(ref);
    const known = opts.baseConfigs?.get(name) ?? opts.baseConfigs?.get(ref);
    const digest = opts.imageDigests?.get(name);
    const shown = digest ? normalizeImageRef(`${ref.split('@')[0]}@${digest}`) : name;
    st.image = known ? cloneImage(known) : unresolvedImage(platform);
    delete (st.image as { created?: unknown }).created;
    // a known image with no layers at all is scratch to BuildKit
    const empty = !!known && (st.image.rootfs?.diff_ids ?? []).length === 0 && (st.image.history ?? []).every((h) => h.empty_layer);
    st.state = empty ? scratch() : image(shown, {
      description: { 'com.docker.dockerfile.v1.command': written },
      platform,
      customName: st.prefix(`FROM ${shown}`),
      sourceLocations: st.locate(...keys),
    });
  }
  const cfg = (st.image.config ??= {});
  if (cfg.OnBuild?.length) throw new InputError(`the base image ${ref} has ONBUILD triggers, which a gofile.yaml build does not run; pick another base or drop its --base-config`);
  cfg.OnBuild = null;
  const env = (cfg.Env ??= []);
  if (!env.some((e) => e.split('=')[0] === 'PATH')) env.push('PATH=' + DEFAULT_PATH);
  for (const e of env) {
    const eq = e.indexOf('=');
    st.state = st.state.addEnv(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
  }
  if (cfg.WorkingDir) st.state = st.state.dir(cfg.WorkingDir);
  if (cfg.User) st.state = st.state.user(cfg.User);
}

const withDigest = (ref: string, digest: string | null) => (digest ? `${ref}@${digest}` : ref);

/** The context paths a prebuilt spec's COPYs read (the binary, the `copy` files), as BuildKit's followpaths; undefined for a go build. */
function prebuiltPaths(r: ResolvedSpec, cli: ReadonlyMap<string, string>, meta: ReadonlyMap<string, string>): string[] | undefined {
  if (!r.prebuilt) return undefined;
  const { platform, args } = runtimeArgs(r);
  const env = new Map<string, string>();
  for (const k of args) env.set(k, cli.get(k) ?? r.buildArgs[k]);
  for (const k of platform) env.set(k, cli.get(k) ?? meta.get(k) ?? '');
  const paths = new Set([r.prebuilt, ...r.copy.filter((c) => !c.from).map((c) => c.src)].map((p) => joinAbs(expandPath(p, env))));
  // a path that cleans to the context root (a build arg of `..`) sends all of it, as BuildKit does
  if (paths.has('/')) return undefined;
  return [...paths].map((p) => p.replace(/^\/+/, '')).sort();
}

/**
 * The image a `copy` entry with `from` reads: what BuildKit makes of `COPY --from=<image>`, a source of its own
 * per COPY with an empty command, no step counter, the target platform and the COPY's location.
 */
function copyImage(ref: string, platform: Platform, opts: SpecLLBOptions, locations: ReturnType<Locate>): State {
  const name = normalizeImageRef(ref);
  const known = opts.baseConfigs?.get(name) ?? opts.baseConfigs?.get(ref);
  // a known image with no layers at all is scratch to BuildKit
  if (known && (known.rootfs?.diff_ids ?? []).length === 0 && (known.history ?? []).every((h) => h.empty_layer)) return scratch();
  const digest = opts.imageDigests?.get(name);
  const shown = digest ? normalizeImageRef(`${ref.split('@')[0]}@${digest}`) : name;
  return image(shown, { description: { 'com.docker.dockerfile.v1.command': '' }, platform, customName: `FROM ${shown}`, sourceLocations: locations });
}

/** The images the spec's LLB pulls (builder, then the base unless scratch), each with the platform it is pulled for. */
export function specImages(r: ResolvedSpec, opts: Pick<SpecLLBOptions, 'platform' | 'buildPlatform' | 'buildArgs'> = {}): Array<{ ref: string; text: string; platform: Platform }> {
  const target = readPlatform(opts.platform ?? 'linux/amd64');
  const buildPlatform = opts.buildPlatform ? readPlatform(opts.buildPlatform) : target;
  const meta = platformArgs(target, buildPlatform, new Map(Object.entries(opts.buildArgs ?? {})));
  const builder = withDigest(r.builder, r.builderDigest);
  const out = hasBuilder(r) ? [{ ref: normalizeImageRef(builder), text: builder, platform: r.cgo ? target : readPlatform(meta.get('BUILDPLATFORM')!) }] : [];
  const base = withDigest(r.base, r.baseDigest);
  if (r.base !== 'scratch') out.push({ ref: normalizeImageRef(base), text: base, platform: target });
  for (const c of r.copy) if (c.from) out.push({ ref: normalizeImageRef(c.from), text: c.from, platform: target });
  return out;
}

export function specToLLB(r: ResolvedSpec, opts: SpecLLBOptions = {}): SpecLLBResult {
  assertBinaryNames(r);
  const target = readPlatform(opts.platform ?? 'linux/amd64');
  const buildPlatform = opts.buildPlatform ? readPlatform(opts.buildPlatform) : target;
  const cli = new Map(Object.entries(opts.buildArgs ?? {}));
  const meta = platformArgs(target, buildPlatform, cli);
  const sm = opts.sourceMap ? new SourceMap(opts.sourceMap.filename, opts.sourceMap.text) : undefined;
  const locate: Locate = sm ? specLocator(sm, opts.sourceMap!.text) : () => undefined;
  // the go build binds the whole context (`.`), so BuildKit sends all of it: no followpaths; a prebuilt
  // binary's build sends only what the COPYs read
  const context = local('context', { sharedKeyHint: 'context', customName: '[internal] load build context', followPaths: prebuiltPaths(r, cli, meta) });

  // cgo builds on the target platform; otherwise Go cross-compiles on the build platform
  let build: Stage | undefined;
  if (hasBuilder(r)) {
    build = new Stage('build', buildSteps(r), locate);
    const builder = withDigest(r.builder, r.builderDigest);
    const buildOn = r.cgo ? target : readPlatform(meta.get('BUILDPLATFORM')!);
    from(build, builder, `FROM ${r.cgo ? '' : '--platform=$BUILDPLATFORM '}${builder} AS build`, buildOn, opts, ['builder', 'go', 'prebuilt']);
    dispatchBuild(build, r, context, cli, meta);
  }

  // BuildKit names an unnamed stage by its index, and the only stage not at all (an image COPY --from names is a stage too)
  const run = new Stage(build ? 'stage-1' : r.copy.some((c) => c.from) ? 'stage-0' : '', runtimeSteps(r), locate);
  const base = withDigest(r.base, r.baseDigest);
  from(run, base, `FROM ${base}`, target, opts, ['base', 'scratch']);
  const images = r.copy.map((c, i) => (c.from ? copyImage(c.from, target, opts, locate(`copy.${i}`)) : undefined));
  dispatchRuntime(run, r, build?.state ?? null, context, images, cli, meta);

  const definition = marshal(run.state, { platform: target, localUniqueId: opts.localUniqueId ?? 'gofile', defaultPath: 'worker' });
  run.image.os = target.os;
  run.image.architecture = target.architecture;
  run.image.variant = target.variant;
  return { definition, imageConfig: imageJSON(run.image) };
}
