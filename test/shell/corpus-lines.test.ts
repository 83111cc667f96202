// Real RUN lines (short snippets from /work/shared/corpus) split into the exact commands rules will see.
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/shell/parse.js';
import { offsetsHold, showAll } from './helpers.js';

const cases: [string, string[]][] = [
  ['apk add --no-cache --no-progress ca-certificates tzdata', ['0 ^ apk add --no-cache --no-progress ca-certificates tzdata']],
  [
    'apt-get update && apt-get -y upgrade && apt-get install --no-install-recommends -y media-types && rm -rf /var/lib/apt/lists/*',
    [
      '0 ^ apt-get update',
      '0 && apt-get -y upgrade',
      '0 && apt-get install --no-install-recommends -y media-types',
      '0 && rm -rf /var/lib/apt/lists/*',
    ],
  ],
  [
    'CGO_ENABLED=0 GOOS=linux GOARCH=$TARGETARCH go build -o /out/controller -tags prod -mod=readonly -ldflags "-s -w" ./controller/cmd',
    ['0 ^ [CGO_ENABLED=0] [GOOS=linux] [GOARCH=$TARGETARCH] go build -o /out/controller -tags prod -mod=readonly -ldflags "-s -w" ./controller/cmd'],
  ],
  [
    'CGO_ENABLED=1 GOFLAGS="$GOFLAGS" go build -tags slicelabels -o $GOBIN/thanos -race ./cmd/thanos',
    ['0 ^ [CGO_ENABLED=1] [GOFLAGS=$GOFLAGS] go build -tags slicelabels -o $GOBIN/thanos -race ./cmd/thanos'],
  ],
  [
    '[ "$(xx-info arch)" != "ppc64le" ] || XX_CC_PREFER_LINKER=ld xx-clang --setup-target-triple',
    ['0 ^ [ "$(xx-info arch)" != ppc64le ]', '1 ^ xx-info arch', '0 || [XX_CC_PREFER_LINKER=ld] xx-clang --setup-target-triple'],
  ],
  [
    "curl -fsSL https://golang.org/dl/go$(awk '/^go/ { print $2 }' go.mod).linux-$(case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; esac).tar.gz | tar xz -C /usr/local",
    [
      '0 ^ P curl -fsSL "https://golang.org/dl/go$(awk \'/^go/ { print $2 }\' go.mod).linux-$(case $(uname -m) in x86_64) echo amd64 ;; aarch64) echo arm64 ;; esac).tar.gz"',
      '1 ^ awk "/^go/ { print $2 }" go.mod',
      '2 ^ uname -m',
      '2 ^ echo amd64',
      '2 ^ echo arm64',
      '0 | P tar xz -C /usr/local',
    ],
  ],
  [
    `test -z "$(gofmt -l $(find . -type f -name '*.go' -not -path "./vendor/*"))"`,
    [
      `0 ^ test -z "$(gofmt -l $(find . -type f -name '*.go' -not -path \\"./vendor/*\\"))"`,
      `1 ^ gofmt -l "$(find . -type f -name '*.go' -not -path \\"./vendor/*\\")"`,
      '2 ^ find . -type f -name *.go -not -path ./vendor/*',
    ],
  ],
  [
    'if [ "${INSTALL_OPTIONAL_PACKAGES}" = "true" ]; then apt-get update && apt-get install --no-install-recommends -y jq && rm -rf /var/lib/apt/lists/*; fi',
    [
      '1 ^ [ ${INSTALL_OPTIONAL_PACKAGES} = true ]',
      '1 ^ apt-get update',
      '1 && apt-get install --no-install-recommends -y jq',
      '1 && rm -rf /var/lib/apt/lists/*',
    ],
  ],
  [
    'npm install -g corepack@0.34.6 && corepack enable && pnpm install --frozen-lockfile',
    ['0 ^ npm install -g corepack@0.34.6', '0 && corepack enable', '0 && pnpm install --frozen-lockfile'],
  ],
  ['mkdir -p "$GOPATH/src" "$GOPATH/bin" && chmod -R 777 "$GOPATH"', ['0 ^ mkdir -p $GOPATH/src $GOPATH/bin', '0 && chmod -R 777 $GOPATH']],
  ['ln -s /usr/lib/$(uname -m)-linux-gnu /usr/lib/linux-gnu', ['0 ^ ln -s "/usr/lib/$(uname -m)-linux-gnu" /usr/lib/linux-gnu', '1 ^ uname -m']],
  [
    'git config --global url."https://${GH_TOKEN}:x-oauth-basic@github.com/".insteadOf "https://github.com/"',
    ['0 ^ git config --global url.https://${GH_TOKEN}:x-oauth-basic@github.com/.insteadOf https://github.com/'],
  ],
  [
    "node --max_old_space_size=2048 'node_modules/@angular/cli/bin/ng' build --configuration production",
    ['0 ^ node --max_old_space_size=2048 node_modules/@angular/cli/bin/ng build --configuration production'],
  ],
  ['go build -a -o C:\\\\app\\\\simpleudpserverwindows.exe .', ['0 ^ go build -a -o C:\\app\\simpleudpserverwindows.exe .']],
  ['rm -f dist/lib/ollama/rocm_v7_2/rocblas/library/*gfx90[06]*', ['0 ^ rm -f dist/lib/ollama/rocm_v7_2/rocblas/library/*gfx90[06]*']],
  [
    'make clean && GOARCH=$(cat /goarch) GOARM=$(cat /goarm) make BUILD_IN_CONTAINER=false loki',
    [
      '0 ^ make clean',
      '0 && [GOARCH="$(cat /goarch)"] [GOARM="$(cat /goarm)"] make BUILD_IN_CONTAINER=false loki',
      '1 ^ cat /goarch',
      '1 ^ cat /goarm',
    ],
  ],
  ['xx-apk add musl-dev gcc && xx-go --wrap', ['0 ^ xx-apk add musl-dev gcc', '0 && xx-go --wrap']],
  ['go env GOARCH > /goarch && \\\n    go env GOARM > /goarm', ['0 ^ go env GOARCH', '0 && go env GOARM']],
  [
    'adduser \\\n    -D `#Dont assign a password` \\\n    -H `#Dont create home directory` \\\n    -u 1001 `#User id`\\\n    thanos && \\\n    chown thanos /bin/thanos',
    [
      '0 ^ adduser -D "`#Dont assign a password`" -H "`#Dont create home directory`" -u 1001 "`#User id`" thanos',
      '0 && chown thanos /bin/thanos',
    ],
  ],
  ['eval "$(gimme "${GO_VERSION}")"', ['0 ^ eval "$(gimme \\"${GO_VERSION}\\")"', '1 ^ gimme ${GO_VERSION}']],
  [
    'export GOARCH=$TARGETARCH && export CC=$(target-cc) && export CGO_ENABLED=1',
    ['0 ^ export GOARCH=$TARGETARCH', '0 && export CC=$(target-cc)', '1 ^ target-cc', '0 && export CGO_ENABLED=1'],
  ],
  [
    `ctr oci spec \\\n        | jq '.hooks.createContainer[.hooks.createContainer| length] |= . + {"path": "/kind/bin/mount-product-files.sh"}' \\\n        | jq 'del(.process.rlimits)' \\\n        > /etc/containerd/cri-base.json \\\n    && containerd --version`,
    [
      '0 ^ P ctr oci spec',
      '0 | P jq ".hooks.createContainer[.hooks.createContainer| length] |= . + {\\"path\\": \\"/kind/bin/mount-product-files.sh\\"}"',
      '0 | P jq del(.process.rlimits)',
      '0 && containerd --version',
    ],
  ],
  [
    "sh -c 'echo root:testpass \\\n        > /tmp/passwd'",
    ['0 ^ sh -c "echo root:testpass \\\\\\n        > /tmp/passwd"', '1 ^ echo root:testpass'],
  ],
  [
    // abbreviated from a caddy image: checksums shortened, two arms kept
    `set -eux; \\\n\tapkArch="$(apk --print-arch)"; \\\n\tcase "$apkArch" in \\\n\t\tx86_64)  binArch='amd64'; checksum='2513b2' ;; \\\n\t\t*) echo >&2 "error: unsupported architecture ($apkArch)"; exit 1 ;;\\\n\tesac; \\\n\twget -O /tmp/caddy.tar.gz "https://github.com/caddyserver/caddy/releases/download/v2.11.2/caddy_2.11.2_linux_\${binArch}.tar.gz"; \\\n\techo "$checksum  /tmp/caddy.tar.gz" | sha512sum -c; \\\n\ttar x -z -f /tmp/caddy.tar.gz -C /usr/bin caddy; \\\n\trm -f /tmp/caddy.tar.gz;`,
    [
      '0 ^ set -eux',
      '0 ; [apkArch="$(apk --print-arch)"]',
      '1 ^ apk --print-arch',
      '1 ; [binArch=amd64]',
      '1 ; [checksum=2513b2]',
      '1 ; echo "error: unsupported architecture ($apkArch)"',
      '1 ; exit 1',
      '0 ; wget -O /tmp/caddy.tar.gz https://github.com/caddyserver/caddy/releases/download/v2.11.2/caddy_2.11.2_linux_${binArch}.tar.gz',
      '0 ; P echo "$checksum  /tmp/caddy.tar.gz"',
      '0 | P sha512sum -c',
      '0 ; tar x -z -f /tmp/caddy.tar.gz -C /usr/bin caddy',
      '0 ; rm -f /tmp/caddy.tar.gz',
    ],
  ],
  [
    // from a RUN <<EOT heredoc body (buildkit image)
    `  set -ex\n  xx-go build \${GOBUILDFLAGS} -gcflags="\${GOGCFLAGS}" -ldflags "$(cat /tmp/.ldflags) -extldflags '-static'" -tags "osusergo netgo static_build seccomp \${BUILDKITD_TAGS}" -o /usr/bin/buildkitd ./cmd/buildkitd\n  xx-verify \${VERIFYFLAGS} /usr/bin/buildkitd\n`,
    [
      '0 ^ set -ex',
      `0 NL xx-go build \${GOBUILDFLAGS} -gcflags=\${GOGCFLAGS} -ldflags "$(cat /tmp/.ldflags) -extldflags '-static'" -tags "osusergo netgo static_build seccomp \${BUILDKITD_TAGS}" -o /usr/bin/buildkitd ./cmd/buildkitd`,
      '1 ^ cat /tmp/.ldflags',
      '0 NL xx-verify ${VERIFYFLAGS} /usr/bin/buildkitd',
    ],
  ],
];

describe('parseShell on real RUN lines', () => {
  it.each(cases)('%s', (src, want) => {
    const s = parseShell(src);
    expect(showAll(s)).toEqual(want);
    expect(s.errors).toEqual([]);
    expect(offsetsHold(s)).toBe(true);
  });
});
