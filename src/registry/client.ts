// A client for the OCI distribution / Docker Registry HTTP API v2, on Node's fetch: tags to digests,
// manifests, indexes with platform selection, config blobs; bearer and basic auth, redirects,
// timeouts, bounded retries, a digest-keyed disk cache, and errors that say what to do.
import { inspect } from 'node:util';
import { parseImageReference, normalizedReference } from '../dockerfile/image.js';
import { InputError } from '../errors.js';
import type { ImageConfig } from '../frontend/image.js';
import { Credentials, findCredentials, parseChallenges, readDockerConfig, type Challenge } from './auth.js';
import { RegistryCache, defaultCacheDir, sha256, TAG_TTL_MS } from './cache.js';
import { formatPlatform, normalizePlatformEntry, selectPlatform, type Platform } from './platform.js';

export const MEDIA = {
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerSchema1: 'application/vnd.docker.distribution.manifest.v1+prettyjws',
} as const;

const ACCEPT_MANIFEST = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(', ');

/** Manifests and configs are kilobytes; anything this large is not one. */
const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
const MAX_REDIRECTS = 5;
const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRY_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'TimeoutError']);

export interface RegistryOptions {
  /** HOME, DOCKER_CONFIG, XDG_CACHE_HOME, GOFILE_REGISTRY_CACHE, GOFILE_REGISTRY_TAG_TTL (seconds) come from here. */
  env?: NodeJS.ProcessEnv;
  /** Answer only from the cache; a miss is an error that says so. */
  offline?: boolean;
  /** Registries (host or host:port) spoken to over plain HTTP; loopback ones always are. */
  insecureRegistries?: string[];
  /** Per request, headers and body; default 30 s. */
  timeoutMs?: number;
  /** Extra tries after a network error, a timeout, 429 or 5xx; default 2. */
  retries?: number;
  /** First back-off; doubles each try; default 500 ms. */
  retryDelayMs?: number;
  /** The cache folder; null for none; default defaultCacheDir(env). */
  cacheDir?: string | null;
  /** How long a cached tag → digest answer holds; default 5 minutes (or GOFILE_REGISTRY_TAG_TTL seconds). */
  tagTtlMs?: number;
  /** For tests. */
  fetch?: typeof fetch;
}

export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: { os?: string; architecture?: string; variant?: string };
  annotations?: Record<string, string>;
}

interface ManifestDocument {
  schemaVersion?: number;
  mediaType?: string;
  manifests?: Descriptor[];
  config?: Descriptor;
  layers?: Descriptor[];
}

export interface TagDigest {
  /** The normalized reference without digest, tag kept (`docker.io/library/golang:1.22`). */
  ref: string;
  /** What the tag points at: the index digest for a multi-platform image. */
  digest: string;
  mediaType: string;
}

export interface ResolvedImage extends TagDigest {
  /** The form BuildKit puts in a resolved source op: `registry/repo[:tag as written]@digest`. */
  pinned: string;
  /** The platform-specific manifest chosen (the same as digest for a single-platform image). */
  manifestDigest: string;
  /** The platform chosen, from the index entry or (single-platform) the config. */
  platform: Platform;
  /** What an index offers (attestations left out); one entry for a single-platform image. */
  platforms: Platform[];
  configDigest: string;
  config: ImageConfig;
}

interface Target {
  registry: string; // as in references: docker.io, ghcr.io, 127.0.0.1:5000
  repository: string; // library/golang
  tag?: string;
  digest?: string;
  /** normalized, without digest */
  ref: string;
}

