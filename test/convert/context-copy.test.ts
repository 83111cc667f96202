// COPY --from a stage of what that stage took from the build context: a `copy` from the context when nothing changed it.
import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import { convertDockerfile } from '../../src/convert/index.js';

const BUILDER = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY go.mod go.sum ./', 'RUN go mod download', 'COPY . .'];
const BUILD = 'RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app';
const IMAGE = ['FROM alpine:3.20', 'COPY --from=build /out/app /usr/local/bin/app', 'COPY --from=build /src/web/static /srv/static', 'ENTRYPOINT ["/usr/local/bin/app"]'];

function convert(lines: string[]) {
  const r = convertDockerfile(parseDockerfile(lines.join('\n') + '\n', { path: 'Dockerfile' }));
  const copyLine = lines.indexOf('COPY --from=build /src/web/static /srv/static') + 1;
  return { spec: r.spec, note: r.report.find((n) => n.line === copyLine)!, lost: r.report.filter((n) => n.outcome === 'unrepresentable') };
}

describe('convert: files a build stage took from the context', () => {
  it('become `copy` entries from the context when no step of the stage writes there', () => {
    const { spec, note, lost } = convert([...BUILDER, BUILD, ...IMAGE.slice(0, 3), 'COPY --from=build /src/config.yaml /etc/app/', IMAGE[3]]);
    expect(lost).toEqual([]);
    expect(spec.copy).toEqual([{ src: 'web/static', dest: '/srv/static' }, { src: 'config.yaml', dest: '/etc/app/' }]);
    expect(note).toMatchObject({ outcome: 'carried', fields: ['copy'] });
    expect(note.reason).toBe('stage `build` took it from the build context (line 5) and no step changes it: copied from the context');
  });
  it('follows the COPY . <dir> into a WORKDIR the ARG of an unresolved golang tag does not hide', () => {
    const { spec, lost } = convert(['ARG GO', 'FROM golang:${GO}-alpine AS build', 'WORKDIR /go/src/app', 'COPY . .', 'RUN go get . && go build -o app .', 'FROM alpine:3.20', 'COPY --from=build /go/src/app/app /app', 'COPY --from=build /go/src/app/www /www', 'ENTRYPOINT ["/app"]']);
    expect(lost).toEqual([]);
    expect(spec.copy).toEqual([{ src: 'www', dest: '/www' }]);
  });
  const refused: [string, string[], string][] = [
    ['a build step convert cannot follow', [...BUILDER, BUILD, 'RUN make assets', ...IMAGE], '`make assets` on line 7 may change it'],
    ['a step that writes under it', [...BUILDER, BUILD, 'RUN mkdir -p /src/web/static/gen', ...IMAGE], 'line 7 writes there'],
    ['a go build into it', [...BUILDER, 'RUN go build -o /src/web/static/app ./cmd/app', ...IMAGE], 'line 6 writes there'],
    ['a redirection', [...BUILDER, BUILD, 'RUN echo hi >/src/web/static/x', ...IMAGE], 'a redirection on line 7 may change it'],
    ['a later COPY over it', [...BUILDER, BUILD, 'COPY --from=alpine:3.20 /etc/os-release /src/web/static/', ...IMAGE], 'line 7 writes there too'],
    ['a context COPY with --chown', [...BUILDER.slice(0, 4), 'COPY --chown=1000 . .', BUILD, ...IMAGE], 'the build stage copied the context with --chown (line 5)'],
    ['an image convert does not know', ['FROM acme/go-builder:1 AS build', ...BUILDER.slice(1), BUILD, ...IMAGE], 'the stage stands on an image whose own files convert cannot know'],
  ];
  it.each(refused)('stay not representable after %s', (_what, lines, why) => {
    const { spec, note } = convert(lines);
    expect(spec.copy).toBeUndefined();
    expect(note.outcome).toBe('unrepresentable');
    expect(note.reason).toBe(`copies /src/web/static from stage \`build\`; the spec copies only the binary, certs, tzdata and files from the build context (stage \`build\` took it from the context, but ${why})`);
  });
  it('a directory the image keeps files in is not the context\'s alone', () => {
    const { spec, lost } = convert(['FROM golang:1.24-alpine AS build', 'WORKDIR /usr/src', 'COPY . .', BUILD, 'FROM alpine:3.20', 'COPY --from=build /out/app /usr/local/bin/app', 'COPY --from=build /usr/src/web /srv/web', 'ENTRYPOINT ["/usr/local/bin/app"]']);
    expect(spec.copy).toBeUndefined();
    expect(lost.map((n) => [n.line, n.reason])).toEqual([[7, 'copies /usr/src/web from stage `build`; the spec copies only the binary, certs, tzdata and files from the build context (stage `build` took it from the context, but /usr/src/web is where the base image keeps files of its own)']]);
  });
});

describe('convert: COPY --from an image', () => {
  const convertImage = (lines: string[]) => {
    const text = ['FROM golang:1.24-alpine AS build', 'WORKDIR /src', 'COPY . .', BUILD, ...lines, 'ENTRYPOINT ["/usr/local/bin/app"]'].join('\n') + '\n';
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    return { spec: r.spec, notes: r.report.filter((n) => n.text.startsWith('COPY --from=') && !n.text.includes('/out/app')).map((n) => [n.outcome, n.reason]) };
  };
  it('is a copy out of that image', () => {
    const { spec, notes } = convertImage(['FROM scratch', 'COPY --from=build /out/app /usr/local/bin/app', 'COPY --from=busybox:1.36 /bin/busybox /bin/']);
    expect(spec.copy).toEqual([{ from: 'busybox:1.36', src: '/bin/busybox', dest: '/bin/' }]);
    expect(notes).toEqual([['carried', 'out of busybox:1.36 → copy.from']]);
  });
  it('and so is one from a stage that is nothing but FROM <image>', () => {
    const { spec, notes } = convertImage(['FROM hairyhenderson/gomplate:v4.3.0 AS gomplate', 'FROM alpine:3.20', 'COPY --from=build /out/app /usr/local/bin/app', 'COPY --from=gomplate /gomplate /usr/local/bin/gomplate']);
    expect(spec.copy).toEqual([{ from: 'hairyhenderson/gomplate:v4.3.0', src: '/gomplate', dest: '/usr/local/bin/gomplate' }]);
    expect(notes).toEqual([['carried', 'stage `gomplate` is only FROM hairyhenderson/gomplate:v4.3.0']]);
  });
  it('but not one pulled for another platform, nor one with no tag', () => {
    expect(convertImage(['FROM --platform=$BUILDPLATFORM hairyhenderson/gomplate:v4.3.0 AS gomplate', 'FROM alpine:3.20', 'COPY --from=build /out/app /usr/local/bin/app', 'COPY --from=gomplate /gomplate /usr/local/bin/gomplate']).notes)
      .toEqual([['unrepresentable', 'copies /gomplate from stage `gomplate`; the spec copies only the binary, certs, tzdata and files from the build context']]);
    const untagged = convertImage(['FROM scratch', 'COPY --from=build /out/app /usr/local/bin/app', 'COPY --from=busybox /bin/busybox /bin/busybox']);
    expect(untagged.spec.copy).toBeUndefined();
    expect(untagged.notes).toEqual([['unrepresentable', '`copy`: `copy[0].from` "busybox" has no tag; name a version (e.g. busybox:1.2) or add a digest (@sha256:…)']]);
  });
});
