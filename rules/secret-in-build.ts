import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { RunInstruction, Stage } from '../src/dockerfile/model.js';
import type { SimpleCommand } from '../src/shell/types.js';
import { commandSpan, runs } from '../src/lint/helpers.js';
import { stageChain } from '../src/lint/go-helpers.js';

const VAR_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)[^}]*\}|([A-Za-z_][A-Za-z0-9_]*))/g;
/** `scheme://userinfo@host` where the userinfo carries a credential: a variable, or `user:password`. */
const URL_CREDENTIALS = /[a-z][a-z0-9+.-]*:\/\/([^\s/@'"]+)@[^\s/'"]/gi;

interface Leak {
  cmd: SimpleCommand;
  /** The text holding the credential. */
  text: string;
  /** Written to a file that stays in the layer (git config, .netrc). */
  persisted: boolean;
}

/** Commands of a RUN that put credentials in a URL or a .netrc. */
function credentialUses(run: RunInstruction): Leak[] {
  const script = run.script();
  const out: Leak[] = [];
  // both checks below need a URL or a .netrc somewhere in the script
  if (!script.source.includes('://') && !script.source.includes('.netrc')) return out;
  for (const cmd of script.commands) {
    const text = script.source.slice(cmd.start, cmd.end);
    const head = cmd.words[0]?.value ?? '';
    const persistedConfig = head === 'git' && cmd.words[1]?.value === 'config';
    for (const m of text.matchAll(URL_CREDENTIALS)) {
      const userinfo = m[1];
      if (new RegExp(VAR_REF.source).test(userinfo) || /^[^:$]+:[^$]+$/.test(userinfo)) out.push({ cmd, text: userinfo, persisted: persistedConfig });
    }
    if (/\.netrc\b/.test(text) && /\b(password|login)\b/.test(text) && /^(echo|printf|cat|tee)$/.test(head)) out.push({ cmd, text, persisted: true });
  }
  return out;
}

/** Variables the RUN itself gets from a secret: `--mount=type=secret,env=X`, or `X=$(cat /run/secrets/…)` in the script. */
function secretVars(run: RunInstruction): Set<string> {
  const out = new Set<string>();
  const targets = run.mounts.filter((m) => m.type === 'secret').map((m) => m.target ?? `/run/secrets/${m.id ?? ''}`);
  for (const m of run.mounts) if (m.type === 'secret' && m.env) out.add(m.env);
  const script = run.script();
  for (const cmd of script.commands) {
    const assigns = [...cmd.assignments, ...(cmd.words[0]?.value === 'export' ? cmd.words.slice(1).map((w) => ({ name: w.value.split('=')[0], value: w.value.slice(w.value.indexOf('=') + 1) })) : [])];
    for (const a of assigns) if (readsSecret(a.value, targets)) out.add(a.name);
    // `read -r TOKEN < /run/secrets/token`
    const text = script.source.slice(cmd.start, cmd.end);
    if (cmd.words[0]?.value === 'read' && readsSecret(text, targets)) for (const w of cmd.words.slice(1)) if (!w.value.startsWith('-')) out.add(w.value);
  }
  return out;
}

function readsSecret(text: string, targets: string[]): boolean {
  return text.includes('/run/secrets/') || targets.some((t) => t && text.includes(t));
}

function removedLater(run: RunInstruction, cmd: SimpleCommand): boolean {
  return run.script().commands.some((c) => c.start > cmd.start && (
    (c.words[0]?.value === 'rm' && c.words.some((w) => /\.(netrc|gitconfig)\b/.test(w.value))) ||
    (c.words[0]?.value === 'git' && c.words.some((w) => w.value === '--unset' || w.value === '--unset-all' || w.value === '--remove-section'))));
}

export default {
  meta: {
    code: 'GF118',
    name: 'secret-in-build',
    severity: 'error',
    category: 'security',
    description: 'Credentials for private Go modules should come from RUN --mount=type=secret or type=ssh, not from ARG/ENV or literals in a RUN.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    const shipped = new Set<Stage>(ctx.model.target ? stageChain(ctx.model.target) : []);
    for (const stage of ctx.model.stages) {
      for (const run of runs(stage)) {
        const leaks = credentialUses(run);
        if (!leaks.length) continue;
        const fromSecret = secretVars(run);
        for (const leak of leaks) {
          const names = [...leak.text.matchAll(VAR_REF)].map((m) => m[1] ?? m[2]);
          const literal = names.length === 0;
          const viaBuild = names.filter((n) => !fromSecret.has(n) && run.vars.has(n));
          const span = commandSpan(run, leak.cmd.start, leak.cmd.end);
          if (literal && !readsSecret(leak.text, [])) {
            ctx.report({ span, message: 'a credential is written into the Dockerfile: pass it with RUN --mount=type=secret (or use --mount=type=ssh) instead' });
          } else if (viaBuild.length) {
            const token = viaBuild.find((n) => /TOKEN|PASS|SECRET|KEY|AUTH/i.test(n)) ?? viaBuild[0];
            ctx.report({ span, message: `${viaBuild.join(', ')} ${viaBuild.length > 1 ? 'come' : 'comes'} from ARG/ENV, so the credential is kept in the image history: use RUN --mount=type=secret,id=…,env=${token} (or --mount=type=ssh) instead` });
          } else if (leak.persisted && shipped.has(stage) && !removedLater(run, leak.cmd)) {
            ctx.report({ span, message: 'the secret is written into a file (git config / .netrc) that stays in a layer of the image: mount it as a file with --mount=type=secret,target=… or remove it in the same RUN' });
          }
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/secret-in-build.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'Fetching private modules needs credentials, and the usual recipes leak them: a token passed with `--build-arg` and used in a RUN is written into the image history (`docker history` shows `|1 GITHUB_TOKEN=ghp_… /bin/sh -c …`) and the build\'s provenance; `git config --global url."https://${TOKEN}@github.com/".insteadOf` and `echo "machine github.com … password $TOKEN" > ~/.netrc` store it in a file of the layer. Use `RUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download`, `--mount=type=secret,id=gh,env=GITHUB_TOKEN`, or `--mount=type=ssh` with a `git@github.com:` insteadOf. A token from a secret mount is accepted, unless the RUN writes it into a file of a stage that ends up in the image and does not remove it.',
  bad: 'FROM golang:1.23 AS build\nARG GITHUB_TOKEN\nENV GOPRIVATE=github.com/example-org/*\nRUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/"\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download',
  good: 'FROM golang:1.23 AS build\nENV GOPRIVATE=github.com/example-org/*\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN --mount=type=secret,id=netrc,target=/root/.netrc go mod download',
};
