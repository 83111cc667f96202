import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { RunInstruction } from '../src/dockerfile/model.js';
import type { SimpleCommand } from '../src/shell/types.js';
import { commandSpan, findCommands, hasWordFlag } from '../src/lint/helpers.js';
import { GO_COMMAND, expandWord, goBuilds, goPackages, isLocalPackage, rawVar } from '../src/lint/go-helpers.js';

/** Versions that move: `@latest`, branch names, `@HEAD`, `@upgrade`. */
const FLOATING = /^(latest|master|main|head|upgrade|patch|trunk|develop|dev)$/i;

/** `@v1.2.3` or a variable we cannot see: pinned; `@latest` or a branch: floating; no `@`: undefined. */
function versionOf(run: RunInstruction, pkg: string): 'pinned' | 'floating' | undefined {
  const at = pkg.lastIndexOf('@');
  if (at < 0) return undefined;
  const v = expandWord(run, pkg.slice(at + 1));
  return v.includes('$') || !FLOATING.test(v) ? 'pinned' : 'floating';
}

function gopathMode(run: RunInstruction, cmd: SimpleCommand): boolean {
  return (rawVar(run, cmd, 'GO111MODULE')?.value ?? run.vars.get('GO111MODULE') ?? '') === 'off';
}

export default {
  meta: {
    code: 'GF114',
    name: 'unpinned-go-install',
    severity: 'warning',
    category: 'go',
    description: 'Tools installed with go install / go get should name a fixed version, not @latest or a branch.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const { run, cmd, words } of goBuilds(stage, ['install'])) {
        for (const pkg of goPackages(words)) {
          if (isLocalPackage(pkg)) continue;
          const v = versionOf(run, pkg);
          // without @, module mode takes the version from go.mod; only GOPATH mode fetches the newest
          if (v === 'floating' || (v === undefined && gopathMode(run, cmd))) {
            ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `pin ${pkg.replace(/@.*$/, '')} to a version (go install ${pkg.replace(/@.*$/, '')}@vX.Y.Z) instead of ${v ? pkg.slice(pkg.lastIndexOf('@')) : 'the newest commit'}` });
          }
        }
      }
      for (const { run, cmd, words } of findCommands(stage, GO_COMMAND, 'get')) {
        const remote = goPackages(words).filter((p) => !isLocalPackage(p) && p !== '...' && !p.startsWith('-'));
        const floating = remote.filter((p) => versionOf(run, p) !== 'pinned');
        if (hasWordFlag(words.slice(2), '-u', '--u') || words.some((w) => /^--?u=(true|patch)$/.test(w))) {
          ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: '`go get -u` upgrades dependencies past go.sum at build time: update go.mod in the repository and build what it pins' });
        } else if (floating.length) {
          ctx.report({ span: commandSpan(run, cmd.start, cmd.end), message: `pin ${floating[0].replace(/@.*$/, '')} to a version; to install a tool use go install ${floating[0].replace(/@.*$/, '')}@vX.Y.Z` });
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/unpinned-go-install.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: '`go install example.com/tool@latest` installs whatever was released last: the same Dockerfile builds different images from one day to the next, a broken or compromised release lands without review, and build caches are invalidated for nothing. Name the version (`@v1.2.3`, or an `ARG TOOL_VERSION=v1.2.3` so that bots can bump it). `go get` of a remote package without a version, or `go get -u`, does the same to the module\'s dependencies. Not reported: local packages (`.`, `./cmd/app`), `go install tool` and packages without `@` in module mode (go.mod pins them; outside a module modern Go refuses them).',
  bad: 'FROM golang:1.23 AS tools\nRUN go install github.com/go-delve/delve/cmd/dlv@latest',
  good: 'FROM golang:1.23 AS tools\nARG DELVE_VERSION=v1.23.1\nRUN go install github.com/go-delve/delve/cmd/dlv@${DELVE_VERSION}',
};
