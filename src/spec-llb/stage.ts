// One stage of the spec's build, as BuildKit's dispatch state: the LLB state, the image config,
// the `[stage i/n]` counter, and the instruction-level steps (run, copy, env, user, workdir).
import { copy, mkdir, type MountSpec, type State } from '../llb/index.js';
import { HISTORY_COMMENT, setImageEnv, type ImageConfig } from '../frontend/image.js';
import { plainList } from '../frontend/gofmt.js';
import type { Locate } from './locations.js';
import { CONT, joinAbs, progressName } from './words.js';

/** A RUN --mount: the flag as expand writes it (for names) and the mount it means (for the op). */
export interface Mount {
  flag: string;
  spec: MountSpec;
}

/** Dockerfile COPY's options for context and stage sources (BuildKit's CopyInfo). */
const COPY_OPTS = { followSymlinks: true, copyDirContentsOnly: true, createDestPath: true, allowWildcard: true, allowEmptyWildcard: true, attemptUnpack: false } as const;

export class Stage {
  private index = 0;
  state!: State;
  image!: ImageConfig;
  /** ARGs declared so far, for the RUN history line (`|2 A=1 B=2 /bin/sh -c …`). */
  readonly args: Array<[string, string]> = [];

  /** `name` as BuildKit numbers it (`build`, and `stage-1` for the unnamed runtime, '' when it is the only stage); `total` counts FROM (of an image), RUN, COPY and WORKDIR. */
  constructor(readonly name: string, readonly total: number, readonly locate: Locate) {}

  /** `[build 3/7] …`, numbered like BuildKit's prefixCommand (width of the total). */
  prefix(str: string): string {
    this.index++;
    const width = String(this.total).length;
    return `[${this.name ? this.name + ' ' : ''}${String(this.index).padStart(width)}/${this.total}] ${str}`;
  }

  env(): Map<string, string> {
    const m = new Map<string, string>();
    for (const e of this.state.envList()) {
      const eq = e.indexOf('=');
      m.set(e.slice(0, eq), e.slice(eq + 1));
    }
    return m;
  }

  commit(msg: string, withLayer: boolean, withState = false): void {
    (this.image.history ??= []).push({ created_by: withState ? msg + ' # buildkit' : msg, comment: HISTORY_COMMENT, empty_layer: !withLayer });
  }

  /** A shell-form RUN: `steps` joined by `&&` on continuation lines, the mounts in order. */
  run(mounts: Mount[], steps: string[], ...keys: string[]): void {
    const cmd = steps.join(CONT + '&& ');
    const code = 'RUN ' + [...mounts.map((m) => m.flag), cmd].join(CONT);
    const env = this.env();
    const shell = this.image.config?.Shell?.length ? [...this.image.config.Shell] : ['/bin/sh', '-c'];
    const args = [...shell, cmd];
    this.state = this.state.run({
      args,
      mounts: mounts.map((m) => m.spec),
      description: { 'com.docker.dockerfile.v1.command': code },
      customName: this.prefix(progressName(code, env, true)),
      sourceLocations: this.locate(...keys),
    }).root();
    const argsLine = this.args.map(([k, v]) => `${k}=${env.get(k) ?? v}`);
    this.commit(['RUN', ...(argsLine.length ? [`|${argsLine.length}`, ...argsLine] : []), ...args].join(' '), true, true);
  }

  /** COPY [--from=<from>] src… dest; `from` null reads the build context. */
  copy(from: { name: string; state: State } | null, srcs: string[], dest: string, context: State, ...keys: string[]): void {
    this.copyAs(from, srcs, srcs, dest, undefined, context, ...keys);
  }

  /**
   * COPY [--chmod=<mode>] [--from=<from>] `written`… dest: `written` as the Dockerfile has it (the progress name expands
   * its variables from the env), `srcs` the paths they name.
   */
  copyAs(from: { name: string; state: State } | null, written: string[], srcs: string[], dest: string, mode: number | undefined, context: State, ...keys: string[]): void {
    this.copyWith(from, written, srcs, dest, { mode }, context, keys);
  }

  /** COPY --chown=<owner> --from=<from> src dest: `dirs`, an empty directory made the user's. */
  copyOwned(from: { name: string; state: State }, src: string, dest: string, owner: string, context: State, ...keys: string[]): void {
    this.copyWith(from, [src], [src], dest, { owner }, context, keys);
  }

  private copyWith(from: { name: string; state: State } | null, written: string[], srcs: string[], dest: string, o: { mode?: number; owner?: string }, context: State, keys: string[]): void {
    const { mode, owner } = o;
    const source = from ? from.state : context;
    let target = joinAbs(dest.startsWith('/') ? dest : joinAbs(this.state.getDir(), dest));
    if (dest.endsWith('/')) target += '/'; // even after "/", as BuildKit does
    let chain;
    const opts = { ...COPY_OPTS, mode, ...(owner !== undefined ? { owner } : {}) };
    for (const s of srcs) chain = chain ? chain.copy(source, joinAbs(s), target, opts) : copy(source, joinAbs(s), target, opts);
    const flags = [...(owner !== undefined ? [`--chown=${owner}`] : []), ...(mode !== undefined ? [`--chmod=${mode.toString(8).padStart(3, '0')}`] : [])];
    const code = ['COPY', ...flags, ...(from ? [`--from=${from.name}`] : []), ...written, dest].join(' ');
    this.state = this.state.file(chain!, { customName: this.prefix(progressName(code, this.env(), false)), sourceLocations: this.locate(...keys) });
    this.commit(`COPY ${srcs.join(' ')} ${dest}`, true, true);
  }

  /** ENV k=v: the state's env and the image's (a key set again keeps its place in the image). */
  setEnv(key: string, value: string): void {
    this.state = this.state.addEnv(key, value);
    setImageEnv(this.image, key, value);
    this.commit(`ENV ${key}=${value}`, false);
  }

  /** ARG k with its value: in the env of later RUNs, not in the image. */
  arg(key: string, value: string | undefined): void {
    if (value !== undefined) this.state = this.state.addEnv(key, value);
    this.args.push([key, value ?? '']);
  }

  /** SHELL: the argv that shell-form RUNs (and the image's users) run their command with. */
  shell(argv: readonly string[]): void {
    this.image.config!.Shell = [...argv];
    this.commit(`SHELL ${plainList(argv)}`, false);
  }

  user(u: string): void {
    this.state = this.state.user(u);
    this.image.config!.User = u;
    this.commit(`USER ${u}`, false);
  }

  /** WORKDIR: the state's dir and, unless it is /, a mkdir owned by the current USER. */
  workdir(p: string, ...keys: string[]): void {
    this.state = this.state.dir(p);
    const wd = joinAbs(p);
    this.image.config!.WorkingDir = wd;
    if (wd !== '/') {
      const user = this.image.config!.User;
      this.state = this.state.file(mkdir(wd, 0o755, { makeParents: true, owner: user || undefined }), {
        customName: this.prefix(progressName(`WORKDIR ${p}`, this.env(), false)),
        sourceLocations: this.locate(...keys),
      });
    }
    this.commit(`WORKDIR ${wd}`, wd !== '/');
  }
}
