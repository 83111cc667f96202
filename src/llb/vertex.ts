// The graph behind a State: vertices that marshal to ops, the outputs that link them, and the
// per-op constraints (platform, metadata, caps, source locations) of Go's llb.Constraints.
import type { SourceMap } from './sourcemap.js';
import { digestOf, encodeOp, type Input, type Op, type OpMetadata, type Platform, type ProgressGroup, type Range } from './ops.js';

/** Where an op came from: ranges in a SourceMap (see sourcemap.ts). */
export interface SourceLocation {
  sourceMap: SourceMap;
  ranges: Range[];
}

/** Options every op-creating call accepts (Go's ConstraintsOpt). */
export interface OpOptions {
  /** Progress name, stored as description `llb.customname`. */
  customName?: string;
  /** Extra description entries (e.g. `com.docker.dockerfile.v1.command`). */
  description?: Record<string, string>;
  ignoreCache?: boolean;
  /** Platform of this op, overriding the state's and the marshal default. */
  platform?: Platform;
  /** Worker constraint filters. */
  workerConstraints?: string[];
  /** Source locations (from a SourceMap) that this op came from. */
  sourceLocations?: SourceLocation[];
  progressGroup?: ProgressGroup;
  /** true/false sets export_cache explicitly; absent leaves it unset. */
  exportCache?: boolean;
}

export interface MarshalOptions {
  /** Default platform for ops that do not carry one; linux/amd64 unless given. */
  platform?: Platform;
  /** `local.unique` for local sources without a session; random per marshal (as in Go) if absent. */
  localUniqueId?: string;
  /** Metadata applied to every op, like buildctl --no-cache does for ignoreCache. */
  ignoreCache?: boolean;
  /**
   * How exec PATH defaults are handled when the client knows the daemon's caps:
   * 'worker' adds cap exec.meta.setsdefaultpath (the dockerfile frontend's output),
   * 'client' injects the default PATH into env; absent does neither (Go without caps).
   */
  defaultPath?: 'worker' | 'client';
}

/** Resolved constraints of one op: what MarshalConstraints merges. */
export interface Constraints {
  platform?: Platform;
  filter: string[];
  metadata: OpMetadata;
  sourceLocations: SourceLocation[];
  localUniqueId?: string;
}

export function constraintsFrom(opts: OpOptions | undefined): Constraints {
  const metadata: OpMetadata = {};
  if (opts?.ignoreCache) metadata.ignoreCache = true;
  const description = { ...(opts?.description ?? {}) };
  if (opts?.customName !== undefined) description['llb.customname'] = opts.customName;
  if (Object.keys(description).length > 0) metadata.description = description;
  if (opts?.exportCache !== undefined) metadata.exportCache = opts.exportCache ? { value: true } : {};
  if (opts?.progressGroup) metadata.progressGroup = { ...opts.progressGroup };
  return {
    platform: opts?.platform,
    filter: [...(opts?.workerConstraints ?? [])],
    metadata,
    sourceLocations: [...(opts?.sourceLocations ?? [])],
  };
}

export function addCap(c: Constraints, cap: string): void {
  c.metadata.caps = { ...(c.metadata.caps ?? {}), [cap]: true };
}

/** Go's mergeMetadata: later flags and entries win, caps accumulate. */
export function mergeMetadata(base: OpMetadata, over: OpMetadata): OpMetadata {
  const out: OpMetadata = { ...base };
  if (over.ignoreCache) out.ignoreCache = true;
  if (over.description && Object.keys(over.description).length > 0) {
    out.description = { ...(out.description ?? {}), ...over.description };
  }
  if (over.exportCache) out.exportCache = over.exportCache;
  if (over.caps) {
    const caps = { ...(out.caps ?? {}) };
    for (const k of Object.keys(over.caps)) caps[k] = true;
    out.caps = caps;
  }
  if (over.progressGroup) out.progressGroup = over.progressGroup;
  return out;
}

export const DEFAULT_PLATFORM: Platform = { architecture: 'amd64', os: 'linux' };

/** State shared by one marshal call: defaults, and a cache so each vertex marshals once. */
export interface MarshalContext {
  platform: Platform;
  localUniqueId: string;
  ignoreCache: boolean;
  defaultPath?: 'worker' | 'client';
  cache: Map<Vertex, Marshaled>;
}

export interface Marshaled {
  digest: string;
  bytes: Uint8Array;
  metadata: OpMetadata;
  locations: SourceLocation[];
}

/** A reference to one output of a vertex; the index may depend on marshal-time sorting. */
export interface Output {
  vertex: Vertex;
  index(): number;
  /** Platform the output is for, which a State built on it adopts. */
  platform?: Platform;
}

export function toInput(ctx: MarshalContext, out: Output): Input {
  return { digest: out.vertex.marshal(ctx).digest, index: out.index() };
}

export function sameInput(a: Input, b: Input): boolean {
  return a.digest === b.digest && (a.index ?? 0) === (b.index ?? 0);
}

/** One LLB operation. Subclasses build the pb.Op; this class adds constraints and caching. */
export abstract class Vertex {
  constructor(protected readonly constraints: Constraints) {}

  /** Outputs this vertex depends on, in the order the definition lists them. */
  abstract inputs(): Output[];

  /** Builds the op (without platform/constraints) and the caps it needs. */
  protected abstract build(ctx: MarshalContext, c: Constraints): { op: Op; platform: 'keep' | 'drop' };

  /** Platform used when neither the op nor the state gives one. */
  protected statePlatform(): Platform | undefined {
    return undefined;
  }

  marshal(ctx: MarshalContext): Marshaled {
    const cached = ctx.cache.get(this);
    if (cached) return cached;
    const c: Constraints = {
      ...this.constraints,
      metadata: { ...this.constraints.metadata },
      platform: this.constraints.platform ?? this.statePlatform(),
    };
    const { op, platform } = this.build(ctx, c);
    const base: OpMetadata = ctx.ignoreCache ? { ignoreCache: true } : {};
    const full: Op = {
      ...op,
      platform: platform === 'keep' ? { ...(c.platform ?? ctx.platform) } : undefined,
      constraints: c.filter.length > 0 ? { filter: [...c.filter] } : {},
    };
    const bytes = encodeOp(full);
    const result: Marshaled = {
      digest: digestOf(bytes),
      bytes,
      metadata: mergeMetadata(base, c.metadata),
      locations: c.sourceLocations,
    };
    ctx.cache.set(this, result);
    return result;
  }
}
