import { ruleTester } from '../helpers/rule-tester.js';
import cgoLibc from '../../rules/cgo-libc-mismatch.js';
import cgoStatic from '../../rules/cgo-on-static-base.js';
import shellLess from '../../rules/shell-form-on-shell-less-base.js';
import userName from '../../rules/user-name-on-scratch.js';
import zoneinfo from '../../rules/scratch-without-zoneinfo.js';
import tmp from '../../rules/scratch-without-tmp.js';
import toolchain from '../../rules/toolchain-in-final-image.js';
import copyFirst from '../../rules/copy-before-mod-download.js';
import drift from '../../rules/go-version-drift.js';
import { CURRENT_GO } from '../../src/releases.js';

const build = (run: string, final = 'FROM scratch', from = 'golang:1.23') =>
  `FROM ${from} AS build\nWORKDIR /src\nCOPY . .\n${run}\n${final}\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;

ruleTester(cgoLibc, {
  valid: [
    build('RUN CGO_ENABLED=0 go build -o /out/app .'),
    build('ENV CGO_ENABLED=0\nRUN go build -o /out/app .'),
    build('RUN export CGO_ENABLED=0 && go build -o /out/app .'),
    build('RUN env CGO_ENABLED=0 GOOS=linux go build -o /out/app .'),
    build('ARG CGO_ENABLED=0\nRUN go build -o /out/app .'),
    { name: 'ENV in a parent stage', code: 'FROM golang:1.23 AS base\nENV CGO_ENABLED=0\nFROM base AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'go env -w persists', code: build('RUN go env -w CGO_ENABLED=0\nRUN go build -o /out/app .') },
    { name: 'assignment taken from ENV (openfaas)', code: build('ENV CGO_ENABLED=0\nRUN CGO_ENABLED=${CGO_ENABLED} go build -o /out/app .', 'FROM alpine:3.20') },
    { name: 'ARG without a default is the caller’s choice', code: build('ARG CGO_ENABLED\nRUN go build -o /out/app .') },
    build(`RUN go build -ldflags '-linkmode external -extldflags "-static"' -o /out/app .`),
    build('RUN go build -ldflags=-extldflags=-static -o /out/app .'),
    build('RUN go build -tags netgo,osusergo -o /out/app .'),
    { name: 'alpine builder is musl like alpine', code: build('RUN go build -o /out/app .', 'FROM alpine:3.20', 'golang:1.23-alpine') },
    { name: 'glibc runtime', code: build('RUN go build -o /out/app .', 'FROM gcr.io/distroless/base-debian12') },
    build('RUN go build -o /out/app .', 'FROM debian:bookworm-slim'),
    { name: 'CGO_ENABLED=1 on scratch is cgo-on-static-base’s', code: build('RUN CGO_ENABLED=1 go build -o /out/app .') },
    {
      name: 'the -o path picks the build the final stage copies',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/tool ./tool\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
    },
    { name: 'unresolved builder tag', code: 'ARG GO\nFROM golang:${GO} AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'a builder stage is not judged when the final stage has glibc', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS export\nCOPY --from=build /out/app /\nFROM debian:12\nCOPY --from=build /out/app /app\n' },
  ],
  invalid: [
    { code: build('RUN go build -o /out/app .'), errors: [{ line: 4, column: 5, message: /runs on scratch.*CGO_ENABLED=0/ }] },
    { code: build('RUN go build -o /out/app .', 'FROM gcr.io/distroless/static-debian12:nonroot', 'golang:1.23-bookworm'), errors: [{ line: 4, message: /distroless\/static-debian12/ }] },
    { code: build('RUN go build -o /out/app .', 'FROM alpine:3.20'), errors: [{ line: 4, message: /musl.*golang:<version>-alpine/ }] },
    { name: 'CGO_ENABLED=1 on alpine from a glibc builder', code: build('RUN CGO_ENABLED=1 go build -o /out/app .', 'FROM alpine:3.20'), errors: [{ line: 4, message: /CGO_ENABLED=1/ }] },
    { name: 'ARG default resolves the builder tag', code: 'ARG GO=1.23\nFROM golang:${GO} AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n', errors: [{ line: 3 }] },
    {
      name: 'only the build whose -o the final stage copies',
      code: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /out/tool ./tool\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'relative -o after WORKDIR and a copied directory',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nRUN go build -o bin/app .\nFROM scratch\nCOPY --from=build /src/bin/ /\n',
      errors: [{ line: 3 }],
    },
    {
      name: 'traced through an intermediate stage',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20 AS pack\nCOPY --from=build /out/app /bin/app\nFROM scratch\nCOPY --from=pack /bin/app /app\n',
      errors: [{ line: 2 }],
    },
    {
      name: 'unknown outputs: every build of the copied stage',
      code: 'FROM golang:1.23 AS build\nRUN cd cmd/app && go build\nFROM scratch\nCOPY --from=build /go/app /app\n',
      errors: [{ line: 2, column: 19 }],
    },
    {
      name: 'go install into GOBIN',
      code: 'FROM golang:1.23 AS build\nRUN go install ./cmd/app\nFROM gcr.io/distroless/static\nCOPY --from=build /go/bin/app /app\n',
      errors: [{ line: 2 }],
    },
  ],
});

ruleTester(cgoStatic, {
  valid: [
    build('RUN CGO_ENABLED=1 go build -o /out/app .', 'FROM gcr.io/distroless/base-debian12'),
    build('RUN CGO_ENABLED=1 go build -o /out/app .', 'FROM gcr.io/distroless/cc-debian12'),
    build('RUN CGO_ENABLED=1 go build -o /out/app .', 'FROM alpine:3.20', 'golang:1.23-alpine'),
    build(`RUN CGO_ENABLED=1 go build -ldflags '-linkmode external -extldflags "-static"' -o /out/app .`),
    build('RUN CGO_ENABLED=0 go build -o /out/app .'),
    { name: 'the default is cgo-libc-mismatch’s', code: build('RUN go build -o /out/app .') },
  ],
  invalid: [
    { code: build('RUN CGO_ENABLED=1 go build -o /out/app .'), errors: [{ line: 4, column: 5, message: /scratch has none.*distroless\/base/ }] },
    { name: 'musl builder on scratch too', code: build('ENV CGO_ENABLED=1\nRUN go build -o /out/app .', 'FROM gcr.io/distroless/static-debian12', 'golang:1.23-alpine'), errors: [{ line: 5 }] },
    { code: build('RUN CGO_ENABLED=1 go build -o /out/app .', 'FROM cgr.dev/chainguard/static:latest'), errors: [{ line: 4, message: /chainguard\/static/ }] },
  ],
});

const fin = (base: string, body: string) => `FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM ${base}\nCOPY --from=build /app /app\n${body}`;

ruleTester(shellLess, {
  valid: [
    fin('scratch', 'ENTRYPOINT ["/app", "serve"]\n'),
    fin('gcr.io/distroless/static-debian12', 'HEALTHCHECK CMD ["/app", "health"]\nCMD ["/app"]\n'),
    { name: 'distroless :debug after SHELL names busybox\'s shell', code: fin('gcr.io/distroless/static-debian12:debug', 'SHELL ["/busybox/sh", "-c"]\nRUN ln -s /busybox/sh /bin/sh\nENTRYPOINT /app serve\n') },
    { name: 'distroless :debug once an exec-form step links /bin/sh', code: fin('gcr.io/distroless/static-debian12:debug-nonroot', 'RUN ["/busybox/ln", "-s", "/busybox/sh", "/bin/sh"]\nRUN ls /\nCMD /app\nHEALTHCHECK CMD /app health\n') },
    { name: 'distroless :debug, exec form throughout', code: fin('gcr.io/distroless/static-debian12:debug', 'RUN ["/busybox/sh", "-c", "mkdir /data"]\nCMD ["/app"]\n') },
    { name: 'Chainguard -dev tags have /bin/sh', code: fin('cgr.dev/chainguard/static:latest-dev', 'RUN ls /\nCMD /app\n') },
    fin('alpine:3.20', 'ENTRYPOINT /app serve\nHEALTHCHECK CMD wget -q -O- localhost\n'),
    fin('scratch', 'HEALTHCHECK NONE\nENTRYPOINT ["/app"]\n'),
    { name: 'exec-form RUN of a copied binary', code: fin('scratch', 'RUN ["/app", "migrate"]\n') },
    { name: 'the stage copies busybox in', code: fin('scratch', 'COPY --from=busybox:1.36 /bin/busybox /bin/busybox\nSHELL ["/bin/busybox", "sh", "-c"]\nCMD /app serve\n') },
    { name: 'curl copied in', code: fin('scratch', 'COPY --from=build /usr/bin/curl /usr/bin/curl\nHEALTHCHECK CMD ["/usr/bin/curl", "-f", "http://localhost/"]\n') },
    { name: 'builder stages may use the shell', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nCMD /app\nFROM scratch\nCOPY --from=build /app /app\nCMD ["/app"]\n' },
    { name: '--target picks a stage with a shell', code: fin('scratch', 'CMD ["/app"]\nFROM alpine:3.20 AS debug\nCMD /bin/sh\n'), target: 'debug' },
  ],
  invalid: [
    {
      code: fin('scratch', 'ENTRYPOINT /app serve --port=8080\n'),
      errors: [{ line: 5, column: 12, message: /ENTRYPOINT in shell form runs \/bin\/sh, which scratch does not have/ }],
      output: fin('scratch', 'ENTRYPOINT ["/app", "serve", "--port=8080"]\n'),
    },
    {
      code: fin('gcr.io/distroless/static-debian12:nonroot', 'CMD /app\n'),
      errors: [{ line: 5, message: /distroless/ }],
      output: fin('gcr.io/distroless/static-debian12:nonroot', 'CMD ["/app"]\n'),
    },
    { name: 'shell syntax: no fix', code: fin('scratch', 'CMD /app --config $CONFIG\n'), errors: [{ line: 5 }] },
    { name: 'quotes: no fix', code: fin('scratch', 'CMD /app --name "a b"\n'), errors: [{ line: 5 }] },
    { name: 'continuation lines are joined', code: fin('scratch', 'CMD /app \\\n  serve\n'), errors: [{ line: 5 }], output: fin('scratch', 'CMD ["/app", "serve"]\n') },
    { name: 'a comment inside the continuation: no fix', code: fin('scratch', 'CMD /app \\\n# the subcommand\n  serve\n'), errors: [{ line: 5 }] },
    { code: fin('scratch', 'RUN mkdir /data\n'), errors: [{ line: 5, column: 1, message: /RUN needs \/bin\/sh/ }] },
    { code: fin('scratch', 'RUN ["/bin/sh", "-c", "mkdir /data"]\n'), errors: [{ line: 5 }] },
    { code: fin('gcr.io/distroless/base-debian12', 'HEALTHCHECK --interval=30s CMD curl -f http://localhost:8080/\n'), errors: [{ line: 5, message: /shell form/ }] },
    { code: fin('gcr.io/distroless/static-debian12', 'HEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost/"]\n'), errors: [{ line: 5, message: /calls wget/ }] },
    {
      name: 'distroless :debug has busybox at /busybox/sh, not /bin/sh',
      code: fin('gcr.io/distroless/static-debian12:debug', 'RUN ln -s /busybox/sh /bin/sh\nCMD /app\n'),
      errors: [{ line: 5, column: 1, message: /RUN in shell form runs \/bin\/sh, which gcr.io\/distroless\/static-debian12:debug has no \/bin\/sh \(busybox's shell is \/busybox\/sh\): put SHELL \["\/busybox\/sh", "-c"\] before it/ }],
    },
    {
      name: 'distroless :debug: a shell-form CMD and HEALTHCHECK before any SHELL',
      code: fin('gcr.io/distroless/static-debian12:debug', 'HEALTHCHECK CMD /app health\nCMD /app serve\nSHELL ["/busybox/sh", "-c"]\n'),
      errors: [{ line: 5, message: /HEALTHCHECK CMD in shell form/ }, { line: 6, message: /CMD in shell form runs \/bin\/sh/ }],
      output: fin('gcr.io/distroless/static-debian12:debug', 'HEALTHCHECK CMD /app health\nCMD ["/app", "serve"]\nSHELL ["/busybox/sh", "-c"]\n'),
    },
    { name: 'FROM a scratch stage', code: fin('scratch AS base', 'FROM base\nCMD /app\n'), errors: [{ line: 6 }], output: fin('scratch AS base', 'FROM base\nCMD ["/app"]\n') },
  ],
});

ruleTester(userName, {
  valid: [
    fin('scratch', 'USER 65532:65532\n'),
    fin('scratch', 'COPY --from=build /etc/passwd /etc/passwd\nUSER app\n'),
    fin('scratch', 'COPY --from=build /etc/passwd /etc/group /etc/\nUSER app:app\n'),
    fin('gcr.io/distroless/static-debian12', 'USER nonroot\n'),
    fin('alpine:3.20', 'USER nobody\n'),
    fin('scratch', 'ARG UID=10001\nUSER ${UID}\n'),
    fin('scratch', 'COPY --from=build / /\nUSER app\n'),
  ],
  invalid: [
    { code: fin('scratch', 'USER nonroot\n'), errors: [{ line: 5, column: 6, message: /no \/etc\/passwd.*65532:65532/ }], output: fin('scratch', 'USER 65532:65532\n') },
    { code: fin('scratch', 'USER nobody:nogroup\n'), errors: [{ line: 5 }], output: fin('scratch', 'USER 65534:65534\n') },
    { code: fin('scratch', 'USER app\n'), errors: [{ line: 5, message: /user "app".*10001/ }] },
    { name: 'a group name needs /etc/group', code: fin('scratch', 'COPY --from=build /etc/passwd /etc/passwd\nUSER app:staff\n'), errors: [{ line: 6, message: /group "staff".*\/etc\/group/ }] },
    { name: 'nobody with another group: no fix', code: fin('scratch', 'USER nobody:users\n'), errors: [{ line: 5 }] },
  ],
});

ruleTester(zoneinfo, {
  valid: [
    fin('scratch', 'COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'COPY --from=build /zoneinfo.zip /\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'ENV ZONEINFO=/zoneinfo.zip\nENTRYPOINT ["/app"]\n'),
    'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -tags timetzdata -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -tags=netgo,timetzdata -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    'FROM golang:1.23 AS build\nENV GOFLAGS=-tags=timetzdata\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n',
    { name: 'export-only scratch stage (docker build -o)', code: fin('scratch AS binaries', '') },
    fin('gcr.io/distroless/static-debian12', 'ENTRYPOINT ["/app"]\n'),
  ],
  invalid: [
    { code: fin('scratch', 'ENTRYPOINT ["/app"]\n'), errors: [{ line: 3, message: /time\/tzdata/ }] },
    { name: 'a prebuilt binary on scratch', code: 'FROM scratch\nCOPY app /app\nCMD ["/app"]\n', errors: [{ line: 1 }] },
  ],
});

ruleTester(tmp, {
  valid: [
    fin('scratch', 'COPY --from=build /tmp /tmp\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'COPY --from=build --chmod=1777 /newtmp /tmp\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'VOLUME ["/data", "/tmp"]\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'VOLUME /tmp\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'WORKDIR /tmp\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'ENV TMPDIR=/data\nENTRYPOINT ["/app"]\n'),
    fin('scratch', 'COPY --from=build / /\nENTRYPOINT ["/app"]\n'),
    fin('scratch AS export', ''),
  ],
  invalid: [
    { code: fin('scratch', 'ENTRYPOINT ["/app"]\n'), errors: [{ line: 3, message: /no \/tmp/ }] },
    { name: '/tmpfoo is not /tmp', code: fin('scratch', 'COPY --from=build /tmpfoo /tmpfoo\nCMD ["/app"]\n'), errors: [{ line: 3 }] },
  ],
});

ruleTester(toolchain, {
  valid: [
    fin('gcr.io/distroless/static-debian12', 'CMD ["/app"]\n'),
    { name: 'a tools image with no program', code: 'FROM golang:1.23\nRUN go install golang.org/x/tools/cmd/stringer@v0.28.0\nENTRYPOINT ["stringer"]\n' },
    { name: 'no command: a base for CI', code: 'FROM golang:1.23-alpine\nRUN apk add --no-cache git\nCOPY . .\nRUN go build ./...\n' },
    { name: 'dev stage', code: 'FROM golang:1.23 AS dev\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n' },
    { name: 'golangci-lint stage', code: 'FROM golang:1.23 AS golangci-lint\nRUN go build ./...\nCMD ["golangci-lint", "run"]\n' },
    { name: 'an ENTRYPOINT [] resets', code: 'FROM golang:1.23\nRUN go build ./...\nENTRYPOINT []\n' },
    { name: 'a builder when --target picks it', code: 'FROM golang:1.23 AS build\nRUN go build -o /app .\nCMD ["/app"]\nFROM scratch\nCOPY --from=build /app /app\n', target: 'build' },
  ],
  invalid: [
    { code: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]\n', errors: [{ line: 1, message: /multi|distroless/ }] },
    { code: 'FROM golang:1.23-alpine\nCOPY . .\nRUN go install ./...\nCMD ["hotapp"]\n', errors: [{ line: 1 }] },
    { name: 'go run as the command', code: 'FROM golang:1.23\nCOPY . .\nCMD ["go", "run", "."]\n', errors: [{ line: 1 }] },
    { name: 'the old onbuild images', code: 'FROM golang:1.6-onbuild\nCMD ["go-wrapper", "run"]\n', errors: [{ line: 1 }] },
    {
      name: 'a final golang stage running a binary from a builder',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM golang:1.23\nCOPY --from=build /out/app /bin/app\nENTRYPOINT ["/bin/app"]\n',
      errors: [{ line: 3 }],
    },
    { name: 'FROM a golang stage', code: 'FROM golang:1.23 AS base\nRUN go build -o /app .\nFROM base AS final\nCMD ["/app"]\n', errors: [{ line: 3 }] },
  ],
});

ruleTester(copyFirst, {
  valid: [
    'FROM golang:1.23 AS build\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n',
    'FROM golang:1.23 AS build\nRUN --mount=type=bind,source=go.mod,target=go.mod --mount=type=bind,source=go.sum,target=go.sum --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . .\nRUN go build -o /app .\n',
    { name: 'a module cache mount makes the order cheap', code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n' },
    { name: 'cache mount on the build, no download', code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build -o /app .\n' },
    { name: 'a cache mount on a parent of the module cache', code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN --mount=type=cache,target=/go go build -o /app .\n' },
    { name: 'vendored modules', code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN go build -mod=vendor -o /app .\n' },
    { name: 'modules downloaded in a parent stage', code: 'FROM golang:1.23 AS deps\nCOPY go.mod go.sum ./\nRUN go mod download\nFROM deps AS build\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'tools installed at a version are outside the module', code: 'FROM golang:1.23 AS build\nCOPY go.mod go.sum ./\nRUN go install golang.org/x/tools/cmd/stringer@v0.28.0\nRUN go mod download\nCOPY . .\nRUN go build -o /app .\n' },
    { name: 'no go at all', code: 'FROM node:22\nCOPY . .\nRUN npm ci\n' },
    { name: 'a part of the context', code: 'FROM golang:1.23\nCOPY cmd/ cmd/\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go mod download\nRUN go build -o /app .\n', errors: [{ line: 3, column: 1, message: /before go mod download \(line 4\)/ }] },
    { code: 'FROM golang:1.23\nADD . /go/src/app\nRUN go build -o /app .\n', errors: [{ line: 2, message: /go build/ }] },
    { name: 'download and build in one RUN', code: 'FROM golang:1.23\nCOPY ./ ./\nRUN go mod download && go build ./...\n', errors: [{ line: 2 }] },
    { name: 'go get fetches too', code: 'FROM golang:1.23\nCOPY . .\nRUN go get . && CGO_ENABLED=0 go build -o /app .\n', errors: [{ line: 2, message: /go get/ }] },
    { name: 'a cache mount on the build only does not save the download', code: 'FROM golang:1.23\nCOPY . .\nRUN go mod download\nRUN --mount=type=cache,target=/go/pkg/mod go build ./...\n', errors: [{ line: 2 }] },
    { name: 'a parent stage’s COPY is reported once', code: 'FROM golang:1.23 AS src\nCOPY . .\nFROM src AS a\nRUN go build ./a\nFROM src AS b\nRUN go build ./b\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(drift, {
  valid: [
    'FROM golang:1.23\n',
    'FROM golang:1.23.4-alpine3.20\n',
    { name: 'no tag and latest are unpinned-base-image’s', code: 'FROM golang\nFROM golang:latest\n' },
    { name: 'digest pins', code: 'FROM golang:1@sha256:' + 'a'.repeat(64) + '\n' },
    { name: 'unresolved ARG', code: 'ARG GO\nFROM golang:${GO}-alpine\n' },
    { name: 'same minor as go.mod', code: 'FROM golang:1.23-alpine\n', goMod: { goVersion: '1.23.4' } },
    { name: 'newer than go.mod', code: 'FROM golang:1.24\n', goMod: { goVersion: '1.22', toolchain: '1.23.1' } },
    { name: 'not the official image', code: 'FROM cgr.dev/chainguard/go:latest-dev\nFROM mcr.microsoft.com/devcontainers/go:1\n' },
    'FROM golang:1.23 AS build\nFROM build\n',
  ],
  invalid: [
    { code: 'FROM golang:alpine AS build\n', errors: [{ line: 1, column: 6, message: new RegExp(`golang:alpine moves.*golang:${CURRENT_GO.replace('.', '\\.')}-alpine`) }] },
    { code: 'FROM golang:1\n', errors: [{ line: 1 }] },
    { code: 'ARG V=1-bookworm\nFROM golang:${V}\n', errors: [{ line: 2, message: /golang:1-bookworm/ }] },
    { name: 'fix floating tags with go.mod', code: 'FROM golang:1-alpine AS build\nFROM golang:alpine\nFROM golang:1\n', goMod: { goVersion: '1.22.5' }, errors: [{ line: 1 }, { line: 2 }, { line: 3 }], output: 'FROM golang:1.22-alpine AS build\nFROM golang:1.22-alpine\nFROM golang:1.22\n' },
    {
      name: 'older than go.mod',
      code: 'FROM --platform=$BUILDPLATFORM golang:1.20-alpine AS build\n',
      goMod: { goVersion: '1.22' },
      errors: [{ line: 1, column: 32, message: /older than go.mod's `go 1.22`.*golang:1\.22-alpine/ }],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS build\n',
    },
    { name: 'a pinned patch older than go.mod’s', code: 'FROM golang:1.22.1\n', goMod: { goVersion: '1.22.3' }, errors: [{ line: 1 }], output: 'FROM golang:1.22\n' },
    { name: 'older than the toolchain line', code: 'FROM golang:1.22\n', goMod: { goVersion: '1.22', toolchain: '1.23.2' }, errors: [{ line: 1, message: /toolchain go1\.23\.2/ }], output: 'FROM golang:1.23\n' },
    { name: 'distro release suffix: no fix', code: 'FROM golang:1.20-alpine3.18\n', goMod: { goVersion: '1.22' }, errors: [{ line: 1 }] },
    { name: 'version from an ARG: no fix', code: 'ARG GO=1.20\nFROM golang:${GO}\n', goMod: { goVersion: '1.22' }, errors: [{ line: 2 }] },
    { name: 'docker.io/library spelled out', code: 'FROM docker.io/library/golang:1.21\n', goMod: { goVersion: '1.22' }, errors: [{ line: 1 }], output: 'FROM docker.io/library/golang:1.22\n' },
  ],
});
