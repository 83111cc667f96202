// e2e: spec → gofile expand --syntax none → docker build --network none → docker run --network none, per runtime,
// a --platform build that cross-compiles on the build machine, and a converted hand-written Dockerfile.
// Needs the engine of .ci/services/docker.sh.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gofile } from '../helpers/cli.js';
import { BUILD_TIMEOUT, E2E, build, describeEngine, docker, read, requireEngine, runProbe, tag, tempDir } from './engine.js';

interface Expect {
  uid: number;
  gid: number;
  certs: boolean;
  tzdata: boolean;
  tmp: boolean;
  /** `dirs` of the spec, each of which the (non-root) program must be able to write to. */
  dirs?: string[];
  /** Why the image has what the spec did not ask for (the base provides it). */
  note?: string;
}

// What each corpus/e2e spec asked for, and so what its container must give the probe.
const RUNTIMES: Record<string, Expect> = {
  // scratch: only what expand copies in. /tmp always (expand makes one for every scratch image).
  scratch: { uid: 10001, gid: 10001, certs: true, tzdata: true, tmp: true, dirs: ['/var/lib/probe', '/data'] },
  'scratch-bare': { uid: 65532, gid: 65532, certs: false, tzdata: false, tmp: true },
  // distroless/static ships the CA bundle, zoneinfo and /tmp itself: the spec adds nothing and can remove nothing.
  distroless: { uid: 65532, gid: 65532, certs: true, tzdata: true, tmp: true, dirs: ['/etc/probe'], note: 'distroless/static has certs and tzdata' },
  debian: { uid: 20000, gid: 20001, certs: true, tzdata: true, tmp: true },
  // bookworm's tzdata is Priority: required, so debian:bookworm-slim has zoneinfo whether the spec asks or not.
  'debian-nocerts': { uid: 65532, gid: 65532, certs: false, tzdata: true, tmp: true, note: 'debian:bookworm-slim has tzdata' },
};

const VERSION = 'v1.2.3-e2e';

