// Positions and BuildKit's logical lines: continuations joined, comment lines dropped, heredoc bodies apart.
import type { Pos, Span } from './model.js';

/** Where each line starts; a lone CR ends a line too, as in dockerfile-ast's positions and in editors. */
export function lineOffsetsOf(text: string): number[] {
  const offsets = [0, 0]; // index 0 unused: lines are 1-based
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) offsets.push(i + 1);
  }
  return offsets;
}

export function posAt(lineOffsets: number[], offset: number): Pos {
  let lo = 1;
  let hi = lineOffsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineOffsets[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo, column: offset - lineOffsets[lo] + 1, offset };
}

export function spanOf(lineOffsets: number[], start: number, end: number): Span {
  return { start: posAt(lineOffsets, start), end: posAt(lineOffsets, end) };
}

/** A piece of logical text and where it came from in the file. */
export interface Chunk {
  at: number; // index in the logical text
  offset: number; // file offset of that index
}

export interface LogicalText {
  text: string;
  chunks: Chunk[];
}

/** Maps an index of a logical text back to a file offset. */
export function fileOffset(l: LogicalText, index: number): number {
  let c = l.chunks[0];
  for (const k of l.chunks) {
    if (k.at > index) break;
    c = k;
  }
  return c.offset + (index - c.at);
}

export interface PhysicalLine {
  start: number; // file offset
  text: string; // without the line ending
}

export function physicalLines(text: string, from: number, to: number): PhysicalLine[] {
  const out: PhysicalLine[] = [];
  let s = from;
  while (s <= to && s < text.length) {
    let e = text.indexOf('\n', s);
    if (e < 0 || e > to) e = Math.min(to, text.length);
    let t = text.slice(s, e);
    if (t.endsWith('\r')) t = t.slice(0, -1);
    out.push({ start: s, text: t });
    if (e >= to || e >= text.length) break;
    s = e + 1;
  }
  return out;
}

const isBlank = (s: string) => /^[ \t]*$/.test(s);
const isCommentLine = (s: string) => /^[ \t]*#/.test(s);

/**
 * Joins the first logical line of an instruction as BuildKit's parser does: an escape at the end of
 * a line continues it, comment and empty lines inside a continuation are skipped.
 * Returns the logical text and the physical lines after it (heredoc bodies).
 */
export function joinLogicalLine(lines: PhysicalLine[], escape: string): { logical: LogicalText; consumed: number; emptyContinuations: number[] } {
  const chunks: Chunk[] = [];
  let text = '';
  let i = 0;
  const emptyContinuations: number[] = [];
  const trimEscape = (s: string): [string, boolean] => {
    let j = s.length;
    while (j > 0 && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
    // BuildKit's regex `([^\\])\\[ \t]*$|^\\[ \t]*$`: an escape after an escape (`\\`) ends the line
    if (j > 0 && s[j - 1] === escape && (j === 1 || s[j - 2] !== escape)) {
      return [s.slice(0, j - 1), false];
    }
    return [s, true];
  };
  while (i < lines.length) {
    const line = lines[i];
    if (i > 0 && isCommentLine(line.text)) { i++; continue; }
    if (i > 0 && isBlank(line.text)) { emptyContinuations.push(i); i++; continue; }
    const [t, end] = trimEscape(line.text);
    chunks.push({ at: text.length, offset: line.start });
    text += t;
    i++;
    if (end) break;
  }
  if (chunks.length === 0) chunks.push({ at: 0, offset: lines[0]?.start ?? 0 });
  return { logical: { text, chunks }, consumed: i, emptyContinuations };
}

/** The text without trailing spaces and tabs; a loop, as `/[ \t]+$/` backtracks quadratically on blanks mid-text. */
export function trimBlanksEnd(s: string): string {
  let j = s.length;
  while (j > 0 && (s.charCodeAt(j - 1) === 32 || s.charCodeAt(j - 1) === 9)) j--;
  return j === s.length ? s : s.slice(0, j);
}

/** Skips leading spaces/tabs of a logical text, keeping the chunk map right. */
export function trimStart(l: LogicalText): LogicalText {
  const m = /^[ \t]*/.exec(l.text)![0].length;
  if (m === 0) return l;
  return shift(l, m);
}

export function shift(l: LogicalText, by: number): LogicalText {
  const chunks: Chunk[] = [];
  for (const c of l.chunks) {
    if (c.at >= by) chunks.push({ at: c.at - by, offset: c.offset });
  }
  if (chunks.length === 0 || chunks[0].at > 0) chunks.unshift({ at: 0, offset: fileOffset(l, by) });
  return { text: l.text.slice(by), chunks };
}

/**
 * The text with the last escape of every non-comment line ending in two escapes (`\\`) masked,
 * so a parser that treats those as continuations splits lines where BuildKit does. Offsets are kept.
 */
export function maskEscapedLineEnds(text: string, escape: string): string {
  if (!text.includes(escape + escape)) return text; // nothing to mask: skip the per-line pass
  return text.replace(/^([^\n]*)$/gm, (line) => {
    if (/^[ \t]*#/.test(line)) return line;
    let j = line.length;
    while (j > 0 && (line[j - 1] === ' ' || line[j - 1] === '\t' || line[j - 1] === '\r')) j--;
    if (j >= 2 && line[j - 1] === escape && line[j - 2] === escape) return line.slice(0, j - 1) + '_' + line.slice(j);
    return line;
  });
}

export interface RawFlag {
  name: string;
  value: string | null;
  start: number; // index in the logical text
  end: number;
}

/**
 * Reads `--name[=value]` words at `from` the way BuildKit's parser does (quotes removed, `\` escapes,
 * a lone `--` ends them) and returns them with the index where the arguments start.
 */
export function extractFlags(line: string, from: number): { flags: RawFlag[]; argsStart: number } {
  const flags: RawFlag[] = [];
  let pos = from;
  const n = line.length;
  const space = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n' || c === '\v' || c === '\f';
  for (;;) {
    while (pos < n && space(line[pos])) pos++;
    if (pos >= n || line[pos] !== '-' || line[pos + 1] !== '-') return { flags, argsStart: pos };
    const start = pos;
    let word = '';
    let quote = '';
    for (; pos < n; pos++) {
      const c = line[pos];
      if (quote) {
        if (c === quote) { quote = ''; continue; }
        if (c === '\\' && pos + 1 < n) { word += line[++pos]; continue; }
        word += c;
        continue;
      }
      if (space(c)) break;
      if (c === '"' || c === "'") { quote = c; continue; }
      if (c === '\\' && pos + 1 < n) { word += line[++pos]; continue; }
      word += c;
    }
    if (word === '--') {
      while (pos < n && space(line[pos])) pos++;
      return { flags, argsStart: pos };
    }
    const body = word.slice(2);
    const eq = body.indexOf('=');
    flags.push({ name: (eq < 0 ? body : body.slice(0, eq)).toLowerCase(), value: eq < 0 ? null : body.slice(eq + 1), start, end: pos });
  }
}
