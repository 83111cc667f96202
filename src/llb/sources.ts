// Source ops: where filesystems come from (images, the local context, git, http, OCI layouts).
import { goJSONString } from './codec.js';
import type { Op } from './ops.js';
import { normalizeImageRef } from './reference.js';
import { State } from './state.js';
import { addCap, constraintsFrom, Vertex, type Constraints, type MarshalContext, type OpOptions, type Output } from './vertex.js';

class SourceVertex extends Vertex {
  readonly output: Output;

  constructor(
    private readonly identifier: string,
    private readonly attrs: Record<string, string>,
    constraints: Constraints,
  ) {
    super(constraints);
    this.output = { vertex: this, index: () => 0, platform: constraints.platform };
  }

  inputs(): Output[] {
    return [];
  }

  protected build(ctx: MarshalContext, c: Constraints): { op: Op; platform: 'keep' | 'drop' } {
    const attrs = { ...this.attrs };
    if (this.identifier.startsWith('local://') && attrs['local.session'] === undefined) {
      // without a session the daemon needs a marshal-unique id to tell transfers apart
      attrs['local.unique'] = c.localUniqueId || ctx.localUniqueId;
      addCap(c, 'source.local.unique');
    }
    // only image-like sources are platform specific; Go drops the platform for the others
    const platformSpecific = this.identifier.startsWith('docker-image://') || this.identifier.startsWith('oci-layout://');
    return {
      op: { source: { identifier: this.identifier, attrs: Object.keys(attrs).length > 0 ? attrs : undefined } },
      platform: platformSpecific ? 'keep' : 'drop',
    };
  }
}

function sourceState(identifier: string, attrs: Record<string, string>, c: Constraints): State {
  return State.fromOutput(new SourceVertex(identifier, attrs, c).output);
}

export interface ImageOptions extends OpOptions {
  /** 'pull' forces a registry check, 'local' prefers a local copy; absent = daemon default. */
  resolveMode?: 'default' | 'pull' | 'local';
  /** e.g. "internal" (llb.MarkImageInternal). */
  recordType?: string;
  layerLimit?: number;
}

/** A registry image; `golang:1.22` is normalized to `docker.io/library/golang:1.22`, a digest is kept. */
export function image(ref: string, opts: ImageOptions = {}): State {
  const c = constraintsFrom(opts);
  addCap(c, 'source.image');
  const attrs: Record<string, string> = {};
  if (opts.resolveMode && opts.resolveMode !== 'default') {
    attrs['image.resolvemode'] = opts.resolveMode;
    if (opts.resolveMode === 'pull') addCap(c, 'source.image.resolvemode');
  }
  if (opts.recordType) attrs['image.recordtype'] = opts.recordType;
  if (opts.layerLimit !== undefined) {
    attrs['image.layerlimit'] = String(opts.layerLimit);
    addCap(c, 'source.image.layerlimit');
  }
  return sourceState('docker-image://' + normalizeImageRef(ref), attrs, c);
}

export interface LocalOptions extends OpOptions {
  sessionId?: string;
  includePatterns?: string[];
  excludePatterns?: string[];
  followPaths?: string[];
  sharedKeyHint?: string;
  differ?: { type: 'none' | 'metadata'; required?: boolean };
  /** `local.unique` for this source only; otherwise the marshal-time localUniqueId. */
  uniqueId?: string;
}

/** Go's json.Marshal of a []string, which is how llb stores pattern lists in attrs. */
function jsonStringArray(list: string[]): string {
  return '[' + list.map(goJSONString).join(',') + ']';
}

/** Files sent by the client, e.g. the build context (`local("context")`). */
export function local(name: string, opts: LocalOptions = {}): State {
  const c = constraintsFrom(opts);
  c.localUniqueId = opts.uniqueId;
  const attrs: Record<string, string> = {};
  if (opts.sessionId) {
    attrs['local.session'] = opts.sessionId;
    addCap(c, 'source.local.sessionid');
  }
  if (opts.includePatterns && opts.includePatterns.length > 0) {
    attrs['local.includepattern'] = jsonStringArray(opts.includePatterns);
    addCap(c, 'source.local.includepatterns');
  }
  if (opts.followPaths && opts.followPaths.length > 0) {
    attrs['local.followpaths'] = jsonStringArray(opts.followPaths);
    addCap(c, 'source.local.followpaths');
  }
  if (opts.excludePatterns && opts.excludePatterns.length > 0) {
    attrs['local.excludepatterns'] = jsonStringArray(opts.excludePatterns);
    addCap(c, 'source.local.excludepatterns');
  }
  if (opts.sharedKeyHint) {
    attrs['local.sharedkeyhint'] = opts.sharedKeyHint;
    addCap(c, 'source.local.sharedkeyhint');
  }
  if (opts.differ) {
    attrs['local.differ'] = opts.differ.type;
    if (opts.differ.required) addCap(c, 'source.local.differ');
  }
  addCap(c, 'source.local');
  return sourceState('local://' + name, attrs, c);
}

