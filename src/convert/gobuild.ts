// Reads the shipped go build word by word: package path, output name, cgo, tags, ldflags, trimpath, platform and build env.
import { posix } from 'node:path';
import type { CopyInstruction, Instruction, RunInstruction, Stage } from '../dockerfile/model.js';
import type { SimpleCommand } from '../shell/types.js';
import { commandWords, copies, rootBase } from '../lint/helpers.js';
import { goArgs, hasHiddenFlags, rawVar, type RawVar } from '../lint/go-helpers.js';
import { cgoSetting } from '../../rules/cgo-libc-mismatch.js';
import { imageEnv } from '../../rules/undefined-var.js';
import { claimKey, type Ctx } from './context.js';
import { readLdflags, splitQuoted } from './ldflags.js';
import { expandKnown, joinPath, withImageEnv, workdirAt } from './paths.js';
import { splitFields } from '../dockerfile/words.js';
import { BUILD_FLAGS } from '../spec/types.js';

// go build flags that take the next word as their value when written without '='.
const VALUE_FLAGS = new Set(['o', 'ldflags', 'gcflags', 'asmflags', 'gccgoflags', 'tags', 'mod', 'modfile', 'overlay', 'pgo', 'p', 'pkgdir', 'toolexec', 'buildmode', 'compiler', 'installsuffix', 'C', 'exec', 'covermode', 'coverpkg', 'json']);
// Flags that change nothing in the binary, or that expand already decides.
const HARMLESS: Record<string, string> = {
  v: 'verbose output', x: 'prints commands', a: 'forces a rebuild; expand\'s build cache is keyed correctly', work: 'keeps the work directory',
  mod: 'module mode; expand downloads modules and uses vendor/ when it is present', modcacherw: 'module cache permissions; expand uses a cache mount',
  p: 'build parallelism', installsuffix: 'obsolete since Go 1.10', buildvcs: 'expand decides VCS stamping', i: 'obsolete',
};
const PLATFORM_VARS = /^\$\{?(TARGETOS|TARGETARCH|BUILDOS|BUILDARCH|TARGETPLATFORM)\}?$/;
const ARCHES = new Set(['amd64', 'arm64', 'arm', '386', 'ppc64le', 's390x', 'riscv64', 'loong64', 'mips64le']);

export interface Parts {
  carried: Set<string>;
  dropped: string[];
  lost: string[];
}

/** Words of GOFLAGS in effect for the build, and where they were set. */
function goflags(ctx: Ctx, run: RunInstruction, build: NonNullable<Ctx['trace']['build']>): { words: string[]; from?: RawVar } {
  const v = rawVar(run, build.cmd, 'GOFLAGS', ctx.model.globalArgs);
  if (!v) return { words: [] };
  const value = expandKnown(v.value, run.vars) ?? v.value;
  return { words: splitQuoted(value), from: v };
}

