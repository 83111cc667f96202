// dockerfileToLLB: the typed Dockerfile model → a BuildKit Definition and image config, walking the
// stages the target needs the way BuildKit v0.11.6's dockerfile2llb does, op for op.
import type { DockerfileModel } from '../dockerfile/model.js';
import {
  SourceMap, State, image, local, marshal, scratch, parsePlatform, normalizePlatform, normalizeImageRef,
  type Definition, type Platform,
} from '../llb/index.js';
import type { Output } from '../llb/vertex.js';
import { ConvertError } from './errors.js';
import { DEFAULT_PATH, cloneImage, emptyImage, imageJSON, unresolvedImage, type ImageConfig } from './image.js';
import { dispatchCommand, type DispatchContext } from './dispatch.js';
import { buildStages, isReachable, locate, metaArgsMap, type DispatchState, type MetaArg, type StageCommand } from './stages.js';
import { rawMountFrom } from './mounts.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { parseCommand } from './commands.js';
import { processWord } from './lex.js';
import { prefixCommand, dfCmd, location } from './names.js';

export interface ConvertOptions {
  /** The stage to build; the last one by default. */
  target?: string;
  /** Target platform, e.g. linux/arm64; linux/amd64 by default. */
  platform?: string;
  /** Platform of the machine that builds (BUILDPLATFORM, BUILDARCH…); the target platform by default, as in BuildKit. */
  buildPlatform?: string;
  buildArgs?: Record<string, string>;
  /** `local.unique` of local sources (a session-less build needs one); "gofile" by default. */
  localUniqueId?: string;
  /** Known image configs by reference as written or normalized (docker.io/library/golang:1.22). */
  baseConfigs?: Map<string, ImageConfig>;
  /**
   * Normalized reference (docker.io/library/golang:1.22) → the digest (`sha256:…`) it resolved to. The source
   * ops of reachable images it names are pinned as BuildKit v0.11.6 pins a resolved base: the reference as
   * written, normalized, a written tag kept, no `:latest` added, `@digest` appended (or replacing one).
   */
  imageDigests?: Map<string, string>;
  /** Attach the Dockerfile as a source map, as BuildKit does. */
  sourceMap?: boolean;
  /** Progress-group ids for COPY --link (random in BuildKit); override for reproducible output. */
  newId?: () => string;
}

export interface ConvertResult {
  definition: Definition;
  /** The OCI image config, as BuildKit writes it (Go field order). */
  imageConfig: Record<string, unknown>;
}

const formatPlatform = (p: Platform) => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;

function platformArgs(target: Platform, build: Platform): MetaArg[] {
  return [
    { key: 'BUILDPLATFORM', value: formatPlatform(build) }, { key: 'BUILDOS', value: build.os },
    { key: 'BUILDARCH', value: build.architecture }, { key: 'BUILDVARIANT', value: build.variant ?? '' },
    { key: 'TARGETPLATFORM', value: formatPlatform(target) }, { key: 'TARGETOS', value: target.os },
    { key: 'TARGETARCH', value: target.architecture }, { key: 'TARGETVARIANT', value: target.variant ?? '' },
  ];
}

function randomId(): string {
  let s = '';
  while (s.length < 25) s += Math.floor(Math.random() * 36).toString(36);
  return s;
}

