// The gofile.yaml spec: what a user writes (GofileSpec) and the same with every default filled (ResolvedSpec).
// A superset of the original felipecruz91/gofile spec (repo, ref, path, scratch). Only `path` is required.

/** Runtime base keywords; anything else in `base` is taken as an image reference. */
export const BASE_KEYWORDS = ['scratch', 'distroless/static', 'distroless/base', 'alpine', 'debian-slim', 'chainguard/static', 'chainguard/glibc-dynamic'] as const;
export type BaseKeyword = (typeof BASE_KEYWORDS)[number];

/** The platform args BuildKit sets for each target: what a prebuilt binary's path may pick its file by. */
export const PREBUILT_PLATFORM_ARGS = ['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT'] as const;

/** go build flags `buildFlags` takes: those that change the binary and that no other field sets. Boolean ones take no value. */
export const BUILD_FLAGS: Record<string, 'bool' | 'value'> = {
  race: 'bool', msan: 'bool', asan: 'bool', cover: 'bool', buildmode: 'value', gcflags: 'value', asmflags: 'value', pgo: 'value', covermode: 'value', coverpkg: 'value',
};

/** The family of a runtime base, which decides how packages, certs, tzdata and the user are provided. */
export type BaseKind = 'scratch' | 'distroless' | 'alpine' | 'debian' | 'chainguard' | 'image';

/** How private modules authenticate during `go mod download`: a BuildKit secret (a .netrc) or the SSH agent. */
export type PrivateAuth = 'netrc' | 'ssh';

export interface PrivateModules {
  /** GOPRIVATE patterns, e.g. `github.com/acme/*`; they skip the proxy and checksum database. */
  modules: string[];
  /** `netrc` (default): a secret mounted as ~/.netrc; `ssh`: the forwarded SSH agent with git over ssh. */
  auth?: PrivateAuth;
  /** Secret id for `netrc` auth (`docker build --secret id=netrc,src=$HOME/.netrc`); default `netrc`. */
  secret?: string;
}

interface HealthcheckTiming {
  /** Time between checks, a Docker duration such as `30s`; default Docker's 30s. */
  interval?: string;
  /** Time a check may take before it counts as failed; default Docker's 30s. */
  timeout?: string;
  /** Grace period after start during which failures do not count; default 0s. */
  startPeriod?: string;
  /** Consecutive failures before the container is unhealthy; default 3. */
  retries?: number;
}

/** A health check in exec form: runs on any base. */
export interface ExecHealthcheck extends HealthcheckTiming {
  /** Command in exec form, e.g. `["/usr/local/bin/app", "healthcheck"]` (scratch/distroless have no shell or curl). */
  cmd: string[];
  shell?: never;
}

/** A health check run by /bin/sh -c (Docker's CMD-SHELL): only on a base that has /bin/sh. */
export interface ShellHealthcheck extends HealthcheckTiming {
  /** One shell command line, e.g. `wget -qO- http://localhost:8080/healthz || exit 1`. */
  shell: string;
  cmd?: never;
}

/** Exactly one of `cmd` (exec form) and `shell` (a command line for /bin/sh). */
export type Healthcheck = ExecHealthcheck | ShellHealthcheck;

export interface CopyFile {
  /** Path in the build context (or the cloned repo), relative, no `..`, or `.` for all of it (into a directory `dest`); with `from`, an absolute path in that image. `*` and `?` match as in COPY. */
  src: string;
  /** Absolute path in the runtime image. */
  dest: string;
  /** An image to copy `src` out of instead of the build context, with a tag or digest, e.g. `busybox:1.36`. */
  from?: string;
  /** File mode of what is copied, octal (COPY --chmod), e.g. `755` for a script; not writable by others; default the files' own. Resolved: three digits, no leading 0. */
  mode?: string;
}

export interface BuildCommand {
  /** One command of plain words run in the module root instead of `go build`, e.g. `make build`. */
  command: string;
  /** The binary it writes, relative to the module root, e.g. `bin/app`. */
  output: string;
}

export interface GofileSpec {
  // --- the original gofile fields ---
  /** Git URL to build from; empty or absent means the local build context. */
  repo?: string;
  /** Git ref (branch, tag or commit) of `repo`; default `main`. */
  ref?: string;
  /** The main package to build, relative to the module root, e.g. `.` or `./cmd/server`. Required. */
  path: string;
  /** Shorthand for `base: scratch` (with CA certificates), as in the original gofile. */
  scratch?: boolean;
  /** The module's directory in the build context (or repo), where its go.mod is, e.g. `services/api`; default `.`. `path` is relative to it. */
  moduleDir?: string;
  /** More main packages of the module, built like `path` and installed beside it as /usr/local/bin/<last element>, e.g. `[./cmd/migrate]`. */
  binaries?: string[];

