// The images a gofile.yaml spec builds from (builder and runtime base, defaults included, and the images
// `copy` entries are taken out of) and where `expand` and `llb` read their digests: builderDigest, baseDigest
// and the `@sha256:` of copy[i].from. Edits are spliced into the text at the ranges the yaml Document API
// reports, so comments and layout stay as written.
import { dirname } from 'node:path';
import { InputError } from '../errors.js';
import { loadSpec } from '../spec/load.js';
import { resolveSpec } from '../spec/resolve.js';
import { resolveOnDisk } from '../spec/on-disk.js';
import type { GofileSpec, ResolvedSpec } from '../spec/types.js';
import { hasBuilder } from '../spec/expand.js';
import { isMap, isScalar, LineCounter, parseDocument } from '../yaml.js';
import { parseImageReference } from '../dockerfile/image.js';

/** builderDigest, baseDigest, or `copy[i].from`, whose reference carries its digest. */
export type DigestKey = 'builderDigest' | 'baseDigest' | `copy[${number}].from`;

export interface SpecPinSite {
  key: DigestKey;
  /** The spec key that names the image, and the image it resolves to (defaults applied, no digest). */
  imageKey: 'builder' | 'base' | 'copy';
  image: string;
  /** The tagged reference whose digest is wanted (`:latest` added when untagged). */
  follow: string;
  current?: string;
  line: number;
}

const PLACEHOLDER = 'sha256:' + '0'.repeat(64);

/** The spec's builder and (unless scratch) base image, with the digests it pins now. */
export function findSpecPins(text: string, file: string, specPath: string): SpecPinSite[] {
  const resolved = loadForPinning(text, file, specPath);
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  const lineOf = (key: string): number | undefined => {
    const node = isMap(doc.contents) ? doc.contents.items.find((p) => isScalar(p.key) && p.key.value === key) : undefined;
    const offset = node && isScalar(node.key) ? node.key.range?.[0] : undefined;
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
  const sites: SpecPinSite[] = [];
  const add = (imageKey: 'builder' | 'base', key: DigestKey, image: string, current: string | null) => {
    const ref = parseImageReference(image);
    const follow = typeof ref !== 'string' && !ref.tag ? `${image}:latest` : image;
    const line = lineOf(key) ?? lineOf(imageKey) ?? 1;
    sites.push({ key, imageKey, image, follow, current: current ?? undefined, line });
  };
  // a prebuilt binary has a builder only for what scratch (or another image) takes from it
  if (hasBuilder(resolved)) add('builder', 'builderDigest', resolved.builder, resolved.builderDigest);
  if (resolved.base !== 'scratch') add('base', 'baseDigest', resolved.base, resolved.baseDigest);
  resolved.copy.forEach((c, i) => {
    const ref = c.from ? parseImageReference(c.from) : undefined;
    // a reference with only a digest follows no tag: the digest is all there is to it
    if (!c.from || !ref || typeof ref === 'string' || !ref.tag) return;
    const at = c.from.indexOf('@');
    const image = at < 0 ? c.from : c.from.slice(0, at);
    const node = doc.getIn(['copy', i, 'from'], true) as { range?: [number, number] } | undefined;
    sites.push({ key: `copy[${i}].from`, imageKey: 'copy', image, follow: image, current: ref.digest, line: node?.range ? lines.linePos(node.range[0]).line : lineOf('copy') ?? 1 });
  });
  return sites;
}

// A spec that must pin a digest (a :latest or Chainguard base) is exactly what `gofile pin` fixes:
// check it as if the digests were there, so the loader's other checks still apply.
function loadForPinning(text: string, file: string, specPath: string): ResolvedSpec {
  let spec;
  try {
    spec = loadSpec(text, file);
  } catch (e) {
    if (!(e instanceof InputError) || !/Digest/.test(e.message)) throw e;
    const doc = parseDocument(text);
    for (const key of ['builderDigest', 'baseDigest']) if (doc.getIn([key]) === undefined) doc.setIn([key], PLACEHOLDER);
    // a prebuilt binary on a base that needs no builder has no builderDigest to hold
    if (doc.getIn(['prebuilt']) !== undefined && !hasBuilder(resolveSpec(doc.toJS() as GofileSpec))) doc.deleteIn(['builderDigest']);
    spec = loadSpec(doc.toString(), file);
    if (spec.builderDigest === PLACEHOLDER) delete spec.builderDigest;
    if (spec.baseDigest === PLACEHOLDER) delete spec.baseDigest;
  }
  const dir = dirname(specPath);
  return resolveOnDisk(spec, dir, file);
}

/** The spec text with each digest key set: an existing value replaced in place, a new key added after the image's key. */
export function applySpecPins(text: string, pins: ReadonlyArray<{ key: DigestKey; imageKey: string; digest: string; image?: string }>): string {
  let out = text;
  for (const pin of pins) {
    const doc = parseDocument(out);
    const item = /^copy\[(\d+)\]\.from$/.exec(pin.key);
    if (item) {
      // the reference carries its digest: the value is rewritten in place
      const node = doc.getIn(['copy', Number(item[1]), 'from'], true) as { range?: [number, number] } | undefined;
      if (!node?.range) throw new InputError(`cannot find ${pin.key} to pin`);
      out = out.slice(0, node.range[0]) + `${pin.image}@${pin.digest}` + out.slice(node.range[1]);
      continue;
    }
    const map = doc.contents;
    if (!isMap(map) || map.flow) {
      doc.setIn([pin.key], pin.digest);
      out = doc.toString();
      continue;
    }
    const pairOf = (k: string) => map.items.find((p) => isScalar(p.key) && p.key.value === k);
    const existing = pairOf(pin.key);
    if (existing && isScalar(existing.value) && existing.value.range) {
      const [start, end] = existing.value.range;
      out = out.slice(0, start) + pin.digest + out.slice(end);
      continue;
    }
    if (existing) {
      doc.setIn([pin.key], pin.digest);
      out = doc.toString();
      continue;
    }
    // after the image's own key (or go, for the default builder), else at the end of the map
    const anchor = pairOf(pin.imageKey) ?? (pin.imageKey === 'builder' ? pairOf('go') : pairOf('scratch'));
    const keyNode = anchor && isScalar(anchor.key) ? anchor.key : undefined;
    const valueEnd = anchor && isScalar(anchor.value) ? anchor.value.range?.[1] : undefined;
    if (keyNode?.range && valueEnd !== undefined) {
      const lineStart = out.lastIndexOf('\n', keyNode.range[0] - 1) + 1;
      const indent = out.slice(lineStart, keyNode.range[0]);
      let eol = out.indexOf('\n', valueEnd);
      if (eol < 0) {
        out += '\n';
        eol = out.length - 1;
      }
      out = out.slice(0, eol + 1) + `${/^[ \t]*$/.test(indent) ? indent : ''}${pin.key}: ${pin.digest}\n` + out.slice(eol + 1);
    } else {
      const firstKey = map.items[0] && isScalar(map.items[0].key) ? map.items[0].key.range?.[0] : undefined;
      const lineStart = firstKey === undefined ? 0 : out.lastIndexOf('\n', firstKey - 1) + 1;
      const indent = firstKey === undefined ? '' : out.slice(lineStart, firstKey);
      const end = map.range?.[1] ?? out.length;
      const head = out.slice(0, end);
      out = `${head}${head.endsWith('\n') || head === '' ? '' : '\n'}${/^[ \t]*$/.test(indent) ? indent : ''}${pin.key}: ${pin.digest}\n${out.slice(end)}`;
    }
  }
  return out;
}
