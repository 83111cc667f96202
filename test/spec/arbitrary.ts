// A fast-check arbitrary for valid specs: every field of the schema, strings drawn from the schema's own patterns.
import fc from 'fast-check';
import { SPEC_SCHEMA, type SchemaNode } from '../../src/spec/jsonschema.js';
import type { GofileSpec, Healthcheck } from '../../src/spec/types.js';
import { looksSecret } from '../../rules/secrets-in-arg-or-env.js';
import { resolveSpec } from '../../src/spec/resolve.js';

const prop = (name: string): SchemaNode => SPEC_SCHEMA.properties[name];
const item = (name: string): SchemaNode => prop(name).items!;
/** A string matching the schema pattern at `node`. */
const fromPattern = (node: SchemaNode | undefined, maxLength = 12) => fc.stringMatching(new RegExp(node!.pattern!), { maxLength });

const segment = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,7}(\.[a-z0-9]{1,3})?$/);
const relPath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => s.join('/'));
// A package directory: go reads a path ending in .go as a file, which the schema refuses.
const pkgPath = relPath.map((p) => (p.endsWith('.go') ? `${p}x` : p));
const absPath = relPath.map((p) => `/${p}`);
// the program of an entrypoint or health check: never a shell, curl or wget, which shell-less bases lack (the loader refuses them there)
const notShellOrCurl = (p: string) => !/(^|\/)(sh|bash|ash|dash|busybox|zsh|curl|wget)$/.test(p);
const programPath = absPath.filter(notShellOrCurl);
// never one the loader takes for a secret (`A_PAT`, `X_KEY`): that is a refusal, tested in load.test.ts
const envName = fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/).filter((n) => !looksSecret(n));
// a runtime env name may have dots and dashes (v2ray.location.asset), which os.Getenv reads but `$NAME` cannot name
const runtimeEnvName = fc.oneof(envName, fc.stringMatching(/^[a-z_][a-z0-9_]{0,4}([.-][a-z0-9_]{1,5}){1,2}$/).filter((n) => !looksSecret(n)));
/** `$NAME` in an env value: PATH, or the entry before when `$` can name it. */
const envRef = (all: [string, string][], i: number, v: string) => (i > 0 && v.length % 2 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(all[i - 1][0]) ? all[i - 1][0] : 'PATH');
const hex64 = fc.stringMatching(/^[a-f0-9]{64}$/).map((h) => `sha256:${h}`);
const pkg = fc.stringMatching(/^[a-z0-9][a-z0-9+._-]{0,10}$/);
const pinnedPkg = fc.tuple(pkg, fc.constantFrom('', '=1.2.3-r0', '~1.2')).map(([p, v]) => p + v);
const duration = fc.tuple(fc.integer({ min: 1, max: 120 }), fc.constantFrom('ms', 's', 'm', 'h')).map(([n, u]) => `${n}${u}`);
// env values may name variables ($NAME, ${NAME}); labels may not
const envText = fromPattern(prop('env').additionalProperties as SchemaNode, 16);
const labelText = fromPattern(prop('labels').additionalProperties as SchemaNode, 16);
const setupCommand = fc.oneof(
  absPath.map((p) => `mkdir -p ${p}`),
  fc.tuple(fc.integer({ min: 1, max: 70000 }), absPath).map(([u, p]) => `chown ${u}:${u} ${p}`),
  fc.constantFrom('ln -s /usr/local/bin/app /usr/bin/app', 'chmod 0750 /var/lib/app', 'touch /etc/app.conf', 'wget -q -O /etc/app/ca.pem https://example.com/ca.pem', 'update-ca-certificates'),
  // shell words: quotes, globs and the base image's variables
  fc.constantFrom("sed -i 's|:80|:8080|' /etc/app.conf", 'rm -f /etc/app/*.example', 'mkdir -p "$HOME/.config/app"', "touch '/srv/app data/ready'", 'sed -i -e "s/^#\\(listen\\)/\\1/" /etc/app.conf'),
);
const execItem = fromPattern(item('args'), 12).filter((s) => s.length > 0);
// health check command lines that need a shell: operators, quotes, `$`, a backslash mid-line, a comment; PORT is filled in
const shellLine = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(
    'wget -qO- http://localhost:PORT/healthz || exit 1',
    'wget -q --spider http://127.0.0.1:PORT/ready >/dev/null 2>&1 || exit 1',
    'curl -fsS http://localhost:PORT/healthz | grep -q ok || exit 1',
    'nc -z localhost PORT || exit 1',
    '[ -f /tmp/healthy ] && test -s /tmp/healthy',
    'test "$(cat /run/app.state)" = up',
    "wget -qO- http://localhost:PORT/health | grep -q '\"status\":\"ok\"'",
    "printf 'GET / HTTP/1.0\\r\\n\\r\\n' | nc localhost PORT | grep -q 200",
    '/usr/local/bin/app ping --port=PORT; exit $?',
    'pidof app >/dev/null # the process is up',
  )).map(([port, line]) => line.replace('PORT', String(port))),
  // plain words joined by an operator
  fc.tuple(fc.array(fc.stringMatching(/^[A-Za-z0-9._\/:@%+,-]{1,10}$/), { minLength: 1, maxLength: 3 }), fc.constantFrom(' || exit 1', ' && echo ok', ' | grep -q ok', ' >/dev/null', '; exit 0'))
    .map(([words, op]) => words.join(' ') + op),
);
const gitUrl = fc.tuple(fc.constantFrom('https://github.com/', 'https://gitlab.example.com/', 'ssh://git@github.com/', 'git@github.com:'), segment, segment)
  .map(([h, o, r]) => `${h}${o}/${r}`);

