import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { CopyInstruction, ImageRef, Instruction, RunInstruction, Stage } from '../src/dockerfile/model.js';
import { commandSpan, findCommands, hasWordFlag, isRootUser, rootBase } from '../src/lint/helpers.js';
import { afterSubcommand, chainInstructions, goArgs, goBuilds, goflagsHas, goPackages, isLocalPackage, stageChain, subcommandOf } from '../src/lint/go-helpers.js';

/** Does the .dockerignore keep `.git` out of the context? The last matching pattern wins, `!` re-includes. */
export function ignoresGit(patterns: string[]): boolean {
  let ignored = false;
  for (const raw of patterns) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const neg = line.startsWith('!');
    const pat = (neg ? line.slice(1) : line).trim().replace(/^\.?\/+/, '').replace(/\/+$/, '');
    if (globMatches(pat, '.git')) ignored = !neg;
  }
  return ignored;
}

function globMatches(pat: string, path: string): boolean {
  const re = pat.split('/').map((seg) => (seg === '**' ? '(?:.*/)?' : seg.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '/'))
    .join('').replace(/\/$/, '').replace(/\(\?:\.\*\/\)\?$/, '.*');
  return new RegExp(`^${re}$`).test(path) || new RegExp(`^${re}$`).test(path + '/');
}

interface GitSource {
  inst: Instruction;
  /** Owner of the copied files: the --chown user, root when none. */
  owner: string;
}

