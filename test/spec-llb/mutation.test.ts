// The equality check can fail: a spec route fed one changed field must differ from the Dockerfile route
// of the unchanged spec, in its op digests or in its image config; a renamed op is caught in metadata.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB } from '../../src/frontend/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { expandSpec } from '../../src/spec/expand.js';
import type { ResolvedSpec } from '../../src/spec/types.js';
import { specToLLB } from '../../src/spec-llb/index.js';
import { REPO } from '../helpers/shared.js';
import { bothRoutes, definitionDiff, digestSet } from './compare.js';

const SPECS = join(REPO, 'corpus', 'specs');
const load = (name: string) => resolveSpec(loadSpec(readFileSync(join(SPECS, `${name}.yaml`), 'utf8'), `${name}.yaml`));

type Mutation = [string, string, (r: ResolvedSpec) => ResolvedSpec, 'ops' | 'config'];
const MUTATIONS: Mutation[] = [
  ['binary name', 'distroless-static', (r) => ({ ...r, name: r.name + '2' }), 'ops'],
  ['go.sum bind dropped', 'distroless-static', (r) => ({ ...r, goSum: !r.goSum }), 'ops'],
  ['cgo (platform of the builder)', 'distroless-static', (r) => ({ ...r, cgo: !r.cgo }), 'ops'],
  ['buildEnv order', 'ldflags-version', (r) => ({ ...r, buildEnv: { ...r.buildEnv, ZZ_EXTRA: '1' } }), 'ops'],
  ['runtime workdir (mkdir owner follows user)', 'debian-slim', (r) => ({ ...r, user: '1000:1000', workdir: '/data' }), 'ops'],
  ['a label', 'distroless-static', (r) => ({ ...r, labels: { ...r.labels, 'org.example.extra': 'x' } }), 'config'],
  ['the user (config only when no WORKDIR follows)', 'distroless-static', (r) => ({ ...r, user: '1000:1000', workdir: '/' }), 'config'],
  ['a port', 'distroless-static', (r) => ({ ...r, ports: [...r.ports, '9999/udp'] }), 'config'],
  ['the health check as a shell line instead of exec form', 'distroless-static', (r) => ({ ...r, healthcheck: { ...r.healthcheck!, cmd: undefined, shell: r.healthcheck!.cmd!.join(' ') } }), 'config'],
];

describe('the comparison fails when one field differs', () => {
  it.each(MUTATIONS)('%s (%s)', (_what, name, mutate, where) => {
    const r = load(name);
    const reference = dockerfileToLLB(parseDockerfile(expandSpec(r)), { platform: 'linux/arm64' });
    const mutated = specToLLB(mutate(r), { platform: 'linux/arm64' });
    // the unmutated spec agrees, so the difference is the mutation's
    expect(definitionDiff(specToLLB(r, { platform: 'linux/arm64' }).definition, reference.definition)).toEqual([]);
    if (where === 'ops') {
      expect(digestSet(mutated.definition)).not.toEqual(digestSet(reference.definition));
      expect(definitionDiff(mutated.definition, reference.definition).some((d) => d.startsWith('only in spec'))).toBe(true);
    } else {
      expect(definitionDiff(mutated.definition, reference.definition)).toEqual([]);
      expect(mutated.imageConfig).not.toEqual(reference.imageConfig);
    }
  });

  it('another platform differs (the platform is in every image and exec op)', () => {
    const r = load('alpine-packages');
    const a = specToLLB(r, { platform: 'linux/amd64' });
    const b = dockerfileToLLB(parseDockerfile(expandSpec(r)), { platform: 'linux/arm64' });
    expect(definitionDiff(a.definition, b.definition)).not.toEqual([]);
  });

  it('a renamed op has the same digest but is caught by the metadata comparison', () => {
    const { spec, dockerfile } = bothRoutes(load('distroless-static'));
    const [digest, md] = Object.entries(spec.definition.metadata!).find(([, m]) => m.description?.['llb.customname'])!;
    const renamed = { ...spec.definition, metadata: { ...spec.definition.metadata, [digest]: { ...md, description: { ...md.description, 'llb.customname': 'renamed' } } } };
    expect(digestSet(renamed)).toEqual(digestSet(dockerfile.definition));
    expect(definitionDiff(renamed, dockerfile.definition)).toHaveLength(1);
  });
});
