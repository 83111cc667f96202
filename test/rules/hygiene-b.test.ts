import { describe, expect, it } from 'vitest';
import { ruleTester } from '../helpers/rule-tester.js';
import pipefail from '../../rules/pipe-without-pipefail.js';
import curlWget from '../../rules/curl-and-wget.js';
import expose from '../../rules/invalid-expose.js';
import secrets, { looksSecret } from '../../rules/secrets-in-arg-or-env.js';
import undefinedArgInFrom from '../../rules/undefined-arg-in-from.js';
import invalidDefaultArg from '../../rules/invalid-default-arg-in-from.js';
import undefinedVar from '../../rules/undefined-var.js';
import redundantPlatform from '../../rules/redundant-target-platform.js';
import constantPlatform from '../../rules/constant-platform.js';
import legacyEnv from '../../rules/legacy-env-format.js';
import casing from '../../rules/inconsistent-instruction-casing.js';
import emptyContinuation from '../../rules/empty-continuation-line.js';
import onbuild from '../../rules/onbuild-misuse.js';
import unknownFlag from '../../rules/unknown-instruction-flag.js';
import untrusted from '../../rules/untrusted-registry.js';
import pkgCache from '../../rules/missing-package-cache-mount.js';
import chmod777, { worldWritable } from '../../rules/chmod-777.js';
import workdirInRootHome from '../../rules/workdir-in-root-home.js';
import { HYGIENE_RULES_B } from '../../rules/hygiene-b.js';
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { defaultConfig } from '../../src/lint/config.js';
import { corpusEntries, HAS_CORPUS } from '../helpers/shared.js';

