// A gofile.yaml on disk → LLB: the spec loaded and resolved with the go.mod and go.sum beside it, as `gofile expand` does.
import { basename, dirname, relative } from 'node:path';
import { InputError } from '../errors.js';
import { fsErrorText, readUserFile } from '../fsutil.js';
import { loadSpec } from '../spec/load.js';
import { resolveOnDisk } from '../spec/on-disk.js';
import type { ResolvedSpec } from '../spec/types.js';
import { specToLLB, type SpecLLBOptions, type SpecLLBResult } from './convert.js';

/** The spec file read and resolved with the go.mod and go.sum beside it, as `gofile expand` does. */
export function loadSpecFile(specPath: string, cwd: string): { resolved: ResolvedSpec; text: string } {
  const shown = relative(cwd, specPath) || specPath;
  let text: string;
  try {
    text = readUserFile(specPath, shown);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read ${shown}: ${fsErrorText(e)}`);
  }
  const dir = dirname(specPath);
  const resolved = resolveOnDisk(loadSpec(text, shown), dir, shown);
  return { resolved, text };
}

export function specFileToLLB(specPath: string, cwd: string, opts: Omit<SpecLLBOptions, 'sourceMap'>, loaded = loadSpecFile(specPath, cwd)): SpecLLBResult {
  return specToLLB(loaded.resolved, { ...opts, sourceMap: { filename: basename(specPath), text: loaded.text } });
}
