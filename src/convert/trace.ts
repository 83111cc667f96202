// Follows the target stage back to the go build whose binary it ships: the spine convert reads everything else around.
import { posix } from 'node:path';
import type { CopyInstruction, DockerfileModel, Instruction, Stage } from '../dockerfile/model.js';
import { baseKind, copies, findCommands, isGoToolchainImage, reachableStages, rootBase, sourceClosure } from '../lint/helpers.js';
import { goBuilds, goPackages, stageChain } from '../lint/go-helpers.js';
import { goBuildsIn, shippedGoBuilds, type GoBuild } from '../../rules/cgo-libc-mismatch.js';
import { classifyImage } from '../lint/helpers.js';
import { copyTakes, joinPath, workdirAt } from './paths.js';
import type { DockerfileKind } from './types.js';

export interface Trace {
  kind: DockerfileKind;
  target: Stage;
  reachable: Set<Stage>;
  /** The go build or install whose output the image runs. */
  build?: GoBuild;
  /** Other go builds the image ships (the spec builds one binary). */
  otherBuilds: GoBuild[];
  /** The build stage and the stages it stands on, root first. */
  builderChain: Stage[];
  /** The COPY that brings the binary into the target. */
  binaryCopy?: CopyInstruction;
  /** Absolute path of the binary in the final image, when known. */
  binaryPath?: string;
  /** The program ENTRYPOINT/CMD start, as written. */
  exe?: string;
}

export type TraceResult = Trace | { refused: string };

// Directories that exist in most bases, so `COPY app /usr/bin` lands inside them.
const BIN_DIRS = new Set(['/usr/local/bin', '/usr/bin', '/bin', '/sbin', '/usr/sbin']);

/** The program the image starts: ENTRYPOINT's first word, else CMD's. */
export function startCommand(target: Stage): { inst: Instruction; words: string[] } | undefined {
  const chain = stageChain(target).flatMap((s) => s.instructions);
  const last = (k: string) => chain.filter((i) => i.keyword === k).at(-1);
  const words = (i: Instruction) => i.json ?? i.args.trim().split(/\s+/).filter(Boolean);
  const ep = last('ENTRYPOINT');
  if (ep && words(ep).length) return { inst: ep, words: words(ep) };
  const cmd = last('CMD');
  if (cmd && words(cmd).length) return { inst: cmd, words: words(cmd) };
  return undefined;
}

/** The program a command line runs, looking past shells and init wrappers (`sh -c "app"`, `tini -- app`). */
export function programOf(words: string[]): string | undefined {
  let w = words;
  for (let guard = 0; guard < 4 && w.length; guard++) {
    const head = posix.basename(w[0]);
    if (/^(sh|bash|ash|dash)$/.test(head) && w[1] === '-c' && w[2]) w = w[2].split(/\s+/).filter((x) => x !== 'exec');
    else if (/^(tini|tini-static|dumb-init|catatonit)$/.test(head)) w = w.slice(1).filter((x) => x !== '--' && !x.startsWith('-'));
    else break;
  }
  return w[0];
}

/** Where a COPY puts one of its sources. */
export function copyDestination(copy: CopyInstruction, src: string, stage: Stage): string | undefined {
  const cwd = workdirAt(stage, copy);
  if (cwd === undefined) return undefined;
  const dest = copy.dest;
  const at = joinPath(cwd, dest);
  // a directory already there takes the file inside it: a bin directory, or the WORKDIR (and its parents), which WORKDIR made
  const isDir = BIN_DIRS.has(at) || cwd === at || cwd.startsWith(at === '/' ? '/' : `${at}/`);
  const intoDir = dest.endsWith('/') || dest === '.' || copy.sources.length > 1 || isDir;
  const base = posix.basename(src.replace(/\/+$/, ''));
  return intoDir ? joinPath(at, base) : at;
}

/** The file a build writes, when its output is a directory: the package's name. */
export function outputFile(b: GoBuild): string | undefined {
  if (!b.output) return undefined;
  if (!b.output.dir) return b.output.path;
  const pkg = goPackages(b.words).filter((p) => !p.startsWith('-'))[0] ?? '.';
  const name = posix.basename(pkg.replace(/@.*$/, '').replace(/\/\.\.\.$/, ''));
  return name === '.' || name === '' ? undefined : joinPath(b.output.path, name);
}

const isToolInstall = (b: GoBuild) => goPackages(b.words).some((p) => p.includes('@'));

