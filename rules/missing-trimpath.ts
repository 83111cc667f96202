import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, hasWordFlag, reachableStages } from '../src/lint/helpers.js';
import { afterSubcommand, goArgs, goflagsHas, hasHiddenFlags, releaseBuilds, subcommandOf } from '../src/lint/go-helpers.js';

export default {
  meta: {
    code: 'GF115',
    name: 'missing-trimpath',
    severity: 'info',
    category: 'go',
    description: 'go build of a shipped binary should use -trimpath, so the binary does not embed the builder\'s paths.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    for (const { run, cmd, words } of releaseBuilds(reachableStages(ctx.model))) {
      if (hasWordFlag(goArgs(words), '-trimpath', '--trimpath') || goflagsHas(run, cmd, /(^|\s)--?trimpath(\s|=true|$)/)) continue;
      if (hasHiddenFlags(run, words)) continue;
      const sub = subcommandOf(words);
      const at = afterSubcommand(run, cmd, sub);
      const fix = at === undefined ? undefined : { description: 'add -trimpath', edits: [{ start: at, end: at, text: ' -trimpath' }] };
      ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `add -trimpath to go ${sub} so the binary does not embed the builder's file paths`, fix });
    }
  },
} satisfies Rule;

// Its page (rules/missing-trimpath.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Without `-trimpath` the binary records the absolute paths of the builder (`/src/internal/...`, `/go/pkg/mod/...`) in its file names and stack traces: two builds from different directories differ byte for byte, and the layout of the build machine ships with the image. `-trimpath` records module paths instead, which is what reproducible builds (and `go version -m`) expect. Not reported for debug builds (`-gcflags=all=-N -l`), where debuggers want the real paths.',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -trimpath -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  fix: '`--fix` inserts `-trimpath` after `go build` / `go install`.',
};
