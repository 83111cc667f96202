// Behaviour of the state API that the goldens do not pin down on their own.
import { describe, expect, it } from 'vitest';
import {
  decodeOp,
  digestOf,
  encodeDefinition,
  git,
  image,
  local,
  marshal,
  merge,
  mkdir,
  normalizeImageRef,
  scratch,
  shlexSplit,
  copy,
  diff,
  type Definition,
  type Op,
  type State,
} from '../../src/llb/index.js';
import { normalizeFilePath } from '../../src/llb/fileop.js';

const ops = (def: Definition): Op[] => (def.def ?? []).map((b) => decodeOp(b));
const lastExec = (def: Definition): Op => ops(def).filter((o) => o.exec).pop()!;

describe('image references', () => {
  it.each([
    ['golang:1.22', 'docker.io/library/golang:1.22'],
    ['alpine', 'docker.io/library/alpine:latest'],
    ['user/app:v1', 'docker.io/user/app:v1'],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest'],
    ['ghcr.io/o/r:1', 'ghcr.io/o/r:1'],
    ['localhost:5000/x', 'localhost:5000/x:latest'],
    [`golang@sha256:${'a'.repeat(64)}`, `docker.io/library/golang@sha256:${'a'.repeat(64)}`],
  ])('%s → %s', (ref, want) => {
    expect(normalizeImageRef(ref)).toBe(want);
  });

  it('rejects upper-case repositories', () => {
    expect(() => normalizeImageRef('Golang:1')).toThrow(/lowercase/);
  });
});

describe('shlex', () => {
  it('splits like a shell', () => {
    expect(shlexSplit(`go build -ldflags "-s -w" 'a b' c\\ d # note`)).toEqual(['go', 'build', '-ldflags', '-s -w', 'a b', 'c d']);
  });
  it('reports an unclosed quote', () => {
    expect(() => shlexSplit('echo "oops')).toThrow(/closing quote/);
  });
});

describe('file paths', () => {
  it.each([
    ['/app', 'pkg/', true, '/app/pkg/'],
    ['/app', '.', true, '/app'],
    ['/app', './', true, '/app/'],
    ['/', '/a/./b/../c', false, '/a/c'],
    ['/w', 'x/.', true, '/w/x/.'],
  ])('normalize(%s, %s, keepSlash=%s) = %s', (parent, p, keep, want) => {
    expect(normalizeFilePath(parent, p, keep)).toBe(want);
  });
});

describe('state metadata', () => {
  it('moves a re-set env key to the end and resolves relative dirs', () => {
    const s = scratch().addEnv('A', '1').addEnv('B', '2').addEnv('A', '3').dir('/x').dir('y/../z');
    expect(s.envList()).toEqual(['B=2', 'A=3']);
    expect(s.getDir()).toBe('/x/z');
  });

  it('run-only env, cwd and user do not leak into the resulting state', () => {
    const s = image('alpine').run({ args: ['true'], env: { X: '1' }, cwd: '/tmp', user: 'nobody' });
    expect(s.envList()).toEqual([]);
    expect(s.getDir()).toBe('/');
    const meta = lastExec(marshal(s, { localUniqueId: 'u' })).exec!.meta!;
    expect([meta.env, meta.cwd, meta.user]).toEqual([['X=1'], '/tmp', 'nobody']);
  });

  it('normalizes a state platform and uses it for later ops', () => {
    const s = image('alpine', { platform: { os: 'linux', architecture: 'aarch64' } }).run({ args: ['true'] });
    expect(lastExec(marshal(s)).platform).toEqual({ architecture: 'arm64', os: 'linux' });
  });

  it('requires arguments for run', () => {
    expect(() => image('alpine').run({})).toThrow(/arguments are required/);
  });
});

describe('marshal', () => {
  it('is deterministic for a fixed local unique id', () => {
    const build = () => image('alpine').file(copy(local('context'), '.', '/app/'));
    const a = encodeDefinition(marshal(build(), { localUniqueId: 'x' }));
    const b = encodeDefinition(marshal(build(), { localUniqueId: 'x' }));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('gives local sources a random unique id per marshal when none is set, like Go', () => {
    const s = local('context');
    const id = (d: Definition): string | undefined => ops(d)[0].source?.attrs?.['local.unique'];
    expect(id(marshal(s))).not.toBe(id(marshal(s)));
  });

  it('writes each op once even when reached twice, and the terminal op last', () => {
    const base = image('alpine');
    const def = marshal(diff(base, base.run({ args: ['true'] })));
    const digests = (def.def ?? []).map((b) => digestOf(b));
    expect(new Set(digests).size).toBe(digests.length);
    expect(digests.length).toBe(4);
    expect(ops(def).pop()!.inputs).toEqual([{ digest: digests[2] }]);
  });

  it('marshals a chain of 20,000 ops (a long Dockerfile) without running out of stack, inputs before users', () => {
    let s: State = image('alpine');
    for (let i = 0; i < 20_000; i++) s = s.run({ args: ['true', String(i)] }).root();
    const list = ops(marshal(s));
    expect(list.length).toBe(20_002); // the image, the runs, the terminal op
    expect(list[0].source?.identifier).toBe('docker-image://docker.io/library/alpine:latest');
    const digests = (marshal(s).def ?? []).map((b) => digestOf(b));
    // each op's input is the op written just before it
    for (let i = 1; i < 20_001; i++) expect(list[i].inputs![0].digest).toBe(digests[i - 1]);
  });

  it('merge and diff shortcuts avoid ops for scratch', () => {
    const a = image('alpine');
    expect(merge([scratch(), a])).toBe(a);
    expect(merge([]).isScratch()).toBe(true);
    expect(diff(scratch(), a)).toBe(a);
    expect(marshal(scratch())).toEqual({});
  });

  it('numbers chained file actions after the op inputs', () => {
    const ctx = local('context');
    const def = marshal(image('alpine').file(mkdir('/a', 0o755).copy(ctx, 'x', '/a/')), { localUniqueId: 'u' });
    const actions = ops(def).find((o) => o.file)!.file!.actions!;
    expect(actions.map((a) => [a.input, a.secondaryInput, a.output])).toEqual([
      [undefined, -1, -1],
      [2, 1, undefined],
    ]);
  });

  it('applies a marshal-wide ignoreCache to every op and caps the terminal', () => {
    const def = marshal(image('alpine').run({ args: ['true'] }), { ignoreCache: true });
    const entries = Object.values(def.metadata ?? {});
    expect(entries.filter((m) => m.ignoreCache).length).toBe(2);
    expect(entries.some((m) => m.caps?.['meta.ignorecache'])).toBe(true);
  });
});

describe('git remotes', () => {
  it('keeps ssh remotes consistent with http ones and mounts the ssh agent', () => {
    const def = marshal(git('git@github.com:moby/buildkit.git', 'v1', { knownSshHosts: 'github.com ssh-ed25519 AAAA' }));
    const src = ops(def)[0].source!;
    expect(src.identifier).toBe('git://github.com/moby/buildkit.git#v1');
    expect(src.attrs?.['git.fullurl']).toBe('git@github.com:moby/buildkit.git');
    expect(src.attrs?.['git.mountsshsock']).toBe('default');
    expect(src.attrs?.['git.knownsshhosts']).toBe('github.com ssh-ed25519 AAAA\n');
  });
});
