import { describe, expect, it } from 'vitest';
import { parseDockerfile } from '../../src/dockerfile/parse.js';
import type { CopyInstruction, RunInstruction } from '../../src/dockerfile/model.js';
import { expandVars } from '../../src/dockerfile/expand.js';
import { parseImageReference, normalizedReference } from '../../src/dockerfile/image.js';

const parse = (s: string, o = {}) => parseDockerfile(s, o);

describe('parser directives and escape', () => {
  it('reads syntax, escape and check directives', () => {
    const m = parse('# syntax=docker/dockerfile:1.7\n# escape=`\n# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nRUN echo a `\n  b\n');
    expect(m.directives.map((d) => [d.name, d.value])).toEqual([
      ['syntax', 'docker/dockerfile:1.7'], ['escape', '`'], ['check', 'skip=JSONArgsRecommended'],
    ]);
    expect(m.escape).toBe('`');
    expect(m.instructions[1].args).toBe('echo a   b');
  });
});

describe('logical lines', () => {
  it('joins continuations, drops comment and empty lines inside them, as BuildKit does', () => {
    const m = parse('FROM golang:1.22\nRUN go mod download && \\\n    # a comment\n\n    go build ./...\n');
    const run = m.instructions[1];
    expect(run.args).toBe('go mod download &&     go build ./...');
    expect(run.span.start.line).toBe(2);
    expect(run.span.end.line).toBe(5);
    // index of "go build" maps back to line 5
    const i = run.args.indexOf('go build');
    expect(run.argSpan(i, i + 2).start).toMatchObject({ line: 5, column: 5 });
  });

  it('handles CRLF, tabs, lower-case keywords and a missing final newline', () => {
    const m = parse('from\tgolang:1.22 as build\r\nrun echo hi\r\nFROM scratch\r\nCOPY --from=build /a /a');
    expect(m.stages.map((s) => s.name)).toEqual(['build', undefined]);
    expect(m.instructions[1].keywordText).toBe('run');
    expect(m.instructions[1].args).toBe('echo hi');
    expect((m.instructions[3] as CopyInstruction).fromStage).toBe(m.stages[0]);
  });
});

describe('original command text', () => {
  it('keeps keyword and flags, joins continuations like BuildKit and leaves heredoc bodies out', () => {
    const m = parse('FROM alpine\nRUN --mount=type=cache,target=/x \\\n  # c\n    echo hi\nCOPY <<EOT /x\nhi\nEOT\n');
    expect(m.instructions[1].original).toBe('RUN --mount=type=cache,target=/x     echo hi');
    expect(m.instructions[2].original).toBe('COPY <<EOT /x');
  });
});

describe('the exec form', () => {
  it('is the JSON array a line opens with, what follows ignored, as BuildKit\'s json.Decoder reads it', () => {
    const json = (line: string) => parseDockerfile(`FROM alpine:3.20\n${line}\n`).instructions[1].json;
    expect(json('CMD ["/app", "serve"]')).toEqual(['/app', 'serve']);
    expect(json('CMD ["/app"] || exit 1')).toEqual(['/app']);
    expect(json('HEALTHCHECK CMD [ "$(pgrep server)" ] || exit 1')).toEqual(['$(pgrep server)']);
    expect(json('CMD ["a\\"]", "b"]')).toEqual(['a"]', 'b']);
    // not JSON, or not a list of strings: the shell form
    expect(json('HEALTHCHECK CMD [ -f /tmp/ready ]')).toBeNull();
    expect(json('CMD ["/app"')).toBeNull();
    expect(json('CMD [1, 2]')).toBeNull();
  });
});

describe('line continuation', () => {
  it('ends the line at an escaped escape, as BuildKit\'s continuation regex does', () => {
    const m = parse('FROM scratch\nENV C trailing\\\\backslash\\\\\nENV D next\nRUN a \\\n  b\n');
    expect(m.instructions.map((i) => i.keyword)).toEqual(['FROM', 'ENV', 'ENV', 'RUN']);
    expect(m.instructions[1].args).toBe('C trailing\\\\backslash\\\\');
    expect(m.instructions[2].args).toBe('D next');
    expect(m.instructions[3].args).toBe('a   b');
  });
});

