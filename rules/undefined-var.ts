import { escapeRegExp } from '../src/dockerfile/glob.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';
import type { DockerfileModel, Instruction, Span, Stage } from '../src/dockerfile/model.js';
import { spanOf } from '../src/dockerfile/text.js';
import { parseKeyValues, platformArgs } from '../src/dockerfile/parse.js';
import { splitQuotedWords } from '../src/dockerfile/words.js';
import { closestName, rootBase } from '../src/lint/helpers.js';

// Instructions whose arguments BuildKit expands (RUN, CMD, ENTRYPOINT are left to the shell).
const EXPANDED = new Set(['ADD', 'COPY', 'ENV', 'EXPOSE', 'LABEL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR', 'ARG']);
const AUTOMATIC = new Set(platformArgs({ os: 'linux', arch: 'amd64' }, { os: 'linux', arch: 'amd64' }).keys());

// The environment some well-known images set; for any other image we cannot see its ENV, so only strong evidence counts.
const IMAGE_ENV: [RegExp, string[]][] = [
  [/^library\/golang$/, ['GOLANG_VERSION', 'GOPATH', 'GOTOOLCHAIN']],
  [/^library\/(alpine|debian|ubuntu|busybox)$/, []],
  [/^distroless\//, ['SSL_CERT_FILE']],
];

interface Ref { name: string; start: number; end: number; span?: Span }

// sticky: matches at lastIndex only, like an anchored match on text.slice(i) without the copy
const REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)\}|([A-Za-z_][A-Za-z0-9_]*))/y;

/** `$X`, `${X}`, `${X#p}`, `${X%p}` outside single quotes; `${X:-d}` and friends handle the unset case themselves. */
function unguardedRefs(text: string, escape: string): Ref[] {
  const out: Ref[] = [];
  if (!text.includes('$')) return out; // no reference without a $
  let single = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (single) { if (c === "'") single = false; continue; }
    if (c === "'") { single = true; continue; }
    if (c === escape) { i++; continue; }
    if (c !== '$') continue;
    REF.lastIndex = i;
    const m = REF.exec(text);
    if (!m) continue;
    const guarded = m[2] !== undefined && /^:?[-+?]/.test(m[2]);
    if (!guarded) out.push({ name: m[1] ?? m[3], start: i, end: i + m[0].length });
    i += m[0].length - 1;
  }
  return out;
}

/** ENV names the base image is known to set, or null when the image's environment is unknown. */
export function imageEnv(stage: Stage): Set<string> | null {
  const base = rootBase(stage);
  if (base.kind === 'scratch') return new Set(['PATH']);
  const hit = IMAGE_ENV.find(([re]) => re.test(base.image.repository));
  return hit ? new Set(['PATH', ...hit[1]]) : null;
}

/** Names an ARG/ENV gives a value; `ENV X=$X` only copies whatever X was, so it is no evidence that X exists. */
const declaredCache = new WeakMap<Instruction, string[]>();

function declaredNames(inst: Instruction): string[] {
  // asked for every reference, of every ARG/ENV in the file: worked out once per instruction (do not mutate)
  let names = declaredCache.get(inst);
  if (!names) declaredCache.set(inst, (names = computeDeclaredNames(inst)));
  return names;
}

function computeDeclaredNames(inst: Instruction): string[] {
  return splitQuotedWords(inst.args, '\\').map((w) => w.text.split('=')).filter(([k, v]) => v === undefined || !copiesItself(k, v)).map(([k]) => k);
}

/** `K=$K`, `K="${K}"`: the pattern is built from the name as written. */
function copiesItself(k: string, v: string): boolean {
  // a plain name makes a pattern that needs a literal $; most values have none, so skip compiling it
  if (!v.includes('$') && /^\w*$/.test(k)) return false;
  return new RegExp(`^"?\\$\\{?${escapeRegExp(k)}\\}?"?$`).test(v);
}

/** Why the variable is probably meant to be defined here, when the file itself says so. */
function evidence(model: DockerfileModel, inst: Instruction, name: string, at: number): string | undefined {
  if (model.globalArgs.some((a) => declaredNames(a).includes(name))) {
    return `ARG ${name} is declared before FROM, but a stage sees it only after repeating \`ARG ${name}\` inside it`;
  }
  if (AUTOMATIC.has(name)) return `${name} is an automatic platform arg, but a stage sees it only after \`ARG ${name}\``;
  if (inst.keyword === 'ENV' && parseKeyValues(inst.args, model.escape).some((kv) => kv.key === name && kv.end <= at)) {
    return 'this same ENV sets it, but each value sees only what was set before the instruction: split it into two ENV lines';
  }
  const later = inst.stage?.instructions.find((i) => i.index > inst.index && (i.keyword === 'ARG' || i.keyword === 'ENV') && declaredNames(i).includes(name));
  if (later) return `it is declared on line ${later.span.start.line}, after this use`;
  const other = model.stages.find((s) => s !== inst.stage && s.instructions.some((i) => (i.keyword === 'ARG' || i.keyword === 'ENV') && declaredNames(i).includes(name)));
  if (other && inst.stage && ancestors(inst.stage).has(other)) {
    return `ARG ${name} is declared in stage ${other.name ?? other.index}, but ARGs do not carry over into stages built FROM it: repeat \`ARG ${name}\` here`;
  }
  if (other) return `it is declared in stage ${other.name ?? other.index} only, and ARG/ENV do not carry over to other stages`;
  return undefined;
}

