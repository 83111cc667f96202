// The Dockerfile-built goldens (full, more, link), rebuilt by hand with the state API the way
// BuildKit's Dockerfile frontend would call it: proof the API can express the frontend's output.
import { describe, it } from 'vitest';
import {
  SourceMap,
  copy,
  decodeDefinition,
  encodeDefinition,
  image,
  local,
  marshal,
  merge,
  mkdir,
  scratch,
  http,
  type CopyOptions,
  type State,
} from '../../src/llb/index.js';
import { expectSameDefinition, hasGolden, readGolden, readGoldenText } from './shared.js';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const MARSHAL = { localUniqueId: 'fixed', defaultPath: 'worker' as const };
const COPY: CopyOptions = {
  followSymlinks: true,
  copyDirContentsOnly: true,
  createDestPath: true,
  allowWildcard: true,
  allowEmptyWildcard: true,
};
const command = (text: string): Record<string, string> => ({ 'com.docker.dockerfile.v1.command': text });
const buildContext = (opts: { followPaths?: string[] } = {}): State =>
  local('context', { sharedKeyHint: 'context', customName: '[internal] load build context', ...opts });

function fullState(): State {
  const dockerfile = local('dockerfile', {
    differ: { type: 'none' },
    followPaths: ['Dockerfile'],
    sharedKeyHint: 'dockerfile',
    customName: '[internal] load build definition from Dockerfile',
  });
  const sm = new SourceMap('Dockerfile', readGoldenText('full.Dockerfile'), dockerfile);
  const ctx = buildContext();
  const sh = (cmd: string): string[] => ['/bin/sh', '-c', cmd];

  const runDownload =
    'RUN --mount=type=cache,target=/go/pkg/mod,sharing=locked     --mount=type=secret,id=netrc,target=/root/.netrc     --mount=type=ssh     go mod download';
  const runBuild =
    'RUN --mount=type=bind,source=hack,target=/hack,ro     --mount=type=tmpfs,target=/tmp     --mount=type=cache,id=gobuild,target=/root/.cache/go-build     ';
  const build = image('golang:1.22', {
    description: command('FROM golang:${GO_VERSION} AS build'),
    customName: '[build 1/6] FROM docker.io/library/golang:1.22',
    sourceLocations: [sm.lines(3)],
  })
    .addEnv('PATH', DEFAULT_PATH)
    .addEnv('TARGETOS', 'linux')
    .addEnv('CGO_ENABLED', '0')
    .addEnv('GOFLAGS', '-trimpath')
    .dir('/src')
    .file(mkdir('/src', 0o755, { makeParents: true }), {
      customName: '[build 2/6] WORKDIR /src',
      sourceLocations: [sm.lines(6)],
    })
    .file(copy(ctx, 'go.mod', './', COPY).copy(ctx, 'go.sum', './', COPY), {
      customName: '[build 3/6] COPY go.mod go.sum ./',
      sourceLocations: [sm.lines(7)],
    })
    .run({
      args: sh('go mod download'),
      mounts: [
        { type: 'cache', target: '/go/pkg/mod', id: '//go/pkg/mod', sharing: 'locked' },
        { type: 'secret', target: '/root/.netrc', id: 'netrc', mode: 0o400, optional: true },
        { type: 'ssh', optional: true },
      ],
      description: command(runDownload),
      customName: `[build 4/6] ${runDownload}`,
      sourceLocations: [sm.lines(8, 11)],
    })
    .file(copy(ctx, '.', './', { ...COPY, owner: '1000:1000' }), {
      customName: '[build 5/6] COPY --chown=1000:1000 . .',
      sourceLocations: [sm.lines(12)],
    })
    .run({
      args: sh('GOOS=$TARGETOS go build -o /out/app ./cmd/app'),
      mounts: [
        { type: 'bind', target: '/hack', source: ctx, selector: '/hack', readonly: true },
        { type: 'tmpfs', target: '/tmp' },
        { type: 'cache', target: '/root/.cache/go-build', id: '/gobuild' },
      ],
      description: command(runBuild + 'GOOS=$TARGETOS go build -o /out/app ./cmd/app'),
      customName: `[build 6/6] ${runBuild}GOOS=linux go build -o /out/app ./cmd/app`,
      sourceLocations: [sm.lines(13, 16)],
    });

  const caPem = http('https://example.com/ca.pem', { filename: 'ca.pem', description: command('') });
  return image('alpine:3.19', {
    description: command('FROM alpine:3.19'),
    customName: '[stage-1 1/5] FROM docker.io/library/alpine:3.19',
    sourceLocations: [sm.lines(18)],
  })
    .addEnv('PATH', DEFAULT_PATH)
    .run({
      args: sh('adduser -D app'),
      description: command('RUN adduser -D app'),
      customName: '[stage-1 2/5] RUN adduser -D app',
      sourceLocations: [sm.lines(19)],
    })
    .user('app')
    .file(copy(caPem, '/ca.pem', '/etc/ssl/ca.pem', { createDestPath: true }), {
      customName: '[stage-1 3/5] ADD https://example.com/ca.pem /etc/ssl/ca.pem',
      sourceLocations: [sm.lines(21)],
    })
    .file(copy(ctx, 'tools.tar.gz', '/opt/', { ...COPY, attemptUnpack: true, mode: 0o755 }), {
      customName: '[stage-1 4/5] ADD --chmod=0755 tools.tar.gz /opt/',
      sourceLocations: [sm.lines(22)],
    })
    .file(copy(build, '/out/app', '/usr/local/bin/app', { ...COPY, owner: 'app:app' }), {
      customName: '[stage-1 5/5] COPY --from=build --chown=app:app /out/app /usr/local/bin/app',
      sourceLocations: [sm.lines(23)],
    });
}

