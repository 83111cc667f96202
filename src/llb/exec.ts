// ExecOp: a command run on a root filesystem with extra mounts, as Go's llb.ExecOp marshals it.
import {
  CacheSharingOpt,
  MountType,
  NetMode,
  SecurityMode,
  type ExecOp,
  type HostIP,
  type Input,
  type Meta,
  type Mount,
  type Op,
  type Platform,
  type ProxyEnv,
  type SecretEnv,
  type Ulimit,
} from './ops.js';
import {
  Vertex,
  addCap,
  sameInput,
  toInput,
  type Constraints,
  type MarshalContext,
  type Output,
} from './vertex.js';
import type { StateMeta } from './state.js';

/** The metadata of a State that an exec reads (Go keeps these as State values): its meta, output and args. */
export interface ExecBase extends StateMeta {
  output: Output | null;
  args: readonly string[];
}

export interface ExecMount {
  target: string;
  source: Output | null;
  readonly: boolean;
  selector: string;
  cacheId: string;
  cacheSharing: CacheSharingOpt;
  tmpfs: boolean;
  tmpfsSize: number;
  noOutput: boolean;
  /** The output a State sees for this mount; set by ExecVertex. */
  output?: Output;
}

export interface ExecSecret {
  id: string;
  target: string;
  uid: number;
  gid: number;
  mode: number;
  optional: boolean;
  isEnv: boolean;
}

export interface ExecSSH {
  id: string;
  target: string;
  uid: number;
  gid: number;
  mode: number;
  optional: boolean;
}

