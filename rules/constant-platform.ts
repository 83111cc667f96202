import type { Rule, RuleDocs } from '../src/lint/types.js';

// Architecture spellings that name the same platform (as containerd's platforms.Parse normalises them).
const ARCH_ALIASES: Record<string, string> = { x86_64: 'amd64', 'x86-64': 'amd64', aarch64: 'arm64', armhf: 'arm', armel: 'arm', i386: '386' };

/** os and architecture of a constant `os[/arch[/variant]]`, or undefined when it does not look like one. */
function parsePlatform(value: string): { os: string; arch: string } | undefined {
  const parts = value.toLowerCase().split('/');
  if (parts.length > 3 || parts.some((p) => !/^[a-z0-9_.-]+$/.test(p))) return undefined;
  const arch = parts[1] ?? '';
  return { os: parts[0], arch: ARCH_ALIASES[arch] ?? arch };
}

export default {
  meta: {
    code: 'GF228',
    name: 'constant-platform',
    severity: 'warning',
    category: 'correctness',
    description: '`FROM --platform=linux/amd64` pins a stage to one platform: use $BUILDPLATFORM (builders) or leave it to --platform on the command line.',
    aliases: ['FromPlatformFlagConstDisallowed'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.from.flags.find((f) => f.name === 'platform');
      const value = (flag?.value ?? '').replace(/^"(.*)"$/, '$1');
      if (!flag || !value || value.includes('$')) continue;
      const p = parsePlatform(value);
      if (!p) continue;
      const name = (stage.name ?? '').toLowerCase();
      if (name && (p.os && name.includes(p.os) || p.arch && name.includes(p.arch))) continue;
      ctx.report({
        span: flag.span,
        message: `--platform=${value} pins this stage to one platform and breaks multi-platform builds: use $BUILDPLATFORM for a builder, or drop the flag`,
      });
    }
  },
} satisfies Rule;

// Its page (rules/constant-platform.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A constant `--platform` makes the stage ignore the platform being built: `docker buildx build --platform linux/arm64` still pulls the amd64 image and, on the final stage, ships an amd64 image labelled for arm64 (`exec format error` at start). For a Go builder the right form is `FROM --platform=$BUILDPLATFORM golang…` with `GOOS=$TARGETOS GOARCH=$TARGETARCH` — the compiler runs natively and cross-compiles. As in BuildKit, stages whose name contains the OS or architecture (`AS build-amd64`) are per-platform on purpose and are not reported.',
  bad: 'FROM --platform=linux/amd64 golang:1.23 AS build\nRUN go build -o /out/app .',
  good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .',
  fix: 'Use `--platform=$BUILDPLATFORM` on builder stages that cross-compile, drop the flag on stages that should follow the target platform, or name the stage after its platform (`AS tools-amd64`) when it really is platform-specific.',
};
