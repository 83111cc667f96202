// Table tests: one Dockerfile of each kind the corpus has, with the exact spec and the exact report convert gives.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile, type DockerfileKind, type Outcome } from '../../src/convert/index.js';
import type { GofileSpec } from '../../src/spec/types.js';

interface Case {
  name: string;
  kind: DockerfileKind;
  dockerfile: string[];
  spec: GofileSpec;
  /** [line, outcome, fields, reason (for dropped and not representable)] for every instruction. */
  report: [number, Outcome, string[], string?][];
}

const CASES: Case[] = [
  {
    name: 'scratch',
    kind: 'multistage-scratch',
    dockerfile: ["# syntax=docker/dockerfile:1","ARG GO_VERSION=1.23","FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build","RUN apk add --no-cache git ca-certificates tzdata","WORKDIR /src","COPY go.mod go.sum ./","RUN go mod download","COPY . .","ARG VERSION=dev","ARG TARGETOS TARGETARCH","RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags=\"-s -w -X main.version=${VERSION}\" -tags netgo -o /out/api ./cmd/api","FROM scratch","COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/","COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo","COPY --from=build /out/api /api","USER 10001:10001","EXPOSE 8080","ENTRYPOINT [\"/api\"]","CMD [\"serve\"]"],
    spec: {"go":"1.23","buildArgs":{"VERSION":"dev"},"ldflags":["-X main.version=${VERSION}"],"tags":["netgo"],"path":"./cmd/api","base":"scratch","user":"10001:10001","ports":[8080],"args":["serve"]},
    report: [
      [2, 'carried', ["go"]],
      [3, 'carried', ["go"]],
      [4, 'dropped', [], "git: expand installs what the build needs (git for repo and private modules, a C toolchain for cgo); ca-certificates tzdata: the golang images carry them for the build"],
      [5, 'dropped', [], "expand builds in /src"],
      [6, 'dropped', [], "expand bind-mounts go.mod and go.sum for `go mod download`"],
      [7, 'dropped', [], "`go mod download`: expand always downloads modules in a cached step"],
      [8, 'dropped', [], "source for the build: expand bind-mounts the build context"],
      [9, 'carried', ["buildArgs"]],
      [10, 'dropped', [], "TARGETOS: expand declares the platform args itself; TARGETARCH: expand declares the platform args itself"],
      [11, 'carried', ["ldflags","strip","tags","name","trimpath","path","cgo"]],
      [12, 'carried', ["base"]],
      [13, 'carried', ["certs"]],
      [14, 'carried', ["tzdata"]],
      [15, 'carried', ["name"]],
      [16, 'carried', ["user"]],
      [17, 'carried', ["ports"]],
      [18, 'carried', ["entrypoint"]],
      [19, 'carried', ["args"]],
    ],
  },
  {
    name: 'distroless',
    kind: 'multistage-distroless',
    dockerfile: ["FROM golang:1.22 AS builder","WORKDIR /app","COPY . .","RUN CGO_ENABLED=0 go build -o server .","FROM gcr.io/distroless/static-debian12:nonroot","COPY --from=builder /app/server /server","COPY config.yaml /etc/app/config.yaml","ENV LOG_LEVEL=info","LABEL org.opencontainers.image.source=https://github.com/acme/server","USER nonroot:nonroot","VOLUME /data","ENTRYPOINT [\"/server\"]"],
    spec: {"go":"1.22","name":"server","strip":false,"trimpath":false,"path":".","copy":[{"src":"config.yaml","dest":"/etc/app/config.yaml"}],"env":{"LOG_LEVEL":"info"},"labels":{"org.opencontainers.image.source":"https://github.com/acme/server"},"volumes":["/data"]},
    report: [
      [1, 'carried', ["go"]],
      [2, 'dropped', [], "expand builds in /src"],
      [3, 'dropped', [], "source for the build: expand bind-mounts the build context"],
      [4, 'carried', ["name","strip","trimpath","path","cgo"]],
      [5, 'carried', ["base"]],
      [6, 'carried', ["name"]],
      [7, 'carried', ["copy"]],
      [8, 'carried', ["env"]],
      [9, 'carried', ["labels"]],
      [10, 'carried', ["user"]],
      [11, 'carried', ["volumes"]],
      [12, 'carried', ["entrypoint"]],
    ],
  },
  {
    name: 'alpine',
    kind: 'multistage-alpine',
    dockerfile: ["FROM golang:1.24-alpine AS build","WORKDIR /go/src/app","COPY . .","RUN go build -o /bin/worker ./cmd/worker && make docs","FROM alpine:3.20","RUN apk add --no-cache ca-certificates curl && adduser -D -u 1001 app","COPY --from=build /bin/worker /usr/bin/worker","USER app","WORKDIR /home/app","HEALTHCHECK --interval=10s CMD [\"/usr/bin/worker\", \"ping\"]","CMD [\"worker\", \"--queue\", \"default\"]"],
    spec: {"go":"1.24","strip":false,"trimpath":false,"path":"./cmd/worker","packages":["curl"],"base":"alpine:3.20","user":1001,"workdir":"/home/app","healthcheck":{"cmd":["/usr/local/bin/worker","ping"],"interval":"10s"},"args":["--queue","default"]},
    report: [
      [1, 'carried', ["go"]],
      [2, 'dropped', [], "expand builds in /src"],
      [3, 'dropped', [], "source for the build: expand bind-mounts the build context"],
      [4, 'unrepresentable', ["name","strip","trimpath","path"], "`make docs` is not something the spec can say; `go build` → name, strip, trimpath, path; CGO_ENABLED is unset (cgo on where a C compiler is found): the spec builds static, cgo: false"],
      [5, 'carried', ["base"]],
      [6, 'carried', ["certs","packages"]],
      [7, 'carried', ["name"]],
      [8, 'carried', ["user"]],
      [9, 'carried', ["workdir"]],
      [10, 'carried', ["healthcheck"]],
      [11, 'carried', ["entrypoint","args"]],
    ],
  },
  {
    name: 'debian',
    kind: 'multistage-debian',
    dockerfile: ["FROM golang:1.25-bookworm AS build","RUN apt-get update && apt-get install -y libsqlite3-dev","WORKDIR /src","COPY . .","RUN CGO_ENABLED=1 go build -tags sqlite_omit_load_extension -o /out/store ./cmd/store","FROM debian:bookworm-slim","RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libsqlite3-0 && rm -rf /var/lib/apt/lists/*","COPY --from=build /out/store /usr/local/bin/store","USER 1000","ENTRYPOINT [\"/usr/local/bin/store\"]"],
    spec: {"go":"1.25","tags":["sqlite_omit_load_extension"],"strip":false,"trimpath":false,"path":"./cmd/store","cgo":true,"buildPackages":["libsqlite3-dev"],"packages":["libsqlite3-0"],"base":"debian:bookworm-slim","user":1000,"builder":"golang:1.25-bookworm"},
    report: [
      [1, 'carried', ["go"]],
      [2, 'carried', ["buildPackages"]],
      [3, 'dropped', [], "expand builds in /src"],
      [4, 'dropped', [], "source for the build: expand bind-mounts the build context"],
      [5, 'carried', ["tags","name","strip","trimpath","path","cgo"]],
      [6, 'carried', ["base"]],
      [7, 'carried', ["certs","packages"]],
      [8, 'carried', ["name"]],
      [9, 'carried', ["user"]],
      [10, 'carried', ["entrypoint"]],
    ],
  },
  {
    name: 'other',
    kind: 'multistage-other',
    dockerfile: ["FROM golang:1.26 AS build","WORKDIR /src","COPY . .","RUN CGO_ENABLED=0 go build -trimpath -ldflags \"-s -w\" -o /out/tool .","FROM busybox:1.36","COPY --from=build /out/tool /bin/tool","STOPSIGNAL SIGINT","ENTRYPOINT [\"/bin/tool\"]"],
    spec: {"go":"1.26","name":"tool","path":".","base":"busybox:1.36","stopSignal":"SIGINT"},
    report: [
      [1, 'carried', ["go"]],
      [2, 'dropped', [], "expand builds in /src"],
      [3, 'dropped', [], "source for the build: expand bind-mounts the build context"],
      [4, 'carried', ["strip","name","trimpath","path","cgo"]],
      [5, 'carried', ["base"]],
      [6, 'carried', ["name"]],
      [7, 'carried', ["stopSignal"]],
      [8, 'carried', ["entrypoint"]],
    ],
  },
  {
    name: 'single',
    kind: 'single-stage-golang',
    dockerfile: ["FROM golang:1.21","ENV GOPRIVATE=github.com/acme/*","WORKDIR /app","COPY . .","RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download","RUN go build -o /usr/local/bin/app ./cmd/app","EXPOSE 3000","CMD [\"app\"]"],
    spec: {"go":"1.21","strip":false,"trimpath":false,"path":"./cmd/app","private":{"modules":["github.com/acme/*"]},"ports":[3000]},
    report: [
      [1, 'carried', ["go"]],
      [2, 'carried', ["private"]],
      [3, 'dropped', [], "the build's directory; the spec's image holds only the binary"],
      [4, 'dropped', [], "source for the build: expand bind-mounts the build context, and the image holds only the binary (add `copy` entries for files the program reads at run time)"],
      [5, 'dropped', [], "secret mount: expand mounts credentials for `private` modules; `go mod download`: expand always downloads modules in a cached step"],
      [6, 'carried', ["name","strip","trimpath","path"]],
      [7, 'carried', ["ports"]],
      [8, 'carried', ["entrypoint","args"]],
    ],
  },
  {
    name: 'prebuilt',
    kind: 'prebuilt-binary',
    dockerfile: ["FROM alpine:3.19","RUN apk add --no-cache ca-certificates","COPY dist/linux/app /usr/bin/app","ENTRYPOINT [\"/usr/bin/app\"]"],
    spec: {"base":"alpine:3.19","path":".","prebuilt":"dist/linux/app"},
    report: [
      [1, 'carried', ["base"]],
      [2, 'carried', ["certs"]],
      [3, 'carried', ["prebuilt","name"]],
      [4, 'carried', ["entrypoint"]],
    ],
  },
];

