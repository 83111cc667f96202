import { ruleTester } from '../helpers/rule-tester.js';
import builderPlatform from '../../rules/builder-not-on-build-platform.js';
import hardcodedGoarch from '../../rules/hardcoded-goarch.js';
import vcs from '../../rules/vcs-stamping-fails.js';
import secret from '../../rules/secret-in-build.js';
import insecure from '../../rules/insecure-go-module-settings.js';
import unpinnedInstall from '../../rules/unpinned-go-install.js';
import trimpath from '../../rules/missing-trimpath.js';
import strip from '../../rules/missing-strip-flags.js';
import copyWhole from '../../rules/copy-whole-build-stage.js';

const FINAL = '\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n';

ruleTester(builderPlatform, {
  valid: [
    { name: 'single-platform file: no TARGET args anywhere', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n' + FINAL },
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
    'FROM --platform=${BUILDPLATFORM} golang:1.23 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
    { name: 'platform inherited through FROM <stage>', code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS base\nFROM base AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL },
    { name: 'cgo without xx must build on the target platform (no cross C compiler in golang images)', code: 'FROM golang:1.23-bookworm AS build\nARG TARGETARCH\nRUN CGO_ENABLED=1 go build -o /out/app .\nFROM gcr.io/distroless/base-debian12:nonroot\nCOPY --from=build /out/app /app\n' },
    { name: 'a constant platform is a deliberate choice', code: 'FROM --platform=linux/amd64 golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nARG TARGETARCH\nCOPY --from=build /out/app /app\n' },
    { name: 'TARGETARCH only picks prebuilt binaries: no Go build', code: 'FROM alpine:3.20\nARG TARGETARCH\nCOPY dist/app-linux-$TARGETARCH /app\n' },
    { name: 'single-stage: the builder is the image, moving it would change the image platform', code: 'FROM golang:1.23\nARG TARGETARCH\nRUN curl -o /k https://dl.k8s.io/bin/linux/$TARGETARCH/kubectl && go install ./cmd/app\n' },
  ],
  invalid: [
    {
      name: 'cross-compiles already: fix inserts the platform',
      code: 'FROM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
      errors: [{ line: 1, column: 1, message: /already cross-compiles/ }],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
    },
    {
      name: 'GOARCH from ENV, lowercase from',
      code: 'from golang:1.23-alpine as build\nARG TARGETARCH\nENV GOARCH=${TARGETARCH}\nRUN go build -o /out/app ./cmd/app\n' + FINAL,
      errors: [{ line: 1 }],
      output: 'from --platform=$BUILDPLATFORM golang:1.23-alpine as build\nARG TARGETARCH\nENV GOARCH=${TARGETARCH}\nRUN go build -o /out/app ./cmd/app\n' + FINAL,
    },
    {
      name: 'xx-go cross-compiles',
      code: 'FROM tonistiigi/xx:1.5 AS xx\nFROM golang:1.23 AS build\nCOPY --from=xx / /\nARG TARGETPLATFORM\nRUN xx-go build -o /out/app .\n' + FINAL,
      errors: [{ line: 2 }],
      output: 'FROM tonistiigi/xx:1.5 AS xx\nFROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY --from=xx / /\nARG TARGETPLATFORM\nRUN xx-go build -o /out/app .\n' + FINAL,
    },
    {
      name: 'native build in a multi-platform file: no fix, moving the stage alone would ship build-machine binaries',
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nARG TARGETARCH\nCOPY --from=build /out/app /app\nRUN wget https://example.com/tool-$TARGETARCH\n',
      errors: [{ line: 1, message: /GOOS=\$TARGETOS GOARCH=\$TARGETARCH/ }],
    },
    {
      name: 'explicit $TARGETPLATFORM is emulated too; the flag is there, so no fix',
      code: 'FROM --platform=$TARGETPLATFORM golang:1.23 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
      errors: [{ line: 1 }],
    },
    {
      name: 'a make wrapper given GOARCH from the target',
      code: 'FROM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH make build\n' + FINAL,
      errors: [{ line: 1 }],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH make build\n' + FINAL,
    },
    {
      name: 'reported once, at the stage the builders share',
      code: 'FROM golang:1.23 AS base\nARG TARGETARCH\nFROM base AS a\nRUN GOARCH=$TARGETARCH go build -o /out/a ./a\nFROM base AS build\nRUN GOARCH=$TARGETARCH go build -o /out/app ./b\n' + FINAL,
      errors: [{ line: 1 }],
      output: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS base\nARG TARGETARCH\nFROM base AS a\nRUN GOARCH=$TARGETARCH go build -o /out/a ./a\nFROM base AS build\nRUN GOARCH=$TARGETARCH go build -o /out/app ./b\n' + FINAL,
    },
  ],
});

ruleTester(hardcodedGoarch, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
    { name: 'GOOS=linux alone is right for every Linux platform', code: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 GOOS=linux go build -o /out/app .\n' + FINAL },
    { name: 'constant platform on the final stage: one platform only', code: 'FROM golang:1.23 AS build\nRUN GOARCH=amd64 go build -o /out/app .\nFROM --platform=linux/amd64 alpine:3.20\nCOPY --from=build /out/app /app\n' },
    { name: 'arch-specific base image (corpus: arm64v8/alpine)', code: 'FROM golang:1.24-alpine AS build\nRUN GOARCH=arm64 go build -o /hello\nFROM arm64v8/alpine\nCOPY --from=build /hello /hello\n' },
    { name: 'arch-specific tag (corpus: distroless nonroot-amd64)', code: 'FROM golang:1.23 AS build\nRUN GOOS=linux GOARCH=amd64 make app\nFROM gcr.io/distroless/base-debian12:nonroot-amd64\nCOPY --from=build /app /app\n' },
    { name: 'per-arch artifact matrix (corpus: linkerd CLI)', code: 'FROM golang:1.23 AS gen\nFROM gen AS build-amd64\nENV GOOS=linux GOARCH=amd64\nRUN go build -o /out/app-amd64 ./cli\nFROM gen AS build-arm64\nENV GOOS=linux GOARCH=arm64\nRUN go build -o /out/app-arm64 ./cli\nFROM scratch\nCOPY --from=build-amd64 /out/* /\nCOPY --from=build-arm64 /out/* /\n' },
    { name: 'a windows artifact is not the image binary', code: 'FROM golang:1.23 AS build\nRUN GOOS=windows GOARCH=amd64 go build -o /out/app.exe .\nFROM alpine:3.20\nCOPY --from=build /out/app.exe /srv/downloads/\n' },
    { name: 'a stage the target does not use', code: 'FROM golang:1.23 AS tools\nRUN GOARCH=amd64 go build -o /t ./tools\nFROM golang:1.23 AS build\nRUN go build -o /out/app .\n' + FINAL },
    { name: 'final platform follows the GOARCH arg (corpus: loki docker-driver)', code: 'ARG GOARCH=amd64\nFROM golang:1.23 AS build\nARG GOARCH\nRUN go build -o /out/app .\nFROM --platform=linux/${GOARCH} alpine:3.20\nCOPY --from=build /out/app /app\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o /out/app .\n' + FINAL, errors: [{ line: 2, column: 30, message: /GOARCH=amd64 is hard-coded/ }] },
    { name: 'ENV', code: 'FROM golang:1.23 AS build\nENV CGO_ENABLED=0 GOARCH=arm64\nRUN go build -o /out/app .\n' + FINAL, errors: [{ line: 2, column: 19 }] },
    { name: 'ARG default used as-is', code: 'FROM golang:1.23 AS build\nARG GOARCH=amd64\nRUN go build -o /out/app .\n' + FINAL, errors: [{ line: 2, column: 5 }] },
    { name: 'global ARG default taken by a stage ARG', code: 'ARG GOARCH=amd64\nFROM golang:1.23 AS build\nARG GOARCH\nRUN go build -o /out/app .\n' + FINAL, errors: [{ line: 1, column: 5 }] },
    { name: 'export earlier in the RUN', code: 'FROM golang:1.23 AS build\nRUN export GOARCH=amd64 && go build -o /out/app .\n' + FINAL, errors: [{ line: 2, column: 12 }] },
    { name: 'go env -w in an earlier RUN', code: 'FROM golang:1.23 AS build\nRUN go env -w GOARCH=amd64\nRUN go build -o /out/app .\n' + FINAL, errors: [{ line: 2, column: 15 }] },
    { name: 'the linux binary of a file that also ships a windows one (corpus: vmui)', code: 'FROM golang:1.23 AS build\nRUN GOOS=linux GOARCH=amd64 go build -o /web . && \\\n    GOOS=windows GOARCH=amd64 go build -o /web.exe .\nFROM alpine:3.20\nCOPY --from=build /web /app/web\nCOPY --from=build /web.exe /app/\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(insecure, {
  valid: [
    'FROM golang:1.23\nENV GOPRIVATE=github.com/example-org/* GONOPROXY=git.corp.example.com\nRUN go mod download\n',
    { name: 'GONOSUMDB for private paths is what GOPRIVATE does', code: 'FROM golang:1.23\nENV GONOSUMDB=git.corp.example.com,github.com/example-org/*\n' },
    'FROM golang:1.23\nENV GOSUMDB=sum.golang.org GOPROXY=https://proxy.golang.org,direct GOFLAGS=-mod=readonly\n',
    { name: 'a plain-HTTP proxy is still checked against the checksum database', code: 'FROM golang:1.23\nENV GOPROXY=http://athens:3000\n' },
    { name: 'ARG declared without a value', code: 'FROM golang:1.23\nARG GOINSECURE\nARG GOPROXY\n' },
    'FROM golang:1.23\nRUN echo "GOSUMDB=off is bad" && go env GOSUMDB\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nENV GOPROXY=direct GOSUMDB=off\n', errors: [{ line: 2, column: 20, message: /GOSUMDB=off/ }] },
    { code: 'FROM golang:1.23\nENV GOINSECURE=git.corp.example.com\n', errors: [{ line: 2, message: /plain HTTP/ }] },
    { name: 'global ARG default', code: 'ARG GONOSUMDB=*\nFROM golang:1.23\n', errors: [{ line: 1, column: 5 }] },
    { name: 'GOPRIVATE wildcard covers every public module', code: 'FROM golang:1.23\nENV GOPRIVATE=github.com/*\n', errors: [{ line: 2, message: /public modules/ }] },
    { name: 'assignment on the command', code: 'FROM golang:1.23\nRUN GONOSUMCHECK=1 GOFLAGS=-insecure go mod download\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 20 }] },
    { name: 'go env -w and export', code: 'FROM golang:1.23\nRUN go env -w GOSUMDB=off && export GOINSECURE=*\n', errors: [{ line: 2, column: 15 }, { line: 2, column: 37 }] },
    { name: 'go-wrapper download --insecure (corpus, old golang images)', code: 'FROM golang:1.8\nRUN go-wrapper download --insecure example.com/x/y\n', errors: [{ line: 2, column: 25 }] },
  ],
});

ruleTester(unpinnedInstall, {
  valid: [
    'FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\n',
    'FROM golang:1.23\nARG DLV=v1.23.1\nRUN go install "github.com/go-delve/delve/cmd/dlv@${DLV}"\n',
    { name: 'a version from an ARG without default is the caller’s choice', code: 'FROM golang:1.23\nARG V\nRUN go install golang.org/x/lint/golint@${V}\n' },
    'FROM golang:1.23\nRUN go install ./... && go install . && go install ./cmd/app\n',
    { name: 'go.mod pins tools in module mode', code: 'FROM golang:1.23\nCOPY go.mod go.sum ./\nRUN go install tool && go install github.com/golang/mock/mockgen\n' },
    { name: 'go get of the module itself (corpus)', code: 'FROM golang:1.23\nRUN go get -d -v && go get . && go build -o /app .\n' },
    'FROM golang:1.23\nRUN go get github.com/pkg/errors@v0.9.1\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\n', errors: [{ line: 2, column: 5, message: /pin github.com\/go-delve\/delve\/cmd\/dlv .*@latest/ }] },
    { name: 'a branch is not a version', code: 'FROM golang:1.23\nRUN GOBIN=/usr/local/bin go install example.com/tool@master\n', errors: [{ line: 2 }] },
    { name: 'ARG default of latest', code: 'FROM golang:1.23\nARG V=latest\nRUN go install example.com/tool@$V\n', errors: [{ line: 3 }] },
    { name: 'several tools in one RUN, one line each', code: 'FROM golang:1.23\nRUN go install a.example/x@latest && \\\n    go install b.example/y@v1.0.0 && \\\n    go install c.example/z@latest\n', errors: [{ line: 2 }, { line: 4 }] },
    { name: 'GOPATH mode fetches the newest commit', code: 'FROM golang:1.15\nENV GO111MODULE=off\nRUN go install github.com/x/tool\n', errors: [{ line: 3, message: /newest commit/ }] },
    { name: 'go get of a remote tool (corpus)', code: 'FROM golang:1.15\nRUN\tgo get golang.org/x/tools/cmd/cover\n', errors: [{ line: 2, message: /go install golang.org\/x\/tools\/cmd\/cover@/ }] },
    { name: 'go get -u upgrades past go.sum', code: 'FROM golang:1.23\nRUN go get -u ./... && go build -o /app .\n', errors: [{ line: 2, message: /go get -u/ }] },
    { name: 'xx-go and heredocs are seen', code: 'FROM golang:1.23\nRUN <<EOT\nxx-go install github.com/wadey/gocovmerge@latest\nEOT\n', errors: [{ line: 2 }] },
  ],
});

const SHIP = '\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n';

ruleTester(trimpath, {
  valid: [
    'FROM golang:1.23 AS build\nRUN go build -trimpath -o /out/app .\n' + SHIP,
    'FROM golang:1.23 AS build\nENV GOFLAGS="-trimpath -mod=readonly"\nRUN go build -o /out/app .\n' + SHIP,
    'FROM golang:1.23 AS build\nRUN go env -w GOFLAGS=-trimpath\nRUN go build -o /out/app .\n' + SHIP,
    { name: 'a stage the target does not use', code: 'FROM golang:1.23 AS tools\nRUN go build -o /t ./tools\nFROM golang:1.23 AS build\nRUN go build -trimpath -o /out/app .\n' + SHIP },
    { name: 'debug build for delve', code: 'FROM golang:1.23 AS build\nRUN go build -gcflags="all=-N -l" -o /out/app .\n' + SHIP },
    { name: 'flags hidden in a variable', code: 'FROM golang:1.23 AS build\nARG BUILD_FLAGS\nRUN go build $BUILD_FLAGS -o /out/app .\n' + SHIP },
    { name: 'a compile check', code: 'FROM golang:1.23 AS build\nRUN go build ./... && go vet ./...\nRUN go build -trimpath -o /out/app .\n' + SHIP },
    { name: 'a pinned tool', code: 'FROM golang:1.23 AS build\nRUN go install example.com/gen@v1.2.3 && go build -trimpath -o /out/app .\n' + SHIP },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /out/app .\n' + SHIP,
      errors: [{ line: 2, column: 5, message: /-trimpath/ }],
      output: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -trimpath -o /out/app .\n' + SHIP,
    },
    {
      name: 'go install over a continuation, after cd',
      code: 'FROM golang:1.23 AS build\nRUN cd /src && \\\n    go install \\\n      ./cmd/app\nFROM alpine:3.20\nCOPY --from=build /go/bin/app /app\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM golang:1.23 AS build\nRUN cd /src && \\\n    go install -trimpath \\\n      ./cmd/app\nFROM alpine:3.20\nCOPY --from=build /go/bin/app /app\n',
    },
    { name: 'single stage: the target itself', code: 'FROM golang:1.23\nRUN go build -o /app .\nCMD ["/app"]\n', errors: [{ line: 2 }], output: 'FROM golang:1.23\nRUN go build -trimpath -o /app .\nCMD ["/app"]\n' },
    { name: 'no fix inside a heredoc', code: 'FROM golang:1.23 AS build\nRUN <<EOF\ngo build -o /out/app .\nEOF\n' + SHIP, errors: [{ line: 2 }] },
  ],
});

