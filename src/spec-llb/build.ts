// The builder stage, step by step from the spec: packages, git and private-module setup, the module
// download, the build args and env, `go build` for the target platform, and scratch's /tmp.
import type { State } from '../llb/index.js';
import { contextFile, contextTarget, EMPTY_DIR, goBuildFlags, goBuilds, impliedBuildPackages, moduleRoot, OUT_DIR, splitBuildArgs } from '../spec/expand.js';
import type { ResolvedSpec } from '../spec/types.js';
import { authMounts, cacheMount, contextBind, usesSsh } from './mounts.js';
import type { Stage } from './stage.js';
import { CONT, substitute } from './words.js';

const pkgName = (p: string) => p.split(/[=~]/)[0];

/** Implied and spec packages as one sorted set; a version the spec pins wins over the bare name. */
export function packageSet(implied: string[], own: string[]): string[] {
  const names = new Set(own.map(pkgName));
  return [...new Set([...implied.filter((p) => !names.has(p)), ...own])].sort();
}

/** How many RUN/COPY/WORKDIR steps the builder stage has (plus its FROM), for `[build i/n]`. */
export function buildSteps(r: ResolvedSpec): number {
  const dirs = Number(r.dirs.length > 0);
  if (r.prebuilt) return 1 + Number(r.baseKind === 'scratch') + dirs;
  const pkgs = packageSet(impliedBuildPackages(r), r.buildPackages).length > 0;
  const gitConfig = usesSsh(r) && sshHosts(r).length > 0;
  // WORKDIR, packages, git config, clone (and the module's WORKDIR in it), module download (none with initModule), build, scratch's /tmp
  const clone = r.repo ? 2 + Number(r.moduleDir !== '.') : r.initModule ? 0 : 1;
  return 1 + 1 + Number(pkgs) + Number(gitConfig) + clone + 1 + Number(r.baseKind === 'scratch') + dirs;
}

function sshHosts(r: ResolvedSpec): string[] {
  return [...new Set((r.private?.auth === 'ssh' ? r.private.modules : []).map((m) => m.split('/')[0]))].sort();
}

/** Builder packages, installed with a locked package cache (the builder is not shipped). */
function installPackages(st: Stage, r: ResolvedSpec, pkgs: string[]): void {
  const list = pkgs.join(' ');
  if (r.builderKind === 'alpine') st.run([cacheMount('/etc/apk/cache', 'locked')], [`apk add ${list}`], 'buildPackages', 'cgo', 'private', 'repo');
  else {
    st.run([cacheMount('/var/cache/apt', 'locked'), cacheMount('/var/lib/apt', 'locked')],
      ['rm -f /etc/apt/apt.conf.d/docker-clean', 'apt-get update', `apt-get install -y --no-install-recommends ${list}`], 'buildPackages', 'cgo', 'private', 'repo');
  }
}

/** Runs the builder stage's steps on `st` (already FROM the builder image). */
export function dispatchBuild(st: Stage, r: ResolvedSpec, context: State, cliArgs: ReadonlyMap<string, string>, meta: ReadonlyMap<string, string>): void {
  // a prebuilt binary's builder only supplies files: scratch's /tmp is its one step
  const emptyDir = () => { if (r.dirs.length) st.run([], [`mkdir ${EMPTY_DIR}`], 'dirs'); };
  if (r.prebuilt) {
    if (r.baseKind === 'scratch') st.run([], ['mkdir -p -m 1777 /rootfs/tmp'], 'base', 'scratch');
    emptyDir();
    return;
  }
  const sub = r.moduleDir !== '.';
  if (sub && !r.repo) st.workdir(moduleRoot(r), 'moduleDir');
  else st.workdir('/src', 'repo', 'path');
  const pkgs = packageSet(impliedBuildPackages(r), r.buildPackages);
  if (pkgs.length) installPackages(st, r, pkgs);
  if (usesSsh(r)) {
    const hosts = sshHosts(r);
    if (hosts.length) st.run([], hosts.map((h) => `git config --global url."ssh://git@${h}/".insteadOf "https://${h}/"`), 'private');
    st.setEnv('GIT_SSH_COMMAND', 'ssh -o StrictHostKeyChecking=accept-new');
  }
  if (r.private) st.setEnv('GOPRIVATE', r.private.modules.join(','));
  const auth = authMounts(r);
  const modCache = cacheMount('/go/pkg/mod');
  if (r.repo) {
    st.run(auth, ['git init -q .', `git remote add origin ${r.repo}`, `git fetch -q --depth 1 origin ${r.ref}`, 'git checkout -q FETCH_HEAD'], 'repo');
    if (sub) st.workdir(moduleRoot(r), 'moduleDir');
  }
  // ARG NAME=default: a --build-arg wins; Go settings and the args buildEnv uses come before the module download
  const [early, late] = splitBuildArgs(r);
  const arg = (k: string) => st.arg(k, cliArgs.get(k) ?? substitute(r.buildArgs[k], st.env()) ?? r.buildArgs[k]);
  early.forEach(arg);
  for (const [k, v] of Object.entries(r.buildEnv)) st.setEnv(k, substitute(v, st.env()) ?? v);
  if (r.repo) st.run([modCache, ...auth], ['go mod download'], 'repo');
  else if (!r.initModule) {
    const dir = st.state.getDir();
    const binds = [contextBind(context, dir, 'go.mod', contextFile(r.moduleDir, 'go.mod')), ...(r.goSum ? [contextBind(context, dir, 'go.sum', contextFile(r.moduleDir, 'go.sum'))] : []),
      ...r.localModules.map((d) => contextBind(context, dir, `/src/${contextFile(d, 'go.mod')}`, contextFile(d, 'go.mod')))];
    st.run([modCache, ...binds, ...auth], ['go mod download'], 'path');
  }
  late.forEach(arg);
  const variant = r.platforms.some((p) => p.split('/').length > 2);
  for (const k of ['TARGETOS', 'TARGETARCH', ...(variant ? ['TARGETVARIANT'] : [])]) st.arg(k, cliArgs.get(k) ?? meta.get(k));
  const env = `CGO_ENABLED=${r.cgo ? 1 : 0} GOOS=$TARGETOS GOARCH=$TARGETARCH${variant ? ' GOARM=${TARGETVARIANT#v}' : ''}`;
  if (r.build) {
    // the project's own build writes into its tree: a read-write bind whose changes are dropped
    const mounts = [modCache, cacheMount('/root/.cache/go-build'), ...(r.repo ? [] : [contextBind(context, st.state.getDir(), contextTarget(r), undefined, true)]), ...auth];
    st.run(mounts, [`${env}${CONT}${r.build.command}`, `mkdir -p ${OUT_DIR}`, `cp ${r.build.output} ${OUT_DIR}/${r.name}`], 'build');
  } else {
    const mounts = [modCache, cacheMount('/root/.cache/go-build'), ...(r.repo ? [] : [contextBind(context, st.state.getDir(), contextTarget(r), undefined, !!r.initModule)]), ...auth];
    st.run(mounts, [...(r.initModule ? [`go mod init ${r.initModule}`] : []), ...goBuilds(r).map(([name, pkg]) => `${env}${CONT}go build ${goBuildFlags(r).join(' ')} -o ${OUT_DIR}/${name} ${pkg}`)], 'path', 'initModule', 'binaries');
  }
  if (r.baseKind === 'scratch') st.run([], ['mkdir -p -m 1777 /rootfs/tmp'], 'base', 'scratch');
  emptyDir();
}
