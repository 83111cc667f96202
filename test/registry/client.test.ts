// The registry client against a real docker-registry: tags, single images, indexes and manifest lists,
// platform selection, the disk cache, --offline, and the failure paths (through a proxy that misbehaves).
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { RegistryClient, type RegistryOptions } from '../../src/registry/index.js';
import { InputError } from '../../src/errors.js';
import { describeRegistry, pushImage, pushIndex, uniqueRepo } from './helpers.js';
import { startProxy } from './proxy.js';

const GO_ENV = ['PATH=/usr/local/go/bin:/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'GOLANG_VERSION=1.22.5', 'GOPATH=/go'];

function client(opts: RegistryOptions = {}): { c: RegistryClient; cache: string } {
  const home = mkdtempSync(join(tmpdir(), 'gofile-reg-home-'));
  const cache = mkdtempSync(join(tmpdir(), 'gofile-reg-cache-'));
  return { c: new RegistryClient({ env: { HOME: home, GOFILE_REGISTRY_CACHE: cache }, retryDelayMs: 5, ...opts }), cache };
}

async function failure(p: Promise<unknown>): Promise<InputError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return e as InputError;
  }
  throw new Error('expected an error');
}

const linux = (architecture: string, variant?: string) => ({ os: 'linux', architecture, ...(variant ? { variant } : {}) });

