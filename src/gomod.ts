// The go.mod beside a Dockerfile or spec: its `go` and `toolchain` lines, for version rules and spec defaults, and
// the local directories its replace directives name, whose go.mod files the module download needs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoMod {
  module?: string;
  goVersion?: string;
  toolchain?: string;
  /** `replace x => ../lib`: each filesystem path a replace names (quotes removed), the module it replaces, and its line. */
  localReplaces?: { path: string; line: number; module?: string }[];
  /** The module paths the require directives name. */
  requires?: Set<string>;
}

/** A go.mod line's tokens: words, "quoted" (with escapes) and `raw` strings, up to a // comment. */
function tokens(text: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length;) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (text.startsWith('//', i)) break;
    if (c === '"' || c === '`') {
      let v = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) v += c === '"' && text[j] === '\\' ? text[++j] ?? '' : text[j];
      out.push(v);
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j])) j++;
    out.push(text.slice(i, j));
    i = j;
  }
  return out;
}

// A replacement is a directory when it starts with ./ or ../ (or is absolute), as go reads it.
const LOCAL = /^(\.\.?\/|\.\.?$|\/)/;

export function parseGoMod(text: string): GoMod {
  const out: GoMod = {};
  let block = '';
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\/\/.*$/, '').trim();
    let m;
    if ((m = /^(\w+)\s*\($/.exec(line))) { block = m[1]; return; }
    if (block && line === ')') { block = ''; return; }
    const replace = block === 'replace' ? raw.trim() : /^replace\s+(.*)$/.exec(raw.trim())?.[1];
    if (replace !== undefined) {
      // `=>` is a token of its own, written with or without spaces around it
      const toks = tokens(replace).flatMap((t) => (t !== '=>' && t.includes('=>') ? t.split(/(=>)/).filter(Boolean) : [t]));
      const arrow = toks.indexOf('=>');
      const target = arrow < 0 ? undefined : toks[arrow + 1];
      if (target && LOCAL.test(target)) (out.localReplaces ??= []).push({ path: target, line: i + 1, module: toks[0] });
      return;
    }
    const require = block === 'require' ? raw.trim() : /^require\s+(.*)$/.exec(raw.trim())?.[1];
    if (require !== undefined) {
      const mod = tokens(require)[0];
      if (mod) (out.requires ??= new Set()).add(mod);
      return;
    }
    if (block) return;
    if ((m = /^module\s+"?([^\s"]+)"?$/.exec(line))) out.module = m[1];
    else if ((m = /^go\s+(\d+\.\d+(?:\.\d+)?)$/.exec(line))) out.goVersion = m[1];
    else if ((m = /^toolchain\s+go(\d+\.\d+(?:\.\d+)?)/.exec(line))) out.toolchain = m[1];
  });
  return out;
}

export function readGoMod(dir: string): GoMod | null {
  const file = join(dir, 'go.mod');
  // asked, not caught: lint runs this for every Dockerfile, and a thrown ENOENT is slow the first time
  if (!existsSync(file)) return null;
  try {
    return parseGoMod(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
