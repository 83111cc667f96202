// Reads a -ldflags value flag by flag: strip (-s -w), version injection (-X with build args), and the rest.

export interface LdflagsReading {
  /** Both -s and -w were given. */
  strip: boolean;
  /** Flags for the spec's `ldflags`, variables written `${NAME}`. */
  flags: string[];
  /** Variables the flags use. */
  vars: string[];
  /** Flags the spec cannot hold, with why. */
  lost: string[];
}

/** Splits a flag string the way the go command does (quotes group, are removed). */
export function splitQuoted(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q: string | null = null;
  let has = false;
  for (const c of s) {
    if (q) {
      if (c === q) q = null;
      else cur += c;
    } else if (c === '"' || c === "'") { q = c; has = true; } else if (/\s/.test(c)) {
      if (cur || has) out.push(cur);
      cur = '';
      has = false;
    } else cur += c;
  }
  if (cur || has) out.push(cur);
  return out;
}

// Linker flags whose value is the next word when written without '='.
const WITH_VALUE = new Set(['-X', '-linkmode', '-extldflags', '-extld', '-buildid', '-B', '-r', '-I', '-L', '-H', '-T', '-R', '-k', '-tmpdir', '-installsuffix', '-libgcc', '-E', '-o', '-memprofile', '-cpuprofile']);

export function readLdflags(value: string): LdflagsReading {
  const words = splitQuoted(value);
  const r: LdflagsReading = { strip: false, flags: [], vars: [], lost: [] };
  let s = false;
  let w = false;
  for (let i = 0; i < words.length; i++) {
    let flag = words[i].replace(/^--/, '-');
    let arg: string | undefined;
    const eq = flag.indexOf('=');
    if (flag === '-X' || !flag.startsWith('-X') && WITH_VALUE.has(flag)) arg = words[++i];
    else if (eq > 0 && WITH_VALUE.has(flag.slice(0, eq))) { arg = flag.slice(eq + 1); flag = flag.slice(0, eq); }
    if (flag === '-s') { s = true; continue; }
    if (flag === '-w') { w = true; continue; }
    const text = arg === undefined ? flag : flag === '-X' ? `-X ${arg}` : `${flag}=${arg}`;
    if (arg === undefined && WITH_VALUE.has(flag)) { r.lost.push(`\`${flag}\` without a value`); continue; }
    if (/\$\(|`/.test(text)) { r.lost.push(`\`${text}\` runs a command; pass the value as a build arg instead`); continue; }
    if (arg !== undefined && /\s/.test(arg)) { r.lost.push(`\`${text}\` has a space in its value, which the spec's ldflags cannot quote`); continue; }
    const normal = text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
      r.vars.push(a ?? b!);
      return `\${${a ?? b}}`;
    });
    r.flags.push(normal);
  }
  r.strip = s && w;
  if (!r.strip) r.flags.unshift(...(s ? ['-s'] : []), ...(w ? ['-w'] : []));
  r.vars = [...new Set(r.vars)];
  return r;
}
