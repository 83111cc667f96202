import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Stage } from '../src/dockerfile/model.js';
import { baseKind, copies, rootBase } from '../src/lint/helpers.js';

const CERT_PATH = /(^|\/)(etc\/ssl(\/|$)|etc\/pki|ca-certificates|ca-bundle|cacert)/;

/** Does the stage (or a stage it builds on) copy in a CA bundle or a whole filesystem? */
export function copiesCertificates(stage: Stage): boolean {
  for (let s: Stage | undefined = stage, guard = 0; s && guard < 100; guard++) {
    for (const c of copies(s)) {
      if (CERT_PATH.test(c.dest) || c.sources.some((src) => CERT_PATH.test(src) || src === '/' || src === '/etc' || src === '/etc/')) return true;
    }
    s = s.base.kind === 'stage' ? s.base.stage : undefined;
  }
  return false;
}

export default {
  meta: {
    code: 'GF004',
    name: 'scratch-without-ca-certificates',
    severity: 'warning',
    category: 'go',
    description: 'A scratch final stage must copy a CA bundle, or every HTTPS call fails.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage || rootBase(stage).kind !== 'scratch' || copiesCertificates(stage)) return;
    let fix;
    const source = copies(stage).find((c) => c.fromStage)?.fromStage;
    if (source && ['golang', 'golang-alpine', 'alpine', 'debian', 'ubuntu'].includes(baseKind(source))) {
      const at = stage.from.span.end.offset;
      const from = source.name ?? String(source.index);
      const nl = ctx.model.text.includes('\r\n') ? '\r\n' : '\n';
      fix = { description: 'copy the CA bundle', edits: [{ start: at, end: at, text: `${nl}COPY --from=${from} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/` }] };
    }
    ctx.report({ span: stage.from.span, message: 'scratch has no CA certificates, so HTTPS calls fail with "x509: certificate signed by unknown authority": COPY --from=<builder> /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/', fix });
  },
} satisfies Rule;

// Its page (rules/scratch-without-ca-certificates.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'scratch has no files at all. Go\'s crypto/x509 looks for a CA bundle in /etc/ssl/certs; without one every TLS connection the binary makes fails with `x509: certificate signed by unknown authority`, and only at run time. The builder image already has the bundle: copy it.',
  bad: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app',
  good: 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app',
  fix: '`--fix` copies /etc/ssl/certs/ca-certificates.crt from the stage the binary comes from, when that stage is a golang, alpine or debian image.',
};
