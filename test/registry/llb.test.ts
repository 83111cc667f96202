// Resolved LLB for shared corpus files: their images are pushed to the test registry with known configs
// (a golang-like config with PATH=/usr/local/go/bin…, WORKDIR /go; distroless with its nonroot user),
// the Dockerfile is pointed at that registry and pinned with gofile pin, and the LLB made with the resolved
// configs is checked against §8 of the LLB doc: pinned source identifiers, the image ENV first in every
// RUN's env (then the stage's ARGs and ENVs), the image WORKDIR and USER as cwd and user until the
// Dockerfile sets its own.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { DockerfileModel, Stage } from '../../src/dockerfile/model.js';
import { dockerfileToLLB } from '../../src/frontend/index.js';
import { DEFAULT_PATH, type ImageConfig } from '../../src/frontend/image.js';
import { dumpJSON, encodeDefinition } from '../../src/llb/index.js';
import { normalizeImageRef } from '../../src/llb/index.js';
import { RegistryClient } from '../../src/registry/index.js';
import { baseConfigsOf, imageUses, resolveImages } from '../../src/registry/resolve-images.js';
import { runPin } from '../../src/commands/pin.js';
import type { Io } from '../../src/io.js';
import { CORPUS, HAS_CORPUS } from '../helpers/shared.js';
import { describeRegistry, pushIndex, uniqueRepo, type ConfigInit } from './helpers.js';

const FILES = ['0091', '0097', '0005', '0008', '0099'];

/** Points every registry image of a FROM line at `host` (docker.io/library/x → host/<prefix>/library/x), digests dropped. */
function rewriteToRegistry(text: string, host: string, prefix: string): string {
  const stageNames = new Set<string>();
  return text.replace(/^(FROM[ \t]+(?:--\S+[ \t]+)*)(\S+)(.*)$/gim, (_line, head: string, image: string, tail: string) => {
    const as = /^\s+as\s+(\S+)/i.exec(tail);
    const lower = image.toLowerCase();
    const keep = lower === 'scratch' || stageNames.has(lower) || image.startsWith('$');
    if (as) stageNames.add(as[1].toLowerCase());
    if (keep) return head + image + tail;
    const bare = image.replace(/@sha256:[0-9a-f]+$/, '');
    const parts = bare.split('/');
    if (parts.length > 1 && /[.:]|^localhost$/.test(parts[0])) parts.shift();
    if (parts.length === 1) parts.unshift('library');
    return `${head}${host}/${prefix}/${parts.join('/')}${tail}`;
  });
}

/** The config pushed for an image, by what it is, as the real images have it. */
function configFor(repository: string, tag: string): ConfigInit {
  const name = repository.split('/').pop()!;
  if (name === 'golang') {
    return {
      env: ['PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', `GOLANG_VERSION=${tag.split('-')[0]}`, 'GOTOOLCHAIN=local', 'GOPATH=/go'],
      workdir: '/go',
    };
  }
  if (repository.includes('distroless')) {
    const nonroot = tag.includes('nonroot');
    return {
      env: [`PATH=${tag.includes('debug') ? '/busybox:' : ''}/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`, 'SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt'],
      ...(nonroot ? { user: '65532', workdir: '/home/nonroot' } : {}),
    };
  }
  return { env: [`PATH=${DEFAULT_PATH}`] };
}

/** §4: setting a key again moves it to the end. */
function addEnvs(base: string[], entries: string[]): string[] {
  const out = [...base];
  for (const e of entries) {
    const k = e.split('=')[0];
    const i = out.findIndex((x) => x.split('=')[0] === k);
    if (i >= 0) out.splice(i, 1);
    out.push(e);
  }
  return out;
}

interface DumpOp {
  Op: { Op?: { exec?: { meta: { env?: string[]; cwd?: string; user?: string } }; source?: { identifier: string } } } | null;
  OpMetadata?: { description?: Record<string, string> };
}

const dump = (model: DockerfileModel, baseConfigs?: Map<string, ImageConfig>) =>
  dumpJSON(encodeDefinition(dockerfileToLLB(model, { baseConfigs, sourceMap: true }).definition)).trim().split('\n').map((l) => JSON.parse(l) as DumpOp);

function rootImage(stage: Stage): Stage | null {
  let s: Stage = stage;
  while (s.base.kind === 'stage') s = s.base.stage;
  return s.base.kind === 'image' ? s : null;
}

function io(cwd: string, env: Record<string, string>): Io {
  return { stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, stdin: async () => '', cwd, env };
}

