// Compact rendering of parsed commands so table tests read like the shell they check.
import type { ShellScript, SimpleCommand } from '../../src/shell/types.js';

const q = (s: string): string => (s === '' || /[\s"]/.test(s) ? JSON.stringify(s) : s);

/** `0 && P [A=1] go build "-s -w"`: depth, joiner (^ = first, NL = newline), P if in a pipeline, [assignments], words. */
export function show(c: SimpleCommand): string {
  const j = c.joinedBy === null ? '^' : c.joinedBy === '\n' ? 'NL' : c.joinedBy;
  const parts = [String(c.depth), j];
  if (c.inPipeline) parts.push('P');
  for (const a of c.assignments) parts.push(`[${a.name}=${q(a.value)}]`);
  for (const w of c.words) parts.push(q(w.value));
  return parts.join(' ');
}

export function showAll(s: ShellScript): string[] {
  return s.commands.map(show);
}

/** The invariant every consumer relies on: offsets index the original text. */
export function offsetsHold(s: ShellScript): boolean {
  for (const c of s.commands) {
    if (c.start > c.end || c.end > s.source.length) return false;
    for (const w of c.words) if (s.source.slice(w.start, w.end) !== w.raw) return false;
    for (const a of c.assignments) if (a.start > a.end || a.end > s.source.length) return false;
  }
  return true;
}
