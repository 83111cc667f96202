// Small read-only helpers rules use to ask "is this `apk add` with --no-cache?" without re-parsing words.
import { basename } from './chars.js';
import type { ShellScript, ShellWord, SimpleCommand } from './types.js';

/** Wrappers that run the next word as the command, with their options that take a value. */
const WRAPPERS: Readonly<Record<string, readonly string[]>> = {
  sudo: ['-u', '-g', '-p', '-C', '-D', '-h', '-r', '-t', '-U', '-T', '--user', '--group', '--prompt', '--chdir'],
  doas: ['-u', '-C'],
  env: ['-u', '-C', '-S', '--unset', '--chdir', '--split-string'],
  exec: ['-a'],
  time: ['-f', '-o', '--format', '--output'],
  nice: ['-n', '--adjustment'],
  nohup: [],
  command: [],
  builtin: [],
};

/** Global options (before the subcommand) that take a value, so `git -C dir clone` finds `clone`. */
const GLOBAL_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  git: ['-C', '-c', '--git-dir', '--work-tree', '--namespace'],
  go: ['-C'],
  'apt-get': ['-o', '-c', '-t', '--option', '--config-file', '--target-release'],
  apt: ['-o', '-c', '-t', '--option', '--config-file', '--target-release'],
  apk: ['-X', '-p', '--repository', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file'],
  yum: ['-c', '--config', '--installroot', '--releasever', '--setopt'],
  dnf: ['-c', '--config', '--installroot', '--releasever', '--setopt'],
  docker: ['-H', '-c', '-l', '--host', '--context', '--config', '--log-level'],
  npm: ['-C', '--prefix'],
};

/** Index in `cmd.words` of the word that is really run, looking through sudo/env/exec/time/nice/nohup/command; -1 if none. */
export function commandWordIndex(cmd: SimpleCommand): number {
  const w = cmd.words;
  let i = 0;
  while (i < w.length) {
    const name = basename(w[i].value);
    const withValues = WRAPPERS[name];
    if (withValues === undefined || w[i].quoted) return i;
    let j = i + 1;
    while (j < w.length) {
      const v = w[j].value;
      if (v === '--') { j++; break; }
      // `command -v x` only looks x up, so x is not run: stop at `command` itself.
      if ((name === 'command' || name === 'builtin') && (v === '-v' || v === '-V')) return i;
      if (name === 'env' && isAssignmentText(v)) { j++; continue; }
      if (name === 'nice' && /^-\d+$/.test(v)) { j++; continue; }
      if (!v.startsWith('-') || v === '-') break;
      j += withValues.includes(v) ? 2 : 1;
    }
    if (j >= w.length) return i; // a bare wrapper (`env`, `time`) is itself the command
    i = j;
  }
  return w.length > 0 ? 0 : -1;
}

function isAssignmentText(v: string): boolean {
  const eq = v.indexOf('=');
  return eq > 0 && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.slice(0, eq));
}

/** Basename of the command actually run (`/usr/bin/sudo -E apk` → `apk`), or null for assignment-only lines. */
export function commandName(cmd: SimpleCommand): string | null {
  const i = commandWordIndex(cmd);
  return i < 0 ? null : basename(cmd.words[i].value);
}

/** The words after the command name. */
export function commandArgs(cmd: SimpleCommand): ShellWord[] {
  const i = commandWordIndex(cmd);
  return i < 0 ? [] : cmd.words.slice(i + 1);
}

/**
 * True if any of `names` is present. `-y` matches combined short flags (`-qy`); `--yes` and
 * single-dash long flags (`-trimpath`, Go style) match exactly or with `=value`. Stops at `--`.
 */
export function hasFlag(cmd: SimpleCommand, ...names: string[]): boolean {
  for (const w of commandArgs(cmd)) {
    const v = w.value;
    if (v === '--') return false;
    if (!v.startsWith('-') || v === '-') continue;
    for (const name of names) if (flagMatches(v, name)) return true;
  }
  return false;
}

function flagMatches(arg: string, name: string): boolean {
  const key = arg.includes('=') ? arg.slice(0, arg.indexOf('=')) : arg;
  if (key === name) return true;
  if (name.length === 2 && name[0] === '-' && name[1] !== '-') {
    // combined short flags: only for letter clusters like -qy, never for --long or -ldflags=…
    return !arg.startsWith('--') && /^-[A-Za-z0-9]+$/.test(arg) && arg.includes(name[1]);
  }
  // Go tools accept -flag and --flag alike
  if (name.startsWith('-') && !name.startsWith('--') && key === '-' + name) return true;
  return false;
}

/** Every value given to a flag: `--out=x`, `--out x`, `-o x`, `-ox`. */
export function flagValues(cmd: SimpleCommand, name: string): string[] {
  const args = commandArgs(cmd);
  const out: string[] = [];
  const short = name.length === 2 && name[0] === '-' && name[1] !== '-';
  const alt = name.startsWith('-') && !name.startsWith('--') && !short ? '-' + name : null;
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') break;
    if (v === name || v === alt) {
      if (i + 1 < args.length) out.push(args[++i].value);
    } else if (v.startsWith(name + '=')) out.push(v.slice(name.length + 1));
    else if (alt !== null && v.startsWith(alt + '=')) out.push(v.slice(alt.length + 1));
    else if (short && v.startsWith(name) && !v.startsWith('--') && v.length > 2) out.push(v.slice(2));
  }
  return out;
}

/** The last value given to a flag (last wins in most CLIs), or null. */
export function flagValue(cmd: SimpleCommand, name: string): string | null {
  const all = flagValues(cmd, name);
  return all.length > 0 ? all[all.length - 1] : null;
}

export interface PositionalOptions {
  /** Options whose value is the next word, e.g. ['-o', '--output', '-ldflags']. */
  optionsWithValues?: readonly string[];
}

/** Arguments that are not options nor option values; everything after `--` counts. */
export function positionals(cmd: SimpleCommand, opts: PositionalOptions = {}): ShellWord[] {
  const takes = opts.optionsWithValues ?? [];
  const args = commandArgs(cmd);
  const out: ShellWord[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value;
    if (v === '--') return out.concat(args.slice(i + 1));
    if (!v.startsWith('-') || v === '-') { out.push(args[i]); continue; }
    if (v.includes('=')) continue;
    if (takes.includes(v)) { i++; continue; }
    // `-qo file`: the last letter of a short cluster may take the next word
    if (!v.startsWith('--') && v.length > 2 && takes.includes('-' + v[v.length - 1])) i++;
  }
  return out;
}

/** First positional argument: `apt-get -qq install x` → `install`. */
export function subcommand(cmd: SimpleCommand): string | null {
  const name = commandName(cmd);
  const first = positionals(cmd, { optionsWithValues: name === null ? [] : GLOBAL_OPTIONS[name] ?? [] })[0];
  return first === undefined ? null : first.value;
}

/** Commands run as `name` (or any of names), optionally only with that subcommand: `findCommands(s, 'go', 'build')`. */
export function findCommands(script: ShellScript, name: string | readonly string[], sub?: string): SimpleCommand[] {
  const names = typeof name === 'string' ? [name] : name;
  return script.commands.filter((cmd) => {
    const n = commandName(cmd);
    if (n === null || !names.includes(n)) return false;
    return sub === undefined || subcommand(cmd) === sub;
  });
}
