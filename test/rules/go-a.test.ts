import { ruleTester } from '../helpers/rule-tester.js';
import cgoLibc from '../../rules/cgo-libc-mismatch.js';
import cgoStatic from '../../rules/cgo-on-static-base.js';

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







