// Guards speed work: snapshots every finding (fix edits included) and every --fix output, then compares byte for byte.
//
//   node bench/findings-snapshot.mjs write /tmp/gofile-snap     before a change
//   node bench/findings-snapshot.mjs check /tmp/gofile-snap     after it: lists what differs, exits 1 if anything does
//
// Inputs: the shared corpus (../shared/corpus/files), corpus/dockerfiles, and every rule's docs.bad/docs.good,
// linted with every rule on (opt-in ones too), once with default options and once with requireDigest and a trusted registry.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const [mode, dir] = process.argv.slice(2);
if (!['write', 'check'].includes(mode) || !dir) {
  console.error('usage: node bench/findings-snapshot.mjs write|check <dir>');
  process.exit(2);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const out = mkdtempSync(join(tmpdir(), 'gofile-snap-'));
await build({
  stdin: {
    contents: "export { lintText, fixText, RuleSet } from './src/lint/engine.ts'; export { RULES } from './rules/index.ts'; export { RULE_DOCS } from './rules/docs.ts'; export { defaultConfig } from './src/lint/config.ts';",
    resolveDir: root, loader: 'ts',
  },
  bundle: true, format: 'esm', platform: 'node', outfile: join(out, 'lint.mjs'), logLevel: 'error',
  define: { __GOFILE_VERSION__: '"snapshot"' },
  alias: { 'vscode-languageserver-types': join(root, 'src', 'shims', 'vscode-languageserver-types.ts') },
});
const { lintText, fixText, RuleSet, RULES, RULE_DOCS, defaultConfig } = await import(pathToFileURL(join(out, 'lint.mjs')).href);

function inputs() {
  const list = [];
  const shared = resolve(root, '..', 'shared', 'corpus', 'files');
  if (existsSync(shared)) for (const f of readdirSync(shared).sort()) list.push({ name: `shared/${f}`, text: readFileSync(join(shared, f), 'utf8') });
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.includes('Dockerfile')) list.push({ name: relative(root, p), text: readFileSync(p, 'utf8') });
    }
  };
  walk(join(root, 'corpus', 'dockerfiles'));
  for (const r of RULES) {
    list.push({ name: `docs/${r.meta.code}.bad`, text: RULE_DOCS[r.meta.name].bad + '\n' });
    list.push({ name: `docs/${r.meta.code}.good`, text: RULE_DOCS[r.meta.name].good + '\n' });
  }
  return list;
}

const rules = new RuleSet(RULES);
const enabled = RULES.map((r) => r.meta.code);
const configs = {
  all: { ...defaultConfig(), enabled },
  strict: { ...defaultConfig(), enabled, requireDigest: true, trustedRegistries: ['gcr.io', 'ghcr.io/acme'] },
};

const files = new Map(); // snapshot file name → content
for (const input of inputs()) {
  const key = input.name.replace(/[^\w.-]+/g, '_');
  for (const [cname, config] of Object.entries(configs)) {
    const lint = { text: input.text, path: input.name, config, goMod: { goVersion: '1.22.3' }, dockerignore: null };
    const { findings } = lintText(lint, rules);
    files.set(`${key}.${cname}.json`, JSON.stringify(findings, null, 1) + '\n');
    const fixed = fixText(lint, rules);
    files.set(`${key}.${cname}.fixed`, `applied ${fixed.applied}\n${fixed.text}`);
  }
}

if (mode === 'write') {
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of files) writeFileSync(join(dir, name), content);
  console.log(`wrote ${files.size} snapshot files to ${dir}`);
} else {
  const differ = [];
  for (const [name, content] of files) {
    const p = join(dir, name);
    if (!existsSync(p) || readFileSync(p, 'utf8') !== content) differ.push(name);
  }
  const missing = readdirSync(dir).filter((n) => !files.has(n));
  for (const n of differ) console.log(`differs: ${n}`);
  for (const n of missing) console.log(`not produced: ${n}`);
  console.log(differ.length || missing.length ? `${differ.length + missing.length} of ${files.size} differ` : `all ${files.size} snapshot files identical`);
  process.exitCode = differ.length || missing.length ? 1 : 0;
}
