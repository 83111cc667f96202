// runExpand: stdout, --output (atomic), --diff against an existing Dockerfile, --check for drift; runSchema.
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExpand } from '../../src/commands/expand.js';
import { InputError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'gofile-expand-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function io(cwd: string) {
  const out = { stdout: '', stderr: '' };
  const value: Io = { stdout: (s) => { out.stdout += s; }, stderr: (s) => { out.stderr += s; }, stdoutIsTTY: false, stdin: async () => '', cwd, env: {} };
  return { io: value, out };
}

const SPEC = 'path: ./cmd/api\nports: [8080]\n';
const GOMOD = 'module github.com/acme/api\n\ngo 1.24.1\n';

describe('gofile expand', () => {
  it('prints the Dockerfile, with the Go version from go.mod beside the spec', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD, 'go.sum': '' });
    const { io: i, out } = io(dir);
    expect(await runExpand({ spec: 'gofile.yaml' }, i)).toBe(0);
    expect(out.stdout).toMatch(/^# syntax=docker\/dockerfile:1\n/);
    expect(out.stdout).toContain('FROM --platform=$BUILDPLATFORM golang:1.24-alpine AS build');
    expect(out.stdout).toContain('--mount=type=bind,source=go.sum,target=go.sum');
  });

  it('leaves the go.sum bind mount out for a module without one', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD });
    const { io: i, out } = io(dir);
    await runExpand({ spec: 'gofile.yaml' }, i);
    expect(out.stdout).not.toContain('source=go.sum');
  });

  it('writes --output atomically, leaving no temp file, and prints nothing', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD, 'go.sum': '' });
    const { io: i, out } = io(dir);
    expect(await runExpand({ spec: 'gofile.yaml', output: 'Dockerfile' }, i)).toBe(0);
    expect(out.stdout).toBe('');
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('ENTRYPOINT ["/usr/local/bin/api"]');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('--syntax none drops the syntax line; a bad --syntax is refused', async () => {
    const dir = project({ 'gofile.yaml': SPEC });
    const { io: i, out } = io(dir);
    await runExpand({ spec: 'gofile.yaml', syntax: 'none' }, i);
    expect(out.stdout).not.toMatch(/syntax=/);
    await expect(runExpand({ spec: 'gofile.yaml', syntax: 'x\nRUN id' }, i)).rejects.toThrow(InputError);
  });

  it('--diff prints a unified diff from the existing Dockerfile to the expansion', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD, 'go.sum': '' });
    writeFileSync(join(dir, 'Dockerfile'), 'FROM golang:1.24\nCOPY . .\nRUN go build -o /app ./cmd/api\nCMD ["/app"]\n');
    const { io: i, out } = io(dir);
    expect(await runExpand({ spec: 'gofile.yaml', diff: 'Dockerfile' }, i)).toBe(0);
    expect(out.stdout).toMatch(/^--- a\/Dockerfile\n\+\+\+ b\/Dockerfile\texpanded from gofile.yaml\n@@ /);
    expect(out.stdout).toContain('\n-FROM golang:1.24\n');
    expect(out.stdout).toContain('\n+USER 65532:65532\n');
  });

  it('--diff prints nothing when the Dockerfile is already the expansion', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD, 'go.sum': '' });
    const { io: i } = io(dir);
    await runExpand({ spec: 'gofile.yaml', output: 'Dockerfile' }, i);
    const again = io(dir);
    expect(await runExpand({ spec: 'gofile.yaml', diff: 'Dockerfile' }, again.io)).toBe(0);
    expect(again.out.stdout).toBe('');
  });

  it('--check exits 0 on a Dockerfile in sync and 1, with the diff, on drift', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD, 'go.sum': '' });
    await runExpand({ spec: 'gofile.yaml', output: 'Dockerfile' }, io(dir).io);
    const ok = io(dir);
    expect(await runExpand({ spec: 'gofile.yaml', check: 'Dockerfile' }, ok.io)).toBe(0);
    expect(ok.out.stdout + ok.out.stderr).toBe('');

    writeFileSync(join(dir, 'Dockerfile'), readFileSync(join(dir, 'Dockerfile'), 'utf8').replace('EXPOSE 8080', 'EXPOSE 9090'));
    const drift = io(dir);
    expect(await runExpand({ spec: 'gofile.yaml', check: 'Dockerfile' }, drift.io)).toBe(1);
    expect(drift.out.stdout).toContain('-EXPOSE 9090\n+EXPOSE 8080\n');
    expect(drift.out.stderr).toContain('Dockerfile has drifted from gofile.yaml');
  });

  it('--check with a spec change is drift too, and never writes', async () => {
    const dir = project({ 'gofile.yaml': SPEC, 'go.mod': GOMOD, 'go.sum': '' });
    await runExpand({ spec: 'gofile.yaml', output: 'Dockerfile' }, io(dir).io);
    const before = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    writeFileSync(join(dir, 'gofile.yaml'), SPEC + 'tzdata: true\nbase: alpine\n');
    expect(await runExpand({ spec: 'gofile.yaml', check: 'Dockerfile' }, io(dir).io)).toBe(1);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(before);
  });

  it('reports missing files and bad specs as InputErrors with a position', async () => {
    const dir = project({ 'gofile.yaml': 'path: .\ncgo: maybe\n' });
    const { io: i } = io(dir);
    await expect(runExpand({ spec: 'nope.yaml' }, i)).rejects.toThrow(/cannot read spec nope.yaml: no such file or directory \(ENOENT\)/);
    await expect(runExpand({ spec: 'gofile.yaml' }, i)).rejects.toMatchObject({ file: 'gofile.yaml', line: 2, column: 6 });
    writeFileSync(join(dir, 'gofile.yaml'), SPEC);
    await expect(runExpand({ spec: 'gofile.yaml', check: 'Missing.Dockerfile' }, i)).rejects.toThrow(/cannot read Dockerfile Missing.Dockerfile/);
    await expect(runExpand({ spec: 'gofile.yaml', check: 'a', output: 'b' }, i)).rejects.toThrow(/--check only compares/);
    expect(existsSync(join(dir, 'b'))).toBe(false);
  });
});
