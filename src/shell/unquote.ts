// Unquotes a word while remembering where each character came from, so `bash -c "…"` commands keep real offsets.

export interface UnquotedMap {
  value: string;
  /** from[i]/to[i]: the raw span (relative to the word) that produced value[i]. */
  from: number[];
  to: number[];
}

/** Same unquoting as the word scanner for quotes and backslashes; `$…` is copied literally. */
export function unquoteWithMap(raw: string): UnquotedMap {
  let value = '';
  const from: number[] = [];
  const to: number[] = [];
  const put = (ch: string, a: number, b: number): void => {
    value += ch;
    from.push(a);
    to.push(b);
  };
  let i = 0;
  let dq = false;
  while (i < raw.length) {
    const c = raw[i];
    if (!dq && c === "'") {
      const close = raw.indexOf("'", i + 1);
      const stop = close < 0 ? raw.length : close;
      for (let j = i + 1; j < stop; j++) put(raw[j], j, j + 1);
      i = close < 0 ? raw.length : close + 1;
    } else if (c === '"') {
      dq = !dq;
      i++;
    } else if (c === '\\' && i + 1 < raw.length) {
      const n = raw[i + 1];
      if (n === '\n') i += 2;
      else if (!dq || n === '$' || n === '`' || n === '"' || n === '\\') {
        put(n, i, i + 2);
        i += 2;
      } else {
        put(c, i, i + 1);
        i++;
      }
    } else {
      put(c, i, i + 1);
      i++;
    }
  }
  return { value, from, to };
}
