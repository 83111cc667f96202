// Every corpus Dockerfile BuildKit refused: gofile refuses it too, naming the same problem, with file:line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConvertError } from '../../src/frontend/index.js';
import { CORPUS_FILES, CORPUS_LLB, HAS_LLB_CORPUS, convertFile, corpusIds } from './helpers.js';

describe.skipIf(!HAS_LLB_CORPUS)('corpus: files BuildKit refuses', () => {
  it.each(corpusIds('err'))('%s', (id) => {
    const expected = JSON.parse(readFileSync(join(CORPUS_LLB, `${id}.err`), 'utf8')) as string;
    let error: unknown;
    try {
      convertFile(join(CORPUS_FILES, `${id}.Dockerfile`));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConvertError);
    const e = error as ConvertError;
    expect(e.message).toContain(expected);
    expect(e.line).toBeGreaterThan(0);
    expect(e.format()).toMatch(/^Dockerfile:\d+: /);
  });
});
