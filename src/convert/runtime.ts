// The image itself: base, binary, certs and tzdata copies, user, workdir, env, ports, labels, entrypoint, args, healthcheck, files.
import { posix } from 'node:path';
import type { CopyInstruction, ImageRef, Instruction, RunInstruction, Stage } from '../dockerfile/model.js';
import { parseImageReference } from '../dockerfile/image.js';
import { parseKeyValues } from '../dockerfile/parse.js';
import { commandWords, copies, rootBase } from '../lint/helpers.js';
import { account } from './commands.js';
import { stageChain } from '../lint/go-helpers.js';
import type { Ctx } from './context.js';
import { baseFor, runtimeImage } from './images.js';
import { expandKnown, joinPath, workdirAt } from './paths.js';
import { processWord } from '../frontend/lex.js';
import { contextSource, madeDirs } from './context-copy.js';
import { buildsInImage, copyDestination, outputFile } from './trace.js';
import { splitFields } from '../dockerfile/words.js';
import { PREBUILT_PLATFORM_ARGS } from '../spec/types.js';
import { octalMode } from '../spec/resolve.js';
import { baseImage, BUSYBOX_SHELL, DEFAULT_GO, hasBinSh, hasBusyboxShell, ROOT_HOME } from '../spec/images.js';
import { plainWords } from '../spec/healthcheck.js';
import { parseShell } from '../shell/parse.js';

/**
 * An ENV or LABEL word's value as the Dockerfile reads it: quotes and escapes removed once, `$NAME`/`${NAME}`
 * kept as written (the spec's env says them the same way). A `$` that is escaped or single-quoted is a
 * literal dollar, which the spec cannot say: the raw text is kept so the loader refuses it.
 */
function dockerValue(raw: string, escape: string): string {
  if (raw.includes(escape + '$') || singleQuotedDollar(raw, escape)) return raw;
  try {
    return processWord(raw, new Map(), { escape, skipUnsetEnv: true });
  } catch {
    return raw;
  }
}
/** A `$` between single quotes that are not inside double quotes (`'$A'`, not `"'$A'"`): the Dockerfile reads it literally. */
function singleQuotedDollar(raw: string, escape: string): boolean {
  let quote = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === escape && quote !== "'") i++;
    else if (quote === "'" && c === '$') return true;
    else if (c === quote) quote = '';
    else if (!quote && (c === '"' || c === "'")) quote = c;
  }
  return false;
}
const binDir = '/usr/local/bin';
// The CA bundle, and the ca-certificates package's sources of it (Go reads only the bundle)
const CERTS = /^\/etc\/ssl(\/certs(\/ca-certificates\.crt)?)?\/?$|^\/etc\/pki\/tls\/certs|^\/usr\/share\/ca-certificates\/?$|^\/etc\/ca-certificates\.conf$/;
const ZONEINFO = /^\/usr\/share\/zoneinfo\/?$|^\/usr\/local\/go\/lib\/time\/zoneinfo\.zip$/;

/** The spec's binary path: where expand installs it. */
export function installedBinary(ctx: Ctx): string | undefined {
  const name = ctx.spec.name;
  return name ? `${binDir}/${name}` : undefined;
}