describe('convertDockerfile, one Dockerfile per kind', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const r = convertDockerfile(parseDockerfile(c.dockerfile.join('\n') + '\n'));
      expect(r.refused).toBeUndefined();
      expect(r.kind).toBe(c.kind);
      expect(r.spec).toEqual(c.spec);
      expect(r.report.map((n) => (n.outcome === 'carried' ? [n.line, n.outcome, n.fields] : [n.line, n.outcome, n.fields, n.reason]))).toEqual(c.report);
    });
  }
});

describe('a context without go.mod', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  it('reads go mod init <path> in the builder as initModule', () => {
    const r = convert(['FROM golang:1.26 AS build', 'WORKDIR /app', 'RUN go mod init hello-app', 'COPY *.go ./', 'RUN CGO_ENABLED=0 go build -o /hello-app', 'FROM gcr.io/distroless/static-debian12', 'COPY --from=build /hello-app /hello-app', 'CMD ["/hello-app"]']);
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(r.spec).toMatchObject({ initModule: 'hello-app' });
    expect(r.spec.name).toBeUndefined(); // the module path names the binary
  });
  it('reports go mod init followed by go mod tidy, which fetches dependencies the spec would not', () => {
    const r = convert(['FROM golang:1.26 AS build', 'WORKDIR /app', 'COPY *.go ./', 'RUN go mod init hello && go mod tidy', 'RUN CGO_ENABLED=0 go build -o /hello', 'FROM scratch', 'COPY --from=build /hello /hello', 'ENTRYPOINT ["/hello"]']);
    expect(r.spec.initModule).toBeUndefined();
    expect(r.report.find((n) => n.line === 4)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^`go mod init` then `go mod tidy` fetches dependencies/) });
  });
});

