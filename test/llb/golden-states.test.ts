// Builds every golden case with the state API and compares with BuildKit's own bytes.
import { describe, expect, it } from 'vitest';
import {
  copy,
  decodeDefinition,
  diff,
  encodeDefinition,
  git,
  http,
  image,
  local,
  marshal,
  merge,
  mkdir,
  mkfile,
  scratch,
  type State,
} from '../../src/llb/index.js';
import { expectSameDefinition, goldenCases, hasGolden, readGolden } from './shared.js';

const UNIQUE = 'fixture-unique-id';
const alpine = (): State => image('docker.io/library/alpine:3.19');
const context = (): State => local('context', { sharedKeyHint: 'context' });
const CREATED = new Date(1_700_000_000 * 1000);

/** The states the golden README describes, one per case. */
const cases: Record<string, () => State> = {
  'scratch-empty': () => scratch(),
  image: () => image('golang:1.22'),
  'image-digest-pinned': () => image(`golang:1.22@sha256:${'0'.repeat(63)}1`),
  'image-arm64-v8': () => image('golang:1.22', { platform: { os: 'linux', architecture: 'arm64', variant: 'v8' } }),
  'image-resolvemode-pull': () => image('golang:1.22', { resolveMode: 'pull' }),
  'local-context': () => local('context'),
  'local-attrs': () =>
    local('context', {
      sharedKeyHint: 'context',
      includePatterns: ['go.mod', 'go.sum', '*.go'],
      excludePatterns: ['node_modules', '.git'],
      followPaths: ['go.mod'],
      differ: { type: 'metadata', required: false },
      customName: 'load build context',
    }),
  'local-session': () => local('context', { sessionId: 'sess123', sharedKeyHint: 'context' }),
  'git-https': () => git('https://github.com/moby/buildkit.git', 'v0.11.6'),
  'git-keepdir': () => git('github.com/moby/buildkit', 'master', { keepGitDir: true }),
  http: () =>
    http('https://example.com/x.tar.gz', {
      filename: 'x.tgz',
      perm: 0o644,
      uid: 1000,
      gid: 1000,
      checksum: `sha256:${'0'.repeat(63)}2`,
    }),
  'exec-basic': () => alpine().run({ shlex: 'echo hello' }),
  'exec-meta': () =>
    alpine()
      .dir('/src')
      .user('nobody')
      .addEnv('FOO', 'bar')
      .addEnv('A', '1')
      .addEnv('FOO', 'baz')
      .hostname('builder')
      .run({
        args: ['/bin/sh', '-c', 'env'],
        extraHosts: [{ host: 'myhost', ip: '10.0.0.1' }],
        ulimits: [{ name: 'nofile', soft: 1024, hard: 2048 }],
        proxyEnv: { httpProxy: 'http://proxy:3128', noProxy: 'localhost' },
        network: 'none',
        security: 'insecure',
      }),
  'exec-mounts': () =>
    alpine().run({
      shlex: 'go build ./...',
      mounts: [
        { type: 'cache', target: '/root/.cache/go-build', id: 'gobuild', sharing: 'shared' },
        { type: 'cache', target: '/go/pkg/mod', id: 'gomod', sharing: 'locked' },
        { type: 'cache', target: '/var/cache/apt', id: 'apt', sharing: 'private' },
        { type: 'tmpfs', target: '/tmp', size: 64 * 1024 * 1024 },
        { type: 'bind', target: '/src', source: context(), readonly: true },
        { type: 'bind', target: '/etc/ssl', source: alpine(), selector: '/etc/ssl', readonly: true },
        { type: 'bind', target: '/work', source: context() },
        { type: 'secret', target: '/run/secrets/npmrc', id: 'npmrc', uid: 0, gid: 0, mode: 0o400, optional: true },
        { type: 'ssh', id: 'default' },
      ],
      secretEnv: [{ id: 'token', name: 'TOKEN' }],
    }),
  'exec-mount-output': () =>
    alpine()
      .run({ args: ['make'], mounts: [{ type: 'bind', target: '/out', source: scratch() }] })
      .getMount('/out'),
  'file-mkdir-mkfile-rm': () =>
    scratch().file(
      mkdir('/a/b', 0o755, { makeParents: true, owner: { user: 0, group: 0 } })
        .mkfile('/a/b/hello.txt', 0o644, 'hello\n', { createdTime: CREATED })
        .rm('/a/old', { allowNotFound: true, allowWildcard: true }),
    ),
  'file-copy-dockerstyle': () =>
    alpine().file(
      copy(context(), '/src/', '/app/', {
        followSymlinks: true,
        copyDirContentsOnly: true,
        createDestPath: true,
        allowWildcard: true,
        allowEmptyWildcard: true,
      }),
    ),
  'file-copy-chown-name-mode': () =>
    alpine()
      .dir('/app')
      .file(
        copy(context(), 'pkg/*.go', './pkg/', {
          mode: 0o600,
          allowWildcard: true,
          createDestPath: true,
          createdTime: CREATED,
          includePatterns: ['*.go'],
          excludePatterns: ['*_test.go'],
          owner: 'app:app',
        }),
      ),
  'file-copy-chown-root-ids': () => alpine().file(copy(context(), '/x', '/y', { owner: '0:0' })),
  'file-copy-add-unpack': () =>
    alpine().file(copy(context(), '/a.tar.gz', '/opt/', { attemptUnpack: true, createDestPath: true })),
  merge: () => merge([alpine(), scratch().file(mkfile('/f', 0o644, 'x'))]),
  diff: () => diff(alpine(), alpine().run({ shlex: 'apk add git' })),
  'custom-name-ignorecache': () => alpine().run({ shlex: 'date', customName: 'stamp', ignoreCache: true }),
};

/** Dockerfile-built cases: built by hand in dockerfile-states.test.ts, round-tripped in codec.test.ts. */
const dockerfileCases = new Set(['full', 'more', 'link', 'original-gofile']);

describe.skipIf(!hasGolden)('state API reproduces the golden definitions', () => {
  it('has a builder for every golden case', () => {
    const missing = goldenCases().filter((c) => !(c in cases) && !dockerfileCases.has(c));
    expect(missing).toEqual([]);
  });

  it.each(Object.keys(cases))('%s', (name) => {
    const expected = decodeDefinition(readGolden(`${name}.llb`));
    const bytes = encodeDefinition(marshal(cases[name](), { localUniqueId: UNIQUE }));
    expectSameDefinition(decodeDefinition(bytes), expected);
  });
});
