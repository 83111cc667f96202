// convert(expand(spec)) gives the spec back (compared after filling defaults), for the team's specs and generated ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { resolveSpec, type ResolveOptions } from '../../src/spec/resolve.js';
import { expandSpec } from '../../src/spec/expand.js';
import type { GofileSpec } from '../../src/spec/types.js';
import { FIELD_ORDER, specToYaml } from '../../src/convert/write.js';
import { SPEC_SCHEMA } from '../../src/spec/jsonschema.js';
import { specArbitrary } from '../spec/arbitrary.js';
import { REPO } from '../helpers/shared.js';

const SPECS = join(REPO, 'corpus', 'specs');

function roundTrip(spec: GofileSpec, opts: ResolveOptions = {}) {
  const resolved = resolveSpec(spec, opts);
  const text = expandSpec(resolved);
  const result = convertDockerfile(parseDockerfile(text), { goMod: opts.goMod });
  return { resolved, text, result, back: result.refused ? undefined : resolveSpec(result.spec, opts) };
}

describe('round trip over corpus/specs', () => {
  const files = readdirSync(SPECS).filter((f) => f.endsWith('.yaml'));
  it('has the specs', () => expect(files.length).toBeGreaterThan(5));
  for (const f of files) {
    it(f, () => {
      const spec = loadSpec(readFileSync(join(SPECS, f), 'utf8'), f);
      const { resolved, back, result } = roundTrip(spec);
      expect(result.refused).toBeUndefined();
      expect(back).toEqual(resolved);
      expect(result.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
      // what convert writes, the loader reads back
      expect(loadSpec(specToYaml(result.spec), 'gofile.yaml')).toEqual(result.spec);
    });
  }
  it('reads back values with quotes and variables, GO build args, and a variant list in the header', () => {
    const specs: GofileSpec[] = [
      { path: '.', base: 'alpine', env: { A: "'x'", PATH: '/app:${PATH}', B: '$A/b' }, labels: { l: "'q'" } },
      // single quotes inside the double quotes expand writes are literal: $PATH in them is still expanded
      { path: '.', base: 'alpine', env: { C: "'$PATH'", D: "a'${PATH}'b" } },
      { path: '0', buildArgs: { GO: '' } },
      { path: '.', buildArgs: { GOPROXY: 'https://proxy.example.com', VERSION: 'dev' }, buildEnv: { GOEXPERIMENT: 'boringcrypto' }, ldflags: ['-X main.v=${VERSION}'] },
      { path: '.', args: ['app', '--x'], name: 'app' },
      { path: '.', build: { command: 'VERSION=${V} make release', output: 'bin/app' }, buildArgs: { V: 'dev' }, base: 'debian-slim', setup: ['mkdir -p /data', 'chown 65532:65532 /data'], volumes: ['/data'], stopSignal: 'SIGINT', workdir: '/srv', entrypoint: ['./app'] },
      // busybox's shell on distroless :debug: the SHELL expand writes for `setup` reads back as nothing of its own
      { path: '.', build: { command: 'make cli', output: 'cmd/cli/cli' }, base: 'gcr.io/distroless/static:debug', setup: ['ln -s /busybox/sh /bin/sh'] },
      // a shell health check: the line as written, quotes, `$`, a mid-line backslash and a comment included
      { path: '.', base: 'alpine', healthcheck: { shell: 'wget -qO- http://localhost:8080/healthz | grep -q "ok" || exit 1', interval: '1m', timeout: '10s' } },
      { path: '.', base: 'debian-slim', packages: ['curl'], healthcheck: { shell: "curl -fsS localhost:8080/health | grep -q '\"up\"' && test \"$(cat /tmp/state)\" = ok", retries: 2 } },
      { path: '.', base: 'registry.example.com/team/runtime:1.4', name: 'srv', healthcheck: { shell: "printf 'PING\\r\\n' | nc -w 1 localhost 6379 | grep -q PONG # redis-style", startPeriod: '5s' } },
      { path: '.', base: 'ubuntu:24.04', healthcheck: { shell: '[ -f /tmp/healthy ]' } },
    ];
    for (const spec of specs) {
      const { resolved, back, result, text } = roundTrip(spec);
      expect(back, text).toEqual(resolved);
      expect(result.report.filter((n) => n.outcome === 'unrepresentable'), text).toEqual([]);
    }
  });
  it('leaves out what go.mod implies', () => {
    const goMod = { module: 'example.com/widget', goVersion: '1.24.2' };
    const { result, back, resolved } = roundTrip({ path: '.', ports: [8080] }, { goMod });
    expect(back).toEqual(resolved);
    expect(result.spec).toEqual({ path: '.', ports: [8080] });
  });
});

// Specs whose Dockerfile cannot tell them apart from another spec: skipped, each for the reason given.
function ambiguous(s: GofileSpec): boolean {
  // packages expand adds itself for repo/private/cgo (git, gcc…) are indistinguishable from asking for them
  if ((s.buildPackages ?? []).some((p) => /^(git|gcc|g\+\+|musl-dev|libc-dev|libc6-dev|build-base|build-essential|openssh|openssh-client|ca-certificates|tzdata)(=|~|$)/.test(p))) return true;
  if ((s.packages ?? []).some((p) => /^(ca-certificates|tzdata)(=|~|$)/.test(p))) return true;
  // a builder override shows its own tag, not the spec's `go`
  if (s.builder) return true;
  // the static link expand adds for cgo on a libc-less base looks like the same flags written by hand
  if ((s.ldflags ?? []).some((f) => /linkmode|extldflags=-static$/.test(f))) return true;
  // variables expand owns or drops whatever the spec says (shell settings, module settings)
  if (Object.keys(s.buildEnv ?? {}).some((k) => /^(PATH|HOME|USER|SHELL|TERM|LANG|LANGUAGE|LC_[A-Z]+|DEBIAN_FRONTEND|GIT_SSH_COMMAND|GIT_TERMINAL_PROMPT|TZ|GOBIN|GOROOT|GO111MODULE|GOINSECURE|GONOSUMCHECK|GOSUMDB|GO[A-Z]*|CGO_[A-Z_]*|CC|CXX)$/.test(k) && !/^(GOEXPERIMENT|GOAMD64|GOTOOLCHAIN|GOPROXY|CGO_CFLAGS|CGO_LDFLAGS)$/.test(k))) return true;
  return false;
}

describe('round trip over generated specs', () => {
  it('convert(expand(spec)) resolves to the spec', () => {
    fc.assert(fc.property(specArbitrary, fc.boolean(), (spec, goSum) => {
      // every generated spec is one the loader accepts: the arbitrary stays inside the schema
      expect(loadSpec(specToYaml(spec), 'gofile.yaml')).toEqual(spec);
      fc.pre(!ambiguous(spec));
      const { resolved, back, result, text } = roundTrip(spec, { goSum });
      expect(result.refused, text).toBeUndefined();
      expect(back, `${text}\n${specToYaml(result.spec)}`).toEqual(resolved);
      expect(result.report.filter((n) => n.outcome === 'unrepresentable'), text).toEqual([]);
    }), { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 300), ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) });
  });
});

describe('the spec convert writes', () => {
  it('orders every field of the schema: a field left out of FIELD_ORDER would be dropped from the YAML', () => {
    expect([...FIELD_ORDER].sort()).toEqual(Object.keys(SPEC_SCHEMA.properties).sort());
  });
});
