import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';

// dist/gofile.cjs: which bundle runs, and when a code cache is read or written.
const DIST = new URL('../../dist/', import.meta.url).pathname;
const DOCKERFILE = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n';

let dist: string;
let cacheDir: string;

function gofile(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [join(dist, 'gofile.cjs'), ...args], {
    input: DOCKERFILE, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: cacheDir, GOFILE_CACHE_DIR: cacheDir, ...env },
  });
}

const codes = (stdout: string) => JSON.parse(stdout).map((f: { code: string }) => f.code).sort();
const cacheFiles = () => (existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.endsWith('.v8cache')) : []);

describe('the launcher', () => {
  beforeEach(() => {
    const root = mkdtempSync(join(tmpdir(), 'gofile-launcher-'));
    dist = join(root, 'dist');
    cpSync(DIST, dist, { recursive: true });
    cacheDir = join(root, 'cache');
  });

  it('runs a plain lint from the lint bundle alone, and everything else from the main bundle', () => {
    const expected = codes(gofile(['lint', '--format', 'json', '-']).stdout);
    expect(expected).toContain('GF004');
    rmSync(join(dist, 'gofile-main.cjs'));
    const r = gofile(['lint', '--format', 'json', '-']);
    expect(r.status).toBe(1);
    expect(codes(r.stdout)).toEqual(expected);
    expect(gofile(['--version']).status).not.toBe(0);
  });

  it('hands a lint it does not take (--help) to the main bundle', () => {
    const r = gofile(['lint', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('gofile lint');
  });

  it('uses the shipped caches and writes none of its own', () => {
    const bundles = ['chalk', 'diff', 'docs', 'lint', 'main', 'yaml'];
    expect(readdirSync(join(dist, 'cache')).sort()).toEqual(bundles.map((b) => expect.stringMatching(new RegExp(`^gofile-${b}\\.cjs-v\\d+.*\\.v8cache$`))));
    expect(gofile(['lint', '--format', 'json', '-']).status).toBe(1);
    expect(gofile(['--version']).status).toBe(0);
    expect(cacheFiles()).toEqual([]);
  });

  it('loads the bundles the lint bundle leaves out (YAML config, diff, colour, SARIF docs) when a lint needs them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gofile-extras-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM alpine:latest\nRUN apk add curl\n');
    writeFileSync(join(dir, '.gofile-lint.yaml'), 'disable: [root-user]\nfailure-threshold: error\n');
    rmSync(join(dist, 'gofile-main.cjs')); // all of it from the lint bundle
    const diff = gofile(['lint', '--fix', '--diff', join(dir, 'Dockerfile')]);
    expect(diff.stderr).toBe('');
    expect(diff.stdout).toContain('+RUN apk add --no-cache curl');
    const coloured = gofile(['lint', '--color', join(dir, 'Dockerfile')]);
    expect(coloured.status).toBe(0); // the config's threshold: warnings do not fail
    expect(coloured.stdout).toContain('\u001b[');
    expect(coloured.stdout).toContain('GF005');
    expect(coloured.stdout).not.toContain('GF003'); // disabled by the config
    const sarif = JSON.parse(gofile(['lint', '--format', 'sarif', join(dir, 'Dockerfile')]).stdout);
    const apk = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'GF005');
    expect(apk.help.markdown).toContain('apk add --no-cache');
    expect(cacheFiles()).toEqual([]); // the shipped caches of those bundles fitted
  });

  it('without a shipped cache, writes one per bundle in the user cache once and reads it after', () => {
    rmSync(join(dist, 'cache'), { recursive: true });
    const first = gofile(['lint', '--format', 'json', '-']);
    expect(cacheFiles()).toEqual([expect.stringMatching(/^gofile-lint\.cjs-/)]);
    const second = gofile(['lint', '--format', 'json', '-']);
    expect(codes(second.stdout)).toEqual(codes(first.stdout));
    gofile(['--version']);
    expect(cacheFiles().length).toBe(2);
    gofile(['lint', '--color', '-']);
    expect(cacheFiles().length).toBe(3); // chalk's bundle, for colour
  });

  it('replaces a shipped cache this Node rejects with its own, and uses that from then on', () => {
    const shipped = readdirSync(join(dist, 'cache')).find((f) => f.startsWith('gofile-lint.cjs-'))!;
    writeFileSync(join(dist, 'cache', shipped), Buffer.alloc(4096, 7)); // what V8 turns down, as it would another build's
    const first = gofile(['lint', '--format', 'json', '-']);
    expect(cacheFiles()).toEqual([shipped]);
    const written = statSync(join(cacheDir, shipped)).mtimeMs;
    const second = gofile(['lint', '--format', 'json', '-']);
    expect(codes(second.stdout)).toEqual(codes(first.stdout));
    expect(statSync(join(cacheDir, shipped)).mtimeMs).toBe(written); // accepted, so not written again
  });

  it('never uses a cache for a bundle it was not built with, and runs it all the same', () => {
    appendFileSync(join(dist, 'gofile-lint.cjs'), '\n// changed after the build\n');
    rmSync(join(dist, 'cache'), { recursive: true });
    const r = gofile(['lint', '--format', 'json', '-']);
    expect(r.status).toBe(1);
    expect(codes(r.stdout)).toContain('GF004');
    expect(cacheFiles()).toEqual([]);
  });

  it('writes no cache with GOFILE_NO_CODE_CACHE', () => {
    rmSync(join(dist, 'cache'), { recursive: true });
    expect(gofile(['lint', '--format', 'json', '-'], { GOFILE_NO_CODE_CACHE: '1' }).status).toBe(1);
    expect(cacheFiles()).toEqual([]);
  });
});
