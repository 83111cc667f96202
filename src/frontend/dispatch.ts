// One instruction applied to a stage: its ops on the LLB state and its effect on the image config.
import path from 'node:path/posix';
import type { DockerfileModel } from '../dockerfile/model.js';
import {
  copy, http, merge, mkdir, mkfile, scratch,
  type CopyOptions, type FileActions, type MountSpec, type Platform, type SourceMap, type State,
} from '../llb/index.js';
import type { Command } from './commands.js';
import { ConvertError } from './errors.js';
import { formatDuration, plainList, quoteList, quoteRune } from './gofmt.js';
import { HISTORY_COMMENT, type ImageConfig } from './image.js';
import { envMap, processWord, processWords } from './lex.js';
import { parseRunMount } from './mounts.js';
import { dfCmd, displayName, location, prefixCommand } from './names.js';
import type { DispatchState, MetaArg, StageCommand } from './stages.js';

export interface DispatchContext {
  model: DockerfileModel;
  escape: string;
  metaArgs: readonly MetaArg[];
  buildArgs: ReadonlyMap<string, string>;
  buildContext: State;
  sourceMap?: SourceMap;
  targetPlatform: Platform;
  newId: () => string;
}

/** Go's path.Join: joins non-empty parts and cleans, so no trailing slash survives. */
function goJoin(...parts: string[]): string {
  const joined = parts.filter((x) => x !== '').join('/');
  if (joined === '') return '';
  const n = path.normalize(joined);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

function commit(img: ImageConfig, msg: string, withLayer: boolean, withState = false): void {
  (img.history ??= []).push({ created_by: withState ? msg + ' # buildkit' : msg, comment: HISTORY_COMMENT, empty_layer: !withLayer });
}

// BuildKit's image env: a key set again is replaced where it is.
function setImageEnv(img: ImageConfig, k: string, v: string): void {
  const env = (img.config!.Env ??= []);
  const i = env.findIndex((e) => e.split('=')[0] === k);
  if (i >= 0) env[i] = `${k}=${v}`;
  else env.push(`${k}=${v}`);
}

function withShell(img: ImageConfig, args: readonly string[]): string[] {
  const sh = img.config?.Shell && img.config.Shell.length > 0 ? [...img.config.Shell] : ['/bin/sh', '-c'];
  return [...sh, args.join(' ')];
}

const COMMIT_FILE: CopyOptions = {
  followSymlinks: true, copyDirContentsOnly: true, createDestPath: true, allowWildcard: true, allowEmptyWildcard: true,
};

export function dispatchCommand(d: DispatchState, sc: StageCommand, ctx: DispatchContext): void {
  const c = sc.command;
  const env = () => envMap(d.state!.envList());
  const expand = (w: string) => processWord(w, env(), { escape: ctx.escape });
  const img = d.image!;
  const cfg = img.config!;
  switch (c.kind) {
    case 'ENV': {
      let msg = 'ENV';
      for (const p of c.pairs) {
        const key = expand(p.key);
        const value = expand(p.value);
        msg += ` ${key}=${value}`;
        d.state = d.state!.addEnv(key, value);
        setImageEnv(img, key, value);
      }
      return commit(img, msg, false);
    }
    case 'LABEL': {
      let msg = 'LABEL';
      cfg.Labels ??= {};
      for (const p of c.pairs) {
        const key = expand(p.key);
        const value = expand(p.value);
        cfg.Labels[key] = value;
        msg += ` ${key}=${value}`;
      }
      return commit(img, msg, false);
    }
    case 'MAINTAINER':
      img.author = c.value;
      return commit(img, `MAINTAINER ${c.value}`, false);
    case 'USER': {
      const user = expand(c.value);
      d.state = d.state!.user(user);
      cfg.User = user;
      return commit(img, `USER ${user}`, false);
    }
    case 'WORKDIR':
      return dispatchWorkdir(d, c, expand(c.value), ctx);
    case 'STOPSIGNAL': {
      const sig = expand(c.value);
      cfg.StopSignal = sig;
      return commit(img, `STOPSIGNAL ${sig}`, false);
    }
    case 'VOLUME': {
      const vols = c.values.map(expand);
      cfg.Volumes ??= {};
      for (const v of vols) {
        if (v === '') throw new Error('VOLUME specified can not be an empty string');
        cfg.Volumes[v] = {};
      }
      return commit(img, `VOLUME ${plainList(vols)}`, false);
    }
    case 'SHELL':
      cfg.Shell = [...c.shell];
      return commit(img, `SHELL ${plainList(c.shell)}`, false);
    case 'ONBUILD':
      (cfg.OnBuild ??= []).push(c.expression);
      return;
    case 'CMD': {
      const args = c.prependShell ? withShell(img, c.cmdLine ?? []) : [...(c.cmdLine ?? [])];
      cfg.Cmd = args;
      cfg.ArgsEscaped = true;
      d.cmdSet = true;
      return commit(img, `CMD ${quoteList(args)}`, false);
    }
    case 'ENTRYPOINT': {
      const args = c.cmdLine === null ? null : c.prependShell ? withShell(img, c.cmdLine) : [...c.cmdLine];
      cfg.Entrypoint = args;
      if (!d.cmdSet) cfg.Cmd = null;
      return commit(img, `ENTRYPOINT ${quoteList(args)}`, false);
    }
    case 'HEALTHCHECK': {
      cfg.Healthcheck = { Test: c.test, Interval: c.interval, Timeout: c.timeout, StartPeriod: c.startPeriod, Retries: c.retries };
      const desc = `&{${quoteList(c.test)} "${formatDuration(c.interval)}" "${formatDuration(c.timeout)}" "${formatDuration(c.startPeriod)}" ${quoteRune(c.retries)}}`;
      return commit(img, `HEALTHCHECK ${desc}`, false);
    }
    case 'EXPOSE': {
      const e = env();
      const ports = new Set<string>();
      for (const p of c.values) for (const w of processWords(p, e, { escape: ctx.escape })) for (const k of portSpecs(w)) ports.add(k);
      cfg.ExposedPorts ??= {};
      for (const p of ports) cfg.ExposedPorts[p] = {};
      const sorted = [...ports].sort();
      return commit(img, `EXPOSE map[${sorted.map((p) => `${p}:{}`).join(' ')}]`, false);
    }
    case 'ARG':
      return dispatchArg(d, c.args, expand, ctx);
    case 'RUN':
      return dispatchRun(d, c, sc.sources, ctx);
    case 'COPY':
    case 'ADD':
      return dispatchCopy(d, c, sc.sources, ctx, expand);
  }
}

// nat.ParsePortSpecs for EXPOSE: [ip:[hostPort]:]port[-end][/proto] → "port/proto" keys.
function portSpecs(spec: string): string[] {
  let proto = 'tcp';
  let rest = spec;
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    proto = rest.slice(slash + 1).toLowerCase() || 'tcp';
    rest = rest.slice(0, slash);
  }
  rest = rest.slice(rest.lastIndexOf(':') + 1);
  const m = /^(\d+)(?:-(\d+))?$/.exec(rest);
  if (!m) throw new Error(`invalid containerPort: ${rest}`);
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : start;
  if (end < start) throw new Error(`invalid range specified for container port: ${rest}`);
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto}`);
  return out;
}

function dispatchArg(d: DispatchState, args: ReadonlyArray<{ key: string; value?: string }>, expand: (w: string) => string, ctx: DispatchContext): void {
  const commitStrs: string[] = [];
  for (const raw of args) {
    const arg = { key: expand(raw.key), value: raw.value === undefined ? undefined : expand(raw.value) };
    let value = ctx.buildArgs.has(arg.key) ? ctx.buildArgs.get(arg.key) : arg.value;
    commitStrs.push(arg.value === undefined ? arg.key : `${arg.key}=${arg.value}`);
    if (value === undefined) {
      for (const ma of ctx.metaArgs) if (ma.key === arg.key) value = ma.value;
    }
    if (value !== undefined && arg.key !== 'BUILDKIT_SBOM_SCAN_CONTEXT' && arg.key !== 'BUILDKIT_SBOM_SCAN_STAGE') {
      d.state = d.state!.addEnv(arg.key, value);
    }
    d.buildArgs.push({ key: arg.key, value });
  }
  commit(d.image!, 'ARG ' + commitStrs.join(' '), false);
}

function dispatchWorkdir(d: DispatchState, c: Command, p: string, ctx: DispatchContext): void {
  d.state = d.state!.dir(p);
  const img = d.image!;
  const wd = path.isAbsolute(p) ? p : goJoin('/', img.config!.WorkingDir ?? '', p);
  img.config!.WorkingDir = wd;
  let withLayer = false;
  if (wd !== '/') {
    const user = img.config!.User;
    const name = displayName(c.code, envMap(d.state.envList()), { escape: ctx.escape });
    d.state = d.state.file(mkdir(wd, 0o755, { makeParents: true, owner: user || undefined }), {
      customName: prefixCommand(d, name),
      sourceLocations: location(ctx.sourceMap, c.inst),
    });
    withLayer = true;
  }
  commit(img, 'WORKDIR ' + wd, withLayer);
}

function summarizeHeredoc(doc: string): string {
  const lines = doc.trim().replace(/\r\n/g, '\n').split('\n');
  return lines[0] + (lines.length > 1 ? '...' : '');
}

const chompHeredoc = (s: string) => s.replace(/^\t+/gm, '');

function dispatchRun(d: DispatchState, c: Extract<Command, { kind: 'RUN' }>, sources: DispatchState[], ctx: DispatchContext): void {
  const img = d.image!;
  let customname = c.code;
  let args = [...c.cmdLine];
  const mounts: MountSpec[] = [];
  if (c.files.length > 0) {
    if (args.length !== 1 || !c.prependShell) throw new Error(`parsing produced an invalid run command: [${args.join(' ')}]`);
    const m = /^(\d*)<<(-?)([^<]*)$/.exec(args[0]);
    const simple = m && m[3] !== '' && !/\s/.test(m[3].trim().replace(/^["']|["']$/g, ''));
    if (simple) {
      const f = c.files[0];
      const data = f.chomp ? chompHeredoc(f.data) : f.data;
      if (f.data.startsWith('#!')) {
        // a script with a shebang becomes a file mounted at /dev/pipes and run directly
        const script = scratch().dir('/').file(mkfile(f.name, 0o755, data), { customName: '[internal] preparing inline document' });
        mounts.push({ type: 'bind', target: '/dev/pipes/', source: script, selector: '/', readonly: true });
        args = [goJoin('/dev/pipes/', f.name)];
      } else args = [data];
      customname += ` (${summarizeHeredoc(f.data)})`;
    } else {
      let full = args[0];
      for (const f of c.files) full += '\n' + f.data + f.name;
      args = [full];
    }
  }
  if (c.prependShell) args = withShell(img, args);

  const env = envMap(d.state!.envList());
  const expand = (w: string) => processWord(w, env, { escape: ctx.escape });
  c.mounts.forEach((value, i) => {
    const m = parseRunMount(value, expand);
    mounts.push(...runMount(d, m, sources[i], ctx));
  });

  if (c.network !== 'default' && c.network !== 'none' && c.network !== 'host') throw new Error(`unsupported network mode "${c.network}"`);
  if (c.security !== 'sandbox' && c.security !== 'insecure') throw new Error(`unsupported security mode "${c.security}"`);
  const name = displayName(customname, env, { escape: ctx.escape, rawQuotes: true, skipUnsetEnv: true });
  d.state = d.state!.run({
    args,
    mounts,
    network: c.network === 'default' ? undefined : (c.network as 'none' | 'host'),
    security: c.security === 'insecure' ? 'insecure' : undefined,
    description: dfCmd(c.code),
    customName: prefixCommand(d, name),
    sourceLocations: location(ctx.sourceMap, c.inst),
  }).root();
  commit(img, 'RUN ' + runCommandString(args, d.buildArgs, env), true, true);
}

function runCommandString(args: string[], buildArgs: ReadonlyArray<{ key: string; value?: string }>, env: ReadonlyMap<string, string>): string {
  const tmp = buildArgs.map((a) => `${a.key}=${env.get(a.key) ?? a.value ?? ''}`);
  if (tmp.length > 0) tmp.unshift(`|${tmp.length}`);
  return [...tmp, ...args].join(' ');
}

function runMount(d: DispatchState, m: ReturnType<typeof parseRunMount>, source: DispatchState, ctx: DispatchContext): MountSpec[] {
  if (m.type === 'secret') {
    let id = m.source || m.cacheId;
    if (id === '') {
      if (m.target === '') throw new Error('one of source, target required');
      id = path.basename(m.target);
    }
    const target = m.target || '/run/secrets/' + path.basename(id);
    const fileOpt = m.uid !== undefined || m.gid !== undefined || m.mode !== undefined;
    return [{ type: 'secret', target, id, optional: !m.required, uid: fileOpt ? m.uid ?? 0 : undefined, gid: fileOpt ? m.gid ?? 0 : undefined, mode: fileOpt ? m.mode ?? 0o400 : undefined }];
  }
  if (m.type === 'ssh') {
    if (m.source !== '') throw new Error('ssh does not support source');
    const fileOpt = m.uid !== undefined || m.gid !== undefined || m.mode !== undefined;
    return [{ type: 'ssh', id: m.cacheId, target: m.target || undefined, optional: !m.required, uid: fileOpt ? m.uid ?? 0 : undefined, gid: fileOpt ? m.gid ?? 0 : undefined, mode: fileOpt ? m.mode ?? 0o600 : undefined }];
  }
  const from = m.from === '' && m.type === 'cache' ? 'scratch' : m.from;
  let st: State = from !== '' ? source.state! : ctx.buildContext;
  if (m.type === 'tmpfs') st = scratch();
  let target = m.target;
  if (!path.isAbsolute(path.normalize(m.target || '.'))) target = goJoin('/', d.state!.getDir(), m.target);
  if (target === '/') throw new Error(`invalid mount target "${target}"`);
  let selector: string | undefined;
  const src = goJoin('/', m.source);
  if (src !== '/') selector = src;
  else if (m.uid !== undefined || m.gid !== undefined || m.mode !== undefined) {
    st = st.file(mkdir('/cache', m.mode ?? 0o755, { owner: { user: m.uid ?? 0, group: m.gid ?? 0 } }), { customName: '[internal] settings cache mount permissions' });
    selector = '/cache';
  }
  if (from === '') d.ctxPaths.add(src);
  switch (m.type) {
    case 'tmpfs':
      return [{ type: 'tmpfs', target, size: m.sizeLimit || undefined }];
    case 'cache': {
      const id = '/' + (m.cacheId || goJoin(m.target || '.'));
      return [{ type: 'cache', target, id, sharing: m.sharing || 'shared', source: st.isScratch() ? undefined : st, selector }];
    }
    default:
      return [{ type: 'bind', target, source: st, selector, readonly: m.readonly, noOutput: !m.readonly }];
  }
}

function isHTTPSource(src: string): boolean {
  return src.startsWith('http://') || src.startsWith('https://');
}

// gitutil.ParseGitRef: is this ADD source a git repository rather than a local path?
function isGitRef(ref: string): boolean {
  if (ref.startsWith('github.com/')) return false; // indistinguishable from a local path
  let proto = '';
  for (const p of ['http://', 'https://', 'git://', 'ssh://']) if (ref.startsWith(p)) proto = p;
  if (proto === '' && /^[a-zA-Z0-9-_]+@[a-zA-Z0-9-.]+:.*$/.test(ref)) proto = 'ssh://';
  if (proto === '') return false;
  if ((proto === 'http://' || proto === 'https://') && !/\.git(?:#.+)?$/.test(ref)) return false;
  return ref.split('#')[0].length > 0;
}

function dispatchCopy(
  d: DispatchState, c: Extract<Command, { kind: 'COPY' | 'ADD' }>, sources: DispatchState[], ctx: DispatchContext,
  expand: (w: string) => string,
): void {
  const isAdd = c.kind === 'ADD';
  const chown = expand(c.chown);
  if (isAdd) expand(c.checksum);
  const srcs = c.sources.map(expand);
  const destPath = expand(c.dest);
  const contents = c.contents.map((f) => (f.expand ? { ...f, data: processWord(f.data, envMap(d.state!.envList()), { skipProcessQuotes: true }) } : f));

  const dir = d.state!.getDir();
  let dest = goJoin('/', path.isAbsolute(destPath) ? destPath : goJoin(dir, destPath));
  if (destPath === '.' || destPath === '' || destPath.endsWith('/')) dest += '/';
  let mode: number | undefined;
  if (c.chmod !== '' && /^[0-7]+$/.test(c.chmod)) mode = parseInt(c.chmod, 8);
  if (c.checksum !== '') {
    throw new ConvertError("instruction 'ADD --checksum=<CHECKSUM>' requires the labs channel", ctx.model.path, c.inst.span.start.line,
      'BuildKit v0.11 has no ADD --checksum; verify the download in a RUN step instead');
  }
  const owner = chown === '' ? undefined : chown;
  const source = c.kind === 'COPY' && sources.length > 0 ? sources[0].state! : ctx.buildContext;

  let chain: FileActions | undefined;
  const add = (st: State, src: string, o: CopyOptions) => {
    chain = chain ? chain.copy(st, src, dest, o) : copy(st, src, dest, o);
  };
  let msg = isAdd ? 'ADD' : 'COPY';
  for (const src of srcs) {
    msg += ' ' + src;
    if (isGitRef(src)) {
      if (!isAdd) throw new Error("source can't be a git ref for COPY");
      throw new ConvertError('instruction ADD <git ref> requires the labs channel', ctx.model.path, c.inst.span.start.line,
        'BuildKit v0.11 adds git sources only with the labs syntax; clone it in a RUN step or build with a newer frontend');
    }
    if (isHTTPSource(src)) {
      if (!isAdd) throw new Error("source can't be a URL for COPY");
      let f = '__unnamed__';
      try {
        const base = path.basename(new URL(src).pathname);
        if (base !== '.' && base !== '/' && base !== '') f = base;
      } catch {
        // an unparsable URL keeps BuildKit's placeholder name
      }
      add(http(src, { filename: f, description: dfCmd('') }), f, { mode, createDestPath: true, owner });
    } else {
      add(source, goJoin('/', src), { ...COMMIT_FILE, mode, attemptUnpack: isAdd, owner });
    }
  }
  for (const f of contents) {
    msg += ' <<' + f.name;
    const st = scratch().file(mkfile(f.name, 0o664, f.data), { customName: '[internal] preparing inline document' });
    add(st, f.name, { mode, createDestPath: true, owner });
  }
  msg += ' ' + destPath;

  const name = displayName(c.code, envMap(d.state!.envList()), { escape: ctx.escape });
  if (c.link && c.chmod === '') {
    const id = ctx.newId();
    const pgName = prefixCommand(d, name);
    d.cmdIndex--;
    const copied = scratch().file(chain!, { progressGroup: { id, name: pgName, weak: true } });
    const merged = merge([d.state!, copied], { progressGroup: { id, name: pgName }, customName: prefixCommand(d, 'LINK ' + name) });
    d.state = d.state!.withOutput(merged.output);
  } else {
    d.state = d.state!.file(chain!, { customName: prefixCommand(d, name), sourceLocations: location(ctx.sourceMap, c.inst) });
  }
  if (!(c.kind === 'COPY' && sources.length > 0)) {
    for (const src of srcs) if (!(isAdd && isHTTPSource(src))) d.ctxPaths.add(goJoin('/', src));
  }
  commit(d.image!, msg, true, true);
}
