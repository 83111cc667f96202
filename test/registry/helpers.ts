// The real registries .ci/services/registry.sh starts, how tests push small images to them over the
// HTTP API, and the token endpoint the token-auth registry sends clients to (started here, in-process).
import { createHash, randomBytes, randomUUID, sign, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { describe, it } from 'vitest';

export interface RegistryEnv {
  open: string;
  basic: string;
  basicUser: string;
  basicPassword: string;
  token: string;
  tokenPort: number;
  tokenKey: string;
  tokenCert: string;
  issuer: string;
  service: string;
}

const e = process.env;
export const REGISTRY: RegistryEnv | null = e.GOFILE_TEST_REGISTRY
  ? {
      open: e.GOFILE_TEST_REGISTRY,
      basic: e.GOFILE_TEST_REGISTRY_BASIC ?? '',
      basicUser: e.GOFILE_TEST_REGISTRY_BASIC_USER ?? '',
      basicPassword: e.GOFILE_TEST_REGISTRY_BASIC_PASSWORD ?? '',
      token: e.GOFILE_TEST_REGISTRY_TOKEN ?? '',
      tokenPort: Number(e.GOFILE_TEST_TOKEN_PORT ?? 0),
      tokenKey: e.GOFILE_TEST_TOKEN_KEY ?? '',
      tokenCert: e.GOFILE_TEST_TOKEN_CERT ?? '',
      issuer: e.GOFILE_TEST_TOKEN_ISSUER ?? 'gofile-test-issuer',
      service: e.GOFILE_TEST_TOKEN_SERVICE ?? 'gofile-test',
    }
  : null;

/**
 * `describe` that runs only with the registries up: skipped with a message on a laptop without them,
 * a failing test in CI (CI=true), where the service script must have started them.
 */
export function describeRegistry(name: string, body: (reg: RegistryEnv) => void): void {
  if (REGISTRY) {
    describe(name, () => body(REGISTRY));
    return;
  }
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('has the test registries', () => {
        throw new Error('CI=true but GOFILE_TEST_REGISTRY is not set: .ci/services/registry.sh start did not run or failed');
      });
    });
    return;
  }
  console.warn(`[gofile tests] ${name}: skipped, GOFILE_TEST_REGISTRY is not set (start them: set -a; eval "$(bash .ci/services/registry.sh start)"; set +a)`);
  describe.skip(name, () => body({} as RegistryEnv));
}

export const sha256 = (b: Uint8Array | string) => 'sha256:' + createHash('sha256').update(b).digest('hex');

/** A unique repository name per test run, so reruns against one registry never collide. */
export const uniqueRepo = (name: string) => `${name}-${randomBytes(4).toString('hex')}`;

export type AuthHeader = (scope: string) => Promise<string | undefined>;
export const noAuth: AuthHeader = async () => undefined;
export const basicAuth = (user: string, password: string): AuthHeader => async () =>
  'Basic ' + Buffer.from(`${user}:${password}`).toString('base64');

async function put(host: string, path: string, init: { method: string; body?: Uint8Array | string; type?: string }, auth: AuthHeader, scope: string): Promise<Response> {
  const headers: Record<string, string> = {};
  const a = await auth(scope);
  if (a) headers.authorization = a;
  if (init.type) headers['content-type'] = init.type;
  const url = path.startsWith('http') ? path : `http://${host}${path}`;
  const body = typeof init.body === "string" || init.body === undefined ? init.body : Buffer.from(init.body);
  return fetch(url, { method: init.method, headers, body: body as BodyInit | undefined });
}

/** Monolithic blob upload: POST an upload, PUT the bytes with ?digest=. */
export async function pushBlob(host: string, repo: string, data: Uint8Array, auth: AuthHeader = noAuth): Promise<string> {
  const digest = sha256(data);
  const scope = `repository:${repo}:pull,push`;
  const start = await put(host, `/v2/${repo}/blobs/uploads/`, { method: 'POST' }, auth, scope);
  if (start.status !== 202) throw new Error(`blob upload start ${start.status}: ${await start.text()}`);
  const loc = new URL(start.headers.get('location')!, `http://${host}`);
  loc.searchParams.set('digest', digest);
  const done = await put(host, loc.toString(), { method: 'PUT', body: data, type: 'application/octet-stream' }, auth, scope);
  if (done.status !== 201) throw new Error(`blob upload ${done.status}: ${await done.text()}`);
  return digest;
}

