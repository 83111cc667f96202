// expand: goldens byte for byte, determinism, lint-clean output (corpus and generated specs), the original gofile spec.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/spec/load.js';
import { resolveSpec } from '../../src/spec/resolve.js';
import { expandSpec } from '../../src/spec/expand.js';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB } from '../../src/frontend/convert.js';
import { REPO } from '../helpers/shared.js';
import { specArbitrary } from './arbitrary.js';
import { lintExpansion, RULE_COUNT, show } from './lint-harness.js';

const SPECS = join(REPO, 'corpus', 'specs');
const names = readdirSync(SPECS).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort();
const resolvedOf = (name: string) => resolveSpec(loadSpec(readFileSync(join(SPECS, `${name}.yaml`), 'utf8'), `${name}.yaml`));

describe('corpus/specs', () => {
  it('has 8-16 specs, each with a golden', () => {
    expect(names.length).toBeGreaterThanOrEqual(8);
    expect(names.length).toBeLessThanOrEqual(16);
  });

  it.each(names)('%s expands to its golden byte for byte', (name) => {
    const golden = join(SPECS, `${name}.Dockerfile`);
    const out = expandSpec(resolvedOf(name));
    // Goldens change only on request: UPDATE_GOLDEN=1 rewrites them for review in the diff.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(golden, out);
    expect(existsSync(golden), `${golden} missing: run UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(out).toBe(readFileSync(golden, 'utf8'));
  });

  it.each(names)(`%s lints clean with all ${RULE_COUNT} rules (opt-in too) at style threshold`, (name) => {
    const r = resolvedOf(name);
    const text = expandSpec(r);
    expect(show(lintExpansion(text, r).undisputed)).toBe('');
    // A spec that pins both images also passes require-digest.
    if (r.builderDigest && (r.baseDigest || r.base === 'scratch')) expect(show(lintExpansion(text, r, true).undisputed)).toBe('');
  });

  it.each(names)('%s is deterministic and parses as BuildKit would', (name) => {
    const a = expandSpec(resolvedOf(name));
    expect(expandSpec(resolvedOf(name))).toBe(a);
    expect(parseDockerfile(a).errors).toEqual([]);
    expect(a).not.toMatch(/<<|--link|\r/); // no heredocs, no COPY --link: the stable frontend of BuildKit v0.11
  });
});

describe('corpus/specs through the BuildKit v0.11 frontend', () => {
  it.each(names)('%s converts to LLB for linux/amd64 and linux/arm/v7, as a non-root exec-form image', (name) => {
    const r = resolvedOf(name);
    for (const platform of ['linux/amd64', 'linux/arm/v7']) {
      const { imageConfig } = dockerfileToLLB(parseDockerfile(expandSpec(r)), { platform, buildPlatform: 'linux/amd64' });
      const config = (imageConfig as { config: { User: string; Entrypoint: string[] } }).config;
      expect(config.User).toBe(r.user);
      expect(config.Entrypoint).toEqual(r.entrypoint);
    }
  });
});

describe('expand over generated specs', () => {
  it('every generated spec loads, expands deterministically and lints clean (250 runs)', () => {
    fc.assert(
      fc.property(specArbitrary, (spec) => {
        const text = stringify(spec);
        const r = resolveSpec(loadSpec(text, 'gofile.yaml'), { goSum: spec.path.length % 2 === 0 });
        const out = expandSpec(r);
        expect(expandSpec(r)).toBe(out);
        expect(parseDockerfile(out).errors).toEqual([]);
        const found = show(lintExpansion(out, r).undisputed);
        if (found) throw new Error(`${found}\n--- spec\n${text}--- Dockerfile\n${out}`);
      }),
      { numRuns: Number(process.env.SPEC_RUNS ?? 250) },
    );
  });
});

describe('syntax line', () => {
  const r = resolveSpec({ path: '.' });
  it('defaults to docker/dockerfile:1 on the first line', () => expect(expandSpec(r).split('\n')[0]).toBe('# syntax=docker/dockerfile:1'));
  it('takes another frontend', () => expect(expandSpec(r, { syntax: 'docker/dockerfile:1.7' }).split('\n')[0]).toBe('# syntax=docker/dockerfile:1.7'));
  it('is left out with none', () => expect(expandSpec(r, { syntax: 'none' })).not.toMatch(/syntax/));
  it('takes a digest-pinned frontend and refuses anything that is not an image', () => {
    expect(expandSpec(r, { syntax: `docker/dockerfile:1.7@sha256:${'a'.repeat(64)}` }).split('\n')[0]).toMatch(/@sha256:a{64}$/);
    expect(() => expandSpec(r, { syntax: 'docker/dockerfile:1\nRUN id' })).toThrow(/not an image reference/);
  });
});

describe('the original gofile spec', () => {
  const text = readFileSync(join(SPECS, 'original-gofile.yaml'), 'utf8');
  const out = expandSpec(resolveSpec(loadSpec(text, 'original-gofile.yaml')));
  it('keeps its #syntax=felipecruz/gofile first line readable', () => expect(text.split('\n')[0]).toBe('#syntax=felipecruz/gofile'));
  it('clones the repository at the ref, then builds the path from it', () => {
    expect(out).toMatch(/apk add git/);
    expect(out).toContain('git remote add origin https://github.com/dockersamples/helloworld-go-demo');
    expect(out).toContain('git fetch -q --depth 1 origin main');
    expect(out).toMatch(/go build .* -o \/out\/helloworld-go-demo \.\n/);
    expect(out).not.toMatch(/^ADD /m);
    expect(out).not.toMatch(/type=bind,target=\./); // the source is the clone, not the local context
  });
  it('runs on scratch with the CA bundle, as scratch: true meant', () => {
    expect(out).toMatch(/^FROM scratch$/m);
    expect(out).toContain('COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/');
  });
});

/** A spec's text, loaded and resolved, and its expansion. */
const expandYaml = (yaml: string) => {
  const r = resolveSpec(loadSpec(yaml, 'g.yaml'));
  return { r, out: expandSpec(r) };
};

describe('dirs', () => {
  it('copies the builder\'s empty directory to each, owned by the user, before `copy` fills them; lints clean', () => {
    const { r, out } = expandYaml('path: .\nuser: 10001\ndirs: [/loki/rules, /loki, /etc/loki/]\ncopy:\n  - {src: loki.yaml, dest: /etc/loki/local-config.yaml}\n');
    expect(out).toContain('# dirs: an empty directory, copied to each of them owned by the user\nRUN mkdir /empty\n\nFROM');
    // parents first, so each is made by its own COPY
    expect(out).toContain([
      'COPY --chown=10001:10001 --from=build /empty /etc/loki',
      'COPY --chown=10001:10001 --from=build /empty /loki',
      'COPY --chown=10001:10001 --from=build /empty /loki/rules',
      '# copy',
      'COPY loki.yaml /etc/loki/local-config.yaml',
    ].join('\n'));
    expect(show(lintExpansion(out, r).undisputed)).toBe('');
  });
  it('keeps a builder for a prebuilt binary on a base that needs nothing else from it', () => {
    const { r, out } = expandYaml('path: .\nprebuilt: dist/app\nbase: distroless/static\ndirs: [/data]\n');
    expect(out).toContain('# prebuilt: no Go build here; the builder image only supplies an empty directory for `dirs`');
    expect(out).toContain('COPY --chown=65532:65532 --from=build /empty /data');
    expect(show(lintExpansion(out, r).undisputed)).toBe('');
  });
});

describe('a shell health check', () => {
  const line = 'wget -qO- http://localhost:8080/healthz | grep -q "ok" || exit 1';
  it('writes the line as it stands after CMD and the flags; lints clean on alpine and debian-slim; BuildKit reads it as CMD-SHELL', () => {
    for (const base of ['alpine', 'debian-slim']) {
      const { r, out } = expandYaml(`path: .\nbase: ${base}\npackages: [wget]\nhealthcheck:\n  shell: ${JSON.stringify(line)}\n  interval: 1m\n  timeout: 10s\n  retries: 3\n`);
      expect(out).toContain(`USER 65532:65532\nHEALTHCHECK --interval=1m --timeout=10s --retries=3 CMD ${line}\nENTRYPOINT ["/usr/local/bin/app"]\n`);
      expect(show(lintExpansion(out, r).undisputed), base).toBe('');
      const { imageConfig } = dockerfileToLLB(parseDockerfile(out), { platform: 'linux/amd64' });
      expect((imageConfig as { config: { Healthcheck: { Test: string[] } } }).config.Healthcheck.Test).toEqual(['CMD-SHELL', line]);
    }
  });
  it('keeps exec form for `cmd`', () => {
    expect(expandYaml('path: .\nbase: alpine\nhealthcheck: {cmd: [/usr/local/bin/app, ping]}\n').out).toContain('\nHEALTHCHECK CMD ["/usr/local/bin/app", "ping"]\n');
  });
});

describe('setup on a distroless :debug base', () => {
  it('names busybox\'s shell before the RUN, since there is no /bin/sh; the image keeps that Shell; lints clean', () => {
    const { r, out } = expandYaml('path: ./cmd/cli\nname: cli\nbase: gcr.io/distroless/static:debug\nsetup: [ln -s /busybox/sh /bin/sh]\n');
    expect(out.slice(out.indexOf('FROM gcr.io'))).toBe([
      'FROM gcr.io/distroless/static:debug',
      'COPY --from=build /out/cli /usr/local/bin/cli',
      '# setup: distroless :debug has no /bin/sh, so RUN uses busybox\'s shell',
      'SHELL ["/busybox/sh", "-c"]',
      '# setup: as root, with the files in place',
      'RUN ln -s /busybox/sh /bin/sh',
      '# user: numeric, so it needs no /etc/passwd and satisfies runAsNonRoot',
      'USER 65532:65532',
      'ENTRYPOINT ["/usr/local/bin/cli"]',
      '',
    ].join('\n'));
    expect(show(lintExpansion(out, r).undisputed)).toBe('');
    const { imageConfig } = dockerfileToLLB(parseDockerfile(out), { platform: 'linux/amd64' });
    expect((imageConfig as { config: { Shell?: string[] } }).config.Shell).toEqual(['/busybox/sh', '-c']);
  });
  it('writes no SHELL without setup, nor on alpine', () => {
    expect(expandYaml('path: .\nbase: gcr.io/distroless/static:debug\n').out).not.toContain('SHELL');
    expect(expandYaml('path: .\nbase: alpine\nsetup: [mkdir -p /data]\n').out).not.toContain('SHELL');
  });
});
