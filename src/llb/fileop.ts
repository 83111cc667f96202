// FileOp: a chain of copy/mkdir/mkfile/rm actions, numbered the way Go's llb FileOp does it.
import path from 'node:path/posix';
import type { ChownOpt, FileAction as PbFileAction, FileActionCopy, Input, Op, Platform, UserOpt } from './ops.js';
import { Vertex, addCap, sameInput, toInput, type Constraints, type MarshalContext, type Output } from './vertex.js';

/** The parts of a State a file action reads. */
export interface FileBase {
  output: Output | null;
  dir: string;
  platform?: Platform;
}

/** A user or group: a number is a uid/gid, a string a name resolved in the target's /etc/passwd. */
export type UserSpec = number | string;

/** Owner of created files: "user[:group]" (numbers and "root" become ids, like llb.WithUser) or parts. */
export type Owner = string | { user?: UserSpec; group?: UserSpec };

/** Creation time: a Date, or Unix nanoseconds as bigint. */
export type CreatedTime = Date | bigint;

export interface MkdirOptions {
  makeParents?: boolean;
  owner?: Owner;
  createdTime?: CreatedTime;
}

export interface MkfileOptions {
  owner?: Owner;
  createdTime?: CreatedTime;
}

export interface RmOptions {
  allowNotFound?: boolean;
  allowWildcard?: boolean;
}

export interface CopyOptions {
  /** File mode for the copied files; -1 (unset) keeps the source mode. */
  mode?: number;
  followSymlinks?: boolean;
  copyDirContentsOnly?: boolean;
  includePatterns?: string[];
  excludePatterns?: string[];
  attemptUnpack?: boolean;
  createDestPath?: boolean;
  allowWildcard?: boolean;
  allowEmptyWildcard?: boolean;
  owner?: Owner;
  createdTime?: CreatedTime;
}

/** Anything that can hand out its FileBase: a State. */
export interface FileBaseProvider {
  fileBase(): FileBase;
}

/** A copy source: another state, or a file-action chain applied on a state (`chain.withState(s)`). */
export type CopySource = FileBaseProvider | BoundChain;

type SubAction =
  | { kind: 'mkdir'; path: string; mode: number; opts: MkdirOptions }
  | { kind: 'mkfile'; path: string; mode: number; data: Uint8Array; opts: MkfileOptions }
  | { kind: 'rm'; path: string; opts: RmOptions }
  | { kind: 'copy'; source: CopySource; src: string; dest: string; opts: CopyOptions };

/** An immutable chain of file actions; each call returns a longer chain. Apply it with `state.file(chain)`. */
export class FileActions {
  private constructor(
    readonly prev: FileActions | null,
    readonly action: SubAction,
  ) {}

  static start(action: SubAction): FileActions {
    return new FileActions(null, action);
  }

  mkdir(p: string, mode: number, opts: MkdirOptions = {}): FileActions {
    return new FileActions(this, { kind: 'mkdir', path: p, mode, opts });
  }

  mkfile(p: string, mode: number, data: Uint8Array | string, opts: MkfileOptions = {}): FileActions {
    return new FileActions(this, { kind: 'mkfile', path: p, mode, data: toBytes(data), opts });
  }

  rm(p: string, opts: RmOptions = {}): FileActions {
    return new FileActions(this, { kind: 'rm', path: p, opts });
  }

  copy(source: CopySource, src: string, dest: string, opts: CopyOptions = {}): FileActions {
    return new FileActions(this, { kind: 'copy', source, src, dest, opts });
  }

  /** This chain applied on `state`, usable as a copy source (Go's FileAction.WithState). */
  withState(state: FileBaseProvider): BoundChain {
    return bindChain(this, state.fileBase());
  }
}

function toBytes(data: Uint8Array | string): Uint8Array {
  return typeof data === 'string' ? new TextEncoder().encode(data) : data;
}

export function mkdir(p: string, mode: number, opts: MkdirOptions = {}): FileActions {
  return FileActions.start({ kind: 'mkdir', path: p, mode, opts });
}

