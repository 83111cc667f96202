// The frontend's `imageDigests` option (what `gofile llb --resolve` passes after asking the registries), with
// digests made up here instead of a registry: BuildKit v0.11.6 pins each reachable image state to
// reference.WithDigest(<reference as written>, digest) — tag kept, no :latest added, a written digest
// replaced — in both the source identifier and the "FROM …" progress name; the dockerfile command stays as written.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB, imageSources, type ConvertOptions, type ImageConfig } from '../../src/frontend/index.js';
import { decodeOp, digestOf, encodeDefinition } from '../../src/llb/index.js';
import { imageUses, withDigest } from '../../src/registry/resolve-images.js';
import { CORPUS_FILES, corpusIds } from './helpers.js';

const fakeDigest = (ref: string) => 'sha256:' + createHash('sha256').update('fake ' + ref).digest('hex');

/** What a registry would answer: every image the build pulls, a made-up digest each. */
function fakeResolve(text: string, opts: ConvertOptions = {}): Map<string, string> {
  return new Map(imageSources(parseDockerfile(text), opts).map((s) => [s.ref, fakeDigest(s.ref)]));
}

interface SourceView {
  identifier: string;
  name?: string;
  command?: string;
}

function sources(text: string, opts: ConvertOptions = {}): SourceView[] {
  const { definition } = dockerfileToLLB(parseDockerfile(text), { localUniqueId: 'gofile', ...opts });
  return (definition.def ?? []).flatMap((b) => {
    const op = decodeOp(b);
    const id = op.source?.identifier;
    if (!id?.startsWith('docker-image://')) return [];
    const desc = definition.metadata?.[digestOf(b)]?.description ?? {};
    return [{ identifier: id.slice('docker-image://'.length), name: desc['llb.customname'], command: desc['com.docker.dockerfile.v1.command'] }];
  });
}

const bytes = (text: string, opts: ConvertOptions = {}) =>
  Buffer.from(encodeDefinition(dockerfileToLLB(parseDockerfile(text), { localUniqueId: 'gofile', newId: () => 'x', sourceMap: true, ...opts }).definition)).toString('hex');

const MIXED = [
  'FROM golang:1.22 AS build',
  'RUN go version',
  'FROM alpine',
  'COPY --from=build /x /x',
  'COPY --from=busybox:1.36 /bin/busybox /bin/busybox',
  'RUN --mount=from=debian,target=/d true',
  '',
].join('\n');

