// Fills a spec's defaults: the choices that make a good image when the spec says nothing.
import type { GoMod } from '../gomod.js';
import { baseImage, debianRelease, DEFAULT_GO, isGlibcBase } from './images.js';
import type { GofileSpec, ResolvedSpec } from './types.js';
import { impliedBuildPackages, impliedLinkerFlags, impliedPackages, packageName } from './implied.js';

export interface ResolveOptions {
  /** go.mod beside the spec: the Go version default (ignored for `repo` builds). */
  goMod?: GoMod | null;
  /** Whether go.sum exists beside the spec; default true. */
  goSum?: boolean;
}

/** `major.minor` of the newer of go.mod's `go` and `toolchain` lines: the golang tag that tracks patch releases. */
export function goFromMod(mod: GoMod | null | undefined): string | undefined {
  const versions = [mod?.goVersion, mod?.toolchain].filter((v): v is string => !!v).map((v) => v.split('.').slice(0, 2).join('.'));
  if (!versions.length) return undefined;
  return versions.sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))[versions.length - 1];
}

/** `.`, `./cmd/x`: go build needs the `./` to read a directory rather than an import path. */
export function normalizePath(p: string): string {
  const trimmed = p.replace(/\/+$/, '').replace(/^\.\//, '');
  return trimmed === '' || trimmed === '.' ? '.' : `./${trimmed}`;
}

/** The name a package directory's binary gets: its last element (`./cmd/migrate` → `migrate`). */
export const binaryName = (p: string): string => normalizePath(p).split('/').pop()!;

/** The binary's name: the package directory's, or for `.` the module's (or repo's) last element, skipping a /vN suffix. */
export function defaultName(path: string, repo: string | null, mod: GoMod | null | undefined): string {
  if (path !== '.') return path.split('/').pop()!;
  const source = repo ? repo.replace(/\.git$/, '').replace(/^git@[^:]+:/, '') : mod?.module;
  const parts = (source ?? '').split('/').filter(Boolean);
  if (parts.length > 1 && /^v\d+$/.test(parts[parts.length - 1])) parts.pop();
  const last = parts.pop();
  return last && /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/.test(last) ? last : 'app';
}

/** `services/api/` → `services/api`; `.`, `./` and `` → `.`. */
export function normalizeDir(d: string): string {
  const parts = d.split('/').filter((x) => x !== '' && x !== '.');
  return parts.length ? parts.join('/') : '.';
}

/** A context-relative directory `p` names from the module directory, or undefined where it leaves the context (or is absolute). */
export function contextDir(moduleDir: string, p: string): string | undefined {
  if (p.startsWith('/')) return undefined;
  const out: string[] = [];
  for (const part of [...moduleDir.split('/'), ...p.split('/')]) {
    if (part === '' || part === '.') continue;
    if (part !== '..') out.push(part);
    else if (!out.pop()) return undefined;
  }
  return out.length ? out.join('/') : '.';
}

/** `p` joined to the absolute `dir` (an absolute `p` as it is), `.` segments dropped. */
function absolute(dir: string, p: string): string {
  if (p.startsWith('/')) return p;
  const parts = [...dir.split('/'), ...p.split('/')].filter((x) => x !== '' && x !== '.');
  return '/' + parts.join('/');
}

/** `0644` → `644`: a COPY --chmod mode as three octal digits. */
export const octalMode = (m: string | number): string => parseInt(String(m), 8).toString(8).padStart(3, '0');

// Package lists are sets: sorted, so the expansion and convert agree on one order.
const sortedUnique = (xs: string[]) => [...new Set(xs)].sort();

export function resolveSpec(spec: GofileSpec, opts: ResolveOptions = {}): ResolvedSpec {
  return canonical(fill(spec, opts));
}

function fill(spec: GofileSpec, opts: ResolveOptions): ResolvedSpec {
  const repo = spec.repo ? spec.repo : null;
  // initModule stands for a go.mod the context does not have: its module path names the binary, and no go line sets the version
  const mod = repo ? null : spec.initModule ? { module: spec.initModule } : opts.goMod;
  // A golang builder override names the Go version itself.
  const go = /^golang:(\d+\.\d+(?:\.\d+)?(?:rc\d+)?)/.exec(spec.builder ?? '')?.[1] ?? spec.go ?? goFromMod(mod) ?? DEFAULT_GO;
  const path = normalizePath(spec.path);
  const cgo = spec.cgo ?? false;
  const { image: base, kind: baseKind } = baseImage(spec.base ?? (spec.scratch ? 'scratch' : 'distroless/static'), go);
  const builderKind = spec.builder
    ? (/alpine/.test(spec.builder) ? 'alpine' : 'debian')
    : cgo && isGlibcBase(base, baseKind) ? 'debian' : 'alpine';
  const builder = spec.builder ?? (builderKind === 'alpine' ? `golang:${go}-alpine` : `golang:${go}-${debianRelease(go).codename}`);
  // distroless, chainguard and alpine carry CA certificates and (distroless, chainguard) zoneinfo already.
  const inherentCerts = baseKind === 'distroless' || baseKind === 'chainguard' || baseKind === 'alpine';
  const inherentTz = baseKind === 'distroless' || baseKind === 'chainguard';
  const uid = String(spec.user ?? 65532);
  const build = spec.build ? { command: spec.build.command, output: spec.build.output.replace(/^\.\//, '') } : null;
  // A build command names its binary by the file it writes.
  const prebuilt = spec.prebuilt ? spec.prebuilt.replace(/^\.\//, '') : null;
  const name = spec.name ?? (build ? build.output.split('/').pop()! : prebuilt ? prebuilt.split('/').pop()! : defaultName(path, repo, mod));
  const workdir = spec.workdir ? spec.workdir.replace(/(.)\/+$/, '$1') : '/';
  const moduleDir = normalizeDir(spec.moduleDir ?? '.');
  // a clone has every directory; from the context, the module download mounts the go.mod of each local replace
  const local = repo || spec.initModule || spec.prebuilt ? [] : (opts.goMod?.localReplaces ?? []).map((x) => contextDir(moduleDir, x.path));
  return {
    repo,
    ref: repo ? spec.ref ?? 'main' : null,
    path,
    moduleDir,
    binaries: (spec.binaries ?? []).map(normalizePath),
    localModules: sortedUnique(local.filter((d): d is string => d !== undefined && d !== moduleDir)),
    goSum: repo ? true : opts.goSum ?? true,
    go,
    name,
    cgo,
    tags: spec.tags ?? [],
    ldflags: spec.ldflags ?? [],
    buildFlags: spec.buildFlags ?? [],
    strip: spec.strip ?? true,
    trimpath: spec.trimpath ?? true,
    build,
    initModule: spec.initModule ?? null,
    prebuilt,
    buildArgs: { ...spec.buildArgs },
    buildEnv: { ...spec.buildEnv },
    buildPackages: sortedUnique(spec.buildPackages ?? []),
    platforms: spec.platforms ?? [],
    private: spec.private ? { modules: spec.private.modules, auth: spec.private.auth ?? 'netrc', secret: (spec.private.auth ?? 'netrc') === 'netrc' ? spec.private.secret ?? 'netrc' : '' } : null,
    builder,
    builderKind,
    builderDigest: spec.builderDigest ?? null,
    base,
    baseKind,
    baseDigest: spec.baseDigest ?? null,
    packages: sortedUnique(spec.packages ?? []),
    certs: inherentCerts || (spec.certs ?? baseKind !== 'image'),
    tzdata: inherentTz || (spec.tzdata ?? baseKind === 'scratch'),
    user: uid.includes(':') ? uid : `${uid}:${uid}`,
    workdir,
    setup: spec.setup ?? [],
    env: { ...spec.env },
    ports: (spec.ports ?? []).map(String),
    dirs: sortedUnique((spec.dirs ?? []).map((d) => d.replace(/(.)\/+$/, '$1'))),
    volumes: spec.volumes ?? [],
    labels: { ...spec.labels },
    // a relative program path is the workdir's, as the container runtime reads it
    entrypoint: spec.entrypoint ? [absolute(workdir, spec.entrypoint[0]), ...spec.entrypoint.slice(1)] : [`/usr/local/bin/${name}`],
    args: spec.args ?? [],
    stopSignal: spec.stopSignal ?? null,
    healthcheck: spec.healthcheck ? { ...spec.healthcheck } : null,
    copy: (spec.copy ?? []).map((c) => ({
      ...(c.from ? { src: c.src, dest: c.dest, from: c.from } : { src: c.src.replace(/^\.\//, '') || '.', dest: c.dest }),
      // one form per mode (`0644` and `644` are one), as expand writes it
      ...(c.mode !== undefined ? { mode: octalMode(c.mode) } : {}),
    })),
  };
}

/**
 * One form per meaning: what other fields imply is not listed again (bare `git` with a repo, `tzdata` with
 * tzdata: true, `-s` with strip), and a package the spec lists turns its flag on, so expand and convert agree.
 */
function canonical(r: ResolvedSpec): ResolvedSpec {
  const bare = new Set(impliedBuildPackages(r));
  const buildPackages = r.buildPackages.filter((p) => !bare.has(p));
  const names = new Set(r.packages.map(packageName));
  const certs = r.certs || r.baseKind === 'debian' && names.has('ca-certificates');
  const tzdata = r.tzdata || (r.baseKind === 'alpine' || r.baseKind === 'debian') && names.has('tzdata');
  const flagged = new Set(impliedPackages({ baseKind: r.baseKind, certs, tzdata }));
  const packages = r.packages.filter((p) => !flagged.has(p));
  const implied = impliedLinkerFlags(r);
  const ldflags = r.ldflags.filter((f) => !f.split(' ').every((w) => implied.includes(w)));
  return { ...r, buildPackages, packages, certs, tzdata, ldflags };
}
