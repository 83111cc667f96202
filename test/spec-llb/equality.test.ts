// The spec route and the Dockerfile route give the same LLB: every corpus spec and generated specs,
// on several platforms, same op digests (terminal included), same op metadata, same image config.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { expandSpec, hasBuilder } from '../../src/spec/expand.js';
import { REPO } from '../helpers/shared.js';
import { specArbitrary } from '../spec/arbitrary.js';
import { dumpJSON, encodeDefinition } from '../../src/llb/index.js';
import { bothRoutes, definitionDiff, digestSet } from './compare.js';

const SPECS = join(REPO, 'corpus', 'specs');
const names = readdirSync(SPECS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
const resolvedOf = (name: string) => resolveSpec(loadSpec(readFileSync(join(SPECS, `${name}.yaml`), 'utf8'), `${name}.yaml`));

/** Target platform, and the build platform (undefined: the target's own, as BuildKit's default). */
const PLATFORMS: Array<[string, string | undefined]> = [
  ['linux/amd64', undefined], ['linux/arm64', undefined], ['linux/arm64', 'linux/amd64'], ['linux/arm/v7', 'linux/amd64'],
];

let checked = 0;

function expectEqual(r: ReturnType<typeof resolvedOf>, platform: string, buildPlatform: string | undefined, buildArgs?: Record<string, string>): void {
  const { spec, dockerfile } = bothRoutes(r, { platform, buildPlatform, buildArgs, localUniqueId: 'spec-llb-test' });
  const diff = definitionDiff(spec.definition, dockerfile.definition);
  expect(diff, `${platform}${buildPlatform ? ` from ${buildPlatform}` : ''}:\n${expandSpec(r)}`).toEqual([]);
  expect(digestSet(spec.definition)).toEqual(digestSet(dockerfile.definition));
  expect(spec.imageConfig).toEqual(dockerfile.imageConfig);
  expect(JSON.stringify(spec.imageConfig)).toBe(JSON.stringify(dockerfile.imageConfig)); // Go field order too
  checked++;
}

describe('corpus/specs: spec route = Dockerfile route', () => {
  it('has specs to check', () => expect(names.length).toBeGreaterThanOrEqual(8));

  for (const [platform, buildPlatform] of PLATFORMS) {
    it.each(names)(`%s on ${platform}${buildPlatform ? ` (built on ${buildPlatform})` : ''}`, (name) => {
      expectEqual(resolvedOf(name), platform, buildPlatform);
    });
  }

  it.each(names)('%s with --build-arg values (spec args and platform args)', (name) => {
    const r = resolvedOf(name);
    const args: Record<string, string> = { TARGETARCH: 'riscv64' };
    for (const k of Object.keys(r.buildArgs)) args[k] = `from-cli-${k.toLowerCase()}`;
    expectEqual(r, 'linux/amd64', undefined, args);
  });
});

describe('generated specs: spec route = Dockerfile route', () => {
  it('agrees on 300 generated specs across platforms', () => {
    const before = checked;
    // go.mod's local replaces: directories beside the module, below it or at the context's root
    const replaces = fc.array(fc.constantFrom('../lib', './internal/x', '../../shared/go', '..'), { maxLength: 2 });
    fc.assert(
      fc.property(specArbitrary, fc.constantFrom(...PLATFORMS), fc.boolean(), replaces, (spec, [platform, buildPlatform], goSum, paths) => {
        expectEqual(resolveSpec(spec, { goSum, goMod: { localReplaces: paths.map((path) => ({ path, line: 1 })) } }), platform, buildPlatform);
      }),
      { numRuns: 300 },
    );
    expect(checked - before).toBeGreaterThanOrEqual(300);
  });
});

describe('known base image configs (--base-config): spec route = Dockerfile route', () => {
  const layer = (n: string) => ({ type: 'layers', diff_ids: [`sha256:${n.repeat(64)}`] });
  const golang = { architecture: 'amd64', os: 'linux', rootfs: layer('1'), config: { Env: ['PATH=/go/bin:/usr/local/go/bin:/usr/bin:/bin', 'GOLANG_VERSION=1.24.2', 'GOPATH=/go'], WorkingDir: '/go' } };
  const runtime = { architecture: 'arm64', os: 'linux', rootfs: layer('2'), config: { Env: ['SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'], User: '65532', WorkingDir: '/home/nonroot', Labels: { base: 'yes' }, Cmd: ['/bin/sh'] } };
  const empty = { architecture: 'arm64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] }, history: [{ created_by: 'nothing', empty_layer: true }] };

  it.each(names)('%s with its builder and base configs known', (name) => {
    const r = resolvedOf(name);
    for (const base of [runtime, empty]) {
      const baseConfigs = new Map<string, never>([[r.builder, golang as never], [r.baseDigest ? `${r.base}@${r.baseDigest}` : r.base, base as never]]);
      const { spec, dockerfile } = bothRoutes(r, { platform: 'linux/arm64', buildPlatform: 'linux/amd64', baseConfigs });
      expect(definitionDiff(spec.definition, dockerfile.definition)).toEqual([]);
      expect(JSON.stringify(spec.imageConfig)).toBe(JSON.stringify(dockerfile.imageConfig));
      // the configs were used: the builder's GOPATH reaches the exec ops (when it runs any), the base's label the image
      if (!r.builderDigest && hasBuilder(r)) expect(dumpJSON(encodeDefinition(spec.definition))).toContain('GOPATH=/go');
      if (base === runtime && r.base !== 'scratch' && !r.baseDigest) expect(spec.imageConfig).toMatchObject({ config: { Labels: { base: 'yes' } } });
    }
  });
});

describe('a shell health check: spec route = Dockerfile route', () => {
  it('is ["CMD-SHELL", line] in the image config and its history, quotes and backslashes as the frontend has them', () => {
    const line = `printf 'GET /health HTTP/1.0\\r\\n\\r\\n' | nc localhost 8080 | grep -q '"status":"ok"' || exit 1`;
    const r = resolveSpec(loadSpec(`path: .\nbase: debian-slim\nhealthcheck:\n  shell: ${JSON.stringify(line)}\n  startPeriod: 5s\n`, 'g.yaml'));
    expectEqual(r, 'linux/arm64', 'linux/amd64');
    const { spec } = bothRoutes(r, { platform: 'linux/amd64' });
    const image = spec.imageConfig as { config: { Healthcheck: { Test: string[]; StartPeriod: number } }; history: { created_by: string }[] };
    expect(image.config.Healthcheck).toMatchObject({ Test: ['CMD-SHELL', line], StartPeriod: 5e9 });
    expect(image.history.map((h) => h.created_by)).toContain(`HEALTHCHECK &{["CMD-SHELL" ${JSON.stringify(line)}] "0s" "0s" "5s" '\\x00'}`);
  });
});