describe('the runtime base', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  const image = (base: string, build = 'RUN CGO_ENABLED=0 go build -o /app .') => convert(['FROM golang:1.24-alpine AS b', build, `FROM ${base}`, 'COPY --from=b /app /app', 'ENTRYPOINT ["/app"]']);
  it('reads Docker\'s per-architecture copy of an official image as that image on its one platform', () => {
    const r = image('arm64v8/alpine');
    expect(r.spec).toMatchObject({ base: 'alpine', platforms: ['linux/arm64'] });
    expect(r.report.find((n) => n.line === 3)).toMatchObject({ outcome: 'carried', fields: ['base', 'platforms'], reason: expect.stringMatching(/^arm64v8\/alpine is alpine for linux\/arm64 only: base: alpine/) });
    expect(image('arm32v7/debian:bookworm-slim').spec).toMatchObject({ base: 'debian-slim', platforms: ['linux/arm/v7'] }); // the keyword's release for Go 1.24
  });
  it('agrees with a GOARCH the build sets to the same platform, and reports one set to another', () => {
    expect(image('arm64v8/alpine', 'RUN CGO_ENABLED=0 GOARCH=arm64 go build -o /app .').report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(image('arm64v8/alpine', 'RUN CGO_ENABLED=0 GOARCH=amd64 go build -o /app .').report.find((n) => n.line === 3))
      .toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^arm64v8\/alpine exists for linux\/arm64 only, but the build targets linux\/amd64;/) });
  });
  it('reads an unpinned Chainguard image as its keyword, reported with what the keyword needs: a digest', () => {
    const r = image('cgr.dev/chainguard/glibc-dynamic');
    expect(r.spec.base).toBeUndefined();
    expect(r.report.find((n) => n.line === 3)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^`base`: `base: chainguard\/glibc-dynamic`: Chainguard's free images publish only :latest, so pin it with `baseDigest/) });
  });
  it('keeps an image that only looks like one (another registry, a digest) as it is', () => {
    expect(image('registry.example.com/arm64v8/alpine:3.20').spec).toMatchObject({ base: 'registry.example.com/arm64v8/alpine:3.20' });
    expect(image('arm64v8/alpine:3.20@sha256:' + 'a'.repeat(64)).spec).toMatchObject({ base: 'arm64v8/alpine:3.20', baseDigest: 'sha256:' + 'a'.repeat(64) });
    expect(image('arm64v8/alpine:3.20@sha256:' + 'a'.repeat(64)).spec.platforms).toBeUndefined();
  });
});

describe('a Go toolchain environment', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  it('reports a golang image that builds and runs nothing of its own (a dev container, a build base)', () => {
    const r = convert(['FROM golang:1.26-alpine', 'RUN apk add --no-cache git make', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download']);
    expect(r.kind).toBe('single-stage-golang');
    expect(r.report.find((n) => n.line === 1)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^the image builds no binary convert can see/) });
  });
  it('reports go install tool, which installs the module\'s tools rather than a program', () => {
    const r = convert(['FROM golang:1.26-alpine', 'WORKDIR /build', 'COPY go.mod go.sum ./', 'RUN go install tool']);
    expect(r.report.find((n) => n.line === 4)?.reason).toMatch(/^`tool` is a package pattern \(the module's tools\), not one main package/);
  });
});

describe('where the binary lands', () => {
  it('reports a start command that names a path under the binary\'s destination, a directory of the base the spec does not make', () => {
    const r = convertDockerfile(parseDockerfile(['FROM golang:1.26 AS build', 'COPY . .', 'RUN CGO_ENABLED=1 go build -buildmode=c-shared -o /out/plugin.so .', 'FROM fluent/fluent-bit:3.0', 'COPY --from=build /out/plugin.so /fluent-bit/bin', 'CMD ["/fluent-bit/bin/fluent-bit", "-e", "/fluent-bit/bin/plugin.so"]'].join('\n') + '\n'));
    expect(r.report.find((n) => n.line === 6)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^`\/fluent-bit\/bin\/fluent-bit` is under \/fluent-bit\/bin, where the binary was copied/) });
  });
});

