// The full, more and link goldens (BuildKit's own frontend output) rebuilt from their Dockerfiles.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeDefinition, encodeDefinition } from '../../src/llb/index.js';
import { expectSameDefinition } from '../llb/shared.js';
import { GOLDEN, HAS_GOLDEN, convertFile } from './helpers.js';

// the goldens were marshaled with local.unique "fixed" and one known progress-group id (random in Go)
const OPTS = { localUniqueId: 'fixed', newId: () => 'w5d1plxp9wgaw5micr13njopj' };

describe.skipIf(!HAS_GOLDEN)('Dockerfile goldens from the frontend', () => {
  it.each([
    ['full', true, true],
    ['more', false, false],
    ['link', false, true],
  ] as const)('%s', (name, sourceMap, sameOrder) => {
    const r = convertFile(join(GOLDEN, `${name}.Dockerfile`), { ...OPTS, sourceMap });
    const bytes = encodeDefinition(r.definition);
    const golden = new Uint8Array(readFileSync(join(GOLDEN, `${name}.llb`)));
    // same ops, terminal last, metadata and source maps; Go's sibling order is random (doc §1)
    expectSameDefinition(decodeDefinition(bytes), decodeDefinition(golden));
    // where Go happened to pick our DFS order, the bytes are identical
    if (sameOrder) expect(Buffer.from(bytes).equals(Buffer.from(golden))).toBe(true);
  });

  it('full: image config is byte-identical to BuildKit\'s', () => {
    const r = convertFile(join(GOLDEN, 'full.Dockerfile'), OPTS);
    expect(JSON.stringify(r.imageConfig)).toBe(readFileSync(join(GOLDEN, 'full.image-config.json'), 'utf8').trim());
  });
});
