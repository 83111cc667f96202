// What every instruction's dispatch shares: the conversion context, Go path joining, history and shell.
import path from 'node:path/posix';
import type { DockerfileModel } from '../dockerfile/model.js';
import type { Platform, SourceMap, State } from '../llb/index.js';
import { HISTORY_COMMENT, type ImageConfig } from './image.js';
import type { MetaArg } from './stages.js';

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
export function goJoin(...parts: string[]): string {
  const joined = parts.filter((x) => x !== '').join('/');
  if (joined === '') return '';
  const n = path.normalize(joined);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/** Appends a history entry; ops-backed ones end in " # buildkit" as BuildKit writes them. */
export function commit(img: ImageConfig, msg: string, withLayer: boolean, withState = false): void {
  (img.history ??= []).push({ created_by: withState ? msg + ' # buildkit' : msg, comment: HISTORY_COMMENT, empty_layer: !withLayer });
}

/** Shell form: the stage's SHELL (or /bin/sh -c) plus the words joined by spaces. */
export function withShell(img: ImageConfig, args: readonly string[]): string[] {
  const sh = img.config?.Shell && img.config.Shell.length > 0 ? [...img.config.Shell] : ['/bin/sh', '-c'];
  return [...sh, args.join(' ')];
}
