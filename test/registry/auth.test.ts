// Authentication against real registries: htpasswd basic auth, and `auth: token` with a token endpoint
// started here (anonymous, basic and identity-token grants), credentials from config.json, DOCKER_CONFIG
// and a credential helper — and nothing secret in output, errors, cache files or LLB.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { RegistryClient } from '../../src/registry/index.js';
import { Credentials } from '../../src/registry/auth.js';
import { runPin } from '../../src/commands/pin.js';
import { InputError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB } from '../../src/frontend/index.js';
import { encodeDefinition } from '../../src/llb/index.js';
import { baseConfigsOf, imageUses, resolveImages } from '../../src/registry/resolve-images.js';
import { basicAuth, describeRegistry, pushImage, startTokenServer, uniqueRepo, type TokenServer } from './helpers.js';

const linux = { os: 'linux', architecture: 'amd64' };

/** A HOME with ~/.docker/config.json holding `config`. */
function home(config: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'gofile-auth-'));
  mkdirSync(join(dir, '.docker'));
  writeFileSync(join(dir, '.docker', 'config.json'), JSON.stringify(config));
  return dir;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => join(d.parentPath ?? (d as unknown as { path: string }).path, d.name));
}

/** Fails when any secret (or its base64 forms) appears in `text`. */
function expectNoSecret(text: string | Buffer, secrets: string[], where: string): void {
  const s = Buffer.isBuffer(text) ? text.toString('latin1') : text;
  for (const secret of secrets) {
    expect(s.includes(secret), `${where} contains a secret`).toBe(false);
    expect(s.includes(Buffer.from(secret).toString('base64')), `${where} contains a secret in base64`).toBe(false);
  }
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

function io(cwd: string, env: Record<string, string>): Io & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    stdoutIsTTY: false, stdin: async () => '', cwd, env,
  });
}

it('Credentials never print their secrets', () => {
  const c = new Credentials({ username: 'me', password: 'hunter2-secret', identityToken: 'idtok-secret', source: 'test' });
  for (const shown of [inspect(c), JSON.stringify({ c }), String(c), `${c}`]) expectNoSecret(shown, ['hunter2-secret', 'idtok-secret', 'me:hunter2-secret'], 'a printed Credentials');
  expect(c.redact('a hunter2-secret b ' + Buffer.from('me:hunter2-secret').toString('base64'))).toBe('a [redacted] b [redacted]');
});

