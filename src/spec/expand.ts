// Writes the Dockerfile a resolved spec stands for: deterministic text, stable Dockerfile frontend features only.
import { InputError } from '../errors.js';
import { BUSYBOX_SHELL, hasBusyboxShell, isStaticBase } from './images.js';
import { impliedBuildPackages, impliedLinkerFlags, impliedPackages, packageName, usesSsh } from './implied.js';
import { PREBUILT_PLATFORM_ARGS, type ResolvedSpec } from './types.js';
import { binaryName } from './resolve.js';

// Readers of the expansion (convert, spec-llb) take what expand adds on its own from here too.
export { impliedBuildPackages, impliedLinkerFlags, impliedPackages } from './implied.js';

export interface ExpandOptions {
  /** The `# syntax=` frontend image, or 'none' for no syntax line; default docker/dockerfile:1. */
  syntax?: string | 'none';
}

export const DEFAULT_SYNTAX = 'docker/dockerfile:1';
/** The header comment that carries `platforms` (a Dockerfile has no instruction for them), before the list and ` .`. */
export const PLATFORMS_COMMENT = '# platforms: docker buildx build --platform ';
/** Where the builder puts the binary and the scratch filesystem skeleton. */
export const OUT_DIR = '/out';
/** The builder's empty directory, copied with --chown to each of `dirs`. */
export const EMPTY_DIR = '/empty';
const MOD_CACHE = '--mount=type=cache,target=/go/pkg/mod';
const BUILD_CACHE = '--mount=type=cache,target=/root/.cache/go-build';

const withDigest = (image: string, digest: string | null) => (digest ? `${image}@${digest}` : image);
const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();

/** RUN with each mount and each `&&` step on its own continuation line. */
function run(mounts: string[], steps: string[]): string {
  const parts = [...mounts, steps.join(' \\\n    && ')];
  return `RUN ${parts.join(' \\\n    ')}`;
}

/** Runtime packages: nothing of the package index stays in the shipped layer. */
function installPackages(kind: 'alpine' | 'debian', pkgs: string[]): string {
  if (kind === 'alpine') return run([], [`apk add --no-cache ${pkgs.join(' ')}`]);
  return run([], ['apt-get update', `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`, 'rm -rf /var/lib/apt/lists/*']);
}

/** Builder packages: the builder is not shipped, so a locked cache mount keeps downloads between builds instead. */
function installBuildPackages(kind: 'alpine' | 'debian', pkgs: string[]): string {
  if (kind === 'alpine') return run(['--mount=type=cache,target=/etc/apk/cache,sharing=locked'], [`apk add ${pkgs.join(' ')}`]);
  return run(['--mount=type=cache,target=/var/cache/apt,sharing=locked', '--mount=type=cache,target=/var/lib/apt,sharing=locked'],
    ['rm -f /etc/apt/apt.conf.d/docker-clean', 'apt-get update', `apt-get install -y --no-install-recommends ${pkgs.join(' ')}`]);
}

/** Implied packages and the spec's, one entry per package: a version the spec pins wins over the bare name. */
function mergePackages(implied: string[], own: string[]): string[] {
  const names = new Set(own.map(packageName));
  return sortedUnique([...implied.filter((p) => !names.has(p)), ...own]);
}

/** The secret or ssh mount private modules (and a private repo) are fetched with; never a layer. */
function authMounts(r: ResolvedSpec): string[] {
  if (r.private?.auth === 'netrc') return [`--mount=type=secret,id=${r.private.secret},target=/root/.netrc,required=true`];
  if (usesSsh(r)) return ['--mount=type=ssh,required=true'];
  return [];
}

function sshHosts(r: ResolvedSpec): string[] {
  const hosts = (r.private?.auth === 'ssh' ? r.private.modules : []).map((m) => m.split('/')[0]);
  return sortedUnique(hosts);
}

/** Whether the Dockerfile has a builder stage: always to build; with `prebuilt` only for what the base lacks (certs, zoneinfo, /tmp) or `dirs`. */
export function hasBuilder(r: Pick<ResolvedSpec, 'prebuilt' | 'baseKind' | 'certs' | 'tzdata' | 'dirs'>): boolean {
  if (!r.prebuilt) return true;
  return r.dirs.length > 0 || r.baseKind === 'scratch' || r.baseKind === 'image' && (r.certs || r.tzdata);
}

