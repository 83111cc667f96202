// Where `gofile pin` writes each digest, table-driven with a stand-in registry (tag → digest), and the
// proof that it fixes exactly what the unpinned-base-image rule reports in require-digest mode.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runPin } from '../../src/commands/pin.js';
import type { RegistryClient } from '../../src/registry/client.js';
import type { Io } from '../../src/io.js';
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { defaultConfig } from '../../src/lint/config.js';
import unpinned from '../../rules/unpinned-base-image.js';
import { InputError } from '../../src/errors.js';
import { withDigest } from '../../src/registry/resolve-images.js';

const D = (c: string) => 'sha256:' + c.repeat(64);
const A = D('a');
const B = D('b');
const C = D('c');
const OLD = D('0');

const TAGS: Record<string, string> = {
  'golang:1.22': A,
  'golang:1.22-alpine': A,
  'alpine:3.20': B,
  'alpine:latest': C,
  'gcr.io/distroless/static:nonroot': C,
  'tonistiigi/xx:1.4.0': B,
};

function fakeRegistry(asked: string[] = []): RegistryClient {
  return {
    digestOf: async (ref: string) => {
      asked.push(ref);
      const d = TAGS[ref];
      if (!d) throw new InputError(`${ref} was not found on docker.io (404 MANIFEST_UNKNOWN): check the name and the tag`);
      return { ref, digest: d, mediaType: '' };
    },
  } as unknown as RegistryClient;
}

function io(cwd: string): Io & { out: string; err: string } {
  const o = { out: '', err: '' };
  return Object.assign(o, {
    stdout: (s: string) => void (o.out += s),
    stderr: (s: string) => void (o.err += s),
    stdoutIsTTY: false, stdin: async () => '', cwd, env: {},
  });
}

async function pin(text: string, extra: Partial<Parameters<typeof runPin>[0]> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-'));
  writeFileSync(join(dir, 'Dockerfile'), text);
  const i = io(dir);
  const code = await runPin({ files: ['Dockerfile'], ...extra }, i, fakeRegistry());
  return { code, text: readFileSync(join(dir, 'Dockerfile'), 'utf8'), out: i.out, err: i.err };
}

