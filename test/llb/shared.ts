// Locates the shared reference data (../shared beside the repo) that the LLB tests compare against.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { digestOf, type Definition } from '../../src/llb/ops.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const sharedDir = path.resolve(repoRoot, '..', 'shared');
export const goldenDir = path.join(sharedDir, 'llb-golden');
export const corpusLLBDir = path.join(sharedDir, 'corpus', 'llb');
export const hasGolden = existsSync(goldenDir);
export const hasCorpus = existsSync(corpusLLBDir);

if (!hasGolden) console.warn(`LLB golden tests skipped: ${goldenDir} is absent`);
if (!hasCorpus) console.warn(`LLB corpus tests skipped: ${corpusLLBDir} is absent`);

/** Case names of the golden definitions (every `<case>.llb`). */
export function goldenCases(): string[] {
  if (!hasGolden) return [];
  return readdirSync(goldenDir)
    .filter((f) => f.endsWith('.llb'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function corpusFiles(): string[] {
  if (!hasCorpus) return [];
  return readdirSync(corpusLLBDir)
    .filter((f) => f.endsWith('.llb'))
    .sort();
}

export function readGolden(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(goldenDir, name)));
}

export function readGoldenText(name: string): string {
  return readFileSync(path.join(goldenDir, name), 'utf8');
}

export function readCorpus(name: string): Uint8Array {
  return new Uint8Array(readFileSync(path.join(corpusLLBDir, name)));
}

export function readCorpusText(name: string): string {
  return readFileSync(path.join(corpusLLBDir, name), 'utf8');
}

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** Compares two definitions as BuildKit means them: op sets by digest, terminal last, metadata, Source. */
export function expectSameDefinition(actual: Definition, expected: Definition): void {
  const opMap = (d: Definition): Record<string, string> =>
    Object.fromEntries((d.def ?? []).map((b) => [digestOf(b), hex(b)]));
  expect(opMap(actual)).toEqual(opMap(expected));
  expect(actual.def?.length ?? 0).toBe(expected.def?.length ?? 0);
  const last = (d: Definition): string | undefined => (d.def?.length ? hex(d.def[d.def.length - 1]) : undefined);
  expect(last(actual)).toBe(last(expected));
  expect(actual.metadata ?? {}).toEqual(expected.metadata ?? {});
  expect(actual.source).toEqual(expected.source);
}