/** The builder's empty directory for `dirs`, made last. */
function emptyDir(r: ResolvedSpec): string[] {
  return r.dirs.length ? ['# dirs: an empty directory, copied to each of them owned by the user', run([], [`mkdir ${EMPTY_DIR}`])] : [];
}

/** The platform args (and, with prebuilt, build args) the runtime stage's context paths name, in the order expand declares them. */
export function runtimeArgs(r: Pick<ResolvedSpec, 'prebuilt' | 'buildArgs' | 'copy'>): { platform: string[]; args: string[] } {
  const texts = [r.prebuilt ?? '', ...r.copy.filter((c) => !c.from).map((c) => c.src)];
  const used = new Set(texts.flatMap((t) => [...t.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1])));
  return { platform: PREBUILT_PLATFORM_ARGS.filter((k) => used.has(k)), args: r.prebuilt ? Object.keys(r.buildArgs).filter((k) => used.has(k)) : [] };
}

/** ARG lines for the runtime stage's context paths: each build arg with its default, then the platform args. */
function runtimeArgLines(r: ResolvedSpec): string[] {
  const { platform, args } = runtimeArgs(r);
  return [...args.map((k) => `ARG ${k}=${r.buildArgs[k]}`), ...(platform.length ? [`ARG ${platform.join(' ')}`] : [])];
}

/** The builder of a prebuilt binary: no Go build, only the files the runtime stage copies from it. */
function prebuiltBuilder(r: ResolvedSpec): string[] {
  const scratch = r.baseKind === 'scratch';
  const what = [r.certs && (scratch || r.baseKind === 'image') && 'the CA bundle', r.tzdata && (scratch || r.baseKind === 'image') && 'Go\'s zone database', scratch && 'an empty /tmp', r.dirs.length && 'an empty directory for `dirs`'].filter(Boolean);
  const out = [`# prebuilt: no Go build here; the builder image only supplies ${what.join(', ').replace(/, ([^,]*)$/, ' and $1')}`];
  out.push(`FROM --platform=$BUILDPLATFORM ${withDigest(r.builder, r.builderDigest)} AS build`);
  if (scratch) {
    out.push('# scratch has no /tmp: os.TempDir needs one, world-writable and sticky');
    out.push(run([], ['mkdir -p -m 1777 /rootfs/tmp']));
  }
  return [...out, ...emptyDir(r)];
}

