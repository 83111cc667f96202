// src/dockerfile/ast.ts reuses dockerfile-ast's parser internals with light instruction records (for speed);
// this keeps it honest: on every corpus file and mutations of them, it must split exactly as DockerfileParser.parse.
// An upgrade of dockerfile-ast that changes those internals fails here (the version is pinned in package.json).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { describe, expect, it } from 'vitest';
import { parseAst } from '../../src/dockerfile/ast.js';
import { CORPUS, REPO } from '../helpers/shared.js';

type Ranged = { getRange(): { start: { line: number; character: number }; end: { line: number; character: number } } };
const r = (x: Ranged) => { const g = x.getRange(); return `${g.start.line}:${g.start.character}-${g.end.line}:${g.end.character}`; };

function shape(ast: ReturnType<typeof parseAst> | ReturnType<typeof DockerfileParser.parse>): string {
  return JSON.stringify({
    directives: ast.getDirectives().map((d) => [r(d), d.getName(), d.getValue()]),
    comments: ast.getComments().map((c) => [r(c), c.getContent()]),
    instructions: ast.getInstructions().map((i) => {
      const ir = i.getInstructionRange();
      return [r(i), `${ir.start.line}:${ir.start.character}-${ir.end.line}:${ir.end.character}`, i.getInstruction()];
    }),
  });
}

function texts(): string[] {
  const out: string[] = [];
  const shared = join(CORPUS, 'files');
  if (existsSync(shared)) for (const f of readdirSync(shared)) out.push(readFileSync(join(shared, f), 'utf8'));
  const own = join(REPO, 'corpus', 'dockerfiles');
  for (const d of readdirSync(own)) if (existsSync(join(own, d, 'Dockerfile'))) out.push(readFileSync(join(own, d, 'Dockerfile'), 'utf8'));
  return out;
}

// Deterministic mutations that stress the splitter: heredocs, escapes, CRLF, lone CR, comments, cut-off endings.
const SNIPPETS = ['<<EOF\nbody\nEOF\n', '<<-"X"\n\tx\n\tX\n', ' \\\n', '\\', '\\ \n', '`\n', '\r\n', '\r', '\n# c\n', '#', ' <<', '<', '\n\n',
  'ONBUILD RUN <<E\nx\nE\n', 'RUN cat <<A <<B\na\nA\nb\nB\n', '\n# escape=`\n', '\t', ' ', '"', "'", '$', '=', 'RUN ', '\ufeff'];
function mutations(text: string, count: number, seed0: number): string[] {
  let seed = seed0;
  const rand = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const out: string[] = [];
  for (let m = 0; m < count; m++) {
    let t = text;
    for (let k = 1 + rand(4); k > 0; k--) {
      const at = rand(t.length + 1);
      switch (rand(4)) {
        case 0: t = t.slice(0, at) + SNIPPETS[rand(SNIPPETS.length)] + t.slice(at); break;
        case 1: t = t.slice(0, at) + t.slice(at + 1 + rand(20)); break;
        case 2: t = t.slice(0, at); break;
        default: t = (rand(2) ? '# escape=`\n' : '# syntax=docker/dockerfile:1\n') + t.replace(/\n/g, rand(2) ? '\r\n' : '\n');
      }
    }
    out.push(t);
  }
  return out;
}

describe('ast.ts splits like dockerfile-ast', () => {
  it('on every corpus file and 10 mutations of each', () => {
    let checked = 0;
    texts().forEach((text, i) => {
      for (const v of [text, ...mutations(text, 10, 42 + i)]) {
        expect(shape(parseAst(v)), JSON.stringify(v).slice(0, 200)).toBe(shape(DockerfileParser.parse(v)));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(90);
  });
});