/** A COPY's destination with the variables its image is known to set ($GOPATH in a golang image), else as the model expanded it. */
function copyDest(stage: Stage, c: CopyInstruction): string {
  const raw = c.json?.at(-1) ?? splitFields(c.args).at(-1)?.text;
  return (raw !== undefined && !/["'\\]/.test(raw) ? expandKnown(raw, withImageEnv(stage, c.vars)) : undefined) ?? c.dest;
}

/**
 * Where the module's go.mod sits in the builder (the directory go.mod was copied or bind-mounted into, else where the
 * source went, else the build's directory) and the build context's directory it came from, where that shows.
 */
export function moduleOf(ctx: Ctx, run: RunInstruction, cwd: string): { dir: string; contextDir?: string } {
  const found = moduleRootFound(ctx, run, cwd);
  // a directory of the context copied to where the build runs is the module's (`COPY ./svc/ /src/svc/`, `cd /src/svc`)
  return found.seen ? found : contextSubdirOfModule(ctx, run, cwd) ?? found;
}

/** A module below the context's root goes into `moduleDir`; its own go.mod (not one beside the Dockerfile) then informs the defaults. */
export function carryModuleDir(ctx: Ctx, contextDir: string | undefined): boolean {
  if (contextDir === undefined || contextDir === '.') return false;
  ctx.spec.moduleDir = contextDir;
  ctx.goMod = ctx.goModIn?.(contextDir) ?? null;
  return true;
}

// a go.mod (or `go.*`) of the context, in its root or a directory of it: `svc/go.mod`
const GO_MOD_SOURCE = /^(?:\.\/)?((?:[A-Za-z0-9_][A-Za-z0-9._+@-]*\/)*)go\.(mod|\*)$/;
const contextRel = (d: string) => d.replace(/\/$/, '') || '.';

/** Whether directory `dir` is `root` or inside it. */
const within = (dir: string, root: string) => dir === root || dir.startsWith(root === '/' ? '/' : root + '/');

/**
 * The module's root in the builder, whether go.mod or the whole source was seen going there (else it is the build's directory), and the
 * build context's directory the module came from (`moduleDir`) where that shows: the directory a go.mod was copied or
 * mounted from, or, with the whole context in the builder, the nearest directory above the build with a go.mod on disk.
 */
function moduleRootFound(ctx: Ctx, run: RunInstruction, cwd: string): { dir: string; seen: boolean; contextDir?: string } {
  // go.mod files by where they went: the module's is the nearest at or above the build's directory, as go finds it
  const mods: { dir: string; from: string }[] = [];
  let source: string | undefined;
  // a clone has no files on disk to look at; there a WORKDIR the module download runs in marks the module (expand's own form)
  let cloned = false;
  const downloads: string[] = [];
  for (const s of ctx.trace.builderChain) {
    for (const inst of s.instructions) {
      if (inst.index > run.index) break;
      const dir = workdirAt(s, inst) ?? '/';
      if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
        const c = copies(s).find((x) => x === inst)!;
        if (c.fromStage) continue;
        const dest = joinPath(dir, copyDest(s, c));
        const mod = c.sources.map((x) => GO_MOD_SOURCE.exec(x)).find(Boolean);
        if (mod) mods.push({ dir: dest.endsWith('go.mod') ? posix.dirname(dest) : dest, from: contextRel(mod[1]) });
        else if (c.sources.some((x) => x === '.' || x === './')) { source = dest; cloned = false; }
      } else if (inst.keyword === 'RUN') {
        const r = inst as RunInstruction;
        for (const m of r.mounts) {
          if (m.type !== 'bind' || m.from) continue;
          const target = joinPath(dir, m.target ?? '.');
          const mod = GO_MOD_SOURCE.exec(m.source ?? '');
          if (mod && target.endsWith('/go.mod')) mods.push({ dir: posix.dirname(target), from: contextRel(mod[1]) });
          else if (!m.source || m.source === '.' || m.source === './') { source = target; cloned = false; }
        }
        let at: string | undefined = dir;
        for (const c of r.script().commands) {
          const w = commandWords(c);
          if (w[0] === 'cd' && w[1] && at !== undefined) { const d = expandKnown(w[1], r.vars); at = d === undefined ? undefined : joinPath(at, d); }
          // only in the WORKDIR itself: `cd cmd/x && go mod download` runs anywhere go finds go.mod above
          if (w[0] === 'go' && w[1] === 'mod' && w[2] === 'download' && at === dir) downloads.push(at);
          // expand's clone: `git init -q .` then fetch and checkout
          if (w[0] === 'git' && w[1] === 'init' && at !== undefined) { source = joinPath(at, w.slice(2).find((x) => !x.startsWith('-')) ?? '.'); cloned = true; }
          if (w[0] === 'git' && w.includes('clone')) {
            const pos = w.slice(w.indexOf('clone') + 1).filter((x, i, a) => !x.startsWith('-') && !/^(-b|--branch|--depth|-c|--origin|-o)$/.test(a[i - 1] ?? ''));
            if (pos[0]) { source = joinPath(dir, pos[1] ?? posix.basename(pos[0]).replace(/\.git$/, '')); cloned = true; }
          }
        }
      }
    }
  }
  // the nearest go.mod at or above the build; else, with no source tree to look in, the last root go.mod copied anywhere
  // (a nested module's go.mod, `COPY tools/go.mod tools/`, is not the build's)
  const near = mods.filter((m) => within(cwd, m.dir)).sort((a, b) => b.dir.length - a.dir.length)[0] ?? (source === undefined ? mods.filter((m) => m.from === '.').at(-1) : undefined);
  if (near) return { dir: near.dir, seen: true, contextDir: near.from };
  if (source === undefined) return { dir: cwd, seen: false };
  // the whole context at `source`: with it on disk, the nearest go.mod above the build, as go finds it
  const onDisk = goModOnDisk(ctx, cwd, source, '.');
  if (onDisk) return { ...onDisk, seen: true };
  // in a clone, with nothing on disk to look at, a WORKDIR between its root and the build where the module download runs
  const download = cloned ? downloads.filter((d) => within(d, source!) && within(cwd, d)).sort((a, b) => b.length - a.length)[0] : undefined;
  if (download) return { dir: download, seen: true, contextDir: posix.relative(source, download) || '.' };
  return { dir: source, seen: true, contextDir: '.' };
}

/**
 * With the build context on disk, the nearest directory at or above `cwd`, up to `top` (where the context's directory
 * `topDir` went in the builder), that has a go.mod, as go finds it; and that directory of the context.
 */
function goModOnDisk(ctx: Ctx, cwd: string, top: string, topDir: string): { dir: string; contextDir: string } | undefined {
  if (!ctx.goModIn || !within(cwd, top)) return undefined;
  for (let d = cwd; ; d = posix.dirname(d)) {
    const contextDir = posix.join(topDir, posix.relative(top, d));
    if (ctx.goModIn(contextDir)) return { dir: d, contextDir };
    if (d === top) return undefined;
  }
}

// Names of files a COPY of one source may bring that have no extension; other dotless names are taken for directories.
const PLAIN_FILES = /^(Makefile|GNUmakefile|Dockerfile|Containerfile|LICENSE|LICENCE|COPYING|VERSION|README|NOTICE|AUTHORS|Gopkg\.lock)$/i;

/**
 * The build context's subdirectory the build's module came from, for a build where neither go.mod nor the whole
 * context was seen going (moduleRootFound), when a COPY put one directory of the context where the build runs (`COPY ./nats-server/
 * /src/nats-server/`, then `cd /src/nats-server && go build .`): with the context on disk, the nearest directory with a
 * go.mod at or above the build, as go finds it; else the copied directory, which is what such a COPY usually brings.
 */
function contextSubdirOfModule(ctx: Ctx, run: RunInstruction, cwd: string): { dir: string; contextDir: string } | undefined {
  let found: { dir: string; contextDir: string } | undefined;
  for (const s of ctx.trace.builderChain) {
    for (const inst of s.instructions) {
      if (inst.index > run.index) break;
      if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
      const c = copies(s).find((x) => x === inst)!;
      if (c.fromStage || c.from || c.sources.length !== 1) continue;
      const written = c.sources[0];
      const src = written.replace(/^\.\//, '').replace(/\/+$/, '');
      const base = posix.basename(src);
      // a file (hello.go, go.sum, Makefile) copied into the build's directory says nothing of where the module is
      if (src === '' || /[*?[$]/.test(src) || !written.endsWith('/') && (base.includes('.') || PLAIN_FILES.test(base))) continue;
      const dest = joinPath(workdirAt(s, inst) ?? '/', copyDest(s, c));
      if (!within(cwd, dest)) continue;
      found = goModOnDisk(ctx, cwd, dest, src) ?? { dir: dest, contextDir: src };
    }
  }
  return found;
}

/** The build's directory: WORKDIR, then any `cd` earlier in the same RUN. */
export function buildCwd(ctx: Ctx, build: { stage: Stage; run: RunInstruction; cmd: SimpleCommand }): string | undefined {
  let cwd = workdirAt(build.stage, build.run);
  for (const c of build.run.script().commands) {
    if (c.start >= build.cmd.start || cwd === undefined) break;
    const w = c.words.map((x) => x.value);
    if (w[0] === 'cd' && w[1]) {
      const d = expandKnown(w[1], build.run.vars);
      cwd = d === undefined ? undefined : joinPath(cwd, d);
    }
  }
  void ctx;
  return cwd;
}

/** `path` for the spec from the package argument. */
function packagePath(ctx: Ctx, pkg: string, cwd: string, root: string, p: Parts): string | undefined {
  const isImportPath = /^[a-z0-9-]+(\.[a-z0-9-]+)+\//i.test(pkg);
  let abs: string | undefined;
  if (isImportPath) {
    const mod = ctx.goMod?.module ?? (root.startsWith('/go/src/') ? root.slice('/go/src/'.length) : undefined);
    if (mod && (pkg === mod || pkg.startsWith(mod + '/'))) abs = joinPath(root, '.' + pkg.slice(mod.length));
    else { p.lost.push(`the package is the import path \`${pkg}\`; set \`path\` to its directory in the module`); return undefined; }
  } else if (/\.go$/.test(pkg)) {
    abs = posix.dirname(joinPath(cwd, pkg));
    p.dropped.push(`\`${pkg}\`: the spec builds the package in its directory`);
  } else abs = joinPath(cwd, pkg);
  const rel = posix.relative(root, abs);
  if (rel.startsWith('..')) { p.lost.push(`the package \`${pkg}\` is outside the module root ${root}`); return undefined; }
  return rel === '' ? '.' : `./${rel}`;
}

function platformFrom(ctx: Ctx, run: RunInstruction, build: NonNullable<Ctx['trace']['build']>, p: Parts): void {
  const read = (name: string) => {
    const v = rawVar(run, build.cmd, name, ctx.model.globalArgs);
    if (v && v.inst !== run) ctx.claimedVars.add(claimKey(v.inst, name));
    return v;
  };
  const goos = read('GOOS');
  const goarch = read('GOARCH');
  const goarm = read('GOARM');
  const where = (v: RawVar) => (v.inst === run ? p : undefined);
  if (goos) {
    const val = expandKnown(goos.value, run.vars) ?? goos.value;
    const msg = PLATFORM_VARS.test(goos.value) || val === 'linux' ? 'GOOS: expand sets it from TARGETOS' : undefined;
    if (msg) (where(goos) ? p.dropped.push(msg) : ctx.ledger.drop(goos.inst, msg));
    else (where(goos) ? p.lost.push(`GOOS=${goos.value}: the spec builds Linux images`) : ctx.ledger.lose(goos.inst, `GOOS=${goos.value}: the spec builds Linux images`));
  }
  if (goarch) {
    const msg = 'GOARCH: expand sets it from TARGETARCH';
    if (PLATFORM_VARS.test(goarch.value)) (where(goarch) ? p.dropped.push(msg) : ctx.ledger.drop(goarch.inst, msg));
    else if (ARCHES.has(goarch.value)) {
      const arm = goarm && /^[67]$/.test(goarm.value) ? `/v${goarm.value}` : goarch.value === 'arm' ? '/v7' : '';
      ctx.spec.platforms = [`linux/${goarch.value}${arm}`];
      if (where(goarch)) p.carried.add('platforms');
      else ctx.ledger.carry(goarch.inst, 'platforms', `GOARCH=${goarch.value} → platforms: [linux/${goarch.value}${arm}]`);
      if (goarm && goarm.inst !== run) ctx.ledger.carry(goarm.inst, 'platforms');
    } else (where(goarch) ? p.lost.push(`GOARCH=${goarch.value}`) : ctx.ledger.lose(goarch.inst, `GOARCH=${goarch.value}: not a value convert can read`));
  }
  if (goarm && !goarch) (where(goarm) ? p.dropped.push('GOARM without GOARCH') : ctx.ledger.drop(goarm.inst, 'GOARM without GOARCH has no effect'));
  else if (goarm && /TARGETVARIANT/.test(goarm.value)) (where(goarm) ? p.dropped.push('GOARM: expand sets it from TARGETVARIANT') : ctx.ledger.drop(goarm.inst, 'GOARM: expand sets it from TARGETVARIANT'));
}

function cgoFrom(ctx: Ctx, build: NonNullable<Ctx['trace']['build']>, p: Parts): void {
  const setting = cgoSetting(build);
  const src = rawVar(build.run, build.cmd, 'CGO_ENABLED', ctx.model.globalArgs);
  if (src && src.inst !== build.run) ctx.claimedVars.add(claimKey(src.inst, 'CGO_ENABLED'));
  const record = (kind: 'carry' | 'lose' | 'drop', text: string) => {
    if (!src || src.inst === build.run) {
      if (kind === 'carry') p.carried.add('cgo');
      else (kind === 'lose' ? p.lost : p.dropped).push(text);
    } else if (kind === 'carry') ctx.ledger.carry(src.inst, 'cgo', text);
    else if (kind === 'lose') ctx.ledger.lose(src.inst, text);
    else ctx.ledger.drop(src.inst, text);
  };
  if (setting === '1') { ctx.spec.cgo = true; record('carry', 'CGO_ENABLED=1 → cgo: true'); }
  else if (setting === '0') record('carry', 'CGO_ENABLED=0 → cgo: false');
  else if (setting === 'unknown') record('lose', `CGO_ENABLED=${src?.value ?? '?'} comes from a variable with no value; the spec builds with cgo: false`);
  else p.dropped.push('CGO_ENABLED is unset (cgo on where a C compiler is found): the spec builds static, cgo: false');
}

export function privateFrom(ctx: Ctx, build: { run: RunInstruction; cmd: SimpleCommand }, p: Parts): void {
  const v = rawVar(build.run, build.cmd, 'GOPRIVATE', ctx.model.globalArgs);
  if (!v) return;
  if (v.inst !== build.run) ctx.claimedVars.add(claimKey(v.inst, 'GOPRIVATE'));
  const value = expandKnown(v.value, build.run.vars);
  if (!value) { ctx.ledger.lose(v.inst, `GOPRIVATE=${v.value} has no value convert can read`); return; }
  const modules = value.split(',').map((x) => x.trim()).filter(Boolean);
  const mounts = ctx.trace.builderChain.flatMap((s) => s.instructions).filter((i): i is RunInstruction => i.keyword === 'RUN').flatMap((r) => r.mounts);
  const ssh = mounts.some((m) => m.type === 'ssh');
  const secret = mounts.find((m) => m.type === 'secret' && /netrc/.test(`${m.id ?? ''} ${m.target ?? ''}`));
  ctx.spec.private = { modules, ...(ssh && !secret ? { auth: 'ssh' as const } : {}), ...(secret?.id && secret.id !== 'netrc' ? { secret: secret.id } : {}) };
  const how = ssh && !secret ? 'ssh' : secret ? `a netrc secret (${secret.id ?? 'netrc'})` : 'a netrc secret (the original\'s credentials are not carried)';
  if (v.inst === build.run) p.carried.add('private');
  else ctx.ledger.carry(v.inst, 'private', `GOPRIVATE → private.modules, authenticated with ${how}`);
}

/** Build-command assignments and other Go variables the build sees, for buildEnv. */
function envFrom(ctx: Ctx, build: NonNullable<Ctx['trace']['build']>, p: Parts): void {
  const handled = /^(CGO_ENABLED|GOOS|GOARCH|GOARM|GOFLAGS|GOPRIVATE)$/;
  for (const a of build.cmd.assignments) {
    if (handled.test(a.name)) continue;
    readBuildEnv(ctx, a.name, a.value, build.run, p);
  }
}

/** One build environment variable: dropped when expand owns it, else carried into buildEnv. */
/** The image a stage stands on, as written. */
function imageName(stage: Stage): string {
  const b = rootBase(stage);
  return b.kind === 'image' ? b.image.name : 'scratch';
}

export function readBuildEnv(ctx: Ctx, name: string, value: string, inst: Instruction, p?: Parts): void {
  const drop = (why: string): void => { if (p) p.dropped.push(`${name}: ${why}`); else ctx.ledger.drop(inst, `${name}: ${why}`); };
  const lose = (why: string): void => { if (p) p.lost.push(`${name}=${value}: ${why}`); else ctx.ledger.lose(inst, `${name}=${value}: ${why}`); };
  if (/^(GOPATH|GOCACHE|GOMODCACHE|GOBIN|GOROOT|PATH)$/.test(name)) return drop('expand uses cache mounts and installs the binary itself');
  if (name === 'GO111MODULE') return value === 'off' ? lose('GOPATH mode; the spec builds modules') : drop('modules are the default since Go 1.16');
  if (/^(GONOSUMDB|GONOPROXY)$/.test(name)) return drop('implied by `private` (GOPRIVATE)');
  if (/^(GOINSECURE|GONOSUMCHECK|GOSUMDB)$/.test(name) || name === 'GOFLAGS') return lose('the spec does not turn off module checks');
  if (/^(TARGET|BUILD)(OS|ARCH|PLATFORM|VARIANT)$/.test(name)) return drop('expand declares the platform args itself');
  // ENV and ARG expand a variable nothing sets in the stage (no ARG or ENV of it, not the image's) to nothing.
  const env = (inst.keyword === 'ENV' || inst.keyword === 'ARG') && inst.stage ? imageEnv(inst.stage) : null;
  const empty: string[] = [];
  const normal = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
    const v = a ?? b!;
    if (env && !env.has(v) && !inst.vars.has(v)) { empty.push(v); return ''; }
    return `\${${v}}`;
  });
  for (const m of normal.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) addBuildArg(ctx, m[1], inst);
  (ctx.spec.buildEnv ??= {})[name] = normal; // in place: a copy per ENV made a long Dockerfile n²
  const why = empty.length ? `${name}: $${empty.join(', $')} ${empty.length > 1 ? 'are' : 'is'} empty here (no ARG or ENV in the stage sets ${empty.length > 1 ? 'them' : 'it'}, nor the ${imageName(inst.stage!)} image)` : '';
  if (p) p.carried.add('buildEnv');
  else ctx.ledger.carry(inst, 'buildEnv', why);
}

/** A variable the spec's ldflags/buildEnv name: it becomes a build arg with the ARG's default. */
export function addBuildArg(ctx: Ctx, name: string, inst: Instruction): boolean {
  const v = inst.vars.get(name);
  if (!inst.vars.has(name) || inst.envNames.has(name)) return false;
  ctx.spec.buildArgs = { ...ctx.spec.buildArgs, [name]: v ?? '' };
  return true;
}

export function readGoBuild(ctx: Ctx): void {
  const build = ctx.trace.build;
  if (!build) return;
  const run = build.run;
  const p: Parts = { carried: new Set(), dropped: [], lost: [] };
  const flags = goflags(ctx, run, build);
  if (flags.from && flags.from.inst !== run) ctx.claimedVars.add(claimKey(flags.from.inst, 'GOFLAGS'));
  const words = commandWords(build.cmd);
  if (words[0] !== 'go') p.dropped.push(`\`${words[0]}\`: expand cross-compiles with Go's own GOOS/GOARCH`);
  const sub = words.find((w, i) => i > 0 && !w.startsWith('-'));
  if (hasHiddenFlags(run, words)) p.lost.push('flags hidden in a variable with no value');
  const args = [...flags.words, ...goArgs(words)];
  const packages: string[] = [];
  let strip = false;
  let trimpath = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') continue;
    if (!a.startsWith('-')) { packages.push(a); continue; }
    const [rawName, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const name = rawName.replace(/^--?/, '');
    const value = inline ?? (VALUE_FLAGS.has(name) ? args[++i] : undefined);
    if (name === 'o') { p.carried.add('name'); continue; }
    if (name === 'trimpath') { trimpath = value !== 'false'; continue; }
    if (name === 'tags') {
      const expanded = expandKnown(value ?? '', run.vars);
      if (expanded === undefined) { p.lost.push(`-tags ${value}: a variable with no value`); continue; }
      const tags = expanded.split(/[\s,]+/).filter(Boolean);
      // the last -tags wins, as in the go command
      if (tags.length) { ctx.spec.tags = tags; p.carried.add('tags'); } else delete ctx.spec.tags;
      continue;
    }
    if (name === 'ldflags') {
      const r = readLdflags(value ?? '');
      strip ||= r.strip;
      const known = r.flags.filter((f) => {
        const vars = [...f.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]);
        const bad = vars.find((v) => PLATFORM_VARS.test(`$${v}`) || !addBuildArg(ctx, v, run) && !run.envNames.has(v));
        if (bad) { p.lost.push(`\`${f}\` uses $${bad}, which is not a build arg`); return false; }
        return true;
      }).map((f) => f.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (m, v: string) => (run.envNames.has(v) ? run.vars.get(v) ?? m : m)));
      if (known.length) { ctx.spec.ldflags = [...(ctx.spec.ldflags ?? []), ...known]; p.carried.add('ldflags'); }
      if (r.strip) p.carried.add('strip');
      p.lost.push(...r.lost.map((x) => `-ldflags: ${x}`));
      continue;
    }
    if (HARMLESS[name] !== undefined) { p.dropped.push(`-${name}: ${HARMLESS[name]}`); continue; }
    if (name === 'pgo' && value === 'auto') { p.dropped.push('-pgo=auto is the default'); continue; }
    if (BUILD_FLAGS[name] === 'bool' && (value === undefined || value === 'true' || value === 'false')) {
      if (value === 'false') { p.dropped.push(`-${name}=false is the default`); continue; }
      ctx.spec.buildFlags = [...(ctx.spec.buildFlags ?? []).filter((f) => f !== `-${name}`), `-${name}`];
      p.carried.add('buildFlags');
      continue;
    }
    if (BUILD_FLAGS[name] === 'value' && value !== undefined && !value.includes('$')) {
      // the last one wins, as in the go command
      ctx.spec.buildFlags = [...(ctx.spec.buildFlags ?? []).filter((f) => !f.startsWith(`-${name}=`)), `-${name}=${value.trim().replace(/\s+/g, ' ')}`];
      p.carried.add('buildFlags');
      continue;
    }
    p.lost.push(`\`-${name}${value !== undefined ? ' ' + value : ''}\` has no spec field`);
  }
  if (!strip) ctx.spec.strip = false;
  if (!trimpath) ctx.spec.trimpath = false;
  p.carried.add('strip').add('trimpath');
  // The package: the one the binary is named after when several are built into a directory.
  const cwd = buildCwd(ctx, build);
  const local = packages.filter((x) => !x.includes('@'));
  if (packages.some((x) => x.includes('@'))) p.lost.push(`\`go ${sub} ${packages.join(' ')}\` installs a released module, not the build context's code`);
  if (cwd === undefined) p.lost.push('the build runs in a directory set from a variable with no value');
  else {
    const { dir: root, contextDir } = moduleOf(ctx, run, cwd);
    if (carryModuleDir(ctx, contextDir)) p.carried.add('moduleDir');
    const name = ctx.trace.binaryPath ? posix.basename(ctx.trace.binaryPath) : undefined;
    const pick = local.length > 1 ? local.find((x) => posix.basename(x.replace(/\/\.\.\.$/, '')) === name) : local[0] ?? '.';
    if (pick === undefined) p.lost.push(`builds ${local.length} packages; the spec builds one`);
    else if (pick.endsWith('...')) p.lost.push(`\`${pick}\` builds every package; set \`path\` to the main package`);
    else if (/^(tool|all|std|cmd)$/.test(pick)) p.lost.push(`\`${pick}\` is a package pattern (${pick === 'tool' ? 'the module\'s tools' : 'many packages'}), not one main package`);
    else {
      const path = packagePath(ctx, pick, cwd, root, p);
      if (path) { ctx.spec.path = path; p.carried.add('path'); }
    }
  }
  cgoFrom(ctx, build, p);
  platformFrom(ctx, run, build, p);
  privateFrom(ctx, build, p);
  envFrom(ctx, build, p);
  const carriedText = `\`go ${sub}\` → ${[...p.carried].join(', ')}`;
  ctx.ledger.carry(run, [...p.carried], carriedText);
  for (const d of p.dropped) ctx.ledger.drop(run, d);
  for (const l of p.lost) ctx.ledger.lose(run, l);
  if (flags.from && flags.from.inst !== run) ctx.ledger.carry(flags.from.inst, ['tags', 'ldflags', 'trimpath'].filter((f) => p.carried.has(f)), 'GOFLAGS read as go build flags');
}