const cases: Array<{ name: string; input: string; output: string; notes?: RegExp[] }> = [
  { name: 'a tagged FROM keeps its tag', input: 'FROM golang:1.22 AS build\n', output: `FROM golang:1.22@${A} AS build\n` },
  { name: 'an untagged FROM gets :latest so it can be refreshed', input: 'FROM alpine\n', output: `FROM alpine:latest@${C}\n` },
  { name: 'a stale digest is replaced', input: `FROM alpine:3.20@${OLD}\n`, output: `FROM alpine:3.20@${B}\n` },
  { name: 'a current digest is left alone', input: `FROM alpine:3.20@${B}\n`, output: `FROM alpine:3.20@${B}\n` },
  { name: '--platform flags stay', input: 'FROM --platform=$BUILDPLATFORM golang:1.22-alpine AS b\n', output: `FROM --platform=$BUILDPLATFORM golang:1.22-alpine@${A} AS b\n` },
  {
    name: 'the whole reference from a global ARG: the ARG default is edited, not the FROM',
    input: 'ARG BASE=gcr.io/distroless/static:nonroot\nFROM ${BASE}\n',
    output: `ARG BASE=gcr.io/distroless/static:nonroot@${C}\nFROM \${BASE}\n`,
  },
  {
    name: 'a quoted ARG default keeps its quotes; two FROMs on one ARG make one edit',
    input: 'ARG BASE="alpine:3.20"\nFROM $BASE AS a\nFROM ${BASE}\n',
    output: `ARG BASE="alpine:3.20@${B}"\nFROM $BASE AS a\nFROM \${BASE}\n`,
  },
  {
    name: 'a version ARG in the tag: the digest goes on the FROM, the ARG stays a version',
    input: 'ARG GO=1.22\nFROM golang:${GO}-alpine\nRUN echo $GO\n',
    output: `ARG GO=1.22\nFROM golang:\${GO}-alpine@${A}\nRUN echo $GO\n`,
  },
  {
    name: 'a digest that already lives in the ARG is refreshed there',
    input: `ARG GO=1.22@${OLD}\nFROM golang:\${GO}\n`,
    output: `ARG GO=1.22@${A}\nFROM golang:\${GO}\n`,
  },
  {
    name: 'COPY --from an image and RUN --mount from an image; stages, indexes and scratch are not images',
    input: [
      'FROM golang:1.22 AS build',
      'COPY --from=tonistiigi/xx:1.4.0 / /',
      'RUN --mount=type=bind,from=alpine:3.20,source=/etc,target=/x --mount=type=cache,target=/c true',
      'FROM scratch',
      'COPY --from=build /a /a',
      'COPY --from=0 /b /b',
      'RUN --mount=from=build,target=/y true',
      '',
    ].join('\n'),
    output: [
      `FROM golang:1.22@${A} AS build`,
      `COPY --from=tonistiigi/xx:1.4.0@${B} / /`,
      `RUN --mount=type=bind,from=alpine:3.20@${B},source=/etc,target=/x --mount=type=cache,target=/c true`,
      'FROM scratch',
      'COPY --from=build /a /a',
      'COPY --from=0 /b /b',
      'RUN --mount=from=build,target=/y true',
      '',
    ].join('\n'),
  },
  {
    name: 'a stage ARG behind COPY --from',
    input: 'FROM alpine:3.20@' + B + '\nARG XX=tonistiigi/xx:1.4.0\nCOPY --from=${XX} / /\n',
    output: 'FROM alpine:3.20@' + B + `\nARG XX=tonistiigi/xx:1.4.0@${B}\nCOPY --from=\${XX} / /\n`,
  },
  {
    name: 'a stage ARG without a value takes the global default, which is edited',
    input: 'ARG XX=tonistiigi/xx:1.4.0\nFROM alpine:3.20@' + B + '\nARG XX\nCOPY --from=$XX / /\n',
    output: `ARG XX=tonistiigi/xx:1.4.0@${B}\nFROM alpine:3.20@${B}\nARG XX\nCOPY --from=$XX / /\n`,
  },
  {
    name: 'an ARG with no default cannot be pinned: a note, nothing changed',
    input: 'ARG BASE\nFROM ${BASE}\n',
    output: 'ARG BASE\nFROM ${BASE}\n',
    notes: [/Dockerfile:2: note: \$\{BASE\} is not pinned: \$BASE has no value/],
  },
  {
    name: 'a digest with no tag has nothing to follow and is left alone',
    input: `FROM alpine@${OLD}\n`,
    output: `FROM alpine@${OLD}\n`,
  },
  {
    name: 'continuation lines and lower-case keywords',
    input: 'from golang:1.22 \\\n  as build\n',
    output: `from golang:1.22@${A} \\\n  as build\n`,
  },
];

