import { readFileSync, readdirSync, statSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gofile, tempTree } from '../helpers/cli.js';

const BAD = 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.20\nRUN apk add curl\nCOPY --from=build /app /app\nUSER 10001\nENTRYPOINT ["/app"]\n';
const CLEAN = 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 10001\nENTRYPOINT ["/usr/bin/curl"]\n';

describe('gofile lint, as a user runs it', () => {
  it('exits 1 with findings, 0 when clean, and prints file:line findings', () => {
    const dir = tempTree({ Dockerfile: BAD, 'clean/Dockerfile': CLEAN });
    const bad = gofile(['lint', 'Dockerfile'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^Dockerfile$/m);
    expect(bad.stdout).toMatch(/4:5\s+warning\s+.*apk add --no-cache.*apk-without-no-cache \(GF005\)/);
    const clean = gofile(['lint', 'clean/Dockerfile'], { cwd: dir });
    expect(clean.stderr).toBe('');
    expect(clean.code).toBe(0);
  });

  it('prints exactly the documented JSON fields', () => {
    const dir = tempTree({ Dockerfile: BAD });
    const r = gofile(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    const findings = JSON.parse(r.stdout);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(Object.keys(f)).toEqual(['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'rule', 'severity', 'message', 'fixable']);
    }
    expect(findings.find((f: { code: string }) => f.code === 'GF005')).toMatchObject({ file: 'Dockerfile', line: 4, column: 5, rule: 'apk-without-no-cache', severity: 'warning', fixable: true });
  });

  it('finds Dockerfiles in directories and reads stdin', () => {
    const dir = tempTree({ 'a/Dockerfile': BAD, 'b/api.Dockerfile': BAD, 'c/Dockerfile.prod': CLEAN, 'c/Containerfile': CLEAN, 'node_modules/x/Dockerfile': BAD, 'd/README.md': 'x' });
    const r = gofile(['lint', '--format', 'json', '.'], { cwd: dir });
    const files = [...new Set(JSON.parse(r.stdout).map((f: { file: string }) => f.file))];
    expect(files).toEqual(['a/Dockerfile', 'b/api.Dockerfile']);
    const s = gofile(['lint', '--format', 'json', '--stdin-filename', 'web/Dockerfile', '-'], { cwd: dir, input: BAD });
    expect(s.code).toBe(1);
    expect(JSON.parse(s.stdout)[0].file).toBe('web/Dockerfile');
  });

  it('exits 2 with a clear message on bad input, never a stack trace', () => {
    const dir = tempTree({ Dockerfile: BAD });
    const cases: [string[], RegExp][] = [
      [['lint', 'nope/Dockerfile'], /nope\/Dockerfile: no such file or directory/],
      [['lint', '--format', 'xml', 'Dockerfile'], /Invalid values:[\s\S]*format/],
      [['lint', '--ignore', 'DL9999', 'Dockerfile'], /unknown rule "DL9999"/],
      [['lint', '--diff', 'Dockerfile'], /--diff goes with --fix/],
      [['lint', '--build-arg', 'NOEQUALS', 'Dockerfile'], /expected NAME=VALUE/],
      [['frobnicate'], /Unknown argument|Unknown command|Did you mean/],
    ];
    for (const [args, msg] of cases) {
      const r = gofile(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('a file that does not parse is one finding with its position, exit 1', () => {
    const dir = tempTree({ Dockerfile: 'FROM alpine:3.20\nFROBNICATE x\n' });
    const r = gofile(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual([expect.objectContaining({ code: 'GF000', line: 2, column: 1, severity: 'error' })]);
  });

  it('--fix writes atomically and a second --fix changes nothing; --fix --diff writes nothing', () => {
    const dir = tempTree({ Dockerfile: BAD });
    chmodSync(join(dir, 'Dockerfile'), 0o640);
    const d = gofile(['lint', '--fix', '--diff', 'Dockerfile'], { cwd: dir });
    expect(d.stdout).toMatch(/^-RUN apk add curl$/m);
    expect(d.stdout).toMatch(/^\+RUN apk add --no-cache curl$/m);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(BAD);
    gofile(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    const fixed = readFileSync(join(dir, 'Dockerfile'), 'utf8');
    expect(fixed).toContain('RUN apk add --no-cache curl');
    expect(statSync(join(dir, 'Dockerfile')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['Dockerfile']);
    gofile(['lint', '--fix', 'Dockerfile'], { cwd: dir });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(fixed);
  });

  it('honours ignore comments of every kind', () => {
    const text = [
      '# check=skip=apk-without-no-cache',
      'FROM golang:1.22 AS build',
      '# hadolint ignore=DL3007',
      'FROM alpine:latest',
      '# gofile ignore=root-user -- this image is a debug shell',
      'USER root',
      '',
    ].join('\n');
    const dir = tempTree({ Dockerfile: text });
    const r = gofile(['lint', '--format', 'json', 'Dockerfile'], { cwd: dir });
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('finds the config by walking up, and flags override it', () => {
    const dir = tempTree({
      '.gofile-lint.yaml': 'ignored: [DL3019]\nfailure-threshold: error\nrules:\n  root-user: error\n',
      'svc/Dockerfile': 'FROM alpine:3.20\nRUN apk add curl\n',
    });
    const r = gofile(['lint', '--format', 'json', 'svc/Dockerfile'], { cwd: dir });
    const f = JSON.parse(r.stdout);
    expect(f.map((x: { code: string; severity: string }) => `${x.code}:${x.severity}`)).toEqual(['GF003:error']);
    expect(r.code).toBe(1);
    const relaxed = gofile(['lint', '--format', 'json', '--failure-threshold', 'none', 'svc/Dockerfile'], { cwd: dir });
    expect(relaxed.code).toBe(0);
    const none = gofile(['lint', '--format', 'json', '--no-config', 'svc/Dockerfile'], { cwd: dir });
    expect(JSON.parse(none.stdout).map((x: { code: string }) => x.code)).toContain('GF005');
  });

  it('a repeatable flag takes one value, also on the yargs path (--no-config sends it there)', () => {
    const dir = tempTree({ Dockerfile: 'FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER 1\n', 'other/Dockerfile': BAD });
    const r = gofile(['lint', '--no-config', '--enable', 'apk-unpinned-versions', 'Dockerfile', '--format', 'json'], { cwd: dir });
    const f = JSON.parse(r.stdout);
    expect([...new Set(f.map((x: { file: string }) => x.file))]).toEqual(['Dockerfile']);
    expect(f.map((x: { code: string }) => x.code)).toContain('GF210');
  });

  it('does not take source files named dockerfile.* for Dockerfiles', () => {
    const dir = tempTree({ 'src/dockerfile.ts': 'export {}\n', 'Dockerfile.prod': CLEAN });
    const r = gofile(['lint', '--format', 'json', '.'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('refuses a broken config with its name, line and exit 2', () => {
    const dir = tempTree({ '.gofile-lint.yaml': '# ours\nignord: [DL3019]\n', Dockerfile: CLEAN });
    const r = gofile(['lint', 'Dockerfile'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: .gofile-lint.yaml:2: unknown key "ignord"; did you mean "ignored"?\n');
    const yaml = tempTree({ '.gofile-lint.yaml': 'rules:\n  root-user: error\n x: 1\n', Dockerfile: CLEAN });
    const bad = gofile(['lint', 'Dockerfile'], { cwd: yaml });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('gofile: .gofile-lint.yaml:3:1: not valid YAML: All mapping items must start at the same column\n');
  });

  it('refuses a gofile rule the config misspells, and lets other linters\' codes through', () => {
    const typo = tempTree({ '.gofile-lint.yaml': 'disable:\n  - DL3008\n  - root-usr\n', 'svc/Dockerfile': CLEAN });
    const r = gofile(['lint', 'Dockerfile'], { cwd: join(typo, 'svc') });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gofile: ../.gofile-lint.yaml:3: unknown rule "root-usr"; did you mean "root-user"? (gofile rules lists them all)\n');
    // a hadolint list carried over names rules gofile does not have (DL3059, SC2086) beside ones it has
    const carried = tempTree({ '.gofile-lint.yaml': 'ignored: [DL3059, SC2086, DL3019]\n', Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\nUSER 1\n' });
    const ok = gofile(['lint', '--format', 'json', 'Dockerfile'], { cwd: carried });
    expect(ok.stderr).toBe('');
    expect(JSON.parse(ok.stdout).map((x: { code: string }) => x.code)).not.toContain('GF005');
    const flag = gofile(['lint', '--ignore', 'root-usr', 'Dockerfile'], { cwd: carried });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('unknown rule "root-usr"; did you mean "root-user"?');
  });

  it('colours only when asked or on a terminal', () => {
    const dir = tempTree({ Dockerfile: BAD });
    expect(gofile(['lint', 'Dockerfile'], { cwd: dir }).stdout).not.toContain('\u001b[');
    expect(gofile(['lint', '--color', 'Dockerfile'], { cwd: dir }).stdout).toContain('\u001b[');
  });

  it('--version, --help and rules/explain work', () => {
    expect(gofile(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(gofile(['lint', '--help']).stdout).toContain('--fix');
    expect(gofile(['rules']).stdout).toMatch(/GF005\s+apk-without-no-cache/);
    const e = gofile(['explain', 'DL3019']);
    expect(e.code).toBe(0);
    expect(e.stdout).toMatch(/^# apk-without-no-cache \(GF005\)/);
  });
});
