import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { Instruction, Stage } from '../src/dockerfile/model.js';
import { baseKind, findCommands, isGoToolchainImage, rootBase } from '../src/lint/helpers.js';
import { shippedGoBuilds, stageChain } from './cgo-libc-mismatch.js';

// Names that say the image is meant to carry the toolchain: development, debugging, CI.
const TOOLING = new Set(['dev', 'devcontainer', 'develop', 'development', 'debug', 'test', 'tests', 'testing', 'ci', 'lint', 'linter', 'tilt', 'tools', 'toolkit']);

const tokens = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** The stage name or the Dockerfile's name (Dockerfile.dev, .devcontainer/Dockerfile) marks a tooling image. */
function isToolingImage(stage: Stage, path: string): boolean {
  const parts = path.split(/[\\/]/);
  const file = parts.at(-1) ?? '';
  const dir = parts.at(-2) ?? '';
  return [...tokens(stage.name ?? ''), ...tokens(file), ...(dir.includes('devcontainer') ? ['devcontainer'] : [])].some((t) => TOOLING.has(t));
}

function entryWords(inst: Instruction): string[] {
  return inst.json ?? inst.args.trim().split(/\s+/).filter(Boolean);
}

/** The image's command runs the toolchain itself: `go run`, go-wrapper (the old onbuild images). */
function runsToolchain(words: string[]): boolean {
  const head = (words[0] ?? '').split('/').pop();
  return head === 'go-wrapper' || head === 'go' && words[1] === 'run';
}

/** The stage builds its own program: a go build, or go install of local packages (not pkg@version or tools). */
function buildsProgram(chain: Stage[]): boolean {
  return chain.some((s) => findCommands(s, 'go', ['build', 'install']).some((f) => {
    const args = f.words.slice(2).filter((w) => !w.startsWith('-'));
    return f.words[1] === 'build' || args.some((a) => !a.includes('@') && a !== 'tool');
  }));
}

export default {
  meta: {
    code: 'GF107',
    name: 'toolchain-in-final-image',
    severity: 'warning',
    category: 'go',
    description: 'The image that runs the program should not be a golang image: build in one stage, ship the binary on a small base.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const stage = ctx.model.target;
    // a --target on an earlier stage builds a builder on purpose
    if (!stage?.isFinal || !isGoToolchainImage(baseKind(stage)) || isToolingImage(stage, ctx.model.path)) return;
    const chain = stageChain(stage);
    const commands = chain.flatMap((s) => s.instructions).filter((i) => i.keyword === 'ENTRYPOINT' || i.keyword === 'CMD').map(entryWords);
    if (!commands.some((w) => w.length)) return;
    // the program is built here, or in a builder and copied into this golang image
    if (!buildsProgram(chain) && !commands.some(runsToolchain) && !shippedGoBuilds(stage).length) return;
    const b = rootBase(stage);
    const image = b.kind === 'image' ? b.image.text : 'golang';
    ctx.report({
      span: stage.from.span,
      message: `the final image is ${image}, shipping the Go toolchain (hundreds of MB, a compiler) to run one binary: build in this stage and COPY the binary into a final gcr.io/distroless/static-debian12 stage`,
    });
  },
} satisfies Rule;

// Its page (rules/toolchain-in-final-image.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A golang image is 250–850 MB: the compiler, the module and build caches, git, gcc and a full Debian or Alpine. Shipping it to run one static binary makes pulls slow, adds hundreds of packages for scanners to flag, and puts a compiler in the hands of anyone who gets into the container. A multi-stage build keeps the toolchain in the builder and ships the binary alone on distroless/static (2 MB) or scratch. Images that are meant to carry Go (a stage or file named dev, debug, test, ci, lint, a devcontainer) are not judged.',
  bad: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nCMD ["/app"]',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nCMD ["/app"]',
  fix: 'Name the golang stage (`FROM golang:1.23 AS build`), build with CGO_ENABLED=0, and add a final `FROM gcr.io/distroless/static-debian12:nonroot` stage that copies only the binary.',
};
