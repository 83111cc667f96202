// `prebuilt`: a binary built outside the Dockerfile, through expand, pin and convert.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { expandSpec, hasBuilder } from '../../src/spec/expand.js';
import { findSpecPins } from '../../src/pin/spec.js';

const expanded = (text: string) => expandSpec(resolveSpec(loadSpec(text, 'gofile.yaml')));

describe('prebuilt', () => {
  it('copies the binary from the context, executable, with no builder stage on a base that needs nothing from one', () => {
    const text = expanded('path: .\nprebuilt: dist/${TARGETOS}_${TARGETARCH}/app\nbase: distroless/static\n');
    expect(text).not.toContain('AS build');
    expect(text).toContain('ARG TARGETOS TARGETARCH\nCOPY --chmod=755 dist/${TARGETOS}_${TARGETARCH}/app /usr/local/bin/app\n');
  });
  it('keeps a builder only for what scratch (or another image) takes from it', () => {
    const r = (base: string, more = '') => resolveSpec(loadSpec(`path: .\nprebuilt: app\nbase: ${base}\n${more}`, 'gofile.yaml'));
    expect(hasBuilder(r('scratch'))).toBe(true);
    expect(hasBuilder(r('registry.example.com/base:1', 'certs: true\n'))).toBe(true);
    expect(hasBuilder(r('registry.example.com/base:1'))).toBe(false);
    expect(hasBuilder(r('alpine'))).toBe(false);
    expect(expandSpec(r('scratch'))).toMatch(/FROM --platform=\$BUILDPLATFORM golang:[\d.]+-alpine AS build\n# scratch has no \/tmp.*\nRUN mkdir -p -m 1777 \/rootfs\/tmp\n\nFROM scratch/);
  });
  it('declares the build args its path names, with their defaults, before the copy', () => {
    expect(expanded('path: .\nname: app\nprebuilt: out/app-${VERSION}\nbuildArgs:\n  VERSION: "1.0"\nbase: alpine\n'))
      .toContain('ARG VERSION=1.0\nCOPY --chmod=755 out/app-${VERSION} /usr/local/bin/app\n');
  });
  it('gives gofile pin the builder only where there is one', () => {
    const sites = findSpecPins('path: .\nprebuilt: app\nbase: scratch\n', 'gofile.yaml', '/nonexistent/gofile.yaml');
    expect(sites.map((s) => s.key)).toEqual(['builderDigest']);
    const none = findSpecPins('path: .\nprebuilt: app\nbase: alpine\n', 'gofile.yaml', '/nonexistent/gofile.yaml');
    expect(none.map((s) => s.key)).toEqual(['baseDigest']);
    const floating = findSpecPins('path: .\nprebuilt: app\nbase: registry.example.com/base:latest\n', 'gofile.yaml', '/nonexistent/gofile.yaml');
    expect(floating.map((s) => s.key)).toEqual(['baseDigest']);
  });
  it('pins the builder it keeps, and refuses a Go version where it keeps none', () => {
    const digest = 'sha256:' + 'ab'.repeat(32);
    expect(expanded(`path: .\nprebuilt: app\ngo: "1.25"\nbuilderDigest: ${digest}\nbase: scratch\n`)).toContain(`FROM --platform=$BUILDPLATFORM golang:1.25-alpine@${digest} AS build\n`);
    expect(() => expanded('path: .\nprebuilt: app\ngo: "1.25"\nbase: alpine\n')).toThrow(/`go` has no effect: with `prebuilt` on alpine/);
  });
});
