// `gofile expand`: a gofile.yaml spec in, the reviewed Dockerfile out (or its diff from, or drift against, an existing one).
import { dirname, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Io } from '../io.js';
import { InputError } from '../errors.js';
import { fsErrorText, readUserFile, writeFileAtomic } from '../fsutil.js';
import { loadSpec } from '../spec/load.js';
import { resolveOnDisk } from '../spec/on-disk.js';
import { expandSpec, SYNTAX_PATTERN } from '../spec/expand.js';

export interface ExpandArgs {
  /** The gofile.yaml to expand. */
  spec: string;
  /** Write the Dockerfile here (atomically) instead of stdout. */
  output?: string;
  /** An existing Dockerfile: print a unified diff from it to the expansion. */
  diff?: string;
  /** A committed Dockerfile: exit 1 (printing the diff) when it differs from the expansion. */
  check?: string;
  /** `# syntax=` frontend image, or `none`. */
  syntax?: string;
}

function readText(path: string, what: string, cwd: string): string {
  try {
    return readUserFile(path, relative(cwd, path) || path);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${what} ${relative(cwd, path) || path}: ${fsErrorText(e)}`);
  }
}

/** The expansion of the spec at `specPath`, with go.mod and go.sum beside it informing the defaults. */
export function expandFile(specPath: string, cwd: string, syntax?: string): string {
  const text = readText(specPath, 'spec', cwd);
  const spec = loadSpec(text, relative(cwd, specPath) || specPath);
  const dir = dirname(specPath);
  const resolved = resolveOnDisk(spec, dir, relative(cwd, specPath) || specPath);
  return expandSpec(resolved, { syntax });
}

export async function runExpand(args: ExpandArgs, io: Io): Promise<number> {
  if (args.syntax !== undefined && !SYNTAX_PATTERN.test(args.syntax)) {
    throw new InputError(`--syntax "${args.syntax}" is not an image reference (e.g. docker/dockerfile:1) or "none"`);
  }
  if (args.check && (args.output || args.diff)) throw new InputError('--check only compares; use it without --output or --diff');
  const specPath = resolve(io.cwd, args.spec);
  const expanded = expandFile(specPath, io.cwd, args.syntax);
  const against = args.check ?? args.diff;
  if (against) {
    const path = resolve(io.cwd, against);
    const current = readText(path, 'Dockerfile', io.cwd);
    const name = relative(io.cwd, path) || against;
    if (current !== expanded) {
      const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, current, expanded, undefined, `expanded from ${relative(io.cwd, specPath) || args.spec}`);
      // The diff package opens with a row of `=`; git and patch(1) start at the --- line.
      io.stdout(patch.replace(/^=+\n/, ''));
    }
    if (args.check) {
      if (current === expanded) return 0;
      io.stderr(`${name} has drifted from ${relative(io.cwd, specPath) || args.spec}; run gofile expand ${args.spec} -o ${name} to regenerate it\n`);
      return 1;
    }
  }
  if (args.output) writeFileAtomic(resolve(io.cwd, args.output), expanded);
  else if (!against) io.stdout(expanded);
  return 0;
}
