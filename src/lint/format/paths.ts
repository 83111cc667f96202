import path from 'node:path';
import type { Finding } from '../types.js';

const relativeCache = new Map<string, string>();

/** The path as a reader of the report sees it: relative to cwd, with forward slashes on every OS. */
export function relativePath(file: string, cwd: string): string {
  // asked once per finding by the sort and again by the format, for a handful of files
  const key = `${cwd}\0${file}`;
  let out = relativeCache.get(key);
  if (out === undefined) {
    const rel = path.relative(cwd, path.resolve(cwd, file));
    out = (rel === '' ? '.' : rel).split(path.sep).join('/');
    if (relativeCache.size > 10_000) relativeCache.clear();
    relativeCache.set(key, out);
  }
  return out;
}

/** Findings in reading order (file, then position), so every format is deterministic whatever the engine's order. */
export function sortFindings(findings: readonly Finding[], cwd: string): Finding[] {
  const keyed = findings.map((f) => ({ f, file: relativePath(f.file, cwd) }));
  keyed.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.f.line - b.f.line ||
      a.f.column - b.f.column ||
      a.f.endLine - b.f.endLine ||
      a.f.endColumn - b.f.endColumn ||
      compareText(a.f.code, b.f.code) ||
      compareText(a.f.message, b.f.message),
  );
  return keyed.map((k) => k.f);
}

/** Every file to report on, relative and sorted: the linted files plus any that only findings name. */
export function reportedFiles(findings: readonly Finding[], files: readonly string[], cwd: string): string[] {
  const all = new Set<string>();
  for (const f of files) all.add(relativePath(f, cwd));
  for (const f of findings) all.add(relativePath(f.file, cwd));
  return [...all].sort(compareText);
}

/** Code-unit order, not locale order: the same bytes on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
