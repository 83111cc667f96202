// Both routes for one spec, and what differs between their Definitions: op digests (terminal included),
// op metadata (names, descriptions, caps) and the image config. Source maps are left out on purpose.
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB } from '../../src/frontend/index.js';
import { digestOf, dumpJSON, encodeDefinition, type Definition } from '../../src/llb/index.js';
import { expandSpec } from '../../src/spec/expand.js';
import type { ResolvedSpec } from '../../src/spec/types.js';
import { specToLLB, type SpecLLBOptions } from '../../src/spec-llb/index.js';

export interface Routes {
  spec: { definition: Definition; imageConfig: Record<string, unknown> };
  dockerfile: { definition: Definition; imageConfig: Record<string, unknown> };
}

export function bothRoutes(r: ResolvedSpec, opts: SpecLLBOptions = {}): Routes {
  const { sourceMap: _sm, ...common } = opts;
  return {
    spec: specToLLB(r, common),
    dockerfile: dockerfileToLLB(parseDockerfile(expandSpec(r)), common),
  };
}

/** Digest → one dump-llb line, for readable failures. */
function opsOf(def: Definition): Map<string, string> {
  const lines = dumpJSON(encodeDefinition({ ...def, source: undefined })).trim().split('\n');
  return new Map((def.def ?? []).map((b, i) => [digestOf(b), lines[i]]));
}

/** Differences between two Definitions; [] when every op and its metadata are the same. */
export function definitionDiff(a: Definition, b: Definition, names = ['spec', 'dockerfile']): string[] {
  const oa = opsOf(a);
  const ob = opsOf(b);
  const out: string[] = [];
  for (const [d, line] of oa) if (!ob.has(d)) out.push(`only in ${names[0]}: ${line}`);
  for (const [d, line] of ob) if (!oa.has(d)) out.push(`only in ${names[1]}: ${line}`);
  if (out.length === 0) {
    for (const d of oa.keys()) {
      const ma = JSON.stringify(a.metadata?.[d] ?? {});
      const mb = JSON.stringify(b.metadata?.[d] ?? {});
      if (ma !== mb) out.push(`metadata of ${d}:\n  ${names[0]}: ${ma}\n  ${names[1]}: ${mb}`);
    }
  }
  return out;
}

export const digestSet = (def: Definition) => new Set((def.def ?? []).map(digestOf));