describe('heredocs', () => {
  it('reads several heredocs with <<- and quoted delimiters', () => {
    const m = parse('FROM alpine:3.20\nRUN <<EOF\nset -e\napk add --no-cache git\nEOF\nCOPY <<-"A" /a.txt\n\thello $X\n\tA\n');
    const run = m.instructions[1] as RunInstruction;
    expect(run.heredocs).toHaveLength(1);
    expect(run.heredocs[0]).toMatchObject({ name: 'EOF', chomp: false, expand: true, body: 'set -e\napk add --no-cache git\n' });
    const words = run.script().commands.map((c) => c.words.map((w) => w.value).join(' '));
    expect(words).toContain('apk add --no-cache git');
    const copy = m.instructions[2] as CopyInstruction;
    expect(copy.heredocs[0]).toMatchObject({ name: 'A', chomp: true, expand: false, body: 'hello $X\n' });
    expect(m.errors).toEqual([]);
  });

  it('reports an unterminated heredoc instead of swallowing the file silently', () => {
    const m = parse('FROM alpine:3.20\nRUN <<EOF\necho hi\n');
    expect(m.errors.map((e) => e.message)).toEqual([expect.stringContaining('unterminated heredoc')]);
  });
});

describe('ARG and ENV scopes', () => {
  it('resolves global ARGs in FROM, and stage ARGs with automatic platform values', () => {
    const m = parse('ARG GO_VERSION=1.22\nARG BASE\nFROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build\nARG TARGETARCH\nARG GO_VERSION\nENV CGO_ENABLED=0 GOARCH=$TARGETARCH\nFROM ${BASE:-gcr.io/distroless/static}:nonroot\n');
    const [build, run] = m.stages;
    expect(build.base).toMatchObject({ kind: 'image', image: { name: 'golang', tag: '1.22-alpine', registry: 'docker.io', repository: 'library/golang' } });
    expect(build.platform).toBe('$BUILDPLATFORM');
    const env = build.instructions.at(-1)!;
    expect(env.vars.get('TARGETARCH')).toBe('amd64');
    expect(env.vars.get('GO_VERSION')).toBe('1.22');
    expect(run.base).toMatchObject({ kind: 'image', image: { name: 'gcr.io/distroless/static', tag: 'nonroot' } });
  });

  it('build args override defaults; an instruction sees the scope before its own change', () => {
    const m = parse('FROM alpine:3.20\nARG V=1\nENV A=$V B=x\nRUN echo\n', { buildArgs: { V: '2' } });
    const [, arg, env, run] = m.instructions;
    expect(arg.vars.has('V')).toBe(false);
    expect(env.vars.get('V')).toBe('2');
    expect(env.vars.has('A')).toBe(false);
    expect(run.vars.get('A')).toBe('2');
    expect([...run.envNames]).toEqual(['A', 'B']);
  });

  it('a stage built on a stage inherits its ENV but not its ARGs', () => {
    const m = parse('FROM alpine:3.20 AS base\nARG X=1\nENV Y=2\nFROM base\nRUN true\n');
    const run = m.instructions.at(-1)!;
    expect(run.vars.get('Y')).toBe('2');
    expect(run.vars.has('X')).toBe(false);
    expect(m.stages[1].base).toMatchObject({ kind: 'stage' });
  });
});

describe('RUN flags and mounts', () => {
  it('parses every mount type with aliases and expands variables in them', () => {
    const m = parse('FROM golang:1.22\nENV GOMODCACHE=/gomod\nRUN --mount=type=cache,target=$GOMODCACHE,sharing=locked,id=mod --mount=type=bind,from=build,src=/out,dst=/in,rw --mount=type=secret,id=netrc,target=/root/.netrc,required=true --mount=type=ssh --mount=type=tmpfs,target=/tmp,size=64m --network=none go build\n');
    const run = m.instructions[2] as RunInstruction;
    expect(run.mounts.map((x) => [x.type, x.target, x.readonly])).toEqual([
      ['cache', '/gomod', false], ['bind', '/in', false], ['secret', '/root/.netrc', false], ['ssh', undefined, false], ['tmpfs', '/tmp', false],
    ]);
    expect(run.mounts[0]).toMatchObject({ sharing: 'locked', id: 'mod' });
    expect(run.mounts[1]).toMatchObject({ from: 'build', source: '/out' });
    expect(run.mounts[2].required).toBe(true);
    expect(run.mounts[4].size).toBe(64 * 1024 * 1024);
    expect(run.network).toBe('none');
    expect(run.args).toBe('go build');
  });

  it('an invalid mount is a parse error with the flag position', () => {
    const m = parse('FROM alpine:3.20\nRUN --mount=type=nfs,target=/x true\n');
    expect(m.errors[0]).toMatchObject({ message: expect.stringContaining('unsupported mount type'), span: { start: { line: 2, column: 5 } } });
  });

  it('reads the exec form as JSON and leaves invalid JSON as the shell form', () => {
    const m = parse('FROM alpine:3.20\nCMD ["/app", "serve"]\nENTRYPOINT [\'/app\']\nHEALTHCHECK --interval=5s CMD ["/app", "health"]\nHEALTHCHECK CMD /app health\n');
    expect(m.instructions[1].json).toEqual(['/app', 'serve']);
    expect(m.instructions[2].json).toBeNull();
    expect(m.instructions[3].json).toEqual(['/app', 'health']);
    expect(m.instructions[4].json).toBeNull();
  });
});