function buildStage(r: ResolvedSpec): string[] {
  if (r.prebuilt) return prebuiltBuilder(r);
  const out: string[] = [];
  const cross = !r.cgo;
  if (!cross) out.push('# cgo: built on the target platform (emulated when cross-building), as cross-compiling C needs a cross toolchain');
  // The linter sees no CGO_ENABLED=1 go build behind a build command, so the choice is recorded for it.
  if (!cross && r.build) out.push('# gofile ignore=builder-not-on-build-platform -- cgo: true with build.command in the spec');
  out.push(`FROM ${cross ? '--platform=$BUILDPLATFORM ' : ''}${withDigest(r.builder, r.builderDigest)} AS build`);
  const sub = r.moduleDir !== '.';
  // from the context the module's directory is the workdir at once; a clone goes to /src first
  if (sub && !r.repo) out.push(`# moduleDir: the module is ${r.moduleDir} of the build context, which the build mounts whole at /src`);
  out.push(sub && !r.repo ? `WORKDIR ${moduleRoot(r)}` : 'WORKDIR /src');
  const implied = impliedBuildPackages(r);
  const pkgs = mergePackages(implied, r.buildPackages);
  if (pkgs.length) {
    const why = [r.repo && implied.includes('git') ? 'repo: git to clone it' : '', r.private && implied.includes('git') ? 'private: git, which go fetches private modules with' : '',
      implied.includes('openssh-client') ? 'ssh for git' : '', implied.includes('gcc') ? 'cgo: a C toolchain' : '', r.buildPackages.length ? 'buildPackages' : ''].filter(Boolean);
    out.push(`# ${why.join('; ')}`);
    out.push(installBuildPackages(r.builderKind, pkgs));
  }
  if (usesSsh(r)) {
    const hosts = sshHosts(r);
    out.push('# private.auth: ssh, with the agent forwarded by docker build --ssh default; the first connection trusts the host key');
    if (hosts.length) out.push(run([], hosts.map((h) => `git config --global url."ssh://git@${h}/".insteadOf "https://${h}/"`)));
    out.push('ENV GIT_SSH_COMMAND="ssh -o StrictHostKeyChecking=accept-new"');
  }
  if (r.private) {
    out.push('# private: fetched straight from their repositories, skipping the module proxy and checksum database');
    out.push(`ENV GOPRIVATE=${r.private.modules.join(',')}`);
  }
  if (r.repo) {
    out.push('# repo, ref: cloned with git, since ADD <git url> needs the labs frontend on BuildKit v0.11; a moved branch needs --no-cache-filter build');
    out.push(run(authMounts(r), ['git init -q .', `git remote add origin ${r.repo}`, `git fetch -q --depth 1 origin ${r.ref}`, 'git checkout -q FETCH_HEAD']));
    if (sub) {
      out.push(`# moduleDir: the module is ${r.moduleDir} of the repo`);
      out.push(`WORKDIR ${moduleRoot(r)}`);
    }
  }
  // Settings the module download reads too (GOPROXY, GOFLAGS-like Go variables) come before it; version args after it.
  const [early, late] = splitBuildArgs(r);
  if (early.length) {
    out.push(`# buildArgs: docker build --build-arg ${early[0]}=…; before the ${r.initModule ? 'build' : 'module download'}, which reads ${early.length > 1 ? 'them' : 'it'}`);
    for (const k of early) out.push(`ARG ${k}=${r.buildArgs[k]}`);
  }
  const envs = Object.entries(r.buildEnv);
  if (envs.length) {
    out.push(r.initModule ? '# buildEnv: for the build' : '# buildEnv: for the module download and the build');
    for (const [k, v] of envs) out.push(`ENV ${k}=${v}`);
  }
  if (r.repo) {
    out.push('# Modules in their own step, cached across builds');
    out.push(run([MOD_CACHE, ...authMounts(r)], ['go mod download']));
  } else if (r.initModule) {
    out.push(`# initModule: the context has no go.mod; go mod init ${r.initModule} in the build step, standard library only`);
  } else {
    out.push(r.goSum ? '# Modules in their own step: a source change does not download them again' : '# Modules in their own step (no go.sum: no downloaded module to verify yet)');
    if (r.localModules.length) out.push(`# go.mod replaces modules with ${r.localModules.join(', ')}: their go.mod files too, which the download reads`);
    const binds = [...modFileBinds(r), ...r.localModules.map((d) => `--mount=type=bind,source=${contextFile(d, 'go.mod')},target=/src/${contextFile(d, 'go.mod')}`)];
    out.push(run([MOD_CACHE, ...binds, ...authMounts(r)], ['go mod download']));
  }
  if (late.length) {
    out.push(`# buildArgs: docker build --build-arg ${late[0]}=…`);
    for (const k of late) out.push(`ARG ${k}=${r.buildArgs[k]}`);
  }
  const variant = r.platforms.some((p) => p.split('/').length > 2);
  out.push(`ARG TARGETOS TARGETARCH${variant ? ' TARGETVARIANT' : ''}`);
  const env = `CGO_ENABLED=${r.cgo ? 1 : 0} GOOS=$TARGETOS GOARCH=$TARGETARCH${variant ? ' GOARM=${TARGETVARIANT#v}' : ''}`;
  if (r.build) {
    // The project's build writes into its tree: a read-write bind, whose changes are dropped after the step.
    out.push('# build: the project\'s own build command with the Go caches; build.output is the binary it writes');
    const mounts = [MOD_CACHE, BUILD_CACHE, ...(r.repo ? [] : [`--mount=type=bind,target=${contextTarget(r)},rw`]), ...authMounts(r)];
    out.push(run(mounts, [`${env} \\\n    ${r.build.command}`, `mkdir -p ${OUT_DIR}`, `cp ${r.build.output} ${OUT_DIR}/${r.name}`]));
  } else {
    out.push(buildComment(r));
    // A spec that turns trimpath or strip off made that choice: the Dockerfile records it for the linter.
    const off = [!r.trimpath && ['missing-trimpath', 'trimpath: false'], !r.strip && ['missing-strip-flags', 'strip: false']].filter((x): x is string[] => !!x);
    if (off.length) out.push(`# gofile ignore=${off.map((o) => o[0]).join(',')} -- ${off.map((o) => o[1]).join(', ')} in the spec`);
    // with initModule, go.mod is written into the context bind, read-write so the change is dropped after the step
    const mounts = [MOD_CACHE, BUILD_CACHE, ...(r.repo ? [] : [`--mount=type=bind,target=${contextTarget(r)}${r.initModule ? ',rw' : ''}`]), ...authMounts(r)];
    out.push(run(mounts, [...(r.initModule ? [`go mod init ${r.initModule}`] : []), ...goBuilds(r).map(([name, pkg]) => `${env} \\\n    go build ${goBuildFlags(r).join(' ')} -o ${OUT_DIR}/${name} ${pkg}`)]));
  }
  if (r.baseKind === 'scratch') {
    out.push('# scratch has no /tmp: os.TempDir needs one, world-writable and sticky');
    out.push(run([], ['mkdir -p -m 1777 /rootfs/tmp']));
  }
  return [...out, ...emptyDir(r)];
}

