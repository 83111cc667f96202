// The on-disk registry cache: manifests, indexes and config blobs by digest (checked on every read),
// and a short-lived tag → digest map, so a pre-commit run does not ask the registry twice.
// It holds only what a registry serves to anyone who may pull: never a credential or a token.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic } from '../fsutil.js';

/** How long a tag's digest is trusted without asking the registry again. */
export const TAG_TTL_MS = 5 * 60_000;

export interface TagEntry {
  /** The reference without digest, normalized: `docker.io/library/golang:1.22`. */
  ref: string;
  digest: string;
  mediaType: string;
  /** Unix milliseconds of the answer. */
  at: number;
}

/** `$GOFILE_REGISTRY_CACHE`, else `$XDG_CACHE_HOME/gofile/registry`, else `~/.cache/gofile/registry`. */
export function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.GOFILE_REGISTRY_CACHE) return env.GOFILE_REGISTRY_CACHE;
  const base = env.XDG_CACHE_HOME || join(env.HOME || homedir(), '.cache');
  return join(base, 'gofile', 'registry');
}

export const sha256 = (data: Uint8Array | string): string => 'sha256:' + createHash('sha256').update(data).digest('hex');

const DIGEST = /^sha256:[a-f0-9]{64}$/;

export class RegistryCache {
  constructor(readonly dir: string, readonly tagTtlMs = TAG_TTL_MS) {}

  private blobPath(digest: string): string {
    return join(this.dir, 'blobs', 'sha256', digest.slice(7));
  }

  /** The blob, if cached and its bytes still hash to `digest`. */
  getBlob(digest: string): Buffer | undefined {
    if (!DIGEST.test(digest)) return undefined;
    try {
      const data = readFileSync(this.blobPath(digest));
      return sha256(data) === digest ? data : undefined;
    } catch {
      return undefined;
    }
  }

  putBlob(digest: string, data: Uint8Array): void {
    if (!DIGEST.test(digest) || sha256(data) !== digest) return;
    this.write(this.blobPath(digest), data);
  }

  private tagPath(ref: string): string {
    return join(this.dir, 'tags', createHash('sha256').update(ref).digest('hex') + '.json');
  }

  /** The cached digest of `ref`; `anyAge` (offline) takes it however old. */
  getTag(ref: string, anyAge = false, now = Date.now()): TagEntry | undefined {
    try {
      const e = JSON.parse(readFileSync(this.tagPath(ref), 'utf8')) as TagEntry;
      if (e.ref !== ref || !DIGEST.test(e.digest)) return undefined;
      if (!anyAge && !(now - e.at >= 0 && now - e.at < this.tagTtlMs)) return undefined;
      return e;
    } catch {
      return undefined;
    }
  }

  putTag(entry: TagEntry): void {
    this.write(this.tagPath(entry.ref), JSON.stringify(entry) + '\n');
  }

  // A cache that cannot be written (read-only home, full disk) only costs a second request.
  private write(path: string, data: string | Uint8Array): void {
    try {
      mkdirSync(join(path, '..'), { recursive: true });
      writeFileAtomic(path, data);
    } catch {
      // ignored on purpose
    }
  }
}
