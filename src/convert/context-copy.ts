// `COPY --from=build /src/web /srv/web` where the build stage took /src/web from the build context and nothing changed
// it: the image can copy `web` from the context itself. Every instruction of the stage is checked for writes there.
import { posix } from 'node:path';
import type { CopyInstruction, ImageRef, Instruction, RunInstruction, Stage } from '../dockerfile/model.js';
import { goBuildsIn } from '../../rules/cgo-libc-mismatch.js';
import { classifyImage, commandsOf, rootBase } from '../lint/helpers.js';
import { stageChain } from '../lint/go-helpers.js';
import { expandKnown, joinPath, workdirAt } from './paths.js';

// Where distribution and golang images keep files of their own: a copy from there is not only the context's.
const IMAGE_DIRS = /^\/(usr|etc|bin|sbin|lib|lib32|lib64|libx32|var|opt|root|home|proc|sys|dev|run|tmp|mnt|media|srv|go\/pkg|go\/bin)(\/|$)/;
// Images whose filesystem is known: nothing outside IMAGE_DIRS.
const KNOWN_BASES = new Set(['golang', 'golang-alpine', 'alpine', 'debian', 'ubuntu']);
// Commands that write nothing in the stage's filesystem (or only under IMAGE_DIRS: packages, accounts, git config).
const NO_WRITE = new Set(['set', 'echo', 'printf', 'true', ':', 'ls', 'pwd', 'cat', 'which', 'whoami', 'id', 'env', 'printenv', 'test', '[', '[[',
  'uname', 'date', 'sleep', 'exit', 'du', 'df', 'file', 'ldd', 'sha256sum', 'md5sum', 'head', 'tail', 'grep', 'command', 'type', 'export',
  'apk', 'apt-get', 'apt', 'update-ca-certificates', 'adduser', 'addgroup', 'useradd', 'groupadd', 'usermod', 'xx-info', 'xx-verify']);
// Commands whose path arguments are what they write (for chmod/chown after the mode or owner).
const PATH_WRITERS = new Set(['mkdir', 'touch', 'rm', 'rmdir', 'cp', 'mv', 'ln', 'chmod', 'chown', 'chgrp']);

/** One path is the other or inside it. */
const overlaps = (a: string, b: string) => a === b || a === '/' || b === '/' || a.startsWith(b + '/') || b.startsWith(a + '/');

const line = (i: Instruction) => i.span.start.line;

/** The image's family; a tag an ARG left empty (`golang:${GO_VERSION}`) does not change which repository it is. */
function family(image: ImageRef): string {
  if (!image.invalid) return classifyImage(image);
  const name = image.text.replace(/[:@].*$/, '');
  return /^[a-z0-9._/-]+$/.test(name) ? classifyImage({ name, unresolved: image.unresolved }) : 'unknown';
}

/** `COPY . <dir>` (or `./`): the whole build context into one directory. */
function wholeContext(c: CopyInstruction): boolean {
  return !c.from && !c.heredocs.length && c.keyword === 'COPY' && c.sources.length === 1 && /^\.\/?$/.test(c.sources[0]);
}

/** Where a COPY from the context writes (a directory it fills, or files), or undefined when convert cannot tell. */
function copyWrites(stage: Stage, c: CopyInstruction): string[] | undefined {
  const cwd = workdirAt(stage, c);
  if (cwd === undefined || c.heredocs.length) return undefined;
  const dest = joinPath(cwd, c.dest);
  // go.mod and go.sum into a directory: two files, the usual step before `go mod download`
  const dirDest = c.dest.endsWith('/') || c.dest === '.' || c.sources.length > 1;
  if (!c.from && dirDest && c.sources.every((s) => /^(\.\/)?go\.(mod|sum|work|work\.sum)$/.test(s))) return c.sources.map((s) => joinPath(dest, posix.basename(s)));
  return [dest];
}

/** A path a step writes: `only` when it makes just that path (mkdir, touch), not what is under or around it. */
interface Write { path: string; only?: boolean }

/** Does the write change what copying `abs` takes? */
const touches = (w: Write, abs: string) => (w.only ? w.path === abs || w.path.startsWith(abs + '/') : overlaps(w.path, abs));