export async function pushManifest(host: string, repo: string, reference: string, body: string, type: string, auth: AuthHeader = noAuth): Promise<string> {
  const r = await put(host, `/v2/${repo}/manifests/${reference}`, { method: 'PUT', body, type }, auth, `repository:${repo}:pull,push`);
  if (r.status !== 201) throw new Error(`manifest put ${r.status}: ${await r.text()}`);
  return sha256(body);
}

export interface ConfigInit {
  os?: string;
  architecture?: string;
  variant?: string;
  env?: string[];
  workdir?: string;
  user?: string;
  /** Push no layer (an image BuildKit treats as scratch). */
  noLayers?: boolean;
}

// A tar with one file, so the layer is a real (if tiny) filesystem diff.
function tinyTar(name: string, content: string): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(content.length.toString(8).padStart(11, '0') + '\0', 124);
  header.write('00000000000\0', 136);
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const b of header) sum += b;
  header.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
  const data = Buffer.alloc(Math.ceil(content.length / 512) * 512);
  data.write(content);
  return Buffer.concat([header, data, Buffer.alloc(1024)]);
}

export interface PushedImage {
  digest: string;
  configDigest: string;
  config: Record<string, unknown>;
}

/** One single-platform image: a config and (unless noLayers) one gzipped layer, under `tag` (or untagged when tag is null). */
export async function pushImage(host: string, repo: string, tag: string | null, init: ConfigInit = {}, auth: AuthHeader = noAuth, oci = false): Promise<PushedImage> {
  const tar = tinyTar('etc/gofile-test', `${repo} ${init.architecture ?? 'amd64'} ${randomUUID()}\n`);
  const layer = gzipSync(tar);
  const layers = init.noLayers ? [] : [{ digest: await pushBlob(host, repo, layer, auth), size: layer.length, diffId: sha256(tar) }];
  const config: Record<string, unknown> = {
    architecture: init.architecture ?? 'amd64',
    ...(init.variant ? { variant: init.variant } : {}),
    os: init.os ?? 'linux',
    config: {
      ...(init.user ? { User: init.user } : {}),
      Env: init.env ?? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      ...(init.workdir ? { WorkingDir: init.workdir } : {}),
    },
    rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    history: init.noLayers ? [{ created_by: 'nothing', empty_layer: true }] : [{ created_by: 'ADD etc/gofile-test /' }],
  };
  const configBytes = Buffer.from(JSON.stringify(config));
  const configDigest = await pushBlob(host, repo, configBytes, auth);
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json',
    config: { mediaType: oci ? 'application/vnd.oci.image.config.v1+json' : 'application/vnd.docker.container.image.v1+json', digest: configDigest, size: configBytes.length },
    layers: layers.map((l) => ({ mediaType: oci ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.docker.image.rootfs.diff.tar.gzip', digest: l.digest, size: layer.length })),
  });
  const type = oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json';
  const digest = await pushManifest(host, repo, tag ?? sha256(manifest), manifest, type, auth);
  return { digest, configDigest, config };
}

export interface PushedIndex {
  digest: string;
  children: PushedImage[];
}

/** A multi-platform image: one image per platform, then an OCI index (or Docker manifest list) naming them under `tag`. */
export async function pushIndex(host: string, repo: string, tag: string, platforms: ConfigInit[], auth: AuthHeader = noAuth, oci = true, attestation = false): Promise<PushedIndex> {
  const children: PushedImage[] = [];
  const entries: unknown[] = [];
  const childType = oci ? 'application/vnd.oci.image.manifest.v1+json' : 'application/vnd.docker.distribution.manifest.v2+json';
  for (const p of platforms) {
    const img = await pushImage(host, repo, null, p, auth, oci);
    children.push(img);
    const size = (await fetchManifestSize(host, repo, img.digest, auth));
    entries.push({
      mediaType: childType, digest: img.digest, size,
      platform: { architecture: p.architecture ?? 'amd64', os: p.os ?? 'linux', ...(p.variant ? { variant: p.variant } : {}) },
    });
  }
  if (attestation) {
    // what buildx adds for provenance: an unknown/unknown manifest that must never be picked
    const att = await pushImage(host, repo, null, { os: 'unknown', architecture: 'unknown' }, auth, oci);
    entries.push({
      mediaType: childType, digest: att.digest, size: await fetchManifestSize(host, repo, att.digest, auth),
      platform: { architecture: 'unknown', os: 'unknown' },
      annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': children[0].digest },
    });
  }
  const type = oci ? 'application/vnd.oci.image.index.v1+json' : 'application/vnd.docker.distribution.manifest.list.v2+json';
  const index = JSON.stringify({ schemaVersion: 2, mediaType: type, manifests: entries });
  const digest = await pushManifest(host, repo, tag, index, type, auth);
  return { digest, children };
}

async function fetchManifestSize(host: string, repo: string, digest: string, auth: AuthHeader): Promise<number> {
  const a = await auth(`repository:${repo}:pull`);
  const r = await fetch(`http://${host}/v2/${repo}/manifests/${digest}`, {
    method: 'HEAD',
    headers: { accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json', ...(a ? { authorization: a } : {}) },
  });
  return Number(r.headers.get('content-length'));
}

export interface TokenServer {
  url: string;
  /** Every Authorization header and form the endpoint received, to check what clients send. */
  requests: Array<{ method: string; url: string; authorization?: string; body: string }>;
  /** A bearer token with pull+push on `repo`, for pushing test images. */
  pushAuth: AuthHeader;
  close(): Promise<void>;
}

export interface TokenUsers {
  /** user → password, for basic-auth token requests (the docker CLI's GET). */
  passwords: Record<string, string>;
  /** identity (refresh) tokens, for the POST refresh_token grant. */
  identityTokens: string[];
  /** Repositories under this prefix may be pulled anonymously (as public Docker Hub repos). */
  publicPrefix: string;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** The token endpoint of the `auth: token` registry: ES256 JWTs with the certificate in x5c, as distribution verifies. */
export async function startTokenServer(reg: RegistryEnv, users: TokenUsers): Promise<TokenServer> {
  const key = readFileSync(reg.tokenKey, 'utf8');
  const certDER = new X509Certificate(readFileSync(reg.tokenCert)).raw.toString('base64');
  const requests: TokenServer['requests'] = [];
  const mint = (subject: string, scopes: string[], canPush: boolean, anonymous: boolean) => {
    const access = scopes.flatMap((s) => {
      const first = s.indexOf(':');
      const last = s.lastIndexOf(':');
      if (first < 0 || last <= first) return [];
      const name = s.slice(first + 1, last);
      const wanted = s.slice(last + 1).split(',');
      if (anonymous && !name.startsWith(users.publicPrefix)) return [];
      const actions = wanted.filter((a) => a === 'pull' || (a === 'push' && canPush));
      return actions.length ? [{ type: s.slice(0, first), name, actions }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = b64url(JSON.stringify({ typ: 'JWT', alg: 'ES256', x5c: [certDER] }));
    const claims = b64url(JSON.stringify({ iss: reg.issuer, sub: subject, aud: reg.service, exp: now + 300, nbf: now - 10, iat: now, jti: randomUUID(), access }));
    const sig = sign('sha256', Buffer.from(`${header}.${claims}`), { key, dsaEncoding: 'ieee-p1363' });
    return `${header}.${claims}.${b64url(sig)}`;
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization, body });
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const deny = () => {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      };
      if (url.pathname !== '/token') {
        res.writeHead(404).end();
        return;
      }
      let subject = '';
      let scopes = url.searchParams.getAll('scope');
      if (req.method === 'POST') {
        const form = new URLSearchParams(body);
        if (form.get('grant_type') !== 'refresh_token' || !users.identityTokens.includes(form.get('refresh_token') ?? '')) return deny();
        subject = 'identity';
        scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
      } else if (req.headers.authorization) {
        const [scheme, value] = req.headers.authorization.split(' ');
        const [user, ...pw] = Buffer.from(value ?? '', 'base64').toString('utf8').split(':');
        if (scheme !== 'Basic' || users.passwords[user] === undefined || users.passwords[user] !== pw.join(':')) return deny();
        subject = user;
      }
      const token = mint(subject, scopes, subject !== '', subject === '');
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() }));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(reg.tokenPort, '127.0.0.1', () => resolve());
  });
  const [user, password] = Object.entries(users.passwords)[0] ?? ['', ''];
  return {
    url: `http://127.0.0.1:${reg.tokenPort}/token`,
    requests,
    pushAuth: async (scope) => 'Bearer ' + mint(user || 'pusher', [scope], true, false),
    close: () => new Promise((r) => server.close(() => r())),
  };
}
