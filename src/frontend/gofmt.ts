// The few Go fmt/time behaviours that end up in BuildKit's history strings and errors.
import { goQuote } from './lex.js';

/** fmt %q of a []string: `["a" "b"]`. */
export function quoteList(list: readonly string[] | null | undefined): string {
  return '[' + (list ?? []).map(goQuote).join(' ') + ']';
}

/** fmt %v of a []string: `[a b]`. */
export function plainList(list: readonly string[] | null | undefined): string {
  return '[' + (list ?? []).join(' ') + ']';
}

/** fmt %q of an int: a quoted rune literal, as strconv.QuoteRune writes it. */
export function quoteRune(n: number): string {
  if (n === 0x27) return "'\\''";
  if (n === 0x5c) return "'\\\\'";
  if (n >= 0x20 && n < 0x7f) return `'${String.fromCharCode(n)}'`;
  const esc: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r' };
  if (esc[n]) return `'${esc[n]}'`;
  if (n < 0x100) return `'\\x${n.toString(16).padStart(2, '0')}'`;
  return `'${String.fromCodePoint(n)}'`;
}

const UNITS: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, 'μs': 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** time.ParseDuration, in nanoseconds; null when Go would refuse it. */
export function parseDuration(s: string): number | null {
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '0') return 0;
  if (rest === '') return null;
  let total = 0;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
    total += Number(`${m[1] || '0'}.${m[2] || '0'}`) * UNITS[m[3]];
    rest = rest.slice(m[0].length);
  }
  return sign * Math.round(total);
}

/** time.Duration.String: 1m0s, 1.5s, 300ms, 0s. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  const neg = ns < 0;
  let u = Math.abs(ns);
  let out: string;
  if (u < 1e9) {
    const [unit, div] = u < 1e3 ? ['ns', 1] : u < 1e6 ? ['µs', 1e3] : ['ms', 1e6];
    out = trimFraction(u / div) + unit;
  } else {
    const h = Math.floor(u / 3600e9);
    u -= h * 3600e9;
    const m = Math.floor(u / 60e9);
    u -= m * 60e9;
    out = trimFraction(u / 1e9) + 's';
    if (h > 0 || m > 0) out = `${m}m` + out;
    if (h > 0) out = `${h}h` + out;
  }
  return (neg ? '-' : '') + out;
}

function trimFraction(v: number): string {
  return v.toFixed(9).replace(/\.?0+$/, '');
}
