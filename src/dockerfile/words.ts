// Word splitting of instruction arguments, the two ways BuildKit's parser does it.

export interface Word {
  text: string; // as written, quotes kept
  start: number; // index in the argument text
  end: number;
}

/** Whitespace-delimited words (FROM, COPY, ADD, USER… in BuildKit), ignoring quotes. */
export function splitFields(s: string): Word[] {
  const out: Word[] = [];
  const re = /[^ \t\r\n]+/g;
  for (let m; (m = re.exec(s)); ) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/** Shell-like words that keep quoted whitespace together (ENV, ARG, LABEL key=value lists). */
export function splitQuotedWords(s: string, escape: string): Word[] {
  const out: Word[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    while (i < n && isSpace(s[i])) i++;
    if (i >= n) break;
    const start = i;
    let q: string | null = null;
    while (i < n) {
      const c = s[i];
      if (q) {
        if (c === escape && q === '"' && i + 1 < n) { i += 2; continue; }
        if (c === q) q = null;
        i++;
        continue;
      }
      if (c === escape && i + 1 < n) { i += 2; continue; }
      if (c === '"' || c === "'") { q = c; i++; continue; }
      if (isSpace(c)) break;
      i++;
    }
    out.push({ text: s.slice(start, i), start, end: i });
  }
  return out;
}

/** Where the JSON value that opens `t` with `[` ends (its closing bracket + 1), or -1 when it does not close. */
function firstValueEnd(t: string): number {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '"') {
      for (i++; i < t.length && t[i] !== '"'; i++) if (t[i] === '\\') i++;
      continue;
    }
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * BuildKit's exec form: a JSON array of strings, else null (shell form). Like BuildKit's json.Decoder, only the first
 * JSON value counts: `["/app"] || exit 1` is the exec form ["/app"], what follows it ignored.
 */
export function parseJSONArray(s: string): string[] | null {
  const v = leadingJSONArray(s);
  return v && v.every((x) => typeof x === 'string') ? (v as string[]) : null;
}

/** The JSON array `s` opens with, whatever its items (BuildKit refuses one that is not all strings), or null. */
export function leadingJSONArray(s: string): unknown[] | null {
  const t = s.trim();
  if (!t.startsWith('[')) return null;
  const end = firstValueEnd(t);
  if (end < 0) return null;
  try {
    const v: unknown = JSON.parse(t.slice(0, end));
    return Array.isArray(v) ? v : null;
  } catch {
    return null; // not JSON: BuildKit treats it as the shell form
  }
}