ruleTester(pipefail, {
  valid: [
    'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\n',
    'FROM debian:12\nSHELL ["/bin/bash", "-euo", "pipefail", "-c"]\nRUN curl -fsSL https://x | tar -xz\n',
    'FROM alpine:3.20\nRUN set -o pipefail && wget -qO- https://x | tar -xz\n',
    'FROM alpine:3.20\nRUN set -euxo pipefail; wget -qO- https://x | tar -xz\n',
    { name: 'SHELL is inherited through FROM <stage>', code: 'FROM debian:12 AS base\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM base\nRUN curl -fsSL https://x | sh\n' },
    { name: 'the left side cannot fail', code: 'FROM debian:12\nRUN echo "deb http://x stable main" | tee /etc/apt/sources.list.d/x.list\n' },
    { name: 'yes | would break with pipefail', code: 'FROM debian:12\nRUN yes | ./configure\n' },
    { name: 'a brace group of echos (hadolint reports this)', code: 'FROM debian:12\nRUN { echo a; echo b; } | tee /etc/apt/apt.conf\n' },
    { name: 'inside $(…) the status is not the RUN\'s', code: 'FROM golang:1.23\nRUN go build -ldflags "-X main.v=$(git describe --tags | sed s/v//)" ./...\n' },
    { name: 'an assignment from $(…)', code: 'FROM alpine:3.20\nRUN target=$(ls /usr/lib/x.so.* | head -1) && ln -s "$target" /usr/lib/x.so\n' },
    { name: 'a grep -q test', code: 'FROM alpine:3.20\nRUN file /out/app | grep -q "statically linked" || exit 1\n' },
    { name: 'an if condition', code: 'FROM alpine:3.20\nRUN <<EOF\nif head -1 .git | grep "^gitdir:"; then echo worktree; fi\nEOF\n' },
    { name: 'failure ignored explicitly', code: 'FROM alpine:3.20\nRUN find / -name "*.pyc" | xargs rm || true\n' },
    { name: 'status discarded by `;` without set -e', code: 'FROM alpine:3.20\nRUN find . -name x | xargs rm; echo done\n' },
    { name: 'exec form runs no shell', code: 'FROM alpine:3.20\nRUN ["sh", "-c", "a | b"]\n' },
    { name: 'PowerShell', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN Get-ChildItem | Select-Object Name\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN curl -fsSL https://x/tool.tgz | tar -xz -C /usr/local/bin\n', errors: [{ line: 2, column: 5, message: /SHELL \["\/bin\/bash", "-o", "pipefail", "-c"\].*dash/ }] },
    { name: 'alpine advice: ash supports set -o pipefail', code: 'FROM alpine:3.20\nRUN apk add --no-cache curl && \\\n    curl -fsSL https://x | sh\n', errors: [{ line: 3, column: 5, message: /set -o pipefail &&.*busybox ash/ }] },
    { name: 'SHELL without pipefail', code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN curl -fsSL https://x | sh\n', errors: [{ line: 3 }] },
    { name: 'set -o pipefail after the pipe is too late', code: 'FROM alpine:3.20\nRUN cat a | sort > b && set -o pipefail\n', errors: [{ line: 2 }] },
    { name: 'with set -e, a pipeline followed by ; matters', code: 'FROM alpine:3.20\nRUN set -e; wget -qO- https://x | tar -xz; echo ok\n', errors: [{ line: 2 }] },
    { name: 'one report per RUN', code: 'FROM alpine:3.20\nRUN wget -qO- https://a | tar -xz && wget -qO- https://b | tar -xz\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(curlWget, {
  valid: [
    'FROM alpine:3.20\nRUN wget -qO- https://a | tar -xz\nRUN wget -q https://b\n',
    { name: 'different stages may use different tools', code: 'FROM alpine:3.20 AS fetch\nRUN wget -q https://a\nFROM debian:12\nRUN curl -fsSLO https://b\n' },
    'FROM alpine:3.20\nRUN echo "use curl or wget"\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nRUN wget -q https://a\n', errors: [{ line: 3, message: /already uses curl \(line 2\); use curl here too instead of wget/ }] },
    { code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl wget\n', errors: [{ line: 2, message: /installs both curl and wget/ }] },
  ],
});

ruleTester(expose, {
  valid: [
    'FROM alpine:3.20\nEXPOSE 80 443/tcp 53/udp 9000/sctp 8000-8010\n',
    'FROM alpine:3.20\nARG PORT=8080\nEXPOSE ${PORT} $PORT/udp\n',
    'FROM alpine:3.20\nEXPOSE 0 65535\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nEXPOSE 80/TCP\n', errors: [{ line: 2, column: 8, message: /lower case: 80\/tcp/ }], output: 'FROM alpine:3.20\nEXPOSE 80/tcp\n' },
    { code: 'FROM alpine:3.20\nEXPOSE 8080:80\n', errors: [{ line: 2, message: /docker run -p.*EXPOSE 80/ }] },
    { code: 'FROM alpine:3.20\nEXPOSE 127.0.0.1:80:80/tcp\n', errors: [{ line: 2, message: /host port/ }] },
    { code: 'FROM alpine:3.20\nEXPOSE 70000\n', errors: [{ line: 2, message: /out of range/ }] },
    { code: 'FROM alpine:3.20\nEXPOSE 80/http\n', errors: [{ line: 2, message: /unknown protocol/ }] },
    { code: 'FROM alpine:3.20\nEXPOSE http\n', errors: [{ line: 2, message: /not a port number/ }] },
    { code: 'FROM alpine:3.20\nEXPOSE 9000-8000\n', errors: [{ line: 2, message: /backwards/ }] },
    { name: 'each bad word is reported; fixes apply to all', code: 'FROM alpine:3.20\nEXPOSE 53/UDP \\\n  80/Tcp\n', errors: [{ line: 2, column: 8 }, { line: 3, column: 3 }], output: 'FROM alpine:3.20\nEXPOSE 53/udp \\\n  80/tcp\n' },
  ],
});

describe('secret-looking names', () => {
  it.each([
    'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_AUTH', 'DB_PASSWORD', 'MYSQL_ROOT_PASS', 'API_KEY', 'APIKEY', 'AWS_SECRET_ACCESS_KEY',
    'PRIVATE_KEY', 'SSH_PRIVATE_KEY', 'SIGNING_KEY', 'GOOGLE_CREDENTIALS', 'githubToken', 'CLIENT_SECRET', 'BASIC_AUTH',
  ])('%s is a secret', (n) => expect(looksSecret(n)).toBe(true));
  it.each([
    'GPG_KEY', 'KEY_NAME', 'PUBLIC_KEY', 'SSH_PUBLIC_KEY', 'SECRET_NAME', 'TOKEN_URL', 'PASSWORD_FILE', 'AWS_ACCESS_KEY_ID',
    'GITNESS_TOKEN_COOKIE_NAME', 'AUTH_URL', 'AUTHELIA_PAM_REPO', 'USERNAME', 'PWD', 'PASSTHROUGH', 'BYPASS', 'MONKEY', 'GOAUTH',
    'CACHE_KEY', 'AUTH_TYPE', 'GOPRIVATE',
  ])('%s is not a secret', (n) => expect(looksSecret(n)).toBe(false));
});

ruleTester(secrets, {
  valid: [
    'FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D\n',
    'FROM golang:1.23\nARG KEY_NAME=deploy\nENV TOKEN_URL=https://auth.example.com/token\n',
    { name: 'a path to the secret is not the secret', code: 'FROM golang:1.23\nENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp.json\n' },
    { name: 'clearing a variable', code: 'FROM golang:1.23\nENV GITHUB_TOKEN=\n' },
    'FROM golang:1.23\nARG USERNAME=app\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nARG GITHUB_TOKEN\n', errors: [{ line: 2, column: 5, message: /GITHUB_TOKEN looks like a secret.*--mount=type=secret,id=github_token,env=GITHUB_TOKEN/ }] },
    { code: 'FROM golang:1.23\nENV DB_HOST=db DB_PASSWORD=hunter2\n', errors: [{ line: 2, column: 16 }] },
    { name: 'legacy ENV form', code: 'FROM golang:1.23\nENV API_KEY abc123\n', errors: [{ line: 2, column: 5 }] },
    { name: 'a global ARG too', code: 'ARG NPM_TOKEN=x\nFROM node:22\n', errors: [{ line: 1 }] },
  ],
});

ruleTester(undefinedArgInFrom, {
  valid: [
    'ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}-alpine\n',
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=${TARGETPLATFORM} alpine:3.20\n',
    'ARG BASE\nFROM ${BASE:-alpine:3.20}\n',
    'FROM golang:1.23 AS build\nFROM build\n',
  ],
  invalid: [
    { code: 'FROM golang:${GO_VERSION}-alpine AS build\nARG GO_VERSION=1.23\n', errors: [{ line: 1, column: 13, message: /GO_VERSION is not declared before the first FROM/ }] },
    { name: 'a typo gets a suggestion', code: 'ARG GO_VERSION=1.23\nFROM golang:${GO_VERISON}\n', errors: [{ line: 2, message: /did you mean GO_VERSION\?/ }] },
    { name: 'the platform flag too', code: 'FROM --platform=$BUILD_PLATFORM golang:1.23\n', errors: [{ line: 1, column: 6, message: /did you mean BUILDPLATFORM/ }] },
  ],
});

ruleTester(invalidDefaultArg, {
  valid: [
    'ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}-alpine\n',
    'ARG BASE=alpine:3.20\nFROM ${BASE}\n',
    { name: 'a default inside the reference', code: 'ARG BASE\nFROM ${BASE:-gcr.io/distroless/static-debian12}\n' },
    { name: 'an empty suffix still leaves a valid reference', code: 'ARG SUFFIX\nFROM golang:1.23${SUFFIX}\n' },
    { name: 'a build arg supplies it', code: 'ARG BASE\nFROM ${BASE}\n', buildArgs: { BASE: 'alpine:3.20' } },
  ],
  invalid: [
    { code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}\n', errors: [{ line: 2, column: 6, message: /ARG BASE_IMAGE has no default, so \$\{BASE_IMAGE\} resolves to an empty image name/ }] },
    { code: 'ARG GOLANG_VERSION\nFROM golang:${GOLANG_VERSION}-alpine3.23 AS builder\n', errors: [{ line: 2, message: /`golang:-alpine3.23` \(invalid reference format\)/ }] },
    { code: 'ARG ns\nARG v\nFROM ${ns}/core-base:${v}\n', errors: [{ line: 3, message: /ARG ns, v have no default/ }] },
  ],
});

ruleTester(undefinedVar, {
  valid: [
    'FROM golang:1.23\nARG APP=server\nCOPY . /src/$APP\nWORKDIR $GOPATH/src\nENV PATH=$PATH:/usr/local/go/bin\n',
    { name: 'RUN is the shell\'s business', code: 'FROM alpine:3.20\nRUN echo $HOME $UNKNOWN\n' },
    { name: 'an unknown base image may set it', code: 'FROM node:22\nWORKDIR $APP_HOME\nENV PATH=$NODE_PATH/bin:$PATH\n' },
    { name: 'defaults handle the unset case', code: 'FROM alpine:3.20\nENV GOPROXY=${GOPROXY:-direct} X=${Y-}\n' },
    { name: 'single quotes and escapes do not expand', code: 'FROM alpine:3.20\nLABEL a=\'$NOPE\' b=\\$NOPE\n' },
    { name: 'ENV inherited through FROM <stage>', code: 'FROM alpine:3.20 AS base\nENV APP=x\nFROM base\nCOPY a /$APP\n' },
    { name: 'an ARG default may use an earlier name in the same ARG', code: 'FROM alpine:3.20\nARG A=1 B=$A\n' },
    { name: 'global scope: automatic args and earlier globals', code: 'ARG OS=linux\nARG PLAT=${OS}/${TARGETARCH}\nFROM alpine:3.20\n' },
    { name: 'ENV X=$X elsewhere is no evidence', code: 'FROM node:22 AS a\nENV VERSION=$VERSION\nFROM registry.access.redhat.com/ubi9/ubi-minimal AS b\nENV VERSION=$VERSION\n' },
  ],
  invalid: [
    {
      name: 'a global ARG not repeated in the stage',
      code: 'ARG APP=server\nFROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/$APP /app\n',
      errors: [{ line: 4, column: 24, message: /ARG APP is declared before FROM.*repeating `ARG APP`/ }],
    },
    { name: 'automatic platform args need ARG in the stage', code: 'FROM node:22\nENV ARCH=$TARGETARCH\n', errors: [{ line: 2, column: 10, message: /add|after `ARG TARGETARCH`/ }] },
    { name: 'ARGs do not carry into stages built FROM it', code: 'FROM alpine:3.20 AS gen\nARG VERSION=1\nFROM gen\nENV BIN=/out/app-${VERSION}\n', errors: [{ line: 4, message: /do not carry over into stages built FROM it/ }] },
    { name: 'declared only in another stage', code: 'FROM node:22 AS a\nARG TAG=1\nFROM node:22\nLABEL tag=$TAG\n', errors: [{ line: 4, message: /declared in stage a only/ }] },
    { name: 'used before its ARG', code: 'FROM node:22\nWORKDIR /src/$APP\nARG APP=x\n', errors: [{ line: 2, message: /declared on line 3, after this use/ }] },
    { name: 'a well-known image does not set it', code: 'FROM golang:1.23\nCOPY --from=builder $GOBIN/app /bin/app\n', errors: [{ line: 2, column: 21, message: /nor does the base image/ }] },
    { name: 'scratch sets nothing; typo suggestion', code: 'FROM scratch\nARG VERSION=1\nLABEL v=$VERSON\n', errors: [{ line: 3, message: /did you mean VERSION\?/ }] },
    { name: 'one ENV sees only values from before it', code: 'FROM alpine:3.20\nENV A=1 B=$A\n', errors: [{ line: 2, column: 11, message: /split it into two ENV lines/ }] },
    { name: 'COPY flags are expanded too', code: 'ARG UID=1000\nFROM alpine:3.20\nCOPY --chown=$UID a /a\n', errors: [{ line: 3, column: 14 }] },
    { name: 'global ARG default using an undeclared name', code: 'ARG IMAGE=golang:${GO_VERSION}\nFROM alpine:3.20\n', errors: [{ line: 1, message: /no ARG before it/ }] },
  ],
});

ruleTester(redundantPlatform, {
  valid: ['FROM --platform=$BUILDPLATFORM golang:1.23\n', 'FROM alpine:3.20\n'],
  invalid: [
    { code: 'FROM --platform=$TARGETPLATFORM alpine:3.20\n', errors: [{ line: 1, column: 6 }], output: 'FROM alpine:3.20\n' },
    { code: 'FROM  --platform=${TARGETPLATFORM}   gcr.io/distroless/static AS run\n', errors: [{ line: 1 }], output: 'FROM  gcr.io/distroless/static AS run\n' },
  ],
});

ruleTester(constantPlatform, {
  valid: [
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n',
    { name: 'stage named after its architecture (as BuildKit)', code: 'FROM --platform=linux/amd64 alpine:3.20 AS build_amd64\nFROM --platform=linux/arm64 alpine:3.20 AS build_arm64\n' },
    { name: 'stage named after the OS', code: 'FROM --platform=windows/amd64 golang:1.23 AS windows-tools\n' },
    { name: 'aliases normalise (x86_64 is amd64)', code: 'FROM --platform=linux/x86_64 alpine:3.20 AS tools-amd64\n' },
  ],
  invalid: [
    { code: 'FROM --platform=linux/amd64 golang:1.23 AS build\n', errors: [{ line: 1, column: 6, message: /use \$BUILDPLATFORM/ }] },
    { code: 'FROM --platform=linux/arm64 nvcr.io/nvidia/l4t-jetpack:r36 AS jetpack-6\n', errors: [{ line: 1 }] },
  ],
});

ruleTester(legacyEnv, {
  valid: ['FROM alpine:3.20\nENV A=1 B="two words"\nLABEL a=b\n', 'FROM alpine:3.20\nENV A=\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nENV GOPATH /go\n', errors: [{ line: 2, column: 5, message: /write `ENV GOPATH=<value>`/ }], output: 'FROM alpine:3.20\nENV GOPATH=/go\n' },
    { code: 'FROM alpine:3.20\nENV\tTAGS\tapparmor selinux\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nENV\tTAGS="apparmor selinux"\n' },
    { code: 'FROM alpine:3.20\nLABEL maintainer Jane Doe <jane@example.com>\n', errors: [{ line: 2, column: 7 }], output: 'FROM alpine:3.20\nLABEL maintainer="Jane Doe <jane@example.com>"\n' },
    { name: 'a value across continuations', code: 'FROM alpine:3.20\nENV X \\\n  a b \\\n  c\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nENV X="a b \\\n  c"\n' },
    { name: 'no fix when the value has quotes', code: 'FROM alpine:3.20\nENV TAGS "bindata $TAGS"\n', errors: [{ line: 2 }] },
    { name: 'no fix when quoting would keep a backslash', code: 'FROM alpine:3.20\nENV P C:\\go bin\n', errors: [{ line: 2 }] },
    { name: 'no spaces: the backslash stays as written', code: 'FROM alpine:3.20\nENV B another\\\\path\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nENV B=another\\\\path\n' },
    { name: 'the classic bug: one variable swallows the rest', code: 'FROM golang:1.23\nENV CGO_ENABLED 0 GOOS linux\n', errors: [{ line: 2 }], output: 'FROM golang:1.23\nENV CGO_ENABLED="0 GOOS linux"\n' },
  ],
});

ruleTester(casing, {
  valid: ['FROM alpine:3.20\nRUN true\n', 'from alpine:3.20\nrun true\ncopy a b\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nrun true\nCOPY a b\n', errors: [{ line: 2, column: 1, message: /write `RUN`/ }], output: 'FROM alpine:3.20\nRUN true\nCOPY a b\n' },
    { code: 'from alpine:3.20\nrun true\nCOPY a b\n', errors: [{ line: 3, message: /write `copy` like the lower-case majority/ }], output: 'from alpine:3.20\nrun true\ncopy a b\n' },
    { name: 'mixed-case keywords never match', code: 'From golang:1.21 As builder\nWORKDIR /app\nAdd . /app\n', errors: [{ line: 1 }, { line: 3 }], output: 'FROM golang:1.21 As builder\nWORKDIR /app\nADD . /app\n' },
  ],
});

