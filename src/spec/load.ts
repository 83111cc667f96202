// Loads gofile.yaml: YAML with positions, checked against the schema, then the rules a schema cannot state.
import { LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { InputError } from '../errors.js';
import type { GoMod } from '../gomod.js';
import { parseImageReference } from '../dockerfile/image.js';
import { SPEC_SCHEMA } from './jsonschema.js';
import { BASE_KEYWORDS, BUILD_FLAGS, PREBUILT_PLATFORM_ARGS, type GofileSpec } from './types.js';
import { SpecValidator } from './validate.js';
import { harmlessValue, looksSecret } from '../../rules/secrets-in-arg-or-env.js';
import { worldWritable } from '../../rules/chmod-777.js';
import { shellHealthcheckRefusal } from './healthcheck.js';
import { baseImage, DEFAULT_GO, hasBusyboxShell, isPlainOsImage, isStaticBase, ROOT_HOME, setupRefusal } from './images.js';
import { parseShell } from '../shell/parse.js';
import { classifyImage, hasNoShell, isDebugTag, SHELLS } from '../lint/helpers.js';

import { binaryName, normalizePath, resolveSpec } from './resolve.js';
import { hasBuilder } from './expand.js';

export { resolveSpec };

/** A spec is ten lines; anything near this size is a mistake or an attack. */
export const MAX_SPEC_BYTES = 64 * 1024;
/** Aliases are legitimate for sharing a list; thousands are an expansion bomb. */
export const MAX_ALIAS_COUNT = 50;

export interface LoadOptions {
  /** go.mod beside the spec; not needed to load, kept for symmetry with resolveSpec. */
  goMod?: GoMod | null;
}

// Names the expansion itself sets: a build arg or env var of the same name would silently fight it.
const RESERVED_ARGS = new Set(['TARGETOS', 'TARGETARCH', 'TARGETVARIANT', 'TARGETPLATFORM', 'BUILDPLATFORM', 'BUILDOS', 'BUILDARCH', 'BUILDVARIANT']);
export const RESERVED_ENV: Record<string, string> = {
  CGO_ENABLED: 'it comes from `cgo`', GOOS: 'it comes from `platforms`', GOARCH: 'it comes from `platforms`', GOARM: 'it comes from `platforms`',
  GOPRIVATE: 'it comes from `private`', GONOSUMDB: 'it comes from `private`', GONOPROXY: 'it comes from `private`',
  GOPATH: 'the cache mounts depend on it', GOMODCACHE: 'the cache mounts depend on it', GOCACHE: 'the cache mounts depend on it',
  GOFLAGS: 'flags come from `tags`, `ldflags` and `trimpath`', GOROOT: 'it belongs to the builder image', GOBIN: 'go build -o decides where the binary goes',
  GO111MODULE: 'gofile builds modules', GOSUMDB: 'it would weaken module verification', GOINSECURE: 'it would weaken module verification',
  GONOSUMCHECK: 'it would weaken module verification', GIT_SSH_COMMAND: 'it comes from `private.auth: ssh`', PATH: 'the builder image sets it', HOME: 'the builder image sets it',
};

// Hosts of public modules: GOPRIVATE must name a path under them, never the whole host.
const PUBLIC_HOSTS = /^(github\.com|gitlab\.com|bitbucket\.org|golang\.org|google\.golang\.org|gopkg\.in|go\.googlesource\.com|k8s\.io|sigs\.k8s\.io|go\.uber\.org|cloud\.google\.com)$/;

/** Parses and checks a spec; every error is an InputError with file, line and column. */
export function loadSpec(text: string, file: string, _opts: LoadOptions = {}): GofileSpec {
  if (Buffer.byteLength(text, 'utf8') > MAX_SPEC_BYTES) {
    throw new InputError(`the spec is ${Buffer.byteLength(text, 'utf8')} bytes; a gofile.yaml is a few lines, so anything over ${MAX_SPEC_BYTES / 1024} KiB is refused`, file);
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
  if (!Array.isArray(docs) || docs.length === 0) throw new InputError('the spec is empty: write at least `path: .`', file, 1, 1);
  if (docs.length > 1) {
    const { line, col } = lines.linePos(docs[1].range[0]);
    throw new InputError('the spec must be one YAML document; found a second one (---)', file, line, col);
  }
  const doc = docs[0];
  const bad = doc.errors[0];
  if (bad) {
    const { line, col } = lines.linePos(bad.pos[0]);
    // The parser runs out of stack on thousands of nested brackets: say what the input is, not what broke.
    const msg = /call stack/i.test(bad.message) ? 'the spec nests too deeply; a gofile.yaml is at most three levels deep' : `not valid YAML: ${bad.message.split('\n')[0]}`;
    throw new InputError(msg, file, line, col);
  }
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (/alias/i.test((e as Error).message)) {
      throw new InputError(`the spec's aliases expand too far (more than ${MAX_ALIAS_COUNT} uses, or a billion-laughs bomb); write the values out`, file, 1, 1);
    }
    throw new InputError(`not valid YAML: ${(e as Error).message.split('\n')[0]}`, file, 1, 1);
  }
  const v = new SpecValidator(doc, lines, file, text);
  if (doc.contents === null) throw v.error(null, 'the spec is empty: write at least `path: .`');
  preCheck(doc, v);
  const spec = v.check(doc.contents as Node, SPEC_SCHEMA, '', 'spec') as GofileSpec;
  semanticCheck(spec, doc, v);
  return spec;
}

const at = (doc: Document, path: (string | number)[]): Node | null => (doc.getIn(path, true) as Node | undefined) ?? null;

/** Mistakes whose schema error would be less helpful than a direct word. */
function preCheck(doc: Document, v: SpecValidator): void {
  const user = doc.getIn(['user']);
  if (user === 0 || typeof user === 'string' && /^(0|root)(:|$)/.test(user)) {
    throw v.error(at(doc, ['user']), '`user` is root; the image runs as a numeric non-root user (default 65532) so a break-out starts unprivileged');
  }
  if (typeof user === 'string' && /^[a-z_]/.test(user)) {
    throw v.error(at(doc, ['user']), `\`user\` "${user}" is a name; use a number (e.g. 65532): scratch and distroless have no /etc/passwd to look names up in, and Kubernetes runAsNonRoot needs a number`);
  }
  for (const key of ['builder', 'base']) {
    const val = doc.getIn([key]);
    if (typeof val === 'string' && val.includes('@')) {
      throw v.error(at(doc, [key]), `\`${key}\` has a digest; put it in \`${key}Digest\` (\`${key}Digest: ${val.slice(val.indexOf('@') + 1)}\`) and keep \`${key}\` to name and tag`);
    }
  }
  if (doc.getIn(['repo']) === null) doc.setIn(['repo'], '');
}

// Directories bases have (or expand makes) already: a COPY --chown into an existing directory leaves its owner as it is.
const BASE_DIRS = new RegExp([
  '^/$', '^/(bin|boot|dev|etc|home|lib|lib32|lib64|libx32|media|mnt|opt|proc|root|run|sbin|srv|sys|tmp|usr|var)$', '^/(dev|proc|sys)/',
  '^/usr/(bin|games|include|lib|lib32|lib64|libexec|libx32|local|sbin|share|src)$', '^/usr/local/(bin|etc|games|include|lib|man|sbin|share|src)$',
  '^/var/(backups|cache|empty|lib|local|lock|log|mail|opt|run|spool|tmp|www)$', '^/etc/ssl(/certs)?$', '^/home/nonroot$', '^/usr/local/go(/|$)',
].join('|'));

// Setup commands that another field says better, or that would do something else than it looks.
const SETUP_REFUSED: Record<string, string> = {
  apk: 'use `packages`, which installs without a package cache', 'apt-get': 'use `packages`, which installs without the package lists', apt: 'use `packages`',
  aptitude: 'use `packages`', dpkg: 'use `packages`', cd: 'each command runs in /; use `workdir` or absolute paths', sudo: 'setup already runs as root', su: 'setup runs as root; the image runs as `user`',
  go: 'the runtime has no Go toolchain; build in the builder',
};

/**
 * A setup entry is one shell command: words (quoted, globbed or with `$VAR` as the shell reads them) and nothing
 * that joins, nests, redirects or comments, since expand joins the entries with `&&` into one RUN. Returns the
 * command's name, or why the entry is not one command.
 */
export function setupCommand(c: string): { name: string } | string {
  const script = parseShell(c);
  if (script.errors.length) return `does not parse as a shell command: ${script.errors[0].message}`;
  const [cmd, ...more] = script.commands;
  if (!cmd || more.length || cmd.depth > 0 || cmd.start !== 0 || cmd.end !== c.length) {
    return 'is more than one plain command (`;`, `&&`, `||`, `|`, `&`, `$(…)`, backquotes, `( )`, `{ }`, `if`/`for` or a comment); write one command per entry';
  }
  if (cmd.assignments.length) return `sets ${cmd.assignments[0].name} for the command; setup commands take no variable assignments`;
  if (cmd.words.map((w) => w.raw).join(' ') !== c) return 'has a redirection or more than one space between words; write the words separated by single spaces, without `>` or `<`';
  if (c.endsWith('\\')) return 'ends in a backslash, which would join it to the next line of the RUN';
  if (!/^[A-Za-z0-9._/+-]+$/.test(cmd.words[0].raw)) return `starts with \`${cmd.words[0].raw}\`: the command name must be a plain word`;
  return { name: cmd.words[0].raw };
}

/**
 * On a base with no shell (scratch, distroless, Chainguard static; not their debug tags), the entrypoint and the
 * health check cannot run a shell, nor the health check curl or wget, unless a \`copy\` entry brings it: the
 * judgement of lint rule GF103, so an expansion never fails where the rule would say it does.
 */
function shellLessCheck(s: GofileSpec, image: string, err: (path: (string | number)[], message: string) => Error): void {
  const ref = image === 'scratch' ? null : parseImageReference(image);
  if (typeof ref === 'string') return; // reported where the base is checked
  const kind = ref === null ? 'scratch' : classifyImage(ref);
  if (!hasNoShell(kind) || (ref !== null && isDebugTag(ref.tag))) return;
  const name = (p: string) => p.replace(/\/+$/, '').split('/').pop() ?? p;
  const copied = (s.copy ?? []).flatMap((c) => [c.src, c.dest]);
  if (copied.some((p) => SHELLS.has(name(p)) || p.includes('/busybox'))) return; // it brings its own shell
  const what = s.base ?? (s.scratch ? 'scratch' : 'distroless/static');
  const prog = s.entrypoint && name(s.entrypoint[0]);
  if (prog && SHELLS.has(prog)) throw err(['entrypoint', 0], `\`entrypoint[0]\` runs ${prog}, which \`${what}\` does not have: run your binary directly`);
  const check = s.healthcheck?.cmd && name(s.healthcheck.cmd[0]);
  if (check && (SHELLS.has(check) || ((check === 'curl' || check === 'wget') && !copied.some((p) => name(p) === check)))) {
    throw err(['healthcheck', 'cmd', 0], `\`healthcheck.cmd[0]\` runs ${check}, which \`${what}\` does not have: give the binary a health subcommand, e.g. [/usr/local/bin/<name>, healthcheck]`);
  }
}

// Go settings the build command must not set: the same ones buildEnv cannot.
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** `build`: a command that cannot be read as go build, variables it may use, and the fields it makes meaningless. */
/** `binaries`: each a package directory of its own name, so no two land on one /usr/local/bin path. */
function binariesCheck(s: GofileSpec, err: (path: (string | number)[], msg: string) => InputError): void {
  const main = s.name ?? (s.prebuilt !== undefined ? binaryName(s.prebuilt) : normalizePath(s.path) === '.' ? undefined : binaryName(s.path));
  // a file copied onto a binary's path would replace the program the image was built to run
  const installed = new Set([main, ...(s.binaries ?? []).map(binaryName)].filter(Boolean).map((n) => `/usr/local/bin/${n}`));
  s.copy?.forEach((c, i) => {
    const dest = c.dest.endsWith('/') ? `${c.dest}${binaryName(c.src)}` : c.dest;
    if (installed.has(dest.replace(/\/+/g, '/'))) throw err(['copy', i, 'dest'], `\`copy[${i}].dest\` ${c.dest} would replace the binary installed as ${dest}; copy it elsewhere, or leave the binary to the spec`);
  });
  const seen = new Map<string, number>();
  s.binaries?.forEach((b, i) => {
    const n = binaryName(b);
    if (n === main) throw err(['binaries', i], `\`binaries[${i}]\` ${b} would be installed as /usr/local/bin/${n}, the name of the main binary; give it \`name\` of its own or build another package`);
    if (seen.has(n)) throw err(['binaries', i], `\`binaries[${i}]\` ${b} and \`binaries[${seen.get(n)}]\` are both named ${n}: each is installed as /usr/local/bin/<last element>`);
    seen.set(n, i);
  });
}

function buildCheck(s: GofileSpec, b: NonNullable<GofileSpec['build']>, err: (path: (string | number)[], msg: string) => InputError): void {
  if (s.path.replace(/\/+$/, '') !== '.' && s.path !== './') throw err(['path'], '`path` is not used with `build.command`, which decides what it builds; write `path: .`');
  for (const key of ['tags', 'ldflags', 'buildFlags', 'strip', 'trimpath'] as const) {
    if (s[key] !== undefined) throw err([key], `\`${key}\` is for go build; with \`build.command\` the project's build sets its own flags (put them in the Makefile or script)`);
  }
  if (s.binaries !== undefined) throw err(['binaries'], '`binaries` are built with go build; with `build.command` the project\'s build writes one binary, `build.output`');
  const words = b.command.split(' ');
  const assigned = words.findIndex((w) => !ASSIGNMENT.test(w));
  if (assigned < 0) throw err(['build', 'command'], '`build.command` only sets variables; name the command to run, e.g. `make build`');
  for (const w of words.slice(0, assigned)) {
    const name = ASSIGNMENT.exec(w)![1];
    if (RESERVED_ENV[name] || RESERVED_ARGS.has(name)) throw err(['build', 'command'], `\`build.command\` cannot set ${name}: ${RESERVED_ENV[name] ?? 'BuildKit sets it for each platform'}`);
  }
  const [cmd, sub] = words.slice(assigned);
  if (cmd === 'go' && /^(build|install)$/.test(sub ?? '')) throw err(['build', 'command'], `\`build.command\` is \`go ${sub}\`: leave \`build\` out and use \`path\`, \`tags\` and \`ldflags\`, which expand turns into that go build`);
  for (const m of b.command.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
    if (!(m[1] in (s.buildArgs ?? {})) && m[1] !== 'TARGETOS' && m[1] !== 'TARGETARCH') {
      throw err(['build', 'command'], `\`build.command\` uses \${${m[1]}}, which is not in \`buildArgs\` (or TARGETOS/TARGETARCH); add \`buildArgs: {${m[1]}: <default>}\``);
    }
  }
}

// Go build fields: a prebuilt binary was built elsewhere, so they would change nothing.
const GO_BUILD_FIELDS = ['repo', 'moduleDir', 'binaries', 'cgo', 'build', 'initModule', 'tags', 'ldflags', 'buildFlags', 'strip', 'trimpath', 'buildEnv', 'buildPackages', 'private'] as const;

/** `prebuilt`: no go build fields beside it, `path: .`, variables it names declared, a name for the binary, and build args only for it. */
function prebuiltCheck(s: GofileSpec, p: string, err: (path: (string | number)[], msg: string) => InputError): void {
  if (s.path.replace(/\/+$/, '') !== '.' && s.path !== './') throw err(['path'], '`path` is not used with `prebuilt`, which copies a binary built elsewhere; write `path: .`');
  for (const key of GO_BUILD_FIELDS) {
    if (s[key] !== undefined) throw err([key], `\`${key}\` is for building the binary; with \`prebuilt\` it was built outside the Dockerfile (set it where it is built)`);
  }
  const used = new Set([...p.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]));
  for (const v of used) {
    if (!(PREBUILT_PLATFORM_ARGS as readonly string[]).includes(v) && !(v in (s.buildArgs ?? {}))) {
      throw err(['prebuilt'], `\`prebuilt\` uses \${${v}}, which is not in \`buildArgs\` (or ${PREBUILT_PLATFORM_ARGS.join(', ')}); add \`buildArgs: {${v}: <default>}\``);
    }
  }
  const inCopy = new Set((s.copy ?? []).flatMap((c) => [...c.src.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1])));
  for (const k of Object.keys(s.buildArgs ?? {})) {
    if (!used.has(k) && !inCopy.has(k)) throw err(['buildArgs', k], `build arg ${k} is not used: with \`prebuilt\`, build args only pick files from the context (\`\${${k}}\` in \`prebuilt\` or a \`copy\` src)`);
  }
  // the builder image only supplies what scratch (or another image) lacks; without that there is no builder to name or pin
  const r = resolveSpec(s);
  for (const key of ['go', 'builder', 'builderDigest'] as const) {
    if (s[key] !== undefined && !hasBuilder(r)) throw err([key], `\`${key}\` has no effect: with \`prebuilt\` on ${r.base}, no builder stage is needed (it only supplies certs, zoneinfo or /tmp to scratch or another image)`);
  }
  if (s.name === undefined && p.split('/').pop()!.includes('$')) {
    throw err(['prebuilt'], '`prebuilt` names its file with a variable; give the binary a `name` (it is installed as /usr/local/bin/<name>)');
  }
}

