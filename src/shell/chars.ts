// Character classes and reserved words shared by the shell splitter; plain switches keep the hot loop free of regexes.

/** Unquoted characters that end a word (blanks, newline and operator starts). */
export function isMeta(c: string): boolean {
  switch (c) {
    case ' ': case '\t': case '\r': case '\n':
    case ';': case '&': case '|': case '(': case ')': case '<': case '>':
      return true;
    default:
      return false;
  }
}

/** `\r` counts as a blank so CRLF Dockerfiles split like LF ones. */
export function isBlank(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\r';
}

export function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

export function isNameStart(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_';
}

export function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

/** Reserved words that close a list; only special at the start of a command. */
export const CLOSERS: ReadonlySet<string> = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);

/** Shells whose `-c` argument is itself a script worth splitting. */
export const SHELLS: ReadonlySet<string> = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/** Last path segment, so `/bin/sh` and `sh` compare equal. */
export function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? path : path.slice(i + 1);
}