// What both the conversion and imageSources need first: the platforms, build args and global ARGs, the stages.
function prepare(model: DockerfileModel, opts: ConvertOptions) {
  const escape = model.escape;
  const unterminated = model.errors.find((e) => e.message.startsWith('unterminated heredoc'));
  if (unterminated) {
    throw new ConvertError('unterminated heredoc', model.path, unterminated.span.start.line, unterminated.message.replace(/^unterminated heredoc /, ''));
  }
  const readPlatform = (spec: string) => {
    try {
      return normalizePlatform(parsePlatform(spec));
    } catch (e) {
      throw new ConvertError(`invalid platform ${spec}: ${(e as Error).message}`, model.path, undefined, 'use os/arch[/variant], e.g. linux/arm64');
    }
  };
  const targetPlatform = readPlatform(opts.platform ?? 'linux/amd64');
  const buildPlatform = opts.buildPlatform ? readPlatform(opts.buildPlatform) : targetPlatform;
  const buildArgs = new Map(Object.entries(opts.buildArgs ?? {}));
  const metaArgs: MetaArg[] = platformArgs(targetPlatform, buildPlatform).map((a) =>
    buildArgs.has(a.key) ? { key: a.key, value: buildArgs.get(a.key) } : a,
  );
  for (const inst of model.globalArgs) {
    let command;
    try {
      command = parseCommand(inst, escape);
    } catch (e) {
      throw locate(model, inst, e);
    }
    if (command.kind !== 'ARG') continue;
    for (const a of command.args) {
      let value = a.value;
      if (buildArgs.has(a.key)) value = buildArgs.get(a.key);
      else if (value !== undefined) {
        try {
          value = processWord(value, metaArgsMap(metaArgs), { escape });
        } catch {
          value = ''; // BuildKit ignores the error here and keeps an empty value
        }
      }
      metaArgs.push({ key: a.key, value });
    }
  }

  const { states, target } = buildStages(model, metaArgs, escape, opts.target);
  return { escape, targetPlatform, buildArgs, metaArgs, states, target };
}

/** A registry image a build from the target pulls: what BuildKit resolves before it converts. */
export interface ImageSource {
  /** Normalized, as baseConfigs and imageDigests key it: docker.io/library/golang:1.22. */
  ref: string;
  /** As written, after ARG expansion (the form a resolved build pins). */
  text: string;
  /** The platform it is pulled for: the FROM's --platform, else the target. */
  platform: Platform;
  /** The FROM or COPY line naming it (none for a RUN --mount from=<image>, as in BuildKit). */
  line?: number;
}

/**
 * The images BuildKit v0.11.6 would resolve for this build: FROM bases and the images COPY --from /
 * RUN --mount from= name, reachable from the target, scratch and stages left out; one entry per state.
 */
export function imageSources(model: DockerfileModel, opts: ConvertOptions = {}): ImageSource[] {
  const { targetPlatform, states, target } = prepare(model, opts);
  return states
    .filter((d) => !d.base && d.baseName !== 'scratch' && isReachable(target, d))
    .map((d) => ({ ref: d.baseName, text: d.baseRef ?? d.baseName, platform: d.platform ?? targetPlatform, line: d.location?.span.start.line }));
}

