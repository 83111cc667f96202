// Picking an image out of an index for a platform, as containerd's platforms.Only orders candidates.
import { normalizePlatform as normalizeLLB, parsePlatform } from '../llb/index.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** containerd's platforms.Normalize (amd64/v1 → amd64, aarch64 → arm64, arm → arm/v7 …). */
export function normalizePlatform(p: { os?: string; architecture?: string; variant?: string }): Platform {
  const n = normalizeLLB({ os: p.os ?? '', architecture: p.architecture ?? '', ...(p.variant ? { variant: p.variant } : {}) });
  return { os: n.os ?? '', architecture: n.architecture ?? '', ...(n.variant ? { variant: n.variant } : {}) };
}

export const formatPlatform = (p: Platform): string => `${p.os}/${p.architecture}${p.variant ? '/' + p.variant : ''}`;

/** `linux/arm64/v8` → normalized {os, architecture, variant}; throws on text that is not os/arch[/variant]. */
export function readPlatform(text: string): Platform {
  return normalizePlatform(parsePlatform(text));
}

/** The platforms an image for `p` may be, best first (arm64 runs arm/v8…v5, arm/v7 runs v6 and v5, amd64/v3 runs v2 and v1, then 386). */
export function platformVector(p: Platform): Platform[] {
  const n = normalizePlatform(p);
  const out: Platform[] = [n];
  const version = Number((n.variant ?? '').replace(/^v/, ''));
  if (n.architecture === 'amd64') {
    for (let v = Number.isInteger(version) && version > 1 ? version - 1 : 0; v >= 1; v--) {
      out.push({ os: n.os, architecture: 'amd64', ...(v > 1 ? { variant: `v${v}` } : {}) });
    }
    out.push({ os: n.os, architecture: '386' });
  } else if (n.architecture === 'arm') {
    for (let v = version - 1; v >= 5; v--) out.push({ os: n.os, architecture: 'arm', variant: `v${v}` });
  } else if (n.architecture === 'arm64') {
    out.push(...platformVector({ os: n.os, architecture: 'arm', variant: n.variant ?? 'v8' }));
  }
  return out;
}

function same(a: Platform, b: Platform): boolean {
  const x = normalizePlatform(a);
  const y = normalizePlatform(b);
  return x.os === y.os && x.architecture === y.architecture && (x.variant ?? '') === (y.variant ?? '');
}

/** Index of the best entry for `want` among `entries` (by their platform), or -1. Entries with no platform match last. */
export function selectPlatform(entries: ReadonlyArray<{ platform?: Partial<Platform> }>, want: Platform): number {
  const vector = platformVector(want);
  let best = -1;
  let bestRank = Infinity;
  entries.forEach((e, i) => {
    let rank: number;
    if (!e.platform) rank = vector.length;
    else {
      const p: Platform = { os: e.platform.os ?? '', architecture: e.platform.architecture ?? '', variant: e.platform.variant };
      rank = vector.findIndex((v) => same(v, p));
      if (rank < 0) return;
    }
    if (rank < bestRank) {
      best = i;
      bestRank = rank;
    }
  });
  return best;
}

/** An index entry's or a config's platform, normalized (missing fields stay empty). */
export function normalizePlatformEntry(p: { os?: string; architecture?: string; variant?: string }): Platform {
  return normalizePlatform(p);
}
