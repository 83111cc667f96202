// A binary built by the project's own command (make, a script, go run): the spec's `build.command` and `build.output`.
import { posix } from 'node:path';
import type { RunInstruction } from '../dockerfile/model.js';
import type { SimpleCommand } from '../shell/types.js';
import { commandWords } from '../lint/helpers.js';
import type { Ctx } from './context.js';
import { addBuildArg, buildCwd, carryModuleDir, moduleOf, privateFrom, type Parts } from './gobuild.js';
import { joinPath } from './paths.js';
import { imageEnv } from '../../rules/undefined-var.js';

/** Commands that build a project: make and its cousins, a script in the tree, `go run` of a build program. */
const BUILDER = /^(make|gmake|mage|task|just)$/;
const isBuildCommand = (w: string[]) => w.length > 0 && (BUILDER.test(w[0]) && !(w.length === 2 && /^(clean|deps?|tools|generate|test|lint|fmt|vet)$/.test(w[1]))
  || /^\.\/[A-Za-z0-9_./-]+$/.test(w[0]) || /^(sh|bash)$/.test(w[0]) && /^[A-Za-z0-9_./-]+\.sh$/.test(w[1] ?? '') || w[0] === 'go' && w[1] === 'run');

/** `make clean` and other steps before the build a fresh build does not need. */
export const isPrepCommand = (w: string[]) => BUILDER.test(w[0] ?? '') && w.length === 2 && /^(clean|distclean|clean-all)$/.test(w[1]);

/** The last build command in the stages the binary is copied from, before the copy; none when a go build ships it. */
export function findBuildCommand(ctx: Ctx): Ctx['buildCommand'] {
  const copy = ctx.trace.binaryCopy;
  if (ctx.trace.build || !copy?.fromStage) return undefined;
  const runs = ctx.trace.builderChain.flatMap((s) => s.instructions).filter((i): i is RunInstruction => i.keyword === 'RUN');
  for (const run of runs.reverse()) {
    const cmds = run.script().commands.filter((c) => c.depth === 0 && isBuildCommand(c.words.map((w) => w.value)));
    if (cmds.length) return { run, cmd: cmds[cmds.length - 1] };
  }
  return undefined;
}

const normal = (w: string) => w.replace(/\$([A-Za-z_][A-Za-z0-9_]*)/g, '${$1}');

/**
 * Files a builder stage writes with `go env GOARCH > /goarch`, by path: on a stage that runs on the target platform
 * (no --platform), they hold the target's setting, which expand takes from TARGETOS/TARGETARCH/TARGETVARIANT.
 */
function targetSettingFiles(ctx: Ctx, before: RunInstruction): Map<string, string> {
  const files = new Map<string, string>();
  for (const stage of ctx.trace.builderChain) {
    if (stage.platform) continue; // on $BUILDPLATFORM, go env reports the build machine's
    for (const i of stage.instructions) {
      if (i.keyword !== 'RUN' || i.index >= before.index) continue;
      const script = (i as RunInstruction).script();
      for (const c of script.commands) {
        const w = c.words.map((x) => x.value);
        const to = /\s>\s*(\/[A-Za-z0-9_./-]+)\s*$/.exec(script.source.slice(c.start, c.end));
        if (to && w.length === 3 && w[0] === 'go' && w[1] === 'env' && /^(GOOS|GOARCH|GOARM)$/.test(w[2])) files.set(to[1], w[2]);
      }
    }
  }
  return files;
}

const TARGET_OF: Record<string, string> = { GOOS: 'TARGETOS', GOARCH: 'TARGETARCH', GOARM: 'TARGETVARIANT' };

