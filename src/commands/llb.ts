// `gofile llb`: a Dockerfile → the BuildKit Definition BuildKit v0.11.6's frontend would send,
// as bytes for `buildctl build`, or as dump-llb JSON / graphviz, plus the image config.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDockerfile } from '../dockerfile/parse.js';
import { InputError } from '../errors.js';
import { dockerfileToLLB, goJSON, type ImageConfig } from '../frontend/index.js';
import { writeFileAtomic } from '../fsutil.js';
import { STDIN_ARG, type Io } from '../io.js';
import { dumpDot, dumpJSON, encodeDefinition } from '../llb/index.js';
import { specFileToLLB } from '../spec-llb/index.js';

export interface LlbArgs {
  input: string;
  format?: 'binary' | 'json' | 'dot';
  target?: string;
  platform?: string;
  'build-arg'?: string[];
  'local-unique-id'?: string;
  'write-config'?: string;
  'base-config'?: string[];
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
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
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

export async function runLlb(args: LlbArgs, io: Io, writeBytes: BytesWriter = processStdoutBytes): Promise<number> {
  const input = args.input;
  const isSpec = /\.ya?ml$/i.test(input);
  if (isSpec && args.target) throw new InputError(`--target ${args.target}: a gofile.yaml builds one image, so there is no stage to pick; drop --target`);
  const format = args.format ?? 'binary';
  if (!['binary', 'json', 'dot'].includes(format)) throw new InputError(`--format ${format}: use binary, json or dot`);
  if (format === 'binary' && io.stdoutIsTTY) {
    const pipe = isSpec ? `gofile llb ${input} | buildctl build --local context=.` : 'gofile llb Dockerfile | buildctl build --local context=. --local dockerfile=.';
    throw new InputError(`the LLB definition is binary and stdout is a terminal: pipe it, e.g. \`${pipe}\`, or use --format json to read it`);
  }
  const buildArgs = parseBuildArgs(args['build-arg'] ?? [], io.env);
  // a spec becomes LLB straight from its fields (spec-llb), never through Dockerfile text
  const { definition, imageConfig } = isSpec ? specFileToLLB(resolve(io.cwd, input), io.cwd, {
    platform: args.platform,
    buildArgs,
    localUniqueId: args['local-unique-id'],
    baseConfigs: readBaseConfigs(args['base-config'] ?? [], io.cwd),
  }) : await dockerfileLLB(args, io, buildArgs);
  const bytes = encodeDefinition(definition);
  if (args['write-config']) writeFileAtomic(resolve(io.cwd, args['write-config']), goJSON(imageConfig) + '\n');
  if (format === 'json') io.stdout(dumpJSON(bytes));
  else if (format === 'dot') io.stdout(dumpDot(bytes));
  else writeBytes(bytes);
  return 0;
}

async function dockerfileLLB(args: LlbArgs, io: Io, buildArgs: Record<string, string>) {
  const input = args.input;
  const text = await readInput(input, io);
  const name = input === '-' || input === STDIN_ARG ? 'Dockerfile' : input;
  const model = parseDockerfile(text, { path: name, buildArgs, target: args.target });
  return dockerfileToLLB(model, {
    target: args.target,
    platform: args.platform,
    buildArgs,
    localUniqueId: args['local-unique-id'],
    baseConfigs: readBaseConfigs(args['base-config'] ?? [], io.cwd),
    sourceMap: true,
  });
}
