import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { RunInstruction, Stage } from '../src/dockerfile/model.js';
import { commandSpan, findCommands } from '../src/lint/helpers.js';

const norm = (p: string | undefined) => (p ?? '').replace(/\/+$/, '');
const hasCache = (run: RunInstruction, re: RegExp) => run.mounts.some((m) => m.type === 'cache' && re.test(norm(m.target)));

/** Stages whose files end up in the image: the target and the stages it is built FROM. */
function imageStages(target: Stage | null): Set<Stage> {
  const out = new Set<Stage>();
  for (let s: Stage | null = target, guard = 0; s && guard < 100; guard++) {
    out.add(s);
    s = s.base.kind === 'stage' ? s.base.stage : null;
  }
  return out;
}

export default {
  meta: {
    code: 'GF235',
    name: 'missing-package-cache-mount',
    severity: 'info',
    category: 'performance',
    description: 'apk add / apt-get install in a builder stage should keep the package cache in a cache mount.',
    aliases: [],
    fixable: false,
    optIn: true,
  },
  check(ctx) {
    const shipped = imageStages(ctx.model.target);
    for (const stage of ctx.model.stages) {
      if (shipped.has(stage)) continue;
      for (const { run, cmd } of findCommands(stage, 'apk', 'add')) {
        if (hasCache(run, /^\/(etc\/apk\/cache|var\/cache\/apk)$/)) continue;
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: 'builder stage: add --mount=type=cache,target=/etc/apk/cache (and drop --no-cache) so packages are not downloaded again on every build' });
      }
      for (const { run, cmd } of [...findCommands(stage, 'apt-get', 'install'), ...findCommands(stage, 'apt', 'install')]) {
        if (hasCache(run, /^\/var\/cache\/apt$/) && hasCache(run, /^\/var\/lib\/apt$/)) continue;
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: 'builder stage: add --mount=type=cache,target=/var/cache/apt,sharing=locked and --mount=type=cache,target=/var/lib/apt,sharing=locked (and remove /etc/apt/apt.conf.d/docker-clean) so packages are not downloaded again on every build' });
      }
    }
  },
} satisfies Rule;

// Its page (rules/missing-package-cache-mount.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A builder stage is rebuilt whenever something before it changes, and every rebuild downloads the same packages again. A cache mount keeps the downloaded packages between builds without putting them in any layer, which makes CI builds faster and kinder to package mirrors. The final image (and the stages it is built FROM) is not judged: there, `apk add --no-cache` and cleaning the apt lists keep the image small. Off by default because it trades simplicity for speed.',
  bad: 'FROM golang:1.23-alpine AS build\nRUN apk add --no-cache git make\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
  good: 'FROM golang:1.23-alpine AS build\nRUN --mount=type=cache,target=/etc/apk/cache apk add git make\nFROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/',
  fix: 'alpine: `RUN --mount=type=cache,target=/etc/apk/cache apk add …` (without --no-cache, which bypasses the cache). Debian/Ubuntu: `RUN rm -f /etc/apt/apt.conf.d/docker-clean` once, then `RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y …`.',
};