describe('stages and errors', () => {
  it('marks the final and the target stage', () => {
    const m = parse('FROM golang:1.22 AS build\nFROM alpine:3.20 AS debug\nFROM scratch AS prod\n', { target: 'debug' });
    expect(m.stages.map((s) => [s.isFinal, s.isTarget])).toEqual([[false, false], [false, true], [true, false]]);
    expect(m.target?.name).toBe('debug');
    expect(m.stages[2].base.kind).toBe('scratch');
  });

  it('refuses a binary file with one error, and counts a lone CR as a line end for positions', () => {
    const bin = parse('\u007fELF\u0002\u0001\u0000\u0000garbage\r\nmore');
    expect(bin.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('not a text file') })]);
    expect(bin.instructions).toEqual([]);
    const cr = parse('FROM alpine:3.20\rRUN apk add curl\r');
    expect(cr.instructions.map((i) => [i.keyword, i.span.start.line, i.span.start.column])).toEqual([['FROM', 1, 1], ['RUN', 2, 1]]);
  });

  it('reports unknown instructions, instructions before FROM and files without FROM', () => {
    expect(parse('FROM alpine:3.20\nFROBNICATE x\n').errors[0].message).toMatch(/unknown instruction: FROBNICATE/);
    expect(parse('RUN echo\nFROM alpine:3.20\n').errors[0].message).toMatch(/before the first FROM/);
    expect(parse('# nothing\n').errors[0].message).toMatch(/no FROM/);
    expect(parse('FROM golang:1.22\n', { target: 'nope' }).errors[0].message).toMatch(/target stage "nope"/);
  });
});

describe('variable substitution', () => {
  const env = new Map<string, string>([['A', 'a'], ['E', '']]);
  const look = (k: string) => env.get(k);
  it.each([
    ['$A', 'a'], ['${A}', 'a'], ['${A:-x}', 'a'], ['${E:-x}', 'x'], ['${E-x}', ''], ['${U-x}', 'x'],
    ['${A:+y}', 'y'], ['${E:+y}', ''], ['${E+y}', 'y'], ['${U+y}', ''], ['${U:-${A}b}', 'ab'],
    ['pre${A}post', 'preapost'], ["'$A'", '$A'], ['"$A"', 'a'], ['\\$A', '$A'],
  ])('%s → %s', (src, want) => {
    expect(expandVars(src, look, { stripQuotes: true }).value).toBe(want);
  });
  it('records unset variables and refuses ${A/x/y} as BuildKit v0.11 does', () => {
    expect(expandVars('${U}$V', look).unset).toEqual(['U', 'V']);
    expect(expandVars('${A/a/b}', look).error).toMatch(/missing ':' in substitution/);
  });
});

describe('image references', () => {
  it.each([
    ['golang:1.22', 'docker.io/library/golang:1.22'],
    ['golang', 'docker.io/library/golang:latest'],
    ['gcr.io/distroless/static:nonroot', 'gcr.io/distroless/static:nonroot'],
    ['localhost:5000/app@sha256:' + 'a'.repeat(64), 'localhost:5000/app@sha256:' + 'a'.repeat(64)],
    ['user/app:v1', 'docker.io/user/app:v1'],
  ])('%s → %s', (ref, want) => {
    const p = parseImageReference(ref);
    expect(typeof p).toBe('object');
    expect(normalizedReference(p as never)).toBe(want);
  });
  it.each(['golang:', '/harbor-core-base:', 'Golang:1.22', '', 'golang:1.26@56:' + 'a'.repeat(64)])('refuses %j', (ref) => {
    expect(typeof parseImageReference(ref)).toBe('string');
  });
  it('agrees with the LLB encoder on digests (an algorithm starts with a letter): the frontend never meets one it refuses', async () => {
    const { normalizeImageRef } = await import('../../src/llb/reference.js');
    for (const d of ['sha256:' + 'a'.repeat(64), 'sha512:' + 'B'.repeat(128), 'multi+hash.v2:' + 'c'.repeat(32), '56:' + 'a'.repeat(64), 'sha256:' + 'a'.repeat(31), 'Sha256:' + 'a'.repeat(64)]) {
      const parsed = typeof parseImageReference(`golang@${d}`) !== 'string';
      let encoded = true;
      try { normalizeImageRef(`golang@${d}`); } catch { encoded = false; }
      expect(parsed, d).toBe(encoded);
    }
  });
});
