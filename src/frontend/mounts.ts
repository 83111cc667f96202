// RUN --mount values as BuildKit v0.11.6 reads them (instructions/commands_runmount.go): CSV fields,
// each value expanded, BuildKit's defaults and its error messages.
import { CommandError } from './commands.js';

export interface RunMount {
  type: 'bind' | 'cache' | 'tmpfs' | 'secret' | 'ssh';
  from: string;
  source: string;
  target: string;
  readonly: boolean;
  sizeLimit: number;
  cacheId: string;
  sharing: '' | 'shared' | 'private' | 'locked';
  required: boolean;
  mode?: number;
  uid?: number;
  gid?: number;
}

/** encoding/csv's reading of one record: commas split, double quotes group and `""` escapes a quote. */
function csvFields(value: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (value[i] === '"') {
      i++;
      for (;;) {
        if (i >= value.length) throw new CommandError(`failed to parse csv mounts: extraneous or missing " in quoted-field`);
        if (value[i] === '"') {
          if (value[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += value[i++];
      }
      if (i < value.length && value[i] !== ',') throw new CommandError(`failed to parse csv mounts: extraneous or missing " in quoted-field`);
    } else {
      while (i < value.length && value[i] !== ',') field += value[i++];
    }
    out.push(field);
    if (i >= value.length) return out;
    i++; // the comma
  }
}

function parseBool(key: string, v: string): boolean {
  if (/^(1|t|T|TRUE|true|True)$/.test(v)) return true;
  if (/^(0|f|F|FALSE|false|False)$/.test(v)) return false;
  throw new CommandError(`invalid value for ${key}: ${v}`);
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

// units.RAMInBytes: 64m, 1g, 512kb, 1048576.
function ramInBytes(v: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmgtp]?)(?:i?b)?$/i.exec(v);
  if (!m) throw new CommandError(`invalid value for size: ${v}`);
  return Math.floor(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

/** Parses one `--mount` value, expanding each field value with `expand`. */
export function parseRunMount(value: string, expand: (word: string) => string): RunMount {
  const m: RunMount = { type: 'bind', from: '', source: '', target: '', readonly: false, sizeLimit: 0, cacheId: '', sharing: '', required: false };
  let roAuto = true;
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).toLowerCase();
    if (eq < 0) {
      if (key === 'readonly' || key === 'ro') { m.readonly = true; roAuto = false; continue; }
      if (key === 'readwrite' || key === 'rw') { m.readonly = false; roAuto = false; continue; }
      if (key === 'required') {
        if (m.type !== 'secret' && m.type !== 'ssh') throw new CommandError(`unexpected key '${key}' for mount type '${m.type}'`);
        m.required = true;
        continue;
      }
      throw new CommandError(`invalid field '${field}' must be a key=value pair`);
    }
    const v = expand(field.slice(eq + 1));
    switch (key) {
      case 'type': {
        const t = v.toLowerCase();
        if (!['bind', 'cache', 'tmpfs', 'secret', 'ssh'].includes(t)) throw new CommandError(`unsupported mount type "${v}"`);
        m.type = t as RunMount['type'];
        break;
      }
      case 'from': m.from = v; break;
      case 'source': case 'src': m.source = v; break;
      case 'target': case 'dst': case 'destination': m.target = v; break;
      case 'readonly': case 'ro': m.readonly = parseBool(key, v); roAuto = false; break;
      case 'readwrite': case 'rw': m.readonly = !parseBool(key, v); roAuto = false; break;
      case 'required':
        if (m.type !== 'secret' && m.type !== 'ssh') throw new CommandError(`unexpected key '${key}' for mount type '${m.type}'`);
        m.required = parseBool(key, v);
        break;
      case 'size':
        if (m.type !== 'tmpfs') throw new CommandError(`unexpected key '${key}' for mount type '${m.type}'`);
        m.sizeLimit = ramInBytes(v);
        break;
      case 'id': m.cacheId = v; break;
      case 'sharing': {
        const s = v.toLowerCase();
        if (s !== 'shared' && s !== 'private' && s !== 'locked') throw new CommandError(`unsupported sharing value "${v}"`);
        m.sharing = s;
        break;
      }
      case 'mode': case 'uid': case 'gid': {
        const n = key === 'mode' ? (/^[0-7]+$/.test(v) ? parseInt(v, 8) : NaN) : /^\d+$/.test(v) ? parseInt(v, 10) : NaN;
        if (Number.isNaN(n)) throw new CommandError(`invalid value ${v} for ${key}`);
        m[key] = n;
        break;
      }
      default:
        throw new CommandError(`unexpected key '${key}' in '${field}'`);
    }
  }
  const fileInfoAllowed = m.type === 'secret' || m.type === 'ssh' || m.type === 'cache';
  for (const k of ['mode', 'uid', 'gid'] as const) {
    if (m[k] !== undefined && !fileInfoAllowed) throw new CommandError(`${k} not allowed for "${m.type}" type mounts`);
  }
  if (roAuto) m.readonly = !(m.type === 'cache' || m.type === 'tmpfs');
  if (m.sharing !== '' && m.type !== 'cache') throw new CommandError(`invalid cache sharing set for ${m.type} mount`);
  if (m.type === 'secret') {
    if (m.from !== '') throw new CommandError('secret mount should not have a from');
    if (m.source === '' && m.target === '' && m.cacheId === '') throw new CommandError('invalid secret mount. one of source, target required');
    if (m.source !== '' && m.cacheId !== '') throw new CommandError("both source and id can't be set");
  }
  return m;
}

/** The `from=` of a mount before expansion (BuildKit resolves stage dependencies from the raw text). */
export function rawMountFrom(value: string): string {
  let from = '';
  for (const field of csvFields(value)) {
    const eq = field.indexOf('=');
    if (eq > 0 && field.slice(0, eq).toLowerCase() === 'from') {
      from = field.slice(eq + 1);
      if (/\$./.test(from)) throw new CommandError(`'from' doesn't support variable expansion, define alias stage instead`);
    }
  }
  return from;
}
