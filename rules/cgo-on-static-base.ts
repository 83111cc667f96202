import type { Rule, RuleDocs } from '../src/lint/types.js';
import { baseKind, commandSpan, rootBase } from '../src/lint/helpers.js';
import { cgoSetting, linksStatically, shippedGoBuilds } from './cgo-libc-mismatch.js';

export default {
  meta: {
    code: 'GF102',
    name: 'cgo-on-static-base',
    severity: 'error',
    category: 'go',
    description: 'A binary built with CGO_ENABLED=1 needs a libc: not scratch, distroless/static or chainguard/static.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage) return;
    const kind = baseKind(stage);
    if (kind !== 'scratch' && kind !== 'distroless-static' && kind !== 'chainguard-static') return;
    const b0 = rootBase(stage);
    const where = b0.kind === 'scratch' ? 'scratch' : b0.image.name;
    for (const b of shippedGoBuilds(stage)) {
      if (cgoSetting(b) !== '1' || linksStatically(b)) continue;
      ctx.report({
        span: commandSpan(b.run, b.cmd.start, b.cmd.end),
        message: `CGO_ENABLED=1 links this binary against libc, but ${where} has none: run it on gcr.io/distroless/base-debian12 (or cc), link statically (-extldflags "-static"), or set CGO_ENABLED=0`,
      });
    }
  },
} satisfies Rule;

// Its page (rules/cgo-on-static-base.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'CGO_ENABLED=1 links the binary dynamically against the C library of the builder (glibc on golang:<version>, musl on -alpine). scratch, distroless/static and chainguard/static have no C library at all, so the binary fails at start with `exec /app: no such file or directory`. Either the program needs cgo — then it needs a base with libc — or it does not, and CGO_ENABLED=0 gives a static binary.',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=1 go build -o /out/app .\nFROM gcr.io/distroless/base-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  fix: 'Run the binary on `gcr.io/distroless/base-debian12` (glibc) or `gcr.io/distroless/cc-debian12` (glibc and libstdc++), or link statically with `-ldflags \'-linkmode external -extldflags "-static"\'`, or drop cgo with CGO_ENABLED=0.',
};