/** Expands corpus/e2e/<name>.yaml with --syntax none into a temporary Dockerfile. */
function expand(name: string, dir: string): { path: string; text: string } {
  const path = join(dir, `${name}.Dockerfile`);
  const r = gofile(['expand', '--syntax', 'none', '-o', path, join(E2E, `${name}.yaml`)]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const text = read(path);
  expect(text).not.toMatch(/^# syntax=/m);
  return { path, text };
}

// expand's scratch /tmp is `RUN mkdir -p -m 1777 /rootfs/tmp` then `COPY --from=build /rootfs/tmp /tmp`. Copying a
// directory copies its contents: the BuildKit in Docker 20.10 creates /tmp itself, 0755 root, so a non-root program
// cannot write there (found by this suite; reported). `COPY --from=build /rootfs/ /` keeps the 1777 mode.
const TMP_COPIED_AS_DIRECTORY = /^COPY --from=build \/rootfs\/tmp \/tmp$/m;

describeEngine('expanded Dockerfiles build and run on a real engine', () => {
  let dir = '';
  afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });
  beforeAll(async () => {
    requireEngine();
    dir = tempDir();
    const info = await docker(['info', '--format', '{{.ServerVersion}}'], { timeout: 30_000 });
    expect(info.code, info.stderr).toBe(0);
  });

  it('corpus/e2e has a spec for every runtime this suite checks', () => {
    const specs = readdirSync(E2E).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
    expect(specs).toEqual(Object.keys(RUNTIMES).sort());
  });

  for (const [name, want] of Object.entries(RUNTIMES)) {
    it(`${name}: runs as ${want.uid}:${want.gid} with certs ${want.certs ? 'on' : 'off'}, tzdata ${want.tzdata ? 'on' : 'off'}, the injected version${want.note ? ` (${want.note})` : ''}`, async () => {
      const { path, text } = expand(name, dir);
      const image = tag(name);
      await build(path, image, ['--build-arg', `VERSION=${VERSION}`]);
      const p = await runProbe(image);
      if (name === 'debian') {
        // copy: {src: "*.go", dest: /opt/probe-src/} put the context's Go files there, as COPY reads a pattern
        const ls = await docker(['run', '--rm', '--network', 'none', '--entrypoint', '/bin/ls', image, '/opt/probe-src'], { timeout: 60_000 });
        expect(ls.code, ls.stderr).toBe(0);
        expect(ls.stdout.trim().split('\n')).toEqual(['main.go']);
      }
      expect(p.version).toBe(VERSION);
      expect([p.uid, p.gid]).toEqual([want.uid, want.gid]);
      expect(p.uid).not.toBe(0);
      expect(p.arch).toBe('amd64');
      // certs: the pool has roots, and a real server chain (www.google.com, 2023) verifies against them
      expect({ poolLoads: p.certs.poolLoads, tlsVerify: p.certs.tlsVerify }).toEqual({ poolLoads: want.certs, tlsVerify: want.certs });
      if (want.certs) expect(p.certs.tlsChain).toBe('GTS Root R1');
      else expect(p.certs.tlsError).toMatch(/certificate signed by unknown authority/);
      expect(p.tz.loads, p.tz.error).toBe(want.tzdata);
      // dirs: made by COPY --chown of an empty directory, so the non-root program can write there
      expect(p.dirs).toEqual((want.dirs ?? []).map((path) => ({ path, writable: true })));
      if (want.tzdata) expect(p.tz.offset).toBe(3600);
      if (TMP_COPIED_AS_DIRECTORY.test(text)) {
        // The known failure above: assert what the engine really does, so a fix in expand (or an engine that
        // keeps the mode) shows up here as a failure to update this test.
        console.warn(`[gofile e2e] ${name}: expand copies /rootfs/tmp as a directory; /tmp is not writable for uid ${p.uid}: ${p.tmp.error}`);
        expect(p.tmp.writable).toBe(false);
        expect(p.tmp.error).toMatch(/permission denied/);
      } else {
        expect(p.tmp.writable, p.tmp.error).toBe(want.tmp);
      }
    }, BUILD_TIMEOUT);
  }

  it('--platform linux/arm64 cross-compiles on the amd64 builder (no emulation) into an arm64 ELF', async () => {
    // Nothing here could run an arm64 builder: no binfmt_misc handler for aarch64 is registered.
    const binfmt = '/proc/sys/fs/binfmt_misc';
    const handlers = existsSync(binfmt) ? readdirSync(binfmt) : [];
    expect(handlers.filter((h) => /aarch64|arm64/.test(h))).toEqual([]);

    const { path } = expand('scratch', dir);
    const image = tag('scratch-arm64');
    const b = await build(path, image, ['--platform', 'linux/arm64', '--build-arg', `VERSION=${VERSION}`]);
    expect(b.stderr + b.stdout).toMatch(/GOARCH=arm64/);
    const inspect = await docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', image], { timeout: 30_000 });
    expect(inspect.stdout.trim()).toBe('linux/arm64');

    const created = await docker(['create', '--platform', 'linux/arm64', image], { timeout: 30_000 });
    expect(created.code, created.stderr).toBe(0);
    const id = created.stdout.trim();
    const out = join(dir, 'probe-arm64');
    try {
      const cp = await docker(['cp', `${id}:/usr/local/bin/probe`, out], { timeout: 30_000 });
      expect(cp.code, cp.stderr).toBe(0);
    } finally {
      await docker(['rm', id], { timeout: 30_000 });
    }
    const elf = readFileSync(out);
    expect([...elf.subarray(0, 4)]).toEqual([0x7f, 0x45, 0x4c, 0x46]); // \x7fELF
    expect(elf[4]).toBe(2); // ELFCLASS64
    expect(elf[5]).toBe(1); // little-endian
    expect(elf.readUInt16LE(18)).toBe(183); // e_machine EM_AARCH64
    expect(elf.includes(Buffer.from(VERSION))).toBe(true);
  }, BUILD_TIMEOUT);

  it('a monorepo module (moduleDir) with a local replace beside it builds from the repository root and runs', async () => {
    const context = join(E2E, 'monorepo');
    const out = join(dir, 'monorepo.Dockerfile');
    const e = gofile(['expand', '--syntax', 'none', '-o', out, join(context, 'gofile.yaml')]);
    expect(e.code, e.stderr).toBe(0);
    // the download step has the replaced module's go.mod, which it reads, and nothing else of the context
    expect(read(out)).toContain('--mount=type=bind,source=libs/greet/go.mod,target=/src/libs/greet/go.mod');
    const image = tag('monorepo');
    await build(out, image, ['--build-arg', `VERSION=${VERSION}`], context);
    const r = await docker(['run', '--rm', '--network', 'none', image], { timeout: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`hello from libs/greet (${VERSION})`);
    // binaries: the second program of the module, installed beside the first, which the health check runs
    const ping = await docker(['run', '--rm', '--network', 'none', '--entrypoint', '/usr/local/bin/ping', image], { timeout: 60_000 });
    expect(ping.code, ping.stderr).toBe(0);
    expect(ping.stdout.trim()).toBe('ping: hello from libs/greet');
    const hc = await docker(['image', 'inspect', '--format', '{{json .Config.Healthcheck.Test}}', image], { timeout: 30_000 });
    expect(JSON.parse(hc.stdout)).toEqual(['CMD', '/usr/local/bin/ping']);

    // and convert reads the expansion back into the same spec, the module found from the files beside it
    const c = gofile(['convert', '--context', context, out]);
    expect(c.code, c.stderr).toBe(0);
    expect(c.stdout).toMatch(/^moduleDir: services\/hello\npath: \.\/cmd\/hello\nbinaries:\n  - \.\/cmd\/ping\n/m);
  }, BUILD_TIMEOUT);

  it('a hand-written Dockerfile, converted to a spec and expanded, builds and runs the same way as the original', async () => {
    const original = join(E2E, 'convert', 'handwritten.Dockerfile');
    const spec = join(dir, 'converted.yaml');
    const c = gofile(['convert', '-o', spec, original]);
    expect(c.code, c.stderr).toBe(0);
    const out = join(dir, 'converted.Dockerfile');
    const e = gofile(['expand', '--syntax', 'none', '-o', out, spec]);
    expect(e.code, e.stderr).toBe(0);

    const args = ['--build-arg', `VERSION=${VERSION}`];
    await build(original, tag('handwritten'), args);
    await build(out, tag('converted'), args);
    const before = await runProbe(tag('handwritten'));
    const after = await runProbe(tag('converted'));
    expect(before).toMatchObject({ version: VERSION, uid: 65532, certs: { tlsVerify: true }, tz: { loads: true }, tmp: { writable: true } });
    expect(after).toEqual(before);
  }, BUILD_TIMEOUT);
});
