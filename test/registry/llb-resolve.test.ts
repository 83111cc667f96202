// `gofile llb --resolve` against the real test registry: shared corpus files pointed at it (their images
// pushed with known configs, amd64 and arm64 in one index), and a file of our own for RUN --mount from=<image>,
// USER and per-platform configs. Checked as BuildKit v0.11.6 resolves (convert.go, the base-image loop):
// source identifiers and "FROM …" names pinned to reference.WithDigest(<as written>, <index digest>) — a
// written tag kept, none added —, the dockerfile command as written, the image ENV / WORKDIR / USER seeding
// each stage (§8), only reachable images asked for, credentials nowhere; and without --resolve, nothing new.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { runLlb, type LlbArgs } from '../../src/commands/llb.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { Stage } from '../../src/dockerfile/model.js';
import { dockerfileToLLB, imageSources } from '../../src/frontend/index.js';
import { DEFAULT_PATH } from '../../src/frontend/image.js';
import { encodeDefinition } from '../../src/llb/index.js';
import { normalizeImageRef } from '../../src/llb/index.js';
import type { Io } from '../../src/io.js';
import { CORPUS, HAS_CORPUS } from '../helpers/shared.js';
import { basicAuth, describeRegistry, pushImage, pushIndex, uniqueRepo, type ConfigInit } from './helpers.js';

interface DumpOp {
  Op: { Op?: { exec?: { meta: { env?: string[]; cwd?: string; user?: string } }; source?: { identifier: string } } } | null;
  Digest: string;
  OpMetadata?: { description?: Record<string, string> };
}

function io(cwd: string, env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = { stdout: (s) => void out.push(s), stderr: (s) => void err.push(s), stdoutIsTTY: false, stdin: async () => '', cwd, env };
  return { io: value, out, err };
}

async function llb(dir: string, env: Record<string, string>, args: Omit<LlbArgs, 'input'> = {}): Promise<{ ops: DumpOp[]; text: string }> {
  const o = io(dir, env);
  expect(await runLlb({ input: 'Dockerfile', format: 'json', ...args }, o.io)).toBe(0);
  const text = o.out.join('') + o.err.join('');
  return { ops: o.out.join('').trim().split('\n').map((l) => JSON.parse(l) as DumpOp), text };
}

const customName = (o: DumpOp) => o.OpMetadata?.description?.['llb.customname'] ?? '';
const sourceOps = (ops: DumpOp[]) => ops.filter((o) => o.Op?.Op?.source?.identifier.startsWith('docker-image://'));
const execOps = (ops: DumpOp[]) => ops.filter((o) => o.Op?.Op?.exec);
const digests = (ops: DumpOp[]) => ops.map((o) => o.Digest).sort();

/** Points every registry image (FROM, COPY --from, RUN --mount from=) at host/prefix, Docker Hub's library/ kept, digests dropped. */
function rewriteToRegistry(text: string, host: string, prefix: string): string {
  const stages = new Set([...text.matchAll(/^FROM\s.*\sAS\s+(\S+)\s*$/gim)].map((m) => m[1].toLowerCase()));
  const move = (image: string) => {
    const lower = image.toLowerCase();
    if (lower === 'scratch' || stages.has(lower) || image.startsWith('$') || /^\d+$/.test(image)) return image;
    const parts = image.replace(/@sha256:[0-9a-f]+$/, '').split('/');
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
    if (parts.length === 1) parts.unshift('library');
    return `${host}/${prefix}/${parts.join('/')}`;
  };
  return text
    .replace(/^(FROM[ \t]+(?:--\S+[ \t]+)*)(\S+)/gim, (_m, head: string, image: string) => head + move(image))
    .replace(/^(COPY[ \t].*?--from=)(\S+)/gim, (_m, head: string, image: string) => head + move(image))
    .replace(/(--mount=\S*?\bfrom=)([^,\s]+)/g, (_m, head: string, image: string) => head + move(image));
}

