// gofile pin's logic: each image of a Dockerfile or spec → the digest its tag points at now → the edits
// that write it (or, for --check, the pins that are missing or stale).
import { InputError } from '../errors.js';
import { parseDockerfile } from '../dockerfile/parse.js';
import type { RegistryClient } from '../registry/client.js';
import { applyEdits, findPinSites, pinnedText, type SkippedImage } from './dockerfile.js';
import { applySpecPins, findSpecPins } from './spec.js';

export { findPinSites, pinnedText, applyEdits } from './dockerfile.js';
export type { PinSite, SkippedImage } from './dockerfile.js';
export { findSpecPins, applySpecPins } from './spec.js';
export type { SpecPinSite, DigestKey } from './spec.js';

export type PinState = 'current' | 'added' | 'refreshed';

export interface PinResult {
  line: number;
  /** What is pinned, as written after ARG substitution (or the spec's image). */
  image: string;
  /** Where the digest is written: `FROM`, `ARG GO_IMAGE` (line n), `builderDigest`. */
  where: string;
  current?: string;
  wanted: string;
  state: PinState;
}

export interface PinPlan {
  file: string;
  before: string;
  after: string;
  results: PinResult[];
  skipped: SkippedImage[];
}

const isSpec = (file: string) => /\.ya?ml$/i.test(file);

/** Resolves every image of one file and computes its pinned text; nothing is written here. */
export async function planPins(file: string, text: string, client: RegistryClient, absolutePath = file): Promise<PinPlan> {
  const digestAt = async (follow: string, line: number) => {
    try {
      return (await client.digestOf(follow)).digest;
    } catch (e) {
      if (e instanceof InputError) throw new InputError(e.message, file, line);
      throw e;
    }
  };
  const stateOf = (current: string | undefined, wanted: string): PinState => (current === wanted ? 'current' : current ? 'refreshed' : 'added');

  if (isSpec(file)) {
    const sites = findSpecPins(text, file, absolutePath);
    const wanted = await Promise.all(sites.map((s) => digestAt(s.follow, s.line)));
    const results = sites.map((s, i): PinResult => ({
      line: s.line, image: s.image, where: s.key, current: s.current, wanted: wanted[i], state: stateOf(s.current, wanted[i]),
    }));
    const changes = sites.flatMap((s, i) => (results[i].state === 'current' ? [] : [{ key: s.key, imageKey: s.imageKey, digest: wanted[i], image: s.image }]));
    return { file, before: text, after: changes.length ? applySpecPins(text, changes) : text, results, skipped: [] };
  }

  const model = parseDockerfile(text, { path: file });
  const { sites, skipped } = findPinSites(model);
  const wanted = await Promise.all(sites.map((s) => digestAt(s.follow, s.line)));
  const results = sites.map((s, i): PinResult => ({
    line: s.line, image: s.image, where: s.arg ? `ARG ${s.arg.name} (line ${s.arg.line})` : s.kind,
    current: s.current, wanted: wanted[i], state: stateOf(s.current, wanted[i]),
  }));
  const edits = sites.flatMap((s, i) => (results[i].state === 'current' ? [] : [{ start: s.edit.start, end: s.edit.end, text: pinnedText(s, wanted[i]) }]));
  return { file, before: text, after: applyEdits(text, edits), results, skipped };
}
