// parseDockerfile: the Dockerfile text → the typed model, built once and shared by every reader.
import type {
  Comment, CopyInstruction, Directive, DockerfileModel, Flag, Heredoc, Instruction, Keyword,
  Mount, ParseError, RunInstruction, Stage, StageBase,
} from './model.js';
import { parseAst } from './ast.js';
import { expandVars, type Lookup } from './expand.js';
import { toImageRef } from './image.js';
import { parseMount } from './mounts.js';
import {
  extractFlags, fileOffset, joinLogicalLine, lineOffsetsOf, maskEscapedLineEnds, physicalLines, shift, spanOf, trimBlanksEnd,
  type LogicalText,
} from './text.js';
import { parseJSONArray, splitFields, splitQuotedWords } from './words.js';
import { buildScript } from './script.js';
import { StageScope } from './scope.js';

export interface Platform {
  os: string;
  arch: string;
  variant?: string;
}

export interface ParseOptions {
  path?: string;
  buildArgs?: Record<string, string>;
  target?: string;
  /** Target platform for automatic args; linux/amd64 by default, as in the corpus references. */
  platform?: Platform;
  buildPlatform?: Platform;
}

export const KEYWORDS: ReadonlySet<string> = new Set<Keyword>([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT',
  'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

const EXEC_FORM = new Set(['RUN', 'CMD', 'ENTRYPOINT', 'SHELL']);
const LIST_FORM = new Set(['COPY', 'ADD', 'VOLUME']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);


export function platformArgs(target: Platform, build: Platform): Map<string, string> {
  const fmt = (p: Platform) => `${p.os}/${p.arch}${p.variant ? '/' + p.variant : ''}`;
  return new Map([
    ['TARGETPLATFORM', fmt(target)], ['TARGETOS', target.os], ['TARGETARCH', target.arch],
    ['TARGETVARIANT', target.variant ?? ''], ['BUILDPLATFORM', fmt(build)], ['BUILDOS', build.os],
    ['BUILDARCH', build.arch], ['BUILDVARIANT', build.variant ?? ''],
  ]);
}

// The escape directive, read before parsing so the masking above uses the right character.
function escapeOf(text: string): string {
  // line by line from the top, without splitting the whole file: directives come first
  for (let s = 0, e = 0; s <= text.length; s = e + 1) {
    e = text.indexOf('\n', s);
    if (e < 0) e = text.length;
    const d = readDirective(text.slice(s, e));
    if (!d) break;
    if (d.name === 'escape') return d.value === '`' ? '`' : '\\';
  }
  return '\\';
}

const DIRECTIVE_HEAD = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=/;
const LINE_TERMINATOR = /[\n\r\u2028\u2029]/;

/**
 * A parser directive line as BuildKit's `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$` reads it, in linear time:
 * that regex backtracks quadratically on a long run of blanks inside the value.
 */
export function readDirective(line: string): { name: string; value: string } | null {
  const m = DIRECTIVE_HEAD.exec(line);
  if (!m) return null;
  const rest = line.slice(m[0].length);
  let value = rest.trim(); // trim() removes exactly what \s matches
  if (value === '') {
    // a value of blanks only: the lazy group keeps one character, the last that `.` can match
    let i = rest.length - 1;
    while (i >= 0 && LINE_TERMINATOR.test(rest[i])) i--;
    if (i < 0) return null;
    value = rest[i];
  } else if (LINE_TERMINATOR.test(value)) return null; // `.` stops at a line terminator inside the value
  return { name: m[1].toLowerCase(), value };
}

const HEREDOC_RE = /<<(-?)(["']?)([A-Za-z0-9_.-]+)\2/g;

export function parseDockerfile(input: string, opts: ParseOptions = {}): DockerfileModel {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const lineOffsets = lineOffsetsOf(text);
  // A binary file handed to us by mistake: one clear error rather than a page of garbage "instructions".
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    return {
      path: opts.path ?? 'Dockerfile', text, directives: [], escape: '\\', globalArgs: [], stages: [], instructions: [],
      comments: [], target: null, lineOffsets,
      errors: [{ message: 'not a text file (it contains NUL bytes): is this really a Dockerfile?', span: spanOf(lineOffsets, nul, nul) }],
    };
  }
  // dockerfile-ast continues a line ending in an escaped escape; BuildKit does not
  const ast = parseAst(maskEscapedLineEnds(text, escapeOf(text)));
  const at = (p: { line: number; character: number }) => lineOffsets[p.line + 1] + p.character;
  const span = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) =>
    spanOf(lineOffsets, at(r.start), at(r.end));

  const directives: Directive[] = [];
  const comments: Comment[] = [];
  // dockerfile-ast reads `# hadolint global ignore=x` as a directive; BuildKit's keys are single words.
  let inDirectives = true; // BuildKit stops reading directives at the first line that is not one
  for (const d of ast.getDirectives()) {
    const sp = span(d.getRange());
    const line = text.slice(lineOffsets[sp.start.line], sp.end.offset);
    const directive = inDirectives ? readDirective(line) : null;
    if (directive) directives.push({ ...directive, span: sp });
    else {
      inDirectives = false;
      comments.push({ text: line.replace(/^\s*#/, '').trim(), span: sp });
    }
  }
  const escape = directives.find((d) => d.name === 'escape')?.value === '`' ? '`' : '\\';
  for (const c of ast.getComments()) comments.push({ text: c.getContent().trim(), span: span(c.getRange()) });
  const commentByLine = new Map<number, Comment>();
  for (const c of comments) commentByLine.set(c.span.start.line, c);

  const errors: ParseError[] = [];
  const buildArgs = new Map(Object.entries(opts.buildArgs ?? {}));
  const linuxAmd64 = { os: 'linux', arch: 'amd64' };
  const autoArgs = platformArgs(opts.platform ?? linuxAmd64, opts.buildPlatform ?? opts.platform ?? linuxAmd64);

  // Global scope: automatic platform args plus ARGs before the first FROM.
  const globalVars = new Map<string, string | null>(autoArgs);
  const globalArgs: Instruction[] = [];
  const stages: Stage[] = [];
  const instructions: Instruction[] = [];
  let stage: Stage | null = null;
  // Before the first FROM, instructions share the global ARGs as they end up; each stage has its own scope.
  let scope: StageScope | null = null;
  const endScopes = new Map<Stage, { vars: ReadonlyMap<string, string | null>; envNames: ReadonlySet<string> }>();
  const NO_ENV: ReadonlySet<string> = new Set();
  const lookupIn = (m: ReadonlyMap<string, string | null>): Lookup => (k) => m.get(k) ?? undefined;

  for (const node of ast.getInstructions()) {
    const range = node.getRange();
    const start = at(range.start);
    const end = at(range.end);
    const keywordText = node.getInstruction();
    const keyword = keywordText.toUpperCase();
    const keywordSpan = span(node.getInstructionRange());

    // One logical line from the keyword on; flags and arguments are read from it as BuildKit does.
    const lines = physicalLines(text, start, end);
    const { logical: whole, consumed, emptyContinuations } = joinLogicalLine(lines, escape);
    const raw = extractFlags(whole.text, keywordText.length);
    const flags: Flag[] = raw.flags.map((f) => ({
      name: f.name, value: f.value,
      span: spanOf(lineOffsets, fileOffset(whole, f.start), fileOffset(whole, f.end - 1) + 1),
    }));
    const logical = shift(whole, raw.argsStart);
    const args = trimBlanksEnd(logical.text);
    const argsSpan = args.length > 0 ? spanOf(lineOffsets, fileOffset(logical, 0), fileOffset(logical, args.length - 1) + 1) : null;

    const heredocs: Heredoc[] = [];
    if (HEREDOC_KEYWORDS.has(keyword) && args.includes('<<')) {
      readHeredocs(args, lines.slice(consumed), heredocs, lineOffsets, errors);
    }

    const instComments: Comment[] = [];
    for (let l = range.start.line; commentByLine.has(l); l--) instComments.unshift(commentByLine.get(l)!);

    const healthCmd = keyword === 'HEALTHCHECK' ? /^CMD\s+(.*)$/is.exec(args) : null;
    const json = EXEC_FORM.has(keyword) || LIST_FORM.has(keyword) ? parseJSONArray(args) : healthCmd ? parseJSONArray(healthCmd[1]) : null;
    const seen = scope ? scope.snapshot() : { vars: globalVars, envNames: NO_ENV };
    const inst: Instruction = {
      keyword, keywordText, index: instructions.length, span: spanOf(lineOffsets, start, end), keywordSpan,
      flags, args, argsSpan, json,
      original: whole.text, heredocs, comments: instComments,
      emptyContinuationLines: emptyContinuations.map((i) => spanOf(lineOffsets, lines[i].start, lines[i].start).start.line), stage, vars: seen.vars, envNames: seen.envNames,
      argOffset: (i) => fileOffset(logical, i),
      argSpan: (s, e) => spanOf(lineOffsets, fileOffset(logical, s), e > s ? fileOffset(logical, e - 1) + 1 : fileOffset(logical, s)),
      // RUN's and COPY's own fields, on every instruction: one object shape keeps the rules' property reads monomorphic
      mounts: undefined, network: undefined, security: undefined, script: undefined,
      from: undefined, fromStage: undefined, chown: undefined, chmod: undefined, link: undefined, sources: undefined, dest: undefined,
    } as Instruction;

    if (!KEYWORDS.has(keyword)) {
      errors.push({ message: `unknown instruction: ${keywordText.length > 40 ? keywordText.slice(0, 40) + '…' : keywordText}`, span: keywordSpan });
    }

    if (keyword === 'FROM') {
      if (stage && scope) endScopes.set(stage, scope.snapshot());
      stage = startStage(inst, stages, globalVars, lookupIn, errors, opts);
      inst.stage = stage;
      scope = new StageScope();
      // A stage built on another stage inherits its environment.
      if (stage.base.kind === 'stage') {
        const parent = endScopes.get(stage.base.stage)!;
        for (const k of parent.envNames) scope.set(k, parent.vars.get(k) ?? null, true);
      }
      const fresh = scope.snapshot();
      inst.vars = fresh.vars;
      inst.envNames = fresh.envNames;
    } else if (stage === null && keyword !== 'ARG') {
      errors.push({ message: `${keyword} before the first FROM: no build stage in current context`, span: keywordSpan });
    }

    if (keyword === 'ARG') {
      for (const w of splitQuotedWords(args, escape)) {
        const eq = w.text.indexOf('=');
        const name = eq < 0 ? w.text : w.text.slice(0, eq);
        let value: string | null = null;
        if (eq >= 0) value = expandVars(w.text.slice(eq + 1), lookupIn(scope ? scope.live : globalVars), { escape, stripQuotes: true }).value;
        if (buildArgs.has(name)) value = buildArgs.get(name)!;
        else if (value === null && stage) value = globalVars.get(name) ?? null;
        if (scope === null) globalVars.set(name, value);
        else scope.set(name, value, false);
      }
      if (stage === null) globalArgs.push(inst);
    } else if (keyword === 'ENV') {
      for (const kv of parseKeyValues(args, escape)) {
        // an ENV before the first FROM is an error already reported; it sets nothing
        scope?.set(kv.key, expandVars(kv.value, lookupIn(inst.vars), { escape, stripQuotes: true }).value, true);
      }
    }

    if (keyword === 'RUN') decorateRun(inst as RunInstruction, escape, errors, lookupIn);
    if (keyword === 'COPY' || keyword === 'ADD') decorateCopy(inst as CopyInstruction, escape, stages, lookupIn);

    instructions.push(inst);
    if (stage && keyword !== 'FROM') stage.instructions.push(inst);
  }

  if (stages.length === 0 && errors.length === 0) {
    errors.push({ message: 'no build stage in current context: the file has no FROM instruction', span: spanOf(lineOffsets, 0, 0) });
  }
  let target: Stage | null = stages.at(-1) ?? null;
  if (stages.length) stages[stages.length - 1].isFinal = true;
  if (opts.target) {
    const t = stages.find((s) => s.name?.toLowerCase() === opts.target!.toLowerCase());
    if (t) target = t;
    else errors.push({ message: `target stage "${opts.target}" could not be found`, span: spanOf(lineOffsets, 0, 0) });
  }
  if (target) target.isTarget = true;

  return {
    path: opts.path ?? 'Dockerfile', text, directives, escape, globalArgs, stages, instructions, comments,
    errors, target, lineOffsets,
  };
}

function startStage(
  inst: Instruction, stages: Stage[], globalVars: Map<string, string | null>,
  lookupIn: (m: ReadonlyMap<string, string | null>) => Lookup, errors: ParseError[], opts: ParseOptions,
): Stage {
  const words = splitFields(inst.args);
  const baseText = words[0]?.text ?? '';
  let name: string | undefined;
  if (words.length >= 3 && words[1].text.toLowerCase() === 'as') name = words[2].text;
  if (words.length === 0) errors.push({ message: 'FROM requires an image: FROM <image> [AS <name>]', span: inst.span });
  else if (words.length !== 1 && !(words.length === 3 && name)) {
    errors.push({ message: 'FROM takes an image and an optional "AS <name>"', span: inst.argsSpan ?? inst.span });
  }
  const platformFlag = inst.flags.find((f) => f.name === 'platform');
  const expanded = expandVars(baseText, lookupIn(globalVars), { stripQuotes: true });
  let base: StageBase;
  const lower = expanded.value.toLowerCase();
  const parent = stages.find((s) => s.name !== undefined && s.name.toLowerCase() === lower);
  if (lower === 'scratch') base = { kind: 'scratch' };
  else if (parent) base = { kind: 'stage', stage: parent };
  else {
    const ref = toImageRef(expanded.value, expanded.unset);
    // An invalid reference is the unpinned/undefined-arg rules' business; keep the text.
    base = typeof ref === 'string'
      ? { kind: 'image', image: { text: expanded.value, registry: '', repository: '', name: expanded.value, unresolved: expanded.unset, invalid: ref } }
      : { kind: 'image', image: ref };
  }
  void opts;
  const stage: Stage = {
    index: stages.length, name, from: inst, baseText, base, platform: platformFlag?.value ?? undefined,
    instructions: [inst], isFinal: false, isTarget: false,
  };
  stages.push(stage);
  return stage;
}

/** ENV/LABEL pairs: `k=v k2="v 2"` or the legacy `k v w`. */
export function parseKeyValues(args: string, escape: string): { key: string; value: string; start: number; end: number }[] {
  const words = splitQuotedWords(args, escape);
  if (words.length === 0) return [];
  if (!words[0].text.includes('=')) {
    const rest = args.slice(words[0].end).replace(/^[ \t]+/, '');
    return [{ key: words[0].text, value: rest, start: words[0].start, end: args.length }];
  }
  return words.map((w) => {
    const eq = w.text.indexOf('=');
    return eq < 0
      ? { key: w.text, value: '', start: w.start, end: w.end }
      : { key: w.text.slice(0, eq), value: w.text.slice(eq + 1), start: w.start, end: w.end };
  });
}

function readHeredocs(args: string, rest: { start: number; text: string }[], out: Heredoc[], lineOffsets: number[], errors: ParseError[]) {
  let li = 0;
  for (const m of args.matchAll(HEREDOC_RE)) {
    if (m.index! > 0 && args[m.index! - 1] === '<') continue; // <<< is a here-string
    const chomp = m[1] === '-';
    const name = m[3];
    const bodyLines: string[] = [];
    const first = rest[li];
    let closed = false;
    let endOffset = first?.start ?? 0;
    while (li < rest.length) {
      const l = rest[li++];
      const t = chomp ? l.text.replace(/^\t+/, '') : l.text;
      endOffset = l.start + l.text.length;
      if (t === name) { closed = true; break; }
      bodyLines.push(t);
    }
    const startOffset = first?.start ?? endOffset;
    if (!closed) {
      errors.push({ message: `unterminated heredoc <<${name}: add a line "${name}"`, span: spanOf(lineOffsets, startOffset, endOffset) });
    }
    out.push({
      name, chomp, expand: m[2] === '',
      body: bodyLines.length ? bodyLines.join('\n') + '\n' : '',
      span: spanOf(lineOffsets, startOffset, endOffset),
    });
  }
}

function decorateRun(run: RunInstruction, escape: string, errors: ParseError[], lookupIn: (m: ReadonlyMap<string, string | null>) => Lookup) {
  const mounts: Mount[] = [];
  for (const f of run.flags) {
    if (f.name === 'mount') {
      const v = expandVars(f.value ?? '', lookupIn(run.vars), { escape, stripQuotes: false }).value;
      const r = parseMount(v, f.span);
      if (r.mount) mounts.push(r.mount);
      else errors.push({ message: `--mount=${f.value}: ${r.error}`, span: f.span });
    } else if (f.name === 'network') run.network = f.value ?? undefined;
    else if (f.name === 'security') run.security = f.value ?? undefined;
  }
  run.mounts = mounts;
  let cached: ReturnType<typeof buildScript> | undefined;
  run.script = () => (cached ??= buildScript(run));
}

function decorateCopy(copy: CopyInstruction, escape: string, stages: Stage[], lookupIn: (m: ReadonlyMap<string, string | null>) => Lookup) {
  const lookup = lookupIn(copy.vars);
  const flag = (n: string) => copy.flags.find((f) => f.name === n);
  const from = flag('from')?.value;
  if (from != null) {
    copy.from = expandVars(from, lookup, { escape, stripQuotes: true }).value;
    const f = copy.from.toLowerCase();
    copy.fromStage = stages.find((s) => s.name?.toLowerCase() === f) ?? (/^\d+$/.test(f) ? stages[Number(f)] : undefined);
  }
  copy.chown = flag('chown')?.value ?? undefined;
  copy.chmod = flag('chmod')?.value ?? undefined;
  copy.link = copy.flags.some((f) => f.name === 'link' && f.value !== 'false');
  const words = copy.json ?? splitFields(copy.args).map((w) => w.text);
  const expanded = words.map((w) => expandVars(w, lookup, { escape, stripQuotes: !copy.json }).value);
  copy.dest = expanded.at(-1) ?? '';
  copy.sources = expanded.slice(0, -1);
}