// go build flags another field sets, or that leave the binary as it is: refused in `buildFlags` with the reason.
const FLAG_REFUSED: Record<string, string> = {
  o: 'expand names the output after `name`', tags: 'use `tags`', ldflags: 'use `ldflags` (and `strip`)', trimpath: 'use `trimpath`', buildvcs: 'expand decides VCS stamping',
  mod: 'expand uses vendor/ when it is present, else the modules go.mod requires', modfile: 'expand builds with the module\'s go.mod', overlay: 'it reads files outside the build',
  toolexec: 'it runs another program around the compiler', exec: 'go build runs nothing', C: 'expand builds in the module root', linkshared: 'the image has no shared Go libraries to link against',
  compiler: 'expand builds with gc', gccgoflags: 'expand builds with gc', installsuffix: 'obsolete', pkgdir: 'expand uses the build cache',
  v: 'it changes nothing in the binary', x: 'it changes nothing in the binary', n: 'it builds nothing', a: 'it changes nothing in the binary', p: 'it changes nothing in the binary',
  work: 'it changes nothing in the binary', modcacherw: 'expand uses a cache mount', i: 'obsolete', json: 'it changes nothing in the binary',
};
const BUILD_MODES = ['default', 'exe', 'pie', 'c-shared', 'c-archive', 'shared', 'plugin', 'archive'];