interface Reply {
  status: number;
  headers: Headers;
  body: Buffer;
  url: string;
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)(:\d+)?$/i;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class RegistryClient {
  private readonly env: NodeJS.ProcessEnv;
  private readonly fetchFn: typeof fetch;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly retryDelayMs: number;
  private readonly insecure: Set<string>;
  readonly offline: boolean;
  readonly cache: RegistryCache | null;
  #credentialsByRegistry = new Map<string, Credentials | null>();
  #dockerConfig: ReturnType<typeof readDockerConfig> | undefined;
  // auth headers and bearer tokens: #private, so util.inspect and JSON never show them
  #authByScope = new Map<string, { header: string; expires: number }>();
  private inflight = new Map<string, Promise<unknown>>();

  constructor(opts: RegistryOptions = {}) {
    this.env = opts.env ?? process.env;
    this.fetchFn = opts.fetch ?? fetch;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 2;
    this.retryDelayMs = opts.retryDelayMs ?? 500;
    this.insecure = new Set((opts.insecureRegistries ?? []).map((h) => h.toLowerCase()));
    this.offline = !!opts.offline;
    const ttlEnv = Number(this.env.GOFILE_REGISTRY_TAG_TTL);
    const ttl = opts.tagTtlMs ?? (this.env.GOFILE_REGISTRY_TAG_TTL !== undefined && Number.isFinite(ttlEnv) ? ttlEnv * 1000 : TAG_TTL_MS);
    const dir = opts.cacheDir === undefined ? defaultCacheDir(this.env) : opts.cacheDir;
    this.cache = dir ? new RegistryCache(dir, ttl) : null;
  }

  toJSON(): object {
    return { offline: this.offline, cache: this.cache?.dir ?? null };
  }

  [inspect.custom](): string {
    return `RegistryClient(${this.offline ? 'offline, ' : ''}cache ${this.cache?.dir ?? 'off'})`;
  }

  /** The digest a reference's tag points at now (the index digest for a multi-platform image). */
  async digestOf(text: string): Promise<TagDigest> {
    const t = this.target(text);
    if (t.digest) return { ref: t.ref, digest: t.digest, mediaType: '' };
    return this.once(`tag ${t.ref}`, () => this.tagDigest(t));
  }

  /** The image `text` means on `platform`: its pinnable digest and its config. */
  async resolve(text: string, platform: Platform): Promise<ResolvedImage> {
    const t = this.target(text);
    return this.once(`resolve ${t.ref}@${t.digest ?? ''} ${formatPlatform(platform)}`, async () => {
      const top = t.digest ? { ref: t.ref, digest: t.digest, mediaType: '' } : await this.tagDigest(t);
      let doc = await this.manifest(t, top.digest);
      let manifestDigest = top.digest;
      let chosen: Platform | undefined;
      let platforms: Platform[] = [];
      // an index may (rarely) point at another index: follow at most two levels
      for (let depth = 0; isIndex(doc); depth++) {
        const entries = (doc.manifests ?? []).filter((d) => !isAttestation(d));
        if (depth === 0) platforms = entries.filter((d) => d.platform).map((d) => normalizePlatformEntry(d.platform!));
        const i = selectPlatform(entries, platform);
        if (i < 0 || depth > 1) {
          const offered = platforms.map(formatPlatform).join(', ') || 'no platforms';
          throw new InputError(`${displayRef(t)} has no image for ${formatPlatform(platform)} (it has ${offered}); pick one of those with --platform, or another tag`);
        }
        manifestDigest = entries[i].digest;
        if (entries[i].platform) chosen = normalizePlatformEntry(entries[i].platform!);
        doc = await this.manifest(t, manifestDigest);
      }
      if (!doc.config?.digest) throw new InputError(`${displayRef(t)}: the registry served a manifest without a config (${doc.mediaType ?? 'unknown media type'}); gofile reads only OCI and Docker v2 images`);
      const configBytes = await this.blob(t, doc.config.digest, 'config');
      let config: ImageConfig;
      try {
        config = JSON.parse(configBytes.toString('utf8')) as ImageConfig;
      } catch {
        throw new InputError(`${displayRef(t)}: its config blob ${doc.config.digest} is not JSON`);
      }
      const own = normalizePlatformEntry({ os: config.os, architecture: config.architecture, variant: config.variant });
      if (!chosen) chosen = own;
      if (platforms.length === 0) platforms = [own];
      // BuildKit's reference.WithDigest on the reference as written: no :latest for an untagged one
      const pinned = `${t.registry}/${t.repository}${t.tag ? ':' + t.tag : ''}@${top.digest}`;
      return {
        ref: t.ref, digest: top.digest, mediaType: top.mediaType || doc.mediaType || '', pinned,
        manifestDigest, platform: chosen, platforms, configDigest: doc.config.digest, config,
      };
    });
  }

  // Concurrent asks for the same thing share one request.
  private once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const hit = this.inflight.get(key) as Promise<T> | undefined;
    if (hit) return hit;
    const p = run();
    this.inflight.set(key, p);
    p.catch(() => this.inflight.delete(key));
    return p;
  }

  private target(text: string): Target {
    const p = parseImageReference(text);
    if (typeof p === 'string') throw new InputError(`"${text}" is not an image reference: ${p}`);
    if (p.digest && !/^sha256:[a-f0-9]{64}$/.test(p.digest)) throw new InputError(`${text}: gofile checks only sha256 digests (sha256: and 64 lower-case hex digits)`);
    // BuildKit's TagNameOnly: :latest only when there is neither tag nor digest
    const ref = p.digest && !p.tag ? `${p.registry}/${p.repository}` : normalizedReference({ registry: p.registry, repository: p.repository, tag: p.tag });
    return { registry: p.registry, repository: p.repository, tag: p.tag, digest: p.digest, ref };
  }

  private async tagDigest(t: Target): Promise<TagDigest> {
    const cached = this.cache?.getTag(t.ref, this.offline);
    if (cached) return { ref: t.ref, digest: cached.digest, mediaType: cached.mediaType };
    if (this.offline) throw this.offlineMiss(`the digest of ${displayRef(t)}`);
    const path = `/v2/${t.repository}/manifests/${t.tag ?? 'latest'}`;
    const head = await this.call(t, 'HEAD', path, ACCEPT_MANIFEST);
    let digest = head.headers.get('docker-content-digest') ?? '';
    let mediaType = (head.headers.get('content-type') ?? '').split(';')[0].trim();
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) {
      // no digest header on HEAD (some registries): the bytes decide
      const get = await this.call(t, 'GET', path, ACCEPT_MANIFEST);
      digest = sha256(get.body);
      mediaType = (get.headers.get('content-type') ?? '').split(';')[0].trim();
      this.cache?.putBlob(digest, get.body);
    }
    if (mediaType === MEDIA.dockerSchema1 || mediaType === 'application/vnd.docker.distribution.manifest.v1+json') {
      throw new InputError(`${displayRef(t)} is a Docker schema 1 image, which BuildKit and gofile no longer read; use a newer tag`);
    }
    this.cache?.putTag({ ref: t.ref, digest, mediaType, at: Date.now() });
    return { ref: t.ref, digest, mediaType };
  }

  private async manifest(t: Target, digest: string): Promise<ManifestDocument> {
    const bytes = await this.content(t, digest, 'manifests', ACCEPT_MANIFEST, 'manifest');
    try {
      return JSON.parse(bytes.toString('utf8')) as ManifestDocument;
    } catch {
      throw new InputError(`${displayRef(t)}: the manifest ${digest} is not JSON`);
    }
  }

  private blob(t: Target, digest: string, what: string): Promise<Buffer> {
    return this.content(t, digest, 'blobs', '*/*', what);
  }

  // Content by digest: from the cache, else fetched, checked against the digest, and cached.
  private async content(t: Target, digest: string, kind: 'manifests' | 'blobs', accept: string, what: string): Promise<Buffer> {
    const hit = this.cache?.getBlob(digest);
    if (hit) return hit;
    if (this.offline) throw this.offlineMiss(`the ${what} ${digest} of ${displayRef(t)}`);
    const reply = await this.call(t, 'GET', `/v2/${t.repository}/${kind}/${digest}`, accept);
    if (sha256(reply.body) !== digest) {
      throw new InputError(`${t.registry} served a ${what} for ${displayRef(t)} whose bytes do not match its digest ${digest}; a proxy in between may be changing them`);
    }
    this.cache?.putBlob(digest, reply.body);
    return reply.body;
  }

  private offlineMiss(what: string): InputError {
    const where = this.cache ? `the cache (${this.cache.dir})` : 'the cache (disabled)';
    return new InputError(`--offline: ${what} is not in ${where}; run once without --offline to fill it`);
  }

  private baseURL(registry: string): string {
    const host = registry === 'docker.io' ? 'registry-1.docker.io' : registry;
    return `${this.plainHTTP(host) ? 'http' : 'https'}://${host}`;
  }

  private plainHTTP(host: string): boolean {
    const h = host.toLowerCase();
    return LOOPBACK.test(h) || this.insecure.has(h) || this.insecure.has(h.replace(/:\d+$/, ''));
  }

  private credentials(registry: string): Credentials | null {
    if (!this.#credentialsByRegistry.has(registry)) {
      if (this.#dockerConfig === undefined) this.#dockerConfig = readDockerConfig(this.env);
      this.#credentialsByRegistry.set(registry, findCredentials(registry, this.#dockerConfig, this.env));
    }
    return this.#credentialsByRegistry.get(registry) ?? null;
  }

  // One request with auth: sent with what worked before for this repository, else challenged and authorized.
  private async call(t: Target, method: 'GET' | 'HEAD', path: string, accept: string): Promise<Reply> {
    const url = this.baseURL(t.registry) + path;
    const scopeKey = `${t.registry}|${t.repository}`;
    const creds = this.credentials(t.registry);
    const redact = (s: string) => (creds ? creds.redact(s) : s);
    try {
      let auth = this.#authByScope.get(scopeKey);
      if (auth && auth.expires <= Date.now()) auth = undefined;
      let reply = await this.send(url, method, accept, auth?.header, t);
      let authorized = !!auth;
      if (reply.status === 401) {
        const header = await this.authorize(t, parseChallenges(reply.headers.get('www-authenticate')), creds, reply);
        this.#authByScope.set(scopeKey, header);
        authorized = true;
        reply = await this.send(url, method, accept, header.header, t);
      }
      if (reply.status >= 200 && reply.status < 300) return reply;
      throw this.statusError(reply, t, method, authorized, creds);
    } catch (e) {
      if (e instanceof InputError) throw new InputError(redact(e.message));
      throw new InputError(redact(`${t.registry}: ${(e as Error).message}`));
    }
  }

  private async authorize(t: Target, challenges: Challenge[], creds: Credentials | null, reply: Reply): Promise<{ header: string; expires: number }> {
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    const basic = challenges.find((c) => c.scheme === 'basic');
    const forever = Number.MAX_SAFE_INTEGER;
    if (bearer) {
      if (creds?.hasRegistryToken) return { header: creds.bearerHeader(), expires: forever };
      return this.fetchToken(t, bearer, creds);
    }
    if (basic) {
      if (creds?.hasBasic) return { header: creds.basicHeader(), expires: forever };
      throw this.unauthorized(t, null, 'it asks for a user name and password');
    }
    throw this.statusError(reply, t, 'GET', false, creds);
  }

  // The token dance: anonymous, basic (GET) or identity token (POST refresh_token), as the docker CLI does.
  private async fetchToken(t: Target, ch: Challenge, creds: Credentials | null): Promise<{ header: string; expires: number }> {
    const realm = ch.params.realm;
    let realmURL: URL;
    try {
      realmURL = new URL(realm);
    } catch {
      throw new InputError(`${t.registry} sent a token challenge without a usable realm ("${realm ?? ''}"); it is not a registry gofile can talk to`);
    }
    if (realmURL.protocol !== 'https:' && !(realmURL.protocol === 'http:' && this.plainHTTP(realmURL.host))) {
      throw new InputError(`${t.registry} sends clients for tokens to ${realmURL.origin}, which is not HTTPS; gofile does not send credentials in the clear (pass --insecure-registry ${realmURL.host} if that host is on a network you trust)`);
    }
    const scopes = [`repository:${t.repository}:pull`];
    if (ch.params.scope && !scopes.includes(ch.params.scope)) scopes.push(ch.params.scope);
    const service = ch.params.service ?? '';
    let reply: Reply;
    if (creds?.hasIdentityToken) {
      const form = creds.refreshForm(service, scopes.join(' '));
      reply = await this.send(realmURL.toString(), 'POST', 'application/json', undefined, t, form);
    } else {
      const u = new URL(realmURL.toString());
      if (service) u.searchParams.set('service', service);
      for (const s of scopes) u.searchParams.append('scope', s);
      reply = await this.send(u.toString(), 'GET', 'application/json', creds?.hasBasic ? creds.basicHeader() : undefined, t);
    }
    if (reply.status === 401 || reply.status === 403) {
      throw this.unauthorized(t, creds, creds ? 'the token service refused the credentials' : 'the token service refuses anonymous pulls');
    }
    if (reply.status === 429) throw this.rateLimited(t, reply);
    if (reply.status !== 200) throw new InputError(`${t.registry}: its token service ${realmURL.origin} answered ${reply.status}; try again later`);
    let body: { token?: string; access_token?: string; expires_in?: number };
    try {
      body = JSON.parse(reply.body.toString('utf8'));
    } catch {
      throw new InputError(`${t.registry}: its token service ${realmURL.origin} answered with something that is not JSON`);
    }
    const token = body.access_token || body.token;
    if (!token) throw new InputError(`${t.registry}: its token service ${realmURL.origin} answered without a token`);
    const ttl = Math.max(10, Number(body.expires_in) || 60);
    return { header: `Bearer ${token}`, expires: Date.now() + (ttl - 5) * 1000 };
  }

  // fetch with manual redirects (credentials never follow to another origin or to plain HTTP), a timeout, and retries.
  private async send(url: string, method: string, accept: string, authorization: string | undefined, t: Target, form?: URLSearchParams): Promise<Reply> {
    for (let attempt = 0; ; attempt++) {
      let reply: Reply | undefined;
      let failure: { code: string; message: string } | undefined;
      try {
        reply = await this.sendOnce(url, method, accept, authorization, t, form);
      } catch (e) {
        if (e instanceof InputError) throw e;
        failure = networkFailure(e);
      }
      const retryable = failure ? RETRY_CODES.has(failure.code) : RETRY_STATUS.has(reply!.status);
      if (!retryable || attempt >= this.retries) {
        if (failure) throw this.unreachable(t, failure);
        return reply!;
      }
      let wait = this.retryDelayMs * 2 ** attempt;
      const after = reply?.headers.get('retry-after');
      if (after) {
        const secs = /^\d+$/.test(after) ? Number(after) : (Date.parse(after) - Date.now()) / 1000;
        if (secs > 10) return reply!; // too long to wait here: the caller says "rate-limited, retry after"
        if (secs > 0) wait = Math.max(wait, secs * 1000);
      }
      await sleep(wait);
    }
  }

  private async sendOnce(url: string, method: string, accept: string, authorization: string | undefined, t: Target, form?: URLSearchParams): Promise<Reply> {
    let current = new URL(url);
    const origin = current.origin;
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { accept, 'user-agent': 'gofile (+registry client)' };
      if (authorization && current.origin === origin) headers.authorization = authorization;
      const signal = AbortSignal.timeout(this.timeoutMs);
      const res = await this.fetchFn(current, { method, headers, redirect: 'manual', signal, body: form });
      if ([301, 302, 303, 307, 308].includes(res.status) && res.headers.get('location') && method !== 'POST') {
        await res.body?.cancel();
        if (hop >= MAX_REDIRECTS) throw new InputError(`${t.registry}: more than ${MAX_REDIRECTS} redirects for ${displayRef(t)}`);
        const next = new URL(res.headers.get('location')!, current);
        if (next.protocol !== 'https:' && !(next.protocol === 'http:' && this.plainHTTP(next.host))) {
          throw new InputError(`${t.registry} redirected ${displayRef(t)} to ${next.protocol}//${next.host}, which is not HTTPS; gofile does not follow that`);
        }
        current = next;
        continue;
      }
      const length = Number(res.headers.get('content-length') ?? '0');
      if (length > MAX_DOCUMENT_BYTES) {
        await res.body?.cancel();
        throw new InputError(`${t.registry}: a ${length}-byte answer for ${displayRef(t)} is too large for a manifest or config`);
      }
      const body = method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(await res.arrayBuffer());
      if (body.length > MAX_DOCUMENT_BYTES) throw new InputError(`${t.registry}: the answer for ${displayRef(t)} is too large for a manifest or config`);
      return { status: res.status, headers: res.headers, body, url: current.toString() };
    }
  }

  private statusError(reply: Reply, t: Target, method: string, authorized: boolean, creds: Credentials | null): InputError {
    const { code, message } = registryError(reply.body);
    const s = reply.status;
    if (s === 401) return this.unauthorized(t, authorized ? creds : null, message || 'unauthorized');
    if (s === 403) return new InputError(`${t.registry} denied access to ${displayRef(t)} (403${message ? ': ' + message : ''}): ${creds ? `the account in ${creds.source} may not pull it` : `log in with docker login ${loginHost(t.registry)}`}, or check the name`);
    if (s === 404) {
      const what = code === 'NAME_UNKNOWN' ? `the repository ${t.registry}/${t.repository}` : displayRef(t);
      return new InputError(`${what} was not found on ${t.registry} (404${code ? ' ' + code : ''}): check the name and the tag`);
    }
    if (s === 429) return this.rateLimited(t, reply);
    return new InputError(`${t.registry} answered ${s} for ${displayRef(t)}${message ? ': ' + message : ''}${s >= 500 ? ' (a registry-side failure; try again later)' : ''}`);
  }

  private unauthorized(t: Target, creds: Credentials | null, why: string): InputError {
    const hub = t.registry === 'docker.io' ? '; Docker Hub also says this for a repository that does not exist, so check the name' : '';
    const action = creds
      ? `the credentials for ${t.registry} in ${creds.source} were refused: run docker login ${loginHost(t.registry)} again`
      : `log in with docker login ${loginHost(t.registry)} (gofile reads $DOCKER_CONFIG/config.json or ~/.docker/config.json)`;
    return new InputError(`${t.registry} refused ${displayRef(t)}: unauthorized (${why}): ${action}${hub}`);
  }

  private rateLimited(t: Target, reply: Reply): InputError {
    const after = reply.headers.get('retry-after');
    const hub = t.registry === 'docker.io' ? ' (Docker Hub limits anonymous pulls per IP address; a docker login raises the limit)' : '';
    return new InputError(`${t.registry} rate-limited gofile (429 Too Many Requests)${after ? `, retry after ${after}${/^\d+$/.test(after) ? ' s' : ''}` : ''}${hub}: wait and run again, log in with docker login ${loginHost(t.registry)}, or use --offline with what the cache holds`);
  }

  private unreachable(t: Target, f: { code: string; message: string }): InputError {
    const host = t.registry === 'docker.io' ? 'registry-1.docker.io' : t.registry;
    const why: Record<string, string> = {
      ENOTFOUND: 'the host name does not resolve',
      EAI_AGAIN: 'the host name does not resolve (DNS failure)',
      ECONNREFUSED: 'connection refused',
      ECONNRESET: 'the connection was reset',
      TimeoutError: `no answer within ${this.timeoutMs / 1000} s`,
      UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
    };
    const reason = why[f.code] ?? f.message;
    const tls = /CERT|SSL|TLS|self.signed/i.test(f.code + f.message)
      ? `; a TLS problem: for a registry without a valid certificate on a network you trust, pass --insecure-registry ${host}`
      : '';
    return new InputError(`cannot reach the registry ${host} for ${displayRef(t)} (${reason}${this.retries ? `, after ${this.retries + 1} tries` : ''})${tls}: check the name and your network, or use --offline to work from the cache`);
  }
}

