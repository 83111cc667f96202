// `gofile convert Dockerfile > gofile.yaml`: the spec on stdout (or --output), what became of each instruction on stderr.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Io } from '../io.js';
import { STDIN_ARG } from '../io.js';
import { InputError } from '../errors.js';
import { fsErrorText, readUserFile, writeFileAtomic } from '../fsutil.js';
import { readGoMod } from '../gomod.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import { convertDockerfile, specToYaml, SCHEMA_URL, type ConvertNote } from '../convert/index.js';

export interface ConvertArgs {
  /** The Dockerfile to convert; `-` reads stdin. */
  dockerfile: string;
  /** Write the spec here (atomically) instead of stdout. */
  output?: string;
  /** Exit 1 when anything is not representable. */
  strict?: boolean;
  /** The stage to convert (docker build --target). */
  target?: string;
  /** `NAME=value` build args, as docker build --build-arg. */
  'build-arg'?: string[];
  /** The build context (docker build's last argument): where the go.mod files are; default the Dockerfile's directory. */
  context?: string;
}

function parseBuildArgs(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new InputError(`--build-arg "${a}" is not NAME=value`);
    out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

/** The schema reference for the YAML's first line: a relative path when the project has gofile installed, else the schema's URL. */
function schemaRef(outputPath: string, cwd: string): string {
  const local = resolve(cwd, 'node_modules', 'gofile', 'schema', 'gofile.schema.json');
  try {
    readFileSync(local);
    return relative(dirname(outputPath), local);
  } catch {
    return SCHEMA_URL;
  }
}

/** The nearest directory above `dir` with a go.mod, up to the repository's root (a .git) or five levels. */
function goModAbove(dir: string): string | undefined {
  for (let d = dirname(dir), i = 0; i < 5 && d !== dirname(d); d = dirname(d), i++) {
    if (existsSync(join(d, 'go.mod'))) return d;
    if (existsSync(join(d, '.git'))) return undefined;
  }
  return undefined;
}

const isDirectory = (p: string) => statSync(p, { throwIfNoEntry: false })?.isDirectory() ?? false;

const OUTCOME_TEXT = { dropped: 'dropped', unrepresentable: 'not representable' } as const;

/** `Dockerfile:12: RUN make generate — not representable: …` */
export function formatNote(file: string, n: ConvertNote): string {
  if (n.outcome === 'carried') return `${file}:${n.line}: ${n.text} — carried into ${n.fields.join(', ') || 'the spec'}, without: ${n.changes.join('; ')}`;
  return `${file}:${n.line}: ${n.text} — ${OUTCOME_TEXT[n.outcome]}: ${n.reason}`;
}

export async function runConvert(args: ConvertArgs, io: Io): Promise<number> {
  const fromStdin = args.dockerfile === '-' || args.dockerfile === STDIN_ARG;
  const path = fromStdin ? undefined : resolve(io.cwd, args.dockerfile);
  const name = path ? relative(io.cwd, path) || args.dockerfile : 'Dockerfile';
  let text: string;
  if (path) {
    try {
      text = readUserFile(path, name);
    } catch (e) {
      if (e instanceof InputError) throw e;
      throw new InputError(`cannot read ${name}: ${fsErrorText(e)}`);
    }
  } else text = await io.stdin();
  const model = parseDockerfile(text, { path: name, target: args.target, buildArgs: parseBuildArgs(args['build-arg']) });
  const targetError = model.errors.find((e) => /target stage/.test(e.message));
  if (targetError) throw new InputError(targetError.message, name);
  // without --context, the Dockerfile's directory, as `docker build .` beside it
  const context = args.context !== undefined ? resolve(io.cwd, args.context) : path ? dirname(path) : io.cwd;
  if (args.context !== undefined && !isDirectory(context)) throw new InputError(`--context ${args.context}: not a directory`);
  const result = convertDockerfile(model, { goMod: readGoMod(context), goModIn: (dir) => readGoMod(join(context, dir)) });
  if (result.refused) throw new InputError(`cannot convert: ${result.refused}`, name);
  const output = args.output ? resolve(io.cwd, args.output) : undefined;
  // stdout usually lands in ./gofile.yaml
  const yaml = specToYaml(result.spec, schemaRef(output ?? resolve(io.cwd, 'gofile.yaml'), io.cwd));
  if (output) writeFileAtomic(output, yaml);
  else io.stdout(yaml);
  const shown = result.report.filter((n) => n.outcome !== 'carried' || n.changes.length);
  for (const n of shown) io.stderr(formatNote(name, n) + '\n');
  // a Dockerfile kept below the directory it is built from: its go.mod is above it, which --context names
  const above = args.context === undefined && path && !result.spec.repo && !result.spec.prebuilt && !existsSync(join(context, 'go.mod')) ? goModAbove(context) : undefined;
  if (above) {
    const dir = relative(io.cwd, above) || '.';
    io.stderr(`${name}: note: no go.mod beside it, but ${join(dir, 'go.mod')} is above it; if the image is built from there (docker build -f ${name} ${dir}), convert --context ${dir} reads the module from it\n`);
  }
  const count = (o: ConvertNote['outcome']) => result.report.filter((n) => n.outcome === o).length;
  const lost = count('unrepresentable');
  io.stderr(`${name}: ${result.kind}; ${result.report.length} instructions: ${count('carried')} carried into the spec, ${count('dropped')} dropped, ${lost} not representable\n`);
  return args.strict && lost > 0 ? 1 : 0;
}
