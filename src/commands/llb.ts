// `gofile llb`: a Dockerfile → the BuildKit Definition BuildKit v0.11.6's frontend would send,
// as bytes for `buildctl build`, or as dump-llb JSON / graphviz, plus the image config.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDockerfile } from '../dockerfile/parse.js';
import { InputError } from '../errors.js';
import { dockerfileToLLB, goJSON, imageSources, type ImageConfig } from '../frontend/index.js';
import { fsErrorText, readUserFile, writeFileAtomic } from '../fsutil.js';
import { STDIN_ARG, type Io } from '../io.js';
import { dumpDot, dumpJSON, encodeDefinition, normalizeImageRef } from '../llb/index.js';
import { RegistryClient } from '../registry/client.js';
import type { Platform } from '../registry/platform.js';
import { loadSpecFile, specFileToLLB, specImages } from '../spec-llb/index.js';

export interface LlbArgs {
  input: string;
  format?: 'binary' | 'json' | 'dot';
  target?: string;
  platform?: string;
  'build-arg'?: string[];
  'local-unique-id'?: string;
  'write-config'?: string;
  'base-config'?: string[];
  /** Ask the registries for every image the build pulls, as BuildKit's frontend does: configs seed the state, digests pin the sources. */
  resolve?: boolean;
  /** With --resolve: use only the registry cache (earlier runs fill it); a miss is an error. */
  offline?: boolean;
  /** With --resolve: registries (host[:port]) reached over plain HTTP; loopback ones always are. */
  'insecure-registry'?: string[];
}

/** Where binary output goes; the one place that touches process.stdout with bytes (tests pass their own). */
export type BytesWriter = (b: Uint8Array) => void;
const processStdoutBytes: BytesWriter = (b) => {
  process.stdout.write(b);
};

function readInput(input: string, io: Io): Promise<string> | string {
  if (input === '-' || input === STDIN_ARG) return io.stdin();
  const path = resolve(io.cwd, input);
  try {
    return readUserFile(path, input);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${input}: ${fsErrorText(e)}`);
  }
}

// --build-arg K=V, or K alone to take the value from the environment (as docker build does)
function parseBuildArgs(list: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list) {
    const eq = a.indexOf('=');
    if (eq === 0) throw new InputError(`--build-arg ${a}: the name is empty; write --build-arg NAME=value`);
    if (eq > 0) out[a.slice(0, eq)] = a.slice(eq + 1);
    else if (env[a] !== undefined) out[a] = env[a]!;
  }
  return out;
}

function readBaseConfigs(list: readonly string[], cwd: string): Map<string, ImageConfig> {
  const out = new Map<string, ImageConfig>();
  for (const item of list) {
    const eq = item.lastIndexOf('=');
    if (eq <= 0) throw new InputError(`--base-config ${item}: write --base-config IMAGE=config.json`);
    const file = item.slice(eq + 1);
    let cfg: unknown;
    try {
      cfg = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
    } catch (e) {
      throw new InputError(`--base-config ${item}: cannot read ${file} as an image config JSON (${(e as Error).message})`);
    }
    if (typeof cfg !== 'object' || cfg === null || Array.isArray(cfg)) {
      throw new InputError(`--base-config ${item}: ${file} is not an image config object (want {"config":{"Env":[…]}, …})`);
    }
    out.set(item.slice(0, eq), cfg as ImageConfig);
  }
  return out;
}

export async function runLlb(args: LlbArgs, io: Io, writeBytes: BytesWriter = processStdoutBytes, client?: RegistryClient): Promise<number> {
  const input = args.input;
  const isSpec = /\.ya?ml$/i.test(input);
  if (isSpec && args.target) throw new InputError(`--target ${args.target}: a gofile.yaml builds one image, so there is no stage to pick; drop --target`);
  const format = args.format ?? 'binary';
  if (!['binary', 'json', 'dot'].includes(format)) throw new InputError(`--format ${format}: use binary, json or dot`);
  if (!args.resolve && (args.offline || args['insecure-registry']?.length)) {
    throw new InputError(`${args.offline ? '--offline' : '--insecure-registry'} only matters with --resolve (without it gofile asks no registry); add --resolve or drop it`);
  }
  if (format === 'binary' && io.stdoutIsTTY) {
    const pipe = isSpec ? `gofile llb ${input} | buildctl build --local context=.` : 'gofile llb Dockerfile | buildctl build --local context=. --local dockerfile=.';
    throw new InputError(`the LLB definition is binary and stdout is a terminal: pipe it, e.g. \`${pipe}\`, or use --format json to read it`);
  }
  const buildArgs = parseBuildArgs(args['build-arg'] ?? [], io.env);
  const userConfigs = readBaseConfigs(args['base-config'] ?? [], io.cwd);
  const registry = args.resolve
    ? client ?? new RegistryClient({ env: io.env, offline: args.offline, insecureRegistries: args['insecure-registry'] })
    : undefined;
  // a spec becomes LLB straight from its fields (spec-llb), never through Dockerfile text
  const { definition, imageConfig } = isSpec
    ? await specLLB(args, io, buildArgs, userConfigs, registry)
    : await dockerfileLLB(args, io, buildArgs, userConfigs, registry);
  const bytes = encodeDefinition(definition);
  if (args['write-config']) writeFileAtomic(resolve(io.cwd, args['write-config']), goJSON(imageConfig) + '\n');
  if (format === 'json') io.stdout(dumpJSON(bytes));
  else if (format === 'dot') io.stdout(dumpDot(bytes));
  else writeBytes(bytes);
  return 0;
}

