import type { Rule, RuleDocs } from '../src/lint/types.js';
import { parseKeyValues } from '../src/dockerfile/parse.js';
import { splitQuotedWords } from '../src/dockerfile/words.js';

// Words that name a secret wherever they stand in the name.
const SECRET_WORDS = new Set(['token', 'tokens', 'password', 'passwd', 'pword', 'secret', 'secrets', 'credential', 'credentials', 'creds', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'passphrase']);
// Words that name a secret only at the end: DB_PASS, BASIC_AUTH — but AUTH_URL, PASS_THROUGH are not.
const SECRET_LAST = new Set(['pass', 'auth', 'pat']);
// `KEY` alone is too common (GPG_KEY fingerprints in official images, KEY_NAME, CACHE_KEY): it needs a qualifier.
const KEY_QUALIFIERS = new Set(['api', 'access', 'private', 'secret', 'signing', 'sign', 'encryption', 'encrypt', 'master', 'license', 'licence', 'ssh', 'deploy', 'session', 'jwt', 'hmac', 'auth', 'account', 'service', 'storage', 'shared', 'client', 'app']);
// A name that ends in one of these points at a secret (a file, a URL, a name, an id) or configures one; it is not the secret.
const POINTER_SUFFIX = new Set(['name', 'names', 'file', 'files', 'path', 'dir', 'url', 'uri', 'endpoint', 'host', 'port', 'id', 'ids', 'type', 'header', 'cookie', 'length', 'len', 'size', 'ttl', 'expiry', 'expires', 'expiration', 'env', 'var', 'ref', 'arn', 'mount', 'location', 'enabled', 'enable', 'disabled', 'required', 'method', 'mode', 'provider', 'version', 'format', 'algorithm', 'algo', 'fingerprint', 'field', 'prefix', 'server', 'helper', 'command', 'cmd']);
const PUBLIC = new Set(['public', 'pub']);

/** Words of a variable name: split on `_`, `-`, `.` and camelCase humps, lower-cased. */
export function nameWords(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split(/[_.-]+/).filter(Boolean).map((w) => w.toLowerCase());
}

// A name looksSecret accepts has one of these words, and its words are pieces of the lower-cased name:
// names without any of them (most: PATH, GOPATH, CGO_ENABLED) are turned down before splitting.
const MAY_BE_SECRET = new RegExp([...SECRET_WORDS, ...SECRET_LAST, 'key'].join('|'));

/** Does this ARG/ENV name look like it holds a secret value? */
export function looksSecret(name: string): boolean {
  if (!MAY_BE_SECRET.test(name.toLowerCase())) return false;
  const words = nameWords(name);
  if (!words.length || words.some((w) => PUBLIC.has(w)) || POINTER_SUFFIX.has(words.at(-1)!)) return false;
  return words.some((w, i) => SECRET_WORDS.has(w) ||
    SECRET_LAST.has(w) && i === words.length - 1 ||
    (w === 'key' || w === 'keys') && i > 0 && KEY_QUALIFIERS.has(words[i - 1]));
}

/** A value that is a path names a file holding the secret (GOOGLE_APPLICATION_CREDENTIALS=/run/…), not the secret. */
export function harmlessValue(value: string | undefined, keyword: string): boolean {
  if (value === undefined) return false;
  const v = value.replace(/^["']|["']$/g, '');
  return keyword === 'ENV' && v === '' || /^(\/|\.\/|~\/)/.test(v);
}

export default {
  meta: {
    code: 'GF223',
    name: 'secrets-in-arg-or-env',
    severity: 'warning',
    category: 'security',
    description: 'ARG and ENV must not carry secrets (tokens, passwords, private or API keys): use RUN --mount=type=secret.',
    aliases: ['DL3064', 'SecretsUsedInArgOrEnv'],
    fixable: false,
  },
  check(ctx) {
    for (const inst of ctx.model.instructions) {
      if (inst.keyword !== 'ARG' && inst.keyword !== 'ENV') continue;
      const pairs = inst.keyword === 'ENV'
        ? parseKeyValues(inst.args, ctx.model.escape).map((kv) => ({ key: kv.key, value: kv.value as string | undefined, start: kv.start }))
        : splitQuotedWords(inst.args, ctx.model.escape).map((w) => {
          const eq = w.text.indexOf('=');
          return { key: eq < 0 ? w.text : w.text.slice(0, eq), value: eq < 0 ? undefined : w.text.slice(eq + 1), start: w.start };
        });
      for (const p of pairs) {
        if (!looksSecret(p.key) || harmlessValue(p.value, inst.keyword)) continue;
        const id = p.key.toLowerCase();
        ctx.report({
          span: inst.argSpan(p.start, p.start + p.key.length),
          message: `${p.key} looks like a secret and ${inst.keyword} keeps it in the image; pass it with RUN --mount=type=secret,id=${id},env=${p.key} instead`,
        });
      }
    }
  },
} satisfies Rule;

// Its page (rules/secrets-in-arg-or-env.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'ENV values are stored in the image config, and build args used by a RUN are recorded in the image history and in provenance attestations: anyone who can pull the image can read them. A secret mount (`RUN --mount=type=secret,id=github_token`) exists only while that RUN runs. Names are read as words split on `_` and camelCase: TOKEN, PASSWORD, SECRET, CREDENTIALS anywhere; PASS and AUTH at the end; KEY only after API, ACCESS, PRIVATE, SECRET, SIGNING, SSH…, so `GPG_KEY` (the fingerprints official images use), `KEY_NAME` and `PUBLIC_KEY` are not reported. Names that end in a pointer word (`TOKEN_URL`, `SECRET_NAME`, `PASSWORD_FILE`, `AWS_ACCESS_KEY_ID`), values that are paths, and `ENV X=` (clearing) are not secrets either.',
  bad: 'FROM golang:1.23 AS build\nARG GITHUB_TOKEN\nRUN git config --global url."https://${GITHUB_TOKEN}@github.com/".insteadOf "https://github.com/" && go mod download',
  good: 'FROM golang:1.23 AS build\nRUN --mount=type=secret,id=github_token \\\n    git config --global url."https://$(cat /run/secrets/github_token)@github.com/".insteadOf "https://github.com/" && go mod download',
  fix: 'Pass the secret with `docker build --secret id=github_token,env=GITHUB_TOKEN` and read it in the RUN that needs it (`--mount=type=secret,id=github_token,env=GITHUB_TOKEN` puts it in that RUN\'s environment only). For Go private modules, GOPRIVATE plus a .netrc written inside that RUN keeps the token out of every layer.',
};
