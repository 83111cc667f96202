// Registry credentials from the Docker CLI's config.json (auths, credsStore, credHelpers) and the
// WWW-Authenticate challenges that say how to use them. Secrets live only in this module's objects:
// they print as "[redacted]" and every error passes through redact().
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { InputError } from '../errors.js';
import { fsErrorText } from '../fsutil.js';

/** The Docker Hub key in config.json, as `docker login` writes it. */
export const DOCKER_HUB_AUTH_KEY = 'https://index.docker.io/v1/';

/** A username/password pair, an identity (refresh) token, or a registry (bearer) token; never printed. */
export class Credentials {
  readonly #username: string;
  readonly #password: string;
  readonly #identityToken: string;
  readonly #registryToken: string;
  /** Where they came from, for messages: "~/.docker/config.json" or "docker-credential-pass". */
  readonly source: string;

  constructor(init: { username?: string; password?: string; identityToken?: string; registryToken?: string; source: string }) {
    this.#username = init.username ?? '';
    this.#password = init.password ?? '';
    this.#identityToken = init.identityToken ?? '';
    this.#registryToken = init.registryToken ?? '';
    this.source = init.source;
  }

  get hasBasic(): boolean {
    return this.#username !== '' && this.#password !== '';
  }

  get hasIdentityToken(): boolean {
    return this.#identityToken !== '';
  }

  get hasRegistryToken(): boolean {
    return this.#registryToken !== '';
  }

  /** `Basic …` for a basic challenge or a token request. */
  basicHeader(): string {
    return 'Basic ' + Buffer.from(`${this.#username}:${this.#password}`).toString('base64');
  }

  /** The form fields of an OAuth2 refresh-token grant (docker's identity-token login). */
  refreshForm(service: string, scope: string): URLSearchParams {
    const f = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.#identityToken, client_id: 'gofile' });
    if (service) f.set('service', service);
    if (scope) f.set('scope', scope);
    return f;
  }

  bearerHeader(): string {
    return 'Bearer ' + this.#registryToken;
  }