interface Resolved {
  baseConfigs: Map<string, ImageConfig>;
  imageDigests?: Map<string, string>;
}

/**
 * Resolves each distinct image once, for the platform of its first use (as BuildKit does per state), and
 * returns the configs — `--base-config` entries winning, whichever way their key is written — and digests.
 */
async function resolveSources(
  sources: ReadonlyArray<{ ref: string; text: string; platform: Platform; line?: number }>,
  userConfigs: Map<string, ImageConfig>,
  registry: RegistryClient | undefined,
  file: string,
): Promise<Resolved> {
  if (!registry) return { baseConfigs: userConfigs };
  const first = new Map<string, (typeof sources)[number]>();
  for (const s of sources) if (!first.has(s.ref)) first.set(s.ref, s);
  const resolved = await Promise.all([...first.values()].map(async (s) => {
    try {
      return [s.ref, await registry.resolve(s.text, s.platform)] as const;
    } catch (e) {
      // the client's messages name the image and are already free of credentials
      throw new InputError(`resolving ${s.text}: ${(e as Error).message}`, file, s.line);
    }
  }));
  const baseConfigs = new Map<string, ImageConfig>(resolved.map(([ref, r]) => [ref, r.config]));
  for (const [key, cfg] of userConfigs) {
    baseConfigs.set(key, cfg);
    try {
      baseConfigs.set(normalizeImageRef(key), cfg);
    } catch {
      // a key that is no reference (e.g. with $VAR as written in FROM) is looked up as written
    }
  }
  return { baseConfigs, imageDigests: new Map(resolved.map(([ref, r]) => [ref, r.digest])) };
}

async function specLLB(args: LlbArgs, io: Io, buildArgs: Record<string, string>, userConfigs: Map<string, ImageConfig>, registry?: RegistryClient) {
  const path = resolve(io.cwd, args.input);
  const loaded = loadSpecFile(path, io.cwd);
  const opts = { platform: args.platform, buildArgs, localUniqueId: args['local-unique-id'] };
  const sources = registry ? specImages(loaded.resolved, opts).map((s) => ({ ...s, platform: s.platform as Platform })) : [];
  const { baseConfigs, imageDigests } = await resolveSources(sources, userConfigs, registry, args.input);
  return specFileToLLB(path, io.cwd, { ...opts, baseConfigs, imageDigests }, loaded);
}

async function dockerfileLLB(args: LlbArgs, io: Io, buildArgs: Record<string, string>, userConfigs: Map<string, ImageConfig>, registry?: RegistryClient) {
  const input = args.input;
  const text = await readInput(input, io);
  const name = input === '-' || input === STDIN_ARG ? 'Dockerfile' : input;
  const model = parseDockerfile(text, { path: name, buildArgs, target: args.target });
  const opts = { target: args.target, platform: args.platform, buildArgs, localUniqueId: args['local-unique-id'], sourceMap: true };
  const sources = registry ? imageSources(model, opts).map((s) => ({ ...s, platform: s.platform as Platform })) : [];
  const { baseConfigs, imageDigests } = await resolveSources(sources, userConfigs, registry, name);
  return dockerfileToLLB(model, { ...opts, baseConfigs, imageDigests });
}
