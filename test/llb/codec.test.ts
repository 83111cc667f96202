import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dumpDot, dumpJSON } from '../../src/llb/dump.js';
import { decodeDefinition, decodeOp, digestOf, encodeDefinition, encodeOp } from '../../src/llb/ops.js';
import {
  corpusFiles,
  corpusLLBDir,
  goldenCases,
  hasCorpus,
  hasGolden,
  readCorpus,
  readCorpusText,
  readGolden,
  readGoldenText,
} from './shared.js';

function parseLines(text: string): unknown[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

describe.skipIf(!hasGolden)('golden definitions: decode and re-encode', () => {
  it.each(goldenCases())('%s re-encodes to identical bytes', (name) => {
    const bytes = readGolden(`${name}.llb`);
    const def = decodeDefinition(bytes);
    expect(Buffer.from(encodeDefinition(def)).equals(Buffer.from(bytes))).toBe(true);
    for (const opBytes of def.def ?? []) {
      expect(Buffer.from(encodeOp(decodeOp(opBytes))).equals(Buffer.from(opBytes))).toBe(true);
    }
  });

  it.each(goldenCases())('%s dumps like buildctl debug dump-llb', (name) => {
    const bytes = readGolden(`${name}.llb`);
    const expected = readGoldenText(`${name}.json`);
    const actual = dumpJSON(bytes);
    expect(parseLines(actual)).toEqual(parseLines(expected));
    // Go's encoder is deterministic (struct order, sorted map keys), so the text matches too
    expect(actual).toBe(expected);
  });

  it.each(goldenCases())('%s dot view has one node per op', (name) => {
    const bytes = readGolden(`${name}.llb`);
    const dot = dumpDot(bytes);
    const n = decodeDefinition(bytes).def?.length ?? 0;
    expect(dot.startsWith('digraph {\n')).toBe(true);
    expect(dot.match(/\[label=.* shape=/g)?.length ?? 0).toBe(n);
  });
});

describe.skipIf(!hasCorpus)('corpus definitions', () => {
  it.each(corpusFiles())('%s re-encodes to identical bytes and dumps like buildctl', (file) => {
    const bytes = readCorpus(file);
    const def = decodeDefinition(bytes);
    expect(Buffer.from(encodeDefinition(def)).equals(Buffer.from(bytes))).toBe(true);
    const base = file.slice(0, -4);
    const digests = (def.def ?? []).map((b) => digestOf(b)).sort();
    if (existsSync(path.join(corpusLLBDir, `${base}.digests`))) {
      const expected = readCorpusText(`${base}.digests`).split('\n').filter(Boolean).sort();
      expect(digests).toEqual(expected);
    }
    if (existsSync(path.join(corpusLLBDir, `${base}.dump.json`))) {
      const expected = readCorpusText(`${base}.dump.json`);
      const actual = dumpJSON(bytes);
      expect(parseLines(actual)).toEqual(parseLines(expected));
      expect(actual).toBe(expected);
    }
  });
});
