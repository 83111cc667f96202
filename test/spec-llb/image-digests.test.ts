// --resolve without a registry: the spec route's imageDigests (equal to the Dockerfile route on the expanded
// spec, op for op and name for name), and `gofile llb --resolve` (runLlb) with a fake registry client —
// what it asks for, how configs and digests reach the LLB, --base-config winning, errors located.
import { createHash } from 'node:crypto';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLlb, type LlbArgs } from '../../src/commands/llb.js';
import type { ImageConfig } from '../../src/frontend/index.js';
import type { Io } from '../../src/io.js';
import { InputError } from '../../src/errors.js';
import { readGoMod } from '../../src/gomod.js';
import { decodeDefinition, decodeOp, digestOf, normalizeImageRef } from '../../src/llb/index.js';
import type { RegistryClient, ResolvedImage } from '../../src/registry/index.js';
import type { Platform } from '../../src/registry/platform.js';
import { loadSpec } from '../../src/spec/load.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { expandSpec, hasBuilder } from '../../src/spec/expand.js';
import { specImages } from '../../src/spec-llb/index.js';
import { tempTree } from '../helpers/cli.js';
import { REPO } from '../helpers/shared.js';
import { bothRoutes, definitionDiff } from './compare.js';

const SPECS = join(REPO, 'corpus', 'specs');
const names = readdirSync(SPECS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
const resolvedOf = (name: string) => resolveSpec(loadSpec(readFileSync(join(SPECS, `${name}.yaml`), 'utf8'), `${name}.yaml`));
const fakeDigest = (ref: string) => 'sha256:' + createHash('sha256').update('fake ' + ref).digest('hex');
const fmt = (p: { os?: string; architecture?: string; variant?: string }) => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;

function config(env: string[], extra: { WorkingDir?: string; User?: string } = {}): ImageConfig {
  return { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:' + 'c'.repeat(64)] }, config: { Env: env, ...extra } };
}

describe('spec route: imageDigests', () => {
  it.each(names)('%s: pinned builder, base and copy images, the same as the Dockerfile route on the expanded spec', (name) => {
    const r = resolvedOf(name);
    for (const [platform, buildPlatform] of [['linux/amd64', undefined], ['linux/arm64', 'linux/amd64']] as const) {
      const images = specImages(r, { platform, buildPlatform });
      if (hasBuilder(r)) expect(images[0].platform, 'builder platform').toEqual(expect.objectContaining(r.cgo ? { architecture: platform.split('/')[1] } : { architecture: (buildPlatform ?? platform).split('/')[1] }));
      // the builder (unless a prebuilt binary needs none), the base unless scratch, and each image a `copy` entry is taken out of
      expect(images.length).toBe(Number(hasBuilder(r)) + Number(r.base !== 'scratch') + r.copy.filter((c) => c.from).length);
      const imageDigests = new Map(images.map((i) => [i.ref, fakeDigest(i.ref + fmt(i.platform))]));
      const baseConfigs = new Map(images.map((i) => [i.ref, config([`PATH=/opt/${i.ref.split('/').pop()}/bin:/usr/bin:/bin`, 'FROM_IMAGE=1'], { WorkingDir: '/work' })]));
      const { spec, dockerfile } = bothRoutes(r, { platform, buildPlatform, imageDigests, baseConfigs, localUniqueId: 't' });
      expect(definitionDiff(spec.definition, dockerfile.definition), expandSpec(r)).toEqual([]);
      const ids = (spec.definition.def ?? []).map((b) => decodeOp(b).source?.identifier ?? '').filter((i) => i.startsWith('docker-image://'));
      expect(ids.length).toBe(images.length);
      for (const i of images) {
        const pinned = normalizeImageRef(`${i.text.split('@')[0]}@${imageDigests.get(i.ref)}`);
        expect(ids).toContain(`docker-image://${pinned}`);
        const op = (spec.definition.def ?? []).find((b) => decodeOp(b).source?.identifier === `docker-image://${pinned}`)!;
        // a stage's FROM has its step counter; an image COPY --from names has none
        const copied = r.copy.some((c) => c.from && normalizeImageRef(c.from) === i.ref);
        expect(spec.definition.metadata?.[digestOf(op)]?.description?.['llb.customname']).toMatch(new RegExp(`${copied ? '^' : '\\] '}FROM ${pinned.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
      }
    }
  });
});

/** A registry client that answers from a table and records what it was asked. */
function fakeClient(table: Record<string, { digest: string; config: ImageConfig }>) {
  const asked: string[] = [];
  const client = {
    async resolve(text: string, platform: Platform): Promise<ResolvedImage> {
      asked.push(`${text} ${fmt(platform)}`);
      const ref = normalizeImageRef(text.split('@')[0]);
      const hit = table[ref];
      if (!hit) throw new InputError(`${ref} was not found in the registry (404): check the name and tag`);
      return { ref, digest: hit.digest, mediaType: 'application/vnd.oci.image.index.v1+json', pinned: '', manifestDigest: hit.digest, platform, platforms: [platform], configDigest: hit.digest, config: hit.config };
    },
  };
  return { client: client as unknown as RegistryClient, asked };
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdoutIsTTY: false, stdin: async () => '', cwd, env: { HOME: cwd } };
  return { io: value, out, err };
}

interface DumpOp {
  Op: { Op?: { exec?: { meta: { env?: string[]; cwd?: string; user?: string } }; source?: { identifier: string } } } | null;
  OpMetadata?: { description?: Record<string, string> };
}
async function llbJSON(args: LlbArgs, cwd: string, client?: RegistryClient): Promise<DumpOp[]> {
  const o = io(cwd);
  expect(await runLlb({ format: 'json', ...args }, o.io, undefined, client)).toBe(0);
  return o.out.join('').trim().split('\n').map((l) => JSON.parse(l) as DumpOp);
}
const sourcesOf = (ops: DumpOp[]) => ops.flatMap((o) => (o.Op?.Op?.source?.identifier.startsWith('docker-image://') ? [[o.Op.Op.source.identifier, o.OpMetadata?.description?.['llb.customname']]] : []));
const execsOf = (ops: DumpOp[]) => ops.flatMap((o) => (o.Op?.Op?.exec ? [o.Op.Op.exec.meta] : []));

const GOLANG = { digest: fakeDigest('golang'), config: config(['PATH=/go/bin:/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOPATH=/go'], { WorkingDir: '/go' }) };
const ALPINE = { digest: fakeDigest('alpine'), config: config(['PATH=/usr/sbin:/usr/bin:/sbin:/bin'], { User: 'nobody' }) };

describe('gofile llb --resolve (fake registry client)', () => {
  const dockerfile = 'FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build -o /app\nFROM debian AS unused\nFROM alpine\nCOPY --from=build /app /app\nRUN /app\n';
  const table = { 'docker.io/library/golang:1.22': GOLANG, 'docker.io/library/alpine:latest': ALPINE };

  it('asks for each reachable image once, on its platform, and pins and configures the LLB', async () => {
    const dir = tempTree({ Dockerfile: dockerfile });
    const { client, asked } = fakeClient(table);
    const ops = await llbJSON({ input: 'Dockerfile', resolve: true, platform: 'linux/arm64' }, dir, client);
    expect(asked.sort()).toEqual(['alpine linux/arm64', 'golang:1.22 linux/arm64']);
    expect(sourcesOf(ops)).toEqual(expect.arrayContaining([
      [`docker-image://docker.io/library/golang:1.22@${GOLANG.digest}`, `[build 1/2] FROM docker.io/library/golang:1.22@${GOLANG.digest}`],
      [`docker-image://docker.io/library/alpine@${ALPINE.digest}`, `[stage-2 1/3] FROM docker.io/library/alpine@${ALPINE.digest}`],
    ]));
    expect(execsOf(ops)).toEqual(expect.arrayContaining([
      expect.objectContaining({ env: ['PATH=/go/bin:/usr/local/go/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOPATH=/go'], cwd: '/go' }),
      expect.objectContaining({ env: ['PATH=/usr/sbin:/usr/bin:/sbin:/bin'], user: 'nobody' }),
    ]));
  });

  it('without --resolve asks nothing and gives the same bytes as before', async () => {
    const dir = tempTree({ Dockerfile: dockerfile });
    const { client, asked } = fakeClient(table);
    const bytes: Uint8Array[] = [];
    const plain: Uint8Array[] = [];
    expect(await runLlb({ input: 'Dockerfile' }, io(dir).io, (b) => void bytes.push(b), client)).toBe(0);
    expect(await runLlb({ input: 'Dockerfile' }, io(dir).io, (b) => void plain.push(b))).toBe(0);
    expect(asked).toEqual([]);
    expect(Buffer.from(bytes[0]).equals(Buffer.from(plain[0]))).toBe(true);
    expect(decodeDefinition(bytes[0]).def?.some((b) => decodeOp(b).source?.identifier === 'docker-image://docker.io/library/alpine:latest')).toBe(true);
  });

  it('--base-config replaces a resolved config (whichever way its key is written) but not the digest', async () => {
    const dir = tempTree({ Dockerfile: dockerfile, 'alpine.json': JSON.stringify(config(['PATH=/mine', 'MINE=1'], { WorkingDir: '/srv' })) });
    const { client } = fakeClient(table);
    for (const key of ['alpine', 'docker.io/library/alpine:latest']) {
      const ops = await llbJSON({ input: 'Dockerfile', resolve: true, 'base-config': [`${key}=alpine.json`] }, dir, client);
      expect(sourcesOf(ops).map((s) => s[0])).toContain(`docker-image://docker.io/library/alpine@${ALPINE.digest}`);
      expect(execsOf(ops)).toContainEqual(expect.objectContaining({ env: ['PATH=/mine', 'MINE=1'], cwd: '/srv' }));
    }
  });

  it('a spec: the builder on the build platform, the base on the target, both pinned', async () => {
    const dir = tempTree({ 'go.mod': 'module example.com/acme/server\n\ngo 1.24.2\n', 'go.sum': '' });
    copyFileSync(join(SPECS, 'distroless-static.yaml'), join(dir, 'gofile.yaml'));
    const r = resolveSpec(loadSpec(readFileSync(join(dir, 'gofile.yaml'), 'utf8'), 'gofile.yaml'), { goMod: readGoMod(dir), goSum: true });
    const images = specImages(r);
    const spec: Record<string, { digest: string; config: ImageConfig }> = {};
    for (const i of images) spec[normalizeImageRef(i.text.split('@')[0])] = { digest: fakeDigest(i.ref), config: config([`PATH=/from/${i.ref.split('/').pop()}`]) };
    const { client, asked } = fakeClient(spec);
    const ops = await llbJSON({ input: 'gofile.yaml', resolve: true, platform: 'linux/arm64' }, dir, client);
    expect(asked).toHaveLength(images.length);
    expect(asked.some((a) => a.endsWith(' linux/arm64'))).toBe(true);
    const ids = sourcesOf(ops).map((s) => s[0]);
    for (const i of images) expect(ids).toContain(`docker-image://${normalizeImageRef(`${i.text.split('@')[0]}@${fakeDigest(i.ref)}`)}`);
    expect(execsOf(ops)[0].env?.[0]).toMatch(/^PATH=\/from\//);
  });

  it('refuses --offline and --insecure-registry without --resolve; a failed resolve names the file and line', async () => {
    const dir = tempTree({ Dockerfile: dockerfile });
    await expect(runLlb({ input: 'Dockerfile', offline: true }, io(dir).io)).rejects.toThrow(/--offline only matters with --resolve/);
    await expect(runLlb({ input: 'Dockerfile', 'insecure-registry': ['r:5000'] }, io(dir).io)).rejects.toThrow(/--insecure-registry only matters with --resolve/);
    const { client } = fakeClient({ 'docker.io/library/golang:1.22': GOLANG });
    const e = (await runLlb({ input: 'Dockerfile', resolve: true, format: 'json' }, io(dir).io, undefined, client).catch((x: unknown) => x)) as InputError;
    expect(e).toBeInstanceOf(InputError);
    expect(e.format()).toBe('Dockerfile:4: resolving alpine: docker.io/library/alpine:latest was not found in the registry (404): check the name and tag');
    writeFileSync(join(dir, 'Dockerfile'), 'FROM scratch\nCOPY x /x\n');
    const none = fakeClient({});
    expect((await llbJSON({ input: 'Dockerfile', resolve: true }, dir, none.client)).length).toBeGreaterThan(0);
    expect(none.asked).toEqual([]);
  });
});
