// RUN --mount=… values, parsed into typed mounts with BuildKit's defaults and key aliases.
import type { Mount, MountType, Span } from './model.js';

const TYPES: MountType[] = ['bind', 'cache', 'tmpfs', 'secret', 'ssh'];
const ALIASES: Record<string, string> = {
  src: 'source', dst: 'target', destination: 'target', ro: 'readonly', rw: 'readwrite',
};

export interface MountParse {
  mount?: Mount;
  error?: string;
}

/** Splits `a=1,b="x,y"` like a CSV record, as BuildKit does. */
function splitFields(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (const c of value) {
    if (c === '"') { q = !q; continue; }
    if (c === ',' && !q) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out.filter((f) => f !== '');
}

function parseBool(v: string | undefined): boolean | undefined {
  if (v === undefined || v === '') return true;
  if (/^(1|t|true)$/i.test(v)) return true;
  if (/^(0|f|false)$/i.test(v)) return false;
  return undefined;
}

export function parseMount(value: string, span: Span): MountParse {
  const options: Record<string, string> = {};
  for (const field of splitFields(value)) {
    const eq = field.indexOf('=');
    const rawKey = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const key = ALIASES[rawKey] ?? rawKey;
    options[key] = eq < 0 ? '' : field.slice(eq + 1);
  }
  const type = (options.type || 'bind').toLowerCase() as MountType;
  if (!TYPES.includes(type)) return { error: `unsupported mount type "${options.type}"` };
  const mount: Mount = { type, readonly: type === 'bind', options, span };
  if (options.target !== undefined) mount.target = options.target;
  if (options.source !== undefined) mount.source = options.source;
  if (options.from !== undefined) mount.from = options.from;
  if (options.id !== undefined) mount.id = options.id;
  if (options.env !== undefined) mount.env = options.env;
  if (options.readonly !== undefined) mount.readonly = parseBool(options.readonly) ?? true;
  if (options.readwrite !== undefined) mount.readonly = !(parseBool(options.readwrite) ?? true);
  if (options.required !== undefined) mount.required = parseBool(options.required);
  if (options.sharing !== undefined) {
    const s = options.sharing.toLowerCase();
    if (s !== 'shared' && s !== 'private' && s !== 'locked') return { error: `unsupported sharing value "${options.sharing}"` };
    mount.sharing = s;
  }
  for (const k of ['mode', 'uid', 'gid'] as const) {
    if (options[k] !== undefined) {
      const n = Number.parseInt(options[k], k === 'mode' ? 8 : 10);
      if (Number.isNaN(n)) return { error: `invalid ${k} "${options[k]}"` };
      mount[k] = n;
    }
  }
  if (options.size !== undefined) mount.size = parseSize(options.size);
  // BuildKit resolves a missing or relative target against the working directory.
  return { mount };
}

// Sizes like 64m, 1g, 1048576 (bytes).
function parseSize(s: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?$/i.exec(s.trim());
  if (!m) return undefined;
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 }[m[2].toLowerCase() as '' | 'k'];
  return Math.round(Number(m[1]) * mult);
}