/** Where the module's go build runs: /src, or its directory under /src. */
export const moduleRoot = (r: Pick<ResolvedSpec, 'moduleDir'>) => (r.moduleDir === '.' ? '/src' : `/src/${r.moduleDir}`);

/** Where the build mounts the context: the workdir, or /src above a module in a subdirectory, so the whole context is there. */
export const contextTarget = (r: Pick<ResolvedSpec, 'moduleDir'>) => (r.moduleDir === '.' ? '.' : '/src');

/** A file in a directory of the context: `go.mod`, `svc/go.mod`. */
export const contextFile = (dir: string, file: string) => (dir === '.' ? file : `${dir}/${file}`);

/** The module's go.mod and go.sum, mounted into the workdir for `go mod download`. */
function modFileBinds(r: ResolvedSpec): string[] {
  const bind = (f: string) => `--mount=type=bind,source=${contextFile(r.moduleDir, f)},target=${f}`;
  return [bind('go.mod'), ...(r.goSum ? [bind('go.sum')] : [])];
}

// Go variables: a build arg of such a name is a setting for go itself, which the module download reads too.
const GO_SETTING = /^(GO[A-Z0-9_]*|CGO_[A-Z0-9_]+)$/;

/** Build args declared before the module download (Go settings, and those buildEnv uses), and the rest, each in spec order. */
export function splitBuildArgs(r: Pick<ResolvedSpec, 'buildArgs' | 'buildEnv'>): [string[], string[]] {
  const used = new Set(Object.values(r.buildEnv).flatMap((v) => [...v.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1])));
  const names = Object.keys(r.buildArgs);
  const early = names.filter((k) => GO_SETTING.test(k) || used.has(k));
  return [early, names.filter((k) => !early.includes(k))];
}

/** Every linker flag: the implied ones, then the spec's own. */
export function linkerFlags(r: ResolvedSpec): string[] {
  return [...impliedLinkerFlags(r), ...r.ldflags];
}

/** Refuses a binary of `binaries` named as the main one, whose name the loader may not have known (go.mod's, the repo's). */
export function assertBinaryNames(r: Pick<ResolvedSpec, 'name' | 'binaries'>, file?: string): void {
  const clash = r.binaries.find((p) => binaryName(p) === r.name);
  if (clash) throw new InputError(`\`binaries\`: ${clash} would be installed as /usr/local/bin/${r.name}, the main binary's name (from go.mod, the repo or initModule); give the main one \`name\` of its own`, file);
}

/** Each binary the go build step writes, as [name, package]: the main one, then `binaries`. */
export function goBuilds(r: Pick<ResolvedSpec, 'name' | 'path' | 'binaries'>): [string, string][] {
  return [[r.name, r.path], ...r.binaries.map((p): [string, string] => [binaryName(p), p])];
}

/** The go build flags for a spec; the direct LLB route uses the same list, so both routes run one command. */
export function goBuildFlags(r: ResolvedSpec): string[] {
  const flags: string[] = [];
  if (r.trimpath) flags.push('-trimpath');
  // The bind-mounted context's .git may be partial or owned by another uid, which fails VCS stamping.
  if (!r.repo) flags.push('-buildvcs=false');
  if (r.tags.length) flags.push(`-tags=${r.tags.join(',')}`);
  // a value with spaces (-gcflags=all=-N -l) is one shell word in double quotes; the loader refused quotes and `$` in it
  for (const f of r.buildFlags) flags.push(f.includes(' ') ? f.replace(/=(.*)$/, '="$1"') : f);
  const ld = linkerFlags(r);
  if (ld.length) flags.push(`-ldflags="${ld.join(' ')}"`);
  return flags;
}

