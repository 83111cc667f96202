// Queries over the model that many rules share: what a stage is built on, what it runs, what it copies.
import type {
  CopyInstruction, DockerfileModel, ImageRef, Instruction, RunInstruction, Span, Stage,
} from '../dockerfile/model.js';
import type { ShellWord, SimpleCommand } from '../shell/types.js';
import { splitFields } from '../dockerfile/words.js';

export type BaseKind =
  | 'scratch' | 'distroless-static' | 'distroless-base' | 'distroless-other' | 'alpine' | 'debian'
  | 'ubuntu' | 'golang' | 'golang-alpine' | 'chainguard-static' | 'busybox' | 'redhat' | 'other' | 'unknown';

/** The image a stage finally stands on, following `FROM <stage>` chains. */
export function rootBase(stage: Stage): { kind: 'scratch' } | { kind: 'image'; image: ImageRef } {
  let s = stage;
  for (let guard = 0; guard < 100 && s.base.kind === 'stage'; guard++) s = s.base.stage;
  return s.base.kind === 'image' ? s.base : { kind: 'scratch' };
}

export function classifyImage(image: { name: string; tag?: string | null; unresolved?: readonly string[] }): BaseKind {
  const name = image.name.toLowerCase();
  const tag = (image.tag ?? '').toLowerCase();
  const last = name.split('/').pop()!;
  if (name.includes('distroless/static') || name.includes('distroless/static-debian')) return 'distroless-static';
  if (name.includes('distroless/base') || name.includes('distroless/cc')) return 'distroless-base';
  if (name.includes('distroless')) return 'distroless-other';
  if (name.startsWith('cgr.dev/chainguard/static')) return 'chainguard-static';
  if (last === 'golang' || last === 'go') return tag.includes('alpine') ? 'golang-alpine' : 'golang';
  if (last === 'alpine' || tag.includes('alpine')) return 'alpine';
  if (last === 'debian' || tag.includes('bookworm') || tag.includes('bullseye') || tag.includes('buster') || tag.includes('trixie')) return 'debian';
  if (last === 'ubuntu') return 'ubuntu';
  if (last === 'busybox') return 'busybox';
  if (/^(ubi\d*|ubi-minimal|ubi\d*-minimal|centos|fedora|rockylinux|almalinux)/.test(last) || name.includes('redhat')) return 'redhat';
  if (image.unresolved?.length && image.name === '') return 'unknown';
  return 'other';
}

export function baseKind(stage: Stage): BaseKind {
  const b = rootBase(stage);
  return b.kind === 'scratch' ? 'scratch' : classifyImage(b.image);
}

/** Bases with no shell: a shell-form command cannot run there. */
export function hasNoShell(kind: BaseKind): boolean {
  return kind === 'scratch' || kind.startsWith('distroless') || kind === 'chainguard-static';
}

/** Programs that are a shell, by file name. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'busybox', 'zsh']);

/** Debug tags (distroless :debug, chainguard -dev) ship busybox. */
export function isDebugTag(tag: string | null | undefined): boolean {
  const t = (tag ?? '').toLowerCase();
  return /debug/.test(t) || /(^|-)dev($|-)/.test(t);
}

/** Bases with no libc (or musl only): a cgo-linked glibc binary will not start. */
export function lacksGlibc(kind: BaseKind): boolean {
  return kind === 'scratch' || kind === 'distroless-static' || kind === 'chainguard-static' || kind === 'alpine' || kind === 'busybox';
}

export function isGoToolchainImage(kind: BaseKind): boolean {
  return kind === 'golang' || kind === 'golang-alpine';
}

/** The stage that runtime rules judge: the --target, else the last. */
export function runtimeStage(model: DockerfileModel): Stage | null {
  return model.target;
}

/** Stages the target depends on (itself included), via FROM, COPY --from and RUN --mount from=. */
export function reachableStages(model: DockerfileModel, from: Stage | null = model.target): Set<Stage> {
  const seen = new Set<Stage>();
  const visit = (s: Stage) => {
    if (seen.has(s)) return;
    seen.add(s);
    if (s.base.kind === 'stage') visit(s.base.stage);
    for (const i of s.instructions) {
      if (i.keyword === 'COPY' || i.keyword === 'ADD') {
        const c = i as CopyInstruction;
        if (c.fromStage) visit(c.fromStage);
      } else if (i.keyword === 'RUN') {
        for (const m of (i as RunInstruction).mounts) {
          const st = m.from ? stageByRef(model, m.from) : undefined;
          if (st) visit(st);
        }
      }
    }
  };
  if (from) visit(from);
  return seen;
}

/** Every stage a stage's files can come from: its FROM chain and, transitively, what those stages COPY --from. */
export function sourceClosure(stage: Stage, seen = new Set<Stage>()): Set<Stage> {
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; guard++) {
    if (!seen.has(s)) {
      seen.add(s);
      for (const c of copies(s)) if (c.fromStage) sourceClosure(c.fromStage, seen);
    }
    s = s.base.kind === 'stage' ? s.base.stage : undefined;
  }
  return seen;
}

