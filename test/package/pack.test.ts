// What users install: npm pack's tarball, installed into an empty folder, runs with no dev dependencies
// and no build step on their side.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/shared.js';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

describe('the packed package', () => {
  let files: string[] = [];
  let app = '';
  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'gofile-pack-'));
    // dist was built by the test setup; --ignore-scripts keeps prepare from rebuilding it under other tests
    const json = execFileSync(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', out], { cwd: REPO, encoding: 'utf8' });
    const [info] = JSON.parse(json);
    files = info.files.map((f: { path: string }) => f.path);
    app = mkdtempSync(join(tmpdir(), 'gofile-app-'));
    writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', join(out, info.filename)], { cwd: app, stdio: 'pipe' });
  }, 120_000);

  it('ships the bundle, the docs and the schema, and nothing of the sources or tests', () => {
    expect(files).toEqual(expect.arrayContaining(['dist/gofile.cjs', 'dist/gofile-main.cjs', 'dist/gofile-lint.cjs', 'dist/gofile-yaml.cjs', 'dist/gofile-diff.cjs', 'dist/gofile-chalk.cjs', 'dist/gofile-docs.cjs', 'dist/THIRD_PARTY_LICENSES.md', 'package.json', 'README.md', 'LICENSE', 'rules/root-user.md', 'schema/gofile.schema.json']));
    expect(files.filter((f) => /^(src|test|bench|corpus)\//.test(f))).toEqual([]);
  });

  it('installs nothing else: the bundle carries its dependencies', () => {
    expect(readdirSync(join(app, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['gofile']);
  });

  it('runs: npx gofile --version, and gofile lint on a Dockerfile', () => {
    const v = spawnSync('npx', ['--no-install', 'gofile', '--version'], { cwd: app, encoding: 'utf8' });
    expect(v.status).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    writeFileSync(join(app, 'Dockerfile'), 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n');
    const r = spawnSync(join(app, 'node_modules', '.bin', 'gofile'), ['lint', '--format', 'json', 'Dockerfile'], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: app } });
    expect(r.status).toBe(1);
    const codes = JSON.parse(r.stdout).map((f: { code: string }) => f.code);
    expect(codes).toEqual(expect.arrayContaining(['GF002', 'GF003', 'GF004', 'GF101']));
    // --fix --diff takes the diff library from the extras bundle
    const d = spawnSync(join(app, 'node_modules', '.bin', 'gofile'), ['lint', '--fix', '--diff', 'Dockerfile'], { cwd: app, encoding: 'utf8', env: { PATH: process.env.PATH, HOME: app } });
    expect(d.stderr).toBe('');
    expect(d.stdout).toContain('+RUN --mount=type=cache');
  });
});
