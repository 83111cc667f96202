// The go.mod beside a Dockerfile: its `go` and `toolchain` lines, for version rules and spec defaults.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoMod {
  module?: string;
  goVersion?: string;
  toolchain?: string;
}

export function parseGoMod(text: string): GoMod {
  const out: GoMod = {};
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    let m;
    if ((m = /^module\s+"?([^\s"]+)"?$/.exec(line))) out.module = m[1];
    else if ((m = /^go\s+(\d+\.\d+(?:\.\d+)?)$/.exec(line))) out.goVersion = m[1];
    else if ((m = /^toolchain\s+go(\d+\.\d+(?:\.\d+)?)/.exec(line))) out.toolchain = m[1];
  }
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
