// Human-readable views of a marshaled Definition, matching `buildctl debug dump-llb` (v0.11.6).
import { goJSONString, messageJSON } from './codec.js';
import { decodeDefinition, decodeOp, digestOf, OpMetadataSpec, OpSpec, type Op } from './ops.js';

interface DumpedOp {
  op: Op;
  digest: string;
  bytes: Uint8Array;
}

function loadOps(defBytes: Uint8Array): { ops: DumpedOp[]; def: ReturnType<typeof decodeDefinition> } {
  const def = decodeDefinition(defBytes);
  // digests are recomputed from the bytes, as buildctl does, rather than trusted from metadata
  const ops = (def.def ?? []).map((bytes) => ({ op: decodeOp(bytes), digest: digestOf(bytes), bytes }));
  return { ops, def };
}

/** One JSON line per op: {"Op":…,"Digest":…,"OpMetadata":…}, as Go's encoding/json prints them. */
export function dumpJSON(defBytes: Uint8Array): string {
  const { ops, def } = loadOps(defBytes);
  const lines = ops.map(({ op, digest }) => {
    const md = def.metadata?.[digest] ?? {};
    return (
      '{"Op":' +
      messageJSON(OpSpec, op as unknown as Record<string, unknown>) +
      ',"Digest":' +
      goJSONString(digest) +
      ',"OpMetadata":' +
      messageJSON(OpMetadataSpec, md as unknown as Record<string, unknown>) +
      '}\n'
    );
  });
  return lines.join('');
}

/** Quotes like Go's %q (strconv.Quote) for the characters that matter in labels and messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function nodeLabel(d: DumpedOp): [string, string] {
  const { op } = d;
  if (op.source) return [op.source.identifier ?? '', 'ellipse'];
  if (op.exec) return [(op.exec.meta?.args ?? []).join(' '), 'box'];
  if (op.build) return ['build', 'box3d'];
  if (op.merge) return ['merge', 'invtriangle'];
  if (op.diff) return ['diff', 'doublecircle'];
  if (op.file) {
    const names = (op.file.actions ?? []).map((a) => {
      if (a.copy) return `copy{src=${a.copy.src ?? ''}, dest=${a.copy.dest ?? ''}}`;
      if (a.mkfile) return `mkfile{path=${a.mkfile.path ?? ''}}`;
      if (a.mkdir) return `mkdir{path=${a.mkdir.path ?? ''}}`;
      if (a.rm) return `rm{path=${a.rm.path ?? ''}}`;
      return '';
    });
    return [names.join(','), 'note'];
  }
  return [d.digest, 'plaintext'];
}

/** Graphviz view: one node per op, one edge per input, exec edges labelled with the mount dest. */
export function dumpDot(defBytes: Uint8Array): string {
  const { ops } = loadOps(defBytes);
  const lines = ['digraph {'];
  for (const d of ops) {
    const [name, shape] = nodeLabel(d);
    lines.push(`  ${goQuote(d.digest)} [label=${goQuote(name)} shape=${goQuote(shape)}];`);
  }
  for (const d of ops) {
    (d.op.inputs ?? []).forEach((inp, i) => {
      let label = '';
      for (const m of d.op.exec?.mounts ?? []) {
        if ((m.input ?? 0) === i && m.dest !== '/') label = m.dest ?? '';
      }
      lines.push(`  ${goQuote(inp.digest ?? '')} -> ${goQuote(d.digest)} [label=${goQuote(label)}];`);
    });
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}
