// A spec resolved against the files beside it: its module's go.mod in `moduleDir`, and the local replaces in it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseGoMod } from '../../src/gomod.js';
import { resolveOnDisk } from '../../src/spec/on-disk.js';
import { gofile, tempTree } from '../helpers/cli.js';

describe('go.mod replace directives', () => {
  it('lists each replacement that is a directory, with its line, in both forms; module replacements are not', () => {
    const mod = parseGoMod([
      'module example.com/api', '', 'go 1.24', '',
      'replace example.com/lib => ../lib // a comment',
      'replace example.com/pinned v1.2.0 => ./third_party/pinned',
      'replace example.com/fork => github.com/acme/fork v1.0.0',
      'replace (',
      '\texample.com/a => ../../shared/a',
      '\t"example.com/b" v0.1.0 => "./b"',
      '\texample.com/c => example.com/c2 v0.2.0',
      ')',
      'require (', '\texample.com/lib v0.0.0', ')',
    ].join('\n'));
    expect(mod.module).toBe('example.com/api');
    expect(mod.goVersion).toBe('1.24');
    expect(mod.localReplaces).toEqual([
      { path: '../lib', line: 5 }, { path: './third_party/pinned', line: 6 }, { path: '../../shared/a', line: 9 }, { path: './b', line: 10 },
    ]);
  });
});

describe('resolveOnDisk', () => {
  it('reads the go.mod of moduleDir, not one beside the spec', () => {
    const dir = tempTree({
      'go.mod': 'module example.com/root\n\ngo 1.21\n',
      'services/api/go.mod': 'module example.com/api\n\ngo 1.25\n\nreplace example.com/lib => ../../libs/lib\n',
      'services/api/go.sum': '',
    });
    const r = resolveOnDisk({ path: '.', moduleDir: 'services/api' }, dir, 'gofile.yaml');
    expect([r.go, r.name, r.goSum, r.localModules]).toEqual(['1.25', 'api', true, ['libs/lib']]);
    expect(resolveOnDisk({ path: '.' }, dir, 'gofile.yaml')).toMatchObject({ go: '1.21', name: 'root', goSum: false, localModules: [] });
  });

  it('refuses a replace outside the build context, at its line in go.mod', () => {
    const dir = tempTree({ 'api/go.mod': 'module example.com/api\n\ngo 1.25\n\nreplace example.com/lib => ../../lib\n' });
    let err: unknown;
    try { resolveOnDisk({ path: '.', moduleDir: 'api' }, dir, 'deploy/gofile.yaml'); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toBe("deploy/api/go.mod:5: replace => ../../lib is outside the build context (the directory of deploy/gofile.yaml), which the Docker build cannot read; keep the spec in a directory above both modules and set `moduleDir`");
  });
});

describe('gofile expand and gofile llb of a monorepo module', () => {
  const dir = tempTree({
    'gofile.yaml': 'moduleDir: svc\npath: ./cmd/svc\n',
    'svc/go.mod': 'module example.com/svc\n\ngo 1.25\n\nreplace example.com/lib => ../lib\n',
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
    const bad = tempTree({ 'gofile.yaml': 'moduleDir: svc\npath: .\n', 'svc/go.mod': 'module example.com/svc\n\nreplace example.com/lib => ../../lib\n' });
    const r = gofile(['expand', 'gofile.yaml'], { cwd: bad });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: svc/go.mod:3: replace => ../../lib is outside the build context (the directory of gofile.yaml), which the Docker build cannot read; keep the spec in a directory above both modules and set `moduleDir`\n');
    expect(r.stdout).toBe('');
  });
});
