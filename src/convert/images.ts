// Images in, spec words out: the Go version a golang tag names, and the `base` keyword (or image) a runtime FROM stands for.
import type { ImageRef, Stage } from '../dockerfile/model.js';
import { parseImageReference } from '../dockerfile/image.js';
import { rootBase } from '../lint/helpers.js';
import { baseImage, classifyBase } from '../spec/images.js';
import type { BaseKind } from '../spec/types.js';

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
  /** The one platform the image exists for (Docker's per-architecture copies, arm64v8/alpine), for `platforms`. */
  platform?: string;
}

// Docker Hub's per-architecture copies of the official images: the official image, built for one platform only.
const ARCH_ORGS: Record<string, string> = {
  amd64: 'linux/amd64', arm64v8: 'linux/arm64', arm32v7: 'linux/arm/v7', arm32v6: 'linux/arm/v6', i386: 'linux/386',
  ppc64le: 'linux/ppc64le', s390x: 'linux/s390x', riscv64: 'linux/riscv64', mips64le: 'linux/mips64le',
};

/** `arm64v8/alpine` → `alpine` on linux/arm64; undefined for any other image (or one pinned by digest, which names that copy's manifest). */
function officialOf(image: ImageRef): { image: ImageRef; platform: string } | undefined {
  const [org, repo, ...more] = image.repository.split('/');
  if (image.registry !== 'docker.io' || image.digest || more.length || !repo || !ARCH_ORGS[org]) return undefined;
  const text = repo + (image.tag ? `:${image.tag}` : '');
  const ref = parseImageReference(text);
  return typeof ref === 'string' ? undefined : { image: { text, unresolved: [], ...ref }, platform: ARCH_ORGS[org] };
}

// Tags that say nothing about the version: the spec's keyword picks a pinned one instead.
const FLOATING = new Set(['', 'latest', 'nonroot', 'stable']);

/** The spec's `base` for a runtime image: a keyword when the image is that keyword's family without a pin, else the image itself. */
export function baseFor(image: ImageRef, go: string): BaseChoice {
  const official = officialOf(image);
  if (official) {
    const choice = baseFor(official.image, go);
    return { ...choice, platform: official.platform, detail: `${image.text} is ${official.image.text} for ${official.platform} only: ${choice.detail}, platforms: [${official.platform}]` };
  }
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
  // Chainguard's free images publish only :latest: the keyword, which the loader asks to pin with baseDigest
  const chainguard = /^cgr\.dev\/chainguard\/(static|glibc-dynamic)$/.exec(image.name);
  if (chainguard && (tag === '' || tag === 'latest')) return { base: `chainguard/${chainguard[1]}`, detail: `base: chainguard/${chainguard[1]}` };
  return { base: text, detail: `base ${text}` };
}

/** The image a stage stands on, as the spec's `base` names it (no digest), and its family; undefined for scratch or an image an ARG leaves unknown. */
export function runtimeImage(stage: Stage): { image: string; kind: BaseKind } | undefined {
  const root = rootBase(stage);
  if (root.kind === 'scratch' || root.image.unresolved.length || root.image.invalid) return undefined;
  const image = root.image.name + (root.image.tag ? `:${root.image.tag}` : '');
  return { image, kind: classifyBase(image) };
}