export function dockerfileToLLB(model: DockerfileModel, opts: ConvertOptions = {}): ConvertResult {
  const { escape, targetPlatform, buildArgs, metaArgs, states, target } = prepare(model, opts);
  const newId = opts.newId ?? randomId;

  const dockerfileName = model.path.split(/[\\/]/).pop() || 'Dockerfile';
  const sourceMap = opts.sourceMap
    ? new SourceMap(dockerfileName, model.text, local('dockerfile', {
        differ: { type: 'none' }, followPaths: [dockerfileName], sharedKeyHint: 'dockerfile',
        customName: `[internal] load build definition from ${dockerfileName}`,
      }))
    : undefined;

  // the build context is created last (its followpaths depend on every COPY), so ops point at it lazily
  let contextState: State | undefined;
  const contextOutput = {
    get vertex() {
      return contextState!.output!.vertex;
    },
    index: () => 0,
  } as Output;
  const buildContext = State.fromOutput(contextOutput);

  // base images: every stage gets its state, only reachable ones get a config
  for (const d of states) {
    if (d.base) continue;
    const reachable = isReachable(target, d);
    if (d.baseName === 'scratch') {
      d.state = scratch();
      d.image = emptyImage(targetPlatform);
      continue;
    }
    const platform = d.platform ?? targetPlatform;
    let isScratch = false;
    if (reachable) {
      const known = opts.baseConfigs?.get(d.baseName) ?? opts.baseConfigs?.get(d.baseText);
      d.image = known ? cloneImage(known) : unresolvedImage(platform);
      delete (d.image as { created?: unknown }).created;
      if (known && (d.image.rootfs?.diff_ids ?? []).length === 0) {
        isScratch = (d.image.history ?? []).every((h) => h.empty_layer);
      }
    }
    const digest = reachable ? opts.imageDigests?.get(d.baseName) : undefined;
    const name = digest ? pinnedName(model, d, digest) : d.baseName;
    d.state = isScratch
      ? scratch()
      : image(name, {
          description: dfCmd(d.sourceCode),
          platform,
          customName: prefixCommand(d, `FROM ${name}`),
          sourceLocations: location(sourceMap, d.location),
        });
    d.platform = platform;
  }

  const ctx: DispatchContext = {
    model, escape, metaArgs, buildArgs, buildContext, sourceMap, targetPlatform, newId,
  };
  const ctxPaths = new Set<string>();
  for (const d of states) {
    if (!isReachable(target, d)) continue;
    if (d.base) {
      d.state = d.base.state;
      d.platform = d.base.platform;
      d.image = cloneImage(d.base.image!);
    }
    const img = d.image!;
    img.config ??= {};
    const env = img.config.Env ?? [];
    if (!env.some((e) => e.split('=')[0] === 'PATH')) env.push('PATH=' + DEFAULT_PATH);
    img.config.Env = env;
    let st = d.state!;
    for (const e of env) {
      const eq = e.indexOf('=');
      st = st.addEnv(eq < 0 ? e : e.slice(0, eq), eq < 0 ? '' : e.slice(eq + 1));
    }
    if (img.config.WorkingDir) st = st.dir(img.config.WorkingDir);
    if (img.config.User) st = st.user(img.config.User);
    d.state = st;
    const triggers = img.config.OnBuild ?? [];
    img.config.OnBuild = null;
    for (const trigger of triggers) {
      try {
        dispatchCommand(d, onbuildCommand(trigger, states, escape), ctx);
      } catch (e) {
        throw locate(model, d.from, e, `in the ONBUILD trigger "${trigger}" of the base of stage ${d.stageName || d.baseName}`);
      }
    }
    for (const c of d.commands) {
      try {
        dispatchCommand(d, c, ctx);
      } catch (e) {
        if (e instanceof ConvertError) throw e;
        throw locate(model, c.command.inst, e);
      }
    }
    for (const p of d.ctxPaths) ctxPaths.add(p);
  }

  contextState = local('context', {
    sharedKeyHint: 'context',
    customName: '[internal] load build context',
    followPaths: contextPaths(ctxPaths),
  });

  const definition = marshal(target.state!, {
    platform: targetPlatform,
    localUniqueId: opts.localUniqueId ?? 'gofile',
    defaultPath: 'worker',
  });
  const finalImage = target.image!;
  finalImage.os = targetPlatform.os;
  finalImage.architecture = targetPlatform.architecture;
  finalImage.variant = targetPlatform.variant;
  return { definition, imageConfig: imageJSON(finalImage) };
}

// reference.WithDigest(ParseNormalizedNamed(as written), digest): the tag kept, a written digest replaced.
function pinnedName(model: DockerfileModel, d: DispatchState, digest: string): string {
  const written = d.baseRef ?? d.baseName;
  const at = written.indexOf('@');
  try {
    return normalizeImageRef(`${at < 0 ? written : written.slice(0, at)}@${digest}`);
  } catch (e) {
    throw new ConvertError(`cannot pin ${written} to ${digest}: ${(e as Error).message}`, model.path, d.location?.span.start.line);
  }
}

// An ONBUILD trigger of the base image, parsed as an instruction of this stage; it may read named stages only.
function onbuildCommand(trigger: string, states: DispatchState[], escape: string): StageCommand {
  const inst = parseDockerfile(trigger).instructions[0];
  if (!inst || inst.keyword === 'FROM') throw new Error('onbuild trigger should be a single expression');
  const command = parseCommand(inst, escape);
  const named = (from: string): DispatchState => {
    const found = states.find((s) => !s.unregistered && s.name !== '' && s.name === from.toLowerCase());
    if (from !== 'scratch' && !found) throw new Error(`gofile cannot run an ONBUILD trigger that reads the image ${from}; copy from a named stage instead`);
    return found ?? ({ state: scratch() } as DispatchState);
  };
  const sources: DispatchState[] = [];
  if (command.kind === 'COPY' && command.from !== '') sources.push(named(command.from));
  if (command.kind === 'RUN') for (const m of command.mounts) sources.push(named(rawMountFrom(m) || 'scratch'));
  return { command, sources };
}

// normalizeContextPaths: no followpaths when the whole context is used, else sorted relative paths.
function contextPaths(paths: Set<string>): string[] | undefined {
  if (paths.has('/')) return undefined;
  return [...paths].map((p) => p.replace(/^\/+/, '')).sort();
}
