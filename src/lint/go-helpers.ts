// Queries about Go builds that several go rules share: go build/install commands, their flags, GOFLAGS and GOOS/GOARCH.
import type { Instruction, RunInstruction, Span, Stage } from '../dockerfile/model.js';
import { parseKeyValues } from '../dockerfile/parse.js';
import { splitQuotedWords } from '../dockerfile/words.js';
import type { SimpleCommand } from '../shell/types.js';
import { findCommands, subcommand, type FoundCommand } from './helpers.js';

/** `go` and tonistiigi/xx's `xx-go` wrapper, which takes the same subcommands. */
export const GO_COMMAND = /^(go|xx-go)$/;

/** Every `go build` / `go install` (or the xx-go forms) in a stage or a list of RUNs. */
export function goBuilds(stageOrRuns: Stage | RunInstruction[], subs: string[] = ['build', 'install']): FoundCommand[] {
  return findCommands(stageOrRuns, GO_COMMAND, subs);
}

/** The stage and the stages it is built FROM, root first. */
export function stageChain(stage: Stage): Stage[] {
  const out: Stage[] = [];
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; guard++) {
    out.unshift(s);
    s = s.base.kind === 'stage' ? s.base.stage : undefined;
  }
  return out;
}

/** Instructions of a stage and its FROM chain that come before `before` (all of them when omitted). */
export function chainInstructions(stage: Stage, before?: Instruction): Instruction[] {
  let all = chainCache.get(stage);
  if (!all) chainCache.set(stage, (all = stageChain(stage).flatMap((s) => s.instructions)));
  return all.filter((i) => !before || i.index < before.index);
}

// A stage's chain never changes once parsed: flattened once per stage, copied out by the filter above.
const chainCache = new WeakMap<Stage, Instruction[]>();

/** The last item matching, searching from the end (what `[...list].reverse().find` gives, without the copy). */
function lastMatch<T>(list: readonly T[], pred: (x: T) => boolean): T | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (pred(list[i])) return list[i];
  return undefined;
}

/** The arguments after the subcommand (`go build -o x .` → [-o, x, .]). */
export function goArgs(words: string[]): string[] {
  const sub = subcommand(words);
  const i = sub === undefined ? words.length : words.indexOf(sub);
  return words.slice(i + 1);
}

/** The go subcommand (`build`, `install`). */
export function subcommandOf(words: string[]): string {
  return subcommand(words) ?? '';
}