ruleTester(strip, {
  valid: [
    'FROM golang:1.23 AS build\nRUN go build -ldflags="-s -w" -o /out/app .\n' + SHIP,
    'FROM golang:1.23 AS build\nRUN go build -ldflags "-w -s -X main.version=1.0" -o /out/app .\n' + SHIP,
    { name: '-s alone: since Go 1.22 it implies -w', code: 'FROM golang:1.23 AS build\nRUN go build -ldflags=-s -o /out/app .\n' + SHIP },
    { name: 'ldflags from an ARG with -s -w', code: 'FROM golang:1.23 AS build\nARG LDFLAGS="-s -w -X main.v=1"\nRUN go build -ldflags "$LDFLAGS" -o /out/app .\n' + SHIP },
    { name: 'ldflags from an unknown variable', code: 'FROM golang:1.23 AS build\nARG LDFLAGS\nRUN go build -ldflags "${LDFLAGS}" -o /out/app .\n' + SHIP },
    { name: 'a build the image does not ship', code: 'FROM golang:1.23 AS test\nRUN go build -o /tmp/x .\nFROM golang:1.23 AS build\nRUN go build -ldflags="-s -w" -o /out/app .\n' + SHIP },
    { name: 'debug build', code: 'FROM golang:1.23 AS build\nRUN go build -gcflags "all=-N -l" -o /out/app .\n' + SHIP },
  ],
  invalid: [
    {
      code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n' + SHIP,
      errors: [{ line: 2, column: 5, message: /-ldflags="-s -w"/ }],
      output: 'FROM golang:1.23 AS build\nRUN go build -ldflags="-s -w" -o /out/app .\n' + SHIP,
    },
    { name: 'ldflags without -s: no fix (corpus: nats -w -X)', code: 'FROM golang:1.23 AS build\nRUN go build -trimpath -ldflags "-w -X main.version=1" -o /out/app .\n' + SHIP, errors: [{ line: 2, message: /add -s -w to the -ldflags/ }] },
    { name: 'copied through an intermediate stage', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20 AS assemble\nCOPY --from=build /out/app /rootfs/app\nFROM scratch\nCOPY --from=assemble /rootfs /\n', errors: [{ line: 2 }], output: 'FROM golang:1.23 AS build\nRUN go build -ldflags="-s -w" -o /out/app .\nFROM alpine:3.20 AS assemble\nCOPY --from=build /out/app /rootfs/app\nFROM scratch\nCOPY --from=assemble /rootfs /\n' },
  ],
});

ruleTester(copyWhole, {
  valid: [
    'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /app\nCOPY --from=build /etc/ssl/certs /etc/ssl/certs\n',
    { name: 'a rootfs assembled in scratch', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM scratch AS rootfs\nCOPY --from=build /out/app /bin/app\nFROM scratch\nCOPY --from=rootfs / /\n' },
    { name: 'xx helper stage', code: 'FROM tonistiigi/xx:1.5 AS xx\nFROM golang:1.23 AS build\nCOPY --from=xx / /\nRUN xx-go build -o /out/app .\n' },
    { name: 'installing Go from a bare alias stage (corpus: CI images)', code: 'FROM golang:1.23 AS golang\nFROM node:22\nCOPY --from=golang /usr/local/go /usr/local/go\n' },
    { name: 'a /app that only holds the binary', code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app/server .\nFROM alpine:3.20\nCOPY --from=build /app /app\n' },
    { name: 'a builder stage that copies from another builder is not the target', code: 'FROM golang:1.23 AS a\nRUN go build -o /out/app .\nFROM golang:1.23 AS b\nCOPY --from=a /go /go\nFROM alpine:3.20\nCOPY --from=a /out/app /app\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build / /\n', errors: [{ line: 4, message: /whole builder filesystem/ }] },
    { code: 'FROM golang:1.23 AS build\nRUN go install ./cmd/app\nFROM alpine:3.20\nCOPY --from=build /go/ /go/\n', errors: [{ line: 4, message: /GOPATH/ }] },
    { name: 'the source tree (corpus: ADD . /app, COPY --from /app)', code: 'FROM golang:1.21 AS builder\nRUN mkdir /app\nADD . /app\nWORKDIR /app\nRUN go build -o app ./cmd/server\nFROM alpine:3.20\nCOPY --from=builder /app .\n', errors: [{ line: 7, message: /source tree \/app/ }] },
    { name: 'relative COPY . . under WORKDIR', code: 'FROM golang:1.23 AS build\nWORKDIR /go/src/app\nCOPY . .\nRUN go build -o app .\nFROM debian:12-slim\nCOPY --from=build /go/src/app /srv\n', errors: [{ line: 6, message: /source tree \/go\/src\/app/ }] },
    { name: 'toolchain and root home', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /usr/local/go /usr/local/go\nCOPY --from=build /root /root\n', errors: [{ line: 4 }, { line: 5 }] },
  ],
});

const OWNED = 'FROM golang:1.23 AS build\nRUN useradd -m app\nUSER app\nWORKDIR /home/app/src\nCOPY . .\n';

ruleTester(vcs, {
  valid: [
    { name: 'Go >= 1.18.2 skips stamping when git is missing (golang/go#51748)', code: 'FROM golang:1.23-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n', dockerignore: null },
    { name: 'root builds root-owned files: git is happy', code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n', dockerignore: null },
    { name: '.dockerignore keeps .git out', code: OWNED + 'RUN go build -o /tmp/app .\n', dockerignore: ['.git', 'bin/'] },
    { name: '.dockerignore allowlist', code: OWNED + 'RUN go build -o /tmp/app .\n', dockerignore: ['*', '!go.mod', '!go.sum', '!cmd/', '!internal/'] },
    { name: '.dockerignore unknown (stdin): nothing assumed', code: OWNED + 'RUN go build -o /tmp/app .\n' },
    { name: '-buildvcs=false', code: OWNED + 'RUN go build -buildvcs=false -o /tmp/app .\n', dockerignore: null },
    { name: 'GOFLAGS', code: OWNED + 'ENV GOFLAGS=-buildvcs=false\nRUN go build -o /tmp/app .\n', dockerignore: null },
    { name: 'safe.directory', code: OWNED + 'RUN git config --global --add safe.directory /home/app/src && go build -o /tmp/app .\n', dockerignore: null },
    { name: 'owner matches the build user', code: 'FROM golang:1.23 AS build\nUSER 1000\nWORKDIR /src\nCOPY --chown=1000:1000 . .\nRUN go build -o /tmp/app .\n', dockerignore: null },
    { name: 'a pinned tool is built outside the repository', code: OWNED + 'RUN go install example.com/tool@v1.0.0\n', dockerignore: null },
  ],
  invalid: [
    {
      name: 'sources copied as root, built as a user',
      code: OWNED + 'RUN go build -o /tmp/app .\n', dockerignore: null,
      errors: [{ line: 6, column: 5, message: /dubious ownership/ }],
      output: OWNED + 'RUN go build -buildvcs=false -o /tmp/app .\n',
    },
    {
      name: 'COPY --chown to a user, built as root',
      code: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY --chown=1000:1000 . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n', dockerignore: ['bin/'],
      errors: [{ line: 4, message: /owned by 1000 but go build runs as root/ }],
      output: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY --chown=1000:1000 . .\nRUN CGO_ENABLED=0 go build -buildvcs=false -o /out/app .\n',
    },
    {
      name: 'explicit COPY .git needs no .dockerignore; git installed on alpine',
      code: 'FROM golang:1.23-alpine AS build\nRUN apk add --no-cache git && adduser -D app\nUSER app\nWORKDIR /home/app\nCOPY .git .git\nCOPY . .\nRUN go install ./cmd/app\n',
      errors: [{ line: 7 }],
      output: 'FROM golang:1.23-alpine AS build\nRUN apk add --no-cache git && adduser -D app\nUSER app\nWORKDIR /home/app\nCOPY .git .git\nCOPY . .\nRUN go install -buildvcs=false ./cmd/app\n',
    },
    {
      name: 'Go 1.18.1 without git',
      code: 'FROM golang:1.18.1-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\n', dockerignore: null,
      errors: [{ line: 4, message: /executable file not found/ }],
      output: 'FROM golang:1.18.1-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -buildvcs=false -o /out/app .\n',
    },
    { name: '.git re-included after an allowlist', code: OWNED + 'RUN go build -o /tmp/app .\n', dockerignore: ['*', '!.git', '!*.go'], errors: [{ line: 6 }], output: OWNED + 'RUN go build -buildvcs=false -o /tmp/app .\n' },
  ],
});

ruleTester(secret, {
  valid: [
    'FROM golang:1.23 AS build\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download\n',
    { name: 'token from a secret mount as env', code: 'FROM golang:1.23 AS build\nRUN --mount=type=secret,id=gh,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download\nFROM scratch\nCOPY --from=build /go/bin/app /app\n' },
    { name: 'token read from /run/secrets in the same RUN', code: 'FROM golang:1.23 AS build\nRUN --mount=type=secret,id=gh TOKEN=$(cat /run/secrets/gh) && git -c url."https://x:${TOKEN}@github.com/".insteadOf=https://github.com/ mod download\n' },
    { name: 'ssh insteadOf carries no credential', code: 'FROM golang:1.23 AS build\nRUN git config --global url."ssh://git@github.com/".insteadOf "https://github.com/"\nRUN --mount=type=ssh go mod download\n' },
    'FROM golang:1.23 AS build\nRUN curl -fsSL https://example.com/install.sh | sh\n',
    { name: 'a secret written to a file in the final image but removed in the same RUN', code: 'FROM golang:1.23\nRUN --mount=type=secret,id=gh,env=T echo "machine github.com login x password $T" > ~/.netrc && go mod download && rm ~/.netrc\n' },
  ],
  invalid: [
    {
      name: 'token from ARG in git config insteadOf (corpus)',
      code: 'FROM golang:1.23 AS build\nARG GH_TOKEN\nRUN git config --global url."https://${GH_TOKEN}:x-oauth-basic@github.com/".insteadOf "https://github.com/"\n',
      errors: [{ line: 3, column: 5, message: /GH_TOKEN comes from ARG\/ENV/ }],
    },
    {
      name: '.netrc from ARGs (corpus)',
      code: 'FROM golang:1.23 AS build\nARG GITHUB_LOGIN\nARG GITHUB_TOKEN\nRUN echo "machine github.com login ${GITHUB_LOGIN} password ${GITHUB_TOKEN}" > ~/.netrc\n',
      errors: [{ line: 4, message: /come from ARG\/ENV.*env=GITHUB_TOKEN/ }],
    },
    { name: 'a literal user:password in a GOPROXY URL', code: 'FROM golang:1.23 AS build\nRUN go env -w GOPROXY=https://ci:s3cr3t@athens.example.com,direct\n', errors: [{ line: 2, message: /written into the Dockerfile/ }] },
    { name: 'ENV token in a heredoc', code: 'FROM golang:1.23 AS build\nENV TOKEN=abc\nRUN <<EOF\ngit config --global url."https://oauth2:$TOKEN@gitlab.com/".insteadOf https://gitlab.com/\nEOF\n', errors: [{ line: 3 }] },
    { name: 'a secret persisted into .gitconfig of the shipped stage', code: 'FROM golang:1.23\nRUN --mount=type=secret,id=gh,env=GH_TOKEN git config --global url."https://${GH_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download\n', errors: [{ line: 2, message: /stays in a layer/ }] },
  ],
});
