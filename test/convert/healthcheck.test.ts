// HEALTHCHECK: exec form and plain words as `cmd`; a line that needs a shell as `shell` where the spec's base has /bin/sh.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

/** A Go build, then the image: its FROM and lines, the binary copied to `bin`. */
function convert(from: string, image: string[], bin = '/usr/local/bin/app') {
  const lines = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', from,
    ...image, `COPY --from=build /out/app ${bin}`, `ENTRYPOINT ["${bin}"]`];
  const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
  const note = r.report.find((n) => n.text.startsWith('HEALTHCHECK'))!;
  // every instruction is accounted for, one note each
  expect(r.report).toHaveLength(parseDockerfile(lines.join('\n') + '\n').instructions.length);
  return { spec: r.spec, healthcheck: r.spec.healthcheck, outcome: note.outcome, reason: note.reason };
}

describe('convert: a shell-form HEALTHCHECK', () => {
  it('carries a line that needs a shell into `shell` on alpine, flags and a continuation line too', () => {
    const r = convert('FROM alpine:3.20', [
      'RUN apk add --no-cache ca-certificates curl tzdata',
      'HEALTHCHECK --interval=1m --timeout=10s \\',
      '  CMD curl -fkLsS -m 2 127.0.0.1:8384/rest/noauth/health | grep -o --color=never OK || exit 1',
    ]);
    expect(r.healthcheck).toEqual({ shell: 'curl -fkLsS -m 2 127.0.0.1:8384/rest/noauth/health | grep -o --color=never OK || exit 1', interval: '1m', timeout: '10s' });
    expect(r.spec.packages).toEqual(['curl']);
    expect(r.outcome).toBe('carried');
    expect(r.reason).toBe('shell form → healthcheck.shell, run by the base\'s /bin/sh');
  });
  it('carries it on alpine with busybox\'s nc, debian-slim with curl installed, and another image', () => {
    expect(convert('FROM alpine', ['HEALTHCHECK --interval=1m CMD nc -z localhost 8443 || exit 1']).healthcheck).toEqual({ shell: 'nc -z localhost 8443 || exit 1', interval: '1m' });
    const debian = convert('FROM debian:bookworm-slim', [
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
      'HEALTHCHECK --interval=30s --timeout=10s CMD curl -f "http://localhost:8065/api/v4/system/ping" || exit 1',
    ]);
    expect(debian.healthcheck).toEqual({ shell: 'curl -f "http://localhost:8065/api/v4/system/ping" || exit 1', interval: '30s', timeout: '10s' });
    expect(convert('FROM nginx:1.27', ['HEALTHCHECK CMD curl --fail -s http://127.0.0.1:8080 || exit 1']).healthcheck).toEqual({ shell: 'curl --fail -s http://127.0.0.1:8080 || exit 1' });
  });
  it('reads `[ … ]` that is no JSON list as the shell form, as BuildKit does', () => {
    expect(convert('FROM alpine:3.20', ['HEALTHCHECK CMD [ -f /tmp/healthy ]']).healthcheck).toEqual({ shell: '[ -f /tmp/healthy ]' });
  });
  it('moves the binary\'s old path in the line to where expand installs it', () => {
    const r = convert('FROM alpine:3.20', ['HEALTHCHECK CMD /server health --quiet || exit 1'], '/server');
    expect(r.spec.name).toBe('server');
    expect(r.healthcheck).toEqual({ shell: '/usr/local/bin/server health --quiet || exit 1' });
    // in plain quotes it is the same word to the shell, so it moves too, in its quotes
    expect(convert('FROM alpine:3.20', ['HEALTHCHECK CMD "/server" health || exit 1'], '/server').healthcheck).toEqual({ shell: '"/usr/local/bin/server" health || exit 1' });
  });
  it('still reports it on a base without /bin/sh', () => {
    for (const from of ['FROM gcr.io/distroless/static-debian12:nonroot', 'FROM scratch', 'FROM gcr.io/distroless/static-debian12:debug']) {
      const r = convert(from, ['HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1']);
      expect(r.healthcheck, from).toBeUndefined();
      expect(r.outcome, from).toBe('unrepresentable');
      expect(r.reason, from).toMatch(/^the shell form `wget -qO- http:\/\/localhost:8080\/healthz…` needs a shell, which the spec's base `[^`]+` does not have/);
    }
  });
  it('reports a line the spec would refuse on that base: curl that alpine does not have', () => {
    const r = convert('FROM alpine:3.20', ['HEALTHCHECK CMD curl -f http://localhost:8080/ || exit 1']);
    expect(r.healthcheck).toBeUndefined();
    expect(r.outcome).toBe('unrepresentable');
    expect(r.reason).toContain('`healthcheck.shell` runs curl, which alpine:3.20 does not have: add `packages: [curl]`');
  });
});

describe('convert: HEALTHCHECK as `cmd`', () => {
  it('keeps plain words as exec form, the binary by its installed path', () => {
    expect(convert('FROM alpine:3.20', ['HEALTHCHECK --retries=5 CMD app ping --timeout=2s']).healthcheck).toEqual({ cmd: ['/usr/local/bin/app', 'ping', '--timeout=2s'], retries: 5 });
    expect(convert('FROM gcr.io/distroless/static-debian12:nonroot', ['HEALTHCHECK CMD /usr/local/bin/app ping']).healthcheck).toEqual({ cmd: ['/usr/local/bin/app', 'ping'] });
  });
  it('keeps the exec form', () => {
    expect(convert('FROM scratch', ['HEALTHCHECK CMD ["/app", "healthcheck"]'], '/app').healthcheck).toEqual({ cmd: ['/usr/local/bin/app', 'healthcheck'] });
  });
});
