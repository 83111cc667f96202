import type { CopyInstruction } from '../src/dockerfile/model.js';
import { splitFields } from '../src/dockerfile/words.js';
import type { Fix, Rule, RuleDocs } from '../src/lint/types.js';

const GLOB = /[*?[]/;

/** A destination that already names a directory: a trailing slash, `.`, `..`, or `/.`. */
function isDirectory(dest: string): boolean {
  return /\/$/.test(dest) || /(^|\/)\.\.?$/.test(dest);
}

/** Why several files may land on dest, or undefined when only one can. */
function manySources(c: CopyInstruction): string | undefined {
  if (c.sources.length > 1) return `${c.sources.length} sources`;
  const only = c.sources[0];
  // A wildcard aimed at a file name with an extension (`*.jar app.jar`) is meant to match one file.
  if (only && GLOB.test(only) && !/\.[A-Za-z0-9]+$/.test(c.dest.split('/').pop() ?? '')) return `the wildcard ${only}`;
  return undefined;
}

/** Insert the slash at the end of the destination as written (inside its quotes). */
function appendSlash(c: CopyInstruction): Fix | undefined {
  let end: number;
  if (c.json) {
    end = c.args.lastIndexOf('"');
    if (end < 0) return undefined;
  } else {
    const last = splitFields(c.args).at(-1);
    if (!last) return undefined;
    end = /["']$/.test(last.text) ? last.end - 1 : last.end;
  }
  const at = c.argOffset(end - 1) + 1;
  if (/[*?[]/.test(c.dest)) return undefined; // a literal wildcard in the destination: what was meant is unclear
  return { description: 'end the destination with /', edits: [{ start: at, end: at, text: '/' }] };
}

export default {
  meta: {
    code: 'GF212',
    name: 'copy-dest-not-directory',
    severity: 'error',
    category: 'correctness',
    description: 'COPY/ADD of several sources (or a wildcard) needs a destination that ends in /.',
    aliases: ['DL3021', 'DS011', 'DS-0011'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') continue;
        const c = inst as CopyInstruction;
        const why = manySources(c);
        if (!why || !c.dest || isDirectory(c.dest)) continue;
        const span = c.argsSpan ?? c.span;
        ctx.report({ span, message: `${why} go to ${c.dest}: end the destination with / (${c.dest}/) so it is a directory`, fix: appendSlash(c) });
      }
    }
  },
} satisfies Rule;

// Its page (rules/copy-dest-not-directory.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'With several sources the destination must be a directory. The classic builder refuses `COPY go.mod go.sum /src` outright; BuildKit accepts it and, when /src does not exist yet, copies each file onto the same path, so the image ends up with a file /src holding go.sum (moby/buildkit#1853). A wildcard that matches several files behaves the same. A trailing `/` makes the destination a directory in every builder.',
  bad: 'FROM golang:1.23\nCOPY go.mod go.sum /src\nWORKDIR /src',
  good: 'FROM golang:1.23\nCOPY go.mod go.sum /src/\nWORKDIR /src',
};