describe('what comes with the binary', () => {
  it('reports a COPY of the whole directory the builder put the context and the binary in', () => {
    const r = convertDockerfile(parseDockerfile(['FROM golang:1.21 AS builder', 'ADD . /app', 'WORKDIR /app', 'RUN CGO_ENABLED=0 go build -o app ./cmd/server', 'FROM alpine:3.20', 'COPY --from=builder /app .', 'CMD ["./app"]'].join('\n') + '\n'));
    expect(r.report.find((n) => n.line === 6)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^copies all of \/app, the build context the builder put there as well as the binary/) });
  });
  it('takes a directory with only the binary in it as the binary', () => {
    const r = convertDockerfile(parseDockerfile(['FROM golang:1.21 AS builder', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/server', 'FROM alpine:3.20', 'COPY --from=builder /out/ /usr/local/bin/', 'ENTRYPOINT ["/usr/local/bin/app"]'].join('\n') + '\n'));
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
  });
});

describe('the whole build context in the image', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  const BUILD = ['FROM golang:1.24-alpine AS b', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20'];
  it('carries a COPY of the whole context into a directory as `copy` of `.`, dest ending in /', () => {
    for (const [line, dest] of [['COPY . /srv/app', '/srv/app/'], ['COPY ./ /opt/app/', '/opt/app/']]) {
      const r = convert([...BUILD, 'COPY --from=b /out/app /usr/local/bin/app', line, 'ENTRYPOINT ["/usr/local/bin/app"]']);
      expect(r.spec.copy).toEqual([{ src: '.', dest }]);
      expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    }
  });
  it('reports it into /, where it would mix with the base\'s own directories', () => {
    const r = convert([...BUILD, 'COPY --from=b /out/app /usr/local/bin/app', 'COPY . /', 'ENTRYPOINT ["/usr/local/bin/app"]']);
    expect(r.spec.copy).toBeUndefined();
    expect(r.report.find((n) => n.line === 7)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^`copy`: `copy\[0\]\.dest` is \/: the whole build context there/) });
  });
  it('reports a program no go build writes and no COPY brings, which the spec would build from `path`', () => {
    const r = convert(['FROM golang:1.24 AS b', 'FROM scratch', 'COPY --from=b /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', 'COPY ./ /opt/tool/', 'ENTRYPOINT ["/opt/tool/bin/tool"]']);
    expect(r.report.find((n) => n.line === 5)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^no go build writes `\/opt\/tool\/bin\/tool` and no COPY convert can follow brings it/) });
  });
});

describe('a copy\'s mode', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  const image = (copy: string) => convert(['FROM golang:1.24-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /app .', 'FROM alpine:3.20', 'COPY --from=b /app /usr/local/bin/app', copy, 'ENTRYPOINT ["/usr/local/bin/app"]']);
  it('carries an octal --chmod into `mode`, three digits', () => {
    const r = image('COPY --chmod=0755 scripts/entrypoint.sh /entrypoint.sh');
    expect(r.spec.copy).toEqual([{ src: 'scripts/entrypoint.sh', dest: '/entrypoint.sh', mode: '755' }]);
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(image('COPY --chmod=644 --from=busybox:1.36 /etc/x.conf /etc/x.conf').spec.copy).toEqual([{ from: 'busybox:1.36', src: '/etc/x.conf', dest: '/etc/x.conf', mode: '644' }]);
  });
  it('reports a mode `copy` cannot take: symbolic, setuid, or writable by every user', () => {
    expect(image('COPY --chmod=u+x run.sh /run.sh').report.find((n) => n.line === 5)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/^--chmod=u\+x: `copy` takes an octal mode of three digits/) });
    expect(image('COPY --chmod=4755 run.sh /run.sh').report.find((n) => n.line === 5)?.outcome).toBe('unrepresentable');
    const open = image('COPY --chmod=777 run.sh /run.sh');
    expect(open.spec.copy).toBeUndefined();
    expect(open.report.find((n) => n.line === 5)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/makes the files writable by every user/) });
  });
});

