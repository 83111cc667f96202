// Variable substitution as BuildKit's shell lexer does it for Dockerfile instructions.

export type Lookup = (name: string) => string | undefined;

export interface ExpandResult {
  value: string;
  /** Variables referenced while unset (empty-string values count as set). */
  unset: string[];
  error?: string;
}

export interface ExpandOptions {
  escape?: string;
  /** Strip quotes as BuildKit does for words (FROM, COPY, ENV values…). */
  stripQuotes?: boolean;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Expands `$A`, `${A}`, `${A:-x}`, `${A-x}`, `${A:+x}`, `${A+x}`, `${A:?x}`, `${A#p}`, `${A%p}`. */
export function expandVars(text: string, lookup: Lookup, opts: ExpandOptions = {}): ExpandResult {
  const esc = opts.escape ?? '\\';
  const strip = opts.stripQuotes ?? false;
  const unset: string[] = [];
  let error: string | undefined;
  let out = '';
  let i = 0;
  let quote: '"' | "'" | null = null;
  const n = text.length;

  const readVar = (): string => {
    // text[i] === '$'
    const next = text[i + 1];
    if (next === '{') return readBraced();
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < n && NAME_CHAR.test(text[j])) j++;
      const name = text.slice(i + 1, j);
      i = j;
      const v = lookup(name);
      if (v === undefined) unset.push(name);
      return v ?? '';
    }
    i++;
    return '$';
  };

  const readBraced = (): string => {
    const open = i;
    let j = i + 2;
    while (j < n && NAME_CHAR.test(text[j])) j++;
    const name = text.slice(i + 2, j);
    // find the matching close brace, honouring nesting
    let depth = 1;
    let k = j;
    while (k < n && depth > 0) {
      if (text[k] === esc && k + 1 < n) { k += 2; continue; }
      if (text[k] === '{') depth++;
      else if (text[k] === '}') depth--;
      if (depth > 0) k++;
    }
    if (k >= n) {
      error ??= `missing '}' in "${text}"`;
      i = n;
      return text.slice(open);
    }
    const rest = text.slice(j, k);
    i = k + 1;
    if (name === '') {
      error ??= `bad substitution "${text.slice(open, k + 1)}"`;
      return '';
    }
    const v = lookup(name);
    const isSet = v !== undefined;
    const nonEmpty = isSet && v !== '';
    if (rest === '') {
      if (!isSet) unset.push(name);
      return v ?? '';
    }
    const word = () => {
      const r = expandVars(rest.replace(/^(:?[-+?]|##?|%%?)/, ''), lookup, { escape: esc, stripQuotes: strip });
      unset.push(...r.unset);
      error ??= r.error;
      return r.value;
    };
    if (rest.startsWith(':-')) return nonEmpty ? v! : word();
    if (rest.startsWith('-')) return isSet ? v! : word();
    if (rest.startsWith(':+')) return nonEmpty ? word() : '';
    if (rest.startsWith('+')) return isSet ? word() : '';
    if (rest.startsWith(':?') || rest.startsWith('?')) {
      const ok = rest.startsWith(':?') ? nonEmpty : isSet;
      if (!ok) error ??= `${name}: ${word() || 'is not allowed to be unset'}`;
      return v ?? '';
    }
    if (rest.startsWith('#') || rest.startsWith('%')) {
      if (!isSet) unset.push(name);
      const greedy = rest.startsWith('##') || rest.startsWith('%%');
      return trimPattern(v ?? '', word(), rest[0] === '#', greedy);
    }
    // BuildKit v0.11 rejects ${A/x/y} and anything else after the name
    error ??= `failed to process "${text}": missing ':' in substitution`;
    return v ?? '';
  };

  while (i < n) {
    const c = text[i];
    if (quote === "'") {
      if (c === "'") { quote = null; if (!strip) out += c; i++; continue; }
      out += c; i++; continue;
    }
    if (c === esc && i + 1 < n) {
      const d = text[i + 1];
      if (quote === '"' && d !== '"' && d !== '$' && d !== esc) { out += c + d; i += 2; continue; }
      out += strip ? d : c + d;
      i += 2;
      continue;
    }
    if (c === '$') { out += readVar(); continue; }
    if (c === '"' || (c === "'" && quote === null)) {
      if (quote === c) quote = null;
      else if (quote === null) quote = c;
      else { out += c; i++; continue; }
      if (!strip) out += c;
      i++;
      continue;
    }
    out += c;
    i++;
  }
  return { value: out, unset, error };
}

// Shell-style prefix/suffix removal with `*` and `?` globs.
function trimPattern(value: string, pattern: string, prefix: boolean, greedy: boolean): string {
  const re = new RegExp('^' + pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's');
  const lens: number[] = [];
  for (let len = 0; len <= value.length; len++) lens.push(len);
  if (greedy) lens.reverse();
  for (const len of lens) {
    const part = prefix ? value.slice(0, len) : value.slice(value.length - len);
    if (re.test(part)) return prefix ? value.slice(len) : value.slice(0, value.length - len);
  }
  return value;
}

/** The names of variables a text references, in order. */
export function referencedVars(text: string): string[] {
  const names: string[] = [];
  const re = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)|([A-Za-z_][A-Za-z0-9_]*))/g;
  for (let m; (m = re.exec(text)); ) names.push(m[1] ?? m[2]);
  return names;
}