/** Package arguments of go build/install: words that are not flags or flag values. */
export function goPackages(words: string[]): string[] {
  const args = goArgs(words);
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') continue;
    if (a.startsWith('-')) {
      // flags that take a value in the next word when written without '='
      if (!a.includes('=') && /^--?(o|ldflags|gcflags|asmflags|gccgoflags|tags|mod|modfile|overlay|pgo|p|pkgdir|toolexec|buildmode|compiler|installsuffix|C|exec|covermode|coverpkg)$/.test(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

/** A package path inside the build context: `.`, `./cmd/x`, `../x`, an absolute path, or the `tool` meta-package. */
export function isLocalPackage(p: string): boolean {
  return p === '.' || p === '..' || p.startsWith('./') || p.startsWith('../') || p.startsWith('/') || p === 'tool' || p === 'all';
}

// Variables.

export interface RawVar {
  /** The value as written, variables unexpanded. */
  value: string;
  /** Where it is set: the assignment word, the ENV/ARG pair, or the `go env -w` argument. */
  span: Span;
  via: 'assignment' | 'export' | 'go env -w' | 'ENV' | 'ARG';
  inst: Instruction;
}

/** Where VAR gets its value for a command: on the command, earlier in its RUN, `go env -w` or ENV/ARG in the stage chain. Values are raw. */
export function rawVar(run: RunInstruction, cmd: SimpleCommand | undefined, name: string, globals: Instruction[] = []): RawVar | undefined {
  const span = (s: number, e: number) => (run.json || run.heredocs.length || !run.argsSpan ? run.span : run.argSpan(s, e));
  if (cmd) {
    const a = cmd.assignments.find((x) => x.name === name);
    if (a) return { value: a.value, span: span(a.start, a.end), via: 'assignment', inst: run };
    // `env GOARCH=amd64 go build`
    const w = cmd.words.find((x, i) => i > 0 && x.value.startsWith(name + '=') && cmd.words[0].value === 'env');
    if (w) return { value: w.value.slice(name.length + 1), span: span(w.start, w.end), via: 'assignment', inst: run };
    const earlier = lastMatch(run.script().commands, (o) => o.start < cmd.start && setsInScript(o, name));
    if (earlier) return scriptSetting(run, earlier, name, span);
  }
  const chain = chainInstructions(run.stage!, run);
  for (let k = chain.length - 1; k >= 0; k--) {
    const inst = chain[k];
    if (inst.keyword === 'RUN') {
      const r = inst as RunInstruction;
      const set = lastMatch(r.script().commands, (o) => isGoEnvWrite(o) && o.words.some((x) => x.value.startsWith(name + '=')));
      if (set) return scriptSetting(r, set, name, (s, e) => (r.json || r.heredocs.length || !r.argsSpan ? r.span : r.argSpan(s, e)));
    } else if (inst.keyword === 'ENV' || inst.keyword === 'ARG') {
      const pair = lastMatch(instructionPairs(inst), (p) => p.key === name);
      if (pair && (inst.keyword === 'ENV' || pair.value !== null)) return { value: pair.value ?? '', span: inst.argSpan(pair.start, pair.end), via: inst.keyword, inst };
      // `ARG GOARCH` in a stage takes the global default
      if (pair) return globalArg(globals, name);
    }
  }
  return undefined;
}

function globalArg(globals: Instruction[], name: string): RawVar | undefined {
  let found: RawVar | undefined;
  for (const inst of globals) {
    const pair = instructionPairs(inst).find((p) => p.key === name && p.value !== null);
    if (pair) found = { value: pair.value!, span: inst.argSpan(pair.start, pair.end), via: 'ARG', inst };
  }
  return found;
}

function setsInScript(o: SimpleCommand, name: string): boolean {
  if (!o.words.length) return o.assignments.some((a) => a.name === name);
  if (o.words[0].value === 'export') return o.words.some((x) => x.value.startsWith(name + '='));
  return isGoEnvWrite(o) && o.words.some((x) => x.value.startsWith(name + '='));
}

function scriptSetting(run: RunInstruction, o: SimpleCommand, name: string, span: (s: number, e: number) => Span): RawVar {
  if (!o.words.length) {
    const a = o.assignments.find((x) => x.name === name)!;
    return { value: a.value, span: span(a.start, a.end), via: 'assignment', inst: run };
  }
  const w = o.words.find((x) => x.value.startsWith(name + '='))!;
  return { value: w.value.slice(name.length + 1), span: span(w.start, w.end), via: o.words[0].value === 'export' ? 'export' : 'go env -w', inst: run };
}

/** `go env -w K=V …` */
export function isGoEnvWrite(o: SimpleCommand): boolean {
  // asked of every command by several rules: no copy of the words
  const w = o.words;
  return GO_COMMAND.test(w[0]?.value ?? '') && w[1]?.value === 'env' && w.some((x) => x.value === '-w');
}

export interface Pair {
  key: string;
  /** Raw value; null for `ARG NAME` without a default. */
  value: string | null;
  start: number;
  end: number;
}

const pairCache = new WeakMap<Instruction, Pair[]>();

/** The key=value pairs of an ENV or ARG instruction, values raw and unquoted (cached per instruction; do not mutate). */
export function instructionPairs(inst: Instruction): Pair[] {
  let pairs = pairCache.get(inst);
  if (!pairs) pairCache.set(inst, (pairs = computePairs(inst)));
  return pairs;
}

function computePairs(inst: Instruction): Pair[] {
  if (inst.keyword === 'ENV') {
    return parseKeyValues(inst.args, '\\').map((p) => ({ ...p, value: unquote(p.value) }));
  }
  if (inst.keyword !== 'ARG') return [];
  return splitQuotedWords(inst.args, '\\').map((w) => {
    const eq = w.text.indexOf('=');
    return { key: eq < 0 ? w.text : w.text.slice(0, eq), value: eq < 0 ? null : unquote(w.text.slice(eq + 1)), start: w.start, end: w.end };
  });
}

function unquote(v: string): string {
  return v.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
}

/** Does the value of GOFLAGS for this command (raw) contain the flag? */
export function goflagsHas(run: RunInstruction, cmd: SimpleCommand, flag: RegExp): boolean {
  const v = rawVar(run, cmd, 'GOFLAGS')?.value ?? run.vars.get('GOFLAGS') ?? '';
  return flag.test(v);
}

/** A word whose value we cannot see: it expands a variable that has no known value, or a command substitution. */
export function isOpaqueWord(run: RunInstruction, word: string): boolean {
  if (word.includes('$(') || word.includes('`')) return true;
  for (const m of word.matchAll(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g)) {
    const v = run.vars.get(m[1] ?? m[2]);
    if (v === undefined || v === null) return true;
  }
  return false;
}

/** The word with variables of known value substituted. */
export function expandWord(run: Pick<Instruction, 'vars'>, word: string): string {
  return word.replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+=?][^}]*)?\}|([A-Za-z_][A-Za-z0-9_]*))/g, (all, a, b) => run.vars.get(a ?? b) ?? all);
}

/** Offset in the file just after the go subcommand word, for inserting a flag; undefined when the RUN text is not the script. */
export function afterSubcommand(run: RunInstruction, cmd: SimpleCommand, sub: string): number | undefined {
  if (run.json || run.heredocs.length || !run.argsSpan) return undefined;
  const w = cmd.words.find((x, i) => i > 0 && x.value === sub);
  return w ? run.argOffset(w.end) : undefined;
}


export interface ReleaseBuild extends FoundCommand {
  stage: Stage;
}

/** go build/install of the project's own packages in stages the target uses: the binaries that ship. Debug builds (-gcflags -N) and compile checks (`go build ./...` without -o) are left out. */
export function releaseBuilds(reachable: Set<Stage>): ReleaseBuild[] {
  const out: ReleaseBuild[] = [];
  for (const stage of reachable) {
    for (const f of goBuilds(stage)) {
      const pkgs = goPackages(f.words);
      if (pkgs.some((p) => !isLocalPackage(p) && p.includes('@'))) continue; // go install tool@version
      const gcflags = goArgs(f.words).join(' ');
      if (/-gcflags[= ]\S*(-N|-l)\b/.test(gcflags) || /all=-N/.test(gcflags)) continue;
      if (pkgs.some((p) => p.endsWith('...')) && !goArgs(f.words).some((w) => w === '-o' || w.startsWith('-o='))) continue;
      out.push({ ...f, stage });
    }
  }
  return out;
}

/** Words given to go build that could expand to flags we cannot see (`go build $BUILD_FLAGS .`). */
export function hasHiddenFlags(run: RunInstruction, words: string[]): boolean {
  const args = goArgs(words);
  return args.some((w, i) => w.startsWith('$') && isOpaqueWord(run, w) && !/^--?(o|ldflags|gcflags|tags|mod|p)$/.test(args[i - 1] ?? ''));
}
