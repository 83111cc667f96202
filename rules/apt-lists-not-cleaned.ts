import type { DockerfileModel, RunInstruction, Stage } from '../src/dockerfile/model.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import { commandSpan, commandWords, copies, findCommands, stageByRef } from '../src/lint/helpers.js';

const LISTS = '/var/lib/apt/lists';

/** Is `source` a directory that contains /var/lib/apt/lists (`/`, `/var`, …), so copying it carries the lists along? */
function carriesLists(source: string): boolean {
  const p = source.replace(/\/(\.|\*)?$/, '').replace(/\/+$/, '');
  return p === '' || p === '.' || LISTS === p || LISTS.startsWith(p + '/');
}

/** Stages whose files end up in the image: the target, the stages it is built on, and stages copied into those wholesale. */
function shippedStages(model: DockerfileModel): Set<Stage> {
  const out = new Set<Stage>();
  const visit = (s: Stage | undefined) => {
    for (let guard = 0; s && !out.has(s) && guard < 100; guard++) {
      out.add(s);
      for (const c of copies(s)) {
        const from = c.fromStage ?? (c.from ? stageByRef(model, c.from) : undefined);
        if (from && from !== s && c.sources.some(carriesLists)) visit(from);
      }
      s = s.base.kind === 'stage' ? s.base.stage : undefined;
    }
  };
  visit(model.target ?? undefined);
  return out;
}

/** A cache or tmpfs mount over the lists keeps them out of the layer. */
function listsMounted(run: RunInstruction): boolean {
  return run.mounts.some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== undefined && (LISTS + '/').startsWith(m.target.replace(/\/*$/, '/')));
}

/** `rm -rf /var/lib/apt/lists/*`, `apt-get dist-clean` or similar in the same RUN. */
function cleansLists(run: RunInstruction): boolean {
  return run.script().commands.some((c) => {
    const w = commandWords(c);
    if (w[0] === 'apt-get' || w[0] === 'apt') return w.includes('dist-clean') || w.includes('distclean');
    return (w[0] === 'rm' || w[0] === 'find') && w.some((x) => x.startsWith('/var/lib/apt'));
  });
}

export default {
  meta: {
    code: 'GF207',
    name: 'apt-lists-not-cleaned',
    severity: 'info',
    category: 'performance',
    description: '`apt-get update` in a shipped stage should remove /var/lib/apt/lists in the same RUN.',
    aliases: ['DL3009'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of shippedStages(ctx.model)) {
      const seen = new Set<RunInstruction>();
      for (const { run, cmd } of [...findCommands(stage, 'apt-get', 'update'), ...findCommands(stage, 'apt', 'update')]) {
        if (seen.has(run) || listsMounted(run) || cleansLists(run)) continue;
        seen.add(run);
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `end this RUN with \`rm -rf ${LISTS}/*\` so the package index does not stay in the image` });
      }
    }
  },
} satisfies Rule;

// Its page (rules/apt-lists-not-cleaned.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`apt-get update` downloads the package index into /var/lib/apt/lists: tens of megabytes that stay in the layer unless the same RUN deletes them (a later RUN cannot shrink an earlier layer). The RUN that runs the update is the one reported. Builder stages whose files are not copied wholesale into the final image are not judged (hadolint reports them, but their layers are never shipped), and a cache or tmpfs mount on /var/lib/apt (or its lists) is accepted.',
  bad: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates',
  good: 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates \\\n && rm -rf /var/lib/apt/lists/*',
  fix: 'End the RUN with `&& rm -rf /var/lib/apt/lists/*`, or mount caches: `RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && …`.',
};
