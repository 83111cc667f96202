// Every corpus Dockerfile BuildKit accepted: same op digests and image config as BuildKit v0.11.6 (§11 conditions).
import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import { HAS_LLB_CORPUS, corpusIds, corpusOutcome } from './helpers.js';

const ids = corpusIds('llb');
const tally = { digests: 0, config: 0 };

describe.skipIf(!HAS_LLB_CORPUS)('corpus: op digests and image config match BuildKit', () => {
  it.each(ids)('%s', (id) => {
    const o = corpusOutcome(id);
    const digestsMatch = isDeepStrictEqual(o.digests, o.expectedDigests);
    const configMatch = isDeepStrictEqual(o.config, o.expectedConfig);
    if (digestsMatch) tally.digests++;
    if (configMatch) tally.config++;
    expect(o.digests).toEqual(o.expectedDigests);
    expect(o.config).toEqual(o.expectedConfig);
  });

  it('summary: counts the files that match', () => {
    // runs last in this file: vitest keeps declaration order within a file
    console.log(`[frontend corpus] digests match: ${tally.digests}/${ids.length}; image config matches: ${tally.config}/${ids.length}`);
    expect(ids.length).toBeGreaterThan(0);
  });
});
