// gofile benchmarks, each against a baseline measured in the same run; prints ratios, asserts nothing.
//   1. cold start: `gofile lint <one file>` vs bare `node -e 0` (medians of interleaved runs)
//   2. batch throughput: linting the whole shared corpus in one process vs bare dockerfile-ast parsing, in the
//      steady state (BENCH_WARMUP passes first, default 20) and on the first pass
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = resolve(root, '..', 'shared', 'corpus', 'files');
const runs = Number(process.env.BENCH_RUNS ?? 40);
// BENCH_ONLY=cold or BENCH_ONLY=throughput runs one of the two
const only = process.env.BENCH_ONLY;
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const time = (cmd, args, input) => {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { input, stdio: ['pipe', 'ignore', 'ignore'] });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
};

const sampleFile = existsSync(corpusDir) ? join(corpusDir, '0027.Dockerfile') : join(root, 'corpus', 'dockerfiles', 'api', 'Dockerfile');
const bin = join(root, 'dist', 'gofile.cjs');

// 1. Cold start: interleave so machine load hits both sides alike.
if (only !== 'throughput') {
const base = [], lint = [];
time(process.execPath, [bin, 'lint', sampleFile]); // the first run writes the code cache when none was shipped
for (let i = 0; i < runs; i++) {
  base.push(time(process.execPath, ['-e', '0']));
  lint.push(time(process.execPath, [bin, 'lint', sampleFile]));
}
const mb = median(base), ml = median(lint);
console.log(`cold start (${runs} runs, medians): node -e 0 ${mb.toFixed(1)} ms · gofile lint ${ml.toFixed(1)} ms · ratio ${(ml / mb).toFixed(2)}× (goal ≤ 1.25×)`);

// 1a. One file is one data point: the same measure over every 12th corpus file (BENCH_SPREAD=0 skips it).
const spreadEvery = Number(process.env.BENCH_SPREAD ?? 12);
if (spreadEvery > 0 && existsSync(corpusDir)) {
  const picked = readdirSync(corpusDir).sort().filter((_, i) => i % spreadEvery === 0).map((f) => join(corpusDir, f));
  const spreadRuns = Math.max(10, Math.round(runs / 2));
  const bare = [], per = picked.map(() => []);
  const timeAny = (a) => { const t = process.hrtime.bigint(); spawnSync(process.execPath, a, { stdio: 'ignore' }); return Number(process.hrtime.bigint() - t) / 1e6; };
  for (let i = 0; i < spreadRuns; i++) {
    bare.push(timeAny(['-e', '0']));
    picked.forEach((f, j) => per[j].push(timeAny([bin, 'lint', f])));
  }
  const mbare = median(bare);
  const ratios = per.map((xs) => median(xs) / mbare).sort((a, b) => a - b);
  const within = ratios.filter((r) => r <= 1.25).length;
  console.log(`  over ${picked.length} corpus files (${spreadRuns} runs each): median ${median(ratios).toFixed(2)}× · min ${ratios[0].toFixed(2)}× · max ${ratios[ratios.length - 1].toFixed(2)}× · ${within}/${picked.length} within 1.25×`);
}

// 1b. The npm linters a user might pick instead, on the same file; installed once into a cache folder.
const peersDir = join(root, 'node_modules', '.cache', 'gofile-bench-peers');
const peers = [
  ['dockerfilelint', ['lint-free'], (f) => [join(peersDir, 'node_modules', 'dockerfilelint', 'bin', 'dockerfilelint'), f]],
  ['dockerfile-utils', [], (f) => [join(peersDir, 'node_modules', 'dockerfile-utils', 'bin', 'dockerfile-utils'), 'lint', f]],
];
if (!existsSync(join(peersDir, 'node_modules', 'dockerfile-utils'))) {
  mkdirSync(peersDir, { recursive: true });
  writeFileSync(join(peersDir, 'package.json'), '{"private":true}\n');
  const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--silent', 'dockerfilelint@1', 'dockerfile-utils@0'], { cwd: peersDir, stdio: 'inherit' });
  if (r.status !== 0) console.log('peers: could not install dockerfilelint and dockerfile-utils (no registry?); skipped');
}
for (const [name, , argv] of peers) {
  const args = argv(sampleFile);
  if (!existsSync(args[0])) continue;
  const peer = [], ours = [], bare = [];
  const timeAny = (a) => { const t = process.hrtime.bigint(); spawnSync(process.execPath, a, { stdio: 'ignore' }); return Number(process.hrtime.bigint() - t) / 1e6; };
  for (let i = 0; i < runs; i++) {
    bare.push(timeAny(['-e', '0']));
    peer.push(timeAny(args));
    ours.push(timeAny([bin, 'lint', sampleFile]));
  }
  const mp = median(peer), mo = median(ours), mb2 = median(bare);
  console.log(`  vs ${name}: ${mp.toFixed(1)} ms (${(mp / mb2).toFixed(2)}× node) · gofile ${mo.toFixed(1)} ms (${(mo / mb2).toFixed(2)}× node) · gofile/peer ${(mo / mp).toFixed(2)} (goal < 1)`);
}
}

