import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { RunInstruction } from '../src/dockerfile/model.js';
import { commandSpan, reachableStages } from '../src/lint/helpers.js';
import { afterSubcommand, expandWord, goArgs, goflagsHas, hasHiddenFlags, isOpaqueWord, releaseBuilds, subcommandOf } from '../src/lint/go-helpers.js';

/** The last -ldflags value given to go build (the go command keeps the last), or undefined. */
function ldflagsOf(words: string[]): string | undefined {
  const args = goArgs(words);
  let v: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const m = /^--?ldflags(=(.*))?$/s.exec(args[i]);
    if (m) v = m[1] ? m[2] : args[++i] ?? '';
  }
  return v;
}

/** Since Go 1.22 `-s` also drops DWARF (as -w does) unless `-w=0`; `-s -w` works everywhere. */
function strips(run: RunInstruction, ldflags: string): boolean | undefined {
  if (isOpaqueWord(run, ldflags)) return undefined;
  const tokens = expandWord(run, ldflags).replace(/^(['"])(.*)\1$/s, '$2').split(/\s+/);
  return tokens.some((t) => /^--?s(=(true|1))?$/.test(t));
}

export default {
  meta: {
    code: 'GF116',
    name: 'missing-strip-flags',
    severity: 'info',
    category: 'go',
    description: 'A binary that ships in the image should be linked with -ldflags="-s -w".',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    for (const { run, cmd, words } of releaseBuilds(reachableStages(ctx.model))) {
      if (goflagsHas(run, cmd, /-ldflags/) || hasHiddenFlags(run, words)) continue;
      const sub = subcommandOf(words);
      const ldflags = ldflagsOf(words);
      if (ldflags !== undefined) {
        if (strips(run, ldflags) !== false) continue;
        ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `add -s -w to the -ldflags of go ${sub} to leave the symbol table and DWARF out of the shipped binary` });
        continue;
      }
      const at = afterSubcommand(run, cmd, sub);
      const fix = at === undefined ? undefined : { description: 'add -ldflags="-s -w"', edits: [{ start: at, end: at, text: ' -ldflags="-s -w"' }] };
      ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `add -ldflags="-s -w" to go ${sub} to leave the symbol table and DWARF out of the shipped binary`, fix });
    }
  },
} satisfies Rule;

// Its page (rules/missing-strip-flags.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'By default the Go linker keeps the symbol table and DWARF debug information in the binary: 25–30% of its size, shipped and pulled with every image, and of no use to a process nobody attaches a debugger to (panics still print full stack traces: those come from pclntab, which stays). `-ldflags="-s -w"` leaves both out. Only builds whose binary reaches the target stage are reported, and not debug builds (`-gcflags=all=-N -l`).',
  bad: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  good: 'FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags="-s -w" -o /out/app .\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]',
  fix: '`--fix` inserts `-ldflags="-s -w"` after `go build` when the command has no -ldflags; an existing -ldflags needs `-s -w` added by hand (its quoting varies).',
};
