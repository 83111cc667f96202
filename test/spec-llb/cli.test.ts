// `gofile llb gofile.yaml` end to end (the built CLI): the same ops as `gofile llb` on the expanded
// Dockerfile, op for op, the same --write-config, the flags, and source locations in gofile.yaml.
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDefinition } from '../../src/llb/index.js';
import { runLlb } from '../../src/commands/llb.js';
import type { Io } from '../../src/io.js';
import { gofile, tempTree } from '../helpers/cli.js';
import { REPO } from '../helpers/shared.js';

const SPECS = join(REPO, 'corpus', 'specs');
const names = readdirSync(SPECS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();

/** A module folder with the spec, a go.mod and go.sum beside it, and its expansion by `gofile expand`. */
function workspace(name: string): string {
  const dir = tempTree({ 'go.mod': 'module example.com/acme/server\n\ngo 1.24.2\n', 'go.sum': '' });
  copyFileSync(join(SPECS, `${name}.yaml`), join(dir, 'gofile.yaml'));
  const r = gofile(['expand', 'gofile.yaml', '-o', 'Dockerfile'], { cwd: dir });
  expect(r.stderr).toBe('');
  return dir;
}

const ops = (json: string) => json.trim().split('\n');

describe('gofile llb gofile.yaml', () => {
  it.each(names)('%s: json op for op equal to the expanded Dockerfile\'s, config too', (name) => {
    const dir = workspace(name);
    for (const platform of ['linux/amd64', 'linux/arm64']) {
      const flags = ['--format', 'json', '--platform', platform, '--local-unique-id', 'e2e'];
      const spec = gofile(['llb', 'gofile.yaml', ...flags, '--write-config', 'spec.json'], { cwd: dir });
      const df = gofile(['llb', 'Dockerfile', ...flags, '--write-config', 'df.json'], { cwd: dir });
      expect(spec.stderr).toBe('');
      expect(spec.code).toBe(0);
      expect(df.code).toBe(0);
      expect(ops(spec.stdout)).toEqual(ops(df.stdout));
      expect(ops(spec.stdout).length).toBeGreaterThan(5);
      expect(readFileSync(join(dir, 'spec.json'), 'utf8')).toBe(readFileSync(join(dir, 'df.json'), 'utf8'));
    }
  });

  it('passes --build-arg to the spec\'s build args, as the Dockerfile route does', () => {
    const dir = workspace('ldflags-version');
    const flags = ['--format', 'json', '--build-arg', 'VERSION=9.9.9'];
    const spec = gofile(['llb', 'gofile.yaml', ...flags], { cwd: dir });
    expect(spec.stdout).toContain('VERSION=9.9.9');
    expect(ops(spec.stdout)).toEqual(ops(gofile(['llb', 'Dockerfile', ...flags], { cwd: dir }).stdout));
  });

  it('draws the same graph with --format dot', () => {
    const dir = workspace('private-ssh');
    expect(gofile(['llb', 'gofile.yaml', '--format', 'dot'], { cwd: dir }).stdout).toBe(gofile(['llb', 'Dockerfile', '--format', 'dot'], { cwd: dir }).stdout);
  });

  it('refuses --target (a spec builds one image) and reports spec errors with file:line', () => {
    const dir = workspace('distroless-static');
    const t = gofile(['llb', 'gofile.yaml', '--format', 'json', '--target', 'build'], { cwd: dir });
    expect(t.code).not.toBe(0);
    expect(t.stderr).toMatch(/--target build: a gofile\.yaml builds one image/);
    writeFileSync(join(dir, 'bad.yaml'), 'path: .\nuser: root\n');
    const bad = gofile(['llb', 'bad.yaml', '--format', 'json'], { cwd: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/bad\.yaml:2.*root/);
  });

  it('writes the binary Definition with source locations in gofile.yaml, no Dockerfile in it', async () => {
    const dir = workspace('alpine-packages');
    const io: Io = { stdout: () => {}, stderr: () => {}, stdoutIsTTY: false, stdin: async () => '', cwd: dir, env: {} };
    let bytes: Uint8Array | undefined;
    expect(await runLlb({ input: 'gofile.yaml' }, io, (b) => (bytes = b))).toBe(0);
    const def = decodeDefinition(bytes!);
    const infos = def.source?.infos ?? [];
    expect(infos.map((i) => i.filename)).toEqual(['gofile.yaml']);
    expect(new TextDecoder().decode(infos[0].data)).toBe(readFileSync(join(dir, 'gofile.yaml'), 'utf8'));
    expect(infos[0].definition).toBeUndefined();
    // each op points at the spec key that decided it: go build at `path`, a copy at its item, the base at `base`
    const lineOf = (name: RegExp) => {
      const digest = Object.keys(def.metadata!).find((d) => name.test(def.metadata![d].description?.['llb.customname'] ?? ''))!;
      return def.source!.locations![digest].locations![0].ranges!.map((r) => r.start!.line);
    };
    expect(lineOf(/go build/)).toEqual([2]);
    expect(lineOf(/FROM docker.io\/library\/alpine/)).toEqual([4]);
    expect(lineOf(/COPY configs/)).toEqual([19, 20]);
    expect(lineOf(/mkdir -p \/var\/cache/)).toEqual([8, 9, 10]);
    expect(lineOf(/WORKDIR \/var/)).toEqual([7]);
  });

  it('refuses a terminal for binary output, naming the spec in the hint', async () => {
    const dir = workspace('distroless-static');
    const io: Io = { stdout: () => {}, stderr: () => {}, stdoutIsTTY: true, stdin: async () => '', cwd: dir, env: {} };
    await expect(runLlb({ input: 'gofile.yaml' }, io)).rejects.toThrow(/gofile llb gofile\.yaml \| buildctl build --local context=\./);
  });
});
