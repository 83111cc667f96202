// Bundles the CLI into one CommonJS file (dist/gofile-main.cjs) run by a small launcher (dist/gofile.cjs)
// through V8's code cache; start-up time is what a pre-commit hook feels on every commit.
import { build } from 'esbuild';
import { readFileSync, rmSync, chmodSync, copyFileSync, mkdirSync, renameSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
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
const result = await build({
  entryPoints: ['src/bin.ts'],
  metafile: true,
  outfile: `${out}/gofile-main.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: !process.env.GOFILE_DEBUG_BUILD,
  sourcemap: false,
  define: { __GOFILE_VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__gofile_import_meta_url' },
  banner: { js: "var __gofile_import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [shimPlugin],
  logLevel: 'warning',
});
copyFileSync('src/launcher.cjs', `${out}/gofile.cjs`);
writeFileSync(`${out}/THIRD_PARTY_LICENSES.md`, thirdPartyNotices(result.metafile));
chmodSync(`${out}/gofile.cjs`, 0o755);

// Ship a code cache for this Node version, made by linting a small Dockerfile once.
const sample = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n';
try {
  execFileSync(process.execPath, [`${out}/gofile.cjs`, 'lint', '-'], { input: sample, env: { ...process.env, GOFILE_WRITE_SHIPPED_CACHE: '1', NO_COLOR: '1' }, stdio: ['pipe', 'ignore', 'ignore'] });
} catch (e) {
  if (e.status !== 1) throw e; // 1 = findings, as expected for the sample
}

const old = `dist.old-${process.pid}`;
try { renameSync('dist', old); } catch { /* first build */ }
renameSync(out, 'dist');
rmSync(old, { recursive: true, force: true });

// The bundle carries other people's code: name each package with its licence text.
function thirdPartyNotices(metafile) {
  const pkgs = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) pkgs.add(m[1]);
  }
  const parts = ['# Third-party software in dist/gofile-main.cjs', ''];
  for (const name of [...pkgs].sort()) {
    const dir = join('node_modules', name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    parts.push(`## ${name} ${meta.version} (${meta.license ?? 'see below'})`, '');
    parts.push(file && existsSync(join(dir, file)) ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)', '');
  }
  return parts.join('\n');
}
