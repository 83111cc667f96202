// A gofile.yaml on disk → LLB: the spec loaded and resolved with the go.mod and go.sum beside it, as `gofile expand` does.
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { InputError } from '../errors.js';
import { readGoMod } from '../gomod.js';
import { loadSpec } from '../spec/load.js';
import { resolveSpec } from '../spec/resolve.js';
import { specToLLB, type SpecLLBOptions, type SpecLLBResult } from './convert.js';

export function specFileToLLB(specPath: string, cwd: string, opts: Omit<SpecLLBOptions, 'sourceMap'>): SpecLLBResult {
  const shown = relative(cwd, specPath) || specPath;
  let text: string;
  try {
    text = readFileSync(specPath, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const dir = dirname(specPath);
  const resolved = resolveSpec(loadSpec(text, shown), { goMod: readGoMod(dir), goSum: existsSync(join(dir, 'go.sum')) });
  return specToLLB(resolved, { ...opts, sourceMap: { filename: basename(specPath), text } });
}
