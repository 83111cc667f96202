// A loaded spec resolved against the files beside it: its module's go.mod (the Go version, the name, local
// replaces) and go.sum, in `moduleDir` under the spec's directory, as expand, llb and pin all read them.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { readGoMod } from '../gomod.js';
import { contextDir, normalizeDir, resolveSpec } from './resolve.js';
import type { GofileSpec, ResolvedSpec } from './types.js';

/** `spec` resolved with the go.mod and go.sum of its module; `specDir` is where the spec is (the build context's root), `shown` the spec's path as messages name it. */
export function resolveOnDisk(spec: GofileSpec, specDir: string, shown: string): ResolvedSpec {
  const moduleDir = normalizeDir(spec.moduleDir ?? '.');
  const dir = join(specDir, moduleDir);
  const goMod = spec.repo ? null : readGoMod(dir);
  // a replace to a directory outside the build context: the build could not see it, so say so now
  for (const r of goMod?.localReplaces ?? []) {
    if (contextDir(moduleDir, r.path) === undefined) {
      throw new InputError(`replace => ${r.path} is outside the build context (the directory of ${shown}), which the Docker build cannot read; keep the spec in a directory above both modules and set \`moduleDir\``, join(dirname(shown), moduleDir, 'go.mod'), r.line);
    }
  }
  return resolveSpec(spec, { goMod, goSum: existsSync(join(dir, 'go.sum')) });
}