describeRegistry('registry client (real docker-registry)', (reg) => {
  it('resolves a single-platform Docker v2 image: its manifest digest and its config', async () => {
    const repo = uniqueRepo('library/golang');
    const img = await pushImage(reg.open, repo, '1.22', { env: GO_ENV, workdir: '/go', user: '1000' });
    const { c } = client();
    const r = await c.resolve(`${reg.open}/${repo}:1.22`, linux('amd64'));
    expect(r.digest).toBe(img.digest);
    expect(r.manifestDigest).toBe(img.digest);
    expect(r.pinned).toBe(`${reg.open}/${repo}:1.22@${img.digest}`);
    expect(r.config.config?.Env).toEqual(GO_ENV);
    expect(r.config.config?.WorkingDir).toBe('/go');
    expect(r.config.config?.User).toBe('1000');
    expect(r.platforms).toEqual([linux('amd64')]);
    expect((await c.digestOf(`${reg.open}/${repo}:1.22`)).digest).toBe(img.digest);
  });

  it('an OCI index: the index digest is the pin, the platform picks the config, attestations are never picked', async () => {
    const repo = uniqueRepo('multi');
    const idx = await pushIndex(reg.open, repo, 'v1', [
      { ...linux('amd64'), env: ['PATH=/amd64'] },
      { ...linux('arm64', 'v8'), env: ['PATH=/arm64'] },
      { ...linux('arm', 'v7'), env: ['PATH=/armv7'] },
    ], undefined, true, true);
    const { c } = client();
    const ref = `${reg.open}/${repo}:v1`;
    const amd = await c.resolve(ref, linux('amd64'));
    expect(amd.digest).toBe(idx.digest);
    expect(amd.manifestDigest).toBe(idx.children[0].digest);
    expect(amd.config.config?.Env).toEqual(['PATH=/amd64']);
    expect(amd.platforms).toEqual([linux('amd64'), linux('arm64'), linux('arm', 'v7')]);
    const arm64 = await c.resolve(ref, linux('arm64'));
    expect(arm64.digest).toBe(idx.digest);
    expect(arm64.config.config?.Env).toEqual(['PATH=/arm64']);
    expect((await c.resolve(ref, linux('arm', 'v7'))).config.config?.Env).toEqual(['PATH=/armv7']);
    // arm/v6 cannot run a v7 image: say what there is
    const e = await failure(c.resolve(ref, linux('arm', 'v6')));
    expect(e.message).toContain('has no image for linux/arm/v6 (it has linux/amd64, linux/arm64, linux/arm/v7)');
    expect(e.message).toContain('--platform');
    expect((await failure(c.resolve(ref, { os: 'windows', architecture: 'amd64' }))).message).toContain('no image for windows/amd64');
  });

  it('a Docker manifest list, and the fallbacks containerd allows (arm64 runs arm/v7; amd64/v3 runs amd64)', async () => {
    const repo = uniqueRepo('list');
    const idx = await pushIndex(reg.open, repo, 'v2', [{ ...linux('amd64'), env: ['A=amd64'] }, { ...linux('arm', 'v7'), env: ['A=armv7'] }], undefined, false);
    const { c } = client();
    const ref = `${reg.open}/${repo}:v2`;
    expect((await c.resolve(ref, linux('arm64'))).config.config?.Env).toEqual(['A=armv7']);
    expect((await c.resolve(ref, linux('amd64', 'v3'))).config.config?.Env).toEqual(['A=amd64']);
    expect((await c.resolve(ref, linux('amd64'))).digest).toBe(idx.digest);
  });

  it('a reference that already has a digest is resolved by it, with no tag lookup', async () => {
    const repo = uniqueRepo('bydigest');
    const img = await pushImage(reg.open, repo, 'x', { env: ['X=1'] });
    const { c } = client();
    const r = await c.resolve(`${reg.open}/${repo}:x@${img.digest}`, linux('amd64'));
    expect(r.digest).toBe(img.digest);
    expect(r.pinned).toBe(`${reg.open}/${repo}:x@${img.digest}`);
    const bare = await c.resolve(`${reg.open}/${repo}@${img.digest}`, linux('amd64'));
    expect(bare.pinned).toBe(`${reg.open}/${repo}@${img.digest}`);
  });

  it('not found: a missing tag and a missing repository say which', async () => {
    const repo = uniqueRepo('nf');
    await pushImage(reg.open, repo, 'exists');
    const { c } = client();
    const tag = await failure(c.resolve(`${reg.open}/${repo}:nope`, linux('amd64')));
    expect(tag.message).toMatch(/nope was not found on 127\.0\.0\.1:\d+ \(404/);
    expect(tag.message).toContain('check the name and the tag');
    const other = await failure(c.digestOf(`${reg.open}/${uniqueRepo('never-pushed')}:1`));
    expect(other.message).toContain('was not found');
  });

  it('caches by digest, answers a second run without the network, and --offline uses only the cache', async () => {
    const repo = uniqueRepo('cached');
    const img = await pushImage(reg.open, repo, '1', { env: ['C=1'], workdir: '/w' });
    const { c, cache } = client();
    const ref = `${reg.open}/${repo}:1`;
    await c.resolve(ref, linux('amd64'));
    const blobs = readdirSync(join(cache, 'blobs', 'sha256'));
    expect(blobs).toContain(img.digest.slice(7));
    expect(blobs).toContain(img.configDigest.slice(7));
    expect(readdirSync(join(cache, 'tags'))).toHaveLength(1);
    // a second client on the same cache, whose network always fails
    let calls = 0;
    const noNet = (() => {
      calls++;
      return Promise.reject(new TypeError('fetch failed'));
    }) as unknown as typeof fetch;
    const again = new RegistryClient({ env: { GOFILE_REGISTRY_CACHE: cache, HOME: cache }, fetch: noNet, retryDelayMs: 1 });
    expect((await again.resolve(ref, linux('amd64'))).config.config?.WorkingDir).toBe('/w');
    expect(calls).toBe(0);
    // offline: even an expired tag entry is used; a miss says how to fill the cache
    const offline = new RegistryClient({ env: { GOFILE_REGISTRY_CACHE: cache, HOME: cache }, offline: true, tagTtlMs: 0, fetch: noNet });
    expect((await offline.resolve(ref, linux('amd64'))).digest).toBe(img.digest);
    const miss = await failure(offline.resolve(`${reg.open}/${repo}:2`, linux('amd64')));
    expect(miss.message).toContain('--offline');
    expect(miss.message).toContain('not in the cache');
    expect(miss.message).toContain('run once without --offline');
    expect(calls).toBe(0);
    // the cache files are written whole: nothing left over from the atomic writes
    for (const f of readdirSync(join(cache, 'tags'))) expect(f).not.toMatch(/\.tmp$/);
  });

  it('the tag map is short-lived: a moved tag is seen once the entry expires', async () => {
    const repo = uniqueRepo('moving');
    const first = await pushImage(reg.open, repo, 'rolling', { env: ['V=1'] });
    const { c, cache } = client();
    const ref = `${reg.open}/${repo}:rolling`;
    expect((await c.digestOf(ref)).digest).toBe(first.digest);
    const second = await pushImage(reg.open, repo, 'rolling', { env: ['V=2'] });
    const fresh = new RegistryClient({ env: { GOFILE_REGISTRY_CACHE: cache, HOME: cache } });
    expect((await fresh.digestOf(ref)).digest).toBe(first.digest); // within the TTL
    const expired = new RegistryClient({ env: { GOFILE_REGISTRY_CACHE: cache, HOME: cache, GOFILE_REGISTRY_TAG_TTL: '0' } });
    expect((await expired.digestOf(ref)).digest).toBe(second.digest);
  });

  it('a corrupted cache entry is not trusted', async () => {
    const repo = uniqueRepo('corrupt');
    const img = await pushImage(reg.open, repo, '1', { env: ['OK=1'] });
    const { c, cache } = client();
    await c.resolve(`${reg.open}/${repo}:1`, linux('amd64'));
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(cache, 'blobs', 'sha256', img.configDigest.slice(7)), '{"config":{"Env":["EVIL=1"]}}');
    const again = new RegistryClient({ env: { GOFILE_REGISTRY_CACHE: cache, HOME: cache } });
    expect((await again.resolve(`${reg.open}/${repo}:1`, linux('amd64'))).config.config?.Env).toEqual(['OK=1']);
  });

  it('unreachable: connection refused, after the bounded retries, says what to do', async () => {
    const proxy = await startProxy(reg.open);
    const host = proxy.host;
    await proxy.close(); // nothing listens there now
    const { c } = client({ retries: 1 });
    const e = await failure(c.resolve(`${host}/x/y:1`, linux('amd64')));
    expect(e.message).toContain(`cannot reach the registry ${host}`);
    expect(e.message).toContain('connection refused');
    expect(e.message).toContain('--offline');
  });

  it('retries 503 and 429 (bounded), then succeeds', async () => {
    const repo = uniqueRepo('flaky');
    const img = await pushImage(reg.open, repo, '1');
    const proxy = await startProxy(reg.open, (_req, res, n) => {
      if (n === 1) return void res.writeHead(503).end(), 'handled';
      if (n === 2) return void res.writeHead(429, { 'retry-after': '0' }).end(), 'handled';
      return 'forward';
    });
    try {
      const { c } = client({ retries: 2 });
      expect((await c.digestOf(`${proxy.host}/${repo}:1`)).digest).toBe(img.digest);
      expect(proxy.seen.length).toBe(3);
    } finally {
      await proxy.close();
    }
  });

  it('rate-limited: a long Retry-After is not waited out; the error says so and what to do', async () => {
    const proxy = await startProxy(reg.open, (_req, res) => {
      res.writeHead(429, { 'retry-after': '3600', 'content-type': 'application/json' });
      res.end(JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'You have reached your pull rate limit.' }] }));
      return 'handled';
    });
    try {
      const { c } = client();
      const started = Date.now();
      const e = await failure(c.digestOf(`${proxy.host}/a/b:1`));
      expect(Date.now() - started).toBeLessThan(5000);
      expect(e.message).toContain('rate-limited');
      expect(e.message).toContain('retry after 3600 s');
      expect(e.message).toContain('docker login');
      expect(proxy.seen.length).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('a registry that does not answer times out, with the timeout in the message', async () => {
    const proxy = await startProxy(reg.open, () => 'handled'); // never answers
    try {
      const { c } = client({ timeoutMs: 300, retries: 1 });
      const e = await failure(c.digestOf(`${proxy.host}/a/b:1`));
      expect(e.message).toContain('no answer within 0.3 s');
      expect(proxy.seen.length).toBe(2);
    } finally {
      await proxy.close();
    }
  });

  it('follows redirects (blobs on another host, as registries do with storage) without carrying credentials there', async () => {
    const repo = uniqueRepo('redirected');
    const img = await pushImage(reg.open, repo, '1', { env: ['R=1'] });
    const storage = await startProxy(reg.open);
    // the front demands basic auth and sends blob reads to "storage", another origin
    const front = await startProxy(reg.open, (req, res) => {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="front"' }).end();
        return 'handled';
      }
      if (req.url?.includes('/blobs/')) {
        res.writeHead(307, { location: `http://${storage.host}${req.url}` }).end();
        return 'handled';
      }
      return 'forward';
    });
    try {
      const home = mkdtempSync(join(tmpdir(), 'gofile-reg-home-'));
      const { writeFileSync, mkdirSync } = await import('node:fs');
      mkdirSync(join(home, '.docker'));
      writeFileSync(join(home, '.docker', 'config.json'), JSON.stringify({ auths: { [front.host]: { auth: Buffer.from('u:s3cret-front').toString('base64') } } }));
      const c = new RegistryClient({ env: { HOME: home }, cacheDir: null });
      const r = await c.resolve(`${front.host}/${repo}:1`, linux('amd64'));
      expect(r.config.config?.Env).toEqual(['R=1']);
      expect(storage.seen.map((s) => s.url)).toEqual([`/v2/${repo}/blobs/${img.configDigest}`]);
      expect(storage.seen.every((s) => s.authorization === undefined)).toBe(true);
      expect(front.seen.some((s) => s.authorization?.startsWith('Basic '))).toBe(true);
    } finally {
      await front.close();
      await storage.close();
    }
  });

  it('refuses a redirect to plain HTTP on a host that is not trusted', async () => {
    const front = await startProxy(reg.open, (_req, res) => {
      res.writeHead(302, { location: 'http://registry.invalid/v2/' }).end();
      return 'handled';
    });
    try {
      const { c } = client();
      const e = await failure(c.digestOf(`${front.host}/a/b:1`));
      expect(e.message).toContain('not HTTPS');
    } finally {
      await front.close();
    }
  });
});

it('plain HTTP only for loopback registries and the --insecure-registry list', async () => {
  const urls: string[] = [];
  const fake = ((u: URL) => {
    urls.push(u.toString());
    return Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
  }) as unknown as typeof fetch;
  const c = new RegistryClient({ env: { HOME: tmpdir() }, cacheDir: null, fetch: fake, retries: 0, insecureRegistries: ['registry.lan:5000'] });
  for (const ref of ['localhost:5000/a:1', '127.0.0.1:5000/a:1', 'registry.lan:5000/a:1', 'registry.lan:6000/a:1', 'ghcr.io/a/b:1', 'golang:1.22']) {
    await c.digestOf(ref).catch(() => undefined);
  }
  expect(urls).toEqual([
    'http://localhost:5000/v2/a/manifests/1',
    'http://127.0.0.1:5000/v2/a/manifests/1',
    'http://registry.lan:5000/v2/a/manifests/1',
    'https://registry.lan:6000/v2/a/manifests/1',
    'https://ghcr.io/v2/a/b/manifests/1',
    'https://registry-1.docker.io/v2/library/golang/manifests/1.22',
  ]);
  void statSync;
  void readFileSync;
});