  // --- build ---
  /** Go version for the builder image, e.g. `1.23` or `1.23.4`; default go.mod's toolchain/go line. */
  go?: string;
  /** Name of the binary; default the last element of `path` (or of the module path for `.`). */
  name?: string;
  /** Build with cgo (CGO_ENABLED=1); default false, which gives a static binary. */
  cgo?: boolean;
  /** Build tags, passed as `-tags a,b`. */
  tags?: string[];
  /** Extra linker flags appended after `-s -w`, e.g. `-X main.version=${VERSION}` (names from `buildArgs`). */
  ldflags?: string[];
  /** go build flags the spec has no field for, e.g. `-race`, `-buildmode=pie`, `-gcflags=all=-N -l`; passed as written. */
  buildFlags?: string[];
  /** Strip the symbol table and DWARF (`-s -w`); default true. */
  strip?: boolean;
  /** Build with `-trimpath` (no local paths in the binary); default true. */
  trimpath?: boolean;
  /** The project's own build (make, a script) instead of `go build`; `path` is then `.`. */
  build?: BuildCommand;
  /** For a build context without go.mod (a few .go files, standard library only): the module path expand gives `go mod init` before the build, e.g. `hello-app`. */
  initModule?: string;
  /** A binary built outside the Dockerfile (goreleaser, CI), copied from the build context instead of building; `${TARGETARCH}`-style platform args and `buildArgs` may pick the file, e.g. `dist/app-linux-${TARGETARCH}`. */
  prebuilt?: string;
  /** Build arguments (`ARG NAME=default`) usable in `ldflags` and `buildEnv` as `${NAME}`, e.g. `VERSION: dev`. */
  buildArgs?: Record<string, string>;
  /** Extra environment for `go build`, e.g. `GOEXPERIMENT: boringcrypto`, `GOAMD64: v3`. */
  buildEnv?: Record<string, string>;
  /** OS packages the build needs (cgo headers, e.g. `sqlite-dev`), installed in the builder. */
  buildPackages?: string[];
  /** Target platforms, e.g. `[linux/amd64, linux/arm64]`; cross-compiled by Go, not emulated; default none (whatever `--platform` the build gets). */
  platforms?: string[];
  /** Private modules: GOPRIVATE plus a secret or SSH mount, never a token in a layer. */
  private?: PrivateModules;
  /** Full builder image override (default `golang:<go>-alpine`, or `-bookworm` with cgo on a glibc base). */
  builder?: string;
  /** Digest pin for the builder image, `sha256:<64 hex>`. */
  builderDigest?: string;

  // --- runtime ---
  /** Runtime base: a keyword (scratch, distroless/static, distroless/base, alpine, debian-slim, chainguard/static, chainguard/glibc-dynamic) or any image; default distroless/static (scratch if `scratch: true`). */
  base?: string;
  /** Digest pin for the runtime base image, `sha256:<64 hex>`. */
  baseDigest?: string;
  /** OS packages for an alpine or debian-slim runtime (or an official image whose tag names one: node:20-alpine, python:3.12-slim), e.g. `[curl]`. */
  packages?: string[];
  /** Include CA certificates (copied into scratch, installed on alpine/debian); default true. */
  certs?: boolean;
  /** Include time-zone data (Go's own zoneinfo.zip on scratch, the tzdata package on alpine/debian); default true on scratch, false elsewhere. */
  tzdata?: boolean;
  /** Numeric non-root user, `uid` or `uid:gid`; default 65532 (distroless's nonroot). */
  user?: string | number;
  /** Working directory in the runtime image (absolute); default `/`. Not in /root, which the non-root user cannot enter (but on scratch, which has none). */
  workdir?: string;
  /** Setup commands run as root in / on an alpine or debian runtime, or with busybox's shell on a distroless `:debug` one, after the files are in place: one shell command each (quotes and globs, no `&&`, pipes or redirections). */
  setup?: string[];
  /** Runtime environment variables; names of letters, digits, `_`, `.` and `-` (`v2ray.location.asset`); values may use `$NAME`/`${NAME}`. */
  env?: Record<string, string>;
  /** Ports the program listens on, e.g. `8080` or `"53/udp"`. */
  ports?: (number | string)[];
  /** Directories the program writes to, created empty and owned by `user` (COPY --chown of an empty directory from the builder, so scratch and distroless get them too), e.g. `[/data]`. */
  dirs?: string[];
  /** Directories declared as volumes. */
  volumes?: string[];
  /** Image labels, e.g. `org.opencontainers.image.source`. */
  labels?: Record<string, string>;
  /** Entrypoint in exec form, first item absolute or relative to `workdir`; default `["/usr/local/bin/<name>"]`. */
  entrypoint?: string[];
  /** Default arguments to the entrypoint (CMD in exec form). */
  args?: string[];
  /** STOPSIGNAL, e.g. `SIGINT`. */
  stopSignal?: string;
  /** Container health check: `cmd` in exec form, or `shell`, a command line for a base with /bin/sh (alpine, debian-slim, other images). */
  healthcheck?: Healthcheck;
  /** Extra files copied from the build context (or repo), or out of another image, into the runtime image. */
  copy?: CopyFile[];
}

