// The helpers rules call on parsed commands.
import { describe, expect, it } from 'vitest';
import { parseShell } from '../../src/shell/parse.js';
import { commandArgs, commandName, findCommands, flagValue, flagValues, hasFlag, positionals, subcommand } from '../../src/shell/query.js';
import type { SimpleCommand } from '../../src/shell/types.js';

const one = (src: string): SimpleCommand => parseShell(src).commands[0];

describe('commandName', () => {
  it.each([
    ['apk add x', 'apk'],
    ['/usr/local/go/bin/go build', 'go'],
    ['sudo -E -u root apt-get install x', 'apt-get'],
    ['env -i CGO_ENABLED=0 GOOS=linux go build', 'go'],
    ['exec /bin/app --serve', 'app'],
    ['time go test ./...', 'go'],
    ['nice -n 10 make', 'make'],
    ['nohup sudo env A=1 make', 'make'],
    ['command -v go', 'command'],
    ['command go version', 'go'],
    ['env', 'env'],
  ])('%s → %s', (src, name) => {
    expect(commandName(one(src))).toBe(name);
  });

  it('is null for assignment-only commands', () => {
    expect(commandName(one('A=1'))).toBeNull();
    expect(commandArgs(one('A=1'))).toEqual([]);
  });
});

describe('flags', () => {
  const apt = one('apt-get -qy --no-install-recommends install git=1:2.39 curl');
  it('hasFlag handles short, combined and long flags', () => {
    expect(hasFlag(apt, '-y', '--yes')).toBe(true);
    expect(hasFlag(apt, '-q')).toBe(true);
    expect(hasFlag(apt, '--no-install-recommends')).toBe(true);
    expect(hasFlag(apt, '-f', '--fix-broken')).toBe(false);
  });

  it('hasFlag stops at -- and ignores positionals', () => {
    expect(hasFlag(one('rm -- -y'), '-y')).toBe(false);
    expect(hasFlag(one('echo y'), '-y')).toBe(false);
  });

  it('Go-style single-dash long flags', () => {
    const go = one('go build -trimpath -ldflags="-s -w" -o /out/app -mod vendor ./cmd/app');
    expect(hasFlag(go, '-trimpath')).toBe(true);
    expect(hasFlag(one('go build --trimpath'), '-trimpath')).toBe(true);
    expect(hasFlag(go, '-s')).toBe(false); // inside -ldflags's value, not a flag
    expect(flagValue(go, '-ldflags')).toBe('-s -w');
    expect(flagValue(go, '-o')).toBe('/out/app');
    expect(flagValue(go, '-mod')).toBe('vendor');
    expect(flagValue(go, '-tags')).toBeNull();
  });

  it('flagValue forms', () => {
    expect(flagValue(one('curl --output=x -o y'), '--output')).toBe('x');
    expect(flagValue(one('tar -Cdir -x'), '-C')).toBe('dir');
    expect(flagValues(one('docker run -e A=1 -e B=2 img'), '-e')).toEqual(['A=1', 'B=2']);
    expect(flagValue(one('go build -ldflags "-X main.v=1"'), '--ldflags')).toBeNull();
  });

  it('positionals skip options and their values', () => {
    const go = one('go build -o /out/app -ldflags "-s -w" -v ./cmd/app -- -weird');
    const pos = positionals(go, { optionsWithValues: ['-o', '-ldflags'] }).map((w) => w.value);
    expect(pos).toEqual(['build', './cmd/app', '-weird']);
    expect(positionals(one('tar -xzf a.tgz -C /x'), { optionsWithValues: ['-f', '-C'] }).map((w) => w.value)).toEqual([]);
  });
});

describe('findCommands', () => {
  const s = parseShell(
    'apt-get -qq update && apt-get -o Dpkg::Use-Pty=0 install -y git && x=$(go env GOPATH) && CGO_ENABLED=0 go build ./... && sudo apk --no-cache add curl && git -C /src clone x',
  );
  it('by name and subcommand', () => {
    expect(findCommands(s, 'apt-get').map(subcommand)).toEqual(['update', 'install']);
    expect(findCommands(s, 'apt-get', 'install')).toHaveLength(1);
    expect(findCommands(s, 'go', 'build')[0].assignments[0].name).toBe('CGO_ENABLED');
    expect(findCommands(s, 'go', 'env')[0].depth).toBe(1);
    expect(findCommands(s, 'apk', 'add')).toHaveLength(1);
    expect(findCommands(s, 'git', 'clone')).toHaveLength(1);
    expect(findCommands(s, ['apt', 'apt-get'], 'update')).toHaveLength(1);
    expect(findCommands(s, 'yum')).toEqual([]);
  });

  it('sees commands inside sh -c', () => {
    expect(findCommands(parseShell(`sh -c "apk add --no-cache git"`), 'apk', 'add')).toHaveLength(1);
  });
});
