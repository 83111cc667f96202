// Bundles the CLI into two CommonJS files run by a small launcher (dist/gofile.cjs) through V8's code cache:
// dist/gofile-lint.cjs for a plain `gofile lint` and dist/gofile-main.cjs for everything. Start-up time is what a
// pre-commit hook feels on every commit, and the lint bundle is half the size: less to read and to deserialize.
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
  banner: { js: "var __gofile_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  // the launcher reads the bundles as latin1, which is right only for ASCII
  charset: 'ascii',
  plugins: [shimPlugin],
  logLevel: 'warning',
};
const bundles = { 'gofile-main.cjs': 'src/bin.ts', 'gofile-lint.cjs': 'src/bin-lint.ts' };
const inputs = new Set();
const fingerprints = {};
for (const [name, entry] of Object.entries(bundles)) {
  const result = await build({ ...common, entryPoints: [entry], outfile: `${out}/${name}` });
  for (const input of Object.keys(result.metafile.inputs)) inputs.add(input);
  const text = readFileSync(`${out}/${name}`);
  const wide = text.findIndex((b) => b > 0x7f);
  // a debug build keeps comments, which esbuild does not escape; latin1 garbles only those
  if (wide >= 0 && !process.env.GOFILE_DEBUG_BUILD) throw new Error(`${name}: a non-ASCII byte at offset ${wide}; the launcher reads bundles as latin1`);
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
    execFileSync(process.execPath, [`${out}/gofile.cjs`, ...args], { input, env: { ...process.env, GOFILE_WRITE_SHIPPED_CACHE: '1', NO_COLOR: '1' }, stdio: ['pipe', 'ignore', 'ignore'] });
  } catch (e) {
    if (e.status !== 1) throw e; // 1 = findings, as expected for the sample
  }
};
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
  const parts = ['# Third-party software in dist/gofile-main.cjs and dist/gofile-lint.cjs', ''];
  for (const name of [...pkgs].sort()) {
    const dir = join('node_modules', name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    parts.push(`## ${name} ${meta.version} (${meta.license ?? 'see below'})`, '');
    parts.push(file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)', '');
  }
  return parts.join('\n');
}