ruleTester(emptyContinuation, {
  valid: ['FROM alpine:3.20\nRUN apk add \\\n    # a comment\n    git\n\nRUN true\n'],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add \\\n    git \\\n\n    tzdata\n', errors: [{ line: 4, column: 1 }], output: 'FROM alpine:3.20\nRUN apk add \\\n    git \\\n    tzdata\n' },
    { name: 'several, with blanks and CRLF', code: 'FROM alpine:3.20\r\nRUN a \\\r\n  \r\n\r\n  b\r\n', errors: [{ line: 3 }, { line: 4 }], output: 'FROM alpine:3.20\r\nRUN a \\\r\n  b\r\n' },
  ],
});

ruleTester(onbuild, {
  valid: ['FROM golang:1.23\nONBUILD COPY . /src\nONBUILD RUN go build ./...\n'],
  invalid: [
    { code: 'FROM golang:1.23\nONBUILD ONBUILD COPY . /src\n', errors: [{ line: 2, column: 9, message: /cannot be chained/ }] },
    { code: 'FROM golang:1.23\nONBUILD from alpine\nONBUILD MAINTAINER me\n', errors: [{ line: 2 }, { line: 3, message: /MAINTAINER/ }] },
  ],
});

ruleTester(unknownFlag, {
  valid: [
    'FROM alpine:3.20\nCMD ["--help"]\nENTRYPOINT ["/app", "--flag"]\nENV A=--b\n',
    'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nRUN --mount=type=cache,target=/go/pkg/mod --network=none --security=sandbox go build ./...\nCOPY --from=build --chown=1:1 --chmod=755 --link --parents --exclude=*.md a /b\nADD --checksum=sha256:abc --keep-git-dir=true --unpack=false https://x /y\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD ["/app", "health"]\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --frm=build /a /a\n', errors: [{ line: 3, column: 6, message: /COPY has no --frm flag.*did you mean --from\?/ }] },
    { name: 'every unknown flag, not just the first', code: 'FROM alpine:3.20\nRUN --mont=type=cache,target=/x true\nADD --from=x a b\n', errors: [{ line: 2, message: /did you mean --mount/ }, { line: 3, message: /ADD accepts --chown/ }] },
    { code: 'FROM --plaform=linux/amd64 alpine:3.20\n', errors: [{ line: 1, message: /did you mean --platform/ }] },
    { code: 'FROM alpine:3.20\nCMD --foo ls\n', errors: [{ line: 2, column: 5, message: /CMD takes no flags/ }] },
    { code: 'FROM alpine:3.20\nWORKDIR --chown=1 /app\n', errors: [{ line: 2, column: 9, message: /WORKDIR has no --chown flag/ }] },
  ],
});