/** `buildFlags`: each a go build flag no other field sets, once, with a value only where the flag takes one; the race detector and C build modes with cgo. */
function buildFlagsCheck(s: GofileSpec, err: (path: (string | number)[], msg: string) => InputError): void {
  const seen = new Set<string>();
  (s.buildFlags ?? []).forEach((f, i) => {
    const eq = f.indexOf('=');
    const name = f.slice(1, eq < 0 ? undefined : eq);
    const value = eq < 0 ? undefined : f.slice(eq + 1);
    const at = ['buildFlags', i];
    if (FLAG_REFUSED[name]) throw err(at, `\`buildFlags[${i}]\` ${f}: ${FLAG_REFUSED[name]}`);
    const kind = BUILD_FLAGS[name];
    if (!kind) throw err(at, `\`buildFlags[${i}]\` ${f} is not a go build flag \`buildFlags\` takes (${Object.keys(BUILD_FLAGS).map((k) => `-${k}`).join(', ')})`);
    if (seen.has(name)) throw err(at, `\`buildFlags[${i}]\` sets -${name} a second time; keep one`);
    seen.add(name);
    if (kind === 'bool' && value !== undefined) throw err(at, `\`buildFlags[${i}]\` -${name} takes no value; write \`-${name}\` or leave it out`);
    if (kind === 'value' && value === undefined) throw err(at, `\`buildFlags[${i}]\` -${name} needs a value, e.g. \`-${name}=…\``);
    if (name === 'buildmode' && !BUILD_MODES.includes(value!)) throw err(at, `\`buildFlags[${i}]\` -buildmode=${value} is not a build mode (${BUILD_MODES.join(', ')})`);
    if (name === 'pgo' && value === 'auto') throw err(at, `\`buildFlags[${i}]\` -pgo=auto is the default; leave it out`);
    if (name === 'buildmode' && value === 'default' || name === 'buildmode' && value === 'exe') throw err(at, `\`buildFlags[${i}]\` -buildmode=${value} is what go build does anyway; leave it out`);
    const needsCgo = ['race', 'msan', 'asan'].includes(name) || name === 'buildmode' && ['c-shared', 'c-archive', 'shared', 'plugin'].includes(value!);
    if (needsCgo && !s.cgo) throw err(at, `\`buildFlags[${i}]\` ${f} needs cgo; add \`cgo: true\``);
  });
}

