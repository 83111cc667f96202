// The go.mod beside a Dockerfile or spec: its `go` and `toolchain` lines, for version rules and spec defaults, and
// the local directories its replace directives name, whose go.mod files the module download needs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoMod {
  module?: string;
  goVersion?: string;
  toolchain?: string;
  /** `replace x => ../lib`: each filesystem path a replace names, as written, with its line. */
  localReplaces?: { path: string; line: number }[];
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
    const replace = block === 'replace' ? line : /^replace\s+(.*)$/.exec(line)?.[1];
    if (replace !== undefined) {
      const target = /=>\s*"?([^\s"]+)"?/.exec(replace)?.[1];
      if (target && LOCAL.test(target)) (out.localReplaces ??= []).push({ path: target, line: i + 1 });
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
