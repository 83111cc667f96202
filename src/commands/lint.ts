// `gofile lint`: find the files, load config, lint, print in the chosen format, fix, pick the exit code.
import { readFileSync, statSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { STDIN_ARG, type Io } from '../io.js';
import { InputError } from '../errors.js';
import { defaultConfig, findConfig, loadConfig, type LintConfig } from '../lint/config.js';
import { fixText, lintText, metaOf, RuleSet, type GoModInfo } from '../lint/engine.js';
import type { Finding, Severity } from '../lint/types.js';
import { severityRank } from '../lint/types.js';
import { catalogue, RULES } from '../../rules/index.js';
import { fsErrorText, readUserFile, writeFileAtomic } from '../fsutil.js';
import { VERSION } from '../version.js';
import { readGoMod } from '../gomod.js';
import { didYouMean } from '../spec/suggest.js';

export interface LintArgs {
  files?: string[];
  format?: string;
  'failure-threshold'?: string;
  ignore?: string[];
  enable?: string[];
  /** false for --no-config */
  config?: string | false;
  'require-digest'?: boolean;
  'trusted-registry'?: string[];
  fix?: boolean;
  diff?: boolean;
  target?: string;
  'build-arg'?: string[];
  'stdin-filename'?: string;
  color?: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '.git', 'vendor', 'dist', '.hg', '.svn']);

// Extensions that mark a source or data file even when its name starts with "dockerfile." (src/pin/dockerfile.ts).
const NOT_DOCKERFILE = /\.(ts|js|mjs|cjs|go|py|rs|md|txt|json|ya?ml|toml|sh|orig|bak|swp|rej|tmp)$/i;

export function isDockerfileName(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'dockerfile' || n === 'containerfile' || n.endsWith('.dockerfile') || n.endsWith('.containerfile')) return true;
  return (n.startsWith('dockerfile.') || n.startsWith('containerfile.')) && !NOT_DOCKERFILE.test(n);
}

/** Expands directories into the Dockerfiles under them, in a stable order. */
export function collectFiles(inputs: string[], cwd: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 20) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      throw new InputError(`cannot read directory ${relative(cwd, dir) || '.'}: ${fsErrorText(e)}`);
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) walk(join(dir, e.name), depth + 1); }
      else if (e.isFile() && isDockerfileName(e.name)) out.push(join(dir, e.name));
    }
  };
  for (const input of inputs) {
    if (input === '-') { out.push('-'); continue; }
    const p = resolve(cwd, input);
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new InputError(`${input}: no such file or directory; pass Dockerfiles, directories, or - for stdin`);
    }
    if (st.isDirectory()) {
      const before = out.length;
      walk(p, 0);
      if (out.length === before) throw new InputError(`${input}: no Dockerfile found (looked for Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*)`);
    } else out.push(p);
  }
  return out;
}

function parseBuildArgs(list: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of list ?? []) {
    const eq = a.indexOf('=');
    if (eq <= 0) throw new InputError(`--build-arg ${a}: expected NAME=VALUE`);
    out[a.slice(0, eq)] = a.slice(eq + 1);
  }
  return out;
}

