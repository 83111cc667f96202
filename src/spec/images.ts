// Which image each spec choice means: the builder tag, the runtime base per keyword, and the Debian release that ties them.
import { parseImageReference } from '../dockerfile/image.js';
import type { BaseKind } from './types.js';
import { classifyImage, hasNoShell, isDebugTag } from '../lint/helpers.js';

import { CURRENT_ALPINE, CURRENT_GO } from '../releases.js';

/** Go version when neither the spec nor a go.mod names one: the current release. */
export const DEFAULT_GO = CURRENT_GO;
/** Alpine release for an `alpine` runtime. */
export const ALPINE = CURRENT_ALPINE;

/** Debian release of the golang images for a Go version: trixie from Go 1.25 (its images start there), bookworm before. */
export function debianRelease(go: string): { codename: string; number: number } {
  const [maj, min] = go.split('.').map((n) => parseInt(n, 10));
  return maj > 1 || min >= 25 ? { codename: 'trixie', number: 13 } : { codename: 'bookworm', number: 12 };
}

/** The image a base keyword stands for (without digest), and its family. */
export function baseImage(base: string, go: string): { image: string; kind: BaseKind } {
  const deb = debianRelease(go);
  switch (base) {
    case 'scratch': return { image: 'scratch', kind: 'scratch' };
    case 'distroless/static': return { image: `gcr.io/distroless/static-debian${deb.number}:nonroot`, kind: 'distroless' };
    case 'distroless/base': return { image: `gcr.io/distroless/base-debian${deb.number}:nonroot`, kind: 'distroless' };
    case 'alpine': return { image: `alpine:${ALPINE}`, kind: 'alpine' };
    case 'debian-slim': return { image: `debian:${deb.codename}-slim`, kind: 'debian' };
    case 'chainguard/static': return { image: 'cgr.dev/chainguard/static:latest', kind: 'chainguard' };
    case 'chainguard/glibc-dynamic': return { image: 'cgr.dev/chainguard/glibc-dynamic:latest', kind: 'chainguard' };
    default: return { image: base, kind: classifyBase(base) };
  }
}

// Official images name their OS in the tag: golang:1.23-alpine3.20, node:20-alpine, python:3.12-slim-bookworm, ruby:3-jammy
const ALPINE_TAG = /(^|-)alpine(\d+(\.\d+)*)?($|-)/;
const DEBIAN_TAG = /(^|-)(slim|bookworm|bullseye|buster|trixie|jammy|noble|focal)($|-)/;

/** The family of any image reference: by its repository name, or by the OS an official image's tag names (apk or apt). */
export function classifyBase(image: string): BaseKind {
  if (image === 'scratch') return 'scratch';
  const ref = parseImageReference(image);
  if (typeof ref === 'string') return 'image';
  const last = ref.repository.split('/').pop()!;
  if (ref.name.startsWith('gcr.io/distroless/')) return 'distroless';
  if (ref.name.startsWith('cgr.dev/chainguard/')) return 'chainguard';
  if (last === 'alpine') return 'alpine';
  if (last === 'debian' || last === 'ubuntu') return 'debian';
  if (ref.repository.startsWith('library/') && ref.tag) {
    if (ALPINE_TAG.test(ref.tag)) return 'alpine';
    if (DEBIAN_TAG.test(ref.tag)) return 'debian';
  }
  return 'image';
}

/** Whether the image's environment is only the OS's (alpine, debian, ubuntu themselves), not an application image's (node:20-alpine sets NODE_VERSION). */
export function isPlainOsImage(image: string): boolean {
  const ref = parseImageReference(image);
  return typeof ref !== 'string' && /^library\/(alpine|debian|ubuntu)$/.test(ref.repository);
}

/** Bases with no libc a cgo binary could link against dynamically: cgo there means a static link. */
export function isStaticBase(image: string, kind: BaseKind): boolean {
  return kind === 'scratch' || /\/(static)(-debian\d+)?(:|$)/.test(image);
}

/** Bases whose libc is glibc, so a cgo build needs a glibc (Debian) builder. */
export function isGlibcBase(image: string, kind: BaseKind): boolean {
  return !isStaticBase(image, kind) && kind !== 'alpine';
}

/** The shell a distroless `:debug` image carries: busybox's, at /busybox/sh, with no /bin/sh beside it. */
export const BUSYBOX_SHELL: readonly string[] = ['/busybox/sh', '-c'];

/** The tag of a distroless `:debug` image (debug, debug-nonroot…), which has busybox in /busybox, so RUN needs `SHELL ${BUSYBOX_SHELL}` first; else undefined. */
function busyboxTag(image: string, kind: BaseKind): string | undefined {
  if (kind !== 'distroless') return undefined;
  const ref = parseImageReference(image);
  return typeof ref !== 'string' && isDebugTag(ref.tag) ? ref.tag : undefined;
}

/** A distroless `:debug` image: busybox's shell at /busybox/sh, which a RUN names with SHELL. */
export function hasBusyboxShell(image: string, kind: BaseKind): boolean {
  return busyboxTag(image, kind) !== undefined;
}

/**
 * Why `setup` cannot run on a base, or undefined where it can: /bin/sh on alpine and debian, busybox's shell on a
 * distroless `:debug` tag that runs as root (a `nonroot` one would run the commands as 65532). Chainguard's `-dev`
 * tags differ (/bin/sh, and the nonroot user): not taken.
 */
export function setupRefusal(image: string, kind: BaseKind): string | undefined {
  if (kind === 'alpine' || kind === 'debian') return undefined;
  const tag = busyboxTag(image, kind);
  if (tag === undefined) return `need a base with a shell (alpine, debian-slim, or a distroless :debug tag, which has busybox); ${image} has none`;
  if (/nonroot/i.test(tag)) return `run as root, but :${tag} runs them as the nonroot user; use the tag without nonroot (the program still runs as \`user\`)`;
  return undefined;
}

/**
 * Whether a base has /bin/sh for a shell-form health check: alpine, debian and any other image (trusted to), not
 * scratch, distroless (a :debug tag's busybox is /busybox/sh) or chainguard, nor an image lint rule GF103 takes for one.
 */
export function hasBinSh(image: string, kind: BaseKind): boolean {
  if (kind !== 'alpine' && kind !== 'debian' && kind !== 'image') return false;
  const ref = parseImageReference(image);
  return typeof ref === 'string' || !hasNoShell(classifyImage(ref));
}

/** Root's home and below: mode 700 on alpine, debian and distroless, so no non-root user can make it its cwd. */
export const ROOT_HOME = /^\/root(\/|$)/;
