// Docker image reference normalization, as reference.ParseNormalizedNamed + TagNameOnly do it.

export class ReferenceError extends Error {}

const NAME_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;

/** `golang:1.22` → `docker.io/library/golang:1.22`; adds `:latest` when there is no tag or digest. */
export function normalizeImageRef(ref: string): string {
  let rest = ref;
  let digest = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new ReferenceError(`invalid reference "${ref}": bad digest`);
  }
  let tag = '';
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new ReferenceError(`invalid reference "${ref}": bad tag`);
  }
  let domain = 'docker.io';
  let path = rest;
  const slash = rest.indexOf('/');
  if (slash >= 0) {
    const first = rest.slice(0, slash);
    if (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase()) {
      domain = first;
      path = rest.slice(slash + 1);
    }
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && !path.includes('/')) path = 'library/' + path;
  if (path !== path.toLowerCase()) throw new ReferenceError(`invalid reference "${ref}": repository name must be lowercase`);
  if (!path.split('/').every((c) => NAME_COMPONENT.test(c))) throw new ReferenceError(`invalid reference "${ref}"`);
  if (!tag && !digest) tag = 'latest';
  return domain + '/' + path + (tag ? ':' + tag : '') + (digest ? '@' + digest : '');
}