describe('gofile pin: where the digests go', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const r = await pin(c.input);
      expect(r.code).toBe(0);
      expect(r.text).toBe(c.output);
      for (const n of c.notes ?? []) expect(r.err).toMatch(n);
      // pinning again changes nothing, and --check agrees
      const again = await pin(c.output, { check: true });
      expect(again.code).toBe(0);
      expect(again.out).toBe('');
    });
  }

  it('--check names each missing and stale pin, exits 1, and writes nothing', async () => {
    const input = `FROM golang:1.22 AS build\nFROM alpine:3.20@${OLD}\n`;
    const r = await pin(input, { check: true });
    expect(r.code).toBe(1);
    expect(r.text).toBe(input);
    expect(r.out).toBe([
      `Dockerfile:1: golang:1.22 is not pinned; its tag points at ${A}`,
      `Dockerfile:2: alpine:3.20@${OLD} is pinned to ${OLD}, but its tag now points at ${B}`,
      '',
    ].join('\n'));
    expect(r.err).toContain('2 image pins are missing or stale: run gofile pin Dockerfile to update them');
  });

  it('--diff prints the change and writes nothing', async () => {
    const r = await pin('FROM golang:1.22\n', { diff: true });
    expect(r.code).toBe(0);
    expect(r.text).toBe('FROM golang:1.22\n');
    expect(r.out).toContain(`-FROM golang:1.22\n+FROM golang:1.22@${A}\n`);
  });

  it('an image the registry does not have is an error at its line, and no file is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-'));
    writeFileSync(join(dir, 'a.Dockerfile'), 'FROM golang:1.22\n');
    writeFileSync(join(dir, 'b.Dockerfile'), 'FROM alpine:3.20\nFROM golang:9.99\n');
    const e = await runPin({ files: ['a.Dockerfile', 'b.Dockerfile'] }, io(dir), fakeRegistry()).catch((x) => x);
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).format()).toMatch(/^b\.Dockerfile:2: golang:9\.99 was not found/);
    expect(readFileSync(join(dir, 'a.Dockerfile'), 'utf8')).toBe('FROM golang:1.22\n');
  });

  it('asks the registry once per tag', async () => {
    const asked: string[] = [];
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-'));
    writeFileSync(join(dir, 'Dockerfile'), 'FROM golang:1.22 AS a\nFROM golang:1.22 AS b\nCOPY --from=golang:1.22 / /\n');
    await runPin({ files: ['Dockerfile'] }, io(dir), fakeRegistry(asked));
    expect(new Set(asked).size).toBe(1);
  });
});

describe('gofile pin on a spec: the default images, and digests where expand reads them', () => {
  it('a spec with the default builder and a distroless base gets builderDigest after go and baseDigest after base', async () => {
    TAGS['gcr.io/distroless/static-debian12:nonroot'] = C;
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-spec-'));
    writeFileSync(join(dir, 'go.mod'), 'module example.com/x\n\ngo 1.22.3\n');
    writeFileSync(join(dir, 'gofile.yaml'), '# comment kept\npath: .\ngo: "1.22"   # the toolchain\nbase: distroless/static\n');
    const i = io(dir);
    expect(await runPin({ files: ['gofile.yaml'] }, i, fakeRegistry())).toBe(0);
    expect(readFileSync(join(dir, 'gofile.yaml'), 'utf8')).toBe(
      `# comment kept\npath: .\ngo: "1.22"   # the toolchain\nbuilderDigest: ${A}\nbase: distroless/static\nbaseDigest: ${C}\n`,
    );
    expect(await runPin({ files: ['gofile.yaml'], check: true }, io(dir), fakeRegistry())).toBe(0);
  });

  it('a Chainguard base, which the loader refuses without a digest, is exactly what pin fixes', async () => {
    TAGS['cgr.dev/chainguard/static:latest'] = B;
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-spec-'));
    writeFileSync(join(dir, 'gofile.yaml'), 'path: ./cmd/app\ngo: "1.22"\nbase: chainguard/static\n');
    const check = io(dir);
    expect(await runPin({ files: ['gofile.yaml'], check: true }, check, fakeRegistry())).toBe(1);
    expect(check.out).toContain(`gofile.yaml:3: cgr.dev/chainguard/static:latest is not pinned (in baseDigest); its tag points at ${B}`);
    expect(await runPin({ files: ['gofile.yaml'] }, io(dir), fakeRegistry())).toBe(0);
    expect(readFileSync(join(dir, 'gofile.yaml'), 'utf8')).toBe(`path: ./cmd/app\ngo: "1.22"\nbuilderDigest: ${A}\nbase: chainguard/static\nbaseDigest: ${B}\n`);
  });

  it('a copy out of an image gets the digest in its reference, in place; a digest-only reference is left as it is', async () => {
    TAGS['busybox:1.36-musl'] = C;
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-spec-'));
    const copy = (from: string) => `path: .\ngo: "1.22"\nbuilderDigest: ${A}\nscratch: true\ncopy:\n  - from: ${from}   # a shell for debugging\n    src: /bin/busybox\n    dest: /bin/busybox\n  - {from: "busybox@${B}", src: /bin/sh, dest: /bin/sh}\n`;
    writeFileSync(join(dir, 'gofile.yaml'), copy(`busybox:1.36-musl@${OLD}`));
    const check = io(dir);
    expect(await runPin({ files: ['gofile.yaml'], check: true }, check, fakeRegistry())).toBe(1);
    expect(check.out).toContain(`gofile.yaml:6: busybox:1.36-musl is pinned to ${OLD} (in copy[0].from), but its tag now points at ${C}`);
    expect(await runPin({ files: ['gofile.yaml'] }, io(dir), fakeRegistry())).toBe(0);
    expect(readFileSync(join(dir, 'gofile.yaml'), 'utf8')).toBe(copy(`busybox:1.36-musl@${C}`));
    expect(await runPin({ files: ['gofile.yaml'], check: true }, io(dir), fakeRegistry())).toBe(0);
  });

  it('a scratch spec pins only the builder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gofile-pin-spec-'));
    writeFileSync(join(dir, 'gofile.yaml'), 'path: .\ngo: "1.22"\nscratch: true\n');
    expect(await runPin({ files: ['gofile.yaml'] }, io(dir), fakeRegistry())).toBe(0);
    expect(readFileSync(join(dir, 'gofile.yaml'), 'utf8')).toBe(`path: .\ngo: "1.22"\nbuilderDigest: ${A}\nscratch: true\n`);
  });
});

