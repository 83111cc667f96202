// ENV in a build stage: a variable nothing in the stage sets expands to nothing, as BuildKit expands it.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

function convert(head: string[], builder = 'golang:1.24'): ReturnType<typeof convertDockerfile> {
  const lines = [...head.filter((l) => l.startsWith('ARG ')), `FROM ${builder} AS build`, ...head.filter((l) => !l.startsWith('ARG ')).map((l) => l.replace(/^-/, '')),
    'WORKDIR /src', 'COPY . .', 'RUN make app', 'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /src/app /app', 'ENTRYPOINT ["/app"]'];
  return convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
}
const envNote = (r: ReturnType<typeof convertDockerfile>) => r.report.find((n) => n.text.startsWith('ENV'))!;

describe('convert: ENV of a variable the stage does not set', () => {
  it('a global ARG the stage does not repeat is empty there: buildEnv gets the empty value', () => {
    const r = convertDockerfile(parseDockerfile(['ARG TARGET_GOOS', 'FROM golang:1.24 AS build', 'ENV TARGET_GOOS=${TARGET_GOOS} MODE=x-$MODE', 'WORKDIR /src', 'COPY . .', 'RUN make app',
      'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /src/app /app', 'ENTRYPOINT ["/app"]', ''].join('\n')));
    expect(r.spec.buildEnv).toEqual({ TARGET_GOOS: '', MODE: 'x-' });
    expect(r.spec.buildArgs).toBeUndefined();
    expect(envNote(r)).toMatchObject({ outcome: 'carried', reason: 'TARGET_GOOS: $TARGET_GOOS is empty here (no ARG or ENV in the stage sets it, nor the golang image); MODE: $MODE is empty here (no ARG or ENV in the stage sets it, nor the golang image)' });
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
  });
  it('a global ARG the stage repeats stays a build arg', () => {
    const r = convertDockerfile(parseDockerfile(['ARG TARGET_GOOS=linux', 'FROM golang:1.24 AS build', 'ARG TARGET_GOOS', 'ENV TARGET_GOOS=${TARGET_GOOS}', 'WORKDIR /src', 'COPY . .', 'RUN make app',
      'FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /src/app /app', 'ENTRYPOINT ["/app"]', ''].join('\n')));
    expect(r.spec.buildArgs).toEqual({ TARGET_GOOS: 'linux' });
    expect(r.spec.buildEnv).toBeUndefined();
  });
  it('keeps a variable the golang image sets, and any variable on an image whose environment is unknown', () => {
    // the spec cannot say the image's GOPATH, so it stays not representable rather than becoming `/tools`
    const gopath = convert(['-ENV TOOLS=${GOPATH}/tools']);
    expect(gopath.spec.buildEnv).toBeUndefined();
    expect(envNote(gopath)).toMatchObject({ outcome: 'unrepresentable', reason: expect.stringContaining('`buildEnv.TOOLS` uses ${GOPATH}') });
    const other = convert(['-ENV MODE=${MODE}', '-RUN go mod download'], 'acme/go-builder:1.24');
    expect(other.spec.buildEnv).toBeUndefined();
    expect(envNote(other).outcome).toBe('unrepresentable');
  });
});
