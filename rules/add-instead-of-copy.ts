import type { CopyInstruction } from '../src/dockerfile/model.js';
import { expandVars } from '../src/dockerfile/expand.js';
import { splitFields } from '../src/dockerfile/words.js';
import type { Rule, RuleDocs } from '../src/lint/types.js';

// What only ADD does: fetch URLs and git repositories, unpack local tar archives (compressed or not).
const REMOTE = /^([a-z][a-z0-9+.-]*:\/\/|git@)/i;
const ARCHIVE = /\.(tar|tgz|tbz2?|txz|tzst|gz|bz2|xz|zst|zstd|lz4)$/i;
const ADD_ONLY_FLAGS = new Set(['checksum', 'keep-git-dir', 'unpack']);

/** Do all sources name local files that COPY would copy the same way? False when a variable could hide a URL. */
function allLocalPlainFiles(add: CopyInstruction, escape: string): boolean {
  if (add.flags.some((f) => ADD_ONLY_FLAGS.has(f.name)) || add.from !== undefined) return false;
  const raw = add.json ?? splitFields(add.args).map((w) => w.text);
  const unknownVar = raw.slice(0, -1).some((w) => expandVars(w, (k) => add.vars.get(k) ?? undefined, { escape }).unset.length > 0);
  if (unknownVar || !add.sources.length) return false;
  return add.sources.every((s) => !REMOTE.test(s) && !ARCHIVE.test(s.replace(/["']/g, '')));
}

export default {
  meta: {
    code: 'GF211',
    name: 'add-instead-of-copy',
    severity: 'warning',
    category: 'hygiene',
    description: 'Use COPY for local files; keep ADD for URLs, git repositories and archives to unpack.',
    aliases: ['DL3020', 'DS005', 'DS-0005', 'CKV_DOCKER_4'],
    fixable: true,
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      for (const inst of stage.instructions) {
        if (inst.keyword !== 'ADD') continue;
        if (!allLocalPlainFiles(inst as CopyInstruction, ctx.model.escape)) continue;
        const kw = inst.keywordText;
        const text = kw === kw.toLowerCase() ? 'copy' : 'COPY';
        const fix = { description: 'use COPY', edits: [{ start: inst.keywordSpan.start.offset, end: inst.keywordSpan.end.offset, text }] };
        ctx.report({ span: inst.keywordSpan, message: 'use COPY for local files: ADD also fetches URLs and unpacks archives, which this line does not need', fix });
      }
    }
  },
} satisfies Rule;

// Its page (rules/add-instead-of-copy.md), `gofile explain` and SARIF help; loaded only by those.
export const docs: RuleDocs = {
  why: 'ADD does more than copy: it downloads URLs and silently unpacks any local tar archive it is given. Used for plain files it hides that magic in a line that reads like a copy, and a later rename of a file to `.tar.gz` changes what the image contains. COPY says exactly what happens. ADD stays the right tool for remote sources (with `--checksum`), git repositories and archives you mean to unpack; those are not reported.',
  bad: 'FROM golang:1.23\nWORKDIR /src\nADD . .',
  good: 'FROM golang:1.23\nWORKDIR /src\nCOPY . .',
};