function moreState(): State {
  const ctx = buildContext();
  const exec = 'RUN --network=none ["echo", "exec-form"]';
  const bind = 'RUN --mount=type=bind,target=/ctx,rw echo hi > /ctx/x';
  const base = image('alpine:3.19', {
    description: command('FROM alpine:3.19 AS base'),
    customName: '[base 1/4] FROM docker.io/library/alpine:3.19',
  })
    .addEnv('PATH', DEFAULT_PATH)
    .run({ args: ['echo', 'exec-form'], network: 'none', description: command(exec), customName: `[base 2/4] ${exec}` })
    .run({
      args: ['/bin/ash', '-eo', 'pipefail', '-c', 'echo hi > /ctx/x'],
      mounts: [{ type: 'bind', target: '/ctx', source: ctx, noOutput: true }],
      description: command(bind),
      customName: `[base 3/4] ${bind}`,
    })
    .file(copy(ctx, 'a.txt', '/a.txt', { ...COPY, mode: 0o644 }), {
      customName: '[base 4/4] COPY --link --chmod=644 a.txt /a.txt',
    });
  return base.file(copy(base, '/a.txt', '/b.txt', COPY), {
    customName: '[stage-1 1/1] COPY --from=base /a.txt /b.txt',
  });
}

function linkState(): State {
  const group = { id: 'w5d1plxp9wgaw5micr13njopj', name: '[3/3] COPY --link a.txt ./' };
  const workdir = image('alpine:3.19', {
    description: command('FROM alpine:3.19'),
    customName: '[1/3] FROM docker.io/library/alpine:3.19',
  })
    .addEnv('PATH', DEFAULT_PATH)
    .dir('/app')
    .file(mkdir('/app', 0o755, { makeParents: true }), { customName: '[2/3] WORKDIR /app' });
  const copied = scratch()
    .dir('/app')
    .file(copy(buildContext({ followPaths: ['a.txt'] }), 'a.txt', './', COPY), {
      progressGroup: { ...group, weak: true },
    });
  return merge([workdir, copied], { customName: '[3/3] LINK COPY --link a.txt ./', progressGroup: group });
}

describe.skipIf(!hasGolden)('Dockerfile goldens rebuilt by hand with the state API', () => {
  it.each([
    ['full', fullState],
    ['more', moreState],
    ['link', linkState],
  ] as const)('%s', (name, build) => {
    const expected = decodeDefinition(readGolden(`${name}.llb`));
    const actual = decodeDefinition(encodeDefinition(marshal(build(), MARSHAL)));
    expectSameDefinition(actual, expected);
  });
});
