// What the expansion adds on its own for a resolved spec: packages and linker flags other fields imply.
// resolveSpec drops these from the spec's own lists, so a spec has one canonical form and convert can read it back.
import { isStaticBase } from './images.js';
import type { ResolvedSpec } from './types.js';

type Facts = Pick<ResolvedSpec, 'builderKind' | 'repo' | 'private' | 'cgo' | 'base' | 'baseKind' | 'strip'>;

export const isSshUrl = (url: string | null) => !!url && /^(ssh:\/\/|git@)/.test(url);
export const usesSsh = (r: Pick<ResolvedSpec, 'private' | 'repo'>) => r.private?.auth === 'ssh' || isSshUrl(r.repo);

/** Builder packages for what the spec asks (git for repo/private, ssh, a C toolchain); the Debian golang images ship them. */
export function impliedBuildPackages(r: Facts): string[] {
  if (r.builderKind !== 'alpine') return [];
  const out: string[] = [];
  if (r.repo || r.private) out.push('git');
  if (usesSsh(r)) out.push('openssh-client');
  if (r.cgo) out.push('gcc', 'musl-dev');
  return out;
}

/** Runtime packages certs and tzdata stand for on a base with a package manager. */
export function impliedPackages(r: Pick<ResolvedSpec, 'baseKind' | 'certs' | 'tzdata'>): string[] {
  if (r.baseKind !== 'alpine' && r.baseKind !== 'debian') return [];
  return [...(r.baseKind === 'debian' && r.certs ? ['ca-certificates'] : []), ...(r.tzdata ? ['tzdata'] : [])];
}

/** Linker flags before the spec's own: strip, and the static link cgo needs on a base without libc. */
export function impliedLinkerFlags(r: Facts): string[] {
  const flags: string[] = [];
  if (r.strip) flags.push('-s', '-w');
  if (r.cgo && isStaticBase(r.base, r.baseKind)) flags.push('-linkmode=external', '-extldflags=-static');
  return flags;
}

export const packageName = (p: string) => p.split(/[=~]/)[0];