export function stageByRef(model: DockerfileModel, ref: string): Stage | undefined {
  const l = ref.toLowerCase();
  return model.stages.find((s) => s.name?.toLowerCase() === l) ?? (/^\d+$/.test(l) ? model.stages[Number(l)] : undefined);
}

/** The span of the name in `FROM image AS name`, else the FROM. */
export function stageNameSpan(stage: Stage): Span {
  const w = splitFields(stage.from.args)[2];
  return w ? stage.from.argSpan(w.start, w.end) : stage.from.span;
}

export function runs(stage: Stage): RunInstruction[] {
  return stage.instructions.filter((i): i is RunInstruction => i.keyword === 'RUN');
}

export function copies(stage: Stage): CopyInstruction[] {
  return stage.instructions.filter((i): i is CopyInstruction => i.keyword === 'COPY' || i.keyword === 'ADD');
}

export function instructionsOf(model: DockerfileModel, keyword: string): Instruction[] {
  return model.instructions.filter((i) => i.keyword === keyword);
}

/** The effective USER of a stage at its end, following FROM <stage> chains; undefined when never set. */
export function finalUser(stage: Stage): { user: string; inst: Instruction } | undefined {
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; guard++) {
    const users = s.instructions.filter((i) => i.keyword === 'USER');
    const last = users.at(-1);
    if (last) return { user: last.args.trim(), inst: last };
    s = s.base.kind === 'stage' ? s.base.stage : undefined;
  }
  return undefined;
}

/** Does `user[:group]` name root? */
export function isRootUser(user: string): boolean {
  const u = user.split(':')[0].trim();
  return u === 'root' || u === '0';
}

// Commands.

/** Basename of the command word, looking through sudo/env/exec wrappers. */
export function commandWords(cmd: SimpleCommand): string[] {
  let w = cmd.words.map((x) => x.value);
  for (let guard = 0; guard < 5 && w.length; guard++) {
    const head = basename(w[0]);
    if (head === 'sudo' || head === 'exec' || head === 'time' || head === 'nice' || head === 'command') {
      w = w.slice(1);
      while (w.length && w[0].startsWith('-')) w = w.slice(1);
    } else if (head === 'env') {
      w = w.slice(1);
      while (w.length && (w[0].includes('=') || w[0].startsWith('-'))) w = w.slice(1);
    } else break;
  }
  if (w.length) w = [basename(w[0]), ...w.slice(1)];
  return w;
}

function basename(s: string): string {
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

export interface FoundCommand {
  run: RunInstruction;
  cmd: SimpleCommand;
  words: string[]; // after wrappers, words[0] is the command basename
}

// Each RUN's commands with their words, computed once per model: dozens of rules ask for them.
const commandCache = new WeakMap<RunInstruction, FoundCommand[]>();

/** Every simple command of a RUN with its wrapper-free words (cached; do not mutate). */
export function commandsOf(run: RunInstruction): FoundCommand[] {
  let list = commandCache.get(run);
  if (!list) {
    list = [];
    for (const cmd of run.script().commands) {
      const words = commandWords(cmd);
      if (words.length) list.push({ run, cmd, words });
    }
    commandCache.set(run, list);
  }
  return list;
}

// A stage's commands, in file order, and by command name: built once per stage, since many rules search them.
interface StageCommands {
  all: FoundCommand[];
  byName: Map<string, FoundCommand[]>;
}
const stageCommandCache = new WeakMap<Stage, StageCommands>();

function stageCommands(stage: Stage): StageCommands {
  let sc = stageCommandCache.get(stage);
  if (!sc) {
    sc = { all: [], byName: new Map() };
    for (const run of runs(stage)) {
      for (const found of commandsOf(run)) {
        sc.all.push(found);
        const list = sc.byName.get(found.words[0]);
        if (list) list.push(found);
        else sc.byName.set(found.words[0], [found]);
      }
    }
    stageCommandCache.set(stage, sc);
  }
  return sc;
}

/** Every simple command in a stage's RUNs whose name (and optional subcommand) match. */
export function findCommands(stageOrRuns: Stage | RunInstruction[], name: string | RegExp, sub?: string | string[]): FoundCommand[] {
  const subs = sub === undefined ? undefined : Array.isArray(sub) ? sub : [sub];
  let candidates: FoundCommand[];
  if (Array.isArray(stageOrRuns)) candidates = stageOrRuns.length === 1 ? commandsOf(stageOrRuns[0]) : stageOrRuns.flatMap((run) => commandsOf(run));
  else {
    const sc = stageCommands(stageOrRuns);
    candidates = typeof name === 'string' ? sc.byName.get(name) ?? [] : sc.all;
  }
  const out: FoundCommand[] = [];
  for (const found of candidates) {
    const head = found.words[0];
    if (typeof name === 'string' ? head !== name : !name.test(head)) continue;
    if (subs && !subs.includes(subcommand(found.words) ?? '')) continue;
    out.push(found);
  }
  return out;
}

/** The first non-flag word after the command name (`go build`, `apk add`). */
export function subcommand(words: string[]): string | undefined {
  for (let i = 1; i < words.length; i++) if (!words[i].startsWith('-')) return words[i];
  return undefined;
}

// Options whose value is the next word, so it is neither the subcommand nor a package.
const OPTIONS_WITH_VALUE: Record<string, ReadonlySet<string>> = {
  'apt-get': new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release', '--default-release', '-a', '--host-architecture', '-P', '--build-profiles']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '--repositories-file', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--cache-max-age', '--timeout']),
};
OPTIONS_WITH_VALUE.apt = OPTIONS_WITH_VALUE['apt-get'];

