// Checks that src/dockerfile/ast.ts (dockerfile-ast's parser with light instruction records) splits every text exactly
// as DockerfileParser.parse does: directives, comments, and each instruction's keyword and ranges.
//
//   node bench/ast-equivalence.mjs [mutations per file, default 30]
//
// Inputs: the shared corpus, corpus/dockerfiles, and mutations of them (heredocs, escapes, CRLF, lone CR, comments,
// ONBUILD, the backtick escape directive, cut-off endings). Exits 1 on the first difference.
import { mkdtempSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const perFile = Number(process.argv[2] ?? 30);
const out = mkdtempSync(join(tmpdir(), 'gofile-ast-'));
await build({
  stdin: { contents: "export { parseAst } from './src/dockerfile/ast.ts'; export { DockerfileParser } from 'dockerfile-ast';", resolveDir: root, loader: 'ts' },
  bundle: true, format: 'esm', platform: 'node', outfile: join(out, 'ast.mjs'), logLevel: 'error',
  alias: { 'vscode-languageserver-types': join(root, 'src', 'shims', 'vscode-languageserver-types.ts') },
});
const { parseAst, DockerfileParser } = await import(pathToFileURL(join(out, 'ast.mjs')).href);

const texts = [];
const shared = resolve(root, '..', 'shared', 'corpus', 'files');
if (existsSync(shared)) for (const f of readdirSync(shared)) texts.push(readFileSync(join(shared, f), 'utf8'));
const walk = (d) => {
  for (const e of readdirSync(d, { withFileTypes: true })) {
    if (e.isDirectory()) walk(join(d, e.name));
    else if (e.name.includes('Dockerfile')) texts.push(readFileSync(join(d, e.name), 'utf8'));
  }
};
walk(join(root, 'corpus', 'dockerfiles'));

const r = (x) => `${x.start.line}:${x.start.character}-${x.end.line}:${x.end.character}`;
function describe(ast) {
  return JSON.stringify({
    directives: ast.getDirectives().map((d) => [r(d.getRange()), d.getName(), d.getValue()]),
    comments: ast.getComments().map((c) => [r(c.getRange()), c.getContent()]),
    instructions: ast.getInstructions().map((i) => [r(i.getRange()), r(i.getInstructionRange()), i.getInstruction()]),
  });
}

// Deterministic pseudo-random mutations.
let seed = 42;
const rand = (n) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
const SNIPPETS = ['<<EOF\nbody\nEOF\n', '<<-"X"\n\tx\n\tX\n', ' \\\n', '\\', '\\ \n', '`\n', '\r\n', '\r', '\n# c\n', '#', ' <<', '<', '\n\n',
  'ONBUILD RUN <<E\nx\nE\n', 'RUN cat <<A <<B\na\nA\nb\nB\n', '\n# escape=`\n', '\t', ' ', '"', "'", '$', '=', 'RUN ', '\ufeff'];
function mutate(text) {
  let t = text;
  const n = 1 + rand(4);
  for (let k = 0; k < n; k++) {
    const at = rand(t.length + 1);
    switch (rand(4)) {
      case 0: t = t.slice(0, at) + SNIPPETS[rand(SNIPPETS.length)] + t.slice(at); break;
      case 1: t = t.slice(0, at) + t.slice(at + 1 + rand(20)); break;
      case 2: t = t.slice(0, at); break;
      default: t = (rand(2) ? '# escape=`\n' : '# syntax=docker/dockerfile:1\n') + t.replace(/\n/g, rand(2) ? '\r\n' : '\n'); break;
    }
  }
  return t;
}

let checked = 0;
for (const text of texts) {
  const variants = [text];
  for (let i = 0; i < perFile; i++) variants.push(mutate(text));
  for (const v of variants) {
    const want = describe(DockerfileParser.parse(v));
    const got = describe(parseAst(v));
    checked++;
    if (want !== got) {
      console.log(`DIFFERENT on:\n${JSON.stringify(v)}\nwant ${want}\ngot  ${got}`);
      process.exit(1);
    }
  }
}
console.log(`ast.ts splits ${checked} texts exactly as dockerfile-ast does`);
