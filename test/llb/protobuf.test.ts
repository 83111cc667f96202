import { describe, expect, it } from 'vitest';
import { ProtoWriter, readFields, readVarint } from '../../src/llb/protobuf.js';
import {
  CacheSharingOpt,
  MountType,
  NetMode,
  decodeDefinition,
  decodeOp,
  digestOf,
  encodeDefinition,
  encodeOp,
  type Definition,
  type Op,
} from '../../src/llb/ops.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

describe('varints', () => {
  it('writes -1 as the 10-byte two\'s complement Go uses for int64', () => {
    expect(hex(new ProtoWriter().varint(-1).finish())).toBe('ffffffffffffffffff01');
  });

  it('round-trips edge values through the reader', () => {
    for (const v of [0n, 1n, 127n, 128n, 300n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const bytes = new ProtoWriter().varint(v).finish();
      expect(readVarint(bytes, 0)).toEqual([v, bytes.length]);
    }
  });

  it('rejects truncated input', () => {
    expect(() => readFields(Uint8Array.from([0x0a, 0x05, 0x61]))).toThrow(/truncated/);
    expect(() => readVarint(Uint8Array.from([0x80]), 0)).toThrow(/truncated/);
  });
});

describe('op encoding rules', () => {
  const op: Op = {
    inputs: [{ digest: 'sha256:' + 'a'.repeat(64) }, { digest: 'sha256:' + 'b'.repeat(64), index: 2 }],
    exec: {
      meta: { args: ['sh', '-c', 'true'], env: ['A=1'], cwd: '/', removeMountStubsRecursive: true, ulimit: [{ name: 'nofile', soft: 1, hard: 2 }] },
      mounts: [
        { dest: '/' },
        { input: -1, dest: '/c', output: -1, mountType: MountType.CACHE, cacheOpt: { id: 'x', sharing: CacheSharingOpt.LOCKED } },
        { input: -1, dest: '/t', output: -1, mountType: MountType.TMPFS, tmpfsOpt: {} },
      ],
      network: NetMode.NONE,
    },
    platform: { architecture: 'amd64', os: 'linux' },
    constraints: {},
  };

  // canonical values (proto defaults left out) are what decode produces, so they round-trip exactly
  it('decode(encode(op)) gives the op back', () => {
    expect(decodeOp(encodeOp(op))).toEqual(op);
  });

  it('writes empty set sub-messages and omits defaults', () => {
    const bytes = hex(encodeOp(op));
    expect(bytes.endsWith('5a00')).toBe(true); // constraints {}
    expect(bytes).toContain('9a0100'); // TmpfsOpt {}
    expect(bytes).toContain('12031a012f'); // root mount: input/output 0 omitted
  });

  it('always writes a oneof scalar, even zero (chown 0:0)', () => {
    const file: Op = {
      file: {
        actions: [
          {
            input: -1,
            secondaryInput: -1,
            mkdir: { path: '/a', mode: 0o755, owner: { user: { byId: 0 }, group: { byId: 0 } }, timestamp: -1n },
          },
        ],
      },
    };
    const bytes = encodeOp(file);
    expect(hex(bytes)).toContain('22080a0210001202100');
    expect(decodeOp(bytes)).toEqual(file);
  });

  it('keeps nanosecond timestamps beyond 2^53 exact', () => {
    const ts = 1_700_000_000_123_456_789n;
    const file: Op = { file: { actions: [{ input: -1, secondaryInput: -1, mkfile: { path: '/f', timestamp: ts } }] } };
    expect(decodeOp(encodeOp(file)).file?.actions?.[0].mkfile?.timestamp).toBe(ts);
  });

  it('sorts map entries byte-wise and writes key and value even when empty', () => {
    const src: Op = { source: { identifier: 'local://x', attrs: { b: '', a: '1', B: 'z' } } };
    const bytes = encodeOp(src);
    const attrs = readFields(readFields(bytes)[0].bytes!).filter((f) => f.fieldNo === 2);
    const keys = attrs.map((f) => Buffer.from(readFields(f.bytes!)[0].bytes!).toString());
    expect(keys).toEqual(['B', 'a', 'b']);
    expect(hex(attrs[2].bytes!)).toBe('0a01621200');
  });

  it('round-trips a definition with metadata and source locations', () => {
    const opBytes = encodeOp(op);
    const d = digestOf(opBytes);
    const def: Definition = {
      def: [opBytes],
      metadata: { [d]: { ignoreCache: true, caps: { 'exec.meta.base': true }, description: { 'llb.customname': 'x' } } },
      source: {
        locations: { [d]: { locations: [{ ranges: [{ start: { line: 3 }, end: { line: 3 } }] }] } },
        infos: [{ filename: 'Dockerfile', data: new TextEncoder().encode('FROM x\n') }],
      },
    };
    const bytes = encodeDefinition(def);
    expect(decodeDefinition(bytes)).toEqual(def);
    expect(d).toMatch(/^sha256:[0-9a-f]{64}$/);
  });
});
