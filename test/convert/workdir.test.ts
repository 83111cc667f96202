// The image's working directory: the last WORKDIR, unless the spec's non-root user could not enter it.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

function convert(base: string, workdir: string) {
  const lines = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o /out/app .', `FROM ${base}`, `WORKDIR ${workdir}`, 'COPY --from=build /out/app /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]'];
  const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
  return { spec: r.spec, note: r.report.find((n) => n.line === 6)! };
}

describe('convert: WORKDIR of the image', () => {
  it('carries a directory of the program\'s own', () => {
    const { spec, note } = convert('alpine:3.20', '/app');
    expect(spec.workdir).toBe('/app');
    expect(note.outcome).toBe('carried');
  });
  it.each(['/root/', '/root/app'])('drops %s on a base with a /root the non-root user cannot enter', (dir) => {
    const { spec, note } = convert('alpine:3.20', dir);
    expect(spec.workdir).toBeUndefined();
    expect(note.outcome).toBe('dropped');
    expect(note.reason).toContain("in root's home, which only root may enter");
  });
  it('keeps /root on scratch, which has none: WORKDIR makes it the user\'s', () => {
    expect(convert('scratch', '/root').spec.workdir).toBe('/root');
  });
  it('takes a file copied onto the WORKDIR (or a parent of it) into that directory, as COPY does, and the program with it', () => {
    const lines = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .', 'RUN CGO_ENABLED=0 go build -o goapp .', 'FROM alpine:3.20', 'WORKDIR /app', 'COPY --from=build /src/goapp /app', 'ENTRYPOINT ["./goapp"]'];
    const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
    // the binary was /app/goapp, so ./goapp is the program, moved to /usr/local/bin/goapp: no entrypoint left to say
    expect(r.spec).toMatchObject({ name: 'goapp', workdir: '/app' });
    expect(r.spec.entrypoint).toBeUndefined();
    expect(r.report.find((n) => n.line === 7)?.changes).toEqual(['/app/goapp is installed as /usr/local/bin/goapp: a script or flag naming /app/goapp must name /usr/local/bin/goapp']);
  });
});
