// The image's own RUN becomes `setup`, which expand runs as root in /, with no mounts: only when that is the same.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

function convert(image: string[]) {
  const lines = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .', 'FROM alpine:3.20', ...image,
    'COPY --from=build /out/app /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]'];
  const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
  return { setup: r.spec.setup, lost: r.report.filter((n) => n.outcome === 'unrepresentable').map((n) => n.reason) };
}

describe('convert: the image\'s RUN as setup', () => {
  it('carries commands that run as root with absolute paths', () => {
    expect(convert(['WORKDIR /app', 'RUN mkdir -p /data && chown 1000:1000 /data'])).toEqual({ setup: ['mkdir -p /data', 'chown 1000:1000 /data'], lost: [] });
  });
  it('keeps relative paths in / as they are', () => {
    expect(convert(['RUN mkdir data'])).toEqual({ setup: ['mkdir data'], lost: [] });
  });
  it('refuses a relative path under another WORKDIR, or after a cd', () => {
    expect(convert(['WORKDIR /app', 'RUN mkdir data']).lost).toEqual(['`mkdir data` runs in /app, where a relative path means something else than in /, where `setup` runs']);
    expect(convert(['RUN cd /opt && mkdir data']).lost).toEqual(['`mkdir data` runs in /opt, where a relative path means something else than in /, where `setup` runs; `cd`: moves the shell, not the image']);
  });
  it('refuses a command that ran as another user', () => {
    expect(convert(['USER 1000', 'RUN touch /tmp/ready']).lost).toEqual(['`touch /tmp/ready` runs as USER 1000 (line 6); `setup` runs as root']);
    expect(convert(['USER 1000', 'USER root', 'RUN touch /tmp/ready'])).toEqual({ setup: ['touch /tmp/ready'], lost: [] });
  });
  it('carries shell words as written: quotes, globs and the base image\'s variables', () => {
    expect(convert(["RUN sed -i 's|:80|:8080|' /etc/app.conf && rm -f /etc/app/*.example && mkdir -p \"$HOME/.cache\""])).toEqual({
      setup: ["sed -i 's|:80|:8080|' /etc/app.conf", 'rm -f /etc/app/*.example', 'mkdir -p "$HOME/.cache"'], lost: [],
    });
  });
  it('refuses a variable an ENV or ARG before it sets, since setup runs before env', () => {
    expect(convert(['ENV DATA=/data', 'RUN mkdir -p "$DATA"']).lost).toEqual(['`mkdir -p "$DATA"` uses $DATA, which an ENV or ARG before it sets; `setup` runs before `env`, with the base image\'s variables']);
    expect(convert(['ENV DATA=/data', "RUN echo '$DATA' >/dev/null && touch '/$DATA'"]).setup).toEqual(["touch '/$DATA'"]);
  });
  it('refuses a redirection, also of a command that otherwise changes nothing', () => {
    expect(convert(['RUN echo on > /etc/flag']).lost).toEqual(['`echo on > /etc/flag` writes through a redirection; a `setup` step is one command of words']);
  });
  it('drops chmod +x of the binary only; another chmod is a setup step', () => {
    expect(convert(['RUN chmod 755 /usr/local/bin/app']).setup).toBeUndefined();
    expect(convert(['RUN chmod -R 755 /srv']).setup).toEqual(['chmod -R 755 /srv']);
  });
  it('refuses what a RUN read through a mount', () => {
    expect(convert(['RUN --mount=type=bind,target=/ctx cp /ctx/config.yaml /etc/app.yaml']).lost).toEqual(['the bind mount at /ctx: `setup` steps run without mounts; `cp` → setup']);
    expect(convert(['RUN --mount=type=cache,target=/var/cache/apk apk add curl']).lost).toEqual([]);
  });
});

