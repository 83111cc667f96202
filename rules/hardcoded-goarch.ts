import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { DockerfileModel, ImageRef, Stage } from '../src/dockerfile/model.js';
import { reachableStages, rootBase, runs, type FoundCommand } from '../src/lint/helpers.js';
import { goBuilds, rawVar, stageChain } from '../src/lint/go-helpers.js';
import { stagePlatform } from './builder-not-on-build-platform.js';

const ARCHES = /^(amd64|arm64|arm|386|ppc64|ppc64le|s390x|riscv64|mips|mipsle|mips64|mips64le|loong64)$/;

/** Images published for one architecture only: `arm64v8/alpine`, `amd64/debian`, tags like `nonroot-amd64`. */
function isArchSpecificImage(image: ImageRef): boolean {
  return /(^|\/)(amd64|arm64v8|arm32v[5-7]|i386|ppc64le|s390x|riscv64|mips64le)\//.test(image.repository) ||
    /(^|[-_.])(amd64|arm64|aarch64|x86_64|armhf|armv7|arm32v7|386|ppc64le|s390x)($|[-_.])/.test(image.tag ?? '');
}

/** The image can only be built for one platform: a constant --platform on the target, one tied to GOARCH, or an arch-specific base. */
function singlePlatform(model: DockerfileModel): boolean {
  const target = model.target;
  if (!target) return true;
  const platform = stagePlatform(target);
  if (platform !== undefined && (!platform.includes('$') || /GOARCH/.test(platform))) return true;
  const base = rootBase(target);
  return base.kind === 'image' && isArchSpecificImage(base.image);
}

/** Commands that compile for an architecture: go build/install, or a wrapper (make) given GOARCH on its command line. */
function compileCommands(stage: Stage): FoundCommand[] {
  const out = goBuilds(stage);
  for (const run of runs(stage)) {
    for (const cmd of run.script().commands) {
      if (cmd.assignments.some((a) => a.name === 'GOARCH') && !out.some((f) => f.cmd === cmd)) out.push({ run, cmd, words: cmd.words.map((w) => w.value) });
    }
  }
  return out;
}

export default {
  meta: {
    code: 'GF111',
    name: 'hardcoded-goarch',
    severity: 'warning',
    category: 'go',
    description: 'GOARCH should come from $TARGETARCH, not be hard-coded, in an image that can be built for other platforms.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const model = ctx.model;
    if (singlePlatform(model)) return;
    const literal = [...reachableStages(model)].flatMap((stage) => compileCommands(stage))
      .map((f) => ({ arch: rawVar(f.run, f.cmd, 'GOARCH', model.globalArgs), os: rawVar(f.run, f.cmd, 'GOOS', model.globalArgs) }))
      // binaries for other operating systems are artifacts shipped as files, not the image's program
      .filter((x) => !x.os || x.os.value === 'linux' || x.os.value.includes('$'))
      .flatMap((x) => (x.arch && ARCHES.test(x.arch.value) ? [x.arch] : []));
    // Several literal arches gathered into one image: a deliberate per-arch matrix, not a hard-coded target.
    if (new Set(literal.map((a) => a.value)).size > 1) return;
    const reported = new Set<number>();
    for (const arch of literal) {
      if (reported.has(arch.span.start.offset)) continue;
      reported.add(arch.span.start.offset);
      ctx.report({ span: arch.span, message: `GOARCH=${arch.value} is hard-coded: declare ARG TARGETOS TARGETARCH and build with GOOS=$TARGETOS GOARCH=$TARGETARCH so other platforms get a binary that runs` });
    }
  },
} satisfies Rule;

// Its page (rules/hardcoded-goarch.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A hard-coded `GOARCH=amd64` builds an amd64 binary whatever platform the image is built for: `docker buildx build --platform linux/arm64` produces an arm64 image whose binary fails with `exec format error`. BuildKit passes the platform being built as `TARGETOS`/`TARGETARCH`; declare them with `ARG` and use them. `GOOS=linux` is not reported: every Linux image shares it. Not reported either: images that can only be one platform (a constant `FROM --platform=linux/amd64` on the final stage, an arch-specific base such as `arm64v8/alpine` or a `-amd64` tag), and builds for another OS (artifacts, not the image\'s binary).',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=linux GOARCH=amd64 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
};
