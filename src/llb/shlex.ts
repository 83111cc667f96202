// Shell-like word splitting with the rules of github.com/google/shlex, which llb.Shlex uses.

export class ShlexError extends Error {}

/** Splits `s` into words: whitespace separates, quotes group, backslash escapes, `#` starts a comment. */
export function shlexSplit(s: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n') {
      if (word !== null) words.push(word);
      word = null;
    } else if (ch === '#' && word === null) {
      while (i < chars.length && chars[i] !== '\n') i++;
    } else if (ch === '\\') {
      if (i + 1 >= chars.length) throw new ShlexError('EOF found after escape character');
      word = (word ?? '') + chars[++i];
    } else if (ch === "'") {
      const end = chars.indexOf("'", i + 1);
      if (end < 0) throw new ShlexError('EOF found when expecting closing quote');
      word = (word ?? '') + chars.slice(i + 1, end).join('');
      i = end;
    } else if (ch === '"') {
      let acc = '';
      let j = i + 1;
      for (; j < chars.length && chars[j] !== '"'; j++) {
        if (chars[j] === '\\') {
          if (j + 1 >= chars.length) throw new ShlexError('EOF found after escape character');
          acc += chars[++j];
        } else acc += chars[j];
      }
      if (j >= chars.length) throw new ShlexError('EOF found when expecting closing quote');
      word = (word ?? '') + acc;
      i = j;
    } else {
      word = (word ?? '') + ch;
    }
  }
  if (word !== null) words.push(word);
  return words;
}