const RESERVED_ENV = new Set(['CGO_ENABLED', 'GOOS', 'GOARCH', 'GOARM', 'GOPRIVATE', 'GONOSUMDB', 'GONOPROXY', 'GOPATH', 'GOMODCACHE', 'GOCACHE', 'GOFLAGS',
  'GOROOT', 'GOBIN', 'GO111MODULE', 'GOSUMDB', 'GOINSECURE', 'GONOSUMCHECK', 'GIT_SSH_COMMAND', 'PATH', 'HOME']);
const RESERVED_ARGS = /^(TARGET|BUILD)(OS|ARCH|VARIANT|PLATFORM)$/;

/** A base choice, with what the loader demands beside it (a digest for chainguard). */
const baseChoice = fc.oneof(
  fc.constant({}),
  fc.constant({ scratch: true }),
  fc.constantFrom('scratch', 'distroless/static', 'distroless/base', 'alpine', 'debian-slim').map((base) => ({ base })),
  fc.tuple(fc.constantFrom('chainguard/static', 'chainguard/glibc-dynamic'), hex64).map(([base, baseDigest]) => ({ base, baseDigest })),
  fc.constantFrom('alpine:3.20', 'debian:bookworm-slim', 'ubuntu:24.04', 'gcr.io/distroless/cc-debian12:nonroot', 'registry.example.com/team/runtime:1.4').map((base) => ({ base })),
  // distroless :debug: busybox's shell at /busybox/sh, so `setup` but no `packages`
  fc.constantFrom('gcr.io/distroless/static:debug', 'gcr.io/distroless/static-debian12:debug', 'gcr.io/distroless/base-nossl-debian12:debug').map((base) => ({ base })),
);
/** Bases `setup` runs on: a package manager's (alpine, debian), or a distroless :debug tag with busybox. */
const setupBase = (base?: string) => base !== undefined && (/^(alpine|debian-slim|alpine:|debian:|ubuntu:)/.test(base) || /^gcr\.io\/distroless\/.*:debug$/.test(base));
/** The setup commands a base runs: busybox has no update-ca-certificates (distroless ships the CA bundle). */
function setupOn(base: string | undefined, setup: string[]): string[] | undefined {
  const runs = setupBase(base) ? setup.filter((c) => !(base!.includes('distroless') && c === 'update-ca-certificates')) : [];
  return runs.length ? runs : undefined;
}

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** Valid GofileSpec objects, as a user could write them; every optional field sometimes present. */
export const specArbitrary: fc.Arbitrary<GofileSpec> = fc
  .record({
    source: fc.option(fc.record({ repo: gitUrl, ref: fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_+-]{0,6}(\/[A-Za-z0-9_][A-Za-z0-9_+-]{0,6})?$/), { nil: undefined }) }), { nil: undefined }),
    path: fc.oneof(fc.constant('.'), pkgPath.map((p) => `./${p}`), pkgPath),
    // more main packages, built like `path`
    binaries: fc.option(fc.uniqueArray(pkgPath.map((p) => `./cmd/${p}`), { minLength: 1, maxLength: 2, selector: (p) => p.split('/').pop() }), { nil: undefined }),
    // the image starts one of `binaries` (a migration job's image), or checks its health with it
    startsBinary: fc.constantFrom('no', 'entrypoint', 'healthcheck'),
    // a module below the context's (or repo's) root, as written: with or without ./ and a trailing /
    moduleDir: fc.option(fc.oneof(fc.constant('.'), relPath, relPath.map((p) => `./${p}/`)), { nil: undefined }),
    build: fc.option(fc.record({
      vars: fc.array(fc.constantFrom('VERSION', 'IMAGE_TAG', 'BUILD_IN_CONTAINER'), { maxLength: 2 }),
      head: fc.constantFrom('make', './build.sh', 'go run ./tools/build', 'mage', 'task'),
      words: fc.array(fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/), { maxLength: 2 }),
      output: relPath,
    }), { nil: undefined }),
    // a context without go.mod: its module path for go mod init
    initModule: fc.option(fc.oneof(segment, fc.tuple(fc.constantFrom('example.com', 'github.com/acme'), segment).map(([h, s]) => `${h}/${s}`)), { nil: undefined }),
    // a binary built elsewhere, its file picked by platform args and a build arg
    prebuilt: fc.option(fc.record({
      dir: fc.option(relPath, { nil: undefined }),
      vars: fc.subarray(['TARGETPLATFORM', 'TARGETOS', 'TARGETARCH', 'TARGETVARIANT']),
      file: segment,
      arg: fc.boolean(),
    }), { nil: undefined }),
    go: fc.option(fc.constantFrom('1.21', '1.22.5', '1.24', '1.25', '1.26.4', '1.27', '1.27rc1'), { nil: undefined }),
    name: fc.option(fromPattern(prop('name')), { nil: undefined }),
    cgo: fc.option(fc.boolean(), { nil: undefined }),
    tags: fc.option(fc.array(fromPattern(item('tags')), { maxLength: 3 }), { nil: undefined }),
    strip: fc.option(fc.boolean(), { nil: undefined }),
    // go build flags without a field: one per name; the race detector and C build modes only with cgo
    buildFlags: fc.option(fc.subarray(['-buildmode=pie', '-gcflags=all=-N -l', '-asmflags=all=-trimpath=/src', '-pgo=off', '-cover', '-covermode=atomic', '-race', '-buildmode=c-shared']), { nil: undefined }),
    trimpath: fc.option(fc.boolean(), { nil: undefined }),
    buildArgs: fc.option(fc.dictionary(envName.filter((n) => !RESERVED_ARGS.test(n) && !RESERVED_ENV.has(n)), fromPattern(prop('buildArgs').additionalProperties as SchemaNode), { maxKeys: 3 }), { nil: undefined }),
    ldflagsRaw: fc.array(fc.tuple(fc.constantFrom('-X main.version=', '-X github.com/acme/x/internal/build.Commit=', '-extldflags=-Wl,--build-id='), fc.boolean()), { maxLength: 3 }),
    buildEnv: fc.option(fc.dictionary(envName.filter((n) => !RESERVED_ENV.has(n)), fc.stringMatching(/^[A-Za-z0-9._/:@+,=%-]{0,10}$/), { maxKeys: 2 }), { nil: undefined }),
    buildPackages: fc.option(fc.array(pinnedPkg, { maxLength: 3 }), { nil: undefined }),
    platforms: fc.option(fc.subarray(item('platforms').enum!), { nil: undefined }),
    private: fc.option(fc.oneof(
      fc.record({ modules: fc.array(fromPattern(prop('private').properties!.modules.items, 24).filter((m) => !/^(github\.com|gitlab\.com)(\/[^\/]*[*?][^\/]*)?$/.test(m)), { minLength: 1, maxLength: 2 }), secret: fc.option(fromPattern(prop('private').properties!.secret, 8), { nil: undefined }) }),
      fc.record({ modules: fc.array(fc.tuple(fc.constantFrom('github.com', 'gitlab.acme.dev'), segment).map(([h, s]) => `${h}/${s}/*`), { minLength: 1, maxLength: 2 }), auth: fc.constant('ssh' as const) }),
    ), { nil: undefined }),
    builderChoice: fc.option(fc.constantFrom('golang:1.26-alpine', 'golang:1.26.4-trixie', 'registry.example.com/go/builder:2024.1'), { nil: undefined }),
    builderDigest: fc.option(hex64, { nil: undefined }),
    base: baseChoice,
    baseDigest: fc.option(hex64, { nil: undefined }),
    packages: fc.array(pinnedPkg, { maxLength: 3 }),
    certs: fc.option(fc.boolean(), { nil: undefined }),
    tzdata: fc.option(fc.boolean(), { nil: undefined }),
    user: fc.option(fc.oneof(fc.integer({ min: 1, max: 70000 }), fc.tuple(fc.integer({ min: 1, max: 70000 }), fc.integer({ min: 0, max: 70000 })).map(([u, g]) => `${u}:${g}`)), { nil: undefined }),
    // never in /root, which the loader refuses off scratch (root's home: the non-root user cannot enter it)
    workdir: fc.option(fc.oneof(fc.constant('/'), absPath.filter((p) => !/^\/root(\/|$)/.test(p))), { nil: undefined }),
    setup: fc.array(setupCommand, { maxLength: 3 }),
    env: fc.option(fc.dictionary(runtimeEnvName, envText, { maxKeys: 3 }), { nil: undefined }),
    volumes: fc.option(fc.array(absPath, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    // the program's own directories, never one the base has
    dirs: fc.option(fc.uniqueArray(fc.oneof(fc.constant('/data'), relPath.map((p) => `/var/lib/${p}`), absPath.map((p) => `/srv/app${p}`)), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    stopSignal: fc.option(fc.constantFrom('SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGRTMIN+3', '9'), { nil: undefined }),
    ports: fc.option(fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }).chain((ps) => fc.tuple(...ps.map((p) => fc.constantFrom<number | string>(p, `${p}/tcp`, `${p}/udp`)))), { nil: undefined }),
    labels: fc.option(fc.dictionary(fc.stringMatching(/^[a-z0-9][a-z0-9.-]{0,20}$/), labelText, { maxKeys: 3 }), { nil: undefined }),
    // the program: absolute, or relative to workdir
    entrypoint: fc.option(fc.tuple(fc.oneof(programPath, relPath.map((p) => `./${p}`), fc.tuple(segment, segment).map(([a, b]) => `${a}/${b}`)).filter(notShellOrCurl), fc.array(execItem, { maxLength: 2 })).map(([p, rest]) => [p, ...rest]), { nil: undefined }),
    args: fc.option(fc.array(execItem, { maxLength: 3 }), { nil: undefined }),
    healthcheck: fc.option(fc.record({
      cmd: fc.tuple(programPath, fc.array(execItem, { maxLength: 2 })).map(([p, rest]) => [p, ...rest]),
      // taken where the base has /bin/sh, else `cmd`
      shell: fc.option(shellLine, { nil: undefined }),
      interval: fc.option(duration, { nil: undefined }),
      timeout: fc.option(duration, { nil: undefined }),
      startPeriod: fc.option(duration, { nil: undefined }),
      retries: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
    }).map(withoutUndefined), { nil: undefined }),
    copy: fc.option(fc.array(fc.tuple(fc.oneof(
      fc.record({ src: relPath, dest: absPath }),
      // a file picked by the target platform
      fc.record({ src: fc.tuple(relPath, fc.constantFrom('TARGETARCH', 'TARGETPLATFORM', 'TARGETOS')).map(([p, v]) => `${p}-\${${v}}`), dest: absPath }),
      // a pattern, into a directory
      fc.record({ src: fc.tuple(relPath, fc.constantFrom('*', '*.conf', 'v?', 'a*b')).map(([p, g]) => `${p}/${g}`), dest: absPath.map((p) => `${p}/`) }),
      // the whole context, into a directory of its own
      fc.record({ src: fc.constantFrom('.', './'), dest: absPath.map((p) => `${p}/`) }),
      // out of another image: a tag or a digest, an absolute path in it
      fc.record({ from: fc.oneof(fc.constantFrom('busybox:1.36', 'registry.example.com/tools/jq:1.7', 'alpine:3.20'), hex64.map((d) => `busybox@${d}`)), src: absPath, dest: absPath }),
    // a mode, as COPY --chmod takes it (never writable by others)
    ), fc.option(fc.constantFrom('755', '0644', '600', '0750', '444', '044'), { nil: undefined })).map(([c, mode]) => (mode ? { ...c, mode } : c)), { maxLength: 2 }), { nil: undefined }),
  })
  .map((g) => {
    const args = Object.keys(g.buildArgs ?? {});
    const ldflags = g.ldflagsRaw.map(([flag, useArg]) => flag + (useArg && args.length ? `\${${args[0]}}` : 'x'));
    const base = g.base as { base?: string; scratch?: boolean; baseDigest?: string };
    const hasPm = base.base !== undefined && /^(alpine|debian-slim|alpine:|debian:|ubuntu:)/.test(base.base);
    const scratch = base.scratch || base.base === 'scratch';
    // a shell health check on a base with /bin/sh: alpine, debian, another image; the program it runs first installed where the base lacks it
    const shellBase = hasPm || base.base === 'registry.example.com/team/runtime:1.4';
    const setup = setupOn(base.base, g.setup);
    // one download tool per stage (lint rule curl-and-wget): a setup that runs wget makes the check use it too
    const hc: Healthcheck | undefined = g.healthcheck && (() => {
      const { cmd, shell, ...timing } = g.healthcheck;
      const line = setup?.some((c) => c.startsWith('wget ')) ? shell?.replace(/^curl -fsS /, 'wget -qO- ') : shell;
      return withoutUndefined(shellBase && line ? { shell: line, ...timing } : { cmd, ...timing });
    })();
    const prog = hasPm && hc?.shell ? /^(?:\S*\/)?(curl|wget)\s/.exec(hc.shell)?.[1] : undefined;
    const needs = prog && !(prog === 'wget' && /^alpine/.test(base.base!)) && !g.packages.some((p) => p.split(/[=~]/)[0] === prog) ? [prog] : [];
    const packages = [...g.packages, ...needs];
    // a build command: its variables are build args, and go build's own fields are left to the project's build
    const build = g.build && {
      command: [...g.build.vars.filter(() => args.length).map((v) => `${v}=\${${args[0]}}`), g.build.head, ...g.build.words].join(' '),
      output: g.build.output,
    };
    const pre = g.prebuilt && (() => {
      const arg = g.prebuilt.arg && args.length ? args[0] : undefined;
      const file = g.prebuilt.file + (arg ? `-\${${arg}}` : '');
      const path = [g.prebuilt.dir, g.prebuilt.vars.map((v) => `\${${v}}`).join('_') || undefined, file].filter(Boolean).join('/');
      return { path, arg, named: file.includes('$') };
    })();
    // the image side, the same for a prebuilt binary and a built one
    const runtime = {
      baseDigest: base.baseDigest ?? (scratch ? undefined : g.baseDigest), // scratch is no image to pin
      packages: hasPm && packages.length ? packages : undefined,
      certs: g.certs,
      tzdata: g.tzdata,
      user: g.user,
      workdir: g.workdir,
      setup,
      // a variable an env value names is PATH or an earlier entry, as on a real base
      env: g.env && Object.fromEntries(Object.entries(g.env).map(([k, v], i, all) => [k, v.replace(/\$(\{?)[A-Za-z_][A-Za-z0-9_]*/g, (_m, brace: string) => `$${brace}${envRef(all, i, v)}`)])),
      dirs: g.dirs,
      volumes: g.volumes,
      stopSignal: g.stopSignal,
      ports: g.ports as (number | string)[] | undefined,
      labels: g.labels,
      entrypoint: g.entrypoint,
      args: g.args,
      healthcheck: hc,
    };
    if (pre) {
      // a prebuilt binary: nothing of the go build, build args only for its path
      return withoutUndefined({
        ...base,
        path: '.',
        prebuilt: pre.path,
        name: pre.named ? g.name ?? 'app' : g.name,
        buildArgs: pre.arg ? { [pre.arg]: g.buildArgs![pre.arg] } : undefined,
        // scratch keeps a builder (certs, zoneinfo, /tmp): its Go version and digest may be named
        go: scratch ? g.go : undefined,
        builderDigest: scratch ? g.builderDigest : undefined,
        platforms: g.platforms,
        ...runtime,
        copy: g.copy,
      } as GofileSpec);
    }
    const spec: GofileSpec = withoutUndefined({
      repo: g.source?.repo,
      ref: g.source?.ref,
      path: build ? '.' : g.path,
      build,
      initModule: g.source || g.private || build || g.moduleDir ? undefined : g.initModule,
      moduleDir: g.moduleDir,
      binaries: build ? undefined : g.binaries,
      // a golang builder override and the Go version (go.mod's, in the lint) agree, as in a real module
      go: !g.cgo && g.builderChoice?.startsWith('golang:1.26') ? '1.26' : g.go,
      name: g.name,
      cgo: g.cgo,
      tags: build ? undefined : g.tags,
      ldflags: ldflags.length && !build ? ldflags : undefined,
      buildFlags: build ? undefined : (() => {
        const fs = (g.buildFlags ?? []).filter((f) => g.cgo || !/^-(race|buildmode=c-)/.test(f));
        const modes = fs.filter((f) => f.startsWith('-buildmode='));
        const kept = fs.filter((f) => !f.startsWith('-buildmode=') || f === modes[0]);
        return g.buildFlags && kept.length ? kept : undefined;
      })(),
      strip: build ? undefined : g.strip,
      trimpath: build ? undefined : g.trimpath,
      buildArgs: g.buildArgs,
      buildEnv: g.buildEnv && Object.fromEntries(Object.entries(g.buildEnv).filter(([k]) => !(k in (g.buildArgs ?? {})))),
      buildPackages: g.buildPackages,
      platforms: g.platforms,
      private: g.private ? withoutUndefined(g.private) : undefined,
      builder: g.cgo ? undefined : g.builderChoice, // a cgo builder must match the base's libc; the default does
      builderDigest: g.builderDigest,
      ...base,
      ...runtime,
      // a path in the cloned repo is fixed
      copy: g.source ? g.copy?.filter((c) => !c.src.includes('$')) : g.copy,
    });
    if (spec.copy && !spec.copy.length) delete spec.copy;
    // no extra binary named as the main one (its name may come from the repo or the module)
    if (spec.binaries) {
      const main = resolveSpec(spec).name;
      spec.binaries = spec.binaries.filter((p) => p.split('/').pop() !== main);
      if (!spec.binaries.length) delete spec.binaries;
      const extra = spec.binaries && `/usr/local/bin/${spec.binaries[0].split('/').pop()}`;
      if (extra && g.startsBinary === 'entrypoint') spec.entrypoint = [extra, 'up'];
      if (extra && g.startsBinary === 'healthcheck') spec.healthcheck = { cmd: [extra] };
    }
    return spec;
  });