export interface GitOptions extends OpOptions {
  keepGitDir?: boolean;
  /** Secret names for http(s) auth; default GIT_AUTH_TOKEN / GIT_AUTH_HEADER. */
  authTokenSecret?: string;
  authHeaderSecret?: string;
  /** known_hosts lines for ssh remotes (Go would otherwise run ssh-keyscan; we never do). */
  knownSshHosts?: string;
  /** ssh agent id for ssh remotes; default "default". */
  mountSshSock?: string;
}

const SSH_IMPLICIT = /^[a-zA-Z0-9-_]+@[a-zA-Z0-9-.]+:.*$/;

function parseGitProtocol(remote: string): [string, 'http' | 'https' | 'ssh' | 'git' | 'unknown'] {
  let proto: 'http' | 'https' | 'ssh' | 'git' | 'unknown' = 'unknown';
  for (const [prefix, p] of [
    ['http://', 'http'],
    ['https://', 'https'],
    ['git://', 'git'],
    ['ssh://', 'ssh'],
  ] as const) {
    if (remote.startsWith(prefix)) {
      remote = remote.slice(prefix.length);
      proto = p;
    }
  }
  if (proto === 'unknown' && SSH_IMPLICIT.test(remote)) proto = 'ssh';
  if (proto === 'ssh') {
    const at = remote.indexOf('@');
    if (at >= 0) remote = remote.slice(at + 1);
  }
  return [remote, proto];
}

/** A git repository at `ref`: identifier `git://<host/path>#<ref>`, with the full URL in attrs. */
export function git(remote: string, ref: string, opts: GitOptions = {}): State {
  let url = remote.split('#')[0];
  let [id, proto] = parseGitProtocol(remote);
  let sshHost = '';
  if (proto === 'ssh') {
    const colon = id.indexOf(':');
    if (colon >= 0) {
      sshHost = id.slice(0, colon);
      id = sshHost + '/' + id.slice(colon + 1);
    }
  }
  if (proto === 'unknown') url = 'https://' + url;
  if (ref) id += '#' + ref;

  const c = constraintsFrom(opts);
  const attrs: Record<string, string> = {};
  if (opts.keepGitDir) {
    attrs['git.keepgitdir'] = 'true';
    addCap(c, 'source.git.keepgitdir');
  }
  if (url) {
    attrs['git.fullurl'] = url;
    addCap(c, 'source.git.fullurl');
  }
  const token = opts.authTokenSecret ?? 'GIT_AUTH_TOKEN';
  const header = opts.authHeaderSecret ?? 'GIT_AUTH_HEADER';
  const explicitAuth = opts.authTokenSecret !== undefined || opts.authHeaderSecret !== undefined;
  if (token) attrs['git.authtokensecret'] = token;
  if (header) attrs['git.authheadersecret'] = header;
  if (explicitAuth && (token || header)) addCap(c, 'source.git.httpauth');
  if (proto === 'ssh') {
    if (opts.knownSshHosts) attrs['git.knownsshhosts'] = opts.knownSshHosts.replace(/\n$/, '') + '\n';
    addCap(c, 'source.git.knownsshhosts');
    attrs['git.mountsshsock'] = opts.mountSshSock || 'default';
    addCap(c, 'source.git.mountsshsock');
  }
  addCap(c, 'source.git');
  return sourceState('git://' + id, attrs, c);
}

export interface HTTPOptions extends OpOptions {
  /** Expected digest of the download, "sha256:…". */
  checksum?: string;
  filename?: string;
  /** Permission bits of the downloaded file (masked to 0777). */
  perm?: number;
  uid?: number;
  gid?: number;
}

/** A file downloaded over http(s); the identifier is the URL itself. */
export function http(url: string, opts: HTTPOptions = {}): State {
  const c = constraintsFrom(opts);
  const attrs: Record<string, string> = {};
  if (opts.checksum) {
    attrs['http.checksum'] = opts.checksum;
    addCap(c, 'source.http.checksum');
  }
  if (opts.filename) attrs['http.filename'] = opts.filename;
  const perm = (opts.perm ?? 0) & 0o777;
  if (perm !== 0) {
    attrs['http.perm'] = '0' + perm.toString(8);
    addCap(c, 'source.http.perm');
  }
  if (opts.uid) {
    attrs['http.uid'] = String(opts.uid);
    addCap(c, 'soruce.http.uidgid'); // sic: the cap id is misspelled upstream
  }
  if (opts.gid) {
    attrs['http.gid'] = String(opts.gid);
    addCap(c, 'soruce.http.uidgid');
  }
  addCap(c, 'source.http');
  return sourceState(url, attrs, c);
}

export interface OCILayoutOptions extends OpOptions {
  sessionId?: string;
  storeId?: string;
  layerLimit?: number;
}

/** An image from an OCI layout store provided by the client session. */
export function ociLayout(ref: string, opts: OCILayoutOptions = {}): State {
  const c = constraintsFrom(opts);
  const attrs: Record<string, string> = {};
  if (opts.sessionId) attrs['oci.session'] = opts.sessionId;
  if (opts.storeId) attrs['oci.store'] = opts.storeId;
  if (opts.layerLimit !== undefined) attrs['oci.layerlimit'] = String(opts.layerLimit);
  addCap(c, 'source.ocilayout');
  return sourceState('oci-layout://' + ref, attrs, c);
}