export function mkfile(p: string, mode: number, data: Uint8Array | string, opts: MkfileOptions = {}): FileActions {
  return FileActions.start({ kind: 'mkfile', path: p, mode, data: toBytes(data), opts });
}

export function rm(p: string, opts: RmOptions = {}): FileActions {
  return FileActions.start({ kind: 'rm', path: p, opts });
}

export function copy(source: CopySource, src: string, dest: string, opts: CopyOptions = {}): FileActions {
  return FileActions.start({ kind: 'copy', source, src, dest, opts });
}

/** A chain with every action bound to the state it runs on (Go's FileAction.bind). */
export class BoundChain {
  constructor(
    readonly prev: BoundChain | null,
    readonly action: SubAction,
    readonly state: FileBase,
  ) {}
}

export function bindChain(chain: FileActions, state: FileBase): BoundChain {
  const prev = chain.prev ? bindChain(chain.prev, state) : null;
  return new BoundChain(prev, chain.action, state);
}

function isBoundChain(s: CopySource): s is BoundChain {
  return s instanceof BoundChain;
}

// ---- marshaling helpers

function marshalTime(t: CreatedTime | undefined): bigint {
  if (t === undefined) return -1n;
  return typeof t === 'bigint' ? t : BigInt(t.getTime()) * 1_000_000n;
}

function parseId(s: string): number | undefined {
  if (s === 'root') return 0;
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const n = Number(s);
  return n >= -(2 ** 31) && n < 2 ** 31 ? n : undefined;
}

function userOpt(u: UserSpec | undefined, base: number): UserOpt | undefined {
  if (u === undefined) return undefined;
  if (typeof u === 'number') return { byId: u >>> 0 };
  if (u === '') return { byId: 0 };
  return { byName: { name: u, input: base } };
}

function chownOpt(owner: Owner | undefined, base: number): ChownOpt | undefined {
  if (owner === undefined) return undefined;
  let parts: { user?: UserSpec; group?: UserSpec };
  if (typeof owner === 'string') {
    const [user, group] = owner.split(/:(.*)/s, 2);
    const asSpec = (v: string): UserSpec => parseId(v) ?? v;
    parts = { user: asSpec(user), group: group === undefined ? undefined : asSpec(group) };
  } else {
    parts = owner;
  }
  return { user: userOpt(parts.user, base), group: userOpt(parts.group, base) };
}

/** path.Clean + make absolute against `parent`; copy dests keep a trailing "/" or "/.". */
export function normalizeFilePath(parent: string, p: string, keepSlash: boolean): string {
  const orig = p;
  p = path.normalize(p === '' ? '.' : p);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (!path.isAbsolute(p)) p = path.join('/', parent, p);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (keepSlash) {
    if (orig.endsWith('/') && !p.endsWith('/')) p += '/';
    else if (orig.endsWith('/.')) {
      if (p !== '/') p += '/';
      p += '.';
    }
  }
  return p;
}

function copySourcePath(src: string, source: CopySource): string {
  let p = path.normalize(src === '' ? '.' : src);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (!path.isAbsolute(p)) {
    const dir = isBoundChain(source) ? source.state.dir : source.fileBase().dir;
    p = path.join('/', dir, p);
    if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  }
  return p;
}

interface ActionState {
  chain: BoundChain;
  base: number;
  input: number;
  inputRelative?: ActionState;
  input2: number;
  input2Relative?: ActionState;
  target: number;
}

export class FileVertex extends Vertex {
  readonly output: Output;

  constructor(
    private readonly chain: BoundChain,
    constraints: Constraints,
  ) {
    super(constraints);
    this.output = { vertex: this, index: () => 0 };
  }

  inputs(): Output[] {
    const seen = new Set<Output>();
    const visit = (c: BoundChain | null): void => {
      if (!c) return;
      visit(c.prev);
      if (c.state.output) seen.add(c.state.output);
      if (c.action.kind === 'copy') {
        const s = c.action.source;
        if (isBoundChain(s)) visit(s);
        else {
          const out = s.fileBase().output;
          if (out) seen.add(out);
        }
      }
    };
    visit(this.chain);
    return [...seen];
  }

