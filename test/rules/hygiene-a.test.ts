import { ruleTester } from '../helpers/rule-tester.js';
import execForm from '../../rules/exec-form-entrypoint.js';
import relativeWorkdir from '../../rules/relative-workdir.js';
import cdInRun from '../../rules/cd-in-run.js';
import sudo from '../../rules/sudo-in-run.js';
import aptYes from '../../rules/apt-get-missing-yes.js';
import aptRecommends from '../../rules/apt-get-install-recommends.js';
import aptLists from '../../rules/apt-lists-not-cleaned.js';
import aptNotAptGet from '../../rules/apt-instead-of-apt-get.js';
import aptPins from '../../rules/apt-unpinned-versions.js';
import apkPins from '../../rules/apk-unpinned-versions.js';
import addCopy from '../../rules/add-instead-of-copy.js';
import copyDest from '../../rules/copy-dest-not-directory.js';
import copyFrom from '../../rules/copy-from-unknown-stage.js';
import duplicateStage from '../../rules/duplicate-stage-name.js';
import reservedStage from '../../rules/reserved-stage-name.js';
import stageCasing from '../../rules/stage-name-casing.js';
import fromAsCasing from '../../rules/from-as-casing.js';
import maintainer from '../../rules/maintainer-deprecated.js';
import multiple from '../../rules/multiple-cmd-entrypoint-healthcheck.js';

