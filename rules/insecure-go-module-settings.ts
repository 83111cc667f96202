import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { DockerfileModel, Instruction, RunInstruction, Span } from '../src/dockerfile/model.js';
import { commandsOf, runs } from '../src/lint/helpers.js';
import { expandWord, instructionPairs, isGoEnvWrite } from '../src/lint/go-helpers.js';

interface Setting {
  name: string;
  value: string;
  span: Span;
}

// The variables problem() judges; settings of any other name are not collected.
const CHECKED = new Set(['GOINSECURE', 'GOSUMDB', 'GONOSUMCHECK', 'GONOSUMDB', 'GOPRIVATE', 'GOFLAGS']);

/** Every environment setting in the file: ENV/ARG pairs, RUN assignments, `export`, `env` and `go env -w` words. */
function settings(model: DockerfileModel): Setting[] {
  const out: Setting[] = [];
  const insts: Instruction[] = [...model.globalArgs, ...model.stages.flatMap((s) => s.instructions)];
  for (const inst of insts) {
    if (inst.keyword === 'ENV' || inst.keyword === 'ARG') {
      for (const p of instructionPairs(inst)) if (p.value !== null && CHECKED.has(p.key)) out.push({ name: p.key, value: p.value, span: inst.argSpan(p.start, p.end) });
    } else if (inst.keyword === 'RUN') out.push(...runSettings(inst as RunInstruction));
  }
  return out;
}

function runSettings(run: RunInstruction): Setting[] {
  const out: Setting[] = [];
  const span = (s: number, e: number) => (run.json || run.heredocs.length || !run.argsSpan ? run.span : run.argSpan(s, e));
  for (const cmd of run.script().commands) {
    for (const a of cmd.assignments) if (CHECKED.has(a.name)) out.push({ name: a.name, value: expandWord(run, a.value), span: span(a.start, a.end) });
    const head = cmd.words[0]?.value;
    if (head === 'export' || head === 'env' || isGoEnvWrite(cmd)) {
      for (const w of cmd.words.slice(1)) {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.value);
        if (m && CHECKED.has(m[1])) out.push({ name: m[1], value: expandWord(run, m[2]), span: span(w.start, w.end) });
      }
    }
  }
  return out;
}

const PUBLIC_HOSTS = /^(github\.com|gitlab\.com|bitbucket\.org|golang\.org|google\.golang\.org|gopkg\.in|go\.googlesource\.com|k8s\.io|sigs\.k8s\.io|go\.uber\.org|cloud\.google\.com)$/;

/** A GOPRIVATE/GONOSUMDB pattern list that covers public modules: `*`, `github.com`, `github.com/*`. */
function coversPublicModules(list: string): boolean {
  return list.split(',').map((p) => p.trim()).filter(Boolean).some((p) => {
    const [host, ...rest] = p.split('/');
    return host.includes('*') || (PUBLIC_HOSTS.test(host) && (rest.length === 0 || (rest.length === 1 && rest[0].includes('*'))));
  });
}

/** Why a setting turns off module verification, or undefined when it does not. */
function problem(s: Setting): string | undefined {
  const v = s.value.trim();
  if (!v || v.includes('$')) return undefined;
  switch (s.name) {
    case 'GOINSECURE': return `GOINSECURE=${v} fetches these modules over plain HTTP or without TLS certificate checks`;
    case 'GOSUMDB': return v === 'off' ? 'GOSUMDB=off turns off the checksum database: modules not already in go.sum are not verified' : undefined;
    case 'GONOSUMCHECK': return v === '0' ? undefined : `GONOSUMCHECK=${v} skips checksum verification`;
    case 'GONOSUMDB': return coversPublicModules(v) ? `GONOSUMDB=${v} skips the checksum database for public modules` : undefined;
    case 'GOPRIVATE': return coversPublicModules(v) ? `GOPRIVATE=${v} treats public modules as private, skipping the checksum database for them` : undefined;
    case 'GOFLAGS': return /(^|\s)--?insecure(\s|=|$)/.test(v) ? 'GOFLAGS=-insecure allows fetching modules over plain HTTP' : undefined;
    default: return undefined;
  }
}

export default {
  meta: {
    code: 'GF113',
    name: 'insecure-go-module-settings',
    severity: 'warning',
    category: 'security',
    description: 'Go module downloads should not be made insecure with GOINSECURE, GOSUMDB=off, GONOSUMDB/GOPRIVATE wildcards or -insecure.',
    aliases: [],
    fixable: false,
  },
  check(ctx) {
    for (const s of settings(ctx.model)) {
      const why = problem(s);
      if (why) ctx.report({ span: s.span, message: `${why}; verify modules (restrict GOPRIVATE to your own paths instead)` });
    }
    // `go get -insecure` and the old image's `go-wrapper download --insecure`
    for (const stage of ctx.model.stages) {
      for (const run of runs(stage)) {
        // commandsOf: the same commands with their wrapper-free words, worked out once per RUN (commands without words cannot match)
        for (const { cmd, words: w } of commandsOf(run)) {
          const getter = (w[0] === 'go' && w[1] === 'get') || (w[0] === 'go-wrapper' && w[1] === 'download');
          const flag = getter ? cmd.words.find((x) => /^--?insecure(=true)?$/.test(x.value)) : undefined;
          if (!flag) continue;
          const span = run.json || run.heredocs.length || !run.argsSpan ? run.span : run.argSpan(flag.start, flag.end);
          ctx.report({ span, message: `${flag.value} fetches modules over plain HTTP without verification; drop it and use a proxy or source with HTTPS` });
        }
      }
    }
  },
} satisfies Rule;

// Its page (rules/insecure-go-module-settings.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'The go command verifies every module it downloads against go.sum and, for modules go.sum does not list yet (new dependencies, `go install tool@version`), against the public checksum database sum.golang.org. `GOSUMDB=off`, `GONOSUMCHECK`, a `GONOSUMDB` or `GOPRIVATE` that covers public hosts (`*`, `github.com/*`), `GOINSECURE` and `-insecure` switch that off, so a compromised proxy, mirror or network can hand the build different code. For private modules set `GOPRIVATE` (or `GONOPROXY`/`GONOSUMDB`) to your own paths only, e.g. `GOPRIVATE=github.com/your-org/*`. A warning rather than an error: modules already recorded in a committed go.sum are still verified.',
  bad: 'FROM golang:1.23 AS build\nENV GOPROXY=direct GOSUMDB=off\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download',
  good: 'FROM golang:1.23 AS build\nENV GOPRIVATE=github.com/example-org/*\nWORKDIR /src\nCOPY go.mod go.sum ./\nRUN go mod download',
};