/**
 * `$NAME` in an env value must name something set when the ENV runs: PATH, an earlier `env` entry, what expand
 * sets (ZONEINFO), or the base image's own variable. Bases whose environment is known (scratch, distroless,
 * alpine, debian) are held to it; any other image may set anything.
 */
function envRefs(s: GofileSpec, err: (path: (string | number)[], msg: string) => InputError): void {
  const { image, kind } = baseImage(s.base ?? (s.scratch ? 'scratch' : 'distroless/static'), s.go ?? DEFAULT_GO);
  // node:20-alpine is alpine for packages but sets its own variables: held to the rule only on the OS images themselves
  const known = kind === 'scratch' || kind === 'distroless' || (kind === 'alpine' || kind === 'debian') && isPlainOsImage(image);
  const set = new Set(['PATH', ...(kind === 'distroless' ? ['SSL_CERT_FILE'] : [])]);
  if (kind === 'scratch' || kind === 'image') set.add('ZONEINFO'); // expand sets it before `env` when tzdata is on
  for (const [k, v] of Object.entries(s.env ?? {})) {
    for (const m of String(v).matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g)) {
      if (known && !set.has(m[1])) {
        throw err(['env', k], `\`env.${k}\` uses $${m[1]}, which nothing sets at that point (not ${image}, not an earlier \`env\` entry), so it would be empty`);
      }
    }
    set.add(k);
  }
}