export interface PackageCommand extends FoundCommand {
  /** Index in cmd.words of the subcommand word (`install`, `add`). */
  verbIndex: number;
  /** The words after the subcommand that name packages: no options, no option values. */
  packages: ShellWord[];
}

/** `apt-get install …`, `apt install …`, `apk add …`: where the subcommand is and which words are packages. */
export function packageCommands(stageOrRuns: Stage | RunInstruction[], tool: 'apt-get' | 'apt' | 'apk', verb: string): PackageCommand[] {
  const withValue = OPTIONS_WITH_VALUE[tool];
  const out: PackageCommand[] = [];
  for (const found of findCommands(stageOrRuns, tool)) {
    const skip = found.cmd.words.length - found.words.length; // wrappers such as sudo
    let verbIndex = -1;
    const packages: ShellWord[] = [];
    for (let i = skip + 1; i < found.cmd.words.length; i++) {
      const w = found.cmd.words[i].value;
      if (w.startsWith('-')) {
        if (withValue.has(w)) i++;
        continue;
      }
      if (verbIndex < 0) {
        if (w !== verb) break;
        verbIndex = i;
      } else packages.push(found.cmd.words[i]);
    }
    if (verbIndex >= 0) out.push({ ...found, verbIndex, packages });
  }
  return out;
}

/** Does the text of `upTo` or an instruction before it, in the stage or a stage it is built on, match pattern (an apt.conf.d setting, a flag)? */
export function mentionedBefore(stage: Stage, upTo: Instruction, pattern: RegExp): boolean {
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; guard++) {
    for (const i of s.instructions) {
      if (i.index > upTo.index) break;
      if (pattern.test(i.args) || i.heredocs.some((h) => pattern.test(h.body))) return true;
    }
    s = s.base.kind === 'stage' ? s.base.stage : undefined;
  }
  return false;
}

export function hasWordFlag(words: string[], ...names: string[]): boolean {
  return words.some((w) => {
    for (const n of names) {
      if (w === n || w.startsWith(n + '=')) return true;
      // combined short flags: -qy contains -y
      if (n.length === 2 && n[0] === '-' && /^-[a-zA-Z]+$/.test(w) && !w.startsWith('--') && w.includes(n[1])) return true;
    }
    return false;
  });
}

/** The value of `-o x`, `-o=x`, `--output x`. */
export function flagValue(words: string[], ...names: string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    for (const n of names) {
      if (words[i] === n) return words[i + 1];
      if (words[i].startsWith(n + '=')) return words[i].slice(n.length + 1);
    }
  }
  return undefined;
}

/** Is VAR set to one of values, by ENV/ARG in scope or as an assignment/env word on the command? */
export function envValue(run: RunInstruction, cmd: SimpleCommand | undefined, name: string): string | undefined {
  if (cmd) {
    const a = cmd.assignments.find((x) => x.name === name);
    if (a) return a.value;
    const w = cmd.words.find((x) => x.value.startsWith(name + '='));
    if (w) return w.value.slice(name.length + 1);
    // `export CGO_ENABLED=0 && go build` earlier in the same script
    for (const other of run.script().commands) {
      if (other.start >= cmd.start) break;
      const words = other.words.map((x) => x.value);
      if (words[0] === 'export') {
        const e = words.find((x) => x.startsWith(name + '='));
        if (e) return e.slice(name.length + 1);
      }
      if (!other.words.length) {
        const as = other.assignments.find((x) => x.name === name);
        if (as) return as.value;
      }
    }
  }
  const v = run.vars.get(name);
  return v ?? undefined;
}

// Positions.

/** The span of a command inside a RUN when the script is the RUN's own argument text, else the RUN. */
export function commandSpan(run: RunInstruction, start: number, end: number): Span {
  if (run.json || run.heredocs.length || !run.argsSpan) return run.span;
  return run.argSpan(start, end);
}

// Suggestions.

/** The candidate nearest to `name` by edit distance (case-insensitive), if close enough to be a likely typo. */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const n = name.toLowerCase();
  let best: string | undefined;
  let bestDist = Infinity;
  for (const c of candidates) {
    const d = editDistance(n, c.toLowerCase());
    if (d < bestDist) { best = c; bestDist = d; }
  }
  // One edit per three characters, at least one: `frm`→`from`, not `foo`→`link`.
  return best !== undefined && bestDist <= Math.max(1, Math.floor(n.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
