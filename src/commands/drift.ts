// `gofile drift`: for the pre-commit hook — every committed Dockerfile that has a gofile.yaml beside it
// must be exactly what the spec expands to. Takes the files pre-commit passes (specs or Dockerfiles).
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import type { Io } from '../io.js';
import { expandFile } from './expand.js';
import { readUserFile } from '../fsutil.js';

const SPEC_NAMES = ['gofile.yaml', 'gofile.yml'];

/** The spec beside a file, whichever of the pair was passed. */
function specFor(file: string): string | undefined {
  if (SPEC_NAMES.includes(basename(file))) return file;
  return SPEC_NAMES.map((n) => join(dirname(file), n)).find((p) => existsSync(p));
}

export async function runDrift(args: { files?: string[]; syntax?: string }, io: Io): Promise<number> {
  const specs = new Set<string>();
  for (const f of args.files?.length ? args.files : SPEC_NAMES) {
    const spec = specFor(resolve(io.cwd, f));
    if (spec && existsSync(spec)) specs.add(spec);
  }
  let drifted = 0;
  for (const spec of [...specs].sort()) {
    const dockerfile = join(dirname(spec), 'Dockerfile');
    const rel = (p: string) => relative(io.cwd, p) || p;
    const expanded = expandFile(spec, io.cwd, args.syntax);
    const current = existsSync(dockerfile) ? readUserFile(dockerfile, rel(dockerfile)) : '';
    if (current === expanded) continue;
    drifted++;
    io.stdout(createTwoFilesPatch(`a/${rel(dockerfile)}`, `b/${rel(dockerfile)}`, current, expanded, '', `expanded from ${rel(spec)}`).replace(/^=+\n/, ''));
    io.stderr(`${rel(dockerfile)} ${current ? 'has drifted from' : 'is missing for'} ${rel(spec)}: run gofile expand ${rel(spec)} -o ${rel(dockerfile)}\n`);
  }
  return drifted ? 1 : 0;
}
