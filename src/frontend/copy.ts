// COPY and ADD: context, stage and image sources, URLs, heredoc files, --chown/--chmod and --link merges.
import path from 'node:path/posix';
import { copy, http, merge, mkfile, scratch, type CopyOptions, type FileActions, type State } from '../llb/index.js';
import type { Command } from './commands.js';
import { commit, goJoin, type DispatchContext } from './context.js';
import { ConvertError } from './errors.js';
import { processWord } from './lex.js';
import { dfCmd, displayName, location, prefixCommand } from './names.js';
import type { DispatchState } from './stages.js';

// Dockerfile COPY's copy options (BuildKit's CopyInfo for context and stage sources).
const DOCKERFILE_COPY: CopyOptions = {
  followSymlinks: true, copyDirContentsOnly: true, createDestPath: true, allowWildcard: true, allowEmptyWildcard: true,
};

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

export function dispatchCopy(
  d: DispatchState, c: Extract<Command, { kind: 'COPY' | 'ADD' }>, sources: DispatchState[], ctx: DispatchContext,
  expand: (w: string) => string,
): void {
  const isAdd = c.kind === 'ADD';
  const chown = expand(c.chown);
  if (isAdd) expand(c.checksum);
  const srcs = c.sources.map(expand);
  const destPath = expand(c.dest);
  const contents = c.contents.map((f) => (f.expand ? { ...f, data: processWord(f.data, d.state!.envMap(), { skipProcessQuotes: true }) } : f));

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
  // a stage not dispatched yet (one that stands on this stage, copied from before it is built) is BuildKit's zero
  // State there: no output, so the copy reads an empty filesystem, as from scratch
  const source = c.kind === 'COPY' && sources.length > 0 ? sources[0].state ?? scratch() : ctx.buildContext;

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
      add(source, goJoin('/', src), { ...DOCKERFILE_COPY, mode, attemptUnpack: isAdd, owner });
    }
  }
  for (const f of contents) {
    msg += ' <<' + f.name;
    const st = scratch().file(mkfile(f.name, 0o664, f.data), { customName: '[internal] preparing inline document' });
    add(st, f.name, { mode, createDestPath: true, owner });
  }
  msg += ' ' + destPath;

  const name = displayName(c.code, d.state!.envMap(), { escape: ctx.escape });
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
