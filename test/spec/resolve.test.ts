// resolveSpec: the defaults that make a good image when the spec says nothing.
import { describe, expect, it } from 'vitest';
import { resolveSpec, goFromMod, normalizePath, defaultName } from '../../src/spec/resolve.js';
import { DEFAULT_GO } from '../../src/spec/images.js';

describe('resolveSpec defaults', () => {
  const r = resolveSpec({ path: 'cmd/server' }, { goMod: { module: 'github.com/acme/widget', goVersion: '1.23.0', toolchain: '1.24.2' } });

  it('builds statically, trimmed and stripped, for distroless static nonroot', () => {
    expect(r).toMatchObject({
      path: './cmd/server', name: 'server', cgo: false, trimpath: true, strip: true, tags: [], ldflags: [],
      base: 'gcr.io/distroless/static-debian12:nonroot', baseKind: 'distroless', certs: true, tzdata: true,
      user: '65532:65532', workdir: '/', entrypoint: ['/usr/local/bin/server'], args: [], platforms: [],
      builder: 'golang:1.24-alpine', builderKind: 'alpine', builderDigest: null, baseDigest: null, repo: null, ref: null, goSum: true,
    });
  });
  it('takes the Go version from the newer of go.mod\'s go and toolchain lines, as major.minor', () => {
    expect(r.go).toBe('1.24');
    expect(goFromMod({ goVersion: '1.26.4' })).toBe('1.26');
    expect(goFromMod(null)).toBeUndefined();
  });
  it('falls back to the current Go release without a go.mod, and ignores go.mod for a repo', () => {
    expect(resolveSpec({ path: '.' }).go).toBe(DEFAULT_GO);
    expect(resolveSpec({ path: '.', repo: 'https://github.com/a/b' }, { goMod: { goVersion: '1.21' } }).go).toBe(DEFAULT_GO);
  });
  it('names the binary after the module for `.`, skipping a /vN suffix, or after the repo', () => {
    expect(defaultName('.', null, { module: 'github.com/acme/widget/v2' })).toBe('widget');
    expect(defaultName('.', 'https://github.com/dockersamples/helloworld-go-demo.git', null)).toBe('helloworld-go-demo');
    expect(defaultName('.', 'git@github.com:acme/tool.git', null)).toBe('tool');
    expect(defaultName('.', null, null)).toBe('app');
  });
  it('normalises package paths to the ./ form go build reads as a directory', () => {
    expect(['.', './', 'cmd/x', './cmd/x/', 'cmd/x/'].map(normalizePath)).toEqual(['.', '.', './cmd/x', './cmd/x', './cmd/x']);
  });
  it('reads scratch: true as a scratch base with certs, tzdata and the default ref main for a repo', () => {
    const s = resolveSpec({ repo: 'https://github.com/a/b', path: '.', scratch: true });
    expect(s).toMatchObject({ base: 'scratch', baseKind: 'scratch', certs: true, tzdata: true, ref: 'main' });
  });
  it('picks a Debian builder matching the glibc of the base for cgo, and alpine otherwise', () => {
    expect(resolveSpec({ path: '.', go: '1.26', cgo: true, base: 'distroless/base' })).toMatchObject({ builder: 'golang:1.26-trixie', base: 'gcr.io/distroless/base-debian13:nonroot' });
    expect(resolveSpec({ path: '.', go: '1.24', cgo: true, base: 'debian-slim' })).toMatchObject({ builder: 'golang:1.24-bookworm', base: 'debian:bookworm-slim' });
    expect(resolveSpec({ path: '.', go: '1.26', cgo: true, base: 'alpine' })).toMatchObject({ builder: 'golang:1.26-alpine', builderKind: 'alpine' });
    expect(resolveSpec({ path: '.', go: '1.26', cgo: true, base: 'scratch' })).toMatchObject({ builder: 'golang:1.26-alpine' });
  });
  it('adds a gid to a bare uid, so the group is not root', () => {
    expect(resolveSpec({ path: '.', user: 1000 }).user).toBe('1000:1000');
    expect(resolveSpec({ path: '.', user: '1000:2000' }).user).toBe('1000:2000');
  });
  it('treats package lists as sets', () => {
    expect(resolveSpec({ path: '.', base: 'alpine', packages: ['wget', 'curl', 'curl'] }).packages).toEqual(['curl', 'wget']);
  });
  it('classifies image references by repository', () => {
    expect(resolveSpec({ path: '.', base: 'alpine:3.20' }).baseKind).toBe('alpine');
    expect(resolveSpec({ path: '.', base: 'ubuntu:24.04' }).baseKind).toBe('debian');
    expect(resolveSpec({ path: '.', base: 'registry.example.com/base:1' })).toMatchObject({ baseKind: 'image', certs: false, tzdata: false });
  });
  it('fills private-module auth: a netrc secret by default, none for ssh', () => {
    expect(resolveSpec({ path: '.', private: { modules: ['github.com/acme/*'] } }).private).toEqual({ modules: ['github.com/acme/*'], auth: 'netrc', secret: 'netrc' });
    expect(resolveSpec({ path: '.', private: { modules: ['github.com/acme/*'], auth: 'ssh' } }).private?.secret).toBe('');
  });

  it('has one form per meaning: implied packages and flags are not listed twice', () => {
    const r = resolveSpec({ path: '.', repo: 'https://github.com/a/b', cgo: true, base: 'scratch', buildPackages: ['git', 'gcc', 'git~2.45', 'sqlite-dev'], ldflags: ['-s -w', '-extldflags=-static', '-X main.v=1'] });
    expect(r.buildPackages).toEqual(['git~2.45', 'sqlite-dev']);
    expect(r.ldflags).toEqual(['-X main.v=1']);
    const d = resolveSpec({ path: '.', base: 'debian-slim', packages: ['ca-certificates', 'tzdata=2024a-1', 'curl'], certs: false });
    expect(d).toMatchObject({ certs: true, tzdata: true, packages: ['curl', 'tzdata=2024a-1'] });
    expect(resolveSpec({ path: '.', base: 'alpine', packages: ['tzdata'] })).toMatchObject({ tzdata: true, packages: [] });
  });
  it('reads the Go version off a golang builder override', () => {
    expect(resolveSpec({ path: '.', go: '1.22', builder: 'golang:1.26.4-alpine' }).go).toBe('1.26.4');
  });
  it('is idempotent over its own output', () => {
    const r = resolveSpec({ path: './cmd/x', base: 'alpine', packages: ['tzdata', 'curl'], buildPackages: ['gcc'], cgo: true });
    expect(resolveSpec({ ...r, repo: undefined, ref: undefined, private: undefined, healthcheck: undefined, builderDigest: undefined, baseDigest: undefined, base: 'alpine' } as never)).toMatchObject({ packages: r.packages, buildPackages: r.buildPackages, tzdata: r.tzdata });
  });

  it('takes moduleDir as written (./, a trailing /), and the go.mod of each local replace from its directory', () => {
    const goMod = { localReplaces: [{ path: '../../libs/greet', line: 7 }, { path: './internal/x', line: 8 }, { path: '../..', line: 9 }, { path: '../../../outside', line: 10 }, { path: '/abs', line: 11 }] };
    const r = resolveSpec({ path: './cmd/api', moduleDir: './services/api/' }, { goMod });
    expect(r.moduleDir).toBe('services/api');
    // sorted; the context's root is `.`; what is outside the context or absolute is not the build's to mount
    expect(r.localModules).toEqual(['.', 'libs/greet', 'services/api/internal/x']);
    expect(resolveSpec({ path: '.' }).moduleDir).toBe('.');
    expect(resolveSpec({ path: '.', moduleDir: './' }).moduleDir).toBe('.');
    // a clone has every directory of the repo: nothing to mount
    expect(resolveSpec({ path: '.', repo: 'https://github.com/acme/x', moduleDir: 'svc' }, { goMod }).localModules).toEqual([]);
  });
});
