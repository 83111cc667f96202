// The few text rules the spec route shares with BuildKit: `${NAME}` substitution and the instruction
// text that progress names and descriptions carry.

/** expand's ` \` + newline + 4 spaces continuation, as BuildKit's parser joins it: the backslash goes, the spaces stay. */
export const CONT = '     ';

export interface SubstituteOptions {
  /** Leave unset variables as written (BuildKit's progress names); otherwise they become ''. */
  keepUnset?: boolean;
}

/**
 * Replaces `$NAME` and `${NAME}` from `env`; null when the text uses any other `${…}` form, which
 * BuildKit v0.11's lexer refuses (a progress name then keeps the text as written).
 */
export function substitute(text: string, env: ReadonlyMap<string, string>, o: SubstituteOptions = {}): string | null {
  if (/\$\{(?![A-Za-z_][A-Za-z0-9_]*\})/.test(text)) return null;
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, braced: string | undefined, bare: string | undefined) => {
    const v = env.get(braced ?? bare!);
    return v ?? (o.keepUnset ? whole : '');
  });
}

/** A progress name: variables substituted where BuildKit could, the keyword upper-cased. */
export function progressName(code: string, env: ReadonlyMap<string, string>, keepUnset: boolean): string {
  const w = substitute(code, env, { keepUnset }) ?? code;
  const sp = w.indexOf(' ');
  return sp < 0 ? w.toUpperCase() : w.slice(0, sp).toUpperCase() + w.slice(sp);
}

/** Go's path.Join for absolute container paths: clean, no trailing slash. */
export function joinAbs(...parts: string[]): string {
  const out: string[] = [];
  for (const part of parts.join('/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