/** The COPY/ADD that brings a .git directory into the stage before `before`, if any. */
function gitSource(stage: Stage, before: Instruction, dockerignore: string[] | null | undefined): GitSource | undefined {
  let found: GitSource | undefined;
  for (const i of chainInstructions(stage, before)) {
    if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
    const c = i as CopyInstruction;
    if (c.from) continue;
    const explicit = c.sources.some((s) => /^(\.\/)?\.git\/?$/.test(s)) ||
      (c.keyword === 'ADD' && c.flags.some((f) => f.name === 'keep-git-dir' && f.value !== 'false') && c.sources.some((s) => /\.git(#|$)|^git@|^https:\/\/.*\.git/.test(s)));
    const whole = c.sources.some((s) => s === '.' || s === './') && !c.flags.some((f) => f.name === 'exclude' && /^(\.\/)?\.git\/?$/.test(f.value ?? ''));
    // with an unknown .dockerignore (stdin) nothing is assumed about .git
    const wholeWithGit = whole && dockerignore !== undefined && (dockerignore === null || !ignoresGit(dockerignore));
    if (explicit || wholeWithGit) found = { inst: c, owner: (c.chown ?? 'root').split(':')[0] };
  }
  return found;
}

/** The USER in effect at an instruction (root when never set). */
function userAt(stage: Stage, inst: Instruction): string {
  const users = chainInstructions(stage, inst).filter((i) => i.keyword === 'USER');
  return (users.at(-1)?.args.trim() ?? 'root').split(':')[0];
}

/** git is on the PATH: golang's Debian images ship it; elsewhere it must be installed. */
function hasGit(stage: Stage, before: Instruction): boolean {
  const base = rootBase(stage);
  if (base.kind === 'image' && /(^|\/)golang$/.test(base.image.name) && !/alpine/.test(base.image.tag ?? '')) return true;
  return stageChain(stage).some((s) => findCommands(s, /^(apk|apt-get|apt|yum|dnf|microdnf|tdnf)$/)
    .some((f) => f.run.index < before.index && f.words.includes('git')));
}

/** Go 1.18.0 and 1.18.1 failed when git was missing; 1.18.2 made -buildvcs=auto skip stamping instead (golang/go#51748). */
function isGo1180or1181(image: ImageRef): boolean {
  return /(^|\/)golang$/.test(image.name) && /^1\.18\.[01](-|$)/.test(image.tag ?? '');
}

/** Git refuses a repository owned by another user ("dubious ownership"), and go build fails with exit status 128. */
function ownersDiffer(owner: string, user: string): boolean {
  const rootOwner = isRootUser(owner);
  const rootUser = isRootUser(user);
  if (rootOwner !== rootUser) return true;
  return !rootOwner && /^\d+$/.test(owner) && /^\d+$/.test(user) && owner !== user;
}

function trustsDirectory(stage: Stage, run: RunInstruction): boolean {
  return chainInstructions(stage).some((i) => i.index <= run.index && /safe\.directory/.test(i.args + i.heredocs.map((h) => h.body).join('\n')));
}

export default {
  meta: {
    code: 'GF112',
    name: 'vcs-stamping-fails',
    severity: 'warning',
    category: 'go',
    description: 'go build in a Docker build where VCS stamping fails should pass -buildvcs=false.',
    aliases: [],
    fixable: true,
  },
  check(ctx) {
    const model = ctx.model;
    const builds = model.stages.flatMap((stage) => goBuilds(stage).map((f) => ({ ...f, stage })))
      .filter((b) => goPackages(b.words).every((p) => isLocalPackage(p) || !p.includes('@'))); // tool@version builds outside the repository
    for (const { run, cmd, words, stage } of builds) {
      if (hasWordFlag(goArgs(words), '-buildvcs', '--buildvcs') || goflagsHas(run, cmd, /-buildvcs/)) continue;
      const git = gitSource(stage, run, ctx.dockerignore);
      if (!git) continue;
      const base = rootBase(stage);
      let why: string | undefined;
      if (hasGit(stage, run)) {
        const user = userAt(stage, run);
        if (ownersDiffer(git.owner, user) && !trustsDirectory(stage, run)) {
          why = `.git (line ${git.inst.span.start.line}) is owned by ${isRootUser(git.owner) ? 'root' : git.owner} but go ${subcommandOf(words)} runs as ${isRootUser(user) ? 'root' : user}, so git refuses it ("dubious ownership") and the build fails with "error obtaining VCS status: exit status 128"`;
        }
      } else if (base.kind === 'image' && isGo1180or1181(base.image)) {
        why = `Go ${base.image.tag?.split('-')[0]} fails with 'error obtaining VCS status: exec: "git": executable file not found' when .git is present and git is not`;
      }
      if (!why) continue;
      const at = afterSubcommand(run, cmd, subcommandOf(words));
      const fix = at === undefined ? undefined : { description: 'add -buildvcs=false', edits: [{ start: at, end: at, text: ' -buildvcs=false' }] };
      ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `${why}: add -buildvcs=false (or make the owner match)`, fix });
    }
  },
} satisfies Rule;

// Its page (rules/vcs-stamping-fails.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Since Go 1.18, `go build` stamps the binary with VCS information when the main module sits in a repository, by running git in the build directory. In a Docker build that fails (`error obtaining VCS status: exit status 128. Use -buildvcs=false to disable VCS stamping.`) when `.git` comes along with the context but belongs to another user than the one building: git refuses a repository with "dubious ownership", e.g. `COPY --chown=app . .` built as root, or sources copied as root and built after `USER app`. With Go 1.18.0/1.18.1 it also failed whenever git was missing (golang:*-alpine, no `apk add git`); since 1.18.2 the default `-buildvcs=auto` silently skips stamping when git is absent, so that case is only reported for those two versions. `.git` is assumed present when the whole context is copied and the .dockerignore does not exclude it (nothing is assumed when the .dockerignore is unknown), or when `.git` is copied explicitly.',
  bad: 'FROM golang:1.23 AS build\nRUN useradd --create-home builder\nUSER builder\nWORKDIR /home/builder/src\nCOPY .git .git\nCOPY . .\nRUN go build -o /home/builder/app .',
  good: 'FROM golang:1.23 AS build\nRUN useradd --create-home builder\nUSER builder\nWORKDIR /home/builder/src\nCOPY .git .git\nCOPY . .\nRUN go build -buildvcs=false -o /home/builder/app .',
  fix: '`--fix` adds `-buildvcs=false` after `go build`. To keep the stamp instead, copy with `--chown` matching the build user, or `git config --global --add safe.directory <dir>`.',
};
