// Measures why gofile splits shell itself: cold start and per-RUN parse time of src/shell vs mvdan-sh and sh-syntax.
//
//   node bench/shell-parsers.mjs [corpusDir]
//
// mvdan-sh / sh-syntax are NOT dependencies. Install them somewhere temporary, e.g.
//   npm install --no-save mvdan-sh sh-syntax            (into this tree), or
//   (cd /tmp/x && npm install --no-save mvdan-sh sh-syntax) and SHELL_PARSERS_DIR=/tmp/x/node_modules
// Each missing one is reported and skipped. Corpus defaults to ../shared/corpus/files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpusDir = process.argv[2] ?? path.resolve(root, '../shared/corpus/files');
const COLD_RUNS = 7;
const WARM_ROUNDS = 20;

/** Where a package resolves from: this project first, then SHELL_PARSERS_DIR. */
function locate(name) {
  const bases = [path.join(root, 'package.json')];
  if (process.env.SHELL_PARSERS_DIR) bases.push(path.join(path.resolve(process.env.SHELL_PARSERS_DIR), '..', 'package.json'));
  for (const base of bases) {
    try {
      return createRequire(base).resolve(name);
    } catch {
      // try the next place
    }
  }
  return null;
}

/** Bundles src/shell/parse.ts with esbuild (a devDependency) so plain node can load it. */
async function buildOurs() {
  const { build } = await import('esbuild');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gofile-shell-')), 'parse.mjs');
  await build({ entryPoints: [path.join(root, 'src/shell/parse.ts')], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error' });
  return out;
}

/** RUN bodies in shell form: continuations kept (the parser handles them), comment lines dropped, flags stripped. */
function runBodies(text) {
  const lines = text.split(/\r?\n/);
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const m = /^\s*RUN\s+(.*)$/i.exec(lines[i]);
    if (!m) continue;
    const parts = [m[1]];
    while (/\\\s*$/.test(parts[parts.length - 1]) && i + 1 < lines.length) {
      i++;
      if (!/^\s*#/.test(lines[i])) parts.push(lines[i]);
    }
    let body = parts.join('\n');
    // strip RUN flags (--mount=…), which may sit on continuation lines
    for (let prev = ''; prev !== body; ) {
      prev = body;
      body = body.replace(/^(?:\s|\\\n)+/, '').replace(/^--\S+/, '');
    }
    if (body.startsWith('[')) continue; // exec form: no shell
    const hd = /^<<-?["']?([A-Za-z_]\w*)/.exec(body);
    if (hd) {
      // RUN <<EOT: the heredoc body is the script
      const script = [];
      while (++i < lines.length && lines[i].trim() !== hd[1]) script.push(lines[i]);
      body = script.join('\n');
    }
    out.push(body);
  }
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(x < 10 ? 3 : 1)} ms`;

/** Import + first parse in a fresh node process, COLD_RUNS times; the product's real cold start. */
function coldStart(label, code) {
  const times = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const t = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    times.push(JSON.parse(t));
  }
  const importMs = median(times.map((t) => t.import));
  const firstMs = median(times.map((t) => t.first));
  return { label, importMs, firstMs };
}

const coldCode = (importExpr, parseExpr) => `
const t0 = performance.now();
const m = ${importExpr};
const t1 = performance.now();
await (${parseExpr})('apk add --no-cache git && go build -o /out/app ./cmd/app');
const t2 = performance.now();
process.stdout.write(JSON.stringify({ import: t1 - t0, first: t2 - t1 }));`;

async function main() {
  const oursFile = await buildOurs();
  const parsers = [
    {
      label: 'gofile src/shell',
      cold: coldCode(`await import(${JSON.stringify(pathToFileURL(oursFile).href)})`, 's => m.parseShell(s)'),
      load: async () => {
        const m = await import(pathToFileURL(oursFile).href);
        return (s) => m.parseShell(s);
      },
    },
  ];
  const mvdan = locate('mvdan-sh');
  if (mvdan) {
    parsers.push({
      label: 'mvdan-sh (GopherJS)',
      cold: coldCode(`(await import('node:module')).createRequire(import.meta.url)(${JSON.stringify(mvdan)})`, "s => m.syntax.NewParser().Parse(s, 'run')"),
      load: async () => {
        const sh = createRequire(import.meta.url)(mvdan);
        const p = sh.syntax.NewParser();
        return (s) => p.Parse(s, 'run');
      },
    });
  } else console.log('mvdan-sh not installed: skipped (see header for how to install it temporarily)');
  const shSyntax = locate('sh-syntax');
  if (shSyntax) {
    const url = pathToFileURL(shSyntax.replace(/index\.cjs$/, 'index.js')).href;
    parsers.push({
      label: 'sh-syntax (WASM)',
      cold: coldCode(`await import(${JSON.stringify(url)})`, 's => m.parse(s)'),
      load: async () => {
        const m = await import(url);
        return (s) => m.parse(s);
      },
    });
  } else console.log('sh-syntax not installed: skipped');

  console.log(`node ${process.version}, ${os.cpus()[0]?.model ?? 'cpu?'}`);
  console.log(`\n(a) cold start in a fresh process (median of ${COLD_RUNS}): import, then first parse of a one-line RUN`);
  const cold = parsers.map((p) => coldStart(p.label, p.cold));
  const base = cold[0].importMs + cold[0].firstMs;
  for (const c of cold) {
    const total = c.importMs + c.firstMs;
    console.log(`  ${c.label.padEnd(22)} import ${ms(c.importMs).padStart(10)}  first parse ${ms(c.firstMs).padStart(10)}  total ${ms(total).padStart(10)}  ×${(total / base).toFixed(1)}`);
  }

  if (!fs.existsSync(corpusDir)) {
    console.log(`\n(b) skipped: corpus folder ${corpusDir} is absent`);
    return;
  }
  const files = fs.readdirSync(corpusDir).filter((f) => f.endsWith('Dockerfile')).sort().slice(0, 40);
  const bodies = files.flatMap((f) => runBodies(fs.readFileSync(path.join(corpusDir, f), 'utf8')));
  const bytes = bodies.reduce((n, b) => n + b.length, 0);
  console.log(`\n(b) parsing ${bodies.length} RUN bodies (${bytes} bytes) from ${files.length} corpus Dockerfiles, warm, median of ${WARM_ROUNDS} rounds`);
  const warm = [];
  for (const p of parsers) {
    const parse = await p.load();
    let failures = 0;
    for (const b of bodies) {
      try {
        await parse(b); // warm-up, and count what the parser rejects
      } catch {
        failures++;
      }
    }
    const rounds = [];
    for (let r = 0; r < WARM_ROUNDS; r++) {
      const t0 = performance.now();
      for (const b of bodies) {
        try {
          await parse(b);
        } catch {
          // counted above
        }
      }
      rounds.push(performance.now() - t0);
    }
    warm.push({ label: p.label, total: median(rounds), failures });
  }
  for (const w of warm) {
    const per = (w.total / bodies.length) * 1000;
    console.log(`  ${w.label.padEnd(22)} all ${ms(w.total).padStart(10)}  per RUN ${per.toFixed(1).padStart(7)} µs  ×${(w.total / warm[0].total).toFixed(1)}  rejected ${w.failures}`);
  }
}

await main();