/** Which COPY into the target brings what `build` wrote (or, without a build, what ENTRYPOINT runs). */
export function findBinaryCopy(target: Stage, build: GoBuild | undefined, exe: string | undefined): { copy: CopyInstruction; path?: string } | undefined {
  const cands: { copy: CopyInstruction; path?: string; score: number; exact: boolean }[] = [];
  const exeBase = exe ? posix.basename(exe) : undefined;
  const file = build ? outputFile(build) : undefined;
  for (const s of stageChain(target)) {
    for (const c of copies(s)) {
      if (c.heredocs.length) continue;
      if (build && !(c.fromStage && sourceClosure(c.fromStage).has(build.stage))) continue;
      // a file out of another image is that image's, not a binary this Dockerfile builds or packages
      if (!build && c.from !== undefined && !c.fromStage) continue;
      for (const src of c.sources) {
        const abs = joinPath('/', src);
        // A directory or glob source brings the build's file under its own name.
        const carried = file && copyTakes(abs, file) ? file : abs;
        const path = copyDestination(c, carried, s);
        let score = 0;
        if (file && copyTakes(abs, file)) score += 4;
        if (exe && path && (path === exe || exe.startsWith('/') === false && posix.basename(path) === exeBase)) score += 3;
        if (exeBase && posix.basename(abs) === exeBase) score += 1;
        // without a build, a file from the context installed in a bin directory is the likelier binary
        if (!build && c.from === undefined && path && BIN_DIRS.has(posix.dirname(path))) score += 2;
        if (score > 0 || build && c.fromStage) cands.push({ copy: c, path, score, exact: !!file && abs === file });
      }
    }
  }
  // a COPY of exactly the build's file, where there is one: a later program the ENTRYPOINT runs is not this build's
  const own = cands.filter((c) => c.exact);
  (own.length ? own : cands).sort((a, b) => b.score - a.score);
  return (own.length ? own : cands)[0];
}

/** The only COPY from a stage with a Go toolchain of one file into a bin directory, and where it lands. */
function binDirCopy(target: Stage): { copy: CopyInstruction; path?: string } | undefined {
  const found = stageChain(target).flatMap((s) => copies(s).map((c) => ({ c, s })))
    .filter(({ c, s }) => c.fromStage && c.sources.length === 1 && [...sourceClosure(c.fromStage)].some(hasToolchain) && BIN_DIRS.has(posix.dirname(copyDestination(c, c.sources[0], s) ?? '')));
  return found.length === 1 ? { copy: found[0].c, path: copyDestination(found[0].c, found[0].c.sources[0], found[0].s) } : undefined;
}

/** The only COPY of one file from the build context into a bin directory (a prebuilt binary the image does not start itself), and where it lands. */
function binDirContextCopy(target: Stage): { copy: CopyInstruction; path?: string } | undefined {
  const found = stageChain(target).flatMap((s) => copies(s).map((c) => ({ c, s })))
    .filter(({ c, s }) => c.from === undefined && !c.heredocs.length && c.sources.length === 1 && BIN_DIRS.has(posix.dirname(copyDestination(c, c.sources[0], s) ?? '')));
  return found.length === 1 ? { copy: found[0].c, path: copyDestination(found[0].c, found[0].c.sources[0], found[0].s) } : undefined;
}

function multistageKind(target: Stage): DockerfileKind {
  const k = baseKind(target);
  if (k === 'scratch') return 'multistage-scratch';
  if (k.startsWith('distroless')) return 'multistage-distroless';
  if (k === 'alpine') return 'multistage-alpine';
  if (k === 'debian' || k === 'ubuntu') return 'multistage-debian';
  return 'multistage-other';
}

function isWindows(stage: Stage): boolean {
  const b = rootBase(stage);
  return b.kind === 'image' && /windows|nanoserver|servercore/i.test(b.image.text);
}

/** A stage with a Go toolchain: a golang image, or one that runs the go command. */
function hasToolchain(stage: Stage): boolean {
  const b = rootBase(stage);
  return b.kind === 'image' && isGoToolchainImage(classifyImage(b.image)) || goBuilds(stage, ['build', 'install', 'mod', 'run', 'get']).length > 0 || findCommands(stage, 'go').length > 0;
}

/**
 * A single golang stage builds in the image itself, unless it builds nothing and copies the binary from the build
 * context: then the golang image is the runtime base a prebuilt binary goes into (a tool that runs go itself).
 */