/** A spec with every default filled in: what `expandSpec` reads and `convert` produces. */
export interface ResolvedSpec {
  /** Git URL, or null for the local build context. */
  repo: string | null;
  /** Git ref when `repo` is set, else null. */
  ref: string | null;
  /** Main package path, normalised to start with `./` (or `.`). */
  path: string;
  /** The module's directory in the build context (or repo): `.` or a relative path without `./` or a trailing `/`. */
  moduleDir: string;
  /** Directories (context-relative) that go.mod's local replace directives name: their go.mod files are mounted for the module download. */
  localModules: string[];
  /** More main packages built like `path`, normalised to `./…`, in spec order (possibly empty). */
  binaries: string[];
  /** Whether the module has a go.sum to bind-mount (a module with no dependencies has none); always true for `repo`. */
  goSum: boolean;
  /** Go version: the spec's, a golang builder override's, go.mod's, or DEFAULT_GO. */
  go: string;
  /** Binary name. */
  name: string;
  /** CGO_ENABLED. */
  cgo: boolean;
  /** Build tags (possibly empty). */
  tags: string[];
  /** The spec's linker flags, after the implied ones (strip, static link); those are not repeated here. */
  ldflags: string[];
  /** Other go build flags, in spec order (possibly empty). */
  buildFlags: string[];
  /** `-s -w` on or off. */
  strip: boolean;
  /** `-trimpath` on or off. */
  trimpath: boolean;
  /** The project's own build command and the file it writes, or null for `go build`. */
  build: BuildCommand | null;
  /** The module path `go mod init` gets before the build when the context has no go.mod, or null. */
  initModule: string | null;
  /** The prebuilt binary's path in the build context (no leading `./`), or null when the spec builds it. */
  prebuilt: string | null;
  /** Build arguments with defaults, in spec order. */
  buildArgs: Record<string, string>;
  /** Extra build environment, in spec order. */
  buildEnv: Record<string, string>;
  /** Builder OS packages the spec asks for, sorted; without the bare ones expand adds itself (implied.ts: git, gcc…). */
  buildPackages: string[];
  /** Target platforms; empty means the build's own `--platform`. */
  platforms: string[];
  /** Private modules, or null; `secret` is the netrc secret id ('' for ssh auth). */
  private: { modules: string[]; auth: PrivateAuth; secret: string } | null;
  /** Builder image without digest, e.g. `golang:1.23-alpine`. */
  builder: string;
  /** Builder's OS family, which decides the package manager for buildPackages. */
  builderKind: 'alpine' | 'debian';
  /** Builder digest, or null. */
  builderDigest: string | null;
  /** Runtime base image without digest, e.g. `gcr.io/distroless/static-debian12:nonroot`, or `scratch`. */
  base: string;
  /** Runtime base family. */
  baseKind: BaseKind;
  /** Runtime base digest, or null. */
  baseDigest: string | null;
  /** Runtime OS packages (alpine/debian), sorted; bare ca-certificates/tzdata become `certs`/`tzdata` instead. */
  packages: string[];
  /** CA certificates in the image (always true on bases that ship them: distroless, chainguard, alpine). */
  certs: boolean;
  /** Time-zone data in the image (always true on distroless and chainguard, which ship it). */
  tzdata: boolean;
  /** Numeric `uid:gid` (a bare uid gets the same gid, so the group is never root). */
  user: string;
  /** Absolute working directory. */
  workdir: string;
  /** Runtime setup commands, in spec order. */
  setup: string[];
  /** Runtime environment, in spec order. */
  env: Record<string, string>;
  /** Ports as `8080` or `53/udp` strings. */
  ports: string[];
  /** Directories owned by the user, sorted (a parent before what is in it), without a trailing `/`. */
  dirs: string[];
  /** Volumes, in spec order. */
  volumes: string[];
  /** Labels, in spec order. */
  labels: Record<string, string>;
  /** Exec-form entrypoint, first item absolute (a relative one joined to workdir). */
  entrypoint: string[];
  /** CMD, exec form; empty for none. */
  args: string[];
  /** STOPSIGNAL, or null. */
  stopSignal: string | null;
  /** Health check, or null. */
  healthcheck: Healthcheck | null;
  /** Extra files, `src` without a leading `./`; `from` only on those copied out of an image. */
  copy: CopyFile[];
}
