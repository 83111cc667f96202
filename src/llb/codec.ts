// Schema-driven protobuf encoding and decoding: one table per message drives the writer,
// the reader and the Go-JSON view, so the three cannot disagree about a field.
import {
  ProtoDecodeError,
  ProtoWriter,
  WIRE_BYTES,
  WIRE_VARINT,
  compareUtf8,
  decodeUtf8,
  readFields,
} from './protobuf.js';

export type ScalarKind = 'string' | 'bytes' | 'bool' | 'int64' | 'int64big' | 'int32' | 'uint32' | 'enum';

export interface FieldSpec {
  no: number;
  /** Property name on the TypeScript object. */
  key: string;
  kind: ScalarKind | 'message' | 'map';
  repeated?: boolean;
  /** Sub-message schema (kind 'message', or a map whose values are messages). */
  message?: () => MessageSpec;
  /** Map value kind when kind is 'map' (keys are always strings). */
  mapValue?: 'string' | 'bool' | 'message';
  /** Oneof group name, which is also the Go struct field name the JSON view wraps it in. */
  oneof?: string;
  /** Go encoding/json name of the field. */
  json: string;
  /** Go json tag has no omitempty (gogo customtype/non-nullable fields). */
  jsonAlways?: boolean;
}

export interface MessageSpec {
  name: string;
  fields: FieldSpec[];
}

type Obj = Record<string, unknown>;

// ---- encoding

function isDefaultScalar(kind: ScalarKind, v: unknown): boolean {
  switch (kind) {
    case 'string':
      return v === '';
    case 'bytes':
      return (v as Uint8Array).length === 0;
    case 'bool':
      return v === false;
    case 'int64big':
      return v === 0n;
    default:
      return v === 0;
  }
}

function writeScalar(w: ProtoWriter, no: number, kind: ScalarKind, v: unknown): void {
  switch (kind) {
    case 'string':
      w.stringField(no, v as string);
      return;
    case 'bytes':
      w.lengthDelimited(no, v as Uint8Array);
      return;
    case 'bool':
      w.varintField(no, v ? 1 : 0);
      return;
    case 'uint32':
      w.varintField(no, (v as number) >>> 0);
      return;
    default:
      w.varintField(no, v as number | bigint);
  }
}

function writeMapEntry(w: ProtoWriter, f: FieldSpec, key: string, value: unknown): void {
  const entry = new ProtoWriter();
  entry.stringField(1, key);
  if (f.mapValue === 'string') entry.stringField(2, value as string);
  else if (f.mapValue === 'bool') entry.varintField(2, value ? 1 : 0);
  else entry.lengthDelimited(2, encodeMessage(f.message!(), value as Obj));
  w.lengthDelimited(f.no, entry.finish());
}

/** Encodes like gogo's stable marshaler: field order, defaults omitted, set messages always written. */
export function encodeMessage(spec: MessageSpec, obj: Obj): Uint8Array {
  const w = new ProtoWriter();
  for (const f of spec.fields) {
    const v = obj[f.key];
    if (v === undefined || v === null) continue;
    if (f.kind === 'map') {
      const entries = Object.entries(v as Obj).sort(([a], [b]) => compareUtf8(a, b));
      for (const [k, val] of entries) writeMapEntry(w, f, k, val);
    } else if (f.repeated) {
      for (const el of v as unknown[]) {
        if (f.kind === 'message') w.lengthDelimited(f.no, encodeMessage(f.message!(), el as Obj));
        else writeScalar(w, f.no, f.kind, el);
      }
    } else if (f.kind === 'message') {
      w.lengthDelimited(f.no, encodeMessage(f.message!(), v as Obj));
    } else if (f.oneof !== undefined || !isDefaultScalar(f.kind, v)) {
      // oneof scalars are written even when zero: their presence is the information
      writeScalar(w, f.no, f.kind, v);
    }
  }
  return w.finish();
}

// ---- decoding

const fieldIndexCache = new WeakMap<MessageSpec, Map<number, FieldSpec>>();

function fieldIndex(spec: MessageSpec): Map<number, FieldSpec> {
  let idx = fieldIndexCache.get(spec);
  if (!idx) {
    idx = new Map(spec.fields.map((f) => [f.no, f]));
    fieldIndexCache.set(spec, idx);
  }
  return idx;
}

function varintToScalar(kind: ScalarKind, v: bigint): unknown {
  switch (kind) {
    case 'bool':
      return v !== 0n;
    case 'uint32':
      return Number(BigInt.asUintN(32, v));
    case 'int32':
    case 'enum':
      return Number(BigInt.asIntN(32, v));
    case 'int64big':
      return BigInt.asIntN(64, v);
    case 'int64':
      return Number(BigInt.asIntN(64, v));
    default:
      throw new ProtoDecodeError(`kind ${kind} is not a varint`);
  }
}

function readScalar(spec: MessageSpec, f: FieldSpec, kind: ScalarKind, wireType: number, v: bigint | undefined, b: Uint8Array | undefined): unknown {
  if (kind === 'string' || kind === 'bytes') {
    if (wireType !== WIRE_BYTES) throw new ProtoDecodeError(`${spec.name}.${f.key}: expected bytes`);
    return kind === 'string' ? decodeUtf8(b!) : b!.slice();
  }
  if (wireType !== WIRE_VARINT) throw new ProtoDecodeError(`${spec.name}.${f.key}: expected varint`);
  return varintToScalar(kind, v!);
}

