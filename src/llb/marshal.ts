// Turns a State into a pb.Definition the way Go's State.Marshal does: post-order DFS over the
// graph, each digest once, a terminal op last, per-op metadata, and the source map.
import { randomBytes } from 'node:crypto';
import { digestOf, encodeOp, type Definition, type Locations, type OpMetadata, type Source, type SourceInfo } from './ops.js';
import { SourceMap } from './sourcemap.js';
import { State } from './state.js';
import { DEFAULT_PLATFORM, mergeMetadata, toInput, type MarshalContext, type MarshalOptions, type Output, type SourceLocation, type Vertex } from './vertex.js';

/** A random id like Go's identity.NewID (base36 of 128 random bits, 25 chars). */
function newLocalUniqueId(): string {
  const n = BigInt('0x' + randomBytes(16).toString('hex'));
  return n.toString(36).padStart(25, '0');
}

function collectSource(
  locations: Map<string, SourceLocation[]>,
  maps: SourceMap[],
  opts: MarshalOptions,
  localUniqueId: string,
): Source {
  const index = new Map<SourceMap, number>();
  maps.forEach((m, i) => index.set(m, i));
  const infos: SourceInfo[] = maps.map((m) => {
    const info: SourceInfo = { filename: m.filename, data: m.data };
    const src = m.source;
    if (src instanceof State) info.definition = marshal(src, { ...opts, localUniqueId });
    else if (src) info.definition = src;
    return info;
  });
  const locs: Record<string, Locations> = {};
  for (const [dgst, ls] of locations) {
    locs[dgst] = {
      locations:
        ls.length > 0 ? ls.map((l) => ({ sourceIndex: index.get(l.sourceMap), ranges: l.ranges })) : undefined,
    };
  }
  return { locations: locs, infos: infos.length > 0 ? infos : undefined };
}

/** Marshals `state` into a Definition (encode it with encodeDefinition). Scratch gives an empty one. */
export function marshal(state: State, opts: MarshalOptions = {}): Definition {
  if (state.output === null) return {};
  const localUniqueId = opts.localUniqueId ?? newLocalUniqueId();
  const ctx: MarshalContext = {
    platform: opts.platform ?? DEFAULT_PLATFORM,
    localUniqueId,
    ignoreCache: opts.ignoreCache ?? false,
    defaultPath: opts.defaultPath,
    cache: new Map(),
  };
  const def: Uint8Array[] = [];
  const metadata: Record<string, OpMetadata> = {};
  const seenDigests = new Set<string>();
  const visited = new Set<Vertex>();
  const locations = new Map<string, SourceLocation[]>();
  const maps: SourceMap[] = [];

  // Inputs first, depth first, in input order; a loop with its own stack, as a chain of thousands of ops
  // (a long Dockerfile) would overflow the call stack.
  const visit = (root: Vertex): void => {
    const stack: { v: Vertex; inputs: Output[]; next: number }[] = [{ v: root, inputs: root.inputs(), next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next < top.inputs.length) {
        const input = top.inputs[top.next++].vertex;
        if (!visited.has(input)) stack.push({ v: input, inputs: input.inputs(), next: 0 });
        continue;
      }
      stack.pop();
      if (!visited.has(top.v)) add(top.v);
    }
  };
  const add = (v: Vertex): void => {
    const m = v.marshal(ctx);
    visited.add(v);
    metadata[m.digest] = mergeMetadata(metadata[m.digest] ?? {}, m.metadata);
    for (const l of m.locations) if (!maps.includes(l.sourceMap)) maps.push(l.sourceMap);
    locations.set(m.digest, [...(locations.get(m.digest) ?? []), ...m.locations]);
    if (seenDigests.has(m.digest)) return;
    seenDigests.add(m.digest);
    def.push(m.bytes);
  };
  visit(state.output.vertex);

  const terminal = encodeOp({ inputs: [toInput(ctx, state.output)] });
  def.push(terminal);
  const caps: Record<string, boolean> = { constraints: true, platform: true };
  for (const md of Object.values(metadata)) {
    if (md.ignoreCache) caps['meta.ignorecache'] = true;
    if (md.description) caps['meta.description'] = true;
    if (md.exportCache) caps['meta.exportcache'] = true;
  }
  const terminalDigest = digestOf(terminal);
  metadata[terminalDigest] = { ...(metadata[terminalDigest] ?? {}), caps };

  return { def, metadata, source: collectSource(locations, maps, opts, localUniqueId) };
}
