// Converts every Go Dockerfile in ../shared/corpus and prints, per kind, how many convert cleanly, with warnings, or are refused, and why.
//   node bench/convert-corpus.mjs [--verbose]
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'corpus');
const verbose = process.argv.includes('--verbose');
if (!existsSync(join(corpus, 'files'))) {
  console.log(`convert corpus: skipped, ${corpus} is absent`);
} else {
  const out = mkdtempSync(join(tmpdir(), 'gofile-convert-bench-'));
  await build({
    stdin: {
      contents: "export { parseDockerfile } from './src/dockerfile/parse.ts'; export { convertDockerfile } from './src/convert/index.ts';",
      resolveDir: root, loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', outfile: join(out, 'convert.mjs'), logLevel: 'error',
    define: { __GOFILE_VERSION__: '"bench"' },
    // yaml is CommonJS and requires node built-ins; an ESM bundle needs a real require for them
    banner: { js: "import { createRequire as __gofileRequire } from 'node:module'; const require = __gofileRequire(import.meta.url);" },
    alias: { 'vscode-languageserver-types': join(root, 'src', 'shims', 'vscode-languageserver-types.ts') },
  });
  const { parseDockerfile, convertDockerfile } = await import(pathToFileURL(join(out, 'convert.mjs')).href);
  const rows = readFileSync(join(corpus, 'index.tsv'), 'utf8').trim().split('\n').slice(1).map((r) => r.split('\t'));
  const kinds = new Map();
  const reasons = new Map();
  const refusals = new Map();
  const count = (m, k) => m.set(k, (m.get(k) ?? 0) + 1);
  // A quoted command keeps its first word (`make …`), so the same reason on different files counts once.
  const shape = (s) => s.replace(/`([^`\s]*)[^`]*`/g, (_m, w) => `\`${w} …\``).replace(/\d+/g, 'N').slice(0, 90);
  let t = 0;
  for (const [id, repo, path, , kind] of rows) {
    const text = readFileSync(join(corpus, 'files', `${id}.Dockerfile`), 'utf8');
    const t0 = performance.now();
    let r;
    try {
      r = convertDockerfile(parseDockerfile(text, { path: `${id}.Dockerfile` }));
    } catch (e) {
      r = { crashed: String(e?.stack ?? e) };
    }
    t += performance.now() - t0;
    const k = kinds.get(kind) ?? { files: 0, clean: 0, warnings: 0, refused: 0, crashed: 0, kindAgrees: 0 };
    kinds.set(kind, k);
    k.files++;
    if (r.crashed) { k.crashed++; console.log(`CRASH ${id} ${repo}/${path}\n${r.crashed}`); continue; }
    if (r.refused) { k.refused++; count(refusals, `${kind === 'not-go' ? '(not-go) ' : ''}${shape(r.refused)}`); if (verbose) console.log(`${id} ${kind} refused: ${r.refused}`); continue; }
    if (r.kind === kind) k.kindAgrees++;
    const lost = r.report.filter((n) => n.outcome === 'unrepresentable');
    if (lost.length) k.warnings++;
    else k.clean++;
    for (const n of lost) count(reasons, shape(n.reason.split('; ')[0]));
    if (verbose && lost.length) console.log(`${id} ${kind} ${repo}/${path}\n${lost.map((n) => `  ${n.line}: ${n.text} — ${n.reason}`).join('\n')}`);
  }
  const pct = (a, b) => (b ? `${Math.round((100 * a) / b)}%` : '-');
  const line = (cells) => console.log(cells.map((c, i) => String(c).padEnd(i === 0 ? 24 : 10)).join(''));
  console.log(`\nconvert over ${rows.length} corpus files (${t.toFixed(0)} ms in all)\n`);
  line(['kind', 'files', 'clean', 'warnings', 'refused', 'crashed', 'clean %', 'kind =']);
  const order = ['multistage-scratch', 'multistage-distroless', 'multistage-alpine', 'multistage-debian', 'multistage-other', 'single-stage-golang', 'prebuilt-binary', 'not-go'];
  const ms = { files: 0, clean: 0 };
  for (const kind of order) {
    const k = kinds.get(kind);
    if (!k) continue;
    if (kind.startsWith('multistage')) { ms.files += k.files; ms.clean += k.clean; }
    line([kind, k.files, k.clean, k.warnings, k.refused, k.crashed, pct(k.clean, k.files), `${k.kindAgrees}/${k.files - k.refused}`]);
  }
  console.log(`\nmulti-stage kinds: ${ms.clean}/${ms.files} convert with nothing unrepresentable (${pct(ms.clean, ms.files)}; goal 80%)`);
  const top = (m, n) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  console.log('\ntop reasons something is not representable (first reason per instruction):');
  for (const [r, n] of top(reasons, 15)) console.log(`  ${String(n).padStart(3)}  ${r}`);
  console.log('\nrefusals:');
  for (const [r, n] of top(refusals, 10)) console.log(`  ${String(n).padStart(3)}  ${r}`);
}
