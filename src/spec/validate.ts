// Checks a YAML node tree against the spec's JSON Schema, keeping each node's position for the error.
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import { InputError } from '../errors.js';
import type { SchemaNode } from './jsonschema.js';
import { didYouMean } from './suggest.js';

/** Where the value of a field lands in the Dockerfile, which decides which characters would break it. */
type Context = 'shell' | 'json' | 'dockerfile' | 'env' | 'relpath' | 'abspath' | 'word' | 'cmdline';

// Field paths use `[]` for list items and `{}` for map values, e.g. `copy[].src`, `env{}`.
const FIELDS: Record<string, { ctx: Context; what: string }> = {
  repo: { ctx: 'shell', what: 'a git URL (https://, ssh:// or git@host:path)' },
  ref: { ctx: 'shell', what: 'a git branch, tag or commit' },
  path: { ctx: 'relpath', what: 'a package path such as `.` or `./cmd/server`' },
  moduleDir: { ctx: 'relpath', what: 'a directory of the build context such as `services/api`' },
  'binaries[]': { ctx: 'relpath', what: 'a package directory such as `./cmd/migrate`' },
  go: { ctx: 'word', what: 'a Go version such as `1.23` or `1.23.4`' },
  name: { ctx: 'shell', what: 'a file name (letters, digits, `.`, `_`, `+`, `-`)' },
  'tags[]': { ctx: 'shell', what: 'a build tag (letters, digits, `_`, `.`)' },
  'ldflags[]': { ctx: 'shell', what: 'a linker flag starting with `-`; `${NAME}` may name a build arg' },
  'buildFlags[]': { ctx: 'word', what: 'a go build flag such as `-race` or `-buildmode=pie` (a value may have single spaces, no quotes or `$`)' },
  'buildArgs{}': { ctx: 'shell', what: 'a word without spaces or quotes' },
  'buildEnv{}': { ctx: 'shell', what: 'a word without spaces or quotes; `${NAME}` may name a build arg' },
  'buildPackages[]': { ctx: 'shell', what: 'a package name, optionally `=version`' },
  'packages[]': { ctx: 'shell', what: 'a package name, optionally `=version`' },
  'private.modules[]': { ctx: 'word', what: 'a GOPRIVATE pattern under a host name, such as `github.com/acme/*` (no wildcard in the host)' },
  'private.secret': { ctx: 'word', what: 'a secret id (letters, digits, `.`, `_`, `-`)' },
  builder: { ctx: 'word', what: 'an image reference such as `golang:1.23-alpine`' },
  builderDigest: { ctx: 'word', what: 'a digest `sha256:` followed by 64 hex digits' },
  base: { ctx: 'word', what: 'a base keyword or an image reference such as `alpine:3.20`' },
  baseDigest: { ctx: 'word', what: 'a digest `sha256:` followed by 64 hex digits' },
  user: { ctx: 'word', what: 'a numeric non-root `uid` or `uid:gid`' },
  workdir: { ctx: 'abspath', what: 'an absolute path' },
  'build.command': { ctx: 'shell', what: 'one command of plain words, e.g. `make build`; `${NAME}` may name a build arg' },
  'build.output': { ctx: 'relpath', what: 'a file path relative to the module root, e.g. `bin/app`' },
  initModule: { ctx: 'word', what: 'a module path such as `hello-app` or `example.com/hello`' },
  prebuilt: { ctx: 'relpath', what: 'a file path in the build context, e.g. `dist/app-linux-${TARGETARCH}`' },
  'setup[]': { ctx: 'shell', what: 'one shell command, e.g. `mkdir -p /data`' },
  'volumes[]': { ctx: 'abspath', what: 'an absolute path' },
  'dirs[]': { ctx: 'abspath', what: 'an absolute path' },
  stopSignal: { ctx: 'word', what: 'a signal such as `SIGINT`, `SIGRTMIN+3` or `15`' },
  'env{}': { ctx: 'env', what: 'text without quotes or backslashes; `$NAME` or `${NAME}` for a variable' },
  'labels{}': { ctx: 'dockerfile', what: 'text without quotes, backslashes or `$`' },
  'ports[]': { ctx: 'word', what: 'a port such as `8080` or `53/udp`' },
  'entrypoint[]': { ctx: 'json', what: 'an argument without quotes or backslashes' },
  'args[]': { ctx: 'json', what: 'an argument without quotes or backslashes' },
  'healthcheck.cmd[]': { ctx: 'json', what: 'an argument without quotes or backslashes' },
  'healthcheck.shell': { ctx: 'cmdline', what: 'one shell command line, e.g. `wget -qO- http://localhost:8080/healthz || exit 1`' },
  'healthcheck.interval': { ctx: 'word', what: 'a duration such as `30s` or `1m30s`' },
  'healthcheck.timeout': { ctx: 'word', what: 'a duration such as `30s` or `1m30s`' },
  'healthcheck.startPeriod': { ctx: 'word', what: 'a duration such as `30s` or `1m30s`' },
  'copy[].src': { ctx: 'relpath', what: 'a relative path in the build context (absolute with `from`)' },
  'copy[].from': { ctx: 'word', what: 'an image reference with a tag, such as `busybox:1.36`' },
  'copy[].dest': { ctx: 'abspath', what: 'an absolute path in the image' },
  'copy[].mode': { ctx: 'word', what: 'an octal file mode such as `755` or `0644` (no setuid, setgid or sticky bit)' },
};