// Helpers

/** `golang:1.22` as a person reads it, with the registry when it is not Docker Hub. */
function displayRef(t: Target): string {
  const name = t.registry === 'docker.io' ? t.repository.replace(/^library\//, '') : `${t.registry}/${t.repository}`;
  return name + (t.tag ? ':' + t.tag : '') + (t.digest ? '@' + t.digest : t.tag ? '' : ':latest');
}

function loginHost(registry: string): string {
  return registry === 'docker.io' ? '' : registry;
}

function isIndex(doc: ManifestDocument): boolean {
  return doc.mediaType === MEDIA.ociIndex || doc.mediaType === MEDIA.dockerList || (!doc.config && Array.isArray(doc.manifests));
}

// BuildKit's provenance/SBOM manifests sit in the index as unknown/unknown.
function isAttestation(d: Descriptor): boolean {
  return d.platform?.os === 'unknown' || d.annotations?.['vnd.docker.reference.type'] === 'attestation-manifest';
}

function registryError(body: Buffer): { code: string; message: string } {
  try {
    const j = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: string; message?: string }> };
    const e = j.errors?.[0];
    return { code: String(e?.code ?? ''), message: String(e?.message ?? '').slice(0, 200) };
  } catch {
    return { code: '', message: '' };
  }
}

function networkFailure(e: unknown): { code: string; message: string } {
  const err = e as Error & { code?: string; cause?: { code?: string; message?: string; name?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { code: 'TimeoutError', message: 'timed out' };
  const cause = err?.cause;
  const code = cause?.code ?? err?.code ?? cause?.name ?? 'EUNKNOWN';
  return { code, message: cause?.message ?? err?.message ?? String(e) };
}
