import type { Rule, RuleDocs } from '../src/lint/types.js';

export default {
  meta: {
    code: 'GF225',
    name: 'invalid-default-arg-in-from',
    severity: 'error',
    category: 'correctness',
    description: 'A FROM whose image, with the global ARG defaults substituted, is empty or not a valid reference.',
    aliases: ['InvalidDefaultArgInFrom'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (stage.base.kind !== 'image' || !stage.base.image.invalid || !stage.baseText.includes('$')) continue;
      const image = stage.base.image;
      const from = stage.from;
      const at = from.args.indexOf(stage.baseText);
      const declared = new Set(ctx.model.globalArgs.flatMap((a) => a.args.split(/\s+/).filter(Boolean).map((w) => w.split('=')[0])));
      const noDefault = [...new Set(image.unresolved)].filter((n) => declared.has(n));
      const which = noDefault.length ? `ARG ${noDefault.join(', ')} ${noDefault.length > 1 ? 'have' : 'has'} no default, so ` : 'with the ARG defaults, ';
      const result = image.text === '' ? 'an empty image name' : `\`${image.text}\` (${image.invalid})`;
      ctx.report({
        span: from.argSpan(at, at + stage.baseText.length),
        message: `${which}${stage.baseText} resolves to ${result} and BuildKit refuses to build without --build-arg: set a default`,
      });
    }
  },
} satisfies Rule;

// Its page (rules/invalid-default-arg-in-from.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'BuildKit substitutes the ARG defaults into FROM before it builds anything. `ARG BASE` without a default and `FROM ${BASE}` gives an empty image name; `FROM golang:${GO_VERSION}-alpine` with an empty GO_VERSION gives `golang:-alpine`, which is not a valid reference. The build then fails ("base name should not be blank", "invalid reference format") unless every caller remembers the right `--build-arg`. A default makes the Dockerfile build on its own and documents the expected value.',
  bad: 'ARG GO_VERSION\nFROM golang:${GO_VERSION}-alpine AS build',
  good: 'ARG GO_VERSION=1.23\nFROM golang:${GO_VERSION}-alpine AS build',
  fix: 'Give the ARG a default (`ARG GO_VERSION=1.23`), or use a default in the reference itself (`FROM ${BASE_IMAGE:-gcr.io/distroless/static-debian12}`).',
};