  /** Replaces every secret (and its base64 forms) in `text` by [redacted]. */
  redact(text: string): string {
    const secrets = [this.#password, this.#identityToken, this.#registryToken].filter((s) => s.length >= 4);
    if (this.hasBasic) secrets.push(Buffer.from(`${this.#username}:${this.#password}`).toString('base64'));
    let out = text;
    for (const s of secrets) out = out.split(s).join('[redacted]');
    return out;
  }

  toJSON(): string {
    return '[redacted]';
  }

  toString(): string {
    return '[redacted]';
  }

  [inspect.custom](): string {
    return `Credentials([redacted] from ${this.source})`;
  }
}

export interface DockerConfig {
  path: string;
  auths: Record<string, { auth?: string; username?: string; password?: string; identitytoken?: string; registrytoken?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
}

/** `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker');
  return join(dir, 'config.json');
}

/** Reads the Docker CLI config; a missing file is no credentials, an unreadable one is an error that names it. */
export function readDockerConfig(env: NodeJS.ProcessEnv): DockerConfig | null {
  const path = dockerConfigPath(env);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`cannot read the Docker config ${path}: ${fsErrorText(e)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // the parser's message can quote the file, and the file holds secrets
    throw new InputError(`the Docker config ${path} is not valid JSON; fix it or point DOCKER_CONFIG at another folder`);
  }
  const obj = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const auths = obj.auths && typeof obj.auths === 'object' ? (obj.auths as DockerConfig['auths']) : {};
  return {
    path,
    auths,
    credsStore: typeof obj.credsStore === 'string' ? obj.credsStore : undefined,
    credHelpers: obj.credHelpers && typeof obj.credHelpers === 'object' ? (obj.credHelpers as Record<string, string>) : undefined,
  };
}

/** `https://host:port/v1/` → `host:port`, as docker's ConvertToHostname. */
export function authKeyHost(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').split('/')[0].toLowerCase();
}

/** Hosts a config.json entry may be filed under for a registry (Docker Hub has several names). */
function hostAliases(registry: string): string[] {
  return registry === 'docker.io' ? ['index.docker.io', 'docker.io', 'registry-1.docker.io'] : [registry.toLowerCase()];
}

/** Credentials for `registry` (docker.io, ghcr.io, 127.0.0.1:5000), or null for anonymous access. */
export function findCredentials(registry: string, config: DockerConfig | null, env: NodeJS.ProcessEnv): Credentials | null {
  if (!config) return null;
  const aliases = hostAliases(registry);
  const helperKey = registry === 'docker.io' ? DOCKER_HUB_AUTH_KEY : registry;
  const helper = Object.entries(config.credHelpers ?? {}).find(([k]) => aliases.includes(authKeyHost(k)))?.[1];
  if (helper) return fromHelper(helper, helperKey, env);
  const entry = Object.entries(config.auths).find(([k]) => aliases.includes(authKeyHost(k)))?.[1];
  const source = config.path;
  if (entry) {
    let username = entry.username ?? '';
    let password = entry.password ?? '';
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon < 0) throw new InputError(`the "auth" entry for ${registry} in ${config.path} is not base64 of user:password; run docker login ${registry} again`);
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
    if (entry.identitytoken || entry.registrytoken || (username && password)) {
      return new Credentials({ username, password, identityToken: entry.identitytoken, registryToken: entry.registrytoken, source });
    }
  }
  if (config.credsStore) return fromHelper(config.credsStore, helperKey, env, true);
  return null;
}

// docker-credential-<name> get: the server URL on stdin, {Username, Secret} on stdout; "<token>" means an identity token.
function fromHelper(name: string, serverURL: string, env: NodeJS.ProcessEnv, optional = false): Credentials | null {
  const program = `docker-credential-${name}`;
  let out: string;
  try {
    out = execFileSync(program, ['get'], { input: serverURL, env, timeout: 15_000, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stdout?: string };
    // "credentials not found in native keychain": the store has nothing for this registry
    if (err.code !== 'ENOENT' && /not found/i.test(String(err.stdout ?? ''))) return null;
    if (optional && err.code === 'ENOENT') return null;
    throw new InputError(`the Docker credential helper ${program} failed for ${serverURL}${err.code === 'ENOENT' ? ' (it is not on PATH)' : ''}; run docker login again or fix the helper`);
  }
  let parsed: { Username?: string; Secret?: string };
  try {
    parsed = JSON.parse(out);
  } catch {
    throw new InputError(`the Docker credential helper ${program} printed something that is not JSON for ${serverURL}`);
  }
  if (!parsed.Secret) return null;
  if (parsed.Username === '<token>') return new Credentials({ identityToken: parsed.Secret, source: program });
  return new Credentials({ username: parsed.Username, password: parsed.Secret, source: program });
}

export interface Challenge {
  scheme: string; // lower-case: bearer, basic
  params: Record<string, string>;
}

/** Parses `Bearer realm="…",service="…",scope="repository:a:pull,push"` (several challenges allowed). */
export function parseChallenges(header: string | null): Challenge[] {
  if (!header) return [];
  const out: Challenge[] = [];
  const re = /\s*([A-Za-z][\w-]*)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^,\s]*))?\s*,?/gy;
  let current: Challenge | undefined;
  let m: RegExpExecArray | null;
  let rest = header.trim();
  // each token is either a scheme (no '=') or a key=value of the current challenge
  while (rest.length > 0) {
    re.lastIndex = 0;
    m = re.exec(rest);
    if (!m || m[0].length === 0) break;
    const [whole, name, value] = m;
    if (value === undefined) {
      const scheme = name.toLowerCase();
      current = { scheme, params: {} };
      out.push(current);
      // a scheme is followed by a space, not a comma, before its first parameter
    } else if (current) {
      current.params[name.toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
    }
    rest = rest.slice(whole.length);
  }
  return out;
}
