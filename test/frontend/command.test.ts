// `gofile llb`: formats, TTY refusal, config writing, base configs and errors, with a fake io.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLlb } from '../../src/commands/llb.js';
import { InputError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';
import { decodeDefinition, decodeOp } from '../../src/llb/index.js';

function fakeIo(cwd: string, tty = false) {
  const out: string[] = [];
  const io: Io = { stdout: (s) => out.push(s), stderr: () => {}, stdoutIsTTY: tty, stdin: async () => '', cwd, env: {} };
  return { io, out };
}

function workspace(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gofile-llb-'));
  writeFileSync(join(dir, 'Dockerfile'), dockerfile);
  return dir;
}

const DOCKERFILE = 'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n';

describe('gofile llb', () => {
  it('writes the binary definition through the bytes writer', async () => {
    const dir = workspace(DOCKERFILE);
    const { io } = fakeIo(dir);
    let bytes: Uint8Array | undefined;
    expect(await runLlb({ input: 'Dockerfile' }, io, (b) => (bytes = b))).toBe(0);
    const def = decodeDefinition(bytes!);
    const ops = def.def!.map((b) => decodeOp(b));
    expect(ops.some((o) => o.source?.identifier === 'docker-image://docker.io/library/golang:1.22')).toBe(true);
    expect(def.source?.infos?.[0].filename).toBe('Dockerfile');
  });

  it('refuses binary output to a terminal and says how to pipe it', async () => {
    const dir = workspace(DOCKERFILE);
    const { io } = fakeIo(dir, true);
    await expect(runLlb({ input: 'Dockerfile' }, io, () => {})).rejects.toThrow(/buildctl build|--format json/);
  });

  it('prints dump-llb JSON and dot', async () => {
    const dir = workspace(DOCKERFILE);
    const json = fakeIo(dir, true);
    await runLlb({ input: 'Dockerfile', format: 'json' }, json.io);
    const lines = json.out.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.at(-1).Op.Op).toBeNull();
    const dot = fakeIo(dir, true);
    await runLlb({ input: 'Dockerfile', format: 'dot' }, dot.io);
    expect(dot.out.join('')).toMatch(/^digraph \{/);
  });

  it('writes the image config and reads base configs', async () => {
    const dir = workspace('FROM alpine:3.19\nRUN echo $GOPATH\n');
    writeFileSync(join(dir, 'alpine.json'), JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: ['sha256:' + '1'.repeat(64)] }, config: { Env: ['GOPATH=/go', 'PATH=/bin'], WorkingDir: '/w' } }));
    const { io, out } = fakeIo(dir);
    await runLlb({ input: 'Dockerfile', format: 'json', 'write-config': 'config.json', 'base-config': ['alpine:3.19=alpine.json'] }, io);
    const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
    expect(cfg.config.Env).toEqual(['GOPATH=/go', 'PATH=/bin']);
    expect(cfg.config.WorkingDir).toBe('/w');
    const exec = out.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l)).find((l) => l.Op.Op?.exec);
    expect(exec.Op.Op.exec.meta.env).toEqual(['GOPATH=/go', 'PATH=/bin']);
    expect(exec.Op.Op.exec.meta.cwd).toBe('/w');
  });

  it('routes a gofile.yaml to the spec builder, and says which file is missing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gofile-llb-spec-'));
    writeFileSync(join(dir, 'gofile.yaml'), 'path: .\n');
    writeFileSync(join(dir, 'go.mod'), 'module example.com/app\n\ngo 1.22\n');
    const { io, out } = fakeIo(dir);
    expect(await runLlb({ input: 'gofile.yaml', format: 'json' }, io)).toBe(0);
    expect(out.join('')).toContain('go build');
    await expect(runLlb({ input: 'missing.yaml', format: 'json' }, fakeIo(dir).io)).rejects.toThrow(/missing\.yaml/);
  });

  it('reports a refused Dockerfile as an InputError with file:line', async () => {
    const dir = workspace('ARG BASE\nFROM ${BASE}\n');
    const { io } = fakeIo(dir);
    const e = await runLlb({ input: 'Dockerfile', format: 'json' }, io).catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).format()).toMatch(/^Dockerfile:2: base name \(\$\{BASE\}\) should not be blank/);
  });
});
