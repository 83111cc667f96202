// What each command of a RUN becomes: OS packages, a git checkout, an account, or a step expand does (or cannot do).
import { posix } from 'node:path';
import type { RunInstruction } from '../dockerfile/model.js';
import type { SimpleCommand } from '../shell/types.js';
import { baseKind, commandWords, isRootUser, packageCommands } from '../lint/helpers.js';
import { chainInstructions, goPackages } from '../lint/go-helpers.js';
import { readBuildEnv } from './gobuild.js';
import { isPrepCommand } from './buildcommand.js';
import type { Ctx } from './context.js';
import { expandKnown, joinPath, workdirAt } from './paths.js';
import { runtimeImage } from './images.js';
import { hasBusyboxShell, setupRefusal } from '../spec/images.js';

/** Where a RUN sits: the build stages, the image, a single stage that is both, or a stage that only feeds another. */
export type Role = 'builder' | 'runtime' | 'single' | 'helper';

type Verdict = { outcome: 'carried'; fields: string[]; text: string } | { outcome: 'dropped' | 'unrepresentable'; text: string };

const carried = (fields: string[], text: string): Verdict => ({ outcome: 'carried', fields, text });
const dropped = (text: string): Verdict => ({ outcome: 'dropped', text });
const lost = (text: string): Verdict => ({ outcome: 'unrepresentable', text });

// Packages a Go build needs that expand installs itself when the spec calls for them (git for repo/private, a C toolchain for cgo).
const BUILD_TOOLS = new Set(['git', 'gcc', 'g++', 'musl-dev', 'libc-dev', 'libc6-dev', 'build-base', 'build-essential', 'openssh', 'openssh-client']);
// Shell built-ins and read-only commands: nothing in the image changes.
const NO_EFFECT = new Set(['set', 'echo', 'printf', 'true', ':', 'ls', 'pwd', 'cat', 'which', 'whoami', 'id', 'env', 'printenv', 'test', '[', '[[', 'uname', 'date', 'sleep', 'exit', 'du', 'df', 'file', 'ldd', 'sha256sum', 'md5sum', 'head', 'tail', 'grep', 'command', 'type']);

