// The stage graph BuildKit builds before dispatching: base names resolved with the global ARGs,
// COPY --from and RUN --mount from= dependencies, unregistered image/scratch sources, reachability.
import type { DockerfileModel, Instruction } from '../dockerfile/model.js';
import { splitFields } from '../dockerfile/words.js';
import { parseImageReference } from '../dockerfile/image.js';
import type { Platform } from '../llb/index.js';
import { normalizeImageRef, normalizePlatform, parsePlatform, type State } from '../llb/index.js';
import { CommandError, parseCommand, readFlags, type Command } from './commands.js';
import { ConvertError } from './errors.js';
import type { ImageConfig } from './image.js';
import { processWord } from './lex.js';
import { rawMountFrom } from './mounts.js';

export interface StageCommand {
  command: Command;
  /** Stages this command reads (COPY --from, one per RUN --mount). */
  sources: DispatchState[];
}

/** One stage (or an unregistered image a COPY --from / mount names) and what dispatch builds on it. */
export interface DispatchState {
  /** The base as expanded (later the normalized image reference). */
  baseName: string;
  /** The base as written in FROM. */
  baseText: string;
  /** The base as expanded, before normalization (no `:latest` added): what a resolved build pins. */
  baseRef?: string;
  name: string; // lower-cased stage name, "" when unnamed
  stageName: string; // name, or stage-N, or "" for the only stage
  from?: Instruction;
  sourceCode: string;
  location?: Instruction; // where the FROM (or the COPY naming an image) is
  platform?: Platform;
  base?: DispatchState;
  unregistered: boolean;
  commands: StageCommand[];
  deps: Set<DispatchState>;
  cmdTotal: number;
  cmdIndex: number;
  // filled while converting
  state?: State;
  image?: ImageConfig;
  cmdSet: boolean;
  buildArgs: Array<{ key: string; value?: string }>;
  ctxPaths: Set<string>;
}

export interface MetaArg {
  key: string;
  value?: string;
}

export function metaArgsMap(args: readonly MetaArg[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const a of args) m.set(a.key, a.value ?? '');
  return m;
}

export function locate(model: DockerfileModel, inst: Instruction | undefined, e: unknown, hint?: string): ConvertError {
  const message = e instanceof Error ? e.message : String(e);
  if (!hint && message.includes("missing ':' in substitution")) {
    hint = 'BuildKit v0.11 knows only ${VAR}, ${VAR:-default}, ${VAR:+alt} and ${VAR:?message}; compute the value in a RUN step instead';
  }
  if (!hint && message.startsWith('unknown flag: ')) {
    hint = `BuildKit v0.11.6 does not know --${message.slice(14)}${message.endsWith('parents') ? ' (COPY --parents came with the Dockerfile 1.7 labs channel)' : ''}; remove the flag`;
  }
  return new ConvertError(message, model.path, inst?.span.start.line, hint);
}

const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

function newState(init: Partial<DispatchState> & { baseName: string }): DispatchState {
  return {
    baseText: init.baseName, name: '', stageName: '', sourceCode: '', unregistered: false, commands: [], deps: new Set(),
    cmdTotal: 0, cmdIndex: 0, cmdSet: false, buildArgs: [], ctxPaths: new Set(), ...init,
  };
}

