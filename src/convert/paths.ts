// Paths inside an image: where an instruction runs (WORKDIR), and joining the way the Dockerfile frontend does.
import { globRegExp } from '../dockerfile/glob.js';
import { posix } from 'node:path';
import type { Instruction, Stage } from '../dockerfile/model.js';
import { stageChain } from '../lint/go-helpers.js';
import { rootBase } from '../lint/helpers.js';

// Values well-known images set in their ENV, which a WORKDIR or COPY may name (`WORKDIR $GOPATH/src/…`).
const IMAGE_VALUES: [RegExp, Record<string, string>][] = [[/^library\/golang$/, { GOPATH: '/go' }]];

/** The instruction's variables over the ENV its stage's image is known to set (an ARG with no value leaves the image's). */
export function withImageEnv(stage: Stage, vars: ReadonlyMap<string, string | null>): ReadonlyMap<string, string | null> {
  const b = rootBase(stage);
  const known = b.kind === 'image' ? IMAGE_VALUES.find(([re]) => re.test(b.image.repository))?.[1] : undefined;
  if (!known) return vars;
  const out = new Map<string, string | null>(Object.entries(known));
  for (const [k, v] of vars) if (v !== null || !out.has(k)) out.set(k, v);
  return out;
}

/** `dir` joined with `p` (absolute `p` wins), normalised, no trailing slash except for `/`. */
export function joinPath(dir: string, p: string): string {
  return posix.normalize(p.startsWith('/') ? p : `${dir}/${p}`).replace(/(.)\/+$/, '$1');
}

/** The working directory when `inst` runs, following WORKDIR through the stage's FROM chain; undefined when a WORKDIR has an unknown variable. */
export function workdirAt(stage: Stage, inst?: Instruction): string | undefined {
  const w = workdirs(stage);
  return inst && w.at.has(inst) ? w.at.get(inst) : w.end;
}

// The directory before each instruction of a stage's chain, worked out in one pass per stage: convert asks for it at
// every COPY and RUN, and a pass per question made a long Dockerfile cubic.
const workdirCache = new WeakMap<Stage, { at: Map<Instruction, string | undefined>; end: string | undefined }>();

function workdirs(stage: Stage): { at: Map<Instruction, string | undefined>; end: string | undefined } {
  let w = workdirCache.get(stage);
  if (!w) {
    const at = new Map<Instruction, string | undefined>();
    let dir: string | undefined = '/';
    for (const s of stageChain(stage)) {
      for (const i of s.instructions) {
        at.set(i, dir);
        if (i.keyword === 'WORKDIR' && dir !== undefined) {
          const next = expandKnown(i.args.trim(), withImageEnv(s, i.vars));
          dir = next === undefined ? undefined : joinPath(dir, next);
        }
      }
    }
    w = { at, end: dir };
    workdirCache.set(stage, w);
  }
  return w;
}

/** `$X`/`${X}` replaced from scope; undefined when one has no value. */
export function expandKnown(word: string, vars: ReadonlyMap<string, string | null>): string | undefined {
  let unknown = false;
  const out = word.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
    const v = vars.get(a ?? b!);
    if (v == null) unknown = true;
    return v ?? '';
  });
  return unknown ? undefined : out;
}

/** Does copying `src` (absolute, maybe a glob or a directory) take the file at `file`? */
export function copyTakes(src: string, file: string): boolean {
  if (/[*?[]/.test(src)) {
    return globRegExp(src, '(/.*)?').test(file);
  }
  const s = src.replace(/(.)\/+$/, '$1');
  return s === '/' || s === file || file.startsWith(s + '/');
}
