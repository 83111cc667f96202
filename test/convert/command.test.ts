// runConvert: the spec on stdout or --output, the report on stderr, --strict and refusals as exit codes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConvert } from '../../src/commands/convert.js';
import { InputError } from '../../src/errors.js';
import type { Io } from '../../src/io.js';

function fakeIo(cwd: string, stdin = ''): Io & { out: string; err: string } {
  const io = {
    out: '', err: '', stdoutIsTTY: false, cwd, env: {},
    stdout: (s: string) => { io.out += s; },
    stderr: (s: string) => { io.err += s; },
    stdin: async () => stdin,
  };
  return io;
}

const DOCKERFILE = [
  'FROM golang:1.23-alpine AS build',
  'WORKDIR /src',
  'COPY . .',
  'RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/api ./cmd/api',
  'RUN make generate',
  'FROM gcr.io/distroless/static-debian12:nonroot',
  'COPY --from=build /out/api /api',
  'EXPOSE 8080',
  'ENTRYPOINT ["/api"]',
  '',
].join('\n');

function project(text = DOCKERFILE): string {
  const dir = mkdtempSync(join(tmpdir(), 'gofile-convert-'));
  writeFileSync(join(dir, 'Dockerfile'), text);
  writeFileSync(join(dir, 'go.mod'), 'module example.com/api\n\ngo 1.23.2\n');
  return dir;
}

describe('gofile convert', () => {
  it('writes the spec to stdout and one line per dropped or lost instruction to stderr', async () => {
    const dir = project();
    const io = fakeIo(dir);
    expect(await runConvert({ dockerfile: 'Dockerfile' }, io)).toBe(0);
    expect(io.out).toBe('# yaml-language-server: $schema=https://unpkg.com/gofile@0.0.0-dev/schema/gofile.schema.json\npath: ./cmd/api\nports:\n  - 8080\n');
    expect(io.err.split('\n')).toEqual([
      'Dockerfile:2: WORKDIR /src — dropped: expand builds in /src',
      'Dockerfile:3: COPY . . — dropped: source for the build: expand bind-mounts the build context',
      'Dockerfile:5: RUN make generate — not representable: `make generate` is not something the spec can say',
      // ENTRYPOINT follows the binary; a script or a flag naming /api could not, so the move is said
      'Dockerfile:7: COPY --from=build /out/api /api — carried into name, without: /api is installed as /usr/local/bin/api: a script or flag naming /api must name /usr/local/bin/api',
      'Dockerfile: multistage-distroless; 9 instructions: 6 carried into the spec, 2 dropped, 1 not representable',
      '',
    ]);
  });
  it('finds a module below the context with --context: the Dockerfile of `docker build -f services/api/Dockerfile .`', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gofile-convert-'));
    mkdirSync(join(dir, 'services', 'api'), { recursive: true });
    writeFileSync(join(dir, 'services', 'api', 'go.mod'), 'module example.com/api\n\ngo 1.23.2\n');
    writeFileSync(join(dir, 'services', 'api', 'Dockerfile'), DOCKERFILE.replace('RUN CGO_ENABLED', 'RUN cd services/api && CGO_ENABLED').replace('RUN make generate\n', ''));
    const io = fakeIo(dir);
    expect(await runConvert({ dockerfile: 'services/api/Dockerfile', context: '.' }, io)).toBe(0);
    // the module's own go.mod says the Go version, so `go` is left out as with a go.mod at the root
    expect(io.out).toBe('# yaml-language-server: $schema=https://unpkg.com/gofile@0.0.0-dev/schema/gofile.schema.json\nmoduleDir: services/api\npath: ./cmd/api\nports:\n  - 8080\n');
    // without it, the Dockerfile's directory is the context, which has no services/api in it; the go.mod above is pointed out
    mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/mono\n\ngo 1.23.2\n');
    rmSync(join(dir, 'services', 'api', 'go.mod'));
    const beside = fakeIo(dir);
    expect(await runConvert({ dockerfile: 'services/api/Dockerfile' }, beside)).toBe(0);
    expect(beside.out).toMatch(/^path: \.\/services\/api\/cmd\/api$/m);
    expect(beside.err).toContain('services/api/Dockerfile: note: no go.mod beside it, but go.mod is above it; if the image is built from there (docker build -f services/api/Dockerfile .), convert --context . reads the module from it\n');
    await expect(runConvert({ dockerfile: 'services/api/Dockerfile', context: 'nope' }, fakeIo(dir))).rejects.toThrow('--context nope: not a directory');
  });
  it('--strict exits 1 when something is not representable', async () => {
    const io = fakeIo(project());
    expect(await runConvert({ dockerfile: 'Dockerfile', strict: true }, io)).toBe(1);
    const clean = fakeIo(project(DOCKERFILE.replace('RUN make generate\n', '')));
    expect(await runConvert({ dockerfile: 'Dockerfile', strict: true }, clean)).toBe(0);
  });
  it('--output writes the file and leaves stdout empty', async () => {
    const dir = project();
    const io = fakeIo(dir);
    expect(await runConvert({ dockerfile: 'Dockerfile', output: 'gofile.yaml' }, io)).toBe(0);
    expect(io.out).toBe('');
    expect(readFileSync(join(dir, 'gofile.yaml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\S+\npath: \.\/cmd\/api\n/);
  });
  it('refuses a Dockerfile that is not a Go build with an InputError (exit 2)', async () => {
    const io = fakeIo(project('FROM python:3.12\nCOPY . .\nCMD ["python", "app.py"]\n'));
    await expect(runConvert({ dockerfile: 'Dockerfile' }, io)).rejects.toThrow(InputError);
    await expect(runConvert({ dockerfile: 'Dockerfile' }, io)).rejects.toThrow(/not a Go build/);
  });
  it('reads stdin, and takes --target and --build-arg', async () => {
    const text = 'ARG GO=1.22\nFROM golang:${GO}-alpine AS build\nRUN CGO_ENABLED=0 go build -o /out/a ./cmd/a\nFROM scratch AS a\nCOPY --from=build /out/a /a\nENTRYPOINT ["/a"]\nFROM alpine:3.20 AS b\nCOPY --from=build /out/a /a\nENTRYPOINT ["/a"]\n';
    const io = fakeIo(mkdtempSync(join(tmpdir(), 'gofile-convert-')), text);
    expect(await runConvert({ dockerfile: '-', target: 'a', 'build-arg': ['GO=1.24'] }, io)).toBe(0);
    expect(io.out).toMatch(/\ngo: "1\.24"\n/);
    expect(io.out).toMatch(/\nbase: scratch\n/);
    await expect(runConvert({ dockerfile: '-', target: 'nope' }, io)).rejects.toThrow(/target stage "nope"/);
    await expect(runConvert({ dockerfile: '-', 'build-arg': ['GO'] }, io)).rejects.toThrow(/NAME=value/);
  });
  it('names a missing file', async () => {
    await expect(runConvert({ dockerfile: 'nope/Dockerfile' }, fakeIo(tmpdir()))).rejects.toThrow(/cannot read nope\/Dockerfile: no such file or directory \(ENOENT\)/);
  });
});
