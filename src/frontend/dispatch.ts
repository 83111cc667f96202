// One instruction applied to a stage: its ops on the LLB state and its effect on the image config.
import path from 'node:path/posix';
import { mkdir } from '../llb/index.js';
import type { Command } from './commands.js';
import { commit, goJoin, withShell, type DispatchContext } from './context.js';
import { dispatchCopy } from './copy.js';
import { formatDuration, plainList, quoteList, quoteRune } from './gofmt.js';
import { setImageEnv, type ImageConfig } from './image.js';
import { processWord, processWords } from './lex.js';
import { displayName, location, prefixCommand } from './names.js';
import { dispatchRun } from './run.js';
import type { DispatchState, StageCommand } from './stages.js';

export type { DispatchContext } from './context.js';

export function dispatchCommand(d: DispatchState, sc: StageCommand, ctx: DispatchContext): void {
  const c = sc.command;
  const env = () => d.state!.envMap();
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
    const name = displayName(c.code, d.state.envMap(), { escape: ctx.escape });
    d.state = d.state.file(mkdir(wd, 0o755, { makeParents: true, owner: user || undefined }), {
      customName: prefixCommand(d, name),
      sourceLocations: location(ctx.sourceMap, c.inst),
    });
    withLayer = true;
  }
  commit(img, 'WORKDIR ' + wd, withLayer);
}

