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
import { specToYaml } from '../../src/convert/write.js';
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
  it('leaves out what go.mod implies', () => {
    const goMod = { module: 'example.com/widget', goVersion: '1.24.2' };
    const { result, back, resolved } = roundTrip({ path: '.', ports: [8080] }, { goMod });
    expect(back).toEqual(resolved);
    expect(result.spec).toEqual({ path: '.', ports: [8080] });
  });
});

// Specs whose Dockerfile cannot tell them apart from another spec: skipped, each for the reason given.
function ambiguous(s: GofileSpec): boolean {
  // the arbitrary sometimes makes specs the loader refuses (`./0../0`); those have no round trip to check
  try { loadSpec(specToYaml(s), 'gofile.yaml'); } catch { return true; }
  // packages expand adds itself for repo/private/cgo (git, gcc…) are indistinguishable from asking for them
  if ((s.buildPackages ?? []).some((p) => /^(git|gcc|g\+\+|musl-dev|libc-dev|libc6-dev|build-base|build-essential|openssh|openssh-client|ca-certificates|tzdata)(=|~|$)/.test(p))) return true;
  if ((s.packages ?? []).some((p) => /^(ca-certificates|tzdata)(=|~|$)/.test(p))) return true;
  // a builder override shows its own tag, not the spec's `go`
  if (s.builder) return true;
  // the static link expand adds for cgo on a libc-less base looks like the same flags written by hand
  if ((s.ldflags ?? []).some((f) => /linkmode|extldflags=-static$/.test(f))) return true;
  // variables expand owns or drops whatever the spec says (shell settings, module settings)
  if (Object.keys(s.buildEnv ?? {}).some((k) => /^(PATH|HOME|USER|SHELL|TERM|LANG|LANGUAGE|LC_[A-Z]+|DEBIAN_FRONTEND|GIT_SSH_COMMAND|GIT_TERMINAL_PROMPT|TZ|GOBIN|GOROOT|GO111MODULE|GOINSECURE|GONOSUMCHECK|GOSUMDB|GO[A-Z]*|CGO_[A-Z_]*|CC|CXX)$/.test(k) && !/^(GOEXPERIMENT|GOAMD64|GOTOOLCHAIN|GOPROXY|CGO_CFLAGS|CGO_LDFLAGS)$/.test(k))) return true;
  // `./a...` is a package pattern to go build (the loader only refuses `/...`)
  if (s.path.endsWith('...')) return true;
  // an ENV of the same name shadows the ARG in the Dockerfile (the loader could refuse the pair)
  if (Object.keys(s.buildEnv ?? {}).some((k) => k in (s.buildArgs ?? {}))) return true;
  return false;
}

describe('round trip over generated specs', () => {
  it('convert(expand(spec)) resolves to the spec', () => {
    fc.assert(fc.property(specArbitrary, fc.boolean(), (spec, goSum) => {
      fc.pre(!ambiguous(spec));
      const { resolved, back, result, text } = roundTrip(spec, { goSum });
      expect(result.refused, text).toBeUndefined();
      expect(back, `${text}\n${specToYaml(result.spec)}`).toEqual(resolved);
      expect(result.report.filter((n) => n.outcome === 'unrepresentable'), text).toEqual([]);
    }), { numRuns: 300 });
  });
});