describe('gofile pin fixes exactly what unpinned-base-image reports with require-digest', () => {
  const rules = new RuleSet([unpinned]);
  const lint = (text: string) => {
    const config = { ...defaultConfig(), enabled: [unpinned.meta.code], requireDigest: true };
    return lintText({ text, path: 'Dockerfile', config, goMod: null, parse: {} }, rules).findings;
  };
  const files = [
    'FROM golang:1.22 AS build\nCOPY --from=tonistiigi/xx:1.4.0 / /\nFROM alpine\nCOPY --from=build /a /a\n',
    'ARG BASE=gcr.io/distroless/static:nonroot\nARG GO=1.22\nFROM golang:${GO}-alpine AS b\nFROM ${BASE}\n',
    `FROM alpine:3.20@${OLD}\nFROM scratch\nCOPY --from=0 / /\n`,
  ];
  for (const text of files) {
    it(text.split('\n')[0], async () => {
      const before = lint(text);
      for (const f of before) expect(f.message).toContain('gofile pin');
      const r = await pin(text);
      expect(r.code).toBe(0);
      expect(lint(r.text)).toEqual([]);
      // and what pin changed is what the rule pointed at (a stale pin is pin's business only)
      const changedLines = new Set(text.split('\n').map((l, i) => (l !== r.text.split('\n')[i] ? i + 1 : 0)).filter(Boolean));
      const argLines = new Set(text.split('\n').map((l, i) => (l.startsWith('ARG') ? i + 1 : 0)).filter(Boolean));
      for (const f of before) expect(changedLines.has(f.line) || [...changedLines].some((l) => argLines.has(l))).toBe(true);
    });
  }
});

describe('withDigest: the reference BuildKit pins after resolving', () => {
  it.each([
    ['golang:1.22', `docker.io/library/golang:1.22@${A}`],
    ['alpine', `docker.io/library/alpine@${A}`],
    ['alpine:latest', `docker.io/library/alpine:latest@${A}`],
    [`golang:1.22@${OLD}`, `docker.io/library/golang:1.22@${A}`],
    ['ghcr.io/acme/tool:v1', `ghcr.io/acme/tool:v1@${A}`],
    ['127.0.0.1:5000/x/y', `127.0.0.1:5000/x/y@${A}`],
  ])('%s', (text, want) => {
    expect(withDigest(text, A)).toBe(want);
  });
});