/** The configs pushed, by image: as the real images have them (golang: its PATH, GOPATH, WORKDIR /go). */
function configFor(repository: string, tag: string, architecture: string): ConfigInit {
  const name = repository.split('/').pop()!;
  if (name === 'golang') {
    return {
      architecture,
      env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `GOLANG_VERSION=${tag.split('-')[0]}`, 'GOTOOLCHAIN=local', 'GOPATH=/go', `IMAGE_ARCH=${architecture}`],
      workdir: '/go',
    };
  }
  if (name.startsWith('static-debian') || name === 'runner') {
    return { architecture, env: [`PATH=${DEFAULT_PATH}`, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt', `IMAGE_ARCH=${architecture}`], user: '65532', workdir: '/home/nonroot' };
  }
  // no PATH at all: the frontend must add the default one after the image's ENV
  if (name === 'alpine') return { architecture, env: ['ALPINE_IMAGE=1', `IMAGE_ARCH=${architecture}`] };
  return { architecture, env: [`PATH=${DEFAULT_PATH}`, `IMAGE_ARCH=${architecture}`] };
}

interface Pushed {
  digest: string;
  configs: Record<string, ConfigInit>;
}

/** Pushes every image a build of `text` pulls (reachable ones: the others are never asked for) as an amd64+arm64 index. */
async function pushAll(host: string, text: string, platform?: string): Promise<Map<string, Pushed>> {
  const pushed = new Map<string, Pushed>();
  for (const s of imageSources(parseDockerfile(text), { platform })) {
    if (pushed.has(s.ref)) continue;
    const m = /^[^/]+\/(.+):([^:@]+)$/.exec(s.ref)!;
    const configs = { amd64: configFor(m[1], m[2], 'amd64'), arm64: configFor(m[1], m[2], 'arm64') };
    const idx = await pushIndex(host, m[1], m[2], [configs.amd64, configs.arm64]);
    pushed.set(s.ref, { digest: idx.digest, configs });
  }
  return pushed;
}

/** §4: setting a key again moves it to the end. */
function addEnvs(base: string[], entries: string[]): string[] {
  const out = [...base];
  for (const e of entries) {
    const k = e.split('=')[0];
    const i = out.findIndex((x) => x.split('=')[0] === k);
    if (i >= 0) out.splice(i, 1);
    out.push(e);
  }
  return out;
}

function rootImage(stage: Stage): Stage | null {
  let s: Stage = stage;
  while (s.base.kind === 'stage') s = s.base.stage;
  return s.base.kind === 'image' ? s : null;
}

/**
 * Every exec op of the resolved build against its unresolved twin (same progress name): the image ENV first
 * (the default PATH added only when the image has none), then what the stage set; the image WORKDIR until a
 * WORKDIR of the Dockerfile; the image USER until a USER of the Dockerfile.
 */
function expectStateFromImage(text: string, resolved: DumpOp[], plain: DumpOp[], pushed: Map<string, Pushed>, arch: string): number {
  const model = parseDockerfile(text);
  const twins = new Map(plain.map((o) => [customName(o), o]));
  let n = 0;
  for (const op of execOps(resolved)) {
    const name = customName(op);
    const before = twins.get(name)?.Op?.Op?.exec;
    expect(before, `an unresolved twin of ${name}`).toBeDefined();
    const stageName = /^\[([^\] ]*) /.exec(name)?.[1];
    const stage = model.stages.length === 1 ? model.stages[0] : model.stages.find((s, i) => (s.name?.toLowerCase() ?? `stage-${i}`) === stageName);
    expect(stage, `the stage of ${name}`).toBeDefined();
    const root = rootImage(stage!);
    const ref = root ? imageSources(model, { target: root.name ?? undefined }).find((s) => s.line === root.from.span.start.line)?.ref : undefined;
    const image = ref ? pushed.get(ref)?.configs[arch] : undefined;
    const imageEnv = image?.env ?? [];
    const baseEnv = imageEnv.some((e) => e.startsWith('PATH=')) ? imageEnv : [...imageEnv, `PATH=${DEFAULT_PATH}`];
    const own = (before!.meta.env ?? []).filter((e, i) => !(i === 0 && e === `PATH=${DEFAULT_PATH}`));
    const exec = op.Op!.Op!.exec!;
    expect(exec.meta.env, `env of ${name}`).toEqual(addEnvs(baseEnv, own));
    expect(exec.meta.cwd, `cwd of ${name}`).toBe(before!.meta.cwd === '/' ? image?.workdir ?? '/' : before!.meta.cwd);
    expect(exec.meta.user ?? '', `user of ${name}`).toBe(before!.meta.user || image?.user || '');
    n++;
  }
  return n;
}

/**
 * The sources of the resolved build: exactly the expected pinned names, each op named "… FROM <pinned>" where the
 * unresolved twin says "… FROM <unpinned>", and the dockerfile command unchanged (as written).
 */
function expectPinned(resolved: DumpOp[], plain: DumpOp[], expected: Array<{ unpinned: string; pinned: string }>): void {
  const got = sourceOps(resolved);
  expect(got.map((o) => o.Op!.Op!.source!.identifier).sort()).toEqual(expected.map((e) => `docker-image://${e.pinned}`).sort());
  for (const e of expected) {
    const op = got.find((o) => o.Op!.Op!.source!.identifier === `docker-image://${e.pinned}`)!;
    const twin = sourceOps(plain).find((o) => o.Op!.Op!.source!.identifier === `docker-image://${e.unpinned}`);
    expect(twin, `an unresolved ${e.unpinned}`).toBeDefined();
    expect(customName(op)).toBe(customName(twin!).replace(new RegExp(`FROM ${e.unpinned.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`), `FROM ${e.pinned}`));
    expect(customName(op)).toMatch(new RegExp(`(^|\\] )FROM ${e.pinned.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(op.OpMetadata?.description?.['com.docker.dockerfile.v1.command']).toBe(twin!.OpMetadata?.description?.['com.docker.dockerfile.v1.command']);
  }
}

/** Writes each pushed config where --base-config reads it; returns the flags, keyed by `key(ref)`. */
function baseConfigFlags(dir: string, pushed: Map<string, Pushed>, arch: string, key: (ref: string, p: Pushed) => string): string[] {
  return [...pushed].map(([ref, p], i) => {
    const c = p.configs[arch];
    const file = join(dir, `base-${i}.json`);
    writeFileSync(file, JSON.stringify({
      architecture: arch, os: 'linux',
      config: { ...(c.user ? { User: c.user } : {}), Env: c.env, ...(c.workdir ? { WorkingDir: c.workdir } : {}) },
      rootfs: { type: 'layers', diff_ids: ['sha256:' + '0'.repeat(64)] },
    }));
    return `${key(ref, p)}=${file}`;
  });
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

interface CorpusCase {
  id: string;
  what: string;
  /** The pinned names BuildKit gives, from host/prefix and the pushed digests (by the unpinned normalized ref). */
  expected: (h: string, d: (ref: string) => string) => Array<{ unpinned: string; pinned: string }>;
  /** The same file with every image reference written pinned (what BuildKit resolves to the same names). */
  pinText: (text: string, h: string, d: (ref: string) => string) => string;
}

const CASES: CorpusCase[] = [
  {
    id: '0196', what: 'an untagged FROM golang: pinned without :latest',
    expected: (h, d) => [{ unpinned: `${h}/library/golang:latest`, pinned: `${h}/library/golang@${d(`${h}/library/golang:latest`)}` }],
    pinText: (t, h, d) => t.replace(`FROM ${h}/library/golang\n`, `FROM ${h}/library/golang@${d(`${h}/library/golang:latest`)}\n`),
  },
  {
    id: '0205', what: 'a tagged FROM and COPY --from=<tagged image>',
    expected: (h, d) => [
      { unpinned: `${h}/library/golang:1.17-alpine`, pinned: `${h}/library/golang:1.17-alpine@${d(`${h}/library/golang:1.17-alpine`)}` },
      { unpinned: `${h}/library/busybox:1.28`, pinned: `${h}/library/busybox:1.28@${d(`${h}/library/busybox:1.28`)}` },
    ],
    pinText: (t, h, d) => t
      .replace(`${h}/library/golang:1.17-alpine `, `${h}/library/golang:1.17-alpine@${d(`${h}/library/golang:1.17-alpine`)} `)
      .replace(`--from=${h}/library/busybox:1.28 `, `--from=${h}/library/busybox:1.28@${d(`${h}/library/busybox:1.28`)} `),
  },
  {
    id: '0099', what: 'a tagged golang builder and an untagged distroless base with its own USER and WORKDIR',
    expected: (h, d) => [
      { unpinned: `${h}/library/golang:1.26-trixie`, pinned: `${h}/library/golang:1.26-trixie@${d(`${h}/library/golang:1.26-trixie`)}` },
      { unpinned: `${h}/distroless/static-debian13:latest`, pinned: `${h}/distroless/static-debian13@${d(`${h}/distroless/static-debian13:latest`)}` },
    ],
    pinText: (t, h, d) => t
      .replace(`${h}/library/golang:1.26-trixie `, `${h}/library/golang:1.26-trixie@${d(`${h}/library/golang:1.26-trixie`)} `)
      .replace(`FROM ${h}/distroless/static-debian13\n`, `FROM ${h}/distroless/static-debian13@${d(`${h}/distroless/static-debian13:latest`)}\n`),
  },
  {
    id: '0039', what: 'a tag an ARG default writes (kept: golang:latest@…) and an untagged alpine (no PATH in its ENV)',
    expected: (h, d) => [
      { unpinned: `${h}/library/golang:latest`, pinned: `${h}/library/golang:latest@${d(`${h}/library/golang:latest`)}` },
      { unpinned: `${h}/library/alpine:latest`, pinned: `${h}/library/alpine@${d(`${h}/library/alpine:latest`)}` },
    ],
    pinText: (t, h, d) => t
      .replace('ARG GOVERSION=latest\n', `ARG GOVERSION=latest@${d(`${h}/library/golang:latest`)}\n`)
      .replace(`FROM ${h}/library/alpine\n`, `FROM ${h}/library/alpine@${d(`${h}/library/alpine:latest`)}\n`),
  },
];

describeRegistry('gofile llb --resolve (real registry)', (reg) => {
  const newDir = (id: string) => mkdtempSync(join(tmpdir(), `gofile-llb-resolve-${id}-`));

  for (const c of CASES) {
    it.skipIf(!HAS_CORPUS)(`${c.id}: ${c.what}; same op digests as the pinned file with those configs`, async () => {
      const original = readFileSync(join(CORPUS, 'files', `${c.id}.Dockerfile`), 'utf8');
      const prefix = uniqueRepo(`resolve-${c.id}`);
      const h = `${reg.open}/${prefix}`;
      const text = rewriteToRegistry(original, reg.open, prefix);
      const pushed = await pushAll(reg.open, text);
      const d = (ref: string) => {
        expect(pushed.has(ref), `pushed ${ref}`).toBe(true);
        return pushed.get(ref)!.digest;
      };
      const dir = newDir(c.id);
      const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };
      writeFileSync(join(dir, 'Dockerfile'), text);

      const resolved = await llb(dir, env, { resolve: true });
      const plain = await llb(dir, env);
      expectPinned(resolved.ops, plain.ops, c.expected(h, d));
      expect(expectStateFromImage(text, resolved.ops, plain.ops, pushed, 'amd64')).toBeGreaterThan(0);

      // BuildKit resolving a reference written pinned gives the same name; gofile without a registry, told
      // the configs with --base-config, must then make the very same ops (only the command text differs)
      const pinnedText = c.pinText(text, h, d);
      expect(pinnedText).not.toBe(text);
      writeFileSync(join(dir, 'Dockerfile'), pinnedText);
      const flags = baseConfigFlags(dir, pushed, 'amd64', (ref) => c.expected(h, d).find((e) => e.unpinned === ref)!.pinned);
      const viaPins = await llb(dir, env, { 'base-config': flags });
      expect(digests(resolved.ops)).toEqual(digests(viaPins.ops));

      // without --resolve the original corpus file is still exactly what BuildKit made offline
      writeFileSync(join(dir, 'Dockerfile'), original);
      const offline = await llb(dir, env);
      const reference = readFileSync(join(CORPUS, 'llb', `${c.id}.digests`), 'utf8').trim().split('\n').sort();
      expect(digests(offline.ops)).toEqual(reference);
    });
  }

  it('RUN --mount from=<image>, COPY --from=<untagged image>, the image USER, per-platform configs; unreachable images never asked for', async () => {
    const prefix = uniqueRepo('resolve-own');
    const h = `${reg.open}/${prefix}`;
    const text = [
      `FROM --platform=$BUILDPLATFORM ${h}/library/golang:1.22 AS build`,
      'RUN go env GOPATH',
      `FROM ${h}/not-pushed:1 AS unused`,
      'RUN never',
      `FROM ${h}/runner`,
      `RUN --mount=from=${h}/tools:v1,target=/tools /tools/check`,
      `COPY --from=${h}/library/busybox /bin/busybox /bin/busybox`,
      'COPY --from=build /go/bin /usr/local/bin',
      'WORKDIR /app',
      'USER 1000',
      'RUN id',
      '',
    ].join('\n');
    const pushed = await pushAll(reg.open, text, 'linux/arm64');
    expect([...pushed.keys()].sort()).toEqual([`${h}/library/busybox:latest`, `${h}/library/golang:1.22`, `${h}/runner:latest`, `${h}/tools:v1`]);
    const d = (ref: string) => pushed.get(ref)!.digest;
    const dir = newDir('own');
    const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };
    writeFileSync(join(dir, 'Dockerfile'), text);
    for (const arch of ['amd64', 'arm64']) {
      const resolved = await llb(dir, env, { resolve: true, platform: `linux/${arch}` });
      const plain = await llb(dir, env, { platform: `linux/${arch}` });
      expectPinned(resolved.ops, plain.ops, [
        { unpinned: `${h}/library/golang:1.22`, pinned: `${h}/library/golang:1.22@${d(`${h}/library/golang:1.22`)}` },
        { unpinned: `${h}/runner:latest`, pinned: `${h}/runner@${d(`${h}/runner:latest`)}` },
        { unpinned: `${h}/tools:v1`, pinned: `${h}/tools:v1@${d(`${h}/tools:v1`)}` },
        { unpinned: `${h}/library/busybox:latest`, pinned: `${h}/library/busybox@${d(`${h}/library/busybox:latest`)}` },
      ]);
      // the mount's image and the COPY's have no stage counter: BuildKit names them "FROM <pinned>"
      expect(sourceOps(resolved.ops).map(customName)).toEqual(expect.arrayContaining([
        `FROM ${h}/tools:v1@${d(`${h}/tools:v1`)}`, `FROM ${h}/library/busybox@${d(`${h}/library/busybox:latest`)}`,
        `[build 1/2] FROM ${h}/library/golang:1.22@${d(`${h}/library/golang:1.22`)}`,
        `[stage-2 1/6] FROM ${h}/runner@${d(`${h}/runner:latest`)}`,
      ]));
      expect(expectStateFromImage(text, resolved.ops, plain.ops, pushed, arch)).toBe(3);
      const [goEnv, mountRun, idRun] = execOps(resolved.ops).sort((a, b) => customName(a).localeCompare(customName(b))).map((o) => o.Op!.Op!.exec!.meta);
      expect(goEnv.env).toContain(`IMAGE_ARCH=${arch}`);
      expect(goEnv.cwd).toBe('/go');
      expect(mountRun).toMatchObject({ cwd: '/home/nonroot', user: '65532' });
      expect(mountRun.env).toContain(`IMAGE_ARCH=${arch}`);
      expect(idRun).toMatchObject({ cwd: '/app', user: '1000' });
    }
  });

  it('--offline answers from the cache a resolving run filled, and fails clearly on an empty one', async () => {
    const prefix = uniqueRepo('resolve-offline');
    const text = `FROM ${reg.open}/${prefix}/library/golang:1.22\nRUN go version\n`;
    await pushAll(reg.open, text);
    const dir = newDir('offline');
    const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };
    writeFileSync(join(dir, 'Dockerfile'), text);
    const online = await llb(dir, env, { resolve: true });
    const offline = await llb(dir, env, { resolve: true, offline: true });
    expect(offline.text).toBe(online.text);
    const empty = io(dir, { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'empty-cache') });
    await expect(runLlb({ input: 'Dockerfile', format: 'json', resolve: true, offline: true }, empty.io)).rejects.toThrow(/offline/i);
  });

  it('through basic auth from ~/.docker/config.json: resolved, and no credential in the output, the LLB, the cache or an error', async () => {
    const repo = uniqueRepo('resolve-private/base');
    const auth = basicAuth(reg.basicUser, reg.basicPassword);
    const img = await pushImage(reg.basic, repo, '3', { env: [`PATH=${DEFAULT_PATH}`, 'PRIVATE_IMAGE=1'], workdir: '/srv' }, auth);
    const dir = newDir('auth');
    const encoded = Buffer.from(`${reg.basicUser}:${reg.basicPassword}`).toString('base64');
    const secrets = [reg.basicPassword, `${reg.basicUser}:${reg.basicPassword}`, encoded];
    const dockerDir = join(dir, '.docker');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dockerDir);
    writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [reg.basic]: { auth: encoded } } }));
    const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${reg.basic}/${repo}:3\nRUN true\n`);

    const json = await llb(dir, env, { resolve: true });
    expect(sourceOps(json.ops).map((o) => o.Op!.Op!.source!.identifier)).toEqual([`docker-image://${reg.basic}/${repo}:3@${img.digest}`]);
    expect(execOps(json.ops)[0].Op!.Op!.exec!.meta).toMatchObject({ env: [`PATH=${DEFAULT_PATH}`, 'PRIVATE_IMAGE=1'], cwd: '/srv' });
    const bin = io(dir, env);
    const bytes: Uint8Array[] = [];
    expect(await runLlb({ input: 'Dockerfile', resolve: true, 'write-config': 'config.json' }, bin.io, (b) => void bytes.push(b))).toBe(0);
    const everything = [json.text, Buffer.from(bytes[0]).toString('latin1'), bin.out.join(''), bin.err.join(''), readFileSync(join(dir, 'config.json'), 'utf8'),
      ...filesUnder(join(dir, 'cache')).map((f) => readFileSync(f, 'latin1'))].join('\n');
    for (const s of secrets) expect(everything.includes(s), 'a credential in the output or the cache').toBe(false);

    // a wrong password: refused, and the error shows neither it nor the right one
    const wrong = 'wrong-' + Math.random().toString(36).slice(2);
    const wrongEncoded = Buffer.from(`${reg.basicUser}:${wrong}`).toString('base64');
    writeFileSync(join(dockerDir, 'config.json'), JSON.stringify({ auths: { [reg.basic]: { auth: wrongEncoded } } }));
    const failed = io(dir, { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache2') });
    const e = (await runLlb({ input: 'Dockerfile', format: 'json', resolve: true }, failed.io).catch((x: unknown) => x)) as Error & { format(): string };
    expect(e.format()).toMatch(new RegExp(`^Dockerfile:1: resolving ${reg.basic}/${repo}:3: .*were refused`));
    for (const s of [...secrets, wrong, wrongEncoded]) expect((e.format() + (e.stack ?? '') + failed.out.join('') + failed.err.join('')).includes(s)).toBe(false);
  });

  it('without --resolve: the same bytes as the frontend alone, and no registry asked (none is reachable)', async () => {
    const text = `FROM 127.0.0.1:1/nowhere/golang:1.22 AS build\nRUN go build\nFROM 127.0.0.1:1/nowhere/alpine\nCOPY --from=build /x /x\n`;
    const dir = newDir('plain');
    writeFileSync(join(dir, 'Dockerfile'), text);
    const bytes: Uint8Array[] = [];
    expect(await runLlb({ input: 'Dockerfile' }, io(dir, { HOME: dir }).io, (b) => void bytes.push(b))).toBe(0);
    const direct = encodeDefinition(dockerfileToLLB(parseDockerfile(text, { path: 'Dockerfile' }), { sourceMap: true }).definition);
    expect(Buffer.from(bytes[0]).equals(Buffer.from(direct))).toBe(true);
    expect(Buffer.from(bytes[0]).toString('latin1')).toContain(`docker-image://${normalizeImageRef('127.0.0.1:1/nowhere/alpine')}`);
  });
});
