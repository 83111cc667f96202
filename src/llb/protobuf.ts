// A minimal protobuf wire-format writer and reader. We write our own instead of using a
// library because op digests depend on the exact bytes Go's gogo stable marshaler emits.

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

/** Appends protobuf-encoded values to a growable byte buffer. */
export class ProtoWriter {
  private buf = new Uint8Array(64);
  private len = 0;

  private ensure(extra: number): void {
    if (this.len + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Writes an unsigned varint; negative numbers become 10-byte two's complement like Go's int64. */
  varint(value: number | bigint): this {
    let v = BigInt.asUintN(64, typeof value === 'bigint' ? value : BigInt(Math.trunc(value)));
    if (v < 0x80n) {
      this.ensure(1);
      this.buf[this.len++] = Number(v);
      return this;
    }
    this.ensure(10);
    while (v >= 0x80n) {
      this.buf[this.len++] = Number(v & 0x7fn) | 0x80;
      v >>= 7n;
    }
    this.buf[this.len++] = Number(v);
    return this;
  }

  tag(fieldNo: number, wireType: number): this {
    return this.varint(fieldNo * 8 + wireType);
  }

  raw(bytes: Uint8Array): this {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** Writes a length-delimited field: tag, length, payload. */
  lengthDelimited(fieldNo: number, payload: Uint8Array): this {
    return this.tag(fieldNo, WIRE_BYTES).varint(payload.length).raw(payload);
  }

  varintField(fieldNo: number, value: number | bigint): this {
    return this.tag(fieldNo, WIRE_VARINT).varint(value);
  }

  stringField(fieldNo: number, value: string): this {
    return this.lengthDelimited(fieldNo, utf8Encoder.encode(value));
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** One decoded field: varints keep full 64-bit precision as bigint. */
export interface RawField {
  fieldNo: number;
  wireType: number;
  varint?: bigint;
  bytes?: Uint8Array;
}

export class ProtoDecodeError extends Error {}

/** Reads a varint at `pos`; returns the value and the next position. */
export function readVarint(bytes: Uint8Array, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos >= bytes.length) throw new ProtoDecodeError('truncated varint');
    const b = bytes[pos++];
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [BigInt.asUintN(64, result), pos];
    shift += 7n;
  }
  throw new ProtoDecodeError('varint longer than 10 bytes');
}

/** Splits a message into its fields, in wire order. */
export function readFields(bytes: Uint8Array): RawField[] {
  const fields: RawField[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const [key, afterKey] = readVarint(bytes, pos);
    pos = afterKey;
    const fieldNo = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (fieldNo === 0) throw new ProtoDecodeError('field number 0');
    if (wireType === WIRE_VARINT) {
      const [v, next] = readVarint(bytes, pos);
      fields.push({ fieldNo, wireType, varint: v });
      pos = next;
    } else if (wireType === WIRE_BYTES) {
      const [n, next] = readVarint(bytes, pos);
      const end = next + Number(n);
      if (end > bytes.length) throw new ProtoDecodeError('truncated length-delimited field');
      fields.push({ fieldNo, wireType, bytes: bytes.subarray(next, end) });
      pos = end;
    } else if (wireType === WIRE_FIXED64 || wireType === WIRE_FIXED32) {
      const size = wireType === WIRE_FIXED64 ? 8 : 4;
      if (pos + size > bytes.length) throw new ProtoDecodeError('truncated fixed field');
      fields.push({ fieldNo, wireType, bytes: bytes.subarray(pos, pos + size) });
      pos += size;
    } else {
      throw new ProtoDecodeError(`unsupported wire type ${wireType}`);
    }
  }
  return fields;
}

export function encodeUtf8(s: string): Uint8Array {
  return utf8Encoder.encode(s);
}

export function decodeUtf8(b: Uint8Array): string {
  return utf8Decoder.decode(b);
}

/** Byte-wise comparison of the UTF-8 forms, the order Go uses for sorted map keys. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