/** Builds every stage's dispatch state; throws ConvertError where BuildKit refuses the file. */
export function buildStages(model: DockerfileModel, metaArgs: readonly MetaArg[], escape: string, target?: string): { states: DispatchState[]; target: DispatchState } {
  if (model.stages.length === 0) {
    const first = model.instructions.find((i) => i.keyword !== 'ARG');
    throw new ConvertError('no build stage in current context', model.path, first?.span.start.line ?? 1,
      'a Dockerfile needs a FROM line before its other instructions; start it with FROM <image>');
  }
  const parsed = new Map<Instruction, Command>();
  for (const inst of model.instructions) {
    if (inst.stage === null && inst.keyword !== 'ARG') {
      throw new ConvertError('no build stage in current context', model.path, inst.span.start.line,
        `${inst.keyword} comes before the first FROM; only ARG may precede it`);
    }
    if (inst.stage === null || inst.keyword === 'FROM') {
      try {
        readFlags(inst.keyword === 'FROM' ? 'FROM' : 'ARG', inst.flags);
      } catch (e) {
        throw locate(model, inst, e);
      }
      continue;
    }
    try {
      parsed.set(inst, parseCommand(inst, escape));
    } catch (e) {
      throw locate(model, inst, e);
    }
  }

  const states: DispatchState[] = [];
  const byName = new Map<string, DispatchState>();
  const add = (ds: DispatchState) => {
    states.push(ds);
    const base = byName.get(ds.baseName);
    if (base) ds.base = base;
    if (ds.name) byName.set(ds.name, ds);
  };
  const globals = metaArgsMap(metaArgs);

  model.stages.forEach((stage, i) => {
    const inst = stage.from;
    const words = splitFields(inst.args).map((w) => w.text);
    let name = '';
    if (words.length === 3 && words[1].toLowerCase() === 'as') {
      name = words[2].toLowerCase();
      if (!STAGE_NAME.test(name)) {
        throw locate(model, inst, `invalid name for build stage: "${words[2]}", name can't start with a number or contain symbols`);
      }
    } else if (words.length !== 1) throw locate(model, inst, 'FROM requires either one or three arguments');
    let baseName: string;
    try {
      baseName = processWord(words[0], globals, { escape });
    } catch (e) {
      throw locate(model, inst, e);
    }
    if (baseName === '') {
      throw locate(model, inst, `base name (${words[0]}) should not be blank`,
        'an ARG it uses has no value: give the ARG a default before the first FROM, or pass --build-arg');
    }
    const ds = newState({ baseName, baseText: words[0], name, stageName: name || `stage-${i}`, from: inst, sourceCode: inst.original.trim(), location: inst });
    const platformFlag = inst.flags.find((f) => f.name === 'platform')?.value;
    if (platformFlag) {
      let p: string;
      try {
        p = processWord(platformFlag, globals, { escape });
      } catch (e) {
        throw locate(model, inst, `failed to process arguments for platform ${platformFlag}: ${(e as Error).message}`);
      }
      try {
        ds.platform = normalizePlatform(parsePlatform(p));
      } catch (e) {
        throw locate(model, inst, `failed to parse platform ${p}: ${(e as Error).message}`);
      }
    }
    add(ds);
    let total = baseName !== 'scratch' && !ds.base ? 1 : 0;
    for (const c of stage.instructions) if (['ADD', 'COPY', 'RUN', 'WORKDIR'].includes(c.keyword)) total++;
    ds.cmdTotal = total;
  });

  let targetState = states[states.length - 1];
  if (target) {
    const t = byName.get(target.toLowerCase());
    if (!t) throw new ConvertError(`target stage ${target} could not be found`, model.path, undefined, `the stages are: ${[...byName.keys()].join(', ') || '(none named)'}`);
    targetState = t;
  }

  // commands and their dependencies; unknown names become image (or scratch) sources
  const registered = [...states];
  registered.forEach((ds, i) => {
    for (const inst of model.stages[i].instructions.slice(1)) {
      const command = parsed.get(inst)!;
      const sources: DispatchState[] = [];
      const source = (from: string, location?: Instruction): DispatchState => {
        const found = byName.get(from.toLowerCase());
        if (found) return found;
        const un = newState({ baseName: from, unregistered: true, location });
        add(un);
        return un;
      };
      if (command.kind === 'COPY' && command.from !== '') {
        if (/^[+-]?\d+$/.test(command.from)) {
          const index = Number(command.from);
          if (index < 0 || index >= states.length) throw locate(model, inst, `invalid stage index ${index}`);
          sources.push(states[index]);
        } else sources.push(source(command.from, inst));
      }
      if (command.kind === 'RUN') {
        for (const m of command.mounts) {
          let from: string;
          try {
            from = rawMountFrom(m);
          } catch (e) {
            throw locate(model, inst, e);
          }
          sources.push(source(from || 'scratch'));
        }
      }
      for (const s of sources) ds.deps.add(s);
      ds.commands.push({ command, sources });
    }
  });

  const cycle = findCycle(states);
  if (cycle) throw new ConvertError(`circular dependency detected on stage: ${cycle.stageName}`, model.path, cycle.from?.span.start.line);
  if (states.length === 1) states[0].stageName = '';

  // image references are checked for every stage, reachable or not
  for (const ds of states) {
    if (ds.base || ds.baseName === 'scratch') continue;
    const ref = parseImageReference(ds.baseName);
    if (typeof ref === 'string') {
      const reason = ref === 'repository name must be lowercase' ? 'invalid reference format: repository name must be lowercase' : 'invalid reference format';
      throw locate(model, ds.location, `failed to parse stage name "${ds.baseName}": ${reason}`,
        ds.baseName !== ds.baseText ? `"${ds.baseText}" expanded to "${ds.baseName}": check the ARGs it uses` : 'write a valid image reference, e.g. golang:1.22');
    }
    ds.baseRef = ds.baseName;
    ds.baseName = normalizeImageRef(ds.baseName);
  }
  return { states, target: targetState };
}

function findCycle(states: DispatchState[]): DispatchState | undefined {
  const visited = new Set<DispatchState>();
  const path = new Set<DispatchState>();
  const visit = (s: DispatchState): boolean => {
    if (visited.has(s)) return false;
    visited.add(s);
    path.add(s);
    for (const d of s.deps) if (path.has(d) || visit(d)) return true;
    path.delete(s);
    return false;
  };
  return states.find((s) => visit(s));
}

export function isReachable(from: DispatchState | undefined, to: DispatchState, seen = new Set<DispatchState>()): boolean {
  if (!from || seen.has(from)) return false;
  seen.add(from);
  if (from === to || isReachable(from.base, to, seen)) return true;
  for (const d of from.deps) if (isReachable(d, to, seen)) return true;
  return false;
}

export { CommandError };
