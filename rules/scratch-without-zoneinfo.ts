import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { DockerfileModel, Stage } from '../src/dockerfile/model.js';
import { copies, envValue, flagValue, reachableStages, rootBase } from '../src/lint/helpers.js';
import { goBuildsIn, stageChain } from './cgo-libc-mismatch.js';

/** Does the stage run something (a non-empty ENTRYPOINT or CMD)? Export-only stages (`docker build -o`) do not. */
export function isRunnable(stage: Stage): boolean {
  return stageChain(stage).some((s) => s.instructions.some((i) =>
    (i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD') && (i.json ? i.json.length > 0 : i.args.trim() !== '')));
}

/** Copies the builder's whole filesystem (`COPY --from=x / /`, a rootfs tarball). */
export function copiesRootfs(stage: Stage): boolean {
  return stageChain(stage).some((s) => copies(s).some((c) =>
    c.sources.some((src) => src === '/' || c.keyword === 'ADD' && /\.(tar(\.\w+)?|tgz)$/.test(src))));
}

/** The value of an ENV set anywhere in the stage's chain, at its end. */
export function envAtEnd(stage: Stage, name: string): string | undefined {
  const last = stage.instructions.at(-1)!;
  return last.envNames.has(name) ? last.vars.get(name) ?? '' : undefined;
}

const hasTzTag = (s: string | undefined) => !!s && /(^|[,\s=])timetzdata($|[,\s'"])/.test(s);

/** Some go build feeding the stage embeds the tz database with -tags timetzdata. */
function embedsTzdata(model: DockerfileModel, stage: Stage): boolean {
  for (const s of reachableStages(model, stage)) {
    for (const b of goBuildsIn(s).filter((x) => x.stage === s)) {
      if (hasTzTag(flagValue(b.words, '-tags', '--tags')) || hasTzTag(envValue(b.run, b.cmd, 'GOFLAGS'))) return true;
    }
  }
  return false;
}

export default {
  meta: {
    code: 'GF105',
    name: 'scratch-without-zoneinfo',
    severity: 'info',
    category: 'go',
    description: 'A scratch final stage has no time zone database: time.LoadLocation fails unless zoneinfo is copied or embedded.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage || rootBase(stage).kind !== 'scratch' || !isRunnable(stage) || copiesRootfs(stage)) return;
    const copied = stageChain(stage).some((s) => copies(s).some((c) => [...c.sources, c.dest].some((p) => p.includes('zoneinfo'))));
    if (copied || envAtEnd(stage, 'ZONEINFO') !== undefined || embedsTzdata(ctx.model, stage)) return;
    ctx.report({
      span: stage.from.span,
      message: 'scratch has no time zone database, so time.LoadLocation fails: build with -tags timetzdata, add import _ "time/tzdata", or COPY /usr/share/zoneinfo from the builder',
    });
  },
} satisfies Rule;

// Its page (rules/scratch-without-zoneinfo.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'scratch has no /usr/share/zoneinfo. A Go program that calls `time.LoadLocation("Europe/Berlin")` (directly, or through a cron library, a database driver, TZ in the environment) gets `unknown time zone` at run time. Embedding the database costs about 450 KB: build with `-tags timetzdata` or add `import _ "time/tzdata"` to main, or copy /usr/share/zoneinfo from the builder.',
  bad: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -tags timetzdata -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
  fix: 'Build with `-tags timetzdata`, add `import _ "time/tzdata"` to the main package, or `COPY --from=build /usr/share/zoneinfo /usr/share/zoneinfo`. If the program never uses time zones, ignore this rule for the file.',
};
