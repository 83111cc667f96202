// An immutable build state in the spirit of Go's client/llb State: a graph output plus the
// metadata (env, cwd, user, platform, …) that later exec and file ops read.
import {
  ExecVertex,
  addOrReplaceEnv,
  type ExecBase,
  type ExecMount,
  type ExecSSH,
  type ExecSecret,
} from './exec.js';
import { FileVertex, bindChain, type FileActions, type FileBase, type FileBaseProvider } from './fileop.js';
import { CacheSharingOpt, NetMode, SecurityMode, type HostIP, type Op, type Platform, type ProxyEnv, type Ulimit } from './ops.js';
import { normalizePlatform } from './platform.js';
import { shlexSplit } from './shlex.js';
import { addCap, constraintsFrom, Vertex, type Constraints, type MarshalContext, type OpOptions, type Output } from './vertex.js';

/** The values a State carries besides its output (Go stores them as State values). */
export interface StateMeta {
  env: ReadonlyArray<readonly [string, string]>;
  dir: string;
  user: string;
  hostname: string;
  cgroupParent: string;
  network: NetMode;
  security: SecurityMode;
  extraHosts: readonly HostIP[];
  ulimits: readonly Ulimit[];
  platform?: Platform;
}

const EMPTY_META: StateMeta = {
  env: [],
  dir: '/',
  user: '',
  hostname: '',
  cgroupParent: '',
  network: NetMode.UNSET,
  security: SecurityMode.SANDBOX,
  extraHosts: [],
  ulimits: [],
};

export type NetworkMode = 'sandbox' | 'host' | 'none';
export type SecurityModeName = 'sandbox' | 'insecure';
export type CacheSharing = 'shared' | 'private' | 'locked';

/** A mount for `run`. Targets are absolute paths inside the container. */
export type MountSpec =
  | {
      type: 'bind';
      target: string;
      source: State;
      /** Sub-path of the source to mount. */
      selector?: string;
      readonly?: boolean;
      /** Writable, but its result is discarded (Dockerfile `--mount=type=bind,rw`). */
      noOutput?: boolean;
    }
  | { type: 'cache'; target: string; id: string; sharing?: CacheSharing; source?: State; selector?: string }
  | { type: 'tmpfs'; target: string; size?: number }
  | { type: 'secret'; target: string; id?: string; uid?: number; gid?: number; mode?: number; optional?: boolean }
  | { type: 'ssh'; target?: string; id?: string; uid?: number; gid?: number; mode?: number; optional?: boolean };

export interface RunOptions extends OpOptions {
  /** Exec-form arguments. */
  args?: string[];
  /** A command line split like a shell (llb.Shlex); used when `args` is absent. */
  shlex?: string;
  /** Env added for this run only, in order (a repeated key moves to the end). */
  env?: Record<string, string> | Array<[string, string]>;
  /** Working dir for this run only; relative paths join the state's dir. */
  cwd?: string;
  user?: string;
  hostname?: string;
  network?: NetworkMode;
  security?: SecurityModeName;
  extraHosts?: Array<{ host: string; ip: string }>;
  ulimits?: Array<{ name: string; soft: number; hard: number }>;
  cgroupParent?: string;
  proxyEnv?: ProxyEnv;
  mounts?: MountSpec[];
  /** Secrets exposed as environment variables. */
  secretEnv?: Array<{ id: string; name: string; optional?: boolean }>;
  readonlyRootfs?: boolean;
}

/** The parts of an OCI image config that seed a state (Go's WithImageConfig). */
export interface ImageConfigSeed {
  env?: string[];
  workingDir?: string;
  os?: string;
  architecture?: string;
  variant?: string;
}

const NETWORK: Record<NetworkMode, NetMode> = { sandbox: NetMode.UNSET, host: NetMode.HOST, none: NetMode.NONE };
const SECURITY: Record<SecurityModeName, SecurityMode> = {
  sandbox: SecurityMode.SANDBOX,
  insecure: SecurityMode.INSECURE,
};
const SHARING: Record<CacheSharing, CacheSharingOpt> = {
  shared: CacheSharingOpt.SHARED,
  private: CacheSharingOpt.PRIVATE,
  locked: CacheSharingOpt.LOCKED,
};