/** Reads the build command into `build`, `cgo` and `platforms`; what it cannot say is reported against its RUN. */
export function readBuildCommand(ctx: Ctx): void {
  const b = ctx.buildCommand;
  const copy = ctx.trace.binaryCopy;
  if (!b || !copy?.fromStage) return;
  const { run, cmd } = b;
  const stage = run.stage!;
  const cwd = buildCwd(ctx, { stage, run, cmd });
  if (cwd === undefined) { ctx.ledger.lose(run, 'the build runs in a directory set from a variable with no value'); return; }
  const { dir: root, contextDir } = moduleOf(ctx, run, cwd);
  if (root !== cwd) { ctx.ledger.lose(run, `the build runs in ${cwd}, not the module root ${root}; \`build.command\` runs in the module root`); return; }
  let src = copy.sources.length === 1 ? joinPath('/', copy.sources[0]) : undefined;
  // `make && cp bin/app /out/app`: the file the command wrote is the copy's source
  for (const c of run.script().commands.filter((x) => x.start > cmd.start && x.depth === 0)) {
    const w = commandWords(c).filter((x) => !x.startsWith('-'));
    if (/^(cp|mv|install)$/.test(w[0] ?? '') && w.length === 3 && src && joinPath(cwd, w[2]) === src) src = joinPath(cwd, w[1]);
  }
  const output = src && posix.relative(root, src);
  if (!output || output.startsWith('..') || /[*?[$]/.test(output)) {
    ctx.ledger.lose(run, `the binary the command writes (${copy.sources.join(' ')}) is not one file under the module root ${root}`);
    return;
  }
  const words: string[] = [];
  const notes: string[] = [];
  const fields = new Set(['build']);
  const settingFiles = targetSettingFiles(ctx, run);
  // `GOARCH=$(cat /goarch)`, the file `go env GOARCH` wrote on the target platform: the target's own setting
  const fromFile = (name: string, value: string) => {
    const m = /^\$\(cat (\S+)\)$/.exec(value);
    return !!m && settingFiles.get(m[1]) === name;
  };
  const setting = (name: string, value: string) => {
    if (TARGET_OF[name] && fromFile(name, value)) { notes.push(`${name}=${value}: \`go env ${name}\` on the target platform, which expand sets from ${TARGET_OF[name]}`); return true; }
    if (name === 'CGO_ENABLED') {
      if (value === '1') { ctx.spec.cgo = true; fields.add('cgo'); } else if (value !== '0') return false;
      notes.push(`CGO_ENABLED=${value} → cgo`);
      return true;
    }
    if (name === 'GOOS' && /^(linux|\$\{?TARGETOS\}?)$/.test(value)) { notes.push('GOOS: expand sets it from TARGETOS'); return true; }
    if (name === 'GOARCH' && /^\$\{?TARGETARCH\}?$/.test(value)) { notes.push('GOARCH: expand sets it from TARGETARCH'); return true; }
    if (name === 'GOARM' && /TARGETVARIANT/.test(value)) { notes.push('GOARM: expand sets it from TARGETVARIANT'); return true; }
    if (name === 'GOARCH' && /^(amd64|arm64|386|ppc64le|s390x|riscv64)$/.test(value)) { ctx.spec.platforms = [`linux/${value}`]; fields.add('platforms'); return true; }
    return false;
  };
  // CGO_ENABLED set by ENV or ARG for the build
  const cgo = run.vars.get('CGO_ENABLED');
  if (cgo === '1') { ctx.spec.cgo = true; fields.add('cgo'); }
  for (const a of cmd.assignments) {
    if (setting(a.name, a.value)) continue;
    words.push(`${a.name}=${normal(a.value)}`);
  }
  const raw = cmd.words.map((w) => w.raw);
  for (const w of raw) {
    // `make GOARCH=${GOARCH}` with GOARCH a build arg: the spec's build follows the --platform target instead
    const platform = /^(GOOS|GOARCH)=\$\{?(GOOS|GOARCH)\}?$/.exec(w);
    const file = /^(GOOS|GOARCH)=(.*)$/.exec(w);
    if (file && fromFile(file[1], file[2])) {
      words.push(`${file[1]}=\${${TARGET_OF[file[1]]}}`);
      notes.push(`${w}: \`go env ${file[1]}\` on the target platform, so \${${TARGET_OF[file[1]]}}`);
      continue;
    }
    if (platform && platform[1] === platform[2] && !run.envNames.has(platform[2])) {
      const target = platform[1] === 'GOOS' ? 'TARGETOS' : 'TARGETARCH';
      words.push(`${platform[1]}=\${${target}}`);
      notes.push(`${platform[1]}=\${${platform[2]}} → \${${target}}: the spec builds for the --platform target`);
      continue;
    }
    words.push(normal(w));
  }
  // Variables the command uses are build args with their ARG defaults; one no ARG or ENV sets here was empty.
  const env = imageEnv(stage);
  const setEarlier = (name: string) => run.script().commands.some((c) => c.start < cmd.start && (c.assignments.some((a) => a.name === name) || c.words.some((w) => w.value === name || w.value.startsWith(`${name}=`))));
  const empty: string[] = [];
  for (let i = 0; i < words.length; i++) {
    words[i] = words[i].replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (ref, name: string) => {
      if (name === 'TARGETOS' || name === 'TARGETARCH' || addBuildArg(ctx, name, run)) return ref;
      if (env && !env.has(name) && !run.vars.has(name) && !setEarlier(name)) { empty.push(name); return ''; }
      return ref;
    });
  }
  if (empty.length) notes.push(`$${[...new Set(empty)].join(', $')} ${empty.length > 1 ? 'were' : 'was'} empty (no ARG or ENV in the stage sets ${empty.length > 1 ? 'them' : 'it'}; an ARG before FROM needs \`ARG NAME\` again in the stage), so the command says so`);
  const p: Parts = { carried: new Set(), dropped: [], lost: [] };
  privateFrom(ctx, { run, cmd }, p);
  for (const f of p.carried) fields.add(f);
  ctx.spec.build = { command: words.join(' '), output };
  ctx.spec.path = '.';
  if (carryModuleDir(ctx, contextDir)) fields.add('moduleDir');
  ctx.ledger.carry(run, [...fields], [`\`${cmd.words[0]?.value}\` → build.command, writing ${output}`, ...notes].join('; '));
}

export type { SimpleCommand };
