import { describe, expect, it } from 'vitest';
import { lintText, RuleSet } from '../../src/lint/engine.js';
import { RULES } from '../../rules/index.js';

// Inputs where a quadratic step (a backtracking regex, a scope copied per ARG/ENV) took minutes: each must lint
// to the end. They are sized so that the quadratic versions ran far past the test timeout (100k blanks took 7 s).
const N = 400_000;
const blanks = ' '.repeat(N);
const CASES: Record<string, string> = {
  'blanks inside a RUN': `FROM alpine:3.20\nRUN echo${blanks}x\n`,
  'blanks and tabs before a continuation': `FROM alpine:3.20\nRUN echo${' \t'.repeat(N / 2)}\\\n x\n`,
  'blanks inside a directive value': `# syntax = a${blanks}b\nFROM alpine:3.20\n`,
  'blanks inside a comment': `# a${blanks}b\nFROM alpine:3.20\n`,
  'blanks inside ENV, LABEL, COPY, FROM': `FROM alpine:3.20${blanks}AS x\nENV A=1${blanks}B=2\nLABEL a=b${blanks}c=d\nCOPY a${blanks}b /x/\n`,
  'a line of escapes': `FROM alpine:3.20\nRUN echo ${'\\'.repeat(N)}\n`,
  'a line of quotes': `FROM alpine:3.20\nRUN echo ${'"'.repeat(N)}\n`,
  'a line of dollars and braces': `FROM alpine:3.20\nRUN echo ${'${'.repeat(N / 2)}\n`,
  'a long pipeline': `FROM alpine:3.20\nRUN ${'a|'.repeat(N / 2)}b\n`,
  'many continuation lines': `FROM alpine:3.20\nRUN echo \\\n${' \\\n'.repeat(N / 4)} x\n`,
  'many ARG and ENV lines': `FROM alpine:3.20\n${Array.from({ length: 16_000 }, (_, i) => `ARG A${i}=1\nENV B${i}=$A${i}\n`).join('')}`,
  'many stages': Array.from({ length: 2_000 }, (_, i) => `FROM alpine:3.20 AS s${i}\nCOPY --from=s${Math.max(i - 1, 0)} /a /a\n`).join(''),
};

describe('linear in the input', () => {
  const rules = new RuleSet(RULES);
  it.each(Object.entries(CASES))('lints %s to the end', (_name, text) => {
    const { model, findings } = lintText({ text, path: 'Dockerfile' }, rules);
    expect(model.errors).toEqual([]);
    expect(model.instructions.at(-1)!.span.end.offset).toBeGreaterThan(text.length - 400);
    expect(findings.every((f) => f.line >= 1)).toBe(true);
  });
});

describe('convert stays near-linear on long Dockerfiles', () => {
  // workdirAt walked the stage per question and madeDirs re-read the stage per COPY: 2,000 such COPYs took 20 s
  it('reads 3,000 directories a stage makes, each copied --chown to the user', async () => {
    const { convertDockerfile } = await import('../../src/convert/index.js');
    const { parseDockerfile } = await import('../../src/dockerfile/parse.js');
    const n = 3_000;
    const text = ['FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .', 'FROM alpine:3.20 AS fs',
      ...Array.from({ length: n }, (_, i) => `RUN mkdir -p /d${i}`), 'FROM scratch', 'COPY --from=build /out/app /app', 'USER 1:1',
      ...Array.from({ length: n }, (_, i) => `COPY --from=fs --chown=1:1 /d${i} /d${i}`), 'ENTRYPOINT ["/app"]', ''].join('\n');
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    expect(r.spec.dirs).toHaveLength(n);
  });
  it('reads 4,000 ARGs before the first FROM', async () => {
    const { convertDockerfile } = await import('../../src/convert/index.js');
    const { parseDockerfile } = await import('../../src/dockerfile/parse.js');
    const text = [...Array.from({ length: 4_000 }, (_, i) => `ARG A${i}=v${i}`), 'FROM golang:1.22 AS build', 'WORKDIR /src', 'COPY . .', 'RUN go build -o /out/app .',
      'FROM scratch', 'COPY --from=build /out/app /app', 'ENTRYPOINT ["/app"]', ''].join('\n');
    const r = convertDockerfile(parseDockerfile(text, { path: 'Dockerfile' }));
    expect(r.report.filter((n) => n.outcome === 'dropped' && /no stage declares it again/.test(n.reason))).toHaveLength(4_000);
  });
});