export async function runLint(args: LintArgs, io: Io): Promise<number> {
  const inputs = (args.files?.length ? args.files : ['.']).map((f) => (f === STDIN_ARG ? '-' : f));
  const files = collectFiles(inputs, io.cwd);
  if (args.diff && !args.fix) throw new InputError('--diff goes with --fix: gofile lint --fix --diff Dockerfile');
  if (args.fix && files.includes('-') && !args.diff) throw new InputError('--fix cannot write back to stdin; use --fix --diff with -');
  const rules = new RuleSet(RULES);
  const isRule = (id: string) => !!metaOf(rules, id);
  const unknown = [...(args.ignore ?? []), ...(args.enable ?? [])].find((id) => !isRule(id));
  if (unknown !== undefined) {
    const guess = didYouMean(unknown, RULES.map((r) => r.meta.name));
    throw new InputError(`unknown rule "${unknown}"${guess ? `; did you mean "${guess}"?` : ''} (gofile rules lists them all)`);
  }
  const buildArgs = parseBuildArgs(args['build-arg']);

  const configCache = new Map<string, Promise<LintConfig>>();
  const configFor = (file: string): Promise<LintConfig> => {
    const path = args.config ? resolve(io.cwd, args.config) : args.config === false ? undefined : findConfig(file === '-' ? io.cwd : dirname(file));
    const key = path ?? '';
    if (!configCache.has(key)) {
      if (args.config && !existsSync(path!)) throw new InputError(`--config ${args.config}: no such file`);
      const shownAs = path && (relative(io.cwd, path) || path);
      const names = RULES.map((r) => r.meta.name);
      configCache.set(key, (path ? loadConfig(path, { isRule, names, shownAs }) : Promise.resolve(defaultConfig())).then((base) => withFlags(base, args)));
    }
    return configCache.get(key)!;
  };

  const all: Finding[] = [];
  let threshold: Severity | 'none' = 'warning';
  let stdinText: string | undefined;
  const diffs: string[] = [];
  for (const file of files) {
    const text = file === '-' ? (stdinText ??= await io.stdin()) : readText(file, io.cwd);
    const display = file === '-' ? args['stdin-filename'] ?? '-' : relative(io.cwd, file) || file;
    const config = await configFor(file);
    threshold = config.failureThreshold;
    const goMod: GoModInfo | null = file === '-' ? null : readGoMod(dirname(file));
    const dockerignore = file === '-' ? undefined : readDockerignore(dirname(file));
    const input = { text, path: display, config, goMod, dockerignore, parse: { buildArgs, target: args.target } };
    if (args.fix) {
      const r = fixText(input, rules);
      if (r.text !== text) {
        if (args.diff) {
          const { createTwoFilesPatch } = await import('diff');
          diffs.push(createTwoFilesPatch(display, display, text, r.text, '', '', { context: 3 }));
        } else writeFileAtomic(file, r.text);
      }
      all.push(...(args.diff ? lintText(input, rules).findings : r.findings));
    } else {
      all.push(...lintText(input, rules).findings);
    }
  }
  if (args.diff) {
    io.stdout(diffs.join(''));
  } else {
    const { loadFormatter } = await import('../lint/format/index.js');
    // Colour is decided here (TTY, NO_COLOR, FORCE_COLOR); formatters never look at the environment.
    const color = args.color ?? (!('NO_COLOR' in io.env && io.env.NO_COLOR !== '') && (io.stdoutIsTTY || !!io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0'));
    const format = await loadFormatter((args.format ?? 'stylish') as Parameters<typeof loadFormatter>[0], { color });
    const out = format(all, {
      cwd: io.cwd, rules: new Map(catalogue().map((m) => [m.code, m])),
      files: files.map((f) => (f === '-' ? args['stdin-filename'] ?? '-' : relative(io.cwd, f) || f)),
      toolVersion: VERSION, docsUrl: (m) => docsUrl(m.name),
    });
    if (out) io.stdout(out.endsWith('\n') ? out : out + '\n');
  }
  const failing = threshold !== 'none' && all.some((f) => severityRank(f.severity) <= severityRank(threshold));
  return failing ? 1 : 0;
}

export function docsUrl(name: string): string {
  // rules/*.md ship in the npm package: the registry's CDN serves the page for this exact version
  return `https://unpkg.com/gofile@${VERSION}/rules/${name}.md`;
}

/** Patterns of the .dockerignore in the build context (taken to be the Dockerfile's folder). */
function readDockerignore(dir: string): string[] | null {
  const file = join(dir, '.dockerignore');
  if (!existsSync(file)) return null; // asked, not caught: a thrown ENOENT is slow the first time
  try {
    return readFileSync(file, 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  } catch {
    return null;
  }
}

function readText(file: string, cwd: string): string {
  try {
    return readUserFile(file, relative(cwd, file) || file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`${relative(cwd, file) || file}: cannot read: ${fsErrorText(e)}`);
  }
}

function withFlags(base: LintConfig, args: LintArgs): LintConfig {
  const c: LintConfig = { ...base, disabled: [...base.disabled, ...(args.ignore ?? [])], enabled: [...base.enabled, ...(args.enable ?? [])] };
  if (args['failure-threshold']) c.failureThreshold = args['failure-threshold'] as Severity | 'none';
  if (args['require-digest'] !== undefined) c.requireDigest = args['require-digest'];
  if (args['trusted-registry']?.length) c.trustedRegistries = args['trusted-registry'];
  return c;
}

