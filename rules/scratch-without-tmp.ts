import type { Stage } from '../src/dockerfile/model.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import { copies, rootBase } from '../src/lint/helpers.js';
import { stageChain } from './cgo-libc-mismatch.js';
import { copiesRootfs, envAtEnd, isRunnable } from './scratch-without-zoneinfo.js';

const norm = (p: string) => '/' + p.split('/').filter((x) => x && x !== '.').join('/');
const isTmp = (p: string) => norm(p) === '/tmp' || norm(p).startsWith('/tmp/');

export default {
  meta: {
    code: 'GF106',
    name: 'scratch-without-tmp',
    severity: 'info',
    category: 'go',
    description: 'A scratch final stage has no /tmp: os.CreateTemp and os.MkdirTemp fail unless one is provided.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    // `COPY --from=b /rootfs/ /` provides /tmp when stage b's RUNs make /rootfs/tmp
    const madeTmpIn = (from: Stage | undefined, src: string): boolean => {
      if (!from || !src.endsWith('/')) return false;
      const dir = norm(src) + '/tmp';
      return stageChain(from).some((s) => s.instructions.some((i) => i.keyword === 'RUN' && i.args.includes(dir)));
    };
    const stage = ctx.model.target;
    if (!stage || rootBase(stage).kind !== 'scratch' || !isRunnable(stage) || copiesRootfs(stage)) return;
    const chain = stageChain(stage);
    const provided = chain.some((s) => copies(s).some((c) => isTmp(c.dest) || norm(c.dest) === '/' && c.sources.some((src) => /(^|\/)tmp\/?$/.test(src) || madeTmpIn(c.fromStage, src))) ||
      s.instructions.some((i) => i.keyword === 'WORKDIR' && isTmp(i.args.trim()) ||
        i.keyword === 'VOLUME' && /(^|[\s"[,])\/tmp\/?($|[\s",\]])/.test(i.args)));
    if (provided || envAtEnd(stage, 'TMPDIR') !== undefined) return;
    ctx.report({
      span: stage.from.span,
      message: 'scratch has no /tmp, so os.CreateTemp and os.MkdirTemp fail: in the builder mkdir -p -m 1777 /rootfs/tmp, then COPY --from=<builder> /rootfs/ / (copying the parent keeps the mode), or declare VOLUME /tmp',
    });
  },
} satisfies Rule;

// Its page (rules/scratch-without-tmp.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'scratch has no directories at all. `os.TempDir()` returns /tmp, so `os.CreateTemp("", …)`, `os.MkdirTemp`, multipart uploads that spill to disk (net/http `ParseMultipartForm`) and many libraries fail with `open /tmp/…: no such file or directory`. Copy an empty, world-writable /tmp from the builder, mount one (a tmpfs or a volume), or set TMPDIR to a directory the image has.',
  bad: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nRUN CGO_ENABLED=0 go build -o /app . && mkdir -p -m 1777 /rootfs/tmp\nFROM scratch\nCOPY --from=build /rootfs/ /\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]',
  fix: 'In the builder, `RUN mkdir -p -m 1777 /rootfs/tmp`, then `COPY --from=build /rootfs/ /` in the final stage: copying the parent keeps the 1777 mode, whereas `COPY --from=build /rootfs/tmp /tmp` creates a /tmp that only root can write (seen on Docker\'s BuildKit). Or declare `VOLUME /tmp`, or run with `--tmpfs /tmp`.',
};
