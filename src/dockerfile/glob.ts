// COPY source patterns as BuildKit matches them (Go's filepath.Match), turned into regexes that cannot fail to compile.

/** `s` as a regex that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * A regex for a path pattern: `*` and `?` stay within one path element, `[…]` is a class (`[!…]` or `[^…]` negated),
 * `\x` is a literal x. A class with no closing `]` (filepath.Match's ErrBadPattern) is taken literally, so a typo in
 * a Dockerfile never becomes an invalid regex. `tail` is what may follow the match, e.g. `(/.*)?` for a directory.
 */
export function globRegExp(pattern: string, tail = ''): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < pattern.length) out += escapeRegExp(pattern[++i]);
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) { out += '\\['; continue; }
      let body = pattern.slice(i + 1, end);
      const negate = body[0] === '!' || body[0] === '^';
      if (negate) body = body.slice(1);
      // inside a class only \ ] ^ need escaping for the regex; a - keeps its range meaning, / never matches
      out += `[${negate ? '^/' : ''}${body.replace(/[\\\]^[]/g, '\\$&')}]`;
      i = end;
    } else out += escapeRegExp(c);
  }
  try {
    return new RegExp(`^${out}${tail}$`);
  } catch {
    // a class V8 refuses (a reversed range, [z-a]) is as bad a pattern to Go: match the text literally
    return new RegExp(`^${escapeRegExp(pattern)}${tail}$`);
  }
}
