// A spec resolved against the files beside it: its module's go.mod in `moduleDir`, and the local replaces in it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseGoMod } from '../../src/gomod.js';
import { resolveOnDisk } from '../../src/spec/on-disk.js';
import { gofile, tempTree } from '../helpers/cli.js';

describe('go.mod replace directives', () => {
  it('lists each replacement that is a directory, with its line and module, in both forms; module replacements are not', () => {
    const mod = parseGoMod([
      'module example.com/api', '', 'go 1.24', '',
      'replace example.com/lib => ../lib // a comment',
      'replace example.com/pinned v1.2.0=>./third_party/pinned',
      'replace example.com/fork => github.com/acme/fork v1.0.0',
      'replace (',
      '\texample.com/a => ../../shared/a',
      '\t"example.com/b" v0.1.0 => "./b"',
      '\texample.com/c => example.com/c2 v0.2.0',
      '\t// example.com/old => ../old',
      '\texample.com/raw => `../raw dir`',
      ')',
      'require (', '\texample.com/lib v0.0.0', '\texample.com/a v0.0.0 // indirect', ')',
      'require example.com/b v0.1.0',
    ].join('\n'));
    expect(mod.module).toBe('example.com/api');
    expect(mod.goVersion).toBe('1.24');
    expect(mod.localReplaces).toEqual([
      { path: '../lib', line: 5, module: 'example.com/lib' }, { path: './third_party/pinned', line: 6, module: 'example.com/pinned' },
      { path: '../../shared/a', line: 9, module: 'example.com/a' }, { path: './b', line: 10, module: 'example.com/b' },
      { path: '../raw dir', line: 13, module: 'example.com/raw' },
    ]);
    expect([...mod.requires!].sort()).toEqual(['example.com/a', 'example.com/b', 'example.com/lib']);
  });
});

describe('resolveOnDisk', () => {
  const goMod = (replaces: string[], requires: string[]) =>
    ['module example.com/api', '', 'go 1.25', '', ...requires.map((r) => `require ${r} v0.0.0`), ...replaces.map((r) => `replace ${r}`)].join('\n') + '\n';

  it('reads the go.mod of moduleDir, not one beside the spec, and mounts the replaces go mod download reads', () => {
    const dir = tempTree({
      'go.mod': 'module example.com/root\n\ngo 1.21\n',
      'services/api/go.mod': goMod(['example.com/lib => ../../libs/lib', 'example.com/gone => ../../gone'], ['example.com/lib']),
      'services/api/go.sum': '',
      'libs/lib/go.mod': 'module example.com/lib\n',
    });
    const r = resolveOnDisk({ path: '.', moduleDir: 'services/api' }, dir, 'gofile.yaml');
    // example.com/gone is not required, and its directory is not there: a leftover go never reads
    expect([r.go, r.name, r.goSum, r.localModules]).toEqual(['1.25', 'api', true, ['libs/lib']]);
    expect(resolveOnDisk({ path: '.' }, dir, 'gofile.yaml')).toMatchObject({ go: '1.21', name: 'root', goSum: false, localModules: [] });
  });

  const failure = (files: Record<string, string>, spec: Parameters<typeof resolveOnDisk>[0], shown = 'gofile.yaml') => {
    try { resolveOnDisk(spec, tempTree(files), shown); } catch (e) { return e instanceof InputError ? e.format() : String(e); }
    return 'accepted';
  };

  it('refuses a required module\'s replace outside the build context, without a go.mod, or unmountable, at its go.mod line', () => {
    expect(failure({ 'api/go.mod': goMod(['example.com/lib => ../../lib'], ['example.com/lib']) }, { path: '.', moduleDir: 'api' }, 'deploy/gofile.yaml'))
      .toBe('deploy/api/go.mod:6: replace example.com/lib => ../../lib is outside the build context (the directory of deploy/gofile.yaml), which the Docker build cannot read; keep the spec in a directory above both modules and set `moduleDir`');
    expect(failure({ 'go.mod': goMod(['example.com/lib => ./lib'], ['example.com/lib']) }, { path: '.' }))
      .toBe('go.mod:6: replace example.com/lib => ./lib has no go.mod (lib/go.mod in the build context), which go mod download reads');
    expect(failure({ 'go.mod': goMod(['example.com/lib => "./my lib"'], ['example.com/lib']), 'my lib/go.mod': '' }, { path: '.' }))
      .toBe('go.mod:6: replace example.com/lib => ./my lib names a directory with spaces, commas or quotes, which a --mount flag cannot hold; rename it');
  });

  it('leaves replaces alone where no module download runs (prebuilt, initModule) or the module is not required', () => {
    const outside = { 'go.mod': goMod(['example.com/lib => ../lib'], ['example.com/lib']) };
    expect(failure(outside, { path: '.', prebuilt: 'dist/app', name: 'app' })).toBe('accepted');
    expect(failure({ 'go.mod': goMod(['example.com/lib => ../lib'], []) }, { path: '.' })).toBe('accepted');
  });
});

describe('gofile expand and gofile llb of a monorepo module', () => {
  const dir = tempTree({
    'gofile.yaml': 'moduleDir: svc\npath: ./cmd/svc\n',
    'svc/go.mod': 'module example.com/svc\n\ngo 1.25\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../lib\n',
    'svc/go.sum': '',
    'lib/go.mod': 'module example.com/lib\n\ngo 1.25\n',
  });

  it('builds in the module with the whole context mounted above it, the replaced go.mod in the download', () => {
    const r = gofile(['expand', join(dir, 'gofile.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('FROM --platform=$BUILDPLATFORM golang:1.25-alpine AS build\n# moduleDir: the module is svc of the build context, which the build mounts whole at /src\nWORKDIR /src/svc\n');
    expect(r.stdout).toContain('    --mount=type=bind,source=svc/go.mod,target=go.mod \\\n    --mount=type=bind,source=svc/go.sum,target=go.sum \\\n    --mount=type=bind,source=lib/go.mod,target=/src/lib/go.mod \\\n    go mod download\n');
    expect(r.stdout).toContain('    --mount=type=bind,target=/src \\\n');
    expect(r.stdout).toContain(' -o /out/svc ./cmd/svc\n');
  });

  it('says where a replace leaves the context, exit 2', () => {
    const bad = tempTree({ 'gofile.yaml': 'moduleDir: svc\npath: .\n', 'svc/go.mod': 'module example.com/svc\n\nrequire example.com/lib v0.0.0\n\nreplace example.com/lib => ../../lib\n' });
    const r = gofile(['expand', 'gofile.yaml'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: svc/go.mod:5: replace example.com/lib => ../../lib is outside the build context (the directory of gofile.yaml), which the Docker build cannot read; keep the spec in a directory above both modules and set `moduleDir`\n');
    expect(r.stdout).toBe('');
  });
});

describe('binaries named as the main binary whose name comes from go.mod', () => {
  const dir = tempTree({ 'gofile.yaml': 'path: .\nbinaries: [./cmd/migrate]\n', 'go.mod': 'module example.com/migrate\n\ngo 1.25\n' });
  it.each([['expand'], ['llb']])('gofile %s refuses it, naming the spec, exit 2', (cmd) => {
    const r = gofile([cmd, 'gofile.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("gofile: gofile.yaml: `binaries`: ./cmd/migrate would be installed as /usr/local/bin/migrate, the main binary's name (from go.mod, the repo or initModule); give the main one `name` of its own\n");
    expect(r.stdout).toBe('');
  });
});

