// `binaries`: a second go build of the module, built the same way and shipped, is read into the spec; anything
// else about it is reported, and nothing about it is carried that the expanded image would not do.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

const convert = (lines: string[]) => convertDockerfile(parseDockerfile(lines.join('\n') + '\n'));
const notes = (r: ReturnType<typeof convert>, outcome: string) => r.report.filter((n) => n.outcome === outcome).map((n) => `${n.line}: ${n.reason}`).join('\n');
const BUILD = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .'];
const SERVER = 'RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server';
const MIGRATE = 'RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate';
const IMAGE = (...lines: string[]) => ['FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /out/server /server', 'COPY --from=build /out/migrate /migrate', ...lines, 'ENTRYPOINT ["/server"]'];

describe('convert: binaries', () => {
  it('reads a second build in another RUN with the same variables and mounts, and moves its paths with it, saying so', () => {
    const r = convert([...BUILD, SERVER, MIGRATE, ...IMAGE('HEALTHCHECK CMD ["migrate", "status"]')]);
    expect(r.spec).toMatchObject({ path: './cmd/server', binaries: ['./cmd/migrate'], healthcheck: { cmd: ['/usr/local/bin/migrate', 'status'] } });
    expect(notes(r, 'unrepresentable')).toBe('');
    // carried, with the move said: a script or flag naming /migrate must follow
    expect(r.report.find((n) => n.line === 8)).toMatchObject({ outcome: 'carried', changes: ['/migrate is installed as /usr/local/bin/migrate: a script or flag naming /migrate must name /usr/local/bin/migrate'] });
  });

  it.each([
    ['an ENV between the two builds', ['ENV GOEXPERIMENT=boringcrypto']],
    ['an ARG declared again between them', ['ARG VERSION=other']],
  ])('reports a second build whose RUN sees other variables (%s)', (_what, between) => {
    const r = convert([...BUILD, 'ARG VERSION=dev', SERVER, ...between, MIGRATE, ...IMAGE()]);
    expect(r.spec.binaries).toBeUndefined();
    expect(notes(r, 'unrepresentable')).toContain('its RUN has other variables or mounts than the main binary\'s');
  });

  it('reports a second build with a mount the first does not have (a secret)', () => {
    const r = convert([...BUILD, SERVER, MIGRATE.replace('RUN ', 'RUN --mount=type=secret,id=netrc,target=/root/.netrc '), ...IMAGE()]);
    expect(r.spec.binaries).toBeUndefined();
    expect(notes(r, 'unrepresentable')).toContain('its RUN has other variables or mounts');
  });

  it('reports a mode on the second binary\'s COPY, as on the main one\'s', () => {
    const r = convert([...BUILD, SERVER, MIGRATE, 'FROM scratch', 'COPY --from=build /out/server /server', 'COPY --from=build --chmod=4755 /out/migrate /migrate', 'ENTRYPOINT ["/server"]']);
    expect(r.spec.binaries).toEqual(['./cmd/migrate']);
    expect(notes(r, 'unrepresentable')).toContain('--chmod=4755: expand installs the binary with mode 0755');
  });

  it('takes no second binary named as the main one, and moves no path for it', () => {
    const r = convert([...BUILD, 'RUN CGO_ENABLED=0 go build -o /out/migrate ./cmd/server', 'RUN CGO_ENABLED=0 go build -o /out/tools/migrate ./tools/migrate',
      'FROM scratch', 'COPY --from=build /out/migrate /migrate', 'COPY --from=build /out/tools/migrate /app/migrate', 'HEALTHCHECK CMD ["/app/migrate", "status"]', 'ENTRYPOINT ["/migrate"]']);
    expect(r.spec.binaries).toBeUndefined();
    expect(r.spec.healthcheck).toEqual({ cmd: ['/app/migrate', 'status'] });
    expect(notes(r, 'unrepresentable')).toContain('named migrate, as another binary of the image');
  });

  it('reads a second program a single golang image builds in place, and says once why another is not one of binaries', () => {
    const r = convert(['FROM golang:1.24-alpine', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /usr/local/bin/app ./cmd/app && go build -o /usr/local/bin/tool ./cmd/tool', 'ENTRYPOINT ["/usr/local/bin/app"]']);
    expect(r.spec).toMatchObject({ path: './cmd/app', binaries: ['./cmd/tool'] });
    expect(r.report.find((n) => n.line === 4)?.outcome).toBe('carried');
    const other = convert(['FROM golang:1.24-alpine', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /usr/local/bin/app ./cmd/app && go build -tags x -o /usr/local/bin/tool ./cmd/tool', 'ENTRYPOINT ["/usr/local/bin/app"]']);
    const run = other.report.find((n) => n.line === 4)!;
    expect(run.outcome).toBe('unrepresentable');
    expect(run.reason.match(/second/g)).toHaveLength(1);
    expect(run.reason).not.toContain('does not ship');
  });

  it('keeps the first program of one RUN as the main one where ENTRYPOINT starts a later one (expand writes them so)', () => {
    const r = convert([...BUILD, 'RUN CGO_ENABLED=0 go build -o /out/server ./cmd/server && CGO_ENABLED=0 go build -o /out/migrate ./cmd/migrate',
      'FROM scratch', 'COPY --from=build /out/server /usr/local/bin/server', 'COPY --from=build /out/migrate /usr/local/bin/migrate', 'ENTRYPOINT ["/usr/local/bin/migrate", "up"]']);
    expect(r.spec).toMatchObject({ path: './cmd/server', binaries: ['./cmd/migrate'], entrypoint: ['/usr/local/bin/migrate', 'up'] });
  });
});
