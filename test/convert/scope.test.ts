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

const lines = (...l: string[]) => convertDockerfile(parseDockerfile([...l, ''].join('\n'), { path: 'Dockerfile' }));
const noteAt = (r: ReturnType<typeof convertDockerfile>, line: number) => r.report.find((n) => n.line === line)!;
const TAIL = ['FROM gcr.io/distroless/static-debian12:nonroot', 'COPY --from=build /src/bin/app /app', 'ENTRYPOINT ["/app"]'];

describe('convert: global ARGs and the build command\'s variables', () => {
  it('a global ARG only another global ARG\'s default reads still names the builder, and never becomes build env', () => {
    const r = lines('ARG GO_VERSION=1.24', 'ARG BUILD_IMAGE=golang:${GO_VERSION}', 'FROM $BUILD_IMAGE AS build', 'WORKDIR /src', 'COPY . .', 'RUN make app', ...TAIL.map((l) => l.replace('/src/bin/app', '/src/app')));
    expect(r.spec.buildEnv).toBeUndefined();
    expect(r.spec.go).toBe('1.24');
    expect(noteAt(r, 1)).toMatchObject({ outcome: 'carried', fields: ['go'] });
  });
  it('a Go setting as a global ARG that no stage repeats reaches no build step', () => {
    const r = lines('ARG GOPROXY=https://proxy.example', 'FROM golang:1.24 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /src/bin/app .', ...TAIL);
    expect(r.spec.buildEnv).toBeUndefined();
    expect(noteAt(r, 1)).toMatchObject({ outcome: 'dropped', reason: 'GOPROXY: no stage declares it again (`ARG GOPROXY`), so only FROM lines could read it' });
  });
  it('…and one the build stage repeats is a build arg with the global default, reported on both lines', () => {
    const r = lines('ARG GOPROXY=https://proxy.example', 'FROM golang:1.24 AS build', 'ARG GOPROXY', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /src/bin/app .', ...TAIL);
    expect(r.spec.buildArgs).toEqual({ GOPROXY: 'https://proxy.example' });
    expect(r.spec.buildEnv).toBeUndefined();
    expect([noteAt(r, 1), noteAt(r, 3)]).toMatchObject([{ outcome: 'carried', fields: ['buildArgs'] }, { outcome: 'carried', fields: ['buildArgs'] }]);
  });
  it('`make GOARCH=${GOARCH}` with GOARCH a build arg builds for the --platform target', () => {
    const r = lines('ARG GOARCH=amd64', 'FROM golang:1.24 AS build', 'ARG GOARCH', 'WORKDIR /src', 'COPY . .', 'RUN make GOARCH=${GOARCH} app', 'FROM --platform=linux/${GOARCH} alpine:3.20', 'COPY --from=build /src/bin/app /app', 'ENTRYPOINT ["/app"]');
    expect(r.spec.build).toEqual({ command: 'make GOARCH=${TARGETARCH} app', output: 'bin/app' });
    expect(r.spec.buildArgs).toBeUndefined();
    expect(noteAt(r, 6).reason).toContain('GOARCH=${GOARCH} → ${TARGETARCH}: the spec builds for the --platform target');
    expect(noteAt(r, 1)).toMatchObject({ outcome: 'dropped', reason: "GOARCH: the image's --platform, which in the spec is the platform the build is asked for" });
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
  });
  it('a variable nothing sets in the stage was empty in the build command, and the command says so', () => {
    const r = lines('ARG IMAGE_TAG', 'FROM golang:1.24 AS build', 'WORKDIR /src', 'COPY . .', 'RUN make IMAGE_TAG=${IMAGE_TAG} app', ...TAIL);
    expect(r.spec.build).toEqual({ command: 'make IMAGE_TAG= app', output: 'bin/app' });
    expect(noteAt(r, 5).reason).toContain('$IMAGE_TAG was empty (no ARG or ENV in the stage sets it; an ARG before FROM needs `ARG NAME` again in the stage)');
  });
  it('…but not one an earlier command of the same RUN sets, nor one on an image whose environment is unknown', () => {
    const set = lines('FROM golang:1.24 AS build', 'WORKDIR /src', 'COPY . .', 'RUN V=$(git describe) && make VERSION=${V} app', ...TAIL);
    expect(set.spec.build).toBeUndefined();
    expect(noteAt(set, 4).outcome).toBe('unrepresentable');
    const unknown = lines('FROM acme/go-builder:1.24 AS build', 'WORKDIR /src', 'COPY . .', 'RUN make VERSION=${V} app', ...TAIL);
    expect(unknown.spec.build).toBeUndefined();
  });
});

describe('convert: a platform setting the builder wrote with `go env`', () => {
  const ON_TARGET = ['FROM golang:1.24 AS build', 'RUN go env GOARCH > /goarch && go env GOARM > /goarm', 'WORKDIR /src', 'COPY . .'];
  it('`GOARCH=$(cat /goarch) make` on a builder on the target platform: expand sets GOARCH from TARGETARCH', () => {
    const r = lines(...ON_TARGET, 'RUN GOARCH=$(cat /goarch) GOARM=$(cat /goarm) make app', ...TAIL);
    expect(r.spec.build).toEqual({ command: 'make app', output: 'bin/app' });
    expect(noteAt(r, 5)).toMatchObject({ outcome: 'carried', reason: expect.stringContaining('GOARCH=$(cat /goarch): `go env GOARCH` on the target platform, which expand sets from TARGETARCH') });
    expect(r.report.filter((n) => n.outcome === 'unrepresentable')).toEqual([]);
  });
  it('…and as a make variable it becomes ${TARGETARCH}', () => {
    const r = lines(...ON_TARGET, 'RUN make GOARCH=$(cat /goarch) app', ...TAIL);
    expect(r.spec.build).toEqual({ command: 'make GOARCH=${TARGETARCH} app', output: 'bin/app' });
  });
  it('not when the builder runs on $BUILDPLATFORM (go env reports the build machine), nor for a file go env did not write', () => {
    const onBuild = lines('FROM --platform=$BUILDPLATFORM golang:1.24 AS build', ...ON_TARGET.slice(1), 'RUN GOARCH=$(cat /goarch) make app', ...TAIL);
    expect(onBuild.spec.build).toBeUndefined();
    expect(noteAt(onBuild, 5).outcome).toBe('unrepresentable');
    const other = lines(...ON_TARGET, 'RUN GOARCH=$(cat /etc/arch) make app', ...TAIL);
    expect(other.spec.build).toBeUndefined();
  });
});