describe('imageDigests (the frontend half of --resolve)', () => {
  it('changes nothing when absent, empty, or naming no image of the build', () => {
    const plain = bytes(MIXED);
    expect(bytes(MIXED, { imageDigests: new Map() })).toBe(plain);
    expect(bytes(MIXED, { imageDigests: new Map([['docker.io/library/golang:1.23', fakeDigest('x')], ['alpine', fakeDigest('y')]]) })).toBe(plain);
  });

  it('pins FROM, COPY --from=<image> and RUN --mount from=<image> states as BuildKit does: tag kept, no :latest', () => {
    const digests = fakeResolve(MIXED);
    expect([...digests.keys()].sort()).toEqual([
      'docker.io/library/alpine:latest', 'docker.io/library/busybox:1.36', 'docker.io/library/debian:latest', 'docker.io/library/golang:1.22',
    ]);
    const d = (ref: string) => digests.get(ref)!;
    const got = sources(MIXED, { imageDigests: digests });
    expect(got).toEqual(expect.arrayContaining([
      { identifier: `docker.io/library/golang:1.22@${d('docker.io/library/golang:1.22')}`, name: `[build 1/2] FROM docker.io/library/golang:1.22@${d('docker.io/library/golang:1.22')}`, command: 'FROM golang:1.22 AS build' },
      { identifier: `docker.io/library/alpine@${d('docker.io/library/alpine:latest')}`, name: `[stage-1 1/4] FROM docker.io/library/alpine@${d('docker.io/library/alpine:latest')}`, command: 'FROM alpine' },
      // unregistered states have no stage counter: the bare "FROM …" name, and no dockerfile command
      { identifier: `docker.io/library/busybox:1.36@${d('docker.io/library/busybox:1.36')}`, name: `FROM docker.io/library/busybox:1.36@${d('docker.io/library/busybox:1.36')}`, command: '' },
      { identifier: `docker.io/library/debian@${d('docker.io/library/debian:latest')}`, name: `FROM docker.io/library/debian@${d('docker.io/library/debian:latest')}`, command: '' },
    ]));
    expect(got).toHaveLength(4);
    // the registry module's withDigest (what `gofile pin` and the README specify) agrees
    for (const s of imageSources(parseDockerfile(MIXED))) expect(got.map((g) => g.identifier)).toContain(withDigest(s.text, d(s.ref)));
  });

  it('only the pinned sources change: the same number of ops, the same exec metadata', () => {
    const plain = sources(MIXED);
    const pinned = sources(MIXED, { imageDigests: fakeResolve(MIXED) });
    expect(pinned.map((s) => s.identifier.replace(/@sha256:[0-9a-f]{64}$/, ''))).toEqual(plain.map((s) => s.identifier.replace(/:latest$/, '')));
    const metas = (opts: ConvertOptions) => (dockerfileToLLB(parseDockerfile(MIXED), opts).definition.def ?? []).map((b) => decodeOp(b)).filter((o) => o.exec).map((o) => JSON.stringify(o.exec!.meta));
    expect(metas({ imageDigests: fakeResolve(MIXED) })).toEqual(metas({}));
  });

  it('replaces a written digest and keeps its tag; pins names that ARGs expand to, as expanded', () => {
    const old = 'sha256:' + 'a'.repeat(64);
    const text = `ARG IMG=alpine\nARG V=1.22\nFROM $IMG AS a\nRUN true\nFROM golang:$V AS b\nRUN true\nFROM alpine:3.19@${old}\nCOPY --from=a /x /x\nCOPY --from=b /y /y\n`;
    const digests = fakeResolve(text);
    expect([...digests.keys()]).toEqual(['docker.io/library/alpine:latest', 'docker.io/library/golang:1.22', `docker.io/library/alpine:3.19@${old}`]);
    const ids = sources(text, { imageDigests: digests }).map((s) => s.identifier);
    expect(ids).toEqual(expect.arrayContaining([
      `docker.io/library/alpine@${digests.get('docker.io/library/alpine:latest')}`,
      `docker.io/library/golang:1.22@${digests.get('docker.io/library/golang:1.22')}`,
      `docker.io/library/alpine:3.19@${digests.get(`docker.io/library/alpine:3.19@${old}`)}`,
    ]));
  });

  it('keeps the registry and port of other registries, untagged without :latest', () => {
    const text = 'FROM localhost:5000/team/base\nFROM 127.0.0.1:5000/tools:v1\nRUN true\n';
    const digests = fakeResolve(text);
    // only the last stage is the target: the first is unreachable, so it is neither resolved nor pinned
    expect([...digests.keys()]).toEqual(['127.0.0.1:5000/tools:v1']);
    expect(sources(text, { imageDigests: digests }).map((s) => s.identifier)).toEqual([`127.0.0.1:5000/tools:v1@${digests.get('127.0.0.1:5000/tools:v1')}`]);
    const first = 'FROM localhost:5000/team/base\nRUN true\n';
    const d1 = fakeResolve(first);
    expect(sources(first, { imageDigests: d1 })[0]).toMatchObject({ identifier: `localhost:5000/team/base@${d1.get('localhost:5000/team/base:latest')}`, name: `[1/2] FROM localhost:5000/team/base@${d1.get('localhost:5000/team/base:latest')}` });
  });

  it('pins nothing for an image whose config makes it scratch (no layers): there is no source op', () => {
    const text = 'FROM alpine\nRUN true\n';
    const empty: ImageConfig = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, history: [{ empty_layer: true }], config: { Env: ['PATH=/bin'] } };
    expect(sources(text, { imageDigests: fakeResolve(text), baseConfigs: new Map([['docker.io/library/alpine:latest', empty]]) })).toEqual([]);
  });

  it('seeds the state from baseConfigs and pins from imageDigests together (the --resolve pair)', () => {
    const text = 'FROM golang:1.22\nRUN go build\n';
    const cfg: ImageConfig = { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:' + 'b'.repeat(64)] }, config: { Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/bin:/bin', 'GOPATH=/go'], WorkingDir: '/go', User: '1000' } };
    const { definition } = dockerfileToLLB(parseDockerfile(text), { imageDigests: fakeResolve(text), baseConfigs: new Map([['docker.io/library/golang:1.22', cfg]]) });
    const exec = (definition.def ?? []).map((b) => decodeOp(b)).find((o) => o.exec)!.exec!;
    expect(exec.meta?.env).toEqual(['PATH=/go/bin:/usr/local/go/bin:/usr/bin:/bin', 'GOPATH=/go']);
    expect(exec.meta?.cwd).toBe('/go');
    expect(exec.meta?.user).toBe('1000');
  });
});

describe('imageSources (what --resolve asks the registry for)', () => {
  it('lists reachable images only, with the platform each is pulled for', () => {
    const text = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN true\nFROM debian AS unused\nFROM --platform=linux/arm64 alpine\nCOPY --from=build /x /x\nRUN --mount=from=busybox,target=/b --mount=type=cache,target=/c true\n';
    const got = imageSources(parseDockerfile(text), { platform: 'linux/arm/v7', buildPlatform: 'linux/amd64' });
    expect(got.map((s) => [s.ref, s.text, `${s.platform.os}/${s.platform.architecture}${s.platform.variant ? '/' + s.platform.variant : ''}`, s.line])).toEqual([
      ['docker.io/library/golang:1.22', 'golang:1.22', 'linux/amd64', 1],
      ['docker.io/library/alpine:latest', 'alpine', 'linux/arm64', 4],
      ['docker.io/library/busybox:latest', 'busybox', 'linux/arm/v7', undefined],
    ]);
    expect(imageSources(parseDockerfile(text), { target: 'unused' }).map((s) => s.ref)).toEqual(['docker.io/library/debian:latest']);
  });

  it('names, on every accepted corpus file, only images the registry module also finds, keyed the same way', () => {
    const ids = corpusIds('llb');
    let images = 0;
    for (const id of ids) {
      const model = parseDockerfile(readFileSync(join(CORPUS_FILES, `${id}.Dockerfile`), 'utf8'), { path: 'Dockerfile' });
      const uses = new Set(imageUses(model).map((u) => u.ref));
      for (const s of imageSources(model)) {
        images++;
        expect(uses, `${id}: ${s.ref}`).toContain(s.ref);
      }
      const digests = new Map(imageSources(model).map((s) => [s.ref, fakeDigest(s.ref)]));
      const a = dockerfileToLLB(model, { localUniqueId: 'gofile' }).definition.def ?? [];
      const b = dockerfileToLLB(model, { localUniqueId: 'gofile', imageDigests: digests }).definition.def ?? [];
      expect(b.length, id).toBe(a.length);
      const pinnedSources = b.map((x) => decodeOp(x).source?.identifier ?? '').filter((x) => x.startsWith('docker-image://'));
      for (const p of pinnedSources) expect(p, id).toMatch(/@sha256:[0-9a-f]{64}$/);
    }
    if (ids.length) expect(images).toBeGreaterThan(100);
  });
});