function short(cmd: SimpleCommand, source: string): string {
  const t = source.slice(cmd.start, cmd.end).replace(/\s*\\\n\s*/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length > 60 ? t.slice(0, 59) + '…' : t;
}

/** Package names of an install command, or undefined when the command installs nothing. */
function installed(run: RunInstruction, cmd: SimpleCommand): { tool: 'apk' | 'apt'; names: string[] } | undefined {
  for (const [tool, verb] of [['apk', 'add'], ['apt-get', 'install'], ['apt', 'install']] as const) {
    const hit = packageCommands([run], tool, verb).find((x) => x.cmd === cmd);
    if (hit) return { tool: tool === 'apk' ? 'apk' : 'apt', names: hit.packages.map((w) => w.value) };
  }
  const w = commandWords(cmd);
  if ((w[0] === 'xx-apk' && w.includes('add')) || (w[0] === 'xx-apt-get' || w[0] === 'xx-apt') && w.includes('install')) {
    const verb = w.findIndex((x) => x === 'add' || x === 'install');
    return { tool: w[0] === 'xx-apk' ? 'apk' : 'apt', names: w.slice(verb + 1).filter((x) => !x.startsWith('-')) };
  }
  return undefined;
}

function packagesIn(ctx: Ctx, role: Role, names: string[], viaVirtual: boolean): Verdict {
  const build = role === 'builder' || role === 'helper' || role === 'single';
  const tools = names.filter((n) => BUILD_TOOLS.has(n.replace(/[=~<>].*$/, '')));
  const certs = names.filter((n) => /^ca-certificates(-bundle)?$/.test(n));
  const tz: string[] = names.filter((n) => n === 'tzdata');
  const rest = names.filter((n) => !tools.includes(n) && !certs.includes(n) && !tz.includes(n));
  const fields: string[] = [];
  const notes: string[] = [];
  if (build) {
    if (tools.length) notes.push(`${tools.join(' ')}: expand installs what the build needs (git for repo and private modules, a C toolchain for cgo)`);
    if (certs.length || tz.length) notes.push(`${[...certs, ...tz].join(' ')}: the golang images carry them for the build`);
    if (rest.length) {
      ctx.spec.buildPackages = [...new Set([...(ctx.spec.buildPackages ?? []), ...rest])];
      fields.push('buildPackages');
    }
  } else {
    if (certs.length) { fields.push('certs'); ctx.spec.certs = true; }
    if (tz.length) { fields.push('tzdata'); ctx.spec.tzdata = true; }
    if (viaVirtual) notes.push('a virtual package set removed later: expand keeps only what stays');
    else if (rest.length || tools.length) {
      ctx.spec.packages = [...new Set([...(ctx.spec.packages ?? []), ...tools, ...rest])];
      fields.push('packages');
    }
  }
  return fields.length ? carried(fields, [`→ ${fields.join(', ')}`, ...notes].join('; ')) : dropped(notes.join('; ') || 'installs nothing');
}

/** `adduser -u 1000 app`, `useradd --uid 1000 app`: remembers the uid for USER app. */
export function account(ctx: Ctx, words: string[], run: RunInstruction): void {
  if (!/^(adduser|useradd)$/.test(words[0])) return;
  let uid: string | undefined;
  let name: string | undefined;
  for (let i = 1; i < words.length; i++) {
    const w = words[i];
    if (w === '-u' || w === '--uid') uid = words[++i];
    else if (w.startsWith('--uid=')) uid = w.slice(6);
    else if (/^-[A-Za-z]$/.test(w) && /^-[hgsGkKcdepf]$/.test(w) || /^--(home|shell|gecos|ingroup|group|home-dir|comment|gid|groups|password|key|base-dir|expiredate|inactive|skel)$/.test(w)) i++;
    else if (!w.startsWith('-')) name = name ?? w;
  }
  const id = uid ? expandKnown(uid, run.vars) : undefined;
  // the account's name may come from a variable too (`adduser --uid 10001 ${SERVICE_NAME}`), as USER names it
  const account = name ? expandKnown(name, run.vars) : undefined;
  if (account && id && /^\d+$/.test(id)) ctx.users.set(account, id);
}

/**
 * `go mod init <path>` in the builder: a context without go.mod, whose code the build takes as it is. That is
 * `initModule` when nothing then fetches dependencies (`go mod tidy`, `go get`), which the spec's build never does.
 */
function moduleInit(ctx: Ctx, args: string[], role: Role): Verdict {
  const path = args.find((w) => !w.startsWith('-'));
  if (role === 'runtime') return lost('`go mod init` in the image');
  if (!path || path.includes('$')) return lost('`go mod init` without a module path convert can read; commit a go.mod (expand mounts go.mod and go.sum)');
  const fetches = ctx.trace.builderChain.flatMap((s) => s.instructions).filter((i): i is RunInstruction => i.keyword === 'RUN')
    .flatMap((r) => r.script().commands.map((c) => commandWords(c)))
    .find((w) => w[0] === 'go' && (w.includes('tidy') || w.includes('get')));
  if (fetches) return lost(`\`go mod init\` then \`${fetches.slice(0, 3).join(' ')}\` fetches dependencies the context does not pin; commit go.mod and go.sum (expand mounts them)`);
  ctx.spec.initModule = path;
  return carried(['initModule'], `\`go mod init ${path}\` → initModule: the context has no go.mod`);
}

function goCommand(ctx: Ctx, words: string[], role: Role): Verdict {
  const sub = words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '';
  const rest = words.slice(words.indexOf(sub) + 1);
  if (sub === 'mod') {
    const op = rest.find((w) => !w.startsWith('-')) ?? '';
    if (op === 'download' || op === 'verify') return dropped(`\`go mod ${op}\`: expand always downloads modules in a cached step`);
    if (op === 'tidy') return dropped('`go mod tidy`: expand builds the module as committed (tidy it before building)');
    if (op === 'vendor') return dropped('`go mod vendor`: expand downloads modules in a cached step');
    if (op === 'init') return moduleInit(ctx, rest.slice(rest.indexOf('init') + 1), role);
    if (op === 'edit') return lost('`go mod edit` changes go.mod during the build');
    return dropped(`\`go mod ${op}\``);
  }
  if (sub === 'get') {
    const pkgs = goPackages(words);
    if (pkgs.every((p) => p === '.' || p.startsWith('./'))) return dropped('`go get` of the module\'s own packages: expand downloads modules in a cached step');
    return lost(`\`go get ${pkgs.join(' ')}\` changes the module's requirements during the build`);
  }
  if (sub === 'env') {
    if (!words.includes('-w')) return dropped('`go env`: prints settings (written to a file, they are read where the build uses them)');
    return dropped('`go env -w`: settings read with the build');
  }
  if (sub === 'version' || sub === 'list' || sub === 'help') return dropped(`\`go ${sub}\`: prints information`);
  if (sub === 'test' || sub === 'vet') return dropped(`\`go ${sub}\`: a check for CI, not part of the image`);
  if (sub === 'generate') return lost('`go generate`: expand does not run generators (commit the generated files)');
  if (sub === 'run') return lost(`\`go run ${goPackages(words).join(' ')}\`: expand does not run programs during the build`);
  if (sub === 'build' || sub === 'install') {
    const pkgs = goPackages(words);
    if (pkgs.some((p) => p.includes('@'))) return dropped(`\`go install ${pkgs.join(' ')}\`: a tool for the build, not the program the image runs`);
    return role === 'runtime' ? lost('a second go build in the image') : dropped('builds something the image does not ship');
  }
  void ctx;
  return lost(`\`go ${sub}\``);
}

function gitCommand(ctx: Ctx, words: string[], run: RunInstruction): Verdict {
  const sub = words.find((w, i) => i > 0 && !w.startsWith('-') && words[i - 1] !== '-C' && words[i - 1] !== '-c') ?? '';
  const after = words.slice(words.indexOf(sub) + 1);
  const pos = after.filter((x, i) => !x.startsWith('-') && !/^(-b|--branch|--depth|-c|--origin|-o|--filter|--jobs|-j)$/.test(after[i - 1] ?? ''));
  const url = (u: string | undefined) => (u ? expandKnown(u, run.vars) : undefined);
  if (sub === 'clone') {
    const repo = url(pos[0]);
    if (!repo || !/^(https:\/\/|ssh:\/\/|git@)/.test(repo)) return lost(`\`git clone ${pos[0] ?? ''}\`: not a URL convert can read`);
    const b = after.findIndex((x) => x === '-b' || x === '--branch');
    ctx.spec.repo = repo;
    const ref = b >= 0 ? url(after[b + 1]) : undefined;
    if (ref) ctx.spec.ref = ref;
    return carried(ref ? ['repo', 'ref'] : ['repo'], `\`git clone\` → repo${ref ? ', ref' : ''}`);
  }
  if (sub === 'remote' && after[0] === 'add' && pos[2]) {
    const repo = url(pos[2]);
    if (repo) { ctx.spec.repo = repo; return carried(['repo'], '`git remote add` → repo'); }
  }
  if (sub === 'fetch' && pos.length >= 2) {
    const ref = url(pos[1]);
    if (ref) { ctx.spec.ref = ref; return carried(['ref'], '`git fetch` → ref'); }
  }
  if (sub === 'checkout' && ctx.spec.repo) {
    const ref = url(pos[0]);
    if (ref === 'FETCH_HEAD') return dropped('`git checkout FETCH_HEAD`: expand checks out the fetched ref');
    if (ref) { ctx.spec.ref = ref; return carried(['ref'], '`git checkout` → ref'); }
  }
  if (sub === 'init') return dropped('`git init`: expand clones `repo` itself');
  if (sub === 'config') return dropped('`git config`: expand sets up access for `private` modules itself (a secret or ssh, never a token in a layer)');
  return lost(`\`git ${sub}\` is not something the spec can say`);
}

/** `chmod +x` of nothing but the shipped binary (by its path in the Dockerfile or where expand installs it). */
function chmodsBinary(ctx: Ctx, run: RunInstruction, cmd: SimpleCommand, words: string[]): boolean {
  const cwd = shellCwd(run, cmd);
  const targets = words.slice(1).filter((w) => !w.startsWith('-')).slice(1).map((w) => expandKnown(w, run.vars));
  const bins = [ctx.trace.binaryPath, ctx.spec.name && `/usr/local/bin/${ctx.spec.name}`].filter(Boolean);
  return targets.length > 0 && cwd !== undefined && targets.every((t) => t !== undefined && bins.includes(joinPath(cwd, t)));
}

/** Does the command write through `>` (its text outside its words and assignments has one)? */
function redirects(cmd: SimpleCommand, source: string): boolean {
  let rest = source.slice(cmd.start, cmd.end);
  for (const p of [...cmd.words, ...cmd.assignments].sort((a, b) => b.start - a.start)) rest = rest.slice(0, p.start - cmd.start) + ' '.repeat(p.end - p.start) + rest.slice(p.end - cmd.start);
  return /[^&]>|^>/.test(rest.replace(/\d?>\s*\/dev\/null|\d?>&\d/g, ''));
}

/** Where a command of a RUN runs: the WORKDIR, moved by the `cd`s before it; undefined when a variable hides it. */
function shellCwd(run: RunInstruction, cmd: SimpleCommand): string | undefined {
  let cwd = workdirAt(run.stage!, run);
  for (const c of run.script().commands) {
    if (c.start >= cmd.start) break;
    const w = commandWords(c);
    if (w[0] !== 'cd') continue;
    const d = w[1] === undefined || w[1] === '~' ? '/root' : expandKnown(w[1], run.vars);
    cwd = cwd === undefined || d === undefined || d === '-' ? undefined : joinPath(cwd, d);
  }
  return cwd;
}

/** A command of the image's own RUN on a base with a shell: a `setup` step, as written, when it means the same there. */
function setupStep(ctx: Ctx, run: RunInstruction, cmd: SimpleCommand, words: string[], text: string): Verdict {
  if (cmd.depth > 0 || cmd.inPipeline || cmd.joinedBy === '||' || cmd.joinedBy === '|') return lost(`\`${text}\` runs under a condition or in a pipeline; \`setup\` steps run one after another`);
  if (cmd.assignments.length) return lost(`\`${text}\` sets variables for itself; \`setup\` steps are plain commands`);
  // setup runs as root in / before USER and WORKDIR: the same command elsewhere, or as another user, does something else
  const user = chainInstructions(run.stage!, run).filter((i) => i.keyword === 'USER').at(-1);
  const as = user && (expandKnown(user.args.trim(), user.vars) ?? user.args.trim());
  if (as && !isRootUser(as)) return lost(`\`${text}\` runs as USER ${as} (line ${user!.span.start.line}); \`setup\` runs as root`);
  const cwd = shellCwd(run, cmd);
  const args = words.slice(1).filter((w) => !w.startsWith('-')).slice(/^(chown|chgrp|chmod)$/.test(words[0]) ? 1 : 0);
  if (cwd !== '/' && args.some((w) => !w.startsWith('/'))) return lost(`\`${text}\` runs in ${cwd ?? 'a WORKDIR from a variable with no value'}, where a relative path means something else than in /, where \`setup\` runs`);
  if (redirects(cmd, run.script().source)) return lost(`\`${text}\` writes through a redirection; a \`setup\` step is one command of words`);
  // setup runs before the image's ENV lines: a variable the Dockerfile set before this RUN would be the base's there
  const used = cmd.words.flatMap((w) => [...w.raw.replace(/'[^']*'/g, '').matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]));
  const set = used.find((v) => run.vars.has(v));
  if (set) return lost(`\`${text}\` uses $${set}, which an ENV or ARG before it sets; \`setup\` runs before \`env\`, with the base image's variables`);
  const raw = cmd.words.map((w) => w.raw);
  if (words[0] === 'chown' || words[0] === 'chgrp') {
    const i = raw.findIndex((w, j) => j > 0 && !w.startsWith('-'));
    const owner = i > 0 ? raw[i] : undefined;
    const ids = owner?.split(':').map((n) => (n === '' || /^\d+$/.test(n) ? n : ctx.users.get(n)));
    if (!owner || !ids || ids.some((x) => x === undefined)) return lost(`\`${text}\`: the spec's image has no accounts, so the owner must be numeric (or made by adduser with a uid)`);
    raw[i] = ids.join(':');
  }
  ctx.spec.setup = [...(ctx.spec.setup ?? []), raw.join(' ')];
  return carried(['setup'], `\`${words[0]}\` → setup`);
}

/** What one command of a RUN becomes. */
function judge(ctx: Ctx, run: RunInstruction, cmd: SimpleCommand, role: Role): Verdict {
  const words = commandWords(cmd);
  const text = short(cmd, run.script().source);
  if (!words.length) {
    // `X=1` alone sets a shell variable for later commands
    for (const a of cmd.assignments) if (/^(GO|CGO_)/.test(a.name)) return dropped(`${a.name}: read with the go build`);
    return dropped('sets shell variables for the commands after it');
  }
  const head = words[0];
  const inst = installed(run, cmd);
  if (inst) return packagesIn(ctx, role, inst.names, words.includes('--virtual') || words.includes('-t'));
  if (/^(apk|apt-get|apt|xx-apk|xx-apt-get)$/.test(head)) {
    const verb = words.find((w, i) => i > 0 && !w.startsWith('-')) ?? '';
    if (/^(update|clean|autoclean|autoremove|cache|del|remove|purge)$/.test(verb)) return dropped(`\`${head} ${verb}\`: expand writes its own package steps`);
    if (verb === 'upgrade' || verb === 'dist-upgrade') return dropped(`\`${head} ${verb}\`: expand does not upgrade the base's packages (pin a newer base instead)`);
    return lost(`\`${text}\``);
  }
  if (head === 'go') return goCommand(ctx, words, role);
  if (ctx.spec.build && role === 'builder' && isPrepCommand(words)) return dropped(`\`${text}\`: the build command runs on a fresh bind of the build context (keep host build output out of it with .dockerignore)`);
  if (head === 'git') return gitCommand(ctx, words, run);
  if (/^(adduser|addgroup|useradd|groupadd|usermod)$/.test(head)) {
    account(ctx, words, run);
    return dropped(`\`${head}\`: the spec runs as a numeric user, which needs no account`);
  }
  if (head === 'update-ca-certificates' && !(role === 'runtime' && /^(alpine|debian|ubuntu)$/.test(baseKind(ctx.trace.target)))) return dropped('`update-ca-certificates`: expand provides the CA bundle (`certs`)');
  if (head === 'xx-go' && words.includes('--wrap')) return dropped('`xx-go --wrap`: expand cross-compiles with Go\'s own GOOS/GOARCH');
  if (head === 'xx-verify') return dropped('`xx-verify`: checks the binary is static; the spec builds static unless `cgo`');
  if (head === 'xx-info') return dropped('`xx-info`: prints the target platform');
  if (head === 'upx') return lost('`upx` compresses the binary; the spec does not');
  if (head === 'export') {
    for (const w of words.slice(1)) {
      const eq = w.indexOf('=');
      if (eq > 0 && /^(CGO_ENABLED|GOOS|GOARCH|GOARM|GOFLAGS|GOPRIVATE)$/.test(w.slice(0, eq))) continue;
      if (eq > 0 && /^(GO|CGO_|CC$|CXX$)/.test(w.slice(0, eq)) && role !== 'runtime') readBuildEnv(ctx, w.slice(0, eq), w.slice(eq + 1), run);
    }
    return dropped('`export`: variables for the commands after it');
  }
  if (NO_EFFECT.has(head) && !(role === 'runtime' && redirects(cmd, run.script().source))) return dropped(`\`${head}\`: changes nothing in the image`);
  if (role === 'builder' || role === 'helper') {
    if (/^(cd|mkdir|rm|cp|mv|chmod|chown|ln|touch|tar|unzip|gzip)$/.test(head)) return dropped(`\`${head}\`: builder housekeeping; expand writes its own build steps`);
  } else {
    if (head === 'chmod' && words.some((w) => /^(\+x|[0-7]?[75][75][75])$/.test(w)) && chmodsBinary(ctx, run, cmd, words)) return dropped('`chmod`: expand installs the binary executable');
    if (head === 'cd') return dropped('`cd`: moves the shell, not the image');
    if (head === 'rm' && words.slice(1).every((w) => w.startsWith('-') || /^\/(var\/cache\/apk|var\/lib\/apt\/lists|tmp|root\/\.cache)(\/|$)/.test(w))) return dropped('`rm` of package caches: expand leaves none');
    if (/^(mkdir|chown|chmod)$/.test(head)) {
      const wd = workdirAt(run.stage!, run);
      const args = words.slice(1).filter((w) => !w.startsWith('-'));
      const dirs = head === 'mkdir' ? args.filter((w) => !/^[0-7]{3,4}$/.test(w)) : args.slice(1);
      const image = workdirAt(ctx.trace.target);
      if (dirs.length && image && image !== '/' && dirs.every((d) => joinPath(wd ?? '/', d) === image)) return dropped(`\`${head}\` of the working directory: WORKDIR creates it, after USER, owned by the user`);
      if (role === 'single' && head === 'mkdir') return dropped('`mkdir`: builder housekeeping');
    }
    if (role === 'single' && /^(cp|mv|rm|ln|cd|chmod|chown|tar)$/.test(head)) return dropped(`\`${head}\`: builder housekeeping; expand writes its own build steps`);
    if (role === 'runtime' && /^(alpine|debian|ubuntu)$/.test(baseKind(ctx.trace.target))) return setupStep(ctx, run, cmd, words, text);
    // busybox's shell on a distroless :debug base, which expand names with SHELL before `setup`
    const base = role === 'runtime' ? runtimeImage(ctx.trace.target) : undefined;
    if (base && hasBusyboxShell(base.image, base.kind)) {
      const refused = setupRefusal(base.image, base.kind);
      return refused ? lost(`\`${text}\`: \`setup\` commands ${refused}`) : setupStep(ctx, run, cmd, words, text);
    }
  }
  void posix;
  return lost(`\`${text}\` is not something the spec can say`);
}

/** Records what every command of a RUN (except the shipped build, read elsewhere) becomes. */
export function readRun(ctx: Ctx, run: RunInstruction, role: Role): void {
  const buildCmd = ctx.trace.build?.run === run ? ctx.trace.build.cmd : ctx.buildCommand?.run === run && ctx.spec.build ? ctx.buildCommand.cmd : undefined;
  const seen = { carried: 0, dropped: [] as string[], lost: [] as string[] };
  // the image's RUN that becomes `setup` is judged with its mounts below
  const setupBefore = ctx.spec.setup?.length ?? 0;
  for (const m of role === 'runtime' ? [] : run.mounts) {
    if (m.type === 'cache') seen.dropped.push('cache mount: expand mounts the module and build caches');
    else if (m.type === 'bind' && !m.from) seen.dropped.push('bind mount of the context: expand bind-mounts it');
    else if (m.type === 'secret' || m.type === 'ssh') seen.dropped.push(`${m.type} mount: expand mounts credentials for \`private\` modules`);
    else if (m.type === 'bind' && m.from) seen.lost.push(`a mount from ${m.from}`);
  }
  const commands = run.script().commands;
  if (run.script().errors.length && !commands.length) {
    ctx.ledger.lose(run, `the shell script could not be read: ${run.script().errors[0].message}`);
    return;
  }
  for (const cmd of commands) {
    if (cmd === buildCmd || ctx.binaryBuilds.has(cmd)) continue;
    // A command substitution is judged with the command it belongs to.
    if (cmd.depth > 0 && commands.some((o) => o !== cmd && o.start < cmd.start && o.end >= cmd.end && o.depth < cmd.depth)) continue;
    const v = judge(ctx, run, cmd, role);
    if (v.outcome === 'carried') ctx.ledger.carry(run, v.fields, v.text);
    else if (v.outcome === 'dropped') seen.dropped.push(v.text);
    else seen.lost.push(v.text);
  }
  // the image's RUN becomes `setup`, which runs with no mounts: what the RUN read through one is not there
  if (role === 'runtime') {
    const setup = (ctx.spec.setup?.length ?? 0) > setupBefore;
    for (const m of run.mounts) {
      if (setup && m.type !== 'cache') seen.lost.push(`the ${m.type} mount${m.target ? ` at ${m.target}` : ''}: \`setup\` steps run without mounts`);
      else seen.dropped.push(`${m.type} mount: ${setup ? 'a cache, which leaves nothing in the image' : 'nothing convert carries from this RUN reads it'}`);
    }
  }
  for (const d of [...new Set(seen.dropped)]) ctx.ledger.drop(run, d);
  for (const l of seen.lost) ctx.ledger.lose(run, l);
  if (!ctx.ledger.has(run)) ctx.ledger.drop(run, 'does nothing convert can see');
}