describe('convert: setup on a distroless :debug base, with busybox\'s shell', () => {
  // a CLI on distroless :debug that links busybox's shell as /bin/sh for the users who exec into it
  function convertOn(base: string, image: string[]) {
    const lines = ['FROM golang:1.24 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/cli ./cmd/cli', `FROM ${base}`,
      'COPY --from=build /out/cli /usr/bin/cli', ...image, 'ENTRYPOINT ["/usr/bin/cli"]'];
    const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
    const on = (outcome: string) => r.report.filter((n) => n.outcome === outcome && n.line > 5).map((n) => `${n.line}: ${n.reason}`);
    return { spec: r.spec, dropped: on('dropped'), lost: on('unrepresentable') };
  }
  it('drops the SHELL expand writes for `setup` and reads the RUN as setup, as on alpine', () => {
    const r = convertOn('gcr.io/distroless/static:debug', ['SHELL [ "/busybox/sh", "-c" ]', 'RUN ln -s /busybox/sh /bin/sh && mkdir -p /data']);
    expect(r.spec).toMatchObject({ base: 'gcr.io/distroless/static:debug', setup: ['ln -s /busybox/sh /bin/sh', 'mkdir -p /data'] });
    expect(r.lost).toEqual([]);
    expect(r.dropped).toEqual(['7: busybox\'s shell, as the base has no /bin/sh: expand writes it before `setup`']);
  });
  it('drops it with no RUN to keep, saying so', () => {
    const r = convertOn('gcr.io/distroless/base-nossl-debian12:debug', ['SHELL ["/busybox/sh", "-c"]']);
    expect(r.spec.setup).toBeUndefined();
    expect(r.dropped).toEqual(['7: busybox\'s shell for RUN steps, of which the spec keeps none (expand writes it before `setup`)']);
  });
  it('reports another SHELL, and busybox\'s SHELL on a base without busybox', () => {
    expect(convertOn('gcr.io/distroless/static:debug', ['SHELL ["/busybox/sh", "-eo", "pipefail", "-c"]', 'RUN ln -s /busybox/sh /bin/sh']).lost).toEqual(['7: the spec has no SHELL']);
    expect(convertOn('gcr.io/distroless/static-debian12:nonroot', ['SHELL ["/busybox/sh", "-c"]']).lost).toEqual(['7: the spec has no SHELL']);
  });
  it('reports a RUN on a :debug-nonroot tag, which setup would not run as root on', () => {
    expect(convertOn('gcr.io/distroless/static:debug-nonroot', ['SHELL ["/busybox/sh", "-c"]', 'RUN ln -s /busybox/sh /bin/sh']).lost).toEqual([
      '8: `ln -s /busybox/sh /bin/sh`: `setup` commands run as root, but :debug-nonroot runs them as the nonroot user; use the tag without nonroot (the program still runs as `user`)',
    ]);
  });
});

describe('convert: a spec entry the loader refuses', () => {
  it('is reported on the instruction that gave it, also where the Dockerfile wrote $NAME for the spec\'s ${NAME}', () => {
    const text = ['FROM golang:1.23 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'ARG TARGETARCH',
      'COPY config.yaml /etc/app/config.yaml', 'COPY assets/$TARGETARCH/[ab].bin /opt/app/', 'COPY --from=build /out/app /usr/local/bin/app', 'USER 65532',
      'ENTRYPOINT ["/usr/local/bin/app"]'].join('\n') + '\n';
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    const lost = r.report.filter((n) => n.outcome === 'unrepresentable');
    expect(lost.map((n) => n.line)).toEqual([8]);
    expect(lost[0].reason).toContain('`copy[1].src` contains `[`');
    expect(r.spec.copy).toEqual([{ src: 'config.yaml', dest: '/etc/app/config.yaml' }]);
  });

  it('carries a * or ? pattern into a directory, as COPY reads it', () => {
    const text = ['FROM golang:1.23 AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', 'FROM alpine:3.20', 'ARG TARGETARCH',
      'COPY assets/$TARGETARCH/*.bin /opt/app/', 'COPY migrations/v?.sql /migrations/', 'COPY --from=build /out/app /usr/local/bin/app', 'USER 65532',
      'ENTRYPOINT ["/usr/local/bin/app"]'].join('\n') + '\n';
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
    expect(r.spec.copy).toEqual([{ src: 'assets/${TARGETARCH}/*.bin', dest: '/opt/app/' }, { src: 'migrations/v?.sql', dest: '/migrations/' }]);
  });
});

describe('convert: a spec that would be too big for a gofile.yaml', () => {
  it('leaves out the biggest field and reports it, rather than failing', () => {
    const flags = '-X main.v=1 '.repeat(8000);
    const text = `FROM golang:1.23 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -ldflags "${flags}" -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n`;
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    expect(r.refused).toBeUndefined();
    expect(r.spec.ldflags).toBeUndefined();
    const lost = r.report.filter((n) => n.outcome === 'unrepresentable');
    expect(lost.map((n) => n.line)).toEqual([4]);
    expect(lost[0].reason).toMatch(/^`ldflags`: the spec is \d+ bytes; .* over 64 KiB is refused/);
  });
});

describe('convert: a builder named by a build arg with no value', () => {
  it('says which arg is empty, not that the image is not golang', () => {
    const text = 'ARG GO\nFROM golang:${GO}-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n';
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    expect(r.report.find((n) => n.line === 2)?.reason).toBe('`golang:-alpine` depends on GO, which has no value here; expand builds on golang:<go>');
  });
});
