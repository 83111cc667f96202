// The RUN mounts the spec's build steps use, each as expand writes its flag and as BuildKit mounts it.
import type { State } from '../llb/index.js';
import type { ResolvedSpec } from '../spec/types.js';
import type { Mount } from './stage.js';
import { joinAbs } from './words.js';

/** A persistent cache dir; BuildKit's id is "/" + the target when none is given. */
export function cacheMount(target: string, sharing?: 'locked'): Mount {
  return {
    flag: `--mount=type=cache,target=${target}${sharing ? `,sharing=${sharing}` : ''}`,
    spec: { type: 'cache', target, id: '/' + target, sharing: sharing ?? 'shared' },
  };
}

/** A bind of the build context (or a file of it) at a path relative to the working dir (joined and cleaned, as BuildKit does) or absolute (as written): read-only, or `rw` with its changes dropped. */
export function contextBind(context: State, dir: string, target: string, source?: string, rw = false): Mount {
  const selector = source ? joinAbs(source) : undefined;
  return {
    flag: `--mount=type=bind,${source ? `source=${source},` : ''}target=${target}${rw ? ',rw' : ''}`,
    spec: { type: 'bind', target: target.startsWith('/') ? target : joinAbs(dir, target), source: context, selector, readonly: !rw, noOutput: rw },
  };
}

const isSshUrl = (url: string | null) => !!url && /^(ssh:\/\/|git@)/.test(url);
/** The ssh agent is needed for ssh private modules and for a repo cloned over ssh. */
export const usesSsh = (r: ResolvedSpec) => r.private?.auth === 'ssh' || isSshUrl(r.repo);

/** How private modules (and a private repo) authenticate: the netrc secret, else the ssh agent. */
export function authMounts(r: ResolvedSpec): Mount[] {
  if (r.private?.auth === 'netrc') {
    const id = r.private.secret;
    return [{ flag: `--mount=type=secret,id=${id},target=/root/.netrc,required=true`, spec: { type: 'secret', id, target: '/root/.netrc', optional: false } }];
  }
  if (usesSsh(r)) return [{ flag: '--mount=type=ssh,required=true', spec: { type: 'ssh', id: '', optional: false } }];
  return [];
}
