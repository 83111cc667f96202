import { ruleTester } from '../helpers/rule-tester.js';
import unpinned from '../../rules/unpinned-base-image.js';
import cache from '../../rules/missing-cache-mount.js';
import rootUser from '../../rules/root-user.js';
import scratchCa from '../../rules/scratch-without-ca-certificates.js';
import apk from '../../rules/apk-without-no-cache.js';

ruleTester(unpinned, {
  valid: [
    'FROM golang:1.22 AS build\nFROM build\n',
    'FROM scratch\n',
    'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION}-alpine\n',
    'FROM golang@sha256:' + 'a'.repeat(64) + '\n',
    { name: 'an ARG without a default is not this rule’s business', code: 'ARG BASE\nFROM ${BASE}\n' },
    'FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\n',
  ],
  invalid: [
    { code: 'FROM golang\n', errors: [{ line: 1, column: 6, message: /no tag/ }] },
    { code: 'FROM golang:latest AS build\nFROM alpine:latest\n', errors: [{ line: 1 }, { line: 2, message: /alpine:latest floats/ }] },
    { name: 'ARG default of latest is resolved', code: 'ARG TAG=latest\nFROM alpine:${TAG}\n', errors: [{ line: 2 }] },
    { name: 'build arg overrides the default', code: 'ARG TAG=3.20\nFROM alpine:${TAG}\n', buildArgs: { TAG: 'latest' }, errors: [{ line: 2 }] },
    { code: 'FROM alpine:3.20\nCOPY --from=nginx /etc/nginx /etc/nginx\n', errors: [{ line: 2, message: /COPY --from/ }] },
    { name: 'digest mode', code: 'FROM alpine:3.20\n', requireDigest: true, errors: [{ line: 1, message: /digest/ }] },
    {
      name: 'fix pins golang to the go.mod version',
      code: 'FROM golang:latest AS build\nRUN true\n',
      goMod: { goVersion: '1.23.4' },
      errors: [{ line: 1 }],
      output: 'FROM golang:1.23 AS build\nRUN true\n',
    },
  ],
});

ruleTester(cache, {
  valid: [
    'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build go build ./...\n',
    'FROM golang:1.22\nENV GOCACHE=/cache/build GOMODCACHE=/cache/mod\nRUN --mount=type=cache,target=/cache/mod --mount=type=cache,target=/cache/build go build ./...\n',
    'FROM golang:1.22\nRUN go version && go env\n',
  ],
  invalid: [
    {
      code: 'FROM golang:1.22\nRUN go mod download\n',
      errors: [{ line: 2, message: /--mount=type=cache,target=\/go\/pkg\/mod so Go modules are cached/ }],
      output: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod go mod download\n',
    },
    {
      code: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod \\\n    CGO_ENABLED=0 go build -o /app .\n',
      errors: [{ line: 2, message: /go-build/ }],
      output: 'FROM golang:1.22\nRUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod \\\n    CGO_ENABLED=0 go build -o /app .\n',
    },
    { name: 'no fix when the user is not root', code: 'FROM golang:1.22\nUSER 1000\nRUN go build ./...\n', errors: [{ line: 3 }] },
    { name: 'inside a heredoc', code: 'FROM golang:1.22\nRUN <<EOF\nset -e\ngo test ./...\nEOF\n', errors: [{ line: 2 }], output: 'FROM golang:1.22\nRUN --mount=type=cache,target=/go/pkg/mod --mount=type=cache,target=/root/.cache/go-build <<EOF\nset -e\ngo test ./...\nEOF\n' },
  ],
});

ruleTester(rootUser, {
  valid: [
    'FROM golang:1.22 AS build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /a /a\n',
    'FROM alpine:3.20\nRUN adduser -D app\nUSER app\n',
    'FROM alpine:3.20 AS base\nUSER 1000\nFROM base\n',
    { name: 'builder stages are exempt', code: 'FROM golang:1.22 AS build\nRUN go build ./...\nFROM scratch\nUSER 65532:65532\n' },
  ],
  invalid: [
    {
      code: 'FROM scratch\nCOPY app /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 1, message: /USER 65532:65532/ }],
      output: 'FROM scratch\nCOPY app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]\n',
    },
    {
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app',
      errors: [{ line: 1 }],
      output: 'FROM gcr.io/distroless/static-debian12\nCOPY app /app\nUSER 65532:65532',
    },
    { code: 'FROM alpine:3.20\nUSER nobody\nUSER root\n', errors: [{ line: 3, message: /runs as root/ }] },
    { code: 'FROM alpine:3.20\n', errors: [{ line: 1, message: /adduser/ }] },
    { name: '--target picks the judged stage', code: 'FROM alpine:3.20 AS debug\nFROM scratch\nUSER 65532\n', target: 'debug', errors: [{ line: 1 }] },
  ],
});

ruleTester(scratchCa, {
  valid: [
    'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\n',
    'FROM alpine:3.20 AS certs\nFROM scratch\nCOPY --from=certs /etc/ssl/certs /etc/ssl/certs\n',
    'FROM golang:1.22 AS build\nFROM alpine:3.20\n',
    { name: 'a builder stage on scratch is not the runtime', code: 'FROM scratch AS files\nFROM alpine:3.20\n' },
  ],
  invalid: [
    {
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n',
      errors: [{ line: 3, message: /x509/ }],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app\n',
    },
    { name: 'no fix without a known source stage', code: 'FROM scratch\nCOPY app /app\n', errors: [{ line: 1 }] },
  ],
});

ruleTester(apk, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache git\n',
    'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add git\n',
    'FROM alpine:3.20\nRUN apk add --update git && rm -rf /var/cache/apk/*\n',
    'FROM alpine:3.20\nRUN echo "apk add git"\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add git\n', errors: [{ line: 2, column: 5 }], output: 'FROM alpine:3.20\nRUN apk add --no-cache git\n' },
    {
      code: 'FROM alpine:3.20\nRUN apk update && \\\n    apk add -U ca-certificates tzdata\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM alpine:3.20\nRUN apk update && \\\n    apk add --no-cache -U ca-certificates tzdata\n',
    },
    { name: 'sudo and a heredoc are seen through; no fix inside a heredoc', code: 'FROM alpine:3.20\nRUN <<EOF\nsudo apk add git\nEOF\n', errors: [{ line: 2 }] },
  ],
});