export function buildsInImage(trace: Trace): boolean {
  const c = trace.binaryCopy;
  return trace.kind === 'single-stage-golang' && !(!trace.build && c && !c.fromStage && c.from === undefined);
}

export function traceBuild(model: DockerfileModel): TraceResult {
  const target = model.target;
  if (!target) return { refused: model.errors[0]?.message ?? 'the Dockerfile has no FROM instruction' };
  if (isWindows(target)) return { refused: 'a Windows container image: the spec builds Linux images' };
  const reachable = reachableStages(model);
  const start = startCommand(target);
  const exe = start ? programOf(start.words) : undefined;
  const chain = stageChain(target);
  const own = goBuildsIn(target).filter((b) => chain.includes(b.stage));
  const shipped = shippedGoBuilds(target).filter((b) => !chain.includes(b.stage));
  const exeBase = exe ? posix.basename(exe) : undefined;
  const ranked = (bs: GoBuild[]) => [...bs].sort((a, b) => rank(b) - rank(a));
  const rank = (b: GoBuild) => (isToolInstall(b) ? 0 : 2) + (exeBase && outputFile(b) && posix.basename(outputFile(b)!) === exeBase ? 4 : 0) + (b.output ? 1 : 0);

  // Single stage: the build runs in the image itself, and what it writes is what starts.
  const ownRanked = ranked(own);
  const ownHit = ownRanked.find((b) => exeBase && outputFile(b) && posix.basename(outputFile(b)!) === exeBase);
  if (own.length && (ownHit || !shipped.length)) {
    const build = ownHit ?? ownRanked[0];
    const path = outputFile(build);
    return { kind: 'single-stage-golang', target, reachable, build, otherBuilds: own.filter((b) => b !== build && !isToolInstall(b)), builderChain: chain, binaryPath: path, exe };
  }
  if (shipped.length) {
    const byRank = ranked(shipped);
    // several programs built in one RUN (expand's `binaries`): the first is the main one, even where ENTRYPOINT runs a
    // later package's; a later one of the module root (`.`) is no `binaries` entry, so ENTRYPOINT's stays the main one
    const top = byRank[0];
    const firstOfRun = shipped.filter((b) => b.run === top.run && !isToolInstall(b)).sort((a, b) => a.cmd.start - b.cmd.start)[0];
    const topPkgs = goPackages(top.words);
    const build = firstOfRun && topPkgs.length === 1 && !/^\.\/?$/.test(topPkgs[0]) ? firstOfRun : top;
    const rest = byRank.filter((b) => b !== build);
    const hit = findBinaryCopy(target, build, exe);
    const otherBuilds = rest.filter((b) => !isToolInstall(b) && outputFile(b) !== outputFile(build));
    return { kind: multistageKind(target), target, reachable, build, otherBuilds, builderChain: stageChain(build.stage), binaryCopy: hit?.copy, binaryPath: hit?.path, exe };
  }
  const toolchain = [...reachable].some(hasToolchain);
  // Without a go build to follow, the binary is what ENTRYPOINT runs, else the one file a toolchain stage gives a bin directory.
  // (ENTRYPOINT may run a script copied from the context: a toolchain stage's binary in a bin directory comes first then)
  const byExe = exe ? findBinaryCopy(target, undefined, exe) : undefined;
  const inBin = toolchain ? binDirCopy(target) : undefined;
  const hit = (inBin && (!byExe?.copy.fromStage || !BIN_DIRS.has(posix.dirname(byExe.path ?? ''))) ? inBin : byExe) ?? binDirContextCopy(target);
  if (toolchain) {
    // A Go toolchain builds something we cannot see (make, a script): the stage the binary comes from is the builder.
    const from = hit?.copy.fromStage;
    const kind = isGoToolchainImage(baseKind(target)) ? 'single-stage-golang' : multistageKind(target);
    return { kind, target, reachable, otherBuilds: [], builderChain: from ? stageChain(from) : kind === 'single-stage-golang' ? chain : [], binaryCopy: hit?.copy, binaryPath: hit?.path, exe };
  }
  if (hit && !hit.copy.fromStage) {
    return { kind: 'prebuilt-binary', target, reachable, otherBuilds: [], builderChain: [], binaryCopy: hit.copy, binaryPath: hit.path, exe };
  }
  const what = exe ? `it runs \`${exe}\`, which no go build makes and no COPY brings in from the build context` : 'it has no ENTRYPOINT or CMD naming a binary';
  return { refused: `not a Go build: no stage uses a Go toolchain (a golang image or the go command), and ${what}` };
}