ruleTester(execForm, {
  valid: [
    'FROM alpine:3.20\nENTRYPOINT ["/app"]\nCMD ["serve"]\n',
    { name: 'exec makes the program PID 1', code: 'FROM python:3.12\nCMD exec gunicorn --bind :$PORT app:app\n' },
    { name: 'an explicit SHELL says the shell is wanted (BuildKit)', code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nCMD echo "$HOME"\n' },
    { name: 'SHELL in the parent stage counts', code: 'FROM alpine:3.20 AS base\nSHELL ["/bin/ash", "-c"]\nFROM base\nENTRYPOINT ./run.sh\n' },
    'FROM alpine:3.20\nHEALTHCHECK CMD wget -q -O- localhost:8080/healthz || exit 1\n',
    { name: 'BuildKit check=skip keeps working', code: '# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD /app serve\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nENTRYPOINT ./goapp\n', errors: [{ line: 2, column: 1, message: /ENTRYPOINT \["\.\/goapp"\]/ }], output: 'FROM alpine:3.20\nENTRYPOINT ["./goapp"]\n' },
    {
      name: 'plain words across a continuation',
      code: 'FROM alpine:3.20\nCMD /app --port=8080 \\\n    --log-level info\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine:3.20\nCMD ["/app", "--port=8080", "--log-level", "info"]\n',
    },
    { name: 'shell syntax: no fix', code: 'FROM alpine:3.20\nCMD /app --port $PORT\n', errors: [{ line: 2, message: /script that ends in `exec`/ }] },
    { name: 'quotes and pipes: no fix', code: 'FROM alpine:3.20\nCMD echo \'test\' | wc -\n', errors: [{ line: 2 }] },
    { name: 'a shell builtin cannot run without a shell', code: 'FROM alpine:3.20\nCMD cd /srv\n', errors: [{ line: 2 }] },
    { name: 'an environment assignment needs the shell', code: 'FROM alpine:3.20\nCMD GODEBUG=x509sha1=1 /app\n', errors: [{ line: 2 }] },
    { name: 'lower-case instruction', code: 'from alpine:3.20\ncmd /app serve\n', errors: [{ line: 2 }], output: 'from alpine:3.20\ncmd ["/app", "serve"]\n' },
  ],
});

ruleTester(relativeWorkdir, {
  valid: [
    'FROM golang:1.23\nWORKDIR /src\n',
    { name: 'a variable that expands to an absolute path', code: 'FROM golang:1.23\nENV APP_HOME=/srv/app\nWORKDIR $APP_HOME\n' },
    { name: 'ARG default', code: 'FROM golang:1.23\nARG DIR=/src\nWORKDIR ${DIR}/cmd\n' },
    { name: 'a variable of the base image is unknown: benefit of the doubt', code: 'FROM golang:1.23\nWORKDIR $GOPATH/src/github.com/acme/app\n' },
    { name: 'relative after an absolute WORKDIR is well defined (BuildKit)', code: 'FROM golang:1.23\nWORKDIR /src\nWORKDIR cmd/api\n' },
    { name: 'the absolute WORKDIR may be in the parent stage', code: 'FROM golang:1.23 AS base\nWORKDIR /src\nFROM base\nWORKDIR cmd\n' },
    'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\\\app\n',
    'FROM golang:1.23\nWORKDIR "/src/my app"\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nWORKDIR httpbun\n', errors: [{ line: 2, column: 9, message: /\/httpbun/ }] },
    { name: 'a variable that expands to a relative path', code: 'FROM golang:1.23\nARG DIR=src\nWORKDIR $DIR\n', errors: [{ line: 3 }] },
    { name: 'reported once, in the stage that has it', code: 'FROM golang:1.23 AS base\nWORKDIR app\nFROM base\nRUN true\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(cdInRun, {
  valid: [
    'FROM golang:1.23\nWORKDIR /src\nRUN go build ./...\n',
    { name: 'subshell', code: 'FROM golang:1.23\nRUN (cd tools && go install .) && go build ./...\n' },
    { name: 'inside a loop', code: 'FROM golang:1.23\nRUN for d in cmd/*; do cd $d && go build . && cd -; done\n' },
    { name: 'computed directory', code: 'FROM golang:1.23\nRUN cd "$(mktemp -d)" && go mod init tmp\n' },
    { name: 'globbed directory', code: 'FROM alpine:3.20\nRUN tar -C /tmp -xzf /tmp/x.tgz && cd /tmp/luarocks* && make install\n' },
    { name: 'a scratch directory deleted afterwards', code: 'FROM debian:bookworm-slim\nRUN mkdir /build && cd /build && make && rm -rf /build\n' },
    { name: 'into /tmp', code: 'FROM debian:bookworm-slim\nRUN cd /tmp && wget -q https://example.com/x.tgz && tar xf x.tgz\n' },
    { name: 'a directory cloned in the same RUN', code: 'FROM golang:1.23\nRUN git clone https://github.com/tonistiigi/xx && cd xx && git checkout v1\n' },
    { name: 'a heredoc that clones first', code: 'FROM golang:1.23\nRUN <<EOF\nset -eu\ngit clone https://example.com/pam.git /src\ncd /src\nEOF\n' },
    { name: 'into a RUN mount', code: 'FROM alpine:3.20\nRUN --mount=target=/context cd /context/docs && ls\n' },
    { name: 'cd inside sh -c is nested', code: 'FROM alpine:3.20\nRUN sh -c "cd /src && make"\n' },
    'FROM alpine:3.20\nRUN echo "cd /src"\n',
    { name: 'hadolint ignore comments keep working', code: 'FROM golang:1.23\n# hadolint ignore=DL3003\nRUN cd /src && go build .\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23\nRUN cd /src && go build -o goapp\n', errors: [{ line: 2, column: 5, message: 'use WORKDIR /src' }] },
    { name: 'only the first cd of a RUN', code: 'FROM golang:1.23\nRUN cd /src && \\\n    cd cmd && go build .\n', errors: [{ line: 2 }] },
    { name: 'in a heredoc', code: 'FROM golang:1.23\nRUN <<EOF\ncd /src\ngo build .\nEOF\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(sudo, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
    { name: 'installing the sudo package is not using it', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y sudo\n' },
    'FROM alpine:3.20\nRUN echo "sudo make me a sandwich"\n',
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN sudo apt-get update\n', errors: [{ line: 2, column: 5 }] },
    { code: 'FROM debian:bookworm-slim\nRUN make && /usr/bin/sudo make install\n', errors: [{ line: 2, column: 13 }] },
  ],
});

ruleTester(aptYes, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get install -y git\n',
    'FROM debian:bookworm-slim\nRUN apt-get install --yes git\n',
    'FROM debian:bookworm-slim\nRUN apt-get install --assume-yes git\n',
    { name: '-qq implies -y', code: 'FROM debian:bookworm-slim\nRUN apt-get -qq install git\n' },
    { name: 'combined short flags', code: 'FROM debian:bookworm-slim\nRUN apt-get install -qy git\n' },
    { name: 'yes piped in', code: 'FROM debian:bookworm-slim\nRUN yes | apt-get install git\n' },
    { name: 'Assume-Yes set in apt.conf.d earlier', code: 'FROM debian:bookworm-slim\nRUN echo \'APT::Get::Assume-Yes "true";\' > /etc/apt/apt.conf.d/90yes\nRUN apt-get install git\n' },
    { name: 'Assume-Yes as an -o option', code: 'FROM debian:bookworm-slim\nRUN apt-get -o APT::Get::Assume-Yes=true install git\n' },
    'FROM debian:bookworm-slim\nRUN apt-get update\n',
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN apt-get install openssh-client git\n', errors: [{ line: 2, column: 5 }], output: 'FROM debian:bookworm-slim\nRUN apt-get install -y openssh-client git\n' },
    {
      name: 'after an option with a value, behind sudo',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update && \\\n    sudo apt-get -o Dpkg::Options::=--force-confold install git\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM debian:bookworm-slim\nRUN apt-get update && \\\n    sudo apt-get -o Dpkg::Options::=--force-confold install -y git\n',
    },
    { name: 'no fix inside a heredoc', code: 'FROM debian:bookworm-slim\nRUN <<EOF\napt-get install git\nEOF\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(aptRecommends, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends git\n',
    { name: 'setting in apt.conf.d', code: 'FROM debian:bookworm-slim\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/00norecommends\nRUN apt-get install -y git\n' },
    { name: 'as an -o option', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y -o APT::Install-Recommends=false git\n' },
    { name: 'apk is not apt', code: 'FROM alpine:3.20\nRUN apk add --no-cache git\n' },
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git\n', errors: [{ line: 2, column: 23 }], output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install --no-install-recommends -y git\n' },
    { code: 'FROM debian:bookworm-slim\nRUN DEBIAN_FRONTEND=noninteractive apt-get -y install git\n', errors: [{ line: 2 }], output: 'FROM debian:bookworm-slim\nRUN DEBIAN_FRONTEND=noninteractive apt-get -y install --no-install-recommends git\n' },
  ],
});

ruleTester(aptLists, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git && rm -rf /var/lib/apt/lists/*\n',
    { name: 'cache mounts', code: 'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y git\n' },
    { name: 'apt-get dist-clean', code: 'FROM debian:trixie-slim\nRUN apt-get update && apt-get install -y git && apt-get dist-clean\n' },
    {
      name: 'a builder stage whose files are copied selectively is not shipped (hadolint reports it)',
      code: 'FROM golang:1.23 AS build\nRUN apt-get update && apt-get install -y libpcap-dev\nRUN go build -o /out/app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out/app /app\n',
    },
    { name: '--target picks a stage without apt', code: 'FROM debian:bookworm-slim AS dev\nRUN apt-get update\nFROM scratch AS prod\n', target: 'prod' },
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git\n', errors: [{ line: 2, column: 5, message: /rm -rf \/var\/lib\/apt\/lists/ }] },
    { name: 'cleaning in a later RUN does not shrink the earlier layer', code: 'FROM debian:bookworm-slim\nRUN apt-get update\nRUN apt-get install -y git && rm -rf /var/lib/apt/lists/*\n', errors: [{ line: 2 }] },
    { name: 'the parent stage of the final one ships', code: 'FROM debian:bookworm-slim AS base\nRUN apt-get update && apt-get install -y git\nFROM base\nRUN true\n', errors: [{ line: 2 }] },
    { name: 'a stage copied wholesale ships', code: 'FROM debian:bookworm-slim AS root\nRUN apt update && apt install -y git\nFROM scratch\nCOPY --from=root / /\n', errors: [{ line: 2 }] },
    { name: 'a cache mount on the archives alone keeps the lists', code: 'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y git\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(aptNotAptGet, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-cache policy git\n',
    'FROM debian:bookworm-slim\nRUN apt-key add /tmp/key.gpg\n',
    'FROM debian:bookworm-slim\nRUN echo apt install\n',
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN apt update && apt install -y git\n', errors: [{ line: 2, column: 5 }, { line: 2, column: 19, message: 'apt-get install' }], output: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y git\n' },
    { name: 'apt search → apt-cache, no fix', code: 'FROM debian:bookworm-slim\nRUN apt search golang\n', errors: [{ line: 2, message: 'apt-cache search' }] },
    { name: 'full-upgrade has another name in apt-get: no fix', code: 'FROM debian:bookworm-slim\nRUN apt full-upgrade -y\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(aptPins, {
  valid: [
    'FROM debian:bookworm-slim\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8\n',
    { name: 'local .deb files and variables', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y ./pkg.deb $PACKAGES\n' },
    { name: 'option values are not packages', code: 'FROM debian:bookworm-slim\nRUN apt-get install -y -t bookworm-backports -o Dpkg::Use-Pty=0 git=1:2.39.5-0\n' },
  ],
  invalid: [
    { code: 'FROM debian:bookworm-slim\nRUN apt-get install -y curl git=1:2.39.5-0\n', errors: [{ line: 2, message: 'pin versions for curl (' }] },
    { code: 'FROM debian:bookworm-slim\nRUN apt install -y curl\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(apkPins, {
  valid: [
    'FROM alpine:3.20\nRUN apk add --no-cache git=2.45.2-r0 curl~8\n',
    { name: 'the --virtual name is not a package', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0\n' },
    'FROM alpine:3.20\nRUN apk del git\n',
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nRUN apk add --no-cache ca-certificates tzdata\n', errors: [{ line: 2, message: 'ca-certificates, tzdata' }] },
    { code: 'FROM alpine:3.20\nRUN apk add -t .deps -X https://dl-cdn.alpinelinux.org/alpine/edge/testing git\n', errors: [{ line: 2, message: 'pin versions for git (' }] },
  ],
});

ruleTester(addCopy, {
  valid: [
    'FROM alpine:3.20\nADD https://example.com/app.tar.gz /opt/\n',
    { name: 'a local archive that ADD unpacks', code: 'FROM alpine:3.20\nADD rootfs.tar.xz /\n' },
    { name: 'a git repository', code: 'FROM alpine:3.20\nADD --keep-git-dir=true "https://github.com/opencontainers/runc.git#v1.1.12" /src\n' },
    { name: 'a quoted URL', code: 'FROM alpine:3.20\nADD "https://api.github.com/repos/dapr/fortio/branches/main" skipcache\n' },
    { name: '--checksum only exists on ADD', code: 'FROM alpine:3.20\nADD --checksum=sha256:' + 'a'.repeat(64) + ' https://example.com/x /x\n' },
    { name: 'a variable that could hold a URL', code: 'FROM alpine:3.20\nARG SRC\nADD ${SRC} /opt/\n' },
    'FROM alpine:3.20\nCOPY . /src\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nADD . /src\n', errors: [{ line: 2, column: 1 }], output: 'FROM golang:1.23\nCOPY . /src\n' },
    { name: 'keyword case is kept', code: 'from golang:1.23\nadd --chown=app main.go /src/\n', errors: [{ line: 2 }], output: 'from golang:1.23\ncopy --chown=app main.go /src/\n' },
    { name: 'variables with known local values', code: 'FROM alpine:3.20\nARG DIR=bin\nADD ${DIR}/etcd /usr/local/bin/\n', errors: [{ line: 3 }], output: 'FROM alpine:3.20\nARG DIR=bin\nCOPY ${DIR}/etcd /usr/local/bin/\n' },
  ],
});

ruleTester(copyDest, {
  valid: [
    'FROM golang:1.23\nCOPY go.mod go.sum /src/\n',
    'FROM golang:1.23\nWORKDIR /src\nCOPY go.mod go.sum ./\n',
    { name: '. is a directory', code: 'FROM golang:1.23\nWORKDIR /src\nCOPY *.go .\n' },
    { name: 'a wildcard aimed at one named file', code: 'FROM eclipse-temurin:21\nCOPY target/*.jar app.jar\n' },
    'FROM golang:1.23\nCOPY . /src\n',
    'FROM golang:1.23\nCOPY ["a b", "c", "/dest/"]\n',
  ],
  invalid: [
    { code: 'FROM golang:1.23\nCOPY go.mod go.sum /src\n', errors: [{ line: 2, column: 6, message: '2 sources' }], output: 'FROM golang:1.23\nCOPY go.mod go.sum /src/\n' },
    { name: 'a wildcard that matches go.mod and go.sum', code: 'FROM golang:1.23\nCOPY gitops-engine/go.* ./gitops-engine\n', errors: [{ line: 2 }], output: 'FROM golang:1.23\nCOPY gitops-engine/go.* ./gitops-engine/\n' },
    { name: 'quoted destination', code: 'FROM golang:1.23\nCOPY --from=golang:1.23 a b "/opt/my dir"\n', errors: [{ line: 2 }], output: 'FROM golang:1.23\nCOPY --from=golang:1.23 a b "/opt/my dir/"\n' },
    { name: 'exec form', code: 'FROM golang:1.23\nCOPY ["a", "b", "/dest"]\n', errors: [{ line: 2 }], output: 'FROM golang:1.23\nCOPY ["a", "b", "/dest/"]\n' },
    { name: 'a wildcard in the destination: no fix', code: 'FROM alpine:3.20\nCOPY files/LICENSES/* /LICENSES/*\n', errors: [{ line: 2 }] },
  ],
});

ruleTester(copyFrom, {
  valid: [
    'FROM golang:1.23 AS build\nFROM scratch\nCOPY --from=build /out/app /app\n',
    { name: 'case does not matter', code: 'FROM golang:1.23 AS Build\nFROM scratch\nCOPY --from=build /out/app /app\n' },
    { name: 'an earlier stage by index', code: 'FROM golang:1.23\nFROM scratch\nCOPY --from=0 /out/app /app\n' },
    { name: 'an image reference', code: 'FROM alpine:3.20\nCOPY --from=nginx:1.27 /etc/nginx /etc/nginx\nCOPY --from=gcr.io/distroless/static /etc/passwd /etc/passwd\n' },
    { name: 'an image with no resemblance to a stage', code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=busybox /bin/busybox /bin/\n' },
    { name: 'an ARG that names a stage', code: 'ARG SRC=build\nFROM golang:1.23 AS build\nFROM scratch\nARG SRC\nCOPY --from=${SRC} /out /out\n' },
    { name: 'mount from an earlier stage', code: 'FROM golang:1.23 AS deps\nFROM golang:1.23\nRUN --mount=from=deps,source=/go/pkg,target=/go/pkg go build ./...\n' },
  ],
  invalid: [
    { code: 'FROM golang:1.23 AS builder\nFROM scratch\nCOPY --from=buidler /out/app /app\n', errors: [{ line: 3, column: 6, message: 'did you mean --from=builder' }] },
    { name: 'its own stage (DL3023)', code: 'FROM golang:1.23 AS build\nCOPY --from=build /a /b\n', errors: [{ line: 2, message: 'this stage itself' }] },
    { name: 'its own index', code: 'FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=1 /a /b\n', errors: [{ line: 3, message: 'this stage itself' }] },
    { name: 'a stage defined later', code: 'FROM alpine:3.20 AS final\nCOPY --from=build /out/app /app\nFROM golang:1.23 AS build\n', errors: [{ line: 2, message: 'defined later' }] },
    { name: 'an index past the end', code: 'FROM golang:1.23\nFROM alpine:3.20\nCOPY --from=5 /a /b\n', errors: [{ line: 3, message: 'no stage 5' }] },
    { name: 'not a valid reference either', code: 'FROM golang:1.23 AS build\nFROM alpine:3.20\nCOPY --from=Bad_Name! /a /b\n', errors: [{ line: 3, message: 'neither a stage' }] },
    { name: 'mount from a misspelt stage', code: 'FROM golang:1.23 AS deps\nFROM golang:1.23\nRUN --mount=from=dep,source=/go/pkg,target=/go/pkg go build ./...\n', errors: [{ line: 3, message: 'did you mean --from=deps' }] },
  ],
});

ruleTester(duplicateStage, {
  valid: ['FROM golang:1.23 AS build\nFROM alpine:3.20 AS final\n', 'FROM golang:1.23\nFROM alpine:3.20\n'],
  invalid: [
    { code: 'FROM golang:1.23 AS build\nFROM golang:1.23 AS Build\n', errors: [{ line: 2, column: 21, message: 'line 1' }] },
    { code: 'FROM a:1 AS x\nFROM b:1 AS x\nFROM c:1 AS x\n', errors: [{ line: 2 }, { line: 3 }] },
  ],
});

ruleTester(reservedStage, {
  valid: ['FROM scratch AS empty\n', 'FROM alpine:3.20 AS contexts\n'],
  invalid: [
    { code: 'FROM alpine:3.20 AS scratch\n', errors: [{ line: 1, column: 21 }] },
    { code: 'FROM alpine:3.20 AS Context\n', errors: [{ line: 1 }] },
  ],
});

ruleTester(stageCasing, {
  valid: ['FROM golang:1.23 AS build-env\nFROM scratch\nCOPY --from=build-env /a /a\n', 'FROM golang:1.23\n'],
  invalid: [
    {
      code: 'FROM golang:1.23 AS Builder\nRUN go build -o /out/app .\nFROM Builder AS Test\nRUN --mount=type=bind,from=BUILDER,source=/out,target=/x true\nFROM scratch\nCOPY --from=Builder /out/app /app\n',
      errors: [{ line: 1, column: 21, message: 'builder' }, { line: 3, message: 'test' }],
      output: 'FROM golang:1.23 AS builder\nRUN go build -o /out/app .\nFROM builder AS test\nRUN --mount=type=bind,from=builder,source=/out,target=/x true\nFROM scratch\nCOPY --from=builder /out/app /app\n',
    },
    { name: 'a reference through an ARG still resolves, case-insensitively', code: 'ARG S=Build\nFROM golang:1.23 AS Build\nFROM scratch\nCOPY --from=${S} /a /a\n', errors: [{ line: 2 }], output: 'ARG S=Build\nFROM golang:1.23 AS build\nFROM scratch\nCOPY --from=${S} /a /a\n' },
  ],
});

ruleTester(fromAsCasing, {
  valid: ['FROM golang:1.23 AS build\n', 'from golang:1.23 as build\n', { name: 'mixed-case FROM has no casing to match', code: 'From golang:1.23 as build\n' }, 'FROM golang:1.23\n'],
  invalid: [
    { code: 'FROM golang:1.23 as build\n', errors: [{ line: 1, column: 18 }], output: 'FROM golang:1.23 AS build\n' },
    { code: 'from golang:1.23 AS build\n', errors: [{ line: 1 }], output: 'from golang:1.23 as build\n' },
    { code: 'FROM --platform=$BUILDPLATFORM golang:1.23 As build\n', errors: [{ line: 1 }], output: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\n' },
  ],
});

ruleTester(maintainer, {
  valid: ['FROM alpine:3.20\nLABEL org.opencontainers.image.authors="me"\n'],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER David Bulkow <david.bulkow@example.com>\n',
      errors: [{ line: 2, column: 1 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="David Bulkow <david.bulkow@example.com>"\n',
    },
    { name: 'quotes and $ are escaped', code: 'FROM alpine:3.20\nmaintainer Jo "J$" O\'Neil\n', errors: [{ line: 2 }], output: 'FROM alpine:3.20\nlabel org.opencontainers.image.authors="Jo \\"J\\$\\" O\'Neil"\n' },
    { name: 'with the backtick escape', code: '# escape=`\nFROM alpine:3.20\nMAINTAINER a "b"\n', errors: [{ line: 3 }], output: '# escape=`\nFROM alpine:3.20\nLABEL org.opencontainers.image.authors="a `"b`""\n' },
  ],
});

ruleTester(multiple, {
  valid: [
    'FROM alpine:3.20\nENTRYPOINT ["/app"]\nCMD ["serve"]\nHEALTHCHECK CMD ["/app", "health"]\n',
    { name: 'one per stage', code: 'FROM alpine:3.20 AS a\nCMD ["a"]\nFROM a\nCMD ["b"]\n' },
    { name: 'ONBUILD CMD is for the child image', code: 'FROM alpine:3.20\nONBUILD CMD ["a"]\nCMD ["b"]\n' },
  ],
  invalid: [
    { code: 'FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\nCMD ["c"]\n', errors: [{ line: 2, message: 'line 4' }, { line: 3 }] },
    { code: 'FROM alpine:3.20\nENTRYPOINT ["a"]\nHEALTHCHECK NONE\nENTRYPOINT ["b"]\nHEALTHCHECK CMD ["x"]\n', errors: [{ line: 2, message: 'ENTRYPOINT' }, { line: 3, message: 'HEALTHCHECK' }] },
  ],
});
