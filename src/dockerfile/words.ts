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

/** BuildKit's exec form: a JSON array of strings, else null (shell form). */
export function parseJSONArray(s: string): string[] | null {
  const t = s.trim();
  if (!t.startsWith('[') || !t.endsWith(']')) return null;
  try {
    const v: unknown = JSON.parse(t);
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  } catch {
    // not JSON: BuildKit treats it as the shell form
  }
  return null;
}
