import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { RunInstruction } from '../src/dockerfile/model.js';
import type { ShellWord, SimpleCommand } from '../src/shell/types.js';
import { commandSpan, runs } from '../src/lint/helpers.js';

/** Does a later `rm` in the same script delete dir (or a parent of it)? Then it was a scratch directory. */
function removedLater(commands: SimpleCommand[], cd: SimpleCommand, dir: string): boolean {
  const norm = (p: string) => p.replace(/\/+$/, '');
  const target = norm(dir);
  return commands.some((c) => c.start > cd.start && c.words[0]?.value === 'rm'
    && c.words.slice(1).some((w) => !w.value.startsWith('-') && norm(w.value) !== '' && (target === norm(w.value) || target.startsWith(norm(w.value) + '/'))));
}

// Commands that bring a directory into being from content (a clone, an unpacked archive): WORKDIR cannot come before them.
const FETCHES = new Set(['git', 'tar', 'bsdtar', 'unzip', '7z', 'cpio']);

/** Is dir a scratch or fetched directory that WORKDIR cannot replace without splitting the RUN or leaving files behind? */
function workdirCannotReplace(run: RunInstruction, commands: SimpleCommand[], cd: SimpleCommand, dir: ShellWord): boolean {
  const path = dir.value;
  if (/\$\(|`/.test(dir.raw) || /[*?[]/.test(path) || path === '-') return true; // computed or globbed
  if (path === '/tmp' || path.startsWith('/tmp/')) return true; // a scratch area, not a home for later steps
  // Inside a mount: WORKDIR would leave an empty directory in the image.
  const targets = run.mounts.map((m) => m.target ?? '').filter(Boolean);
  if (targets.some((t) => path.startsWith('/') ? path === t || path.startsWith(t.replace(/\/*$/, '/')) : !t.startsWith('/'))) return true;
  const before = commands.filter((c) => c.start < cd.start);
  if (before.some((c) => FETCHES.has(c.words[0]?.value ?? ''))) return true;
  return removedLater(commands, cd, path);
}

export default {
  meta: {
    code: 'GF203',
    name: 'cd-in-run',
    severity: 'warning',
    category: 'hygiene',
    description: 'Use WORKDIR instead of `cd` at the top level of a RUN.',
    aliases: ['DL3003', 'DS013', 'DS-0013'],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const run of runs(stage)) {
        const commands = run.script().commands;
        // The first top-level cd is the one WORKDIR would replace; later ones depend on it.
        const cmd = commands.find((c) => c.depth === 0 && c.words[0]?.value === 'cd' && !c.inPipeline);
        const dir = cmd?.words[1];
        if (cmd && dir && !workdirCannotReplace(run, commands, cmd, dir)) {
          ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `use WORKDIR ${dir.value} instead of \`cd\`: a cd lasts only until the end of this RUN` });
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/cd-in-run.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'A `cd` at the top level of a RUN lasts only for that RUN: the next instruction is back in the previous directory, which is how `RUN cd /src && go mod download` followed by `RUN go build` ends up building in the wrong place. WORKDIR states the directory once for every later instruction, and creates it. Only the first top-level `cd` of a RUN is reported. Not reported, because WORKDIR cannot express them without splitting the RUN or leaving files in the image: `cd` inside a subshell `( cd x && make )`, a loop or a function; to a computed or globbed directory (`cd "$(mktemp -d)"`, `cd /tmp/pkg-*`); into /tmp, into a RUN mount, or into a directory the same RUN cloned, unpacked or deletes afterwards.',
  bad: 'FROM golang:1.23\nCOPY . /src\nRUN cd /src && go build -o /out/app .',
  good: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .',
};