/** Why a string that fails its pattern would break or inject into the Dockerfile, when there is a specific reason. */
function diagnose(value: string, ctx: Context): string | undefined {
  if (/[\r\n]/.test(value)) return 'contains a line break, which would end the Dockerfile instruction early';
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'contains a control character';
  if ((ctx === 'relpath' || ctx === 'abspath') && /(^|\/)\.\.(\/|$)/.test(value)) return ctx === 'relpath' ? 'uses `..`, which would escape the build context' : 'uses `..`; write the path without it';
  if (ctx === 'relpath' && value.includes('...')) return 'is a `...` package pattern; name one main package, e.g. ./cmd/server';
  if (ctx === 'relpath' && value.startsWith('/')) return 'is an absolute path; it must be relative to the build context';
  if (ctx === 'abspath' && !value.startsWith('/')) return 'must be an absolute path (starting with /)';
  // a HEALTHCHECK line as written: nothing the Dockerfile parser would trim, join or read as a heredoc
  if (ctx === 'cmdline') {
    if (value.includes('<<')) return 'has a heredoc or here-string (`<<`), whose body would need lines of its own; refused';
    if (value.endsWith('\\')) return 'ends in a backslash, which would join the next Dockerfile line to the HEALTHCHECK';
    if (/^\s|\s$/.test(value)) return 'starts or ends with a space, which the Dockerfile would trim';
    const wide = /[^\x20-\x7e]/u.exec(value);
    if (wide) return `contains \`${wide[0]}\`, outside printable ASCII; refused rather than escaped`;
  }
  if (ctx === 'json' && /["\\]/.test(value)) return `contains \`${/["\\]/.exec(value)![0]}\`, which would need escaping inside the exec-form JSON array; refused rather than quoted`;
  if (ctx === 'env') {
    const bare = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}|\$[A-Za-z_][A-Za-z0-9_]*/g, '');
    if (bare.includes('$')) return 'uses `$` other than `$NAME` or `${NAME}` (no command substitution, defaults or `$$`); refused rather than escaped';
    const ch = /["\\]/.exec(bare)?.[0];
    if (ch) return `contains \`${ch}\`, which would need escaping in the Dockerfile; refused rather than quoted`;
  }
  if (ctx === 'dockerfile' && /["\\$]/.test(value)) {
    const ch = /["\\$]/.exec(value)![0];
    return ch === '$' ? 'contains `$`, which the Dockerfile would expand as a variable; refused rather than escaped' : `contains \`${ch}\`, which would need escaping in the Dockerfile; refused rather than quoted`;
  }
  if (ctx === 'shell' || ctx === 'relpath' || ctx === 'abspath') {
    const bare = value.replace(/\$\{[A-Za-z_][A-Za-z0-9_]*\}/g, '');
    const m = /[;&|<>()`$\\"'*?!#~{}[\]]/.exec(bare);
    // paths go into COPY and RUN lines, the rest into RUN lines only
    if (m) return `contains \`${m[0]}\`, a shell metacharacter: in the ${ctx === 'shell' ? 'RUN line' : 'COPY and RUN lines'} it would change what they do (a glob, a quote or a variable); refused rather than quoted`;
    if (/\s/.test(bare)) return 'contains whitespace, which would split it into two shell words';
  }
  return undefined;
}

const typeName = (v: unknown): string =>
  v === null ? 'nothing (null)' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a mapping' : typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : 'a string';

const wanted: Record<string, string> = { 'string,number': 'a string', string: 'a string', boolean: 'true or false', integer: 'a whole number', array: 'a list', object: 'a mapping' };

function sameType(t: SchemaNode['type'], v: unknown): boolean {
  if (t === 'integer') return typeof v === 'number';
  if (t === 'array') return Array.isArray(v);
  if (t === 'object') return typeof v === 'object' && v !== null && !Array.isArray(v);
  return t !== undefined && typeof v === t;
}

export class SpecValidator {
  constructor(private readonly doc: Document, private readonly lines: LineCounter, private readonly file: string, private readonly text: string) {}

  /** An InputError at the start of a node (or the document start). */
  error(node: Node | null | undefined, message: string): InputError {
    const off = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(off);
    return new InputError(message, this.file, line, col);
  }

  private resolve(node: Node | null): Node | null {
    // Aliases are followed (the alias-count limit was checked on the whole document first).
    for (let guard = 0; node && isAlias(node) && guard < 100; guard++) node = node.resolve(this.doc) ?? null;
    return node;
  }

  /** Returns the plain value of a node that satisfies the schema, or throws an InputError at the offending node. */
  check(raw: Node | null, schema: SchemaNode, field: string, label: string): unknown {
    const node = this.resolve(raw);
    if (schema.anyOf) return this.checkAnyOf(node, schema, field, label);
    if (schema.type === 'object') return this.checkMap(node, schema, field, label);
    if (schema.type === 'array') {
      if (!isSeq(node)) throw this.error(node ?? raw, `\`${label}\` must be a list, got ${typeName(this.plain(node))}`);
      if (schema.minItems && node.items.length < schema.minItems) throw this.error(node, `\`${label}\` must have at least ${schema.minItems} item${schema.minItems > 1 ? 's' : ''}`);
      return node.items.map((it, i) => this.check(it as Node, schema.items!, `${field}[]`, `${label}[${i}]`));
    }
    return this.checkScalar(node, raw, schema, field, label);
  }

  private plain(node: Node | null): unknown {
    if (!node) return null;
    if (isScalar(node)) return node.value;
    if (isSeq(node)) return [];
    if (isMap(node)) return {};
    return null;
  }

  private checkMap(node: Node | null, schema: SchemaNode, field: string, label: string): Record<string, unknown> {
    if (!isMap(node)) throw this.error(node, `\`${label}\` must be a mapping of keys, got ${typeName(this.plain(node))}`);
    const out: Record<string, unknown> = {};
    const known = Object.keys(schema.properties ?? {});
    const keys = new Map<string, Node | null>();
    for (const pair of node.items) {
      const keyNode = this.resolve(pair.key as Node | null);
      const key = isScalar(keyNode) ? keyNode.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') throw this.error(keyNode, `keys in \`${label}\` must be plain words`);
      const k = String(key);
      keys.set(k, keyNode);
      const sub = field ? `${field}.${k}` : k;
      const subLabel = label === 'spec' ? k : `${label}.${k}`;
      const prop = schema.properties?.[k];
      if (prop) {
        out[k] = this.check(pair.value as Node | null, prop, sub, subLabel);
        continue;
      }
      if (typeof schema.additionalProperties === 'object') {
        if (schema.propertyNames && !new RegExp(schema.propertyNames.pattern).test(k)) {
          const chars = field === 'labels' ? 'dots, slashes and dashes for labels' : field === 'env' ? 'dots and dashes for env; not starting with a digit, dot or dash' : 'not starting with a digit';
          throw this.error(keyNode, `\`${label}\` key "${k}" is not a valid name (letters, digits and _; ${chars})`);
        }
        out[k] = this.check(pair.value as Node | null, schema.additionalProperties, `${field}{}`, `${label}.${k}`);
        continue;
      }
      const guess = didYouMean(k, known);
      const where = label === 'spec' ? 'key' : `key in \`${label}\``;
      throw this.error(keyNode, `unknown ${where} "${k}"${guess ? `; did you mean "${guess}"?` : `; known keys: ${known.join(', ')}`}`);
    }
    for (const r of schema.required ?? []) {
      if (!(r in out)) throw this.error(node, label === 'spec' ? `the spec needs \`${r}\`: the main package to build, e.g. \`path: ./cmd/server\`` : `\`${label}\` needs \`${r}\``);
    }
    if (schema.oneOf) {
      const names = schema.oneOf.map((alt) => alt.required.map((r) => `\`${r}\``).join(' and '));
      const given = schema.oneOf.filter((alt) => alt.required.every((r) => r in out));
      if (given.length === 0) throw this.error(node, `\`${label}\` needs one of ${names.join(' or ')}`);
      // pointed at the later of the keys in the file, the one more likely added by mistake
      const later = given.map((alt) => keys.get(alt.required[0]) ?? node).sort((a, b) => (b?.range?.[0] ?? 0) - (a?.range?.[0] ?? 0))[0];
      if (given.length > 1) throw this.error(later, `\`${label}\` has ${given.map((alt) => alt.required.map((r) => `\`${r}\``).join(' and ')).join(' and ')}; keep one`);
    }
    return out;
  }

  private checkAnyOf(node: Node | null, schema: SchemaNode, field: string, label: string): unknown {
    let first: InputError | undefined;
    for (const alt of schema.anyOf!) {
      try {
        return this.check(node, { ...alt, type: alt.type ?? schema.type, description: schema.description }, field, label);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        // The error of the alternative with the matching type says the most.
        if (!first || sameType(alt.type, this.plain(node))) first = e;
      }
    }
    throw first!;
  }

  private checkScalar(node: Node | null, raw: Node | null, schema: SchemaNode, field: string, label: string): unknown {
    if (!isScalar(node)) throw this.error(node ?? raw, `\`${label}\` must be ${wanted[String(schema.type ?? 'string')]}, got ${typeName(this.plain(node))}`);
    let v = node.value;
    const numberAsText = Array.isArray(schema.type);
    const t = numberAsText ? 'string' : schema.type ?? 'string';
    // YAML reads `go: 1.20` as the number 1.2: where the schema allows it, a plain number keeps its source text.
    if (numberAsText && typeof v === 'number' && node.type === 'PLAIN') v = this.text.slice(node.range![0], node.range![1]);
    if (t === 'string' && typeof v !== 'string') throw this.error(node, `\`${label}\` must be ${wanted.string}, got ${typeName(v)}${v === null ? '; remove the key or give it a value' : ''}`);
    if (t === 'boolean' && typeof v !== 'boolean') throw this.error(node, `\`${label}\` must be true or false, got ${typeName(v)}${typeof v === 'string' ? ` "${v}"` : ''}`);
    if (t === 'integer') {
      if (typeof v !== 'number' || !Number.isInteger(v)) throw this.error(node, `\`${label}\` must be a whole number, got ${typeName(v)}`);
      if (schema.minimum !== undefined && v < schema.minimum || schema.maximum !== undefined && v > schema.maximum) {
        throw this.error(node, `\`${label}\` must be between ${schema.minimum} and ${schema.maximum}, got ${v}`);
      }
    }
    if (typeof v === 'string') {
      if (schema.enum && !schema.enum.includes(v)) {
        const guess = didYouMean(v, schema.enum);
        throw this.error(node, `\`${label}\` is "${v}", not one of ${schema.enum.join(', ')}${guess ? `; did you mean "${guess}"?` : ''}`);
      }
      if (schema.pattern && !new RegExp(schema.pattern, 'u').test(v)) {
        const f = FIELDS[field];
        const why = f && diagnose(v, f.ctx);
        throw this.error(node, `\`${label}\` ${why ?? `"${v}" is not ${f?.what ?? `valid (${schema.pattern})`}`}`);
      }
    }
    return v;
  }
}