export default {
  meta: {
    code: 'GF226',
    name: 'undefined-var',
    severity: 'warning',
    category: 'correctness',
    description: 'A variable used in COPY, ADD, ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, VOLUME or STOPSIGNAL that is not defined there expands to an empty string.',
    aliases: ['UndefinedVar'],
    fixable: false,
  },
  check(ctx) {
    const model = ctx.model;
    for (const inst of model.instructions) {
      if (!EXPANDED.has(inst.keyword)) continue;
      // ARG: earlier names in the same instruction count; the name before `=` is not a use.
      const sameArg = new Set<string>();
      const globalScope = inst.stage === null;
      const refs = [...flagRefs(model, inst), ...refsOf(inst, model.escape, sameArg)];
      if (!refs.length) continue; // most instructions use no variable
      const env = inst.stage ? imageEnv(inst.stage) : null;
      for (const ref of refs) {
        const name = ref.name;
        if (inst.vars.has(name) || name === 'PATH') continue;
        let why: string | undefined;
        if (globalScope) {
          if (AUTOMATIC.has(name) || globalDeclaredBefore(model, inst, name)) continue;
          why = 'no ARG before it declares it';
        } else {
          why = evidence(model, inst, name, ref.start);
          // Without evidence, only a base image whose environment we know can show the variable is missing.
          if (!why && (!env || env.has(name))) continue;
        }
        const near = why ? undefined : closestName(name, [...inst.vars.keys()]);
        const detail = why ?? (near ? `did you mean ${near}?` : 'no ARG or ENV in this stage sets it, nor does the base image');
        ctx.report({ span: ref.span ?? inst.argSpan(ref.start, ref.end), message: `$${name} is undefined here and expands to an empty string: ${detail}` });
      }
    }
  },
} satisfies Rule;

function globalDeclaredBefore(model: DockerfileModel, inst: Instruction, name: string): boolean {
  return model.globalArgs.some((a) => a.index < inst.index && declaredNames(a).includes(name));
}

/** References in an instruction's arguments; for ARG, only in defaults, collecting names as they are declared. */
function refsOf(inst: Instruction, escape: string, sameArg: Set<string>): Ref[] {
  if (inst.keyword !== 'ARG') return unguardedRefs(inst.args, escape);
  const out: Ref[] = [];
  for (const w of splitQuotedWords(inst.args, escape)) {
    const eq = w.text.indexOf('=');
    if (eq >= 0) {
      for (const r of unguardedRefs(w.text.slice(eq + 1), escape)) {
        if (!sameArg.has(r.name)) out.push({ name: r.name, start: w.start + eq + 1 + r.start, end: w.start + eq + 1 + r.end });
      }
    }
    sameArg.add(eq < 0 ? w.text : w.text.slice(0, eq));
  }
  return out;
}

/** References in COPY/ADD flag values (--from, --chown, --chmod), which BuildKit expands too. */
function flagRefs(model: DockerfileModel, inst: Instruction): Ref[] {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return [];
  return inst.flags.flatMap((f) => {
    const at = f.span.start.offset;
    return unguardedRefs(model.text.slice(at, f.span.end.offset), model.escape)
      .map((r) => ({ ...r, span: spanOf(model.lineOffsets, at + r.start, at + r.end) }));
  });
}

/** The stages a stage is built FROM, transitively. */
function ancestors(stage: Stage): Set<Stage> {
  const out = new Set<Stage>();
  for (let s = stage.base.kind === 'stage' ? stage.base.stage : null, guard = 0; s && guard < 100; guard++) {
    out.add(s);
    s = s.base.kind === 'stage' ? s.base.stage : null;
  }
  return out;
}

// Its page (rules/undefined-var.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'BuildKit expands `$VAR` in these instructions from the stage\'s ARGs and ENVs and the base image\'s environment; anything else silently becomes an empty string, so `COPY --from=build /out/$APP /app` copies the whole /out directory and `WORKDIR /src/$APP` is /src/. The classic cases: an ARG declared before FROM but not repeated in the stage, `$TARGETARCH` without `ARG TARGETARCH`, and an ARG declared only in another stage. RUN is not checked (the shell sees the container environment). Because the linter cannot see the ENV of arbitrary base images, it reports a variable only when the file itself shows it is missing (declared elsewhere, or later) or when the base is scratch or a well-known image (golang, alpine, debian, ubuntu, busybox, distroless) whose environment is known; `${VAR:-default}` forms are never reported.',
  bad: 'ARG APP=server\nFROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/ ./cmd/...\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/$APP /app',
  good: 'ARG APP=server\nFROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/ ./cmd/...\nFROM gcr.io/distroless/static-debian12:nonroot\nARG APP\nCOPY --from=build /out/$APP /app',
  fix: 'Declare the variable in the stage that uses it (`ARG NAME` repeats a global ARG with its default), or give it a default in place (`${NAME:-value}`).',
};