function buildComment(r: ResolvedSpec): string {
  const parts = [`path: ${r.path}${r.binaries.length ? `, binaries: ${r.binaries.join(' ')}` : ''}`];
  parts.push(r.cgo ? (isStaticBase(r.base, r.baseKind) ? 'cgo: on, linked statically for a base without libc' : 'cgo: on') : 'cgo: off, a static binary cross-compiled for the target');
  if (r.trimpath) parts.push('trimpath');
  if (r.strip) parts.push('strip: -s -w');
  if (r.buildFlags.length) parts.push(`buildFlags: ${r.buildFlags.join(' ')}`);
  if (r.platforms.some((p) => p.split('/').length > 2)) parts.push('platforms: GOARM from the variant');
  return `# ${parts.join('; ')}`;
}

function runtimeStage(r: ResolvedSpec): string[] {
  const out: string[] = [];
  // A spec that turns certs or tzdata off on scratch made that choice: the Dockerfile records it for the linter.
  const off = r.baseKind === 'scratch' ? [!r.certs && 'scratch-without-ca-certificates', !r.tzdata && 'scratch-without-zoneinfo'].filter(Boolean) : [];
  if (off.length) out.push(`# gofile ignore=${off.join(',')} -- ${[!r.certs && 'certs: false', !r.tzdata && 'tzdata: false'].filter(Boolean).join(', ')} in the spec`);
  out.push(`FROM ${withDigest(r.base, r.baseDigest)}`);
  if (r.baseKind === 'alpine' || r.baseKind === 'debian') {
    const pkgs = mergePackages(impliedPackages(r), r.packages);
    if (pkgs.length) {
      const why = [r.packages.length ? 'packages' : '', r.baseKind === 'debian' && r.certs ? 'certs' : '', r.tzdata ? 'tzdata' : ''].filter(Boolean);
      out.push(`# ${why.join(', ')}`);
      out.push(installPackages(r.baseKind, pkgs));
    }
  } else if (r.baseKind === 'scratch' || r.baseKind === 'image') {
    if (r.certs) {
      out.push(`# certs: ${r.baseKind} has no CA bundle of its own; the builder's`);
      out.push('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/');
    }
    if (r.tzdata) {
      out.push('# tzdata: Go\'s own zone database, found through ZONEINFO');
      out.push('COPY --from=build /usr/local/go/lib/time/zoneinfo.zip /usr/local/go/lib/time/zoneinfo.zip');
      out.push('ENV ZONEINFO=/usr/local/go/lib/time/zoneinfo.zip');
    }
    if (r.baseKind === 'scratch') {
      // copying the folder that holds tmp keeps its 1777 mode; `COPY /rootfs/tmp /tmp` makes a root-only 0755 /tmp
      out.push('# scratch: the empty sticky /tmp made in the builder (copied with its parent to keep mode 1777)');
      out.push('COPY --from=build /rootfs/ /');
    }
  }
  if (r.prebuilt) {
    out.push('# prebuilt: built outside this Dockerfile, copied from the build context and made executable');
    out.push(...runtimeArgLines(r));
    out.push(`COPY --chmod=755 ${r.prebuilt} /usr/local/bin/${r.name}`);
  } else out.push(`COPY --from=build ${OUT_DIR}/${r.name} /usr/local/bin/${r.name}`);
  if (r.binaries.length) out.push('# binaries: beside the main one');
  for (const [name] of goBuilds(r).slice(1)) out.push(`COPY --from=build ${OUT_DIR}/${name} /usr/local/bin/${name}`);
  if (r.dirs.length) {
    // before `copy`, which would otherwise make a directory there owned by root
    out.push('# dirs: the program writes there, so they are the user\'s (a copy into an existing directory would not change its owner)');
    for (const d of r.dirs) out.push(`COPY --chown=${r.user} --from=build ${EMPTY_DIR} ${d}`);
  }
  if (r.copy.length) {
    const own = r.copy.some((c) => !c.from);
    const images = [...new Set(r.copy.filter((c) => c.from).map((c) => c.from))];
    const where = [own && r.repo ? 'from the cloned repo' : '', images.length ? `out of ${images.join(', ')}` : ''].filter(Boolean);
    out.push(where.length ? `# copy: ${where.join('; ')}` : '# copy');
    // the platform args a context path names (a prebuilt binary's copy declared them already)
    if (!r.prebuilt) out.push(...runtimeArgLines(r));
    for (const c of r.copy) {
      const chmod = c.mode ? `--chmod=${c.mode} ` : '';
      out.push(c.from ? `COPY ${chmod}--from=${c.from} ${c.src} ${c.dest}` : r.repo ? `COPY ${chmod}--from=build /src/${c.src} ${c.dest}` : `COPY ${chmod}${c.src} ${c.dest}`);
    }
  }
  if (r.setup.length) {
    if (hasBusyboxShell(r.base, r.baseKind)) {
      out.push('# setup: distroless :debug has no /bin/sh, so RUN uses busybox\'s shell');
      out.push(`SHELL ${execForm([...BUSYBOX_SHELL])}`);
    }
    out.push('# setup: as root, with the files in place');
    out.push(run([], r.setup));
  }
  for (const [k, v] of Object.entries(r.labels)) out.push(`LABEL ${k}="${v}"`);
  for (const [k, v] of Object.entries(r.env)) out.push(`ENV ${k}="${v}"`);
  out.push('# user: numeric, so it needs no /etc/passwd and satisfies runAsNonRoot');
  out.push(`USER ${r.user}`);
  if (r.workdir !== '/') {
    out.push('# workdir: after USER, so BuildKit creates it owned by that user');
    out.push(`WORKDIR ${r.workdir}`);
  }
  if (r.ports.length) out.push(`EXPOSE ${r.ports.join(' ')}`);
  if (r.volumes.length) out.push(`VOLUME ${execForm(r.volumes)}`);
  if (r.healthcheck) {
    const h = r.healthcheck;
    const flags = [h.interval && `--interval=${h.interval}`, h.timeout && `--timeout=${h.timeout}`, h.startPeriod && `--start-period=${h.startPeriod}`, h.retries !== undefined && `--retries=${h.retries}`].filter(Boolean);
    // `shell` as written: the loader refused what the line would trim, join or read as JSON
    out.push(`HEALTHCHECK ${[...flags, 'CMD', h.shell ?? execForm(h.cmd)].join(' ')}`);
  }
  if (r.stopSignal) out.push(`STOPSIGNAL ${r.stopSignal}`);
  out.push(`ENTRYPOINT ${execForm(r.entrypoint)}`);
  if (r.args.length) out.push(`CMD ${execForm(r.args)}`);
  return out;
}

