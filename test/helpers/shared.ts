// Where ../shared lives, and its corpus, for tests that read other people's files without copying them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SHARED = resolve(REPO, '..', 'shared');
export const CORPUS = join(SHARED, 'corpus');
export const HAS_CORPUS = existsSync(join(CORPUS, 'files'));

if (!HAS_CORPUS) console.warn(`[gofile tests] ${CORPUS} is absent: corpus tests are skipped`);

export interface CorpusEntry {
  id: string;
  repo: string;
  path: string;
  kind: string;
  notes: string;
  file: string;
  text: string;
  /** BuildKit accepted it (there is an .llb reference) or refused it (.err). */
  accepted: boolean;
}

export function corpusEntries(): CorpusEntry[] {
  if (!HAS_CORPUS) return [];
  const rows = readFileSync(join(CORPUS, 'index.tsv'), 'utf8').trim().split('\n').slice(1);
  const llb = new Set(readdirSync(join(CORPUS, 'llb')));
  return rows.map((row) => {
    const [id, repo, path, , kind, notes] = row.split('\t');
    const file = join(CORPUS, 'files', `${id}.Dockerfile`);
    return { id, repo, path, kind, notes, file, text: readFileSync(file, 'utf8'), accepted: llb.has(`${id}.llb`) };
  });
}
