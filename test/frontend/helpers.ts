// Runs the frontend on a corpus or golden Dockerfile under the reference conditions (§11).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB, goJSON, type ConvertOptions } from '../../src/frontend/index.js';
import { digestOf } from '../../src/llb/ops.js';
import { SHARED } from '../helpers/shared.js';

export const CORPUS_FILES = join(SHARED, 'corpus', 'files');
export const CORPUS_LLB = join(SHARED, 'corpus', 'llb');
export const GOLDEN = join(SHARED, 'llb-golden');
export const HAS_LLB_CORPUS = existsSync(CORPUS_LLB) && existsSync(CORPUS_FILES);
export const HAS_GOLDEN = existsSync(GOLDEN);

if (!HAS_LLB_CORPUS) console.warn(`[gofile tests] ${CORPUS_LLB} is absent: frontend corpus tests are skipped`);
if (!HAS_GOLDEN) console.warn(`[gofile tests] ${GOLDEN} is absent: frontend golden tests are skipped`);

/** Corpus ids with a reference result, split into accepted (.llb) and refused (.err). */
export function corpusIds(ext: 'llb' | 'err'): string[] {
  if (!HAS_LLB_CORPUS) return [];
  return readdirSync(CORPUS_LLB).filter((f) => f.endsWith('.' + ext)).map((f) => f.slice(0, -ext.length - 1)).sort();
}

export function convertFile(file: string, opts: ConvertOptions = {}) {
  const text = readFileSync(file, 'utf8');
  const model = parseDockerfile(text, { path: 'Dockerfile' });
  return dockerfileToLLB(model, { localUniqueId: 'gofile', ...opts });
}

export interface CorpusOutcome {
  digests: string[];
  expectedDigests: string[];
  config: unknown;
  expectedConfig: unknown;
}

export function corpusOutcome(id: string): CorpusOutcome {
  const r = convertFile(join(CORPUS_FILES, `${id}.Dockerfile`));
  const digests = (r.definition.def ?? []).map((b) => digestOf(b)).sort();
  const expectedDigests = readFileSync(join(CORPUS_LLB, `${id}.digests`), 'utf8').trim().split('\n').filter(Boolean).sort();
  return {
    digests: [...new Set(digests)],
    expectedDigests,
    config: JSON.parse(goJSON(r.imageConfig)),
    expectedConfig: JSON.parse(readFileSync(join(CORPUS_LLB, `${id}.config.json`), 'utf8')),
  };
}