function joinDir(prev: string, value: string): string {
  if (value.startsWith('/')) return value;
  const joined = [prev || '/', value].join('/').split('/');
  const out: string[] = [];
  for (const part of joined) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

export class State implements FileBaseProvider {
  /** @internal use the source functions (image, local, scratch, …) to make states */
  constructor(
    readonly output: Output | null,
    private readonly meta: StateMeta = EMPTY_META,
  ) {}

  /** A state for a fresh output: dir "/", and the output's platform if it has one (Go's NewState). */
  static fromOutput(output: Output | null): State {
    const s = new State(output, EMPTY_META);
    return output?.platform ? s.platform(output.platform) : s;
  }

  private with(patch: Partial<StateMeta>): State {
    return new State(this.output, { ...this.meta, ...patch });
  }

  /** This state's metadata on a new output; adopts the output's platform if it carries one. */
  withOutput(output: Output | null): State {
    const s = new State(output, this.meta);
    return output?.platform ? s.platform(output.platform) : s;
  }

  isScratch(): boolean {
    return this.output === null;
  }

  // ---- metadata

  /** Sets an env var; re-setting a key moves it to the end, as in Go. */
  addEnv(key: string, value: string): State {
    return this.with({ env: addOrReplaceEnv(this.meta.env, key, value) });
  }

  getEnv(key: string): string | undefined {
    return this.meta.env.find(([k]) => k === key)?.[1];
  }

  /** Env as KEY=VALUE strings, in order. */
  envList(): string[] {
    return this.meta.env.map(([k, v]) => `${k}=${v}`);
  }

  private envByKey: ReadonlyMap<string, string> | undefined;
  /** Env by key, made once per state: expanding each word of a long Dockerfile rebuilt it from the list. */
  envMap(): ReadonlyMap<string, string> {
    return (this.envByKey ??= new Map(this.meta.env));
  }

  /** Sets the working dir; a relative path joins the current one. */
  dir(p: string): State {
    return this.with({ dir: joinDir(this.meta.dir, p) });
  }

  getDir(): string {
    return this.meta.dir;
  }

  user(u: string): State {
    return this.with({ user: u });
  }

  getUser(): string {
    return this.meta.user;
  }

  hostname(h: string): State {
    return this.with({ hostname: h });
  }

  cgroupParent(cp: string): State {
    return this.with({ cgroupParent: cp });
  }

  /** Sets the platform later ops default to; normalized like containerd's platforms.Normalize. */
  platform(p: Platform): State {
    return this.with({ platform: normalizePlatform(p) });
  }

  getPlatform(): Platform | undefined {
    return this.meta.platform;
  }

  network(mode: NetworkMode): State {
    return this.with({ network: NETWORK[mode] });
  }

  security(mode: SecurityModeName): State {
    return this.with({ security: SECURITY[mode] });
  }

  addExtraHost(host: string, ip: string): State {
    return this.with({ extraHosts: [...this.meta.extraHosts, { host, ip }] });
  }

  addUlimit(name: string, soft: number, hard: number): State {
    return this.with({ ulimits: [...this.meta.ulimits, { name, soft, hard }] });
  }

  /** Seeds env, working dir and platform from an image config. */
  withImageConfig(cfg: ImageConfigSeed): State {
    let s: State = this;
    for (const e of cfg.env ?? []) {
      const eq = e.indexOf('=');
      const key = eq < 0 ? e : e.slice(0, eq);
      if (key.length > 0) s = s.addEnv(key, eq < 0 ? '' : e.slice(eq + 1));
    }
    s = s.dir(cfg.workingDir ?? '');
    if (cfg.os && cfg.architecture) {
      s = s.platform({ os: cfg.os, architecture: cfg.architecture, variant: cfg.variant });
    }
    return s;
  }

  fileBase(): FileBase {
    return { output: this.output, dir: this.meta.dir, platform: this.meta.platform };
  }

  // ---- ops

  /** Runs a command on this state's filesystem; the result's root is the new filesystem. */
  run(opts: RunOptions): ExecState {
    let base: State = this;
    const envs = Array.isArray(opts.env) ? opts.env : Object.entries(opts.env ?? {});
    for (const [k, v] of envs) base = base.addEnv(k, v);
    if (opts.cwd !== undefined) base = base.dir(opts.cwd);
    if (opts.user !== undefined) base = base.user(opts.user);
    if (opts.hostname !== undefined) base = base.hostname(opts.hostname);
    if (opts.network !== undefined) base = base.network(opts.network);
    if (opts.security !== undefined) base = base.security(opts.security);
    if (opts.cgroupParent !== undefined) base = base.cgroupParent(opts.cgroupParent);
    for (const h of opts.extraHosts ?? []) base = base.addExtraHost(h.host, h.ip);
    for (const u of opts.ulimits ?? []) base = base.addUlimit(u.name, u.soft, u.hard);
    const args = opts.args ?? (opts.shlex !== undefined ? shlexSplit(opts.shlex) : []);
    const m = base.meta;
    const execBase: ExecBase = { output: base.output, args, ...m };

    const mounts: ExecMount[] = [];
    const secrets: ExecSecret[] = [];
    const ssh: ExecSSH[] = [];
    for (const spec of opts.mounts ?? []) {
      const blank: ExecMount = {
        target: spec.target ?? '',
        source: null,
        readonly: false,
        selector: '',
        cacheId: '',
        cacheSharing: CacheSharingOpt.SHARED,
        tmpfs: false,
        tmpfsSize: 0,
        noOutput: false,
      };
      switch (spec.type) {
        case 'bind':
          mounts.push({
            ...blank,
            source: spec.source.output,
            selector: spec.selector ?? '',
            readonly: spec.readonly ?? false,
            noOutput: spec.noOutput ?? false,
          });
          break;
        case 'cache':
          mounts.push({
            ...blank,
            source: spec.source?.output ?? null,
            selector: spec.selector ?? '',
            cacheId: spec.id,
            cacheSharing: SHARING[spec.sharing ?? 'shared'],
          });
          break;
        case 'tmpfs':
          mounts.push({ ...blank, tmpfs: true, tmpfsSize: spec.size ?? 0 });
          break;
        case 'secret':
          secrets.push({
            id: spec.id ?? spec.target,
            target: spec.target,
            uid: spec.uid ?? 0,
            gid: spec.gid ?? 0,
            mode: spec.mode ?? 0o400,
            optional: spec.optional ?? false,
            isEnv: false,
          });
          break;
        case 'ssh':
          ssh.push({
            id: spec.id ?? '',
            target: spec.target ?? '',
            uid: spec.uid ?? 0,
            gid: spec.gid ?? 0,
            mode: spec.mode ?? 0o600,
            optional: spec.optional ?? false,
          });
          break;
      }
    }
    for (const s of opts.secretEnv ?? []) {
      secrets.push({ id: s.id, target: s.name, uid: 0, gid: 0, mode: 0o400, optional: s.optional ?? false, isEnv: true });
    }
    const exec = new ExecVertex(
      execBase,
      mounts,
      secrets,
      ssh,
      opts.proxyEnv,
      opts.readonlyRootfs ?? false,
      constraintsFrom(opts),
    );
    const next = this.withOutput(exec.root);
    return new ExecState(next.output, next.meta, exec);
  }

  /** Applies a chain of file actions (see mkdir/mkfile/rm/copy) as one FileOp. */
  file(actions: FileActions, opts?: OpOptions): State {
    const v = new FileVertex(bindChain(actions, this.fileBase()), constraintsFrom(opts));
    return this.withOutput(v.output);
  }
}

/** The result of `run`: a State for the root filesystem, plus access to the other mounts. */
export class ExecState extends State {
  /** @internal made by State.run */
  constructor(
    output: Output | null,
    meta: StateMeta,
    private readonly exec: ExecVertex,
  ) {
    super(output, meta);
  }

  /** The root filesystem after the command (this state without the exec handle). */
  root(): State {
    return this.withOutput(this.output);
  }

  /** The filesystem of the mount at `target` after the command, as a fresh state. */
  getMount(target: string): State {
    const m = this.exec.mounts.find((x) => x.target === target);
    if (!m || !m.output) throw new Error(`no mount at ${target}`);
    return State.fromOutput(m.output);
  }
}

export function scratch(): State {
  return new State(null);
}

// ---- merge and diff

class MergeVertex extends Vertex {
  readonly output: Output;
  constructor(
    private readonly sources: Output[],
    constraints: Constraints,
  ) {
    super(constraints);
    this.output = { vertex: this, index: () => 0 };
  }
  inputs(): Output[] {
    return this.sources;
  }
  protected build(ctx: MarshalContext): { op: Op; platform: 'drop' } {
    const inputs = this.sources.map((o) => ({ digest: o.vertex.marshal(ctx).digest, index: o.index() }));
    return { op: { inputs, merge: { inputs: inputs.map((_, i) => ({ input: i })) } }, platform: 'drop' };
  }
}

/** Layers states on top of each other; scratch inputs are dropped, one input is returned as is. */
export function merge(states: State[], opts?: OpOptions): State {
  const outputs = states.map((s) => s.output).filter((o): o is Output => o !== null);
  if (outputs.length === 0) return scratch();
  if (outputs.length === 1) return states.find((s) => s.output === outputs[0])!;
  const c = constraintsFrom(opts);
  addCap(c, 'mergeop');
  return State.fromOutput(new MergeVertex(outputs, c).output);
}

class DiffVertex extends Vertex {
  readonly output: Output;
  constructor(
    private readonly lower: Output | null,
    private readonly upper: Output | null,
    constraints: Constraints,
  ) {
    super(constraints);
    this.output = { vertex: this, index: () => 0 };
  }
  inputs(): Output[] {
    return [this.lower, this.upper].filter((o): o is Output => o !== null);
  }
  protected build(ctx: MarshalContext): { op: Op; platform: 'drop' } {
    const inputs = this.inputs().map((o) => ({ digest: o.vertex.marshal(ctx).digest, index: o.index() }));
    const lower = this.lower ? 0 : -1;
    const upper = this.upper ? (this.lower ? 1 : 0) : -1;
    return {
      op: { inputs: inputs.length > 0 ? inputs : undefined, diff: { lower: { input: lower }, upper: { input: upper } } },
      platform: 'drop',
    };
  }
}

/** The changes that turn `lower` into `upper`, as a layer. */
export function diff(lower: State, upper: State, opts?: OpOptions): State {
  if (lower.output === null) return upper.output === null ? scratch() : upper;
  const c = constraintsFrom(opts);
  addCap(c, 'diffop');
  return State.fromOutput(new DiffVertex(lower.output, upper.output, c).output);
}