describe('directories a stage only makes', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  const BUILD = ['FROM golang:1.24-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /app .'];
  const FS = ['FROM golang:1.24 AS fs', 'COPY cmd/app/app.yaml /app.yaml', 'RUN mkdir -p /etc/app /data/rules && cp /app.yaml /etc/app/config.yaml && chown -R 10001:10001 /etc/app /data'];
  const image = (...lines: string[]) => convert([...BUILD, ...FS, 'FROM gcr.io/distroless/static:nonroot', 'COPY --from=b /app /usr/local/bin/app', ...lines, 'ENTRYPOINT ["/usr/local/bin/app"]']);
  it('reads them, copied --chown to the image\'s user, as `dirs`, and the context files in them as `copy`', () => {
    const r = image('COPY --from=fs --chown=10001:10001 /etc/app /etc/app', 'COPY --from=fs --chown=10001:10001 /data /data', 'USER 10001');
    expect(r.spec).toMatchObject({ user: 10001, dirs: ['/etc/app', '/data', '/data/rules'], copy: [{ src: 'cmd/app/app.yaml', dest: '/etc/app/config.yaml' }] });
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(r.report.find((n) => n.line === 8)).toMatchObject({ outcome: 'carried', fields: ['dirs', 'copy'], reason: expect.stringMatching(/the files in them \(cmd\/app\/app\.yaml\) are context files, copied owned by root/) });
  });
  it('reports them owned by another account than the user, or copied without --chown', () => {
    expect(image('COPY --from=fs --chown=10001:10001 /data /data').report.find((n) => n.line === 8))
      .toMatchObject({ outcome: 'unrepresentable', reason: '--chown=10001:10001: /data /data/rules would be owned by 10001:10001, but `dirs` are the image\'s user\'s (65532:65532)' });
    expect(image('COPY --from=fs /data /data', 'USER 10001').report.find((n) => n.line === 8)?.outcome).toBe('unrepresentable');
  });
  it('reports a stage that may write there another way (a command convert cannot read, a mode)', () => {
    const r = convert([...BUILD, 'FROM alpine:3.20 AS fs', 'RUN mkdir -p /data && ./seed.sh /data', 'FROM alpine:3.20', 'COPY --from=b /app /app', 'COPY --from=fs --chown=65532 /data /data', 'ENTRYPOINT ["/app"]']);
    expect(r.report.find((n) => n.line === 7)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringMatching(/makes empty directories for `dirs` \(stage `fs` made it, but `seed\.sh` on line 4 may write there\)/) });
    const moded = convert([...BUILD, 'FROM alpine:3.20 AS fs', 'RUN mkdir -p -m 0700 /data', 'FROM alpine:3.20', 'COPY --from=b /app /app', 'COPY --from=fs --chown=65532 /data /data', 'ENTRYPOINT ["/app"]']);
    expect(moded.report.find((n) => n.line === 7)?.reason).toMatch(/`mkdir` on line 4 sets a mode there/);
  });
  it('reads a command before a `mkdir` without -p as writing nothing there (the mkdir would fail)', () => {
    const r = convert([...BUILD, 'FROM alpine:3.20 AS fs', 'RUN ./prepare.sh && mkdir /data', 'FROM alpine:3.20', 'COPY --from=b /app /app', 'COPY --from=fs --chown=65532 /data /data', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.dirs).toEqual(['/data']);
  });
});

describe('variables a golang image sets', () => {
  it('reads WORKDIR and COPY under $GOPATH as /go, which the golang image sets', () => {
    const r = convertDockerfile(parseDockerfile(['FROM golang:1.26 AS build', 'WORKDIR $GOPATH/src/example.com/app', 'COPY . $GOPATH/src/example.com/app', 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app', 'FROM scratch', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'].join('\n') + '\n'));
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(r.spec.path).toBe('./cmd/app');
  });
  it('still takes a WORKDIR under a variable no image or instruction sets as unknown', () => {
    const r = convertDockerfile(parseDockerfile(['FROM golang:1.26 AS build', 'WORKDIR $SRC/app', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app', 'FROM scratch', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]'].join('\n') + '\n'));
    expect(r.report.find((n) => n.line === 4)?.reason).toMatch(/the build runs in a directory set from a variable with no value/);
  });
});

