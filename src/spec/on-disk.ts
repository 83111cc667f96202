// A loaded spec resolved against the files beside it: its module's go.mod (the Go version, the name, local
// replaces) and go.sum, in `moduleDir` under the spec's directory, as expand, llb and pin all read them.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InputError } from '../errors.js';
import { readGoMod, type GoMod } from '../gomod.js';
import { contextDir, normalizeDir, resolveSpec } from './resolve.js';
import type { GofileSpec, ResolvedSpec } from './types.js';
import { assertBinaryNames } from './expand.js';

// what a --mount flag's source and target can hold without quoting (no spaces, commas, quotes or `=`)
const MOUNTABLE = /^[A-Za-z0-9._/@+-]+$/;

/**
 * The local replaces the module download needs: each whose directory is in the build context with a go.mod. One of a
 * required module that is outside the context, has no go.mod or cannot be mounted is refused at its go.mod line; one
 * of a module not required (a leftover go never reads) is left out.
 */
function mountedReplaces(mod: GoMod, moduleDir: string, specDir: string, shown: string): GoMod['localReplaces'] {
  const goModShown = join(dirname(shown), moduleDir, 'go.mod');
  return (mod.localReplaces ?? []).filter((r) => {
    const required = !!r.module && !!mod.requires?.has(r.module);
    const dir = contextDir(moduleDir, r.path);
    const fail = (why: string) => {
      if (required) throw new InputError(`replace ${r.module ?? ''} => ${r.path} ${why}`.replace('  ', ' '), goModShown, r.line);
      return false;
    };
    if (dir === undefined) return fail(`is outside the build context (the directory of ${shown}), which the Docker build cannot read; keep the spec in a directory above both modules and set \`moduleDir\``);
    if (!MOUNTABLE.test(dir)) return fail('names a directory with spaces, commas or quotes, which a --mount flag cannot hold; rename it');
    if (!existsSync(join(specDir, dir, 'go.mod'))) return fail(`has no go.mod (${join(dir, 'go.mod')} in the build context), which go mod download reads`);
    return true;
  });
}

/** `spec` resolved with the go.mod and go.sum of its module; `specDir` is where the spec is (the build context's root), `shown` the spec's path as messages name it. */
export function resolveOnDisk(spec: GofileSpec, specDir: string, shown: string): ResolvedSpec {
  const moduleDir = normalizeDir(spec.moduleDir ?? '.');
  const dir = join(specDir, moduleDir);
  const read = spec.repo ? null : readGoMod(dir);
  // a prebuilt binary or initModule downloads no modules: their replaces matter to no step
  const downloads = read && !spec.prebuilt && !spec.initModule;
  const goMod = read && { ...read, localReplaces: downloads ? mountedReplaces(read, moduleDir, specDir, shown) : [] };
  const r = resolveSpec(spec, { goMod, goSum: existsSync(join(dir, 'go.sum')) });
  assertBinaryNames(r, shown);
  return r;
}
