import type { Rule, RuleDocs } from '../src/lint/types.js';
import { parseImageReference } from '../src/dockerfile/image.js';
import { copies } from '../src/lint/helpers.js';

/** `docker.io`, `gcr.io`, `*.example.com` (any subdomain); Docker Hub's other names count as docker.io. */
function trusted(registry: string, list: readonly string[]): boolean {
  const norm = (r: string) => {
    const l = r.toLowerCase().replace(/\/+$/, '');
    return l === 'index.docker.io' || l === 'registry-1.docker.io' || l === 'hub.docker.com' ? 'docker.io' : l;
  };
  const reg = norm(registry);
  return list.some((t) => {
    const n = norm(t);
    return n === reg || n.startsWith('*.') && reg.endsWith(n.slice(1));
  });
}

export default {
  meta: {
    code: 'GF234',
    name: 'untrusted-registry',
    severity: 'error',
    category: 'security',
    description: 'With `trusted-registries` configured, FROM and COPY --from images must come from one of them.',
    aliases: ['DL3026'],
    fixable: false,
  },
  check(ctx) {
    const list = ctx.options.trustedRegistries;
    if (!list.length) return;
    const report = (registry: string, text: string, span: import('../src/dockerfile/model.js').Span) => {
      if (!trusted(registry, list)) ctx.report({ span, message: `${text} comes from ${registry}, which is not a trusted registry (${list.join(', ')})` });
    };
    for (const stage of ctx.model.stages) {
      if (stage.base.kind === 'image' && !stage.base.image.invalid && stage.base.image.registry) {
        const at = stage.from.args.indexOf(stage.baseText);
        report(stage.base.image.registry, stage.base.image.text, stage.from.argSpan(at, at + stage.baseText.length));
      }
      for (const c of copies(stage)) {
        if (!c.from || c.fromStage || /^\d+$/.test(c.from) || c.from.includes('$')) continue;
        const ref = parseImageReference(c.from);
        if (typeof ref === 'string') continue;
        report(ref.registry, c.from, c.flags.find((f) => f.name === 'from')!.span);
      }
    }
  },
} satisfies Rule;

// Its page (rules/untrusted-registry.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Organisations that mirror or vet their base images list the allowed registries; an image pulled from anywhere else bypasses that review (and a typo-squatted name on Docker Hub is one character away). The rule does nothing until `trusted-registries` is set in the config. Docker Hub names without a registry (`golang`, `alpine`) are `docker.io`; `*.example.com` trusts every subdomain. Stage references and scratch are never reported.',
  bad: 'FROM golang:1.23 AS build\nFROM quay.io/someone/runtime:1.0',
  good: 'FROM golang:1.23 AS build\nFROM gcr.io/distroless/static-debian12:nonroot',
  fix: 'Pull the image from a trusted registry (or a mirror of it), or add the registry to `trusted-registries` in .gofile-lint.yaml. The docs examples assume `trusted-registries: [docker.io, gcr.io]`.',
};