describeRegistry('registry auth (real docker-registry)', (reg) => {
  const secrets = [reg.basicPassword, `${reg.basicUser}:${reg.basicPassword}`];

  it('basic auth: no credentials is a clear "log in" error', async () => {
    const repo = uniqueRepo('private/app');
    await pushImage(reg.basic, repo, '1', {}, basicAuth(reg.basicUser, reg.basicPassword));
    const c = new RegistryClient({ env: { HOME: home({}) }, cacheDir: null });
    const e = await failure(c.resolve(`${reg.basic}/${repo}:1`, linux));
    expect(e.message).toContain(`${reg.basic} refused ${reg.basic}/${repo}:1: unauthorized`);
    expect(e.message).toContain(`docker login ${reg.basic}`);
  });

  it('basic auth from ~/.docker/config.json (auth) and from $DOCKER_CONFIG (username/password); secrets stay out of the cache', async () => {
    const repo = uniqueRepo('private/app');
    const img = await pushImage(reg.basic, repo, '1', { env: ['SECRET_FREE=1'] }, basicAuth(reg.basicUser, reg.basicPassword));
    const h = home({ auths: { [`http://${reg.basic}`]: { auth: Buffer.from(`${reg.basicUser}:${reg.basicPassword}`).toString('base64') } } });
    const cache = mkdtempSync(join(tmpdir(), 'gofile-auth-cache-'));
    const c = new RegistryClient({ env: { HOME: h, GOFILE_REGISTRY_CACHE: cache } });
    const r = await c.resolve(`${reg.basic}/${repo}:1`, linux);
    expect(r.digest).toBe(img.digest);
    expect(r.config.config?.Env).toEqual(['SECRET_FREE=1']);
    for (const f of filesUnder(cache)) expectNoSecret(readFileSync(f), secrets, f);
    expectNoSecret(JSON.stringify(r) + inspect(c, { depth: 5 }), secrets, 'the resolved image and the client');

    const dir = mkdtempSync(join(tmpdir(), 'gofile-auth-dc-'));
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ auths: { [reg.basic]: { username: reg.basicUser, password: reg.basicPassword } } }));
    const viaEnv = new RegistryClient({ env: { HOME: home({}), DOCKER_CONFIG: dir }, cacheDir: null });
    expect((await viaEnv.digestOf(`${reg.basic}/${repo}:1`)).digest).toBe(img.digest);
  });

  it('basic auth: a wrong password is refused with a message that names the config file, not the password', async () => {
    const repo = uniqueRepo('private/app');
    await pushImage(reg.basic, repo, '1', {}, basicAuth(reg.basicUser, reg.basicPassword));
    const wrong = 'not-the-password-' + Math.random().toString(36).slice(2);
    const h = home({ auths: { [reg.basic]: { auth: Buffer.from(`${reg.basicUser}:${wrong}`).toString('base64') } } });
    const e = await failure(new RegistryClient({ env: { HOME: h }, cacheDir: null }).digestOf(`${reg.basic}/${repo}:1`));
    expect(e.message).toContain(`the credentials for ${reg.basic} in ${join(h, '.docker', 'config.json')} were refused: run docker login ${reg.basic} again`);
    expectNoSecret(e.message + (e.stack ?? ''), [wrong, `${reg.basicUser}:${wrong}`], 'the error');
  });

  it('a Docker credential helper (credHelpers) supplies the password', async () => {
    const repo = uniqueRepo('private/helper');
    const img = await pushImage(reg.basic, repo, '1', {}, basicAuth(reg.basicUser, reg.basicPassword));
    const bin = mkdtempSync(join(tmpdir(), 'gofile-auth-bin-'));
    const helper = join(bin, 'docker-credential-gofiletest');
    writeFileSync(helper, `#!/bin/sh\nread server\n[ "$1" = get ] && [ "$server" = "${reg.basic}" ] || exit 1\nprintf '{"ServerURL":"%s","Username":"${reg.basicUser}","Secret":"${reg.basicPassword}"}' "$server"\n`);
    chmodSync(helper, 0o755);
    const h = home({ credHelpers: { [reg.basic]: 'gofiletest' } });
    const c = new RegistryClient({ env: { HOME: h, PATH: `${bin}:${process.env.PATH}` }, cacheDir: null });
    expect((await c.digestOf(`${reg.basic}/${repo}:1`)).digest).toBe(img.digest);
  });

  it('gofile pin through basic auth: pinned, and no secret in its output or the file', async () => {
    const repo = uniqueRepo('private/base');
    const img = await pushImage(reg.basic, repo, '2.0', {}, basicAuth(reg.basicUser, reg.basicPassword));
    const h = home({ auths: { [reg.basic]: { auth: Buffer.from(`${reg.basicUser}:${reg.basicPassword}`).toString('base64') } } });
    const dir = mkdtempSync(join(tmpdir(), 'gofile-auth-pin-'));
    writeFileSync(join(dir, 'Dockerfile'), `FROM ${reg.basic}/${repo}:2.0\n`);
    const i = io(dir, { HOME: h, GOFILE_REGISTRY_CACHE: join(dir, 'cache') });
    expect(await runPin({ files: ['Dockerfile'] }, i)).toBe(0);
    const text = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(text).toBe(`FROM ${reg.basic}/${repo}:2.0@${img.digest}\n`);
    expectNoSecret(i.out + i.err + text, secrets, 'pin output');
    for (const f of filesUnder(join(dir, 'cache'))) expectNoSecret(readFileSync(f), secrets, f);
  });

  let token: TokenServer;
  const tokenUser = 'tokuser';
  const tokenPassword = 'tok-pass-' + Math.random().toString(36).slice(2);
  const identityToken = 'idtok-' + Math.random().toString(36).slice(2);
  const tokenSecrets = [tokenPassword, identityToken, `${tokenUser}:${tokenPassword}`];
  beforeAll(async () => {
    token = await startTokenServer(reg, { passwords: { [tokenUser]: tokenPassword }, identityTokens: [identityToken], publicPrefix: 'public/' });
  });
  afterAll(async () => {
    await token?.close();
  });

  it('token auth: anonymous tokens for a public repository, as Docker Hub hands them out', async () => {
    const repo = uniqueRepo('public/golang');
    const img = await pushImage(reg.token, repo, '1.22', { env: ['PATH=/usr/local/go/bin:/usr/bin'], workdir: '/go' }, token.pushAuth);
    const before = token.requests.length;
    const c = new RegistryClient({ env: { HOME: home({}) }, cacheDir: null });
    const r = await c.resolve(`${reg.token}/${repo}:1.22`, linux);
    expect(r.digest).toBe(img.digest);
    expect(r.config.config?.WorkingDir).toBe('/go');
    const asked = token.requests.slice(before);
    expect(asked.length).toBe(1); // one token serves the manifest, the index and the config reads
    expect(asked[0].authorization).toBeUndefined();
    expect(asked[0].url).toContain(`scope=repository%3A${encodeURIComponent(repo)}%3Apull`);
    expect(asked[0].url).toContain('service=gofile-test');
  });

  it('token auth: anonymous access to a private repository says to log in', async () => {
    const repo = uniqueRepo('private/svc');
    await pushImage(reg.token, repo, '1', {}, token.pushAuth);
    const e = await failure(new RegistryClient({ env: { HOME: home({}) }, cacheDir: null }).digestOf(`${reg.token}/${repo}:1`));
    expect(e.message).toContain('unauthorized');
    expect(e.message).toContain(`docker login ${reg.token}`);
  });

  it('token auth with a password (GET with basic) and with an identity token (POST refresh_token)', async () => {
    const repo = uniqueRepo('private/svc');
    const img = await pushImage(reg.token, repo, '1', {}, token.pushAuth);
    const byPassword = new RegistryClient({ env: { HOME: home({ auths: { [reg.token]: { username: tokenUser, password: tokenPassword } } }) }, cacheDir: null });
    let before = token.requests.length;
    expect((await byPassword.digestOf(`${reg.token}/${repo}:1`)).digest).toBe(img.digest);
    expect(token.requests.slice(before).map((r) => [r.method, r.authorization?.split(' ')[0]])).toEqual([['GET', 'Basic']]);

    const byIdentity = new RegistryClient({ env: { HOME: home({ auths: { [reg.token]: { identitytoken: identityToken } } }) }, cacheDir: null });
    before = token.requests.length;
    expect((await byIdentity.resolve(`${reg.token}/${repo}:1`, linux)).digest).toBe(img.digest);
    const posts = token.requests.slice(before);
    expect(posts.map((r) => r.method)).toEqual(['POST']);
    expect(new URLSearchParams(posts[0].body).get('grant_type')).toBe('refresh_token');
  });

  it('token auth: refused credentials name their source and never their value', async () => {
    const repo = uniqueRepo('private/svc');
    await pushImage(reg.token, repo, '1', {}, token.pushAuth);
    const badId = 'idtok-wrong-' + Math.random().toString(36).slice(2);
    const h = home({ auths: { [`https://${reg.token}/`]: { identitytoken: badId } } });
    const e = await failure(new RegistryClient({ env: { HOME: h }, cacheDir: null }).digestOf(`${reg.token}/${repo}:1`));
    expect(e.message).toContain('the token service refused the credentials');
    expect(e.message).toContain(`docker login ${reg.token} again`);
    expectNoSecret(e.message, [badId], 'the error');
  });

  it('resolved LLB from a token-protected registry carries digests and config, never credentials', async () => {
    const repo = uniqueRepo('private/golang');
    const img = await pushImage(reg.token, repo, '1.22', { env: ['PATH=/usr/local/go/bin:/usr/bin', 'GOPATH=/go'], workdir: '/go' }, token.pushAuth);
    const h = home({ auths: { [reg.token]: { username: tokenUser, password: tokenPassword } } });
    const cache = mkdtempSync(join(tmpdir(), 'gofile-auth-cache-'));
    const c = new RegistryClient({ env: { HOME: h, GOFILE_REGISTRY_CACHE: cache } });
    const model = parseDockerfile(`FROM ${reg.token}/${repo}:1.22\nRUN go build ./...\n`);
    const resolved = await resolveImages(imageUses(model), 'linux/amd64', c);
    expect([...resolved.values()][0].digest).toBe(img.digest);
    const { definition } = dockerfileToLLB(model, { baseConfigs: baseConfigsOf(resolved) });
    const bytes = Buffer.from(encodeDefinition(definition));
    expect(bytes.includes('/usr/local/go/bin')).toBe(true);
    expectNoSecret(bytes, tokenSecrets, 'the LLB');
    for (const f of filesUnder(cache)) expectNoSecret(readFileSync(f), tokenSecrets, f);
  });
});
