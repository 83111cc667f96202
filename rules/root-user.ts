import type { Rule, RuleDocs } from '../src/lint/types.js';
import { baseKind, finalUser, isRootUser, rootBase } from '../src/lint/helpers.js';

// Images whose default user is already non-root.
function defaultsToNonRoot(stage: import('../src/dockerfile/model.js').Stage): boolean {
  const b = rootBase(stage);
  if (b.kind !== 'image') return false;
  const tag = b.image.tag ?? '';
  return tag.includes('nonroot') || b.image.name.startsWith('cgr.dev/chainguard/') && !tag.includes('-dev');
}

export default {
  meta: {
    code: 'GF003',
    name: 'root-user',
    severity: 'warning',
    category: 'security',
    description: 'The final stage (or --target) must not run as root.',
    aliases: ['DL3002', 'DS002', 'DS-0002', 'CKV_DOCKER_3', 'CKV_DOCKER_8'],
    fixable: true,
  },
  check(ctx) {
    const stage = ctx.model.target;
    if (!stage) return;
    const user = finalUser(stage);
    if (user && !isRootUser(user.user)) return;
    if (!user && defaultsToNonRoot(stage)) return;
    if (user) {
      ctx.report({ span: user.inst.span, message: `the image runs as ${user.user}: switch to an unprivileged user before the end of the stage (USER 65532:65532 on scratch/distroless)` });
      return;
    }
    const kind = baseKind(stage);
    let fix;
    if (kind === 'scratch' || kind.startsWith('distroless')) {
      // Before the first ENTRYPOINT/CMD, else at the end of the stage.
      const anchor = stage.instructions.find((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD');
      const text = ctx.model.text;
      if (anchor) {
        const at = anchor.span.start.offset;
        fix = { description: 'add USER 65532:65532', edits: [{ start: at, end: at, text: 'USER 65532:65532\n' }] };
      } else {
        const at = stage.instructions.at(-1)!.span.end.offset;
        const nl = text.includes('\r\n') ? '\r\n' : '\n';
        fix = { description: 'add USER 65532:65532', edits: [{ start: at, end: at, text: `${nl}USER 65532:65532` }] };
      }
    }
    const how = kind === 'alpine' ? 'create one (RUN adduser -D -u 10001 app) and add USER 10001'
      : kind === 'debian' || kind === 'ubuntu' ? 'create one (RUN useradd -r -u 10001 app) and add USER 10001'
      : 'add USER 65532:65532';
    ctx.report({ span: stage.from.span, message: `the final stage runs as root (no USER): ${how}`, fix });
  },
} satisfies Rule;

// Its page (rules/root-user.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A process running as root in the container is root on the host\'s kernel: one bug in the service or a container escape gives an attacker the most it can get. A Go binary needs no privileges to listen on ports above 1024. Builder stages are exempt: only the image you ship is judged.',
  bad: 'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nUSER 65532:65532\nENTRYPOINT ["/app"]',
  fix: '`--fix` adds `USER 65532:65532` (the distroless `nonroot` ids, which need no /etc/passwd) to scratch and distroless final stages. On alpine or debian, create a user (`adduser -D -u 10001 app`) and switch to it.',
};
