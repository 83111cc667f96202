import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { CopyInstruction, Instruction, Stage } from '../src/dockerfile/model.js';
import { baseKind, copies, isGoToolchainImage } from '../src/lint/helpers.js';
import { chainInstructions, expandWord, goBuilds, stageChain } from '../src/lint/go-helpers.js';

const norm = (p: string) => (p.replace(/\/+$/, '') || '/').replace(/\/\.$/, '');

/** Toolchain, GOPATH, caches and home of a golang builder: never the thing to ship whole. */
const BULK = new Map<string, string>([
  ['/', 'the whole builder filesystem (toolchain, sources, caches)'],
  ['/go', 'GOPATH (module cache, build tools)'],
  ['/go/pkg', 'the module cache'],
  ['/go/pkg/mod', 'the module cache'],
  ['/go/src', 'GOPATH sources'],
  ['/usr/local/go', 'the Go toolchain'],
  ['/root', 'root\'s home (build cache, credentials)'],
  ['/root/.cache', 'the build cache'],
]);

/** The working directory in effect at an instruction, following WORKDIR through the FROM chain. */
function workdirAt(stage: Stage, inst: Instruction): string {
  let dir = '/';
  for (const i of chainInstructions(stage, inst)) {
    if (i.keyword !== 'WORKDIR') continue;
    const arg = expandWord(i, i.args.trim());
    dir = arg.startsWith('/') ? arg : `${dir.replace(/\/$/, '')}/${arg}`;
  }
  return norm(dir);
}

/** Directories a builder copied the whole build context into (`COPY . .`, `COPY . /src`). */
function sourceDirs(stage: Stage): Set<string> {
  const out = new Set<string>();
  for (const s of stageChain(stage)) {
    for (const c of copies(s)) {
      if (c.from || !c.sources.some((src) => norm(src) === '.' || src === './' || src === '*')) continue;
      const dest = c.dest.startsWith('/') ? c.dest : `${workdirAt(s, c)}/${c.dest}`;
      out.add(norm(dest.replace(/\/\.\/?$/, '/').replace(/\/\.$/, '')));
    }
  }
  return out;
}

/** A stage that builds Go: on a golang image (and not a bare alias of one), or running go build/install. */
function isGoBuilder(stage: Stage): boolean {
  const chain = stageChain(stage);
  const hasWork = chain.some((s) => s.instructions.some((i) => i.keyword !== 'FROM'));
  return (isGoToolchainImage(baseKind(stage)) && hasWork) || chain.some((s) => goBuilds(s).length > 0);
}

export default {
  meta: {
    code: 'GF117',
    name: 'copy-whole-build-stage',
    severity: 'warning',
    category: 'go',
    description: 'The final stage should copy the built binaries from a Go builder, not its whole filesystem, GOPATH, toolchain or source tree.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const target = ctx.model.target;
    if (!target) return;
    for (const c of stageChain(target).flatMap((s) => copies(s)) as CopyInstruction[]) {
      const from = c.fromStage;
      if (!from || !isGoBuilder(from)) continue;
      const srcDirs = sourceDirs(from);
      for (const src of c.sources) {
        const abs = norm(src.startsWith('/') ? src : `${workdirAt(from, from.instructions.at(-1) ?? from.from)}/${src}`);
        const what = BULK.get(abs) ?? (srcDirs.has(abs) && abs !== '/' ? `the source tree ${abs}` : undefined);
        if (!what) continue;
        ctx.report({ span: c.span, message: `this copies ${what} of stage ${from.name ?? from.index} into the image: copy only the built binary (and files such as CA certificates)` });
        break;
      }
    }
  },
} satisfies Rule;

// Its page (rules/copy-whole-build-stage.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A multi-stage build exists so that the final image gets the binary and nothing else. `COPY --from=build / /`, or copying `/go`, `/usr/local/go`, `/root` or the directory the sources were copied into, brings back what the stage split was meant to leave behind: the compiler, the module cache, the sources (and any credentials they hold), hundreds of MB. Copy the binary (`COPY --from=build /out/app /app`), plus specific files such as `/etc/ssl/certs/ca-certificates.crt`. Copying `/usr/local/go` from a bare `FROM golang AS go` alias is left alone: that is a deliberate way to install Go into a tools image.',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o app .\n\nFROM alpine:3.20\nCOPY --from=build /src /src\nENTRYPOINT ["/src/app"]',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o app .\n\nFROM alpine:3.20\nCOPY --from=build /src/app /app\nENTRYPOINT ["/app"]',
};
