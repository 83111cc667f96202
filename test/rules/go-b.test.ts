import { ruleTester } from '../helpers/rule-tester.js';
import builderPlatform from '../../rules/builder-not-on-build-platform.js';
import hardcodedGoarch from '../../rules/hardcoded-goarch.js';

const FINAL = '\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\n';

ruleTester(builderPlatform, {
  valid: [
    { name: 'single-platform file: no TARGET args anywhere', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app .\n' + FINAL },
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
    'FROM --platform=${BUILDPLATFORM} golang:1.23 AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL,
    { name: 'platform inherited through FROM <stage>', code: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS base\nFROM base AS build\nARG TARGETARCH\nRUN GOARCH=$TARGETARCH go build -o /out/app .\n' + FINAL },
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
