// gofile pin end to end against a real docker-registry: a temp Dockerfile and a temp spec are pinned
// to the index digests of images the test pushes, checked, made stale by a re-push, and checked offline.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runPin } from '../../src/commands/pin.js';
import { expandFile } from '../../src/commands/expand.js';
import type { Io } from '../../src/io.js';
import { InputError } from '../../src/errors.js';
import { describeRegistry, pushImage, pushIndex, uniqueRepo } from './helpers.js';

function io(cwd: string, env: Record<string, string>): Io & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    stdoutIsTTY: false, stdin: async () => '', cwd, env,
  });
}

describeRegistry('gofile pin against a real registry', (reg) => {
  it('pins a Dockerfile to index digests, --check passes, a re-push makes it stale, pin refreshes it, --offline checks from the cache', async () => {
    const golang = uniqueRepo('library/golang');
    const xx = uniqueRepo('tonistiigi/xx');
    const base = uniqueRepo('distroless/static');
    const go = await pushIndex(reg.open, golang, '1.22-alpine', [{ architecture: 'amd64' }, { architecture: 'arm64', variant: 'v8' }]);
    const tool = await pushImage(reg.open, xx, '1.4.0');
    const runtime = await pushIndex(reg.open, base, 'nonroot', [{ architecture: 'amd64', user: '65532' }, { architecture: 'arm64', user: '65532' }]);
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-e2e-'));
    const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };
    const h = reg.open;
    const text = [
      '# syntax=docker/dockerfile:1',
      `ARG BASE=${h}/${base}:nonroot`,
      'ARG GO_VERSION=1.22',
      `FROM --platform=$BUILDPLATFORM ${h}/${golang}:\${GO_VERSION}-alpine AS build`,
      `COPY --from=${h}/${xx}:1.4.0 / /`,
      `RUN --mount=type=bind,from=${h}/${golang}:1.22-alpine,source=/usr/local/go,target=/go2 go version`,
      'FROM ${BASE}',
      'COPY --from=build /out/app /app',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'Dockerfile'), text);

    const missing = io(dir, env);
    expect(await runPin({ files: ['Dockerfile'], check: true }, missing)).toBe(1);
    expect(missing.out.split('\n').filter(Boolean)).toEqual([
      `Dockerfile:4: ${h}/${golang}:1.22-alpine is not pinned; its tag points at ${go.digest}`,
      `Dockerfile:5: ${h}/${xx}:1.4.0 is not pinned; its tag points at ${tool.digest}`,
      `Dockerfile:6: ${h}/${golang}:1.22-alpine is not pinned; its tag points at ${go.digest}`,
      `Dockerfile:7: ${h}/${base}:nonroot is not pinned (in ARG BASE (line 2)); its tag points at ${runtime.digest}`,
    ]);

    const write = io(dir, env);
    expect(await runPin({ files: ['Dockerfile'] }, write)).toBe(0);
    expect(write.err).toContain('4 added, 0 refreshed, 0 already current');
    const pinned = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(pinned).toBe([
      '# syntax=docker/dockerfile:1',
      `ARG BASE=${h}/${base}:nonroot@${runtime.digest}`,
      'ARG GO_VERSION=1.22',
      `FROM --platform=$BUILDPLATFORM ${h}/${golang}:\${GO_VERSION}-alpine@${go.digest} AS build`,
      `COPY --from=${h}/${xx}:1.4.0@${tool.digest} / /`,
      `RUN --mount=type=bind,from=${h}/${golang}:1.22-alpine@${go.digest},source=/usr/local/go,target=/go2 go version`,
      'FROM ${BASE}',
      'COPY --from=build /out/app /app',
      '',
    ].join('\n'));
    const ok = io(dir, env);
    expect(await runPin({ files: ['Dockerfile'], check: true }, ok)).toBe(0);
    expect(ok.out).toBe('');

    // the runtime tag moves: within the tag TTL the cache still answers; after it, --check sees the new digest
    const moved = await pushIndex(reg.open, base, 'nonroot', [{ architecture: 'amd64', user: '65533' }, { architecture: 'arm64', user: '65533' }]);
    expect(moved.digest).not.toBe(runtime.digest);
    expect(await runPin({ files: ['Dockerfile'], check: true }, io(dir, env))).toBe(0);
    const stale = io(dir, { ...env, GOFILE_REGISTRY_TAG_TTL: '0' });
    expect(await runPin({ files: ['Dockerfile'], check: true }, stale)).toBe(1);
    expect(stale.out).toBe(`Dockerfile:7: ${h}/${base}:nonroot@${runtime.digest} is pinned to ${runtime.digest} (in ARG BASE (line 2)), but its tag now points at ${moved.digest}\n`);
    const refresh = io(dir, { ...env, GOFILE_REGISTRY_TAG_TTL: '0' });
    expect(await runPin({ files: ['Dockerfile'] }, refresh)).toBe(0);
    expect(refresh.err).toContain('0 added, 1 refreshed, 3 already current');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain(`ARG BASE=${h}/${base}:nonroot@${moved.digest}\n`);

    // offline: the cache answers (however old), and nothing reaches the network
    const offline = io(dir, { ...env, GOFILE_REGISTRY_TAG_TTL: '0' });
    expect(await runPin({ files: ['Dockerfile'], check: true, offline: true }, offline)).toBe(0);
    const emptyCache = io(dir, { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'empty-cache') });
    const e = await runPin({ files: ['Dockerfile'], check: true, offline: true }, emptyCache).catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).format()).toMatch(/^Dockerfile:\d+: --offline: the digest of .* is not in the cache .*; run once without --offline to fill it$/);
  });

  it('pins a gofile.yaml: builderDigest and baseDigest land beside their keys, comments kept, and expand uses them', async () => {
    const golang = uniqueRepo('library/golang');
    const base = uniqueRepo('distroless/static');
    const go = await pushIndex(reg.open, golang, '1.22-alpine', [{ architecture: 'amd64' }, { architecture: 'arm64' }]);
    const runtime = await pushImage(reg.open, base, 'nonroot', { user: '65532' });
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-spec-'));
    const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };
    const spec = [
      '# the service',
      'path: ./cmd/server  # main package',
      "go: '1.22'",
      `builder: ${reg.open}/${golang}:1.22-alpine # our mirror`,
      `base: ${reg.open}/${base}:nonroot`,
      'ports: [8080]',
      '',
    ].join('\n');
    writeFileSync(join(dir, 'gofile.yaml'), spec);
    writeFileSync(join(dir, 'go.mod'), 'module example.com/server\n\ngo 1.22\n');
    const check = io(dir, env);
    expect(await runPin({ files: ['gofile.yaml'], check: true }, check)).toBe(1);
    expect(check.out).toContain(`gofile.yaml:4: ${reg.open}/${golang}:1.22-alpine is not pinned (in builderDigest); its tag points at ${go.digest}`);
    expect(await runPin({ files: ['gofile.yaml'] }, io(dir, env))).toBe(0);
    const after = readFileSync(join(dir, 'gofile.yaml'), 'utf8');
    expect(after).toBe([
      '# the service',
      'path: ./cmd/server  # main package',
      "go: '1.22'",
      `builder: ${reg.open}/${golang}:1.22-alpine # our mirror`,
      `builderDigest: ${go.digest}`,
      `base: ${reg.open}/${base}:nonroot`,
      `baseDigest: ${runtime.digest}`,
      'ports: [8080]',
      '',
    ].join('\n'));
    expect(await runPin({ files: ['gofile.yaml'], check: true }, io(dir, env))).toBe(0);
    const dockerfile = expandFile(join(dir, 'gofile.yaml'), dir);
    expect(dockerfile).toContain(`${reg.open}/${golang}:1.22-alpine@${go.digest} AS build`);
    expect(dockerfile).toContain(`FROM ${reg.open}/${base}:nonroot@${runtime.digest}`);
    // a stale pin is replaced in place
    const moved = await pushImage(reg.open, base, 'nonroot', { user: '65534' });
    expect(await runPin({ files: ['gofile.yaml'] }, io(dir, { ...env, GOFILE_REGISTRY_TAG_TTL: '0' }))).toBe(0);
    expect(readFileSync(join(dir, 'gofile.yaml'), 'utf8')).toBe(after.replace(runtime.digest, moved.digest));
  });
});
