// RUN: heredocs, the shell, every --mount type, network and security, as dispatchRun in BuildKit v0.11.6.
import path from 'node:path/posix';
import { mkdir, mkfile, scratch, type MountSpec, type State } from '../llb/index.js';
import type { Command } from './commands.js';
import { commit, goJoin, withShell, type DispatchContext } from './context.js';
import { processWord } from './lex.js';
import { parseRunMount } from './mounts.js';
import { dfCmd, displayName, location, prefixCommand } from './names.js';
import type { DispatchState } from './stages.js';

function summarizeHeredoc(doc: string): string {
  const lines = doc.trim().replace(/\r\n/g, '\n').split('\n');
  return lines[0] + (lines.length > 1 ? '...' : '');
}

const chompHeredoc = (s: string) => s.replace(/^\t+/gm, '');

export function dispatchRun(d: DispatchState, c: Extract<Command, { kind: 'RUN' }>, sources: DispatchState[], ctx: DispatchContext): void {
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

  const env = d.state!.envMap();
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
  // a stage not dispatched yet is BuildKit's zero State: an empty mount, as from scratch (see dispatchCopy)
  let st: State = from !== '' ? source.state ?? scratch() : ctx.buildContext;
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