/** Exec form; the loader has refused quotes, backslashes and control characters, so JSON needs no escapes here. */
const execForm = (xs: string[]) => `[${xs.map((x) => JSON.stringify(x)).join(', ')}]`;

/** A frontend image reference (or `none`): anything else would put a second line into the parser directive. */
export const SYNTAX_PATTERN = /^(none|[a-z0-9][a-z0-9._/-]*(:[A-Za-z0-9_][A-Za-z0-9._-]*)?(@sha256:[a-f0-9]{64})?)$/;

export function expandSpec(r: ResolvedSpec, opts: ExpandOptions = {}): string {
  const syntax = opts.syntax ?? DEFAULT_SYNTAX;
  if (!SYNTAX_PATTERN.test(syntax)) throw new InputError(`syntax "${syntax}" is not an image reference (e.g. docker/dockerfile:1) or "none"`);
  assertBinaryNames(r);
  const head: string[] = [];
  if (syntax !== 'none') head.push(`# syntax=${syntax}`);
  head.push('# Generated by gofile expand from the gofile.yaml spec: edit the spec and expand again rather than this file.');
  // A Dockerfile cannot restrict its platforms: this header line is where `platforms` lives, and convert reads it back.
  if (r.platforms.length) head.push(`${PLATFORMS_COMMENT}${r.platforms.join(',')} .`);
  const stages = hasBuilder(r) ? [buildStage(r), runtimeStage(r)] : [runtimeStage(r)];
  return [head.join('\n'), ...stages.map((s) => s.join('\n'))].join('\n\n') + '\n';
}