const DEFAULT_LINUX_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Returns env with key set, moved to the end if it already existed (Go's EnvList.AddOrReplace). */
export function addOrReplaceEnv(
  env: ReadonlyArray<readonly [string, string]>,
  key: string,
  value: string,
): Array<readonly [string, string]> {
  return [...env.filter(([k]) => k !== key), [key, value] as const];
}

export class ExecVertex extends Vertex {
  readonly mounts: ExecMount[];
  readonly root: Output;

  constructor(
    private readonly base: ExecBase,
    mounts: ExecMount[],
    private readonly secrets: ExecSecret[],
    private readonly ssh: ExecSSH[],
    private readonly proxyEnv: ProxyEnv | undefined,
    readonlyRoot: boolean,
    constraints: Constraints,
  ) {
    super(constraints);
    const rootMount: ExecMount = {
      target: '/',
      source: base.output,
      readonly: readonlyRoot,
      selector: '',
      cacheId: '',
      cacheSharing: CacheSharingOpt.SHARED,
      tmpfs: false,
      tmpfsSize: 0,
      noOutput: false,
    };
    // Go sorts mounts by target before numbering outputs; a stable sort keeps duplicates in order
    this.mounts = [rootMount, ...mounts].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
    for (const m of this.mounts) m.output = this.outputFor(m);
    this.root = rootMount.output!;
    if (this.base.args.length === 0) throw new Error('exec: arguments are required');
    if (this.base.dir === '') throw new Error('exec: working directory is required');
  }

  private producesOutput(m: ExecMount): boolean {
    return !m.noOutput && !m.readonly && !m.tmpfs && m.cacheId === '';
  }

  private outputFor(m: ExecMount): Output {
    if (m.readonly && m.source) return m.source;
    const vertex = this;
    const platform = this.constraints.platform;
    if (!this.producesOutput(m)) {
      return {
        vertex,
        platform,
        index: () => {
          throw new Error(`mount ${m.target} has no output and can't be used as a parent`);
        },
      };
    }
    return {
      vertex,
      platform,
      index: () => this.mounts.filter((x) => this.producesOutput(x)).indexOf(m),
    };
  }

  inputs(): Output[] {
    const seen = new Set<Output>();
    for (const m of this.mounts) if (m.source) seen.add(m.source);
    return [...seen];
  }

  protected override statePlatform(): Platform | undefined {
    return this.base.platform;
  }

  protected build(ctx: MarshalContext, c: Constraints): { op: Op; platform: 'keep' } {
    let env = [...this.base.env];
    const ssh = this.ssh.map((s, i) => ({ ...s, target: s.target || `/run/buildkit/ssh_agent.${i}` }));
    if (ssh.length > 0 && !env.some(([k]) => k === 'SSH_AUTH_SOCK')) {
      env = addOrReplaceEnv(env, 'SSH_AUTH_SOCK', ssh[0].target);
    }
    if (ctx.defaultPath === 'client') {
      const os = c.platform?.os ?? ctx.platform.os;
      if (os !== 'windows' && !env.some(([k]) => k === 'PATH')) env.push(['PATH', DEFAULT_LINUX_PATH]);
    } else if (ctx.defaultPath === 'worker') {
      addCap(c, 'exec.meta.setsdefaultpath');
    }

    const meta: Meta = {
      args: [...this.base.args],
      env: env.length > 0 ? env.map(([k, v]) => `${k}=${v}`) : undefined,
      cwd: this.base.dir,
      user: this.base.user || undefined,
      hostname: this.base.hostname || undefined,
      cgroupParent: this.base.cgroupParent || undefined,
      removeMountStubsRecursive: true,
    };
    if (this.base.extraHosts.length > 0) meta.extraHosts = this.base.extraHosts.map((h) => ({ ...h }));
    if (this.base.ulimits.length > 0) {
      addCap(c, 'exec.meta.ulimit');
      meta.ulimit = this.base.ulimits.map((u) => ({ ...u }));
    }
    const exec: ExecOp = { meta, mounts: [] };
    if (this.base.network !== NetMode.UNSET) {
      exec.network = this.base.network;
      addCap(c, 'exec.meta.network');
    }
    if (this.base.security !== SecurityMode.SANDBOX) {
      exec.security = this.base.security;
      addCap(c, 'exec.meta.security');
    }
    if (this.proxyEnv) {
      meta.proxyEnv = { ...this.proxyEnv };
      addCap(c, 'exec.meta.proxyenv');
    }
    addCap(c, 'exec.meta.base');
    for (const m of this.mounts) {
      if (m.selector) addCap(c, 'exec.mount.selector');
      if (m.cacheId) {
        addCap(c, 'exec.mount.cache');
        addCap(c, 'exec.mount.cache.sharing');
      } else if (m.tmpfs) {
        addCap(c, 'exec.mount.tmpfs');
        if (m.tmpfsSize > 0) addCap(c, 'exec.mount.tmpfs.size');
      } else if (m.source) {
        addCap(c, 'exec.mount.bind');
      }
    }
    if (this.secrets.length > 0) {
      addCap(c, 'exec.mount.secret');
      if (this.secrets.some((s) => s.isEnv)) addCap(c, 'exec.secretenv');
    }
    if (ssh.length > 0) addCap(c, 'exec.mount.ssh');

    const inputs: Input[] = [];
    let outIndex = 0;
    for (const m of this.mounts) {
      let inputIndex = -1;
      if (m.source) {
        if (m.tmpfs) throw new Error('tmpfs mounts must use scratch');
        const inp = toInput(ctx, m.source);
        inputIndex = inputs.findIndex((x) => sameInput(x, inp));
        if (inputIndex < 0) {
          inputIndex = inputs.length;
          inputs.push(inp);
        }
      }
      const output = this.producesOutput(m) ? outIndex++ : -1;
      const pm: Mount = { input: inputIndex, selector: m.selector, dest: m.target, output, readonly: m.readonly };
      if (m.cacheId) {
        pm.mountType = MountType.CACHE;
        pm.cacheOpt = { id: m.cacheId, sharing: m.cacheSharing };
      }
      if (m.tmpfs) {
        pm.mountType = MountType.TMPFS;
        pm.tmpfsOpt = { size: m.tmpfsSize };
      }
      exec.mounts!.push(pm);
    }
    const secretenv: SecretEnv[] = [];
    for (const s of this.secrets) {
      if (s.isEnv) {
        secretenv.push({ id: s.id, name: s.target, optional: s.optional });
        continue;
      }
      exec.mounts!.push({
        dest: s.target,
        mountType: MountType.SECRET,
        secretOpt: { id: s.id, uid: s.uid, gid: s.gid, mode: s.mode, optional: s.optional },
      });
    }
    for (const s of ssh) {
      exec.mounts!.push({
        dest: s.target,
        mountType: MountType.SSH,
        sshOpt: { id: s.id, uid: s.uid, gid: s.gid, mode: s.mode, optional: s.optional },
      });
    }
    if (secretenv.length > 0) exec.secretenv = secretenv;
    return { op: { inputs: inputs.length > 0 ? inputs : undefined, exec }, platform: 'keep' };
  }
}
