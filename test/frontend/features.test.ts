// Frontend behaviour the corpus does not pin down: heredocs, ADD URLs, secret/ssh/cache mounts, refusals, the lexer.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { dockerfileToLLB, ConvertError } from '../../src/frontend/index.js';
import { processWord } from '../../src/frontend/lex.js';
import { decodeOp, type Op } from '../../src/llb/index.js';

function ops(text: string, opts = {}): Op[] {
  const r = dockerfileToLLB(parseDockerfile(text), { localUniqueId: 'gofile', ...opts });
  return (r.definition.def ?? []).map((b) => decodeOp(b));
}
const execs = (o: Op[]) => o.filter((x) => x.exec).map((x) => x.exec!);

describe('frontend features', () => {
  it('runs a simple heredoc as the shell script and a shebang heredoc from /dev/pipes', () => {
    const plain = execs(ops('FROM alpine\nRUN <<EOF\necho a\necho b\nEOF\n'))[0];
    expect(plain.meta?.args).toEqual(['/bin/sh', '-c', 'echo a\necho b\n']);
    const o = ops('FROM alpine\nRUN <<EOF\n#!/bin/sh\necho hi\nEOF\n');
    const run = execs(o)[0];
    expect(run.meta?.args).toEqual(['/bin/sh', '-c', '/dev/pipes/EOF']);
    expect(run.mounts?.find((m) => m.dest === '/dev/pipes/')?.readonly).toBe(true);
    expect(o.some((x) => x.file?.actions?.[0].mkfile?.path === '/EOF')).toBe(true);
  });

  it('turns ADD <url> into an http source and COPY <<heredoc into mkfile', () => {
    const o = ops('FROM alpine\nADD https://example.com/x/tool.tgz /opt/\nCOPY <<EOT /etc/motd\nhello\nEOT\n');
    const src = o.find((x) => x.source?.identifier === 'https://example.com/x/tool.tgz');
    expect(src?.source?.attrs).toEqual({ 'http.filename': 'tool.tgz' });
    const mk = o.find((x) => x.file?.actions?.[0].mkfile)?.file?.actions?.[0].mkfile;
    expect(mk?.path).toBe('/EOT');
    expect(new TextDecoder().decode(mk?.data)).toBe('hello\n');
  });

  it('gives secret and ssh mounts BuildKit\'s defaults and cache mounts their ids', () => {
    const run = execs(ops('FROM golang\nWORKDIR /src\nRUN --mount=type=secret,id=npmrc --mount=type=ssh,required --mount=type=cache,target=.cache,uid=1000 --mount=type=cache,id=mod,target=/go/pkg/mod,sharing=private go build\n'))[0];
    const secret = run.mounts?.find((m) => m.mountType === 1);
    expect(secret?.dest).toBe('/run/secrets/npmrc');
    expect(secret?.secretOpt).toMatchObject({ id: 'npmrc', optional: true });
    expect(run.mounts?.find((m) => m.mountType === 2)?.sshOpt?.optional ?? false).toBe(false);
    const caches = run.mounts?.filter((m) => m.mountType === 3).map((m) => [m.dest, m.cacheOpt?.id, m.selector ?? '']);
    expect(caches).toEqual([['/go/pkg/mod', '/mod', ''], ['/src/.cache', '/.cache', '/cache']]);
  });

  it('copies and mounts from a stage that stands on this one as BuildKit does: from an empty source (its zero State)', () => {
    // BuildKit's cycle check follows COPY --from and mounts, not FROM <stage>: here `c` is not built yet when `a` reads it
    const o = ops('FROM alpine:3.20 AS a\nCOPY --from=c /x /x\nRUN --mount=from=c,target=/m ls /m\nFROM a AS b\nFROM b AS c\nRUN echo c\n', { target: 'a' });
    const copy = o.find((x) => x.file?.actions?.[0].copy);
    expect(copy?.file?.actions?.[0].copy?.src).toBe('/x');
    expect(copy?.file?.actions?.[0].secondaryInput).toBe(-1);
    const mount = execs(o)[0].mounts?.find((m) => m.dest === '/m');
    expect(mount?.input).toBe(-1);
  });

  it('emits only the stages the target needs', () => {
    const text = 'FROM alpine AS a\nRUN echo a\nFROM busybox AS b\nRUN echo b\nFROM scratch\nCOPY --from=a /x /x\n';
    const images = (o: Op[]) => o.filter((x) => x.source?.identifier?.startsWith('docker-image://')).map((x) => x.source!.identifier);
    expect(images(ops(text))).toEqual(['docker-image://docker.io/library/alpine:latest']);
    expect(images(ops(text, { target: 'b' }))).toEqual(['docker-image://docker.io/library/busybox:latest']);
  });

  it('refuses what BuildKit v0.11.6 refuses, with a way forward', () => {
    const refuse = (t: string) => {
      try {
        ops(t);
      } catch (e) {
        expect(e).toBeInstanceOf(ConvertError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refuse('FROM alpine\nCOPY --parents a/b ./\n')).toMatch(/unknown flag: parents.*remove the flag/);
    expect(refuse('FROM alpine\nADD https://github.com/moby/buildkit.git /src\n')).toMatch(/requires the labs channel/);
    expect(refuse('FROM alpine\nENV A=${B/x/y}\n')).toMatch(/missing ':' in substitution/);
    expect(refuse('FROM Alpine\n')).toMatch(/failed to parse stage name "Alpine": invalid reference format: repository name must be lowercase/);
  });
});

describe('BuildKit v0.11 word expansion', () => {
  const env = new Map([['A', 'x'], ['E', '']]);
  it.each([
    ['${A:-d}', 'x'], ['${E:-d}', 'd'], ['${U:-d}', 'd'], ['${A:+y}', 'y'], ['${E:+y}', ''], ['"$A b"', 'x b'], ["'$A'", '$A'], ['a\\ b', 'a b'],
  ])('%s → %s', (word, want) => expect(processWord(word, env)).toBe(want));

  it('keeps unset variables and quotes for progress names', () => {
    expect(processWord('echo "$A" $U ${U}', env, { rawQuotes: true, skipUnsetEnv: true })).toBe('echo "x" $U ${U}');
  });

  it('refuses ${A#x} and ${A/x/y} like v0.11', () => {
    expect(() => processWord('${A#x}', env)).toThrow("missing ':' in substitution");
  });
});

describe('ONBUILD', () => {
  it('runs the triggers of a base stage in the stage built on it, and keeps them out of the final config', () => {
    const r = dockerfileToLLB(parseDockerfile('FROM alpine AS base\nONBUILD RUN echo triggered\nFROM base\nRUN echo own\n'), { localUniqueId: 'gofile' });
    const args = (r.definition.def ?? []).map((b) => decodeOp(b)).filter((o) => o.exec).map((o) => o.exec!.meta!.args!.at(-1));
    expect(args).toEqual(['echo triggered', 'echo own']);
    expect((r.imageConfig.config as { OnBuild: unknown }).OnBuild).toBeNull();
  });

  it('records ONBUILD in the config of the stage that declares it', () => {
    const r = dockerfileToLLB(parseDockerfile('FROM alpine\nONBUILD COPY . /app\n'), { localUniqueId: 'gofile' });
    expect((r.imageConfig.config as { OnBuild: unknown }).OnBuild).toEqual(['COPY . /app']);
  });
});