ruleTester(untrusted, {
  valid: [
    { name: 'does nothing without a list', code: 'FROM quay.io/x/y:1\n' },
    { code: 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static:nonroot\nCOPY --from=build /a /a\n', trustedRegistries: ['docker.io', 'gcr.io'] },
    { name: 'Docker Hub spellings and wildcards', code: 'FROM index.docker.io/library/alpine:3.20\nFROM eu.gcr.io/p/img:1\nFROM scratch\n', trustedRegistries: ['docker.io', '*.gcr.io'] },
  ],
  invalid: [
    { code: 'FROM quay.io/prometheus/busybox:latest\n', trustedRegistries: ['docker.io'], errors: [{ line: 1, column: 6, message: /quay.io, which is not a trusted registry/ }] },
    { code: 'FROM alpine:3.20\nCOPY --from=ghcr.io/x/tool:1 /tool /tool\n', trustedRegistries: ['docker.io'], errors: [{ line: 2, message: /ghcr.io/ }] },
    { name: 'COPY --from an image in a scratch stage', code: 'FROM scratch\nCOPY --from=ghcr.io/x/certs:1 /etc/ssl /etc/ssl\n', trustedRegistries: ['docker.io'], errors: [{ line: 2, column: 6 }] },
    { name: 'Docker Hub must be listed too', code: 'FROM golang:1.23\n', trustedRegistries: ['registry.example.com'], errors: [{ line: 1, message: /docker.io/ }] },
  ],
});

ruleTester(pkgCache, {
  valid: [
    { name: 'the final stage is judged by apk-without-no-cache instead', code: 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates\n' },
    { name: 'nor the stages the image is built FROM', code: 'FROM alpine:3.20 AS base\nRUN apk add --no-cache tzdata\nFROM base\n' },
    'FROM golang:1.23-alpine AS build\nRUN --mount=type=cache,target=/etc/apk/cache apk add git\nFROM scratch\n',
    'FROM golang:1.23 AS build\nRUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y protobuf-compiler\nFROM scratch\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23-alpine AS build\nRUN apk add --no-cache git make\nFROM scratch\n', errors: [{ line: 2, column: 5, message: /target=\/etc\/apk\/cache/ }] },
    { code: 'FROM golang:1.23 AS build\nRUN apt-get update && apt-get install -y protobuf-compiler\nFROM scratch\n', errors: [{ line: 2, column: 23, message: /docker-clean/ }] },
  ],
});

describe('world-writable modes', () => {
  it.each(['777', '0777', '666', '0002', 'a+rwx', 'o+w', 'u+x,o+w', 'a=rwx'])('%s is world-writable', (m) => expect(worldWritable(m)).toBe(true));
  it.each(['755', '644', '1777', '+x', 'u+w', 'go-w', 'a-w', 'a+rx', '4755'])('%s is not', (m) => expect(worldWritable(m)).toBe(false));
});

ruleTester(chmod777, {
  valid: [
    'FROM alpine:3.20\nRUN chmod 1777 /tmp && chmod 755 /app && chmod +x /app\n',
    'FROM alpine:3.20\nCOPY --chmod=755 app /app\n',
    { name: 'a stage the image does not use', code: 'FROM alpine:3.20 AS scratchpad\nRUN chmod -R 777 /work\nFROM alpine:3.20\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN chmod -R 777 /data\n', errors: [{ line: 2, column: 5, message: /chmod 777/ }] },
    { code: 'FROM alpine:3.20\nRUN mkdir /data && chmod a+rwx /data\n', errors: [{ line: 2, column: 20 }] },
    { code: 'FROM alpine:3.20\nCOPY --chmod=666 .env ./\n', errors: [{ line: 2, column: 6, message: /--chmod=666/ }] },
    { name: 'a builder whose files are copied keeps the mode', code: 'FROM golang:1.23 AS build\nRUN go build -o /out/app . && chmod 777 /out/app\nFROM scratch\nCOPY --from=build /out/app /app\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(workdirInRootHome, {
  valid: [
    { name: 'root runs there', code: 'FROM alpine:3.20\nWORKDIR /root/\nCOPY app .\nCMD ["./app"]\n' },
    { name: 'a directory of its own', code: 'FROM alpine:3.20\nWORKDIR /app\nUSER 65532\n' },
    { name: 'scratch has no /root: WORKDIR makes it', code: 'FROM scratch\nUSER 65532\nWORKDIR /root\n' },
    { name: 'USER root at the end', code: 'FROM debian:12\nUSER 1000\nWORKDIR /root\nUSER root\n' },
    { name: 'a later WORKDIR moves it out', code: 'FROM alpine:3.20\nWORKDIR /root\nRUN make\nWORKDIR /srv\nUSER 1000\n' },
    { name: 'the Dockerfile opens /root itself', code: 'FROM alpine:3.20\nRUN chmod 755 /root\nWORKDIR /root\nUSER 1000\n' },
    { name: 'a builder stage', code: 'FROM golang:1.23 AS build\nUSER 1000\nWORKDIR /root/src\nFROM scratch\n' },
    { name: 'a variable the Dockerfile does not set', code: 'FROM alpine:3.20\nWORKDIR $HOME\nUSER 1000\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nWORKDIR /root/\nCOPY app .\nUSER 65532\nCMD ["./app"]\n', errors: [{ line: 2, column: 9, message: /runs as 65532 in \/root, inside root's home/ }] },
    { name: 'below /root, relative to it, after USER', code: 'FROM debian:12\nUSER app\nWORKDIR /root\nWORKDIR app\n', errors: [{ line: 4, message: /runs as app in \/root\/app/ }] },
    { name: 'through a parent stage and an ENV', code: 'FROM gcr.io/distroless/static-debian12 AS base\nENV HOME=/root\nWORKDIR $HOME\nFROM base\nUSER 65532:65532\n', errors: [{ line: 3 }] },
  ],
});

// What the group finds in the shared corpus: the counts pin down the false positives fixed along the way.
describe.skipIf(!HAS_CORPUS)('hygiene group B on the shared corpus', () => {
  const rules = new RuleSet(HYGIENE_RULES_B);
  const config = { ...defaultConfig(), enabled: HYGIENE_RULES_B.map((r) => r.meta.code) };
  const byRule = new Map<string, Set<string>>();
  for (const e of corpusEntries()) {
    for (const f of lintText({ text: e.text, path: e.id, config }, rules).findings) {
      if (!byRule.has(f.code)) byRule.set(f.code, new Set());
      byRule.get(f.code)!.add(e.id);
    }
  }
  const files = (code: string) => [...(byRule.get(code) ?? [])].sort();

  it('invalid-default-arg-in-from fires on exactly the files BuildKit refused for an empty or invalid base', () => {
    expect(files('GF225')).toEqual(['0031', '0051', '0059', '0114', '0115', '0116', '0118', '0119', '0121']);
  });

  it('undefined-var fires only where the variable is really empty', () => {
    // linkerd: ARG in a parent stage; thanos: $GOBIN unset in golang; cloudflared: global ARG not repeated;
    // vault: NAME/VERSION never declared in the stage; a distroless EXPOSE ${SHIPPING_PORT} never declared.
    expect(files('GF226')).toEqual(['0061', '0125', '0150', '0183', '0296']);
  });

  it('secrets: only the real tokens (not GITNESS_TOKEN_COOKIE_NAME, not AUTHELIA_*)', () => {
    expect(files('GF223')).toEqual(['0195', '0219']);
  });

  it('pipefail: no report for conditions, grep -q tests, $(…) or echo producers', () => {
    expect(files('GF220')).toEqual(['0048', '0074', '0089', '0112', '0180', '0216', '0261', '0276']);
  });

  it('workdir-in-root-home: no real image runs a non-root user in /root', () => {
    expect(files('GF238')).toEqual([]);
  });

  it('rules that should be rare stay silent on real files', () => {
    for (const code of ['GF222', 'GF224', 'GF232', 'GF233', 'GF234']) expect(files(code), code).toEqual([]);
  });
});
