import type { Rule, RuleDocs } from '../src/lint/types.js';
import { classifyImage, copies } from '../src/lint/helpers.js';
import type { ImageRef } from '../src/dockerfile/model.js';
import { parseImageReference } from '../src/dockerfile/image.js';
import { CURRENT_ALPINE, CURRENT_GO } from '../src/releases.js';

// A reference is pinned when it names a version; `latest` and no tag float with every push.
function problem(image: ImageRef, requireDigest: boolean, goVersion?: string): string | undefined {
  if (image.invalid || image.unresolved.length && !image.tag && !image.digest) return undefined;
  if (requireDigest && !image.digest) return `pin ${image.text} to a digest (${image.text}@sha256:…) so every build uses the same bytes; \`gofile pin\` can add it`;
  if (image.digest) return undefined;
  if (!image.tag) return `${image.text} has no tag, so it means :latest and changes under you; pin a version, e.g. ${example(image, goVersion)}`;
  if (image.tag === 'latest') return `${image.text} floats with every push; pin a version, e.g. ${example(image, goVersion)}`;
  return undefined;
}

// The go.mod's Go version when the linter sees one, else the current release.
function example(image: ImageRef, goVersion?: string): string {
  const kind = classifyImage(image);
  if (kind === 'golang') return `${image.name}:${goVersion ?? CURRENT_GO}`;
  if (kind === 'alpine') return `${image.name}:${CURRENT_ALPINE}`;
  if (kind.startsWith('distroless')) return `${image.name}:nonroot`;
  return `${image.name}:<version>`;
}

export default {
  meta: {
    code: 'GF001',
    name: 'unpinned-base-image',
    severity: 'warning',
    category: 'correctness',
    description: 'Base images (and COPY --from images) must name a version: no missing tag, no `latest`.',
    aliases: ['DL3006', 'DL3007', 'DS001', 'DS-0001', 'CKV_DOCKER_7'],
    fixable: true,
  },
  check(ctx) {
    const goVersion = ctx.goMod?.goVersion?.split('.').slice(0, 2).join('.');
    for (const stage of ctx.model.stages) {
      if (stage.base.kind !== 'image') continue;
      const image = stage.base.image;
      const msg = problem(image, ctx.options.requireDigest, goVersion);
      if (!msg) continue;
      const words = stage.from.args.match(/^\S+/);
      const span = words ? stage.from.argSpan(0, words[0].length) : stage.from.span;
      // Only a literal golang reference with a known go.mod version has a certain fix.
      let fix;
      if (goVersion && !image.digest && classifyImage(image) === 'golang' && words && !words[0].includes('$')) {
        const start = stage.from.argOffset(0);
        const bare = words[0].replace(/:latest$/, '');
        fix = { description: `pin to ${bare}:${goVersion}`, edits: [{ start, end: start + words[0].length, text: `${bare}:${goVersion}` }] };
      }
      ctx.report({ span, message: msg, fix });
    }
    for (const stage of ctx.model.stages) {
      for (const c of copies(stage)) {
        if (!c.from || c.fromStage) continue;
        const ref = parseImageReference(c.from);
        if (typeof ref === 'string') continue;
        const msg = problem({ text: c.from, ...ref, unresolved: [] }, ctx.options.requireDigest);
        const flag = c.flags.find((f) => f.name === 'from')!;
        if (msg) ctx.report({ span: flag.span, message: `COPY --from: ${msg}` });
      }
    }
  },
} satisfies Rule;

// Its page (rules/unpinned-base-image.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'An untagged or `latest` image changes whenever its publisher pushes: the same commit builds a different image next week, and a Go toolchain or libc upgrade arrives unreviewed. ARG defaults count: `FROM golang:${GO_VERSION}` with `ARG GO_VERSION=1.22` is pinned. Set `require-digest: true` in the config to ask for `@sha256:` digests too.',
  bad: 'FROM golang:latest AS build\nFROM alpine',
  good: 'ARG GO_VERSION=1.22\nFROM golang:${GO_VERSION} AS build\nFROM alpine:3.20',
  fix: 'With a go.mod beside the Dockerfile, `--fix` pins an untagged or `latest` golang image to the go.mod version.',
};