function setEntry(target: Obj, key: string, value: unknown): void {
  // defineProperty so that a key like "__proto__" stays an ordinary entry
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function readMapEntry(spec: MessageSpec, f: FieldSpec, bytes: Uint8Array): [string, unknown] {
  let key = '';
  let value: unknown = f.mapValue === 'string' ? '' : f.mapValue === 'bool' ? false : {};
  for (const e of readFields(bytes)) {
    if (e.fieldNo === 1) key = readScalar(spec, f, 'string', e.wireType, e.varint, e.bytes) as string;
    else if (e.fieldNo === 2) {
      if (f.mapValue === 'message') {
        if (e.wireType !== WIRE_BYTES) throw new ProtoDecodeError(`${spec.name}.${f.key}: bad map value`);
        value = decodeMessage(f.message!(), e.bytes!);
      } else value = readScalar(spec, f, f.mapValue!, e.wireType, e.varint, e.bytes);
    }
  }
  return [key, value];
}

/** Decodes a message; absent fields stay undefined, unknown fields are skipped like Go v0.11. */
export function decodeMessage(spec: MessageSpec, bytes: Uint8Array): Obj {
  const obj: Obj = {};
  const idx = fieldIndex(spec);
  for (const raw of readFields(bytes)) {
    const f = idx.get(raw.fieldNo);
    if (!f) continue;
    if (f.kind === 'map') {
      if (raw.wireType !== WIRE_BYTES) throw new ProtoDecodeError(`${spec.name}.${f.key}: bad map entry`);
      const [k, v] = readMapEntry(spec, f, raw.bytes!);
      const m = (obj[f.key] as Obj | undefined) ?? {};
      setEntry(m, k, v);
      obj[f.key] = m;
      continue;
    }
    let value: unknown;
    if (f.kind === 'message') {
      if (raw.wireType !== WIRE_BYTES) throw new ProtoDecodeError(`${spec.name}.${f.key}: expected message`);
      value = decodeMessage(f.message!(), raw.bytes!);
    } else {
      value = readScalar(spec, f, f.kind, raw.wireType, raw.varint, raw.bytes);
    }
    if (f.repeated) {
      const list = (obj[f.key] as unknown[] | undefined) ?? [];
      list.push(value);
      obj[f.key] = list;
    } else {
      if (f.oneof !== undefined) {
        // a later oneof member replaces an earlier one, as in Go
        for (const other of spec.fields) if (other.oneof === f.oneof) delete obj[other.key];
      }
      obj[f.key] = value;
    }
  }
  return obj;
}

// ---- Go encoding/json view

const HEX = '0123456789abcdef';

/** Quotes a string the way Go's encoding/json does (HTML-safe escaping included). */
export function goJSONString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&') out += '\\u00' + HEX[c >> 4] + HEX[c & 0xf];
    else if (c === 0x2028 || c === 0x2029) out += '\\u' + c.toString(16);
    else out += ch;
  }
  return out + '"';
}

function isJSONEmpty(f: FieldSpec, v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (f.kind === 'map') return Object.keys(v as Obj).length === 0;
  if (f.repeated) return (v as unknown[]).length === 0;
  if (f.kind === 'message') return false; // a set pointer is never "empty" to encoding/json
  return isDefaultScalar(f.kind, v);
}

function scalarJSON(kind: ScalarKind, v: unknown): string {
  switch (kind) {
    case 'string':
      return goJSONString(v as string);
    case 'bytes':
      return '"' + Buffer.from(v as Uint8Array).toString('base64') + '"';
    case 'bool':
      return v ? 'true' : 'false';
    default:
      return String(v);
  }
}

function valueJSON(f: FieldSpec, v: unknown): string {
  if (f.kind === 'map') {
    if (v === undefined || v === null) return 'null';
    const entries = Object.entries(v as Obj).sort(([a], [b]) => compareUtf8(a, b));
    const parts = entries.map(([k, val]) => {
      const inner =
        f.mapValue === 'message' ? messageJSON(f.message!(), val as Obj) : scalarJSON(f.mapValue!, val);
      return goJSONString(k) + ':' + inner;
    });
    return '{' + parts.join(',') + '}';
  }
  if (f.repeated) {
    if (v === undefined || v === null) return 'null';
    const els = (v as unknown[]).map((el) =>
      f.kind === 'message' ? messageJSON(f.message!(), el as Obj) : scalarJSON(f.kind as ScalarKind, el),
    );
    return '[' + els.join(',') + ']';
  }
  if (f.kind === 'message') return messageJSON(f.message!(), (v ?? {}) as Obj);
  if (v === undefined) return scalarJSON(f.kind, f.kind === 'string' ? '' : f.kind === 'bool' ? false : 0);
  return scalarJSON(f.kind, v);
}

/** Renders a message as Go's encoding/json renders the gogo-generated struct. */
export function messageJSON(spec: MessageSpec, obj: Obj): string {
  const parts: string[] = [];
  const seenOneofs = new Set<string>();
  for (const f of spec.fields) {
    if (f.oneof !== undefined) {
      // the oneof interface field sits where its first member is declared
      if (seenOneofs.has(f.oneof)) continue;
      seenOneofs.add(f.oneof);
      const member = spec.fields.find((m) => m.oneof === f.oneof && obj[m.key] !== undefined);
      if (!member) {
        parts.push(goJSONString(f.oneof) + ':null');
        continue;
      }
      const v = obj[member.key];
      const inner = isJSONEmpty(member, v) ? '{}' : '{' + goJSONString(member.json) + ':' + valueJSON(member, v) + '}';
      parts.push(goJSONString(f.oneof) + ':' + inner);
      continue;
    }
    const v = obj[f.key];
    if (!f.jsonAlways && isJSONEmpty(f, v)) continue;
    parts.push(goJSONString(f.json) + ':' + valueJSON(f, v));
  }
  return '{' + parts.join(',') + '}';
}

