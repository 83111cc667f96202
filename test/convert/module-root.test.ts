// Where the build's Go module sits in the build context: the spec builds the module at the context's root.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

const IMAGE = ['FROM alpine:3.20', 'COPY --from=build /out/app /usr/local/bin/app', 'ENTRYPOINT ["/usr/local/bin/app"]'];

function convert(builder: string[]) {
  const lines = ['FROM golang:1.24-alpine AS build', ...builder, ...IMAGE];
  const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
  const build = lines.findIndex((l) => l.includes('go build')) + 1;
  return { spec: r.spec, note: r.report.find((n) => n.line === build)! };
}

describe('convert: the module the build compiles', () => {
  it.each([
    ['a directory copied with its slash', ['COPY ./server/ /src/server/', 'RUN cd /src/server && go build -o /out/app .'], 'server', '/src/server'],
    ['a directory into the WORKDIR', ['WORKDIR /src/server', 'COPY ./src/server /src/server', 'RUN go build -o /out/app'], 'src/server', '/src/server'],
    ['a directory whose subdirectory is built', ['WORKDIR /build', 'COPY web/ /build/', 'RUN cd cmd/web && go build -o /out/app .'], 'web/cmd/web', '/build/cmd/web'],
  ])('is not representable when only a subdirectory of the context was copied (%s)', (_what, builder, subdir, root) => {
    const { note } = convert(builder);
    expect(note.outcome).toBe('unrepresentable');
    expect(note.reason).toContain(`the module is the build context's ./${subdir} (copied to ${root}); the spec builds the module at the root of the build context`);
  });

  it.each([
    ['go.mod and a directory', ['WORKDIR /src', 'COPY go.mod go.sum ./', 'COPY cmd/ cmd/', 'RUN go build -o /out/app ./cmd/app'], './cmd/app'],
    ['the whole context', ['WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app ./cmd/app'], './cmd/app'],
    ['single files', ['WORKDIR /src', 'COPY main.go .', 'COPY Makefile .', 'RUN go build -o /out/app main.go'], '.'],
  ])('reads the package from the context root after %s', (_what, builder, path) => {
    const { spec, note } = convert(builder);
    expect(note.reason).not.toContain('the module is the build context');
    expect(spec.path).toBe(path);
  });
});
