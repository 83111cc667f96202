import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { corpusEntries, HAS_CORPUS } from '../helpers/shared.js';

describe.skipIf(!HAS_CORPUS)('parsing the shared corpus', () => {
  const entries = corpusEntries();
  it('has the files', () => expect(entries.length).toBeGreaterThan(100));
  for (const e of entries) {
    it(`${e.id} ${e.repo}/${e.path}`, () => {
      const model = parseDockerfile(e.text, { path: e.file });
      if (e.accepted) expect(model.errors).toEqual([]);
      if (e.accepted) expect(model.stages.length).toBeGreaterThan(0);
      // Every instruction lies inside the file and in order.
      let last = -1;
      for (const i of model.instructions) {
        expect(i.span.start.offset).toBeGreaterThan(last);
        expect(i.span.end.offset).toBeLessThanOrEqual(model.text.length);
        last = i.span.start.offset;
      }
    });
  }
});
