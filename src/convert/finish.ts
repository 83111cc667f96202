// Makes the draft a spec the loader accepts, with only the fields that differ from the defaults.
import { InputError } from '../errors.js';
import { loadSpec, MAX_SPEC_BYTES } from '../spec/load.js';
import { goFromMod, resolveSpec } from '../spec/resolve.js';
import { goVersionOfTag } from './images.js';
import { debianRelease, isStaticBase } from '../spec/images.js';
import type { GofileSpec } from '../spec/types.js';
import type { Ctx } from './context.js';
import { specToYaml } from './write.js';

const isDeepEqual = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Choices that follow from the whole draft: defaults the original did not share, the builder family packages need. */
function settle(ctx: Ctx): void {
  const s = ctx.spec;
  if (ctx.trace.kind === 'single-stage-golang' && s.cgo && !s.base) s.base = 'distroless/base';
  // What the original did not provide it did without; minimize drops these where the base has them anyway.
  s.certs ??= false;
  s.tzdata ??= false;
  const r = resolveSpec({ ...s, path: s.path ?? '.' } as GofileSpec, { goMod: ctx.goMod });
  // expand adds the static link itself for cgo on a base without libc
  const implied = ['-linkmode=external', '-extldflags=-static'];
  if (s.cgo && isStaticBase(r.base, r.baseKind) && implied.every((f) => s.ldflags?.includes(f))) {
    s.ldflags = s.ldflags!.filter((f) => !implied.includes(f));
    if (!s.ldflags.length) delete s.ldflags;
  }
  if (ctx.builderImage && !s.builder) {
    const colon = ctx.builderImage.lastIndexOf(':');
    const tagged = colon > ctx.builderImage.lastIndexOf('/');
    const tag = tagged ? ctx.builderImage.slice(colon + 1) : '';
    // Package names are the original builder's: keep its OS family when the default builder would differ.
    const family = !!s.buildPackages?.length && r.builderKind !== ctx.builderFamily;
    if (goVersionOfTag(tag) === undefined) {
      // golang:alpine, golang:1-trixie float with every Go release (lint rule go-version-drift): at most the OS stays, on the spec's Go
      const os = tag.replace(/^\d+(-|$)/, '');
      if (family) {
        const variant = /^(alpine[\d.]*|bookworm|bullseye|buster|trixie)$/.test(os) ? os : ctx.builderFamily === 'alpine' ? 'alpine' : debianRelease(r.go).codename;
        s.builder = `${tagged ? ctx.builderImage.slice(0, colon) : ctx.builderImage}:${r.go}-${variant}`;
        if (ctx.builderFrom) ctx.ledger.carry(ctx.builderFrom, 'builder', `\`${ctx.builderImage}\` floats; the build packages need its OS: builder ${s.builder}, on the spec's Go`);
      }
    } else if (tag !== s.go && r.builder !== ctx.builderImage || family) {
      // an explicit variant (-bookworm, -alpine3.20) is kept
      s.builder = ctx.builderImage;
    }
  }
}

/** Top-level key of the YAML line an error points at. */
function keyAtLine(yaml: string, line: number | undefined): string | undefined {
  if (!line) return undefined;
  const lines = yaml.split('\n');
  for (let i = Math.min(line, lines.length) - 1; i >= 0; i--) {
    const m = /^([A-Za-z]+):/.exec(lines[i]);
    if (m) return m[1];
  }
  return undefined;
}

/** `env.PATH`, `copy[0].src`, `buildPackages[9]`: the part of a field the loader's message names, if any. */
function itemOf(message: string, key: string): { name?: string; index?: number } | undefined {
  const m = new RegExp('^`' + key + '(?:\\.([^`\\[\\s]+)|\\[(\\d+)\\])').exec(message.replace(/^`[^`]*`: /, ''));
  if (!m) return undefined;
  return m[1] !== undefined ? { name: m[1] } : { index: Number(m[2]) };
}

/** Takes one entry out of a map or list field; true when it did. */
function removeItem(ctx: Ctx, key: string, item: { name?: string; index?: number }, message: string): boolean {
  const spec = ctx.spec as Record<string, unknown>;
  const value = spec[key];
  let shown: string | undefined;
  if (item.name !== undefined && value && typeof value === 'object' && !Array.isArray(value) && item.name in value) {
    shown = item.name;
    delete (value as Record<string, unknown>)[item.name];
    if (!Object.keys(value).length) delete spec[key];
  } else if (item.index !== undefined && Array.isArray(value) && item.index < value.length) {
    const [gone] = value.splice(item.index, 1);
    shown = typeof gone === 'object' ? (gone as { src?: string }).src ?? '' : String(gone);
    if (!value.length) delete spec[key];
  } else return false;
  // the last entry gone takes the field with it, and the carry into it did not happen
  ctx.ledger.retract(key, message, key in spec ? shown : undefined);
  return true;
}

/** The field that takes the most room in the spec's YAML. */
function biggestField(spec: Partial<GofileSpec>): string | undefined {
  let best: string | undefined;
  let size = -1;
  for (const [k, v] of Object.entries(spec)) {
    const n = JSON.stringify(v ?? null).length;
    if (n > size) { best = k; size = n; }
  }
  return best;
}

/** Loads the draft as a user's spec would be loaded; each field (or entry) the loader refuses is taken out and reported against its instructions. */
function validate(ctx: Ctx): void {
  for (let guard = 0; guard < 100; guard++) {
    const yaml = specToYaml(ctx.spec as GofileSpec, null);
    try {
      loadSpec(yaml, 'gofile.yaml');
      return;
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      // a spec over the size a gofile.yaml may have: the biggest field goes, reported like any refused field
      const key = Buffer.byteLength(yaml, 'utf8') > MAX_SPEC_BYTES ? biggestField(ctx.spec) : keyAtLine(yaml, e.line);
      if (!key || key === 'path' && ctx.spec.path === '.') throw e;
      const item = itemOf(e.message, key);
      if (item && removeItem(ctx, key, item, e.message)) continue;
      delete (ctx.spec as Record<string, unknown>)[key];
      if (key === 'base') delete ctx.spec.baseDigest;
      if (key === 'builder') delete ctx.spec.builderDigest;
      ctx.ledger.retract(key, e.message);
      if (key === 'path') ctx.spec.path = '.';
    }
  }
}

/** Drops every field whose absence resolves to the same spec, so the YAML says only what differs from the defaults. */
function minimize(ctx: Ctx): void {
  const opts = { goMod: ctx.goMod };
  const full = resolveSpec(ctx.spec as GofileSpec, opts);
  for (const key of Object.keys(ctx.spec) as (keyof GofileSpec)[]) {
    if (key === 'path') continue;
    // `go` stays unless go.mod says the same: the default Go moves with each gofile release.
    if (key === 'go' && goFromMod(ctx.goMod) !== ctx.spec.go) continue;
    // A digest names one image: keep the name it pins beside it.
    if (key === 'builder' && ctx.spec.builderDigest || key === 'base' && ctx.spec.baseDigest) continue;
    const without = { ...ctx.spec } as Record<string, unknown>;
    delete without[key];
    try {
      if (isDeepEqual(resolveSpec(without as unknown as GofileSpec, opts), full)) delete (ctx.spec as Record<string, unknown>)[key];
    } catch {
      // a field another one needs stays
    }
  }
}

export function finishSpec(ctx: Ctx): GofileSpec {
  if (!ctx.spec.path) ctx.spec.path = '.';
  settle(ctx);
  validate(ctx);
  minimize(ctx);
  return ctx.spec as GofileSpec;
}