// 2. Throughput in one process, on the same files.
if (only === 'cold') {
  // skipped
} else if (!existsSync(corpusDir)) {
  console.log(`batch throughput: skipped, ${corpusDir} is absent`);
} else {
  const out = mkdtempSync(join(tmpdir(), 'gofile-bench-'));
  await build({
    stdin: {
      contents: "export { lintText, RuleSet } from './src/lint/engine.ts'; export { RULES } from './rules/index.ts'; export { DockerfileParser } from 'dockerfile-ast';",
      resolveDir: root, loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'node', outfile: join(out, 'lint.mjs'), logLevel: 'error',
    define: { __GOFILE_VERSION__: '"bench"' },
    // the same shim the CLI bundle uses, for both sides of the comparison
    alias: { 'vscode-languageserver-types': join(root, 'src', 'shims', 'vscode-languageserver-types.ts') },
  });
  const { lintText, RuleSet, RULES, DockerfileParser } = await import(pathToFileURL(join(out, 'lint.mjs')).href);
  const files = readdirSync(corpusDir).map((f) => ({ path: f, text: readFileSync(join(corpusDir, f), 'utf8') }));
  const rules = new RuleSet(RULES);
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 20);
  const warmup = Number(process.env.BENCH_WARMUP ?? 20);
  const sides = {
    parse: (f) => DockerfileParser.parse(f.text),
    lint: (f) => lintText({ text: f.text, path: f.path }, rules),
  };
  const pass = (fn) => {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    for (const f of files) fn(f);
    const u = process.cpuUsage(c);
    return { wall: Number(process.hrtime.bigint() - t) / 1e6, cpu: (u.user + u.system) / 1000 };
  };
  // The first pass of each, as a one-off `gofile lint <dir>` meets it: before the JIT has warmed up.
  const first = { parse: pass(sides.parse).wall, lint: pass(sides.lint).wall };
  // Steady state: both warmed up alike, then measured in alternating blocks so machine load hits both sides.
  for (let i = 1; i < warmup; i++) { pass(sides.parse); pass(sides.lint); }
  const samples = { parse: { wall: [], cpu: [] }, lint: { wall: [], cpu: [] } };
  for (let r = 0; r < rounds; r += 5) {
    for (const side of ['parse', 'lint']) {
      for (let k = 0; k < 5; k++) {
        const m = pass(sides[side]);
        samples[side].wall.push(m.wall);
        samples[side].cpu.push(m.cpu);
      }
    }
  }
  const parseMs = median(samples.parse.wall), lintMs = median(samples.lint.wall);
  const rate = (ms) => (files.length / (ms / 1000)).toFixed(0);
  console.log(`batch throughput (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, steady state after ${warmup} passes, median of ${samples.lint.wall.length}): dockerfile-ast parse ${parseMs.toFixed(1)} ms (${rate(parseMs)} files/s) · gofile lint ${lintMs.toFixed(1)} ms (${rate(lintMs)} files/s) · throughput ratio ${(parseMs / lintMs).toFixed(2)} (goal ≥ 0.5)`);
  // CPU time counts V8's compiler and GC threads too, so it is the harsher figure.
  const cpu = { parse: median(samples.parse.cpu), lint: median(samples.lint.cpu) };
  console.log(`  CPU time: parse ${cpu.parse.toFixed(1)} ms · lint ${cpu.lint.toFixed(1)} ms · ratio ${(cpu.parse / cpu.lint).toFixed(2)}`);
  console.log(`  first pass (cold JIT): parse ${first.parse.toFixed(0)} ms · lint ${first.lint.toFixed(0)} ms · ratio ${(first.parse / first.lint).toFixed(2)}`);
}