  protected override statePlatform(): Platform | undefined {
    return this.chain.state.platform;
  }

  protected build(ctx: MarshalContext, c: Constraints): { op: Op; platform: 'keep' } {
    addCap(c, 'file.base');
    const inputs: Input[] = [];
    const actions: ActionState[] = [];
    const visited = new Map<BoundChain, ActionState>();

    const addInput = (o: Output): number => {
      const inp = toInput(ctx, o);
      const i = inputs.findIndex((x) => sameInput(x, inp));
      if (i >= 0) return i;
      inputs.push(inp);
      return inputs.length - 1;
    };

    const add = (fa: BoundChain): ActionState => {
      const done = visited.get(fa);
      if (done) return done;
      const prev = fa.prev ? add(fa.prev) : undefined;
      const st: ActionState = { chain: fa, base: -1, input: -1, input2: -1, target: 0 };
      if (fa.state.output) st.base = addInput(fa.state.output);
      if (!prev) st.input = st.base;
      else st.inputRelative = prev;
      if (fa.action.kind === 'copy') {
        const s = fa.action.source;
        if (isBoundChain(s)) st.input2Relative = add(s);
        else {
          const out = s.fileBase().output;
          if (out) st.input2 = addInput(out);
        }
      }
      st.target = actions.length;
      visited.set(fa, st);
      actions.push(st);
      return st;
    };
    add(this.chain);

    const index = (abs: number, rel: ActionState | undefined): number =>
      rel ? inputs.length + rel.target : abs;

    const pbActions: PbFileAction[] = actions.map((st, i) => {
      const a: PbFileAction = {
        input: index(st.input, st.inputRelative),
        secondaryInput: index(st.input2, st.input2Relative),
        output: i + 1 === actions.length ? 0 : -1,
      };
      const parent = st.chain.state.dir;
      const act = st.chain.action;
      switch (act.kind) {
        case 'mkdir':
          a.mkdir = {
            path: normalizeFilePath(parent, act.path, false),
            mode: act.mode & 0o777,
            makeParents: act.opts.makeParents ?? false,
            owner: chownOpt(act.opts.owner, st.base),
            timestamp: marshalTime(act.opts.createdTime),
          };
          break;
        case 'mkfile':
          a.mkfile = {
            path: normalizeFilePath(parent, act.path, false),
            mode: act.mode & 0o777,
            data: act.data,
            owner: chownOpt(act.opts.owner, st.base),
            timestamp: marshalTime(act.opts.createdTime),
          };
          break;
        case 'rm':
          a.rm = {
            path: normalizeFilePath(parent, act.path, false),
            allowNotFound: act.opts.allowNotFound ?? false,
            allowWildcard: act.opts.allowWildcard ?? false,
          };
          break;
        case 'copy': {
          const o = act.opts;
          const cp: FileActionCopy = {
            src: copySourcePath(act.src, act.source),
            dest: normalizeFilePath(parent, act.dest, true),
            owner: chownOpt(o.owner, st.base),
            mode: o.mode ?? -1,
            followSymlink: o.followSymlinks ?? false,
            dirCopyContents: o.copyDirContentsOnly ?? false,
            attemptUnpackDockerCompatibility: o.attemptUnpack ?? false,
            createDestPath: o.createDestPath ?? false,
            allowWildcard: o.allowWildcard ?? false,
            allowEmptyWildcard: o.allowEmptyWildcard ?? false,
            timestamp: marshalTime(o.createdTime),
            includePatterns: o.includePatterns && o.includePatterns.length > 0 ? [...o.includePatterns] : undefined,
            excludePatterns: o.excludePatterns && o.excludePatterns.length > 0 ? [...o.excludePatterns] : undefined,
          };
          a.copy = cp;
          break;
        }
      }
      return a;
    });
    return { op: { inputs: inputs.length > 0 ? inputs : undefined, file: { actions: pbActions } }, platform: 'keep' };
  }
}