function semanticCheck(s: GofileSpec, doc: Document, v: SpecValidator): void {
  const err = (path: (string | number)[], msg: string) => v.error(at(doc, path), msg);
  if (s.repo && /^https:\/\/[^/]*@/.test(s.repo)) throw err(['repo'], '`repo` has credentials in its URL, which would end up in the image history; use `private` with a netrc secret or ssh');
  if (s.ref !== undefined && !s.repo) throw err(['ref'], '`ref` needs `repo`: a local build context has no ref to check out');
  if (s.scratch && s.base !== undefined && s.base !== 'scratch') throw err(['base'], `\`scratch: true\` and \`base: ${s.base}\` disagree; keep one`);
  const args = s.buildArgs ?? {};
  // a secret in an ARG or ENV stays in the image and its history (lint rule secrets-in-arg-or-env): refused, not expanded
  const secrets: [string, Record<string, string> | undefined, 'ARG' | 'ENV'][] = [['buildArgs', s.buildArgs, 'ARG'], ['buildEnv', s.buildEnv, 'ENV'], ['env', s.env, 'ENV']];
  for (const [field, map, keyword] of secrets) {
    for (const [name, value] of Object.entries(map ?? {})) {
      if (looksSecret(name) && !harmlessValue(String(value), keyword)) {
        throw err([field, name], `\`${field}.${name}\` looks like a secret, which ${keyword === 'ARG' ? 'a build arg' : 'ENV'} leaves in the image and its history; private modules take \`private\` (a secret or ssh mount), and the program should read its secrets at run time`);
      }
    }
  }
  for (const name of Object.keys(args)) {
    if (RESERVED_ARGS.has(name)) throw err(['buildArgs', name], `build arg ${name} is set by BuildKit for each platform; pick another name`);
    // An ARG is in the environment of every RUN after it, the go build's too.
    if (RESERVED_ENV[name]) throw err(['buildArgs', name], `build arg ${name} would be in the go build's environment, which gofile sets itself: ${RESERVED_ENV[name]}`);
  }
  const refs = (val: string, path: (string | number)[]) => {
    for (const m of val.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      if (!(m[1] in args)) throw err(path, `\`${typeof path[1] === 'number' ? `${path[0]}[${path[1]}]` : path.join('.')}\` uses \${${m[1]}}, which is not in \`buildArgs\`; add \`buildArgs: {${m[1]}: <default>}\``);
    }
  };
  (s.ldflags ?? []).forEach((f, i) => refs(f, ['ldflags', i]));
  for (const [k, val] of Object.entries(s.buildEnv ?? {})) {
    if (RESERVED_ENV[k]) throw err(['buildEnv', k], `\`buildEnv\` cannot set ${k}: ${RESERVED_ENV[k]}`);
    if (k in args) throw err(['buildEnv', k], `\`buildEnv.${k}\` would shadow the build arg of the same name; use \`\${${k}}\` in another variable or drop one`);
    refs(val, ['buildEnv', k]);
  }
  for (const key of ['builder', 'base'] as const) {
    const val = s[key];
    if (val === undefined || key === 'base' && (BASE_KEYWORDS as readonly string[]).includes(val)) continue;
    const ref = parseImageReference(val);
    if (typeof ref === 'string') throw err([key], `\`${key}\` "${val}": ${ref}`);
    const digest = key === 'builder' ? s.builderDigest : s.baseDigest;
    if (!ref.tag || ref.tag === 'latest') {
      if (!digest) throw err([key], `\`${key}\` "${val}" ${ref.tag ? 'floats with :latest' : 'has no tag'}; name a version (e.g. ${ref.name}:1.2) or pin \`${key}Digest\``);
    }
  }
  if (s.baseDigest && (s.scratch || s.base === 'scratch')) {
    throw err(['baseDigest'], '`baseDigest` on scratch: scratch is no image, and `FROM scratch@sha256:…` would make BuildKit pull one; remove `baseDigest`');
  }
  if (s.build) buildCheck(s, s.build, err);
  if (s.initModule !== undefined) {
    // no go.mod to download from: nothing but the standard library, and the build is go build
    for (const key of ['repo', 'moduleDir', 'private', 'build'] as const) {
      if (s[key] !== undefined) throw err([key], `\`${key}\` and \`initModule\` do not go together: \`initModule\` is for a build context without go.mod, whose code imports only the standard library`);
    }
  }
  buildFlagsCheck(s, err);
  binariesCheck(s, err);
  if (s.prebuilt !== undefined) prebuiltCheck(s, s.prebuilt, err);
  if (s.base?.startsWith('chainguard/') && !s.baseDigest) {
    throw err(['base'], `\`base: ${s.base}\`: Chainguard's free images publish only :latest, so pin it with \`baseDigest: sha256:…\` (docker buildx imagetools inspect cgr.dev/${s.base})`);
  }
  if (s.cgo && s.builder) {
    const { image, kind } = baseImage(s.base ?? (s.scratch ? 'scratch' : 'distroless/static'), s.go ?? DEFAULT_GO);
    const musl = /alpine/.test(s.builder);
    if (!isStaticBase(image, kind) && musl !== (kind === 'alpine')) {
      throw err(['builder'], `\`builder\` ${s.builder} links cgo against ${musl ? 'musl' : 'glibc'}, but the base ${image} has ${musl ? 'glibc' : 'musl'}: the binary would not start; use a${musl ? ' Debian' : 'n alpine'} golang image or leave \`builder\` out`);
    }
  }
  // alpine, debian and ubuntu by repository, however the reference is written (docker.io/library/alpine:3.20)
  const runtime = baseImage(s.base ?? (s.scratch ? 'scratch' : 'distroless/static'), s.go ?? DEFAULT_GO);
  const hasPm = runtime.kind === 'alpine' || runtime.kind === 'debian';
  if (s.packages?.length && !hasPm) {
    throw err(['packages'], `\`packages\` need a base with a package manager (alpine or debian-slim); \`${s.base ?? (s.scratch ? 'scratch' : 'distroless/static')}\` has none`);
  }
  s.private?.modules.forEach((m, i) => {
    const [host, ...rest] = m.split('/');
    if (PUBLIC_HOSTS.test(host) && (rest.length === 0 || rest.length === 1 && /[*?]/.test(rest[0]))) {
      throw err(['private', 'modules', i], `\`private.modules[${i}]\` "${m}" covers every public module on ${host}, which would skip their checksum verification; name your organisation, e.g. ${host}/acme/*`);
    }
  });
  if (s.private?.auth === 'ssh') {
    s.private.modules.forEach((m, i) => {
      if (/[*?]/.test(m.split('/')[0])) throw err(['private', 'modules', i], `\`private.modules[${i}]\` "${m}": ssh auth rewrites https://<host>/ to ssh, so the host part cannot be a pattern`);
    });
    if (s.private.secret !== undefined) throw err(['private', 'secret'], '`private.secret` is for netrc auth; ssh auth uses the forwarded agent');
  }
  const noSetup = s.setup?.length ? setupRefusal(runtime.image, runtime.kind) : undefined;
  if (noSetup) throw err(['setup'], `\`setup\` commands ${noSetup}`);
  s.setup?.forEach((c, i) => {
    const head = setupCommand(c);
    if (typeof head !== 'object') throw err(['setup', i], `\`setup[${i}]\` ${head}`);
    const why = SETUP_REFUSED[head.name.replace(/^.*\//, '')];
    if (why) throw err(['setup', i], `\`setup[${i}]\` runs ${head.name}: ${why}`);
    // a file every user may write lets any process in the container replace it (lint rule chmod-777)
    const mode = head.name.replace(/^.*\//, '') === 'chmod' ? c.split(' ').slice(1).find((w) => !w.startsWith('-')) : undefined;
    if (mode && worldWritable(mode)) throw err(['setup', i], `\`setup[${i}]\` chmod ${mode} makes the files writable by every user: use 755/644, and chown what \`user\` must write to it (or use \`dirs\`)`);
    if (head.name.replace(/^.*\//, '') === 'update-ca-certificates' && hasBusyboxShell(runtime.image, runtime.kind)) {
      throw err(['setup', i], `\`setup[${i}]\` runs update-ca-certificates, which busybox does not have; distroless ships its CA bundle`);
    }
  });
  s.copy?.forEach((c, i) => {
    for (const m of c.src.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) {
      if (c.from !== undefined) throw err(['copy', i, 'src'], `\`copy[${i}].src\` uses \${${m[1]}}: a path in another image is fixed`);
      if (s.repo) throw err(['copy', i, 'src'], `\`copy[${i}].src\` uses \${${m[1]}}: a path in the cloned repo is fixed`);
      const platform = (PREBUILT_PLATFORM_ARGS as readonly string[]).includes(m[1]);
      if (!platform && !(s.prebuilt !== undefined && m[1] in (s.buildArgs ?? {}))) {
        throw err(['copy', i, 'src'], `\`copy[${i}].src\` uses \${${m[1]}}; a context path may name ${PREBUILT_PLATFORM_ARGS.join(', ')}${s.prebuilt !== undefined ? ' or a `buildArgs` entry' : ' (and, with `prebuilt`, its build args)'}`);
      }
    }
    // the whole context goes into a directory of its own: in / it would mix with the base's /etc, /usr…
    if (/^\.\/?$/.test(c.src) && c.from === undefined) {
      if (c.dest === '/') throw err(['copy', i, 'dest'], `\`copy[${i}].dest\` is /: the whole build context there would mix with the base's own directories (/etc, /usr…); copy it into a directory of its own, e.g. /app/`);
      if (!c.dest.endsWith('/')) throw err(['copy', i, 'dest'], `\`copy[${i}].dest\` "${c.dest}" must end in / : \`copy[${i}].src\` is the whole build context, which goes into a directory`);
    }
    // a file every user may write lets any process in the container replace it (lint rule chmod-777)
    if (c.mode !== undefined && (parseInt(c.mode, 8) & 0o002)) {
      throw err(['copy', i, 'mode'], `\`copy[${i}].mode\` ${c.mode} makes the files writable by every user: use 755 for programs and scripts, 644 for files`);
    }
    // a pattern may match several files, which COPY puts only into a directory
    if (/[*?]/.test(c.src) && !c.dest.endsWith('/')) throw err(['copy', i, 'dest'], `\`copy[${i}].dest\` "${c.dest}" must end in / : \`copy[${i}].src\` is a pattern that may match several files`);
    if (c.from === undefined) {
      if (c.src.startsWith('/')) throw err(['copy', i, 'src'], `\`copy[${i}].src\` is an absolute path; it must be relative to the build context (or name the image it is in with \`copy[${i}].from\`)`);
      return;
    }
    if (!c.src.startsWith('/')) throw err(['copy', i, 'src'], `\`copy[${i}].src\` "${c.src}" must be an absolute path in the image \`copy[${i}].from\` names`);
    const ref = parseImageReference(c.from);
    if (typeof ref === 'string') throw err(['copy', i, 'from'], `\`copy[${i}].from\` "${c.from}": ${ref}`);
    if ((!ref.tag || ref.tag === 'latest') && !ref.digest) {
      throw err(['copy', i, 'from'], `\`copy[${i}].from\` "${c.from}" ${ref.tag ? 'floats with :latest' : 'has no tag'}; name a version (e.g. ${ref.name}:1.2) or add a digest (@sha256:…)`);
    }
  });
  // root's home is mode 700 on alpine, debian and distroless: a non-root user cannot make it (or below it) its cwd
  if (s.workdir && ROOT_HOME.test(s.workdir) && !(s.scratch || s.base === 'scratch')) {
    throw err(['workdir'], `\`workdir\` ${s.workdir} is in /root, root's home, which only root may enter (mode 700); the image runs as \`user\`, so the container would not start. Use a directory of the program's own, e.g. /app`);
  }
  const dirs = new Set<string>();
  s.dirs?.forEach((d, i) => {
    const dir = d.replace(/(.)\/+$/, '$1');
    if (BASE_DIRS.test(dir)) throw err(['dirs', i], `\`dirs[${i}]\` ${dir} is a directory the base image (or expand) has already, whose owner a copy into it would not change; name one of the program's own, e.g. /data or /var/lib/<name>`);
    if (dirs.has(dir)) throw err(['dirs', i], `\`dirs[${i}]\` ${dir} is listed twice`);
    dirs.add(dir);
  });
  envRefs(s, err);
  if (s.env && 'ZONEINFO' in s.env) throw err(['env', 'ZONEINFO'], '`env` cannot set ZONEINFO: `tzdata: true` provides the zone database and sets it where the base needs it');
  if (s.entrypoint && !s.entrypoint[0].includes('/')) {
    throw err(['entrypoint', 0], `\`entrypoint[0]\` "${s.entrypoint[0]}" must be a path, absolute or relative to \`workdir\` (e.g. ./${s.entrypoint[0]}): a bare name is looked up on PATH, which scratch and distroless barely have`);
  }
  if (s.entrypoint && /(^|\/)\.\.(\/|$)/.test(s.entrypoint[0])) throw err(['entrypoint', 0], '`entrypoint[0]` uses `..`; write the path from `workdir` without it, or an absolute one');
  if (s.healthcheck?.cmd && !s.healthcheck.cmd[0].startsWith('/')) throw err(['healthcheck', 'cmd', 0], '`healthcheck.cmd[0]` must be an absolute path, e.g. /usr/local/bin/<name>');
  const shellCheck = s.healthcheck?.shell !== undefined && shellHealthcheckRefusal(s.healthcheck.shell, s, runtime, s.base ?? (s.scratch ? 'scratch' : 'distroless/static'));
  if (shellCheck) throw err(['healthcheck', 'shell'], `\`healthcheck.shell\` ${shellCheck}`);
  shellLessCheck(s, baseImage(s.base ?? (s.scratch ? 'scratch' : 'distroless/static'), s.go ?? DEFAULT_GO).image, err);
  const ports = new Set<string>();
  (s.ports ?? []).forEach((p, i) => {
    const n = Number(String(p).split('/')[0]);
    if (n > 65535) throw err(['ports', i], `\`ports[${i}]\` ${n} is not a port (1-65535)`);
    const key = String(p).includes('/') ? String(p) : `${p}/tcp`;
    if (ports.has(key)) throw err(['ports', i], `\`ports[${i}]\` ${p} is listed twice`);
    ports.add(key);
  });
}