/** Paths a RUN may write outside IMAGE_DIRS, or why convert cannot tell. */
function runWrites(stage: Stage, run: RunInstruction): Write[] | string {
  const source = run.script().source;
  if (/>/.test(source.replace(/\d?>\s*\/dev\/null|\d?>&\d/g, ''))) return 'a redirection';
  const builds = goBuildsIn(stage).filter((b) => b.run === run);
  let cwd = workdirAt(stage, run);
  const out: Write[] = [];
  for (const f of commandsOf(run)) {
    const w = f.words;
    if (!w.length) continue;
    const head = w[0];
    const text = `\`${w.slice(0, 2).join(' ')}\``;
    if (head === 'cd') {
      const d = w[1] === undefined ? undefined : expandKnown(w[1], run.vars);
      cwd = d === undefined || cwd === undefined ? undefined : joinPath(cwd, d);
      continue;
    }
    if (NO_WRITE.has(head)) continue;
    if (head === 'go') {
      const sub = w.find((x, i) => i > 0 && !x.startsWith('-')) ?? '';
      if (sub === 'build' || sub === 'install') {
        const b = builds.find((x) => x.cmd === f.cmd);
        if (!b?.output) return text;
        out.push({ path: b.output.path });
        continue;
      }
      if (/^(version|env|list|vet|test|help)$/.test(sub) && !w.includes('-w')) continue;
      if (sub === 'get' || sub === 'mod' && /^(download|verify|tidy|graph|why)$/.test(w[w.indexOf('mod') + 1] ?? '')) {
        if (cwd === undefined) return text;
        out.push({ path: joinPath(cwd, 'go.mod') }, { path: joinPath(cwd, 'go.sum') });
        continue;
      }
      return text;
    }
    if (head === 'git' && /^(config|describe|rev-parse|log|status|show|diff)$/.test(w[1] ?? '')) continue;
    if (!PATH_WRITERS.has(head) || cwd === undefined) return text;
    const args = w.slice(1).filter((x) => !x.startsWith('-'));
    for (const a of /^(chmod|chown|chgrp)$/.test(head) ? args.slice(1) : args) {
      const p = expandKnown(a, run.vars);
      if (p === undefined) return text;
      // a pattern is fine where the image keeps its own files (`rm -rf /var/lib/apt/lists/*`)
      if (/[*?[]/.test(p)) { if (IMAGE_DIRS.test(joinPath(cwd, p.slice(0, p.search(/[*?[]/))))) continue; return text; }
      out.push({ path: joinPath(cwd, p), only: head === 'mkdir' || head === 'touch' });
    }
  }
  return out;
}

/**
 * The context path the file or directory `abs` of `stage` holds, when the stage took it with `COPY . <dir>` and no
 * other instruction of the stage (or of the image under it) writes there; else why not, or undefined when no
 * `COPY . <dir>` covers it at all.
 */
export function contextSource(stage: Stage, abs: string): { src: string; copy: CopyInstruction } | { why: string } | undefined {
  if (/[*?[\]$]/.test(abs)) return undefined;
  const chain = stageChain(stage);
  const insts = chain.flatMap((s) => s.instructions.map((i) => ({ s, i })));
  const covering = insts.filter(({ s, i }) => (i.keyword === 'COPY' || i.keyword === 'ADD') && wholeContext(i as CopyInstruction) && (() => {
    const dir = workdirAt(s, i) === undefined ? undefined : joinPath(workdirAt(s, i)!, (i as CopyInstruction).dest);
    return dir !== undefined && (abs === dir || abs.startsWith(dir === '/' ? '/' : dir + '/'));
  })()).at(-1);
  if (!covering) return undefined;
  const copy = covering.i as CopyInstruction;
  const root = rootBase(chain[0]);
  if (root.kind !== 'image' || !KNOWN_BASES.has(family(root.image))) return { why: 'the stage stands on an image whose own files convert cannot know' };
  if (IMAGE_DIRS.test(abs)) return { why: `${abs} is where the base image keeps files of its own` };
  const odd = copy.flags.find((f) => f.name !== 'link');
  if (odd) return { why: `the build stage copied the context with --${odd.name} (line ${line(copy)})` };
  const dir = joinPath(workdirAt(covering.s, copy)!, copy.dest);
  for (const { s, i } of insts) {
    if (i === copy) continue;
    if (i.keyword === 'COPY' || i.keyword === 'ADD') {
      const writes = copyWrites(s, i as CopyInstruction);
      if (!writes) return { why: `line ${line(i)} may write there too` };
      // a copy of context files to where `COPY . <dir>` puts them again changes nothing
      const same = !(i as CopyInstruction).from && i.index < copy.index && writes.every((p) => p.startsWith(dir + '/'));
      if (!same && writes.some((p) => overlaps(p, abs))) return { why: `line ${line(i)} writes there too` };
    } else if (i.keyword === 'RUN') {
      const writes = runWrites(s, i as RunInstruction);
      if (typeof writes === 'string') return { why: `${writes} on line ${line(i)} may change it` };
      if (writes.some((w) => touches(w, abs))) return { why: `line ${line(i)} writes there` };
    } else if (i.keyword === 'WORKDIR') {
      const before = workdirAt(s, i);
      const arg = expandKnown(i.args.trim(), i.vars);
      const made = before === undefined || arg === undefined ? undefined : joinPath(before, arg);
      if (made === undefined || made.startsWith(abs + '/')) return { why: `the WORKDIR on line ${line(i)} may make a directory there` };
    }
  }
  const rel = posix.relative(dir, abs);
  return { src: rel === '' ? '.' : rel, copy };
}

/** What `COPY --from=<stage> <abs>` takes when the stage only makes directories there and puts context files in them. */
export interface MadeDirs {
  /** The directories under `abs` (itself included), parents first. */
  dirs: string[];
  /** Files put there, by where they are in the stage (a directory they went into ends in /), with the context path each came from. */
  files: { src: string; path: string }[];
}

/** What one step of a stage does to the filesystem, with its paths resolved once (they do not depend on the directory asked about). */
type StepEvent =
  | { kind: 'file'; dest: string; src: string } // a plain COPY of one context path
  | { kind: 'copy'; dest: string | undefined; line: number } // any other COPY/ADD
  | { kind: 'workdir'; made: string | undefined; line: number }
  | { kind: 'redirect'; line: number }
  | { kind: 'unreadable'; word: string; line: number } // mkdir or cp of a path convert cannot read
  | { kind: 'mkdir'; paths: string[]; parents: boolean; mode: boolean; line: number }
  | { kind: 'cp'; from: string; to: string; line: number }
  | { kind: 'write'; head: string; paths: (string | undefined)[]; known: boolean; line: number };

// A stage chain's steps, read once: madeDirs asks about every directory a COPY --chown takes from it.
const stepCache = new WeakMap<Stage, StepEvent[]>();

function stepEvents(stage: Stage): StepEvent[] {
  let events = stepCache.get(stage);
  if (events) return events;
  events = [];
  for (const s of stageChain(stage)) {
    for (const i of s.instructions) {
      if (i.keyword === 'COPY' || i.keyword === 'ADD') {
        const c = i as CopyInstruction;
        const cwd = workdirAt(s, c);
        const dest = cwd === undefined ? undefined : joinPath(cwd, c.dest);
        const plain = !c.from && !c.heredocs.length && c.keyword === 'COPY' && c.sources.length === 1 && !/[*?[$]/.test(c.sources[0]) && c.flags.every((f) => f.name === 'link');
        // into a directory (`COPY x.yaml /etc/app/`), kept as that directory with its /: a file or a folder's contents go there alike
        if (plain && dest && !wholeContext(c)) events.push({ kind: 'file', dest: c.dest.endsWith('/') && dest !== '/' ? `${dest}/` : dest, src: c.sources[0].replace(/^\.\//, '') });
        else events.push({ kind: 'copy', dest, line: line(i) });
      } else if (i.keyword === 'WORKDIR') {
        const made = workdirAt(s, i);
        const next = made === undefined ? undefined : expandKnown(i.args.trim(), i.vars);
        events.push({ kind: 'workdir', made: next === undefined ? undefined : joinPath(made!, next), line: line(i) });
      } else if (i.keyword === 'RUN') {
        const run = i as RunInstruction;
        if (/>/.test(run.script().source.replace(/\d?>\s*\/dev\/null|\d?>&\d/g, ''))) events.push({ kind: 'redirect', line: line(i) });
        let cwd = workdirAt(s, run);
        for (const f of commandsOf(run)) {
          const [head, ...rest] = f.words;
          if (!head || NO_WRITE.has(head) || head === 'chown' || head === 'chgrp') continue; // COPY --chown decides the owner
          const path = (w: string) => { const p = expandKnown(w, run.vars); return p === undefined || cwd === undefined ? undefined : joinPath(cwd, p); };
          if (head === 'cd') { cwd = rest[0] === undefined ? undefined : path(rest[0]); continue; }
          if (head === 'mkdir') {
            const parents = rest.some((w) => /^-(-parents|[a-z]*p[a-z]*)$/.test(w));
            // -m 1777: the value is a mode, not a directory
            const mode = rest.some((w) => /^-(-mode|[a-z]*m)/.test(w));
            const operands = rest.filter((x, k) => !x.startsWith('-') && !/^-(-mode|[a-z]*m)$/.test(rest[k - 1] ?? ''));
            const paths = operands.map(path);
            const bad = operands.find((_w, k) => paths[k] === undefined);
            if (bad !== undefined) events.push({ kind: 'unreadable', word: `mkdir ${bad}`, line: line(i) });
            else events.push({ kind: 'mkdir', paths: paths as string[], parents, mode, line: line(i) });
            continue;
          }
          if (head === 'cp' && rest.length === 2 && !rest[0].startsWith('-')) {
            const [from, to] = [path(rest[0]), path(rest[1])];
            if (from === undefined || to === undefined) events.push({ kind: 'unreadable', word: 'cp', line: line(i) });
            else events.push({ kind: 'cp', from, to, line: line(i) });
            continue;
          }
          const named = rest.filter((x) => !x.startsWith('-')).map(path);
          // chmod's first word is the mode; the directories are the user's with 755, which another mode would change
          events.push({ kind: 'write', head, paths: head === 'chmod' ? named.slice(1) : named, known: PATH_WRITERS.has(head), line: line(i) });
        }
      }
    }
  }
  stepCache.set(stage, events);
  return events;
}

/**
 * The directory `abs` of `stage` when the stage made it with mkdir and put nothing in it but files it copied from the
 * build context (COPY, then cp): a loki-style filesystem stage. Undefined when no mkdir made `abs`; why not, when
 * another step may write there. A step convert cannot read (make, go build) before a `mkdir` of `abs` without -p wrote
 * nothing there: that mkdir would have failed.
 */
export function madeDirs(stage: Stage, abs: string): MadeDirs | { why: string } | undefined {
  const under = (p: string) => p === abs || p.startsWith(abs + '/');
  const dirs = new Set<string>();
  const files = new Map<string, string>(); // path in the stage → context path
  const root = rootBase(stageChain(stage)[0]);
  const known = root.kind === 'scratch' || root.kind === 'image' && KNOWN_BASES.has(family(root.image));
  // why a step before abs was made may have written there, forgiven by a `mkdir abs` without -p
  let pending: string | undefined;
  /** Records why; true when that ends the search (abs exists already). */
  const fails = (why: string): boolean => {
    if (dirs.has(abs)) return true;
    pending ??= why;
    return false;
  };
  for (const e of stepEvents(stage)) {
    switch (e.kind) {
      case 'file': files.set(e.dest, e.src); break;
      case 'copy': {
        const why = `line ${e.line} copies there`;
        if ((e.dest === undefined || under(e.dest) || e.dest === '/' || abs.startsWith(e.dest + '/')) && fails(why)) return { why: pending ?? why };
        break;
      }
      case 'workdir': {
        const why = `the WORKDIR on line ${e.line} may make a directory there`;
        if ((e.made === undefined || under(e.made)) && fails(why)) return { why };
        break;
      }
      case 'redirect': {
        const why = `a redirection on line ${e.line} may write there`;
        if (fails(why)) return { why };
        break;
      }
      case 'unreadable': return { why: `\`${e.word}\` on line ${e.line} names a path convert cannot read` };
      case 'mkdir':
        for (const p of e.paths) {
          if (e.mode && under(p)) return { why: `\`mkdir\` on line ${e.line} sets a mode there` };
          // without -p, mkdir fails where the directory is already: nothing before wrote there
          if (p === abs && !e.parents && !dirs.has(abs)) pending = undefined;
          // -p makes the parents too: those under abs are its directories as well
          for (let d = p; under(d); d = posix.dirname(d)) { dirs.add(d); if (d === abs) break; }
        }
        break;
      case 'cp': {
        const target = dirs.has(e.to) ? joinPath(e.to, posix.basename(e.from)) : e.to;
        if (!under(target)) break;
        if (!files.has(e.from)) return { why: `line ${e.line} copies a file there that is not one from the build context` };
        files.set(target, files.get(e.from)!);
        break;
      }
      case 'write': {
        const why = e.known ? `\`${e.head}\` on line ${e.line} writes there` : `\`${e.head}\` on line ${e.line} may write there`;
        if ((!e.known || e.paths.some((p) => p === undefined || under(p))) && fails(why)) return { why };
        break;
      }
    }
  }
  if (!dirs.has(abs)) return undefined;
  if (pending) return { why: pending };
  if (!known) return { why: 'the stage stands on an image whose own files convert cannot know' };
  const inside = [...files].filter(([p]) => under(p) && p !== abs).map(([path, src]) => ({ src, path }));
  return { dirs: [...dirs].sort(), files: inside };
}