describe('go build flags without a field', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  it('carries -race, -buildmode and a quoted -gcflags into buildFlags (the last of a flag wins), and drops -race=false', () => {
    const r = convert(['FROM golang:1.26 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=1 go build -race -buildmode pie -buildmode=pie -gcflags "all=-N  -l" -cover=false -o /out/app .', 'FROM debian:bookworm-slim', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(r.spec.buildFlags).toEqual(['-race', '-buildmode=pie', '-gcflags=all=-N -l']);
  });
  it('reports a flag the loader refuses (the race detector without cgo) against the build', () => {
    const r = convert(['FROM golang:1.26 AS build', 'COPY . .', 'RUN CGO_ENABLED=0 go build -race -o /out/app .', 'FROM scratch', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.buildFlags).toBeUndefined();
    expect(r.report.find((n) => n.line === 3)?.reason).toMatch(/^`buildFlags`: `buildFlags\[0\]` -race needs cgo/);
  });
});

describe('a prebuilt binary', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  const lost = (r: ReturnType<typeof convert>) => r.report.filter((n) => n.outcome === 'unrepresentable').map((n) => [n.line, n.reason]);
  it('keeps the platform args that pick its file, and makes other ARGs build args with their defaults', () => {
    const r = convert(['FROM scratch', 'ARG TARGETOS TARGETARCH', 'ARG VERSION=1.2', 'ARG FIXED_ARCH=arm64', 'COPY --chmod=0755 ./dist/app_${VERSION}_${TARGETOS}_$TARGETARCH-$FIXED_ARCH /app', 'ENTRYPOINT ["/app"]']);
    expect(lost(r)).toEqual([]);
    expect(r.spec).toMatchObject({ prebuilt: 'dist/app_${VERSION}_${TARGETOS}_${TARGETARCH}-${FIXED_ARCH}', buildArgs: { VERSION: '1.2', FIXED_ARCH: 'arm64' }, name: 'app' });
  });
  it('takes a platform arg with a default as that value, and one the stage does not declare as nothing', () => {
    const r = convert(['FROM scratch', 'ARG TARGETARCH=riscv64', 'COPY dist/$TARGETOS/app-$TARGETARCH /app', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.prebuilt).toBe('dist/app-riscv64');
  });
  it('reports a mode or owner other than expand\'s 0755 root:root', () => {
    const r = convert(['FROM alpine:3.20', 'COPY --chmod=700 --chown=10:10 app /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]']);
    expect(lost(r)).toEqual([[2, '--chmod=700: expand installs the binary with mode 0755; the prebuilt binary → prebuilt, installed as /usr/local/bin/app; --chown=10:10: expand installs the binary owned by root on purpose, so the program cannot replace its own file']]);
  });
  it('keeps the platform args (and its build args) a context file is picked by in `copy`', () => {
    const r = convert(['FROM alpine:3.20', 'ARG TARGETARCH', 'ARG V=1', 'COPY app-$V /usr/local/bin/app', 'COPY plugins/${TARGETARCH}/x-$V.so /usr/lib/x.so', 'ENTRYPOINT ["/usr/local/bin/app"]']);
    expect(lost(r)).toEqual([]);
    expect(r.spec).toMatchObject({ prebuilt: 'app-${V}', buildArgs: { V: '1' }, copy: [{ src: 'plugins/${TARGETARCH}/x-${V}.so', dest: '/usr/lib/x.so' }] });
  });
  it('reports a build arg in a platform-picked context file when nothing else declares build args there', () => {
    const r = convert(['FROM golang:1.26 AS build', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'ARG TARGETARCH', 'ARG V=1', 'COPY --from=build /out/app /app', 'COPY plugins/${TARGETARCH}/x-$V.so /usr/lib/x.so', 'ENTRYPOINT ["/app"]']);
    expect(lost(r)).toEqual([[8, expect.stringMatching(/^`copy`: `copy\[0\].src` uses \$\{V\}/)]]);
  });
  it('reads the golang stage scratch takes certs and /tmp from as the builder, its Go version and digest', () => {
    const digest = 'sha256:' + 'cd'.repeat(32);
    const r = convert([`FROM golang:1.25-alpine@${digest} AS build`, 'RUN mkdir -p -m 1777 /rootfs/tmp', 'FROM scratch', 'COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', 'COPY --from=build /rootfs/ /', 'COPY app /app', 'ENTRYPOINT ["/app"]']);
    expect(lost(r)).toEqual([]);
    expect(r.spec).toMatchObject({ prebuilt: 'app', go: '1.25', builderDigest: digest });
    expect(r.report.find((n) => n.line === 1)?.fields).toEqual(['go', 'builder', 'builderDigest']);
  });
  it('keeps the golang image a prebuilt tool is copied into as its base (the tool runs go), instead of building from source', () => {
    const r = convert(['FROM golang:1.26-alpine3.23', 'COPY --chmod=755 ocb /usr/local/bin/ocb', 'ENTRYPOINT ["ocb"]']);
    expect(r.kind).toBe('single-stage-golang');
    expect(lost(r)).toEqual([]);
    expect(r.spec).toMatchObject({ prebuilt: 'ocb', base: 'golang:1.26-alpine3.23' });
    expect(r.spec.go).toBeUndefined();
  });
  it('does not take a file out of another image for the binary', () => {
    const r = convert(['FROM alpine:3.20', 'COPY --from=busybox:1.36 /bin/busybox /opt/tool', 'COPY tool /usr/local/bin/tool', 'ENTRYPOINT ["/opt/tool"]']);
    expect(r.spec).toMatchObject({ prebuilt: 'tool', copy: [{ from: 'busybox:1.36', src: '/bin/busybox', dest: '/opt/tool' }] });
  });
  it('finds the binary in a bin directory when the image starts something else', () => {
    const r = convert(['FROM alpine:3.20', 'COPY --chmod=755 build/tool /usr/local/bin/tool', 'ENTRYPOINT ["/bin/sh", "-c", "exec /opt/run.sh"]']);
    expect(r.spec).toMatchObject({ prebuilt: 'build/tool', entrypoint: ['/bin/sh', '-c', 'exec /opt/run.sh'] });
  });
});

describe('refusals', () => {
  const refuse = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  it('refuses a Node image', () => {
    const r = refuse(['FROM node:20-alpine', 'WORKDIR /app', 'COPY . .', 'RUN npm ci && npm run build', 'CMD ["node", "dist/index.js"]']);
    expect(r.kind).toBe('not-go');
    expect(r.refused).toBe('not a Go build: no stage uses a Go toolchain (a golang image or the go command), and it runs `node`, which no go build makes and no COPY brings in from the build context');
    expect(r.report).toEqual([]);
  });
  it('refuses a file with no FROM', () => {
    expect(refuse(['CMD ["x"]']).refused).toMatch(/no build stage|FROM/);
  });
  it('refuses a Windows image', () => {
    expect(refuse(['FROM golang:1.22-windowsservercore-ltsc2022', 'RUN go build -o app.exe .']).refused).toMatch(/Windows/);
  });
});

describe('reading the go build', () => {
  const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
  const build = (cmd: string, before: string[] = []) => convert(['FROM golang:1.23-alpine AS b', 'WORKDIR /src', ...before, `RUN ${cmd}`, 'FROM scratch', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
  it('reads -X version injection from a build arg with its default', () => {
    const r = build('go build -ldflags "-s -w -X main.version=$VERSION -X main.commit=${COMMIT}" -o /out/app .', ['ARG VERSION=1.0.0', 'ARG COMMIT']);
    expect(r.spec.buildArgs).toEqual({ VERSION: '1.0.0', COMMIT: '' });
    expect(r.spec.ldflags).toEqual(['-X main.version=${VERSION}', '-X main.commit=${COMMIT}']);
    expect(r.spec.strip).toBeUndefined();
  });
  it('reports a command substitution in -ldflags as not representable', () => {
    const r = build('go build -ldflags "-X main.commit=$(git rev-parse HEAD)" -o /out/app .');
    expect(r.report.find((n) => n.line === 3)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringContaining('runs a command') });
  });
  it('reads GOFLAGS, tags (the last -tags wins) and a fixed GOARCH', () => {
    const r = build('GOARCH=arm64 go build -tags a,b -tags c -o /out/app ./cmd/app', ['ENV GOFLAGS=-trimpath']);
    expect(r.spec).toMatchObject({ path: './cmd/app', tags: ['c'], platforms: ['linux/arm64'] });
    expect(r.spec.trimpath).toBeUndefined();
  });
  it('takes the package from an import path under /go/src', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'WORKDIR /go/src/github.com/acme/tool', 'COPY . .', 'RUN go build -o /out/tool github.com/acme/tool/cmd/tool', 'FROM scratch', 'COPY --from=b /out/tool /tool', 'ENTRYPOINT ["/tool"]']);
    expect(r.spec.path).toBe('./cmd/tool');
  });
  it('reads a git clone as repo and ref', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN apk add git && git clone --depth 1 -b v1.2.0 https://github.com/acme/tool /src', 'WORKDIR /src', 'RUN CGO_ENABLED=0 go build -o /out/tool .', 'FROM scratch', 'COPY --from=b /out/tool /tool', 'ENTRYPOINT ["/tool"]']);
    expect(r.spec).toMatchObject({ repo: 'https://github.com/acme/tool', ref: 'v1.2.0', path: '.' });
  });
  it('reads private modules over ssh', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'ENV GOPRIVATE=github.com/acme/*', 'WORKDIR /src', 'RUN --mount=type=ssh go mod download', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM scratch', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.private).toEqual({ modules: ['github.com/acme/*'], auth: 'ssh' });
  });
  it('keeps a digest pin on both images', () => {
    const d1 = 'sha256:' + 'a'.repeat(64);
    const d2 = 'sha256:' + 'b'.repeat(64);
    const r = convert([`FROM golang:1.23-alpine@${d1} AS b`, 'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/app .', `FROM gcr.io/distroless/static-debian12:nonroot@${d2}`, 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.spec).toEqual({ path: '.', go: '1.23', builder: 'golang:1.23-alpine', builderDigest: d1, base: 'gcr.io/distroless/static-debian12:nonroot', baseDigest: d2 });
  });
  it('reads a second shipped binary of the module, built the same way, into binaries, and its new path into the health check', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN go build -o /out/a ./cmd/a', 'RUN go build -o /out/b ./cmd/b', 'FROM scratch', 'COPY --from=b /out/a /out/b /usr/bin/', 'HEALTHCHECK CMD ["/usr/bin/b", "ping"]', 'ENTRYPOINT ["/usr/bin/a"]']);
    expect(r.spec).toMatchObject({ path: './cmd/a', binaries: ['./cmd/b'], healthcheck: { cmd: ['/usr/local/bin/b', 'ping'] } });
    expect(r.report.find((n) => n.line === 3)).toMatchObject({ outcome: 'carried', fields: ['binaries'] });
    expect(r.report.find((n) => n.line === 5)).toMatchObject({ outcome: 'carried', fields: expect.arrayContaining(['name', 'binaries']) });
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
  });
  it.each([
    ['other flags', 'RUN go build -tags debug -o /out/b ./cmd/b', 'built with other flags or settings than the main binary'],
    ['another stage', 'FROM golang:1.23-alpine AS c\nRUN go build -o /out/b ./cmd/b', 'built in another stage'],
    ['an output named otherwise', 'RUN go build -o /out/bee ./cmd/b', 'writes /out/bee, not b: `binaries` are named after their package directory'],
    ['a released module', 'RUN go install example.com/tool/cmd/b@v1.2.3 && cp /go/bin/b /out/b', 'copies /out/b from stage `b`'],
  ])('reports a second shipped binary that is not one of binaries (%s)', (_what, line, why) => {
    const lines = ['FROM golang:1.23-alpine AS b', 'RUN go build -o /out/a ./cmd/a', ...line.split('\n'), 'FROM scratch', 'COPY --from=b /out/a /usr/bin/a', `COPY --from=${line.includes('AS c') ? 'c' : 'b'} /out/b /usr/bin/b`, 'ENTRYPOINT ["/usr/bin/a"]'];
    const r = convert(lines);
    expect(r.spec.binaries).toBeUndefined();
    const lost = r.report.filter((n) => n.outcome === 'unrepresentable').map((n) => n.reason).join('\n');
    expect(lost).toContain(why);
  });
  it('reads a USER created with adduser -u', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'RUN addgroup -S g && adduser -S -u 4242 -G g app', 'USER app', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.user).toBe(4242);
  });
  it('drops an owner other than root on the built binary, saying why, and takes root:root as expand\'s own', () => {
    const lines = (chown: string) => ['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', `COPY --from=b --chown=${chown} /out/app /app`, 'ENTRYPOINT ["/app"]'];
    // carried (the binary) and dropped (its owner): the note is carried, and the reason says what became of the owner
    expect(convert(lines('nonroot')).report.find((n) => n.line === 4)).toMatchObject({ outcome: 'carried', reason: expect.stringMatching(/; --chown=nonroot: expand installs the binary owned by root on purpose, so the program cannot replace its own file$/) });
    expect(convert(lines('root:root')).report.find((n) => n.line === 4)?.outcome).toBe('carried');
  });
  it('reads a USER whose adduser names the account with a build arg', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'ARG NAME=svc', 'RUN addgroup --gid 10001 --system ${NAME} && adduser --ingroup ${NAME} --disabled-password --uid 10001 ${NAME}', 'USER ${NAME}', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.user).toBe(10001);
  });
  it('reads a USER whose account comes with /etc/passwd from another stage (a user-setup stage)', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20 AS users', 'RUN addgroup -g 1001 -S dex && adduser -u 1001 -S -G dex dex',
      'FROM gcr.io/distroless/static-debian12', 'COPY --from=users /etc/passwd /etc/passwd', 'COPY --from=b /out/app /app', 'USER dex:dex', 'ENTRYPOINT ["/app"]']);
    expect(r.spec.user).toBe('1001:1001');
    expect(r.report.find((n) => n.line === 8)).toMatchObject({ outcome: 'carried', fields: ['user'] });
  });
  it('says on the FROM that an image with no USER ran as its base\'s user, and the spec\'s as 65532; not on a nonroot base', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.report.find((n) => n.line === 3)).toMatchObject({ outcome: 'carried', changes: ["no USER: the image ran as alpine:3.20's user, root unless the image sets one; the spec's image runs as 65532 (`user` takes another uid, never root)"] });
    const nonroot = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(nonroot.report.find((n) => n.line === 3)?.changes).toEqual([]);
  });
  it('drops CMD [] with no ENTRYPOINT: the spec\'s image starts the binary (found by fuzzing: it crashed resolve)', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'COPY --from=b /out/app /app', 'CMD []']);
    expect(r.spec.entrypoint).toBeUndefined();
    expect(r.report.find((n) => n.line === 5)).toMatchObject({ outcome: 'dropped', reason: "an empty CMD: the spec's image starts the binary itself" });
  });
  it('does not keep a builder tag that floats (golang:alpine, golang:1-trixie); keeps its OS on the spec\'s Go when the build packages need it', () => {
    const alpine = convert(['FROM golang:alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(alpine.spec.builder).toBeUndefined();
    const trixie = convert(['FROM golang:1-trixie AS b', 'RUN apt-get update && apt-get install -y protobuf-compiler', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(trixie.spec.builder).toMatch(/^golang:\d+\.\d+-trixie$/);
    expect(trixie.report.find((n) => n.line === 1)?.reason).toContain('`golang:1-trixie` floats; the build packages need its OS');
  });
  it('reports a USER name with no uid it can see, rather than running as another uid unsaid', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM debian:bookworm-slim', 'COPY --from=b /out/app /app', 'USER www-data', 'ENTRYPOINT ["/app"]']);
    expect(r.report.find((n) => n.line === 5)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringContaining('`www-data` has no uid convert can see') });
  });
  it('drops a stage the target does not use, saying so', () => {
    const r = convert(['FROM golang:1.23-alpine AS b', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM node:20 AS docs', 'RUN npm run docs', 'FROM scratch', 'COPY --from=b /out/app /app', 'ENTRYPOINT ["/app"]']);
    expect(r.report.filter((n) => n.line === 3 || n.line === 4).map((n) => [n.outcome, n.reason])).toEqual([
      ['dropped', 'stage `docs` is not part of the target\'s build'],
      ['dropped', 'stage `docs` is not part of the target\'s build'],
    ]);
  });
});
