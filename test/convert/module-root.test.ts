// Where the build's Go module sits in the build context: its root, or a directory of it (`moduleDir`).
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
    ['a directory copied with its slash', ['COPY ./server/ /src/server/', 'RUN cd /src/server && go build -o /out/app .'], 'server', '.'],
    ['a directory into the WORKDIR', ['WORKDIR /src/server', 'COPY ./src/server /src/server', 'RUN go build -o /out/app'], 'src/server', '.'],
    // with no files to look at, the copied directory is taken for the module, as such a COPY usually brings one
    ['a directory whose subdirectory is built', ['WORKDIR /build', 'COPY web/ /build/', 'RUN cd cmd/web && go build -o /out/app .'], 'web', './cmd/web'],
    ['go.mod from a directory, then its source', ['WORKDIR /src', 'COPY svc/go.mod svc/go.sum ./', 'RUN go mod download', 'COPY svc/ ./', 'RUN go build -o /out/app ./cmd/api'], 'svc', './cmd/api'],
    ['go.mod mounted from a directory, the context mounted above it', ['WORKDIR /src/svc', 'RUN --mount=type=bind,source=svc/go.mod,target=go.mod --mount=type=bind,source=lib/go.mod,target=/src/lib/go.mod go mod download',
      'RUN --mount=type=bind,target=/src go build -o /out/app ./cmd/api'], 'svc', './cmd/api'],
  ])('carries the module\'s directory into moduleDir when it is a directory of the context (%s)', (_what, builder, moduleDir, path) => {
    const { spec, note } = convert(builder);
    expect(note.outcome).toBe('carried');
    expect(note.fields).toContain('moduleDir');
    expect(spec).toMatchObject({ moduleDir, path });
  });

  it.each([
    ['go.mod and a directory', ['WORKDIR /src', 'COPY go.mod go.sum ./', 'COPY cmd/ cmd/', 'RUN go build -o /out/app ./cmd/app'], './cmd/app'],
    ['the whole context', ['WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app ./cmd/app'], './cmd/app'],
    ['the whole context, built in a directory of it, with no files to look at', ['WORKDIR /src', 'COPY . .', 'RUN cd svc && go build -o /out/app ./cmd/app'], './svc/cmd/app'],
    ['single files', ['WORKDIR /src', 'COPY main.go .', 'COPY Makefile .', 'RUN go build -o /out/app main.go'], '.'],
    // found in review: a nested module's go.mod, or a module download in a package directory, is not the build's module
    ['a nested module\'s go.mod copied first', ['WORKDIR /src', 'COPY tools/go.mod tools/go.sum ./tools/', 'RUN cd tools && go mod download', 'COPY . .', 'RUN go build -o /out/app ./cmd/app'], './cmd/app'],
    ['a module download in the package directory', ['WORKDIR /src', 'COPY . .', 'RUN cd cmd/app && go mod download && go build -o /out/app .'], './cmd/app'],
    ['a GOPATH layout with a WORKDIR in the package', ['WORKDIR /go/src/github.com/x/y', 'COPY . .', 'WORKDIR /go/src/github.com/x/y/cmd/app', 'RUN go mod download', 'RUN go build -o /out/app .'], './cmd/app'],
  ])('reads the package from the context root after %s', (_what, builder, path) => {
    const { spec } = convert(builder);
    expect(spec.moduleDir).toBeUndefined();
    expect(spec.path).toBe(path);
  });

  describe('with the build context on disk, the nearest go.mod at or above the build, as go finds it', () => {
    const mods: Record<string, { module: string; goVersion: string }> = { svc: { module: 'example.com/svc', goVersion: '1.24' }, 'web/ui': { module: 'example.com/ui', goVersion: '1.24' } };
    const goModIn = (dir: string) => mods[dir] ?? null;
    const onDisk = (builder: string[]) => {
      const lines = ['FROM golang:1.24-alpine AS build', ...builder, ...IMAGE];
      return convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }), { goModIn }).spec;
    };

    it('finds the module below the whole context copied in', () => {
      expect(onDisk(['WORKDIR /src', 'COPY . .', 'RUN cd svc/cmd/api && go build -o /out/app .'])).toMatchObject({ moduleDir: 'svc', path: './cmd/api' });
      expect(onDisk(['WORKDIR /src', 'COPY . .', 'WORKDIR /src/svc', 'RUN go build -o /out/app .'])).toMatchObject({ moduleDir: 'svc', path: '.' });
    });

    it('finds it inside a copied directory, above the build', () => {
      expect(onDisk(['WORKDIR /build', 'COPY web/ /build/', 'RUN cd ui/cmd/x && go build -o /out/app .'])).toMatchObject({ moduleDir: 'web/ui', path: './cmd/x' });
    });

    it('leaves the module at the root where the context has no go.mod below it', () => {
      const spec = onDisk(['WORKDIR /src', 'COPY . .', 'RUN cd cmd/app && go build -o /out/app .']);
      expect(spec.moduleDir).toBeUndefined();
      expect(spec.path).toBe('./cmd/app');
    });
  });
});
