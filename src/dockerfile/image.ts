// Docker image references: parsed and normalised the way the distribution/reference library does.
import type { ImageRef } from './model.js';

const DEFAULT_REGISTRY = 'docker.io';

export interface ParsedRef {
  registry: string;
  repository: string;
  name: string;
  tag?: string;
  digest?: string;
}

// Lower-case path components separated by /, with the separators the reference grammar allows.
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
// distribution/reference's digest grammar, as src/llb/reference.ts checks it: the algorithm starts with a letter
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** Parses `registry/repo:tag@digest`; returns an error string for an invalid reference. */
export function parseImageReference(text: string): ParsedRef | string {
  if (text === '') return 'empty image reference';
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return `invalid digest "${digest}"`;
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return 'invalid reference format';
  }
  const parts = rest.split('/');
  let registry = DEFAULT_REGISTRY;
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  if (parts.length === 0 || parts.some((p) => !COMPONENT.test(p))) {
    return /[A-Z]/.test(rest) ? 'repository name must be lowercase' : 'invalid reference format';
  }
  const name = (registry === DEFAULT_REGISTRY ? '' : registry + '/') + parts.join('/');
  if (registry === 'index.docker.io') registry = DEFAULT_REGISTRY;
  const repository = registry === DEFAULT_REGISTRY && parts.length === 1 ? 'library/' + parts[0] : parts.join('/');
  return { registry, repository, name, tag, digest };
}

export function toImageRef(text: string, unresolved: string[]): ImageRef | string {
  const p = parseImageReference(text);
  if (typeof p === 'string') return p;
  return { text, ...p, unresolved };
}

/** `docker.io/library/golang:1.22` — the fully qualified form BuildKit puts in source ops. */
export function normalizedReference(ref: Pick<ImageRef, 'registry' | 'repository' | 'tag' | 'digest'>): string {
  let s = `${ref.registry}/${ref.repository}`;
  if (ref.tag) s += ':' + ref.tag;
  else if (!ref.digest) s += ':latest';
  if (ref.digest) s += '@' + ref.digest;
  return s;
}