/** Words of an exec or shell form, or why a shell form cannot become exec form. */
function execWords(inst: Instruction, text?: string): string[] | string {
  if (inst.json && text === undefined) return inst.json;
  const src = (text ?? inst.args).trim();
  if (/[$`|&;<>(){}*?\\'"]/.test(src)) return `the shell form \`${src.length > 40 ? src.slice(0, 39) + '…' : src}\` needs a shell`;
  return src.split(/\s+/).filter(Boolean);
}

/** Rewrites the binary's old path to where expand installs it. */
function rewrite(ctx: Ctx, words: string[], stage: Stage, inst: Instruction, program = true): string[] {
  words = movedBinaries(ctx, words, stage, inst, program);
  const bin = installedBinary(ctx);
  const old = ctx.trace.binaryPath;
  if (!bin || !old) return words;
  const cwd = workdirAt(stage, inst) ?? '/';
  // a path under the one the binary was copied to: that was a directory the binary went into, which the spec does not make
  const under = words.find((w) => w.startsWith(old + '/'));
  if (under) ctx.ledger.lose(inst, `\`${under}\` is under ${old}, where the binary was copied (a directory in the base?); the spec installs the binary as ${bin}, so that path would not exist`);
  // The program word may be relative or a bare name found on PATH; later words (and arguments to an ENTRYPOINT) only by their full path.
  return words.map((w, i) => (w === old || program && i === 0 && (!w.startsWith('/') && joinPath(cwd, w) === old || w === posix.basename(old)) ? bin : w));
}

/** Words naming one of `binaries` where the image had it (`/healthcheck`), as where the spec installs it. */
function movedBinaries(ctx: Ctx, words: string[], stage: Stage, inst: Instruction, program: boolean): string[] {
  if (!ctx.extraBinaries.length) return words;
  const cwd = workdirAt(stage, inst) ?? '/';
  const moved = ctx.extraBinaries;
  // the program word may be relative, or a bare name found on PATH, as for the main binary
  return words.map((w, i) => moved.find((m) => w === m.from || program && i === 0 && !w.startsWith('/') && (joinPath(cwd, w) === m.from || w === posix.basename(m.from)))?.to ?? w);
}

function readStart(ctx: Ctx, stage: Stage): void {
  const chain = stageChain(stage).flatMap((s) => s.instructions);
  for (const keyword of ['ENTRYPOINT', 'CMD'] as const) {
    const all = chain.filter((i) => i.keyword === keyword);
    const last = all.at(-1);
    for (const i of all) if (i !== last) ctx.ledger.drop(i, `overridden by the ${keyword} on line ${last!.span.start.line}`);
  }
  const ep = chain.filter((i) => i.keyword === 'ENTRYPOINT').at(-1);
  const cmd = chain.filter((i) => i.keyword === 'CMD').at(-1);
  const bin = installedBinary(ctx);
  const epWords = ep ? execWords(ep) : undefined;
  const cmdWords = cmd ? execWords(cmd) : undefined;
  if (typeof epWords === 'string') ctx.ledger.lose(ep!, epWords);
  if (typeof cmdWords === 'string') ctx.ledger.lose(cmd!, cmdWords);
  if (ep && Array.isArray(epWords)) {
    const words = rewrite(ctx, epWords, stage, ep);
    if (words.length === 0) ctx.ledger.drop(ep, 'an empty ENTRYPOINT');
    else {
      if (!(words.length === 1 && words[0] === bin)) ctx.spec.entrypoint = words;
      ctx.ledger.carry(ep, 'entrypoint', ep.json ? '' : 'shell form → exec form: the program gets signals directly');
    }
    if (cmd && Array.isArray(cmdWords)) {
      const args = rewrite(ctx, cmdWords, stage, cmd, false);
      if (args.length) ctx.spec.args = args;
      ctx.ledger.carry(cmd, 'args', cmd.json ? '' : 'shell form → exec form');
    }
    return;
  }
  if (cmd && Array.isArray(cmdWords)) {
    const words = rewrite(ctx, cmdWords, stage, cmd);
    if (words.length === 0) { ctx.ledger.drop(cmd, 'an empty CMD: the spec\'s image starts the binary itself'); return; }
    if (words[0] === bin) {
      if (words.length > 1) ctx.spec.args = words.slice(1);
      ctx.ledger.carry(cmd, ['entrypoint', 'args'], `the binary becomes ENTRYPOINT${words.length > 1 ? ' and its arguments CMD' : ''}${cmd.json ? '' : '; shell form → exec form'}`);
    } else {
      ctx.spec.entrypoint = words;
      ctx.ledger.carry(cmd, 'entrypoint', 'CMD → entrypoint (exec form)');
    }
  }
}

/** The source words of a COPY as written (variables unexpanded), or undefined when quoting makes them unclear. */
function writtenSources(c: CopyInstruction): string[] | undefined {
  const words = c.json ?? splitFields(c.args).map((w) => w.text);
  if (!c.json && words.some((w) => /["'\\]/.test(w))) return undefined;
  return words.length === c.sources.length + 1 ? words.slice(0, -1) : undefined;
}

/**
 * A build-context path (a prebuilt binary's, a `copy` src) as the spec writes it: the platform args the stage declares without a default stay
 * `${TARGETARCH}` (BuildKit fills them per platform), another ARG becomes a build arg with its default, an ENV or a
 * defaulted platform arg its value, anything the stage does not set nothing (as BuildKit expands it).
 */
function contextPath(ctx: Ctx, c: CopyInstruction, written: string): { path: string; args: Record<string, string> } | string {
  if (/\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/.test(written)) return 'its path uses a `${…}` form other than `${NAME}`';
  const args: Record<string, string> = {};
  const path = written.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = a ?? b!;
    if (!c.vars.has(name)) return '';
    const value = c.vars.get(name);
    if (c.envNames.has(name)) return value ?? '';
    if ((PREBUILT_PLATFORM_ARGS as readonly string[]).includes(name)) return argDefault(ctx, c, name) ? value ?? '' : `\${${name}}`;
    args[name] = value ?? '';
    return `\${${name}}`;
  });
  // an empty variable leaves `//` or a leading `/`, which BuildKit's path cleaning reads as one separator and the context root
  return { path: path.replace(/\/{2,}/g, '/').replace(/^(\.?\/)+/, ''), args };
}

/** Whether an ARG that declares `name` before `inst` (in its stage, or before the first FROM) gives it a default. */
function argDefault(ctx: Ctx, inst: Instruction, name: string): boolean {
  return ctx.model.instructions.some((i) => i.keyword === 'ARG' && i.index < inst.index && (i.stage === null || i.stage === inst.stage)
    && i.args.trim().split(/\s+/).some((w) => w.startsWith(`${name}=`)));
}

/** A platform arg (declared, no default) that the COPY's written sources name, if any. */
function platformVar(ctx: Ctx, c: CopyInstruction): string | undefined {
  const words = c.json ?? splitFields(c.args).map((w) => w.text);
  for (const w of words.slice(0, -1)) {
    for (const m of w.matchAll(/\$\{?((TARGET|BUILD)(PLATFORM|OS|ARCH|VARIANT))\b/g)) {
      if (c.vars.has(m[1]) && !c.envNames.has(m[1]) && !argDefault(ctx, c, m[1])) return m[1];
    }
  }
  return undefined;
}

/** The directory the binary's COPY takes whole when the builder also put the build context in it (COPY . /app; COPY --from=build /app .). */
function sourceTreeCopied(ctx: Ctx, c: CopyInstruction): string | undefined {
  const file = ctx.trace.build && outputFile(ctx.trace.build);
  if (!file || !c.fromStage) return undefined;
  const dirs = c.sources.map((s) => joinPath('/', s)).filter((d) => d !== file && (d === '/' || file.startsWith(d + '/')));
  for (const d of dirs) {
    for (const s of stageChain(c.fromStage)) {
      for (const x of copies(s)) {
        if (x.from !== undefined || !x.sources.some((src) => /^\.?\/?$/.test(src))) continue;
        const at = workdirAt(s, x);
        const dest = at === undefined ? undefined : joinPath(at, x.dest);
        if (dest && (dest === d || dest.startsWith(d === '/' ? '/' : d + '/'))) return d;
      }
    }
  }
  return undefined;
}

/**
 * --chmod and --chown on the binary's COPY: another mode is reported; another owner is dropped, as expand installs the
 * binary owned by root on purpose (a program that could rewrite its own file could persist a compromise).
 */
function binaryMode(ctx: Ctx, c: CopyInstruction): void {
  if (c.chmod && !/^0?755$/.test(c.chmod)) ctx.ledger.lose(c, `--chmod=${c.chmod}: expand installs the binary with mode 0755`);
  if (c.chown && !/^(root|0)(:(root|0))?$/.test(c.chown)) ctx.ledger.drop(c, `--chown=${c.chown}: expand installs the binary owned by root on purpose, so the program cannot replace its own file`);
}

/** The binary the image runs, copied from the build context: `prebuilt`, when the spec can say how it was copied. */
function readPrebuilt(ctx: Ctx, c: CopyInstruction, stage: Stage): string | undefined {
  const srcs = writtenSources(c);
  if (!srcs) return 'its source is quoted or escaped';
  const i = c.sources.length === 1 ? 0 : c.sources.findIndex((s) => copyDestination(c, s, stage) === ctx.trace.binaryPath);
  if (i < 0) return 'convert cannot tell which source is the binary';
  if (c.keyword === 'ADD' && /^(https?|git):\/\/|\.(tar|tgz|tar\.gz|tar\.xz|tar\.bz2|zip)$/.test(c.sources[i])) return 'ADD downloads or unpacks it';
  const p = contextPath(ctx, c, srcs[i]);
  if (typeof p === 'string') return p;
  ctx.spec.prebuilt = p.path;
  if (Object.keys(p.args).length) ctx.spec.buildArgs = { ...ctx.spec.buildArgs, ...p.args };
  const rest = c.sources.filter((_, j) => j !== i);
  if (rest.length) addCopies(ctx, c, stage, rest);
  ctx.ledger.carry(c, ['prebuilt', 'name'], `the prebuilt binary → prebuilt, installed as ${installedBinary(ctx) ?? '/usr/local/bin/<name>'}`);
  binaryMode(ctx, c);
  return undefined;
}

function readCopy(ctx: Ctx, c: CopyInstruction, stage: Stage): void {
  const extras = ctx.extraBinaries.filter((e) => e.copy === c);
  const installed = extras.map((e) => `${e.to}${e.to === e.from ? '' : ` (not ${e.from})`}`).join(', ');
  // a binary the spec installs elsewhere: a script or flag naming its old path must follow, so it is said
  for (const e of extras) if (e.from !== e.to) ctx.ledger.drop(c, `${e.from} is installed as ${e.to}: a script or flag naming ${e.from} must name ${e.to}`);
  if (extras.length && c !== ctx.trace.binaryCopy) {
    if (c.sources.length > extras.length) ctx.ledger.lose(c, `copies ${c.sources.join(' ')}: files beside \`binaries\`, which the spec installs one by one`);
    else {
      ctx.ledger.carry(c, 'binaries', `installed as ${installed}`);
      binaryMode(ctx, c);
    }
    return;
  }
  if (extras.length) ctx.ledger.carry(c, 'binaries', `and binaries, installed as ${installed}`);
  if (c === ctx.trace.binaryCopy) {
    if (!ctx.trace.build && !c.fromStage && c.from === undefined) {
      const why = readPrebuilt(ctx, c, stage);
      if (why) ctx.ledger.lose(c, `copies a prebuilt binary from the build context, but ${why}; the spec builds it from source (\`path\`, default \`.\`) and installs it as ${installedBinary(ctx) ?? '/usr/local/bin/<name>'}`);
    } else {
      ctx.ledger.carry(c, 'name', `the binary, installed as ${installedBinary(ctx) ?? '/usr/local/bin/<name>'}`);
      const [was, now] = [ctx.trace.binaryPath, installedBinary(ctx)];
      // ENTRYPOINT, CMD and HEALTHCHECK follow the move; a script or a flag naming the old path cannot, so it is said
      if (was && now && was !== now) ctx.ledger.drop(c, `${was} is installed as ${now}: a script or flag naming ${was} must name ${now}`);
      binaryMode(ctx, c);
      const tree = sourceTreeCopied(ctx, c);
      if (tree) ctx.ledger.lose(c, `copies all of ${tree}, the build context the builder put there as well as the binary; the spec ships only the binary (add \`copy\` entries for files the program reads at run time)`);
    }
    return;
  }
  if (c.heredocs.length) { ctx.ledger.lose(c, 'writes a file from a heredoc; the spec copies files from the build context'); return; }
  const srcs = c.sources.map((s) => (c.from ? joinPath('/', s) : s));
  if (c.from) {
    const closure = c.fromStage ? stageChain(c.fromStage) : [];
    const fromBuilder = c.fromStage && (ctx.trace.builderChain.includes(c.fromStage) || closure.some((s) => ctx.trace.builderChain.includes(s)));
    if (srcs.every((s) => CERTS.test(s))) { ctx.spec.certs = true; ctx.ledger.carry(c, 'certs', 'the CA bundle → certs'); return; }
    if (srcs.every((s) => ZONEINFO.test(s))) { ctx.spec.tzdata = true; ctx.ledger.carry(c, 'tzdata', 'zoneinfo → tzdata (Go\'s own zone database)'); return; }
    if (srcs.every((s) => /^\/etc\/(passwd|group|shadow|nsswitch\.conf)$/.test(s))) { ctx.ledger.drop(c, 'the spec runs as a numeric user, which needs no /etc/passwd'); return; }
    if (srcs.every((s) => /^\/(rootfs(\/tmp)?|tmp)\/?$/.test(s))) { ctx.ledger.drop(c, 'expand creates /tmp on scratch itself'); return; }
    if (fromBuilder && ctx.spec.repo && srcs.every((s) => s === '/src' || s.startsWith('/src/'))) {
      addCopies(ctx, c, stage, srcs.map((s) => s.slice('/src/'.length) || '.'));
      return;
    }
    // COPY --from=<image>, or from a stage that is only `FROM <image>`: a copy out of that image
    const image = imageOf(c);
    if (image) {
      addCopies(ctx, c, stage, srcs, image.text === c.from ? '' : `stage \`${c.fromStage!.name ?? c.fromStage!.index}\` is only FROM ${image.text}`, image.text);
      return;
    }
    // directories a stage only made (and filled with context files), copied --chown: `dirs`, once USER is known
    const made = c.fromStage && c.chown && srcs.length === 1 ? madeDirs(c.fromStage, srcs[0]) : undefined;
    const cwd = workdirAt(stage, c);
    if (made && 'dirs' in made && cwd !== undefined) {
      const at = (p: string) => joinPath(joinPath(cwd, c.dest), posix.relative(srcs[0], p) || '.');
      ctx.ownedDirs.push({ inst: c, chown: c.chown!, dirs: made.dirs.map(at), files: made.files.map((f) => ({ src: f.src, dest: at(f.path) + (f.path.endsWith('/') ? '/' : '') })) });
      return;
    }
    const from = c.fromStage ? `stage \`${c.fromStage.name ?? c.fromStage.index}\`` : `image ${c.from}`;
    // What a stage took from the build context, unchanged, the image can take from the context itself.
    const taken = c.fromStage && !ctx.spec.repo ? srcs.map((s) => contextSource(c.fromStage!, s)) : [];
    if (taken.length && taken.every((t) => t && 'src' in t)) {
      const lines = [...new Set(taken.map((t) => (t as { copy: CopyInstruction }).copy.span.start.line))];
      addCopies(ctx, c, stage, taken.map((t) => (t as { src: string }).src), `${from} took it from the build context (line ${lines.join(', ')}) and no step changes it: copied from the context`);
      return;
    }
    const why = taken.find((t): t is { why: string } => !!t && 'why' in t)?.why;
    const whyDirs = made && 'why' in made ? made.why : undefined;
    ctx.ledger.lose(c, `copies ${srcs.join(' ')} from ${from}; the spec copies only the binary, certs, tzdata and files from the build context${why ? ` (${from} took it from the context, but ${why})` : ''}${whyDirs ? `, and makes empty directories for \`dirs\` (${from} made it, but ${whyDirs})` : ''}`);
    return;
  }
  if (c.keyword === 'ADD' && srcs.some((s) => /^(https?|git):\/\/|\.(tar|tgz|tar\.gz|tar\.xz|tar\.bz2|zip)$/.test(s))) {
    ctx.ledger.lose(c, 'ADD downloads or unpacks; the spec copies files as they are');
    return;
  }
  addCopies(ctx, c, stage, srcs);
}

/** The image a COPY --from reads when it is an image, or a stage that is nothing but `FROM <image>` (no --platform). */
function imageOf(c: CopyInstruction): ImageRef | undefined {
  if (!c.fromStage) return c.from ? parseImage(c.from) : undefined;
  const s = c.fromStage;
  return s.instructions.length === 1 && s.base.kind === 'image' && !s.platform && !s.base.image.unresolved.length && !s.base.image.invalid ? s.base.image : undefined;
}

/** An image reference as `COPY --from` names it; undefined when it is not one. */
function parseImage(text: string): ImageRef | undefined {
  const ref = parseImageReference(text);
  return typeof ref === 'string' ? undefined : { text, unresolved: [], ...ref };
}

function addCopies(ctx: Ctx, c: CopyInstruction, stage: Stage, srcs: string[], note = '', from?: string): void {
  // a context path that names the target platform picks another file on each: the spec names the same args
  const perPlatform = platformVar(ctx, c);
  if (perPlatform && c.from !== undefined) {
    ctx.ledger.lose(c, `the source names $${perPlatform}, a different file on each target platform; \`copy\` names platform args only in build context paths`);
    return;
  }
  if (perPlatform) {
    const written = writtenSources(c);
    const picked = written && srcs.map((x) => c.sources.indexOf(x)).map((i) => (i < 0 ? undefined : contextPath(ctx, c, written[i])));
    if (!picked || picked.some((p) => p === undefined || typeof p === 'string')) {
      ctx.ledger.lose(c, `the source names $${perPlatform}, a different file on each target platform, in a way convert cannot read`);
      return;
    }
    const paths = picked as { path: string; args: Record<string, string> }[];
    for (const p of paths) if (Object.keys(p.args).length) ctx.spec.buildArgs = { ...ctx.spec.buildArgs, ...p.args };
    srcs = paths.map((p) => p.path);
  }
  const cwd = workdirAt(stage, c);
  if (cwd === undefined) { ctx.ledger.lose(c, 'the destination depends on a WORKDIR with an unknown variable'); return; }
  const intoDir = c.dest.endsWith('/') || srcs.length > 1 || c.dest === '.';
  const dest = joinPath(cwd, c.dest) + (intoDir && c.dest !== '/' && joinPath(cwd, c.dest) !== '/' ? '/' : '');
  // an octal --chmod is the entries' mode; another form (u+x, a setuid bit) is reported below
  const mode = c.chmod && /^0?[0-7]{3}$/.test(c.chmod) ? octalMode(c.chmod) : undefined;
  const entries = srcs.map((s) => (from ? { from, src: s, dest } : { src: s.replace(/^\/+/, '').replace(/^\.\//, '') || '.', dest }))
    // the whole context fills a directory, which the spec writes with its trailing /
    .map((e) => (e.src === '.' && !e.from && !e.dest.endsWith('/') ? { ...e, dest: `${e.dest}/` } : e))
    .map((e) => (mode ? { ...e, mode } : e));
  ctx.spec.copy = [...(ctx.spec.copy ?? []), ...entries];
  ctx.ledger.carry(c, 'copy', note || (c.keyword === 'ADD' ? 'ADD of local files → copy' : from ? `out of ${from} → copy.from` : ''));
  if (c.chown) ctx.ledger.lose(c, `--chown=${c.chown}: the spec's copies are owned by root and readable by the user`);
  if (c.chmod && !mode) ctx.ledger.lose(c, `--chmod=${c.chmod}: \`copy\` takes an octal mode of three digits (e.g. 755), without setuid, setgid or sticky bits`);
}

/** `uid:gid` of a --chown owner (numbers, or names convert knows), or undefined. */
function numericOwner(ctx: Ctx, raw: string): string | undefined {
  const known: Record<string, string> = { nonroot: '65532', nobody: '65534', root: '0', ...Object.fromEntries(ctx.users) };
  const [u, g] = raw.split(':');
  const uid = /^\d+$/.test(u) ? u : known[u];
  const gid = g === undefined ? uid : /^\d+$/.test(g) ? g : known[g];
  return uid === undefined || gid === undefined ? undefined : `${uid}:${gid}`;
}

/** The directories stages only made, copied --chown to the image's user: `dirs`, and their context files `copy`. */
export function readOwnedDirs(ctx: Ctx): void {
  const raw = String(ctx.spec.user ?? 65532);
  const user = raw.includes(':') ? raw : `${raw}:${raw}`;
  for (const o of ctx.ownedDirs) {
    const owner = numericOwner(ctx, o.chown);
    if (owner !== user) {
      ctx.ledger.lose(o.inst, `--chown=${o.chown}: ${o.dirs.join(' ')} would be owned by ${owner ?? 'an account convert cannot see'}, but \`dirs\` are the image's user's (${user})`);
      continue;
    }
    ctx.spec.dirs = [...(ctx.spec.dirs ?? []), ...o.dirs];
    ctx.ledger.carry(o.inst, 'dirs', `directories a stage only made, the user's → dirs`);
    if (!o.files.length) continue;
    ctx.spec.copy = [...(ctx.spec.copy ?? []), ...o.files];
    ctx.ledger.carry(o.inst, 'copy');
    ctx.ledger.drop(o.inst, `the files in them (${o.files.map((f) => f.src).join(', ')}) are context files, copied owned by root and readable by the user (the directory is the user's, so the program can still replace them)`);
  }
}

/**
 * Accounts the image gets by copying /etc/passwd from another stage (a `user-setup` stage that runs adduser): their
 * uids, so USER names resolve as they do in the original image.
 */
export function readCopiedAccounts(ctx: Ctx, targetChain: Stage[]): void {
  for (const c of targetChain.flatMap((s) => copies(s))) {
    if (!c.fromStage || targetChain.includes(c.fromStage) || !c.sources.some((src) => /^\/?etc\/passwd$/.test(src))) continue;
    for (const run of stageChain(c.fromStage).flatMap((s) => s.instructions).filter((i): i is RunInstruction => i.keyword === 'RUN')) {
      for (const cmd of run.script().commands) account(ctx, commandWords(cmd), run);
    }
  }
}

function readUser(ctx: Ctx, inst: Instruction): void {
  const raw = expandKnown(inst.args.trim(), inst.vars);
  if (raw === undefined) { ctx.ledger.lose(inst, 'USER from a variable with no value'); return; }
  const known: Record<string, string> = { nonroot: '65532', nobody: '65534', ...Object.fromEntries(ctx.users) };
  const [u, g] = raw.split(':');
  if (u === 'root' || u === '0') { ctx.ledger.drop(inst, 'root: the spec always runs as a numeric non-root user (default 65532)'); return; }
  const uid = /^\d+$/.test(u) ? u : known[u];
  const gid = g === undefined ? undefined : /^\d+$/.test(g) ? g : known[g] ?? uid;
  // another uid changes whose files the program can write: reported, not guessed
  if (!uid) { ctx.ledger.lose(inst, `\`${u}\` has no uid convert can see (no adduser in the image or the stage its /etc/passwd comes from); the spec runs as 65532 unless \`user\` says the uid`); return; }
  ctx.spec.user = gid === undefined || gid === uid && g === undefined ? (gid === undefined ? Number(uid) : `${uid}:${gid}`) : `${uid}:${gid}`;
  ctx.ledger.carry(inst, 'user', /^\d/.test(u) ? '' : `${raw} → ${ctx.spec.user}`);
}

/** A shell line with the binary's old path, where a word of its own, rewritten to where expand installs it. */
function rewriteLine(ctx: Ctx, line: string, stage: Stage, inst: Instruction): string {
  // nothing moved: the line stays as written, so an expanded spec reads back the same
  const mainMoved = !!installedBinary(ctx) && !!ctx.trace.binaryPath && installedBinary(ctx) !== ctx.trace.binaryPath;
  if (!mainMoved && ctx.extraBinaries.every((m) => m.from === m.to)) return line;
  const edits = parseShell(line).commands.flatMap((c) => {
    // a path in plain quotes ("/app") is the same word to the shell: compared by its value, rewritten in its quotes
    const quoted = c.words.map((w) => /^(["'])[^"'$`\\]*\1$/.test(w.raw));
    const seen = c.words.map((w, i) => (quoted[i] ? w.value : w.raw));
    const moved = rewrite(ctx, seen, stage, inst);
    return c.words.flatMap((w, i) => (moved[i] === seen[i] ? [] : [{ start: w.start, end: w.end, text: quoted[i] ? `${w.raw[0]}${moved[i]}${w.raw[0]}` : moved[i] }]));
  });
  return edits.sort((a, b) => b.start - a.start).reduce((text, e) => text.slice(0, e.start) + e.text + text.slice(e.end), line);
}

/** The health check's command: exec form, plain words as exec form, or a line that needs a shell as `shell` where the spec's base has /bin/sh. */
function healthCommand(ctx: Ctx, inst: Instruction, stage: Stage, body: string): { cmd: string[] } | { shell: string } | string {
  // a `[` that is no JSON list of strings is the shell form to BuildKit: `[ -f /tmp/ready ]`
  if (inst.json) return { cmd: rewrite(ctx, inst.json, stage, inst) };
  const words = plainWords(body);
  if (words) return { cmd: rewrite(ctx, words, stage, inst) };
  // the base the spec will have: the FROM read before this line, or the default
  const base = ctx.spec.base ?? 'distroless/static';
  const { image, kind } = baseImage(base, ctx.go ?? DEFAULT_GO);
  const shown = body.length > 40 ? body.slice(0, 39) + '…' : body;
  if (!hasBinSh(image, kind)) return `the shell form \`${shown}\` needs a shell, which the spec's base \`${base}\` does not have: an exec-form HEALTHCHECK calling the binary needs none`;
  return { shell: rewriteLine(ctx, body, stage, inst) };
}

function readHealthcheck(ctx: Ctx, inst: Instruction, stage: Stage): void {
  const args = inst.args.trim();
  if (/^none$/i.test(args)) { ctx.ledger.drop(inst, 'HEALTHCHECK NONE: no health check is the default'); return; }
  const m = /^CMD\s+([\s\S]*)$/i.exec(args);
  if (!m) { ctx.ledger.lose(inst, 'a HEALTHCHECK convert cannot read'); return; }
  const command = healthCommand(ctx, inst, stage, m[1].trim());
  if (typeof command === 'string') { ctx.ledger.lose(inst, command); return; }
  const hc: NonNullable<Ctx['spec']['healthcheck']> = { ...command };
  for (const f of inst.flags) {
    if (f.name === 'interval' && f.value) hc.interval = f.value;
    else if (f.name === 'timeout' && f.value) hc.timeout = f.value;
    else if (f.name === 'start-period' && f.value) hc.startPeriod = f.value;
    else if (f.name === 'retries' && f.value) hc.retries = Number(f.value);
    else ctx.ledger.lose(inst, `--${f.name} has no spec field`);
  }
  ctx.spec.healthcheck = hc;
  ctx.ledger.carry(inst, 'healthcheck', 'shell' in command ? 'shell form → healthcheck.shell, run by the base\'s /bin/sh' : '');
}

/** SHELL: busybox's on a distroless :debug base is the one expand writes before `setup`; the spec has no other. */
function readShell(ctx: Ctx, inst: Instruction, stage: Stage): void {
  const base = runtimeImage(stage);
  const busybox = base && hasBusyboxShell(base.image, base.kind) && inst.json?.join(' ') === BUSYBOX_SHELL.join(' ');
  if (!busybox) { ctx.ledger.lose(inst, 'the spec has no SHELL'); return; }
  // RUNs are read first, so `setup` is known here
  ctx.ledger.drop(inst, ctx.spec.setup?.length
    ? 'busybox\'s shell, as the base has no /bin/sh: expand writes it before `setup`'
    : 'busybox\'s shell for RUN steps, of which the spec keeps none (expand writes it before `setup`)');
}

/** The runtime FROM: `base` (and its digest), or for a single golang stage the default base. */
export function readBase(ctx: Ctx, stage: Stage): void {
  const from = stage.from;
  const root = rootBase(stage);
  if (buildsInImage(ctx.trace)) {
    ctx.ledger.drop(from, 'the image ran on the Go toolchain; the spec ships the binary on `base` (default distroless/static)');
    return;
  }
  if (stage.base.kind === 'stage') { ctx.ledger.drop(from, `builds on stage \`${stage.base.stage.name ?? stage.base.stage.index}\`, read with it`); return; }
  if (root.kind === 'scratch') { ctx.spec.base = 'scratch'; ctx.ledger.carry(from, 'base', 'base: scratch'); return; }
  if (root.image.unresolved.length || root.image.invalid) {
    ctx.ledger.lose(from, `the base image \`${root.image.text}\` depends on a build arg with no value (${root.image.unresolved.join(', ')})`);
    return;
  }
  const choice = baseFor(root.image, ctx.go ?? '1.26');
  // an image that exists for one platform only builds for that one: `platforms`, unless the build names others
  const others = choice.platform ? (ctx.spec.platforms ?? []).filter((p) => p !== choice.platform) : [];
  if (others.length) {
    ctx.ledger.lose(from, `${root.image.text} exists for ${choice.platform} only, but the build targets ${others.join(', ')}`);
    return;
  }
  ctx.spec.base = choice.base;
  if (choice.digest) ctx.spec.baseDigest = choice.digest;
  if (choice.platform) ctx.spec.platforms = [choice.platform];
  ctx.ledger.carry(from, [...(choice.digest ? ['base', 'baseDigest'] : ['base']), ...(choice.platform ? ['platforms'] : [])], choice.detail);
}

/** One instruction of the target stage (or its chain), read as the runtime image. */
export function readRuntimeInstruction(ctx: Ctx, inst: Instruction, stage: Stage): void {
  switch (inst.keyword) {
    case 'COPY': case 'ADD': return readCopy(ctx, inst as CopyInstruction, stage);
    case 'ENV':
      for (const kv of parseKeyValues(inst.args, ctx.model.escape)) {
        const value = dockerValue(kv.value, ctx.model.escape);
        if (kv.key === 'ZONEINFO' && /zoneinfo\.zip$/.test(value)) { ctx.spec.tzdata = true; ctx.ledger.carry(inst, 'tzdata', 'ZONEINFO → tzdata'); continue; }
        (ctx.spec.env ??= {})[kv.key] = value; // in place: a copy per ENV made a long Dockerfile n²
        ctx.ledger.carry(inst, 'env');
      }
      return;
    case 'LABEL':
      for (const kv of parseKeyValues(inst.args, ctx.model.escape)) (ctx.spec.labels ??= {})[dockerValue(kv.key, ctx.model.escape)] = dockerValue(kv.value, ctx.model.escape);
      ctx.ledger.carry(inst, 'labels');
      return;
    case 'EXPOSE': {
      const ports: (number | string)[] = [];
      for (const w of inst.args.trim().split(/\s+/)) {
        const v = expandKnown(w, inst.vars);
        if (v === undefined || !/^\d+(\/(tcp|udp))?$/i.test(v)) { ctx.ledger.lose(inst, `port \`${w}\` is not a number convert can read`); continue; }
        ports.push(/^\d+$/.test(v) ? Number(v) : v.toLowerCase());
      }
      if (ports.length) { ctx.spec.ports = [...(ctx.spec.ports ?? []), ...ports]; ctx.ledger.carry(inst, 'ports'); }
      return;
    }
    case 'USER': return readUser(ctx, inst);
    case 'WORKDIR': {
      const all = stageChain(ctx.trace.target).flatMap((s) => s.instructions).filter((i) => i.keyword === 'WORKDIR');
      if (inst !== all.at(-1)) { ctx.ledger.drop(inst, 'a working directory for the steps after it; the last WORKDIR is the image\'s'); return; }
      const dir = workdirAt(stage);
      if (dir === undefined) { ctx.ledger.lose(inst, 'WORKDIR from a variable with no value'); return; }
      if (ROOT_HOME.test(dir) && ctx.spec.base !== 'scratch') {
        ctx.ledger.drop(inst, `${dir} is in root's home, which only root may enter; the spec's image runs as a non-root \`user\` in /, and \`workdir\` takes a directory of the program's own`);
        return;
      }
      if (dir !== '/') ctx.spec.workdir = dir;
      ctx.ledger.carry(inst, 'workdir');
      return;
    }
    case 'HEALTHCHECK': return readHealthcheck(ctx, inst, stage);
    case 'ENTRYPOINT': case 'CMD': return; // read together by readStart
    case 'ARG': return ctx.ledger.drop(inst, 'a build argument, resolved where the image uses it');
    case 'MAINTAINER': return ctx.ledger.drop(inst, 'MAINTAINER is deprecated; add a `labels` entry if you want it');
    case 'VOLUME': {
      const words = inst.json ?? inst.args.trim().split(/\s+/).filter(Boolean);
      const vols = words.map((w) => expandKnown(w, inst.vars) ?? w);
      ctx.spec.volumes = [...(ctx.spec.volumes ?? []), ...vols.map((v) => (v.startsWith('/') ? v : joinPath(workdirAt(stage, inst) ?? '/', v)))];
      ctx.ledger.carry(inst, 'volumes');
      return;
    }
    case 'STOPSIGNAL': {
      const all = stageChain(ctx.trace.target).flatMap((s) => s.instructions).filter((i) => i.keyword === 'STOPSIGNAL');
      if (inst !== all.at(-1)) { ctx.ledger.drop(inst, 'overridden by a later STOPSIGNAL'); return; }
      ctx.spec.stopSignal = expandKnown(inst.args.trim(), inst.vars) ?? inst.args.trim();
      ctx.ledger.carry(inst, 'stopSignal');
      return;
    }
    case 'SHELL': return readShell(ctx, inst, stage);
    case 'ONBUILD': return ctx.ledger.lose(inst, 'the spec has no ONBUILD triggers');
    default: return;
  }
}

export { readStart };
