// Platform helpers: containerd's platforms.Normalize, which llb applies to a State's platform.
import type { Platform } from './ops.js';

function normalizeArch(arch: string, variant: string): [string, string] {
  arch = arch.toLowerCase();
  variant = variant.toLowerCase();
  switch (arch) {
    case 'i386':
      return ['386', ''];
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      return ['amd64', variant === 'v1' ? '' : variant];
    case 'aarch64':
    case 'arm64':
      return ['arm64', variant === '8' || variant === 'v8' ? '' : variant];
    case 'armhf':
      return ['arm', 'v7'];
    case 'armel':
      return ['arm', 'v6'];
    case 'arm':
      if (variant === '' || variant === '7') return ['arm', 'v7'];
      if (variant === '5' || variant === '6' || variant === '8') return ['arm', 'v' + variant];
      return ['arm', variant];
    default:
      return [arch, variant];
  }
}

export function normalizePlatform(p: Platform): Platform {
  let os = (p.os ?? '').toLowerCase();
  if (os === 'macos') os = 'darwin';
  const [architecture, variant] = normalizeArch(p.architecture ?? '', p.variant ?? '');
  const out: Platform = { architecture, os };
  if (variant) out.variant = variant;
  if (p.osVersion) out.osVersion = p.osVersion;
  if (p.osFeatures && p.osFeatures.length > 0) out.osFeatures = [...p.osFeatures];
  return out;
}

/** Parses "os/arch[/variant]" (e.g. "linux/arm64/v8") without normalizing it. */
export function parsePlatform(spec: string): Platform {
  const [os, architecture, variant] = spec.split('/');
  if (!os || !architecture) throw new Error(`invalid platform "${spec}": want os/arch[/variant]`);
  const p: Platform = { architecture, os };
  if (variant) p.variant = variant;
  return p;
}