describeRegistry('resolved LLB for corpus files (images pushed to the test registry)', (reg) => {
  for (const id of FILES) {
    it.skipIf(!HAS_CORPUS)(`${id}: pinned identifiers, image ENV, WORKDIR and USER as in §8`, async () => {
      const original = readFileSync(join(CORPUS, 'files', `${id}.Dockerfile`), 'utf8');
      const prefix = uniqueRepo('corpus');
      const text = rewriteToRegistry(original, reg.open, prefix);
      const dir = mkdtempSync(join(tmpdir(), `gofile-llb-${id}-`));
      const env = { HOME: dir, GOFILE_REGISTRY_CACHE: join(dir, 'cache') };

      // push every image the file pulls, multi-platform, with its known config
      const pushed = new Map<string, { digest: string; config: ConfigInit }>();
      for (const use of imageUses(parseDockerfile(text))) {
        if (pushed.has(use.ref)) continue;
        const m = /^[^/]+\/(.+):([^:@]+)$/.exec(use.ref)!;
        const config = configFor(m[1], m[2]);
        const idx = await pushIndex(reg.open, m[1], m[2], [{ ...config, architecture: 'amd64' }, { ...config, architecture: 'arm64' }]);
        pushed.set(use.ref, { digest: idx.digest, config });
      }
      expect(pushed.size).toBeGreaterThan(0);

      // resolve as the frontend would: digests are the index digests, configs are the amd64 ones
      const client = new RegistryClient({ env });
      const resolved = await resolveImages(imageUses(parseDockerfile(text)), 'linux/amd64', client);
      for (const [ref, p] of pushed) {
        expect(resolved.get(ref)?.digest).toBe(p.digest);
        expect(resolved.get(ref)?.config.config?.Env).toEqual(p.config.env);
        expect(resolved.get(ref)?.config.architecture).toBe('amd64');
      }

      // pin the file, then make LLB from the pinned file with the resolved configs
      writeFileSync(join(dir, 'Dockerfile'), text);
      expect(await runPin({ files: ['Dockerfile'] }, io(dir, env))).toBe(0);
      const pinnedText = readFileSync(join(dir, 'Dockerfile'), 'utf8');
      const model = parseDockerfile(pinnedText);
      const pinnedResolved = await resolveImages(imageUses(model), 'linux/amd64', client);
      const withConfigs = dump(model, baseConfigsOf(pinnedResolved));
      const without = dump(model);

      // every image source op names the index digest, tag kept
      const sources = withConfigs.flatMap((o) => (o.Op?.Op?.source?.identifier.startsWith('docker-image://') ? [o.Op.Op.source.identifier] : []));
      expect(sources.length).toBeGreaterThan(0);
      for (const s of sources) {
        const ref = s.slice('docker-image://'.length);
        const tagged = ref.replace(/@sha256:[0-9a-f]{64}$/, '');
        expect(ref, 'pinned').toMatch(/:[^/@]+@sha256:[0-9a-f]{64}$/);
        expect(ref.slice(tagged.length + 1)).toBe(pushed.get(tagged)!.digest);
        expect(normalizeImageRef(ref)).toBe(ref);
      }

      // exec ops: the image ENV first (no default PATH when it has one), then the stage's own; cwd and user from the image
      const stageOf = (customName: string) => {
        const name = /^\[([^\] ]*)/.exec(customName)?.[1] ?? '';
        return model.stages.find((s, i) => (s.name?.toLowerCase() ?? `stage-${i}`) === name) ?? (model.stages.length === 1 ? model.stages[0] : undefined);
      };
      const plain = new Map(without.map((o) => [o.OpMetadata?.description?.['llb.customname'] ?? '', o]));
      let execs = 0;
      for (const op of withConfigs) {
        const exec = op.Op?.Op?.exec;
        if (!exec) continue;
        execs++;
        const name = op.OpMetadata?.description?.['llb.customname'] ?? '';
        const before = plain.get(name)?.Op?.Op?.exec;
        expect(before, `an unresolved twin of ${name}`).toBeDefined();
        const stage = stageOf(name);
        expect(stage, `the stage of ${name}`).toBeDefined();
        const root = rootImage(stage!);
        const image = root ? pushed.get(normalizeImageRef((root.base as { image: { text: string } }).image.text).replace(/@sha256:.*$/, ''))?.config : undefined;
        const imageEnv = image?.env ?? [`PATH=${DEFAULT_PATH}`];
        const baseEnv = imageEnv.some((e) => e.startsWith('PATH=')) ? imageEnv : [...imageEnv, `PATH=${DEFAULT_PATH}`];
        const own = (before!.meta.env ?? []).filter((e, i) => !(i === 0 && e === `PATH=${DEFAULT_PATH}`));
        expect(exec.meta.env, `env of ${name}`).toEqual(addEnvs(baseEnv, own));
        expect(exec.meta.cwd, `cwd of ${name}`).toBe(before!.meta.cwd === '/' ? image?.workdir ?? '/' : before!.meta.cwd);
        expect(exec.meta.user ?? '', `user of ${name}`).toBe(before!.meta.user || image?.user || '');
      }
      expect(execs).toBeGreaterThan(0);
    });
  }
});
