import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { DockerfileModel, RunInstruction, Stage } from '../src/dockerfile/model.js';
import { commandWords, runs } from '../src/lint/helpers.js';
import { goBuilds, rawVar, stageChain } from '../src/lint/go-helpers.js';

const TARGET_REF = /\bTARGET(OS|ARCH|PLATFORM|VARIANT)\b/;

/** The file is meant for several platforms: it uses the automatic TARGET* args somewhere. */
export function isMultiPlatform(model: DockerfileModel): boolean {
  return model.instructions.some((i) => TARGET_REF.test(i.args) || i.flags.some((f) => TARGET_REF.test(f.value ?? '')) ||
    i.heredocs.some((h) => TARGET_REF.test(h.body)));
}

/** The --platform a stage runs on, inherited through FROM <stage>. */
export function stagePlatform(stage: Stage): string | undefined {
  return stageChain(stage).reverse().find((s) => s.platform !== undefined)?.platform;
}

/** RUNs of the stage that compile Go: go build/install, or any command given GOARCH from the TARGET args (`make` wrappers). */
function compiles(stage: Stage): RunInstruction[] {
  const out = new Set(goBuilds(stage).map((f) => f.run));
  for (const run of runs(stage)) {
    if (run.script().commands.some((c) => c.assignments.some((a) => a.name === 'GOARCH' && TARGET_REF.test(a.value)))) out.add(run);
  }
  return [...out];
}

/** cgo on, without xx: the golang images have no cross C compiler, so this builder must run on the target platform. */
function needsTargetCompiler(stage: Stage, model: DockerfileModel): boolean {
  const cgo = goBuilds(stage).some((f) => rawVar(f.run, f.cmd, 'CGO_ENABLED', model.globalArgs)?.value === '1');
  return cgo && !runs(stage).some((r) => r.script().commands.some((c) => commandWords(c)[0]?.startsWith('xx-')));
}

/** Does the stage pick GOOS/GOARCH from the target platform, so that moving it to the build platform keeps the binary right? */
function crossCompiles(stage: Stage, model: DockerfileModel): boolean {
  for (const s of stageChain(stage)) {
    for (const run of runs(s)) {
      for (const cmd of run.script().commands) {
        const w = commandWords(cmd);
        if (w[0]?.startsWith('xx-')) return true;
        const arch = rawVar(run, cmd, 'GOARCH', model.globalArgs)?.value ?? '';
        if (TARGET_REF.test(arch) || arch.includes('xx-info')) return true;
      }
    }
  }
  return false;
}

export default {
  meta: {
    code: 'GF110',
    name: 'builder-not-on-build-platform',
    severity: 'warning',
    category: 'performance',
    description: 'A Go builder stage of a multi-platform build should run on --platform=$BUILDPLATFORM and cross-compile.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    const model = ctx.model;
    if (!isMultiPlatform(model)) return;
    // Stages whose platform is the image's: moving them would change what the image runs on.
    const runtime = new Set(model.target ? stageChain(model.target) : []);
    for (const s of model.stages) if (s.isFinal) for (const c of stageChain(s)) runtime.add(c);
    const reported = new Set<Stage>();
    for (const stage of model.stages) {
      if (!compiles(stage).length || needsTargetCompiler(stage, model)) continue;
      const platform = stagePlatform(stage);
      // a constant platform (linux/amd64) is a deliberate choice; $BUILDPLATFORM is the goal
      if (platform !== undefined && !/TARGETPLATFORM/.test(platform)) continue;
      const root = stageChain(stage).reverse().find((s) => s.platform !== undefined) ?? stageChain(stage)[0];
      if (runtime.has(root) || reported.has(root)) continue;
      reported.add(root);
      const cross = crossCompiles(stage, model);
      let fix;
      if (cross && root.platform === undefined && root.base.kind !== 'stage') {
        const at = root.from.keywordSpan.end.offset;
        fix = { description: 'run the builder on $BUILDPLATFORM', edits: [{ start: at, end: at, text: ' --platform=$BUILDPLATFORM' }] };
      }
      const message = cross
        ? 'use FROM --platform=$BUILDPLATFORM for this Go builder: it already cross-compiles, and otherwise the compiler runs under QEMU emulation for every foreign platform'
        : 'use FROM --platform=$BUILDPLATFORM for this Go builder and build with GOOS=$TARGETOS GOARCH=$TARGETARCH, so the compiler runs natively instead of under QEMU emulation';
      ctx.report({ span: root.from.span, message, fix });
    }
  },
} satisfies Rule;

// Its page (rules/builder-not-on-build-platform.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'When a Dockerfile is built for several platforms, a builder stage without `--platform=$BUILDPLATFORM` runs once per target platform, and for every foreign one the Go compiler runs under QEMU emulation: 5–20× slower, and sometimes crashing. Go cross-compiles natively: run the builder on the build machine\'s platform and pass `GOOS=$TARGETOS GOARCH=$TARGETARCH` to `go build`. The fix is offered only when the build already takes GOOS/GOARCH from the TARGET args; otherwise moving the stage alone would put build-machine binaries into every image.',
  bad: 'FROM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  fix: '`--fix` inserts `--platform=$BUILDPLATFORM` after `FROM` when the stage has no --platform and its go build already uses $TARGETOS/$TARGETARCH (or xx-go).',
};
