// Bundles the CLI: one start-up file (dist/gofile.js) plus chunks loaded only by the commands that need them.
import { build } from 'esbuild';
import { readFileSync, rmSync, chmodSync } from 'node:fs';

// dockerfile-ast needs two factory functions from vscode-languageserver-types; a tiny shim saves start-up time.
const shimPlugin = {
  name: 'shims',
  setup(b) {
    b.onResolve({ filter: /^vscode-languageserver-types$/ }, () => ({ path: new URL('./src/shims/vscode-languageserver-types.ts', import.meta.url).pathname }));
  },
};

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
rmSync(new URL('./dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { gofile: 'src/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: !process.env.GOFILE_DEBUG_BUILD,
  sourcemap: false,
  chunkNames: 'chunks/[name]-[hash]',
  define: { __GOFILE_VERSION__: JSON.stringify(pkg.version) },
  // CommonJS dependencies inside an ESM bundle need a require.
  banner: { js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
  plugins: [shimPlugin],
});
chmodSync(new URL('./dist/gofile.js', import.meta.url), 0o755);
