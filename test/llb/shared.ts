// Locates the shared reference data (../shared beside the repo) that the LLB tests compare against.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
