// Images in, spec words out: the Go version a golang tag names, and the `base` keyword (or image) a runtime FROM stands for.
import type { ImageRef } from '../dockerfile/model.js';
import { baseImage } from '../spec/images.js';

/** `1.22.4-alpine3.19` → `1.22.4`; undefined for floating tags (`alpine`, `latest`) or none. */
export function goVersionOfTag(tag: string | undefined): string | undefined {
  const m = /^(\d+\.\d+(?:\.\d+)?(?:(?:rc|beta)\d+)?)(?:-|$)/.exec(tag ?? '');
  return m?.[1];
}

/** The official golang image (or a mirror of it: docker.io/library/golang, mirror.gcr.io/library/golang). */
export function isGolangImage(image: ImageRef): boolean {
  return image.repository === 'library/golang' || image.name.split('/').pop() === 'golang';
}

export interface BaseChoice {
  /** `base` for the spec: a keyword, or the image without digest. */
  base: string;
  digest?: string;
  /** How the image maps, for the report. */
  detail: string;
}

// Tags that say nothing about the version: the spec's keyword picks a pinned one instead.
const FLOATING = new Set(['', 'latest', 'nonroot', 'stable']);

/** The spec's `base` for a runtime image: a keyword when the image is that keyword's family without a pin, else the image itself. */
export function baseFor(image: ImageRef, go: string): BaseChoice {
  const tag = image.tag ?? '';
  const text = image.name + (image.tag ? `:${image.tag}` : '');
  if (image.digest) return { base: text, digest: image.digest, detail: `base ${text}, pinned by digest` };
  for (const keyword of ['distroless/static', 'distroless/base', 'alpine', 'debian-slim'] as const) {
    const exact = baseImage(keyword, go).image;
    if (text === exact || image.text === exact) return { base: keyword, detail: `base: ${keyword}` };
  }
  const distroless = /^gcr\.io\/distroless\/(static|base)(-debian\d+)?$/.exec(image.name);
  // distroless tags are variants (nonroot, debug), not versions; expand picks the Debian release that matches the builder
  if (distroless && (tag === '' || tag === 'latest' || tag === 'nonroot')) {
    return { base: `distroless/${distroless[1]}`, detail: `base: distroless/${distroless[1]} (the nonroot variant)` };
  }
  if (image.repository === 'library/alpine' && FLOATING.has(tag)) return { base: 'alpine', detail: `base: alpine (${text} floats; the keyword pins a release)` };
  return { base: text, detail: `base ${text}` };
}
