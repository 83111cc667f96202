import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { ImageRef, Stage } from '../src/dockerfile/model.js';
import { CURRENT_GO } from '../src/releases.js';

interface TagVersion {
  /** [major, minor, patch]; minor/patch undefined when the tag floats over them. */
  parts: [number, number | undefined, number | undefined];
  /** What follows the version: `-alpine`, `-bookworm`, `rc1-alpine`. */
  suffix: string;
}

/** The Go version a golang tag names; undefined parts float. `alpine` and `bookworm` name none. */
export function tagVersion(tag: string): TagVersion | undefined {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$/.exec(tag);
  if (!m) return undefined;
  const n = (x: string | undefined) => (x === undefined ? undefined : Number(x));
  return { parts: [Number(m[1]), n(m[2]), n(m[3])], suffix: m[4] };
}

/** `1.22.3` → [1, 22, 3]; `1.22` → [1, 22, 0]. */
function parseVersion(v: string): number[] {
  return v.split(/[^\d]+/).filter(Boolean).slice(0, 3).map(Number).concat([0, 0, 0]).slice(0, 3);
}

/** Is the tag's Go older than `want`? A tag without a patch floats to the newest patch. */
function olderThan(tag: TagVersion, want: string): boolean {
  const w = parseVersion(want);
  const [maj, min, patch] = tag.parts;
  if (min === undefined) return false;
  if (maj !== w[0]) return maj < w[0];
  if (min !== w[1]) return min < w[1];
  return patch !== undefined && patch < w[2];
}

// Tags that name only a distro variant; the suggestion keeps them.
const DISTRO = /^(alpine|bookworm|bullseye|buster|trixie|windowsservercore|nanoserver)/;

function isOfficialGolang(image: ImageRef): boolean {
  return image.name.split('/').pop()?.toLowerCase() === 'golang';
}

/** The newer of go.mod's `go` and `toolchain` lines, as written. */
function required(goMod: { goVersion?: string; toolchain?: string } | null | undefined): { version: string; line: string } | undefined {
  const go = goMod?.goVersion;
  const tc = goMod?.toolchain;
  if (tc && (!go || olderThan({ parts: parseVersion(go) as TagVersion['parts'], suffix: '' }, tc))) return { version: tc, line: `toolchain go${tc}` };
  return go ? { version: go, line: `go ${go}` } : undefined;
}

/** The edit that sets the FROM tag's version to `minor` (e.g. 1.23), when the reference is literal and keeps a suffix every version has. */
function retagFix(stage: Stage, tag: string, minor: string) {
  const word = /^\S+/.exec(stage.from.args)?.[0];
  if (!word || word.includes('$') || word.includes('@') || !word.endsWith(':' + tag)) return undefined;
  const v = tagVersion(tag);
  const suffix = v ? v.suffix : tag === 'alpine' ? '-alpine' : undefined;
  if (suffix === undefined || suffix !== '' && suffix !== '-alpine') return undefined;
  const start = stage.from.argOffset(word.length - tag.length);
  return { description: `use golang:${minor}${suffix}`, edits: [{ start, end: start + tag.length, text: `${minor}${suffix}` }] };
}

export default {
  meta: {
    code: 'GF109',
    name: 'go-version-drift',
    severity: 'warning',
    category: 'go',
    description: 'Pin the golang image to a minor version, no older than go.mod asks for.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    const want = required(ctx.goMod);
    const minor = want && parseVersion(want.version).slice(0, 2).join('.');
    for (const stage of ctx.model.stages) {
      if (stage.base.kind !== 'image') continue;
      const image = stage.base.image;
      // no tag and `latest` belong to unpinned-base-image; a digest pins the bytes
      if (!isOfficialGolang(image) || image.invalid || image.unresolved.length || !image.tag || image.tag === 'latest') continue;
      const tag = image.tag;
      const v = tagVersion(tag);
      const word = /^\S+/.exec(stage.from.args)?.[0] ?? '';
      const span = word ? stage.from.argSpan(0, word.length) : stage.from.span;
      if (!image.digest && (!v || v.parts[1] === undefined)) {
        ctx.report({
          span,
          message: `golang:${tag} moves to every new Go release: pin a minor version, e.g. golang:${minor ?? CURRENT_GO}${v ? v.suffix : DISTRO.test(tag) ? '-' + tag : ''}`,
          fix: minor ? retagFix(stage, tag, minor) : undefined,
        });
      } else if (want && v && olderThan(v, want.version)) {
        const fails = want.line.startsWith('go ') ? 'the build fails (GOTOOLCHAIN=local) or downloads a newer toolchain' : 'the build uses an older Go than go.mod asks for';
        ctx.report({
          span,
          message: `golang:${tag} is older than go.mod's \`${want.line}\`: ${fails}; use golang:${minor}${v.suffix}`,
          fix: image.digest ? undefined : retagFix(stage, tag, minor!),
        });
      }
    }
  },
} satisfies Rule;

// Its page (rules/go-version-drift.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A tag like `golang:1`, `golang:alpine` or `golang:1-bookworm` moves to each new Go release: a rebuild of the same commit gets a new compiler, new vet checks and new standard library behaviour, unreviewed. And a builder older than the `go` line of go.mod cannot build the module: the official images set GOTOOLCHAIN=local, so the build stops with `go.mod requires go >= 1.23`; with GOTOOLCHAIN=auto it downloads another toolchain on every uncached build instead. (Images with no tag or `latest` are unpinned-base-image\'s finding.)',
  bad: 'FROM golang:1.21-alpine AS build\nRUN go build -o /app .\nFROM golang:alpine AS tools\nRUN go install golang.org/x/tools/cmd/stringer@v0.28.0',
  good: 'FROM golang:1.23-alpine AS build\nRUN go build -o /app .\nFROM golang:1.23-alpine AS tools\nRUN go install golang.org/x/tools/cmd/stringer@v0.28.0',
  fix: 'With a go.mod beside the Dockerfile, `--fix` sets a literal FROM tag to go.mod\'s minor version (the newer of `go` and `toolchain`), keeping an `-alpine` suffix: `golang:1.21-alpine` → `golang:1.23-alpine`, `golang:alpine` → `golang:1.23-alpine`, `golang:1` → `golang:1.23`. Tags with a distro release (`-alpine3.18`, `-bookworm`) or an ARG are left for you: not every combination is published.',
};
