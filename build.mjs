// Bundles the CLI into CommonJS files run by a small launcher (dist/gofile.cjs) through V8's code cache:
// dist/gofile-lint.cjs for a plain `gofile lint` and dist/gofile-main.cjs for everything, and the parts of a lint a
// plain one never runs. Start-up time is what a pre-commit hook feels on every commit, and the lint bundle is a
// quarter of the size: less to read and to deserialize.
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { readFileSync, rmSync, chmodSync, mkdtempSync, mkdirSync, renameSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';

// dockerfile-ast needs two factory functions from vscode-languageserver-types; a tiny shim saves start-up time.
const shimPlugin = {
  name: 'shims',
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-types$/ }, () => ({ path: new URL('./src/shims/vscode-languageserver-types.ts', import.meta.url).pathname }));
    // yargs' ESM build pairs cliui with a naive wrap that cuts words in half; its CommonJS build wraps at words.
    b.onResolve({ filter: /^cliui$/ }, () => ({ path: new URL('./node_modules/cliui/build/index.cjs', import.meta.url).pathname }));
  },
};

// The lint bundle leaves out what a plain lint never runs: YAML for a config file, diff for --fix --diff, chalk for
// colour, the rules' docs for SARIF. Each is a bundle of its own (dist/gofile-<name>.cjs), loaded on first use
// through the launcher, so a lint with a config file loads YAML and nothing else. Without them a pre-commit hook
// reads and deserializes 40% less.
const EXTRAS = {
  yaml: { import: /^yaml$/, entry: "export * from 'yaml';" },
  diff: { import: /^diff$/, entry: "export * from 'diff';" },
  chalk: { import: /^chalk$/, entry: "export * from 'chalk';" },
  docs: { import: /(^|\/)rules\/docs\.js$/, entry: "export * from './rules/docs.ts';" },
};
const extrasPlugin = {
  name: 'extras',
  setup(b) {
    // a CommonJS require, which the launcher serves (an import() of a file would need vm's ESM loader)
    for (const [name, { import: filter }] of Object.entries(EXTRAS)) b.onResolve({ filter }, () => ({ path: name, namespace: 'extras' }));
    b.onLoad({ filter: /.*/, namespace: 'extras' }, (a) => ({ contents: `module.exports = require('./gofile-${a.path}.cjs');`, loader: 'js' }));
    b.onResolve({ filter: /^\.\/gofile-[a-z]+\.cjs$/ }, (a) => ({ path: a.path, external: true }));
  },
};
// The docs bundle takes each rule module's `docs` and none of its code: gofile's modules have no import-time
// effects, so what `docs` does not use is dropped.
const docsOnlyPlugin = {
  name: 'docs-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/.*\.js$/ }, (a) => ({ path: join(a.resolveDir, a.path.replace(/\.js$/, '.ts')), sideEffects: false }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// Build beside dist and swap it in, so a CLI run (or a test) never sees a half-built dist.
const out = `dist.tmp-${process.pid}`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
const common = {
  metafile: true,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: !process.env.GOFILE_DEBUG_BUILD,
  sourcemap: false,
  define: { __GOFILE_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__gofile_import_meta_url' },
  // the launcher reads the bundles as latin1, which is right only for ASCII
  charset: 'ascii',
  plugins: [shimPlugin],
  logLevel: 'warning',
};
const bundles = {
  // yargs reads import.meta.url; a bundle that does not use it is not made to work it out (~0.1 ms) on every run
  'gofile-main.cjs': { entryPoints: ['src/bin.ts'], banner: { js: "var __gofile_import_meta_url = require('node:url').pathToFileURL(__filename).href;" } },
  'gofile-lint.cjs': { entryPoints: ['src/bin-lint.ts'], plugins: [extrasPlugin, ...common.plugins] },
};
for (const [name, { entry }] of Object.entries(EXTRAS)) {
  bundles[`gofile-${name}.cjs`] = { stdin: { contents: entry, resolveDir: '.', loader: 'ts' }, plugins: name === 'docs' ? [docsOnlyPlugin, ...common.plugins] : common.plugins };
}
const inputs = new Set();
const fingerprints = {};
for (const [name, options] of Object.entries(bundles)) {
  const result = await build({ ...common, ...options, outfile: `${out}/${name}` });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
  const text = readFileSync(`${out}/${name}`);
  const wide = text.findIndex((b) => b > 0x7f);
  // a debug build keeps comments, which esbuild does not escape; latin1 garbles only those
  if (wide >= 0 && !process.env.GOFILE_DEBUG_BUILD) throw new Error(`${name}: a non-ASCII byte at offset ${wide}; the launcher reads bundles as latin1`);
  if (!options.banner && text.includes('__gofile_import_meta_url')) throw new Error(`${name} reads import.meta.url: give it the banner gofile-main.cjs has`);
  fingerprints[name] = { length: text.length, hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}
const launcher = readFileSync('src/launcher.cjs', 'utf8').replace('/* bundles */ {}', JSON.stringify(fingerprints));
writeFileSync(`${out}/gofile.cjs`, launcher);
writeFileSync(`${out}/THIRD_PARTY_LICENSES.md`, thirdPartyNotices(inputs));
chmodSync(`${out}/gofile.cjs`, 0o755);

// Ship a code cache per bundle for this Node version: lint a small Dockerfile once (the lint bundle), and run
// the commands that take the full CLI (yargs, the spec, LLB) once each.
const sample = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n';
const specDir = mkdtempSync(join(tmpdir(), 'gofile-build-'));
writeFileSync(join(specDir, 'gofile.yaml'), 'path: ./cmd/app\ngo: "1.22"\n');
const train = (args, input) => {
  try {
    execFileSync(process.execPath, [join(process.cwd(), out, 'gofile.cjs'), ...args], { input, cwd: specDir, env: { ...process.env, GOFILE_WRITE_SHIPPED_CACHE: '1', NO_COLOR: '1' }, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1 = findings, as expected for the sample
  }
};
// the extras first (a YAML config, colour, a diff, SARIF): these runs write lint bundle caches the plain run replaces
mkdirSync(join(specDir, 'configured'));
writeFileSync(join(specDir, 'configured', '.gofile-lint.yaml'), 'failure-threshold: error\n');
writeFileSync(join(specDir, 'configured', 'Dockerfile'), sample.replace('FROM scratch', 'FROM alpine:latest'));
train(['lint', '--color', '--fix', '--diff', 'configured/Dockerfile']);
train(['lint', '--color', 'configured/Dockerfile']);
train(['lint', '--format', 'sarif', '-'], sample);
train(['lint', '-'], sample);
train(['expand', join(specDir, 'gofile.yaml')]);
rmSync(specDir, { recursive: true, force: true });

const old = `dist.old-${process.pid}`;
try { renameSync('dist', old); } catch { /* first build */ }
renameSync(out, 'dist');
rmSync(old, { recursive: true, force: true });

// The bundle carries other people's code: name each package with its licence text.
function thirdPartyNotices(inputs) {
  const pkgs = new Set();
  for (const input of inputs) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) pkgs.add(m[1]);
  }
  const parts = ['# Third-party software in the bundles dist/gofile-*.cjs', ''];
  for (const name of [...pkgs].sort()) {
    const dir = join('node_modules', name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    parts.push(`## ${name} ${meta.version} (${meta.license ?? 'see below'})`, '');
    parts.push(file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)', '');
  }
  return parts.join('\n');
}
