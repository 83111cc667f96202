// The model's instructions as BuildKit's instructions package types them (flags checked, arguments
// split the way its parser splits them), before any variable is expanded.
import type { Flag, Instruction } from '../dockerfile/model.js';
import { splitQuotedWords, parseJSONArray } from '../dockerfile/words.js';
import { parseDuration } from './gofmt.js';

export interface KV {
  key: string;
  value: string;
}

export interface InlineFile {
  name: string;
  data: string;
  chomp: boolean;
  expand: boolean;
}

interface Base {
  inst: Instruction;
  /** BuildKit's command text: the original line, trimmed. */
  code: string;
}

export type Command = Base &
  (
    | { kind: 'ENV' | 'LABEL'; pairs: KV[] }
    | { kind: 'MAINTAINER' | 'USER' | 'WORKDIR' | 'STOPSIGNAL'; value: string }
    | {
        kind: 'COPY' | 'ADD';
        sources: string[];
        contents: InlineFile[];
        dest: string;
        from: string;
        chown: string;
        chmod: string;
        link: boolean;
        checksum: string;
      }
    | { kind: 'ONBUILD'; expression: string }
    | { kind: 'RUN'; cmdLine: string[]; files: InlineFile[]; prependShell: boolean; mounts: string[]; network: string; security: string }
    | { kind: 'CMD' | 'ENTRYPOINT'; cmdLine: string[] | null; prependShell: boolean }
    | { kind: 'HEALTHCHECK'; test: string[]; interval: number; timeout: number; startPeriod: number; retries: number }
    | { kind: 'EXPOSE' | 'VOLUME'; values: string[] }
    | { kind: 'ARG'; args: Array<{ key: string; value?: string }> }
    | { kind: 'SHELL'; shell: string[] }
  );

/** A parse-level refusal, located by the caller. */
export class CommandError extends Error {}

const FLAGS: Record<string, Record<string, 'string' | 'bool' | 'strings'>> = {
  ADD: { chown: 'string', chmod: 'string', link: 'bool', 'keep-git-dir': 'bool', checksum: 'string' },
  COPY: { chown: 'string', from: 'string', chmod: 'string', link: 'bool' },
  FROM: { platform: 'string' },
  RUN: { mount: 'strings', network: 'string', security: 'string' },
  HEALTHCHECK: { interval: 'string', timeout: 'string', 'start-period': 'string', retries: 'string' },
};

/** BuildKit's BFlags: known flags only, bools as "true"/"false", repeated string flags refused. */
export function readFlags(keyword: string, flags: readonly Flag[]): Map<string, string[]> {
  const known = FLAGS[keyword] ?? {};
  const out = new Map<string, string[]>();
  for (const f of flags) {
    const type = known[f.name];
    if (!type) throw new CommandError(`unknown flag: ${f.name}`);
    let v = f.value;
    if (type === 'bool') {
      const lv = (v ?? 'true').toLowerCase();
      if (lv !== 'true' && lv !== 'false') throw new CommandError(`expecting boolean value for flag ${f.name}, not: ${v}`);
      v = lv;
    } else if (v === null) throw new CommandError(`missing a value on flag: ${f.name}`);
    if (type === 'string' && out.has(f.name)) throw new CommandError(`duplicate flag specified: ${f.name}`);
    out.set(f.name, [...(out.get(f.name) ?? []), v]);
  }
  return out;
}

const WHITESPACE = /[\t\v\f\r ]+/;
const splitWhitespace = (s: string) => (s === '' ? [] : s.split(WHITESPACE));
const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

/** The heredoc name a word like `<<EOF`, `<<-"EOF"` introduces, or null. */
export function heredocName(word: string): string | null {
  const m = HEREDOC_WORD.exec(word);
  if (!m || m[3] === '') return null;
  const name = m[3].replace(/["']/g, '');
  return /\s/.test(name) ? null : name;
}

function keyValues(args: string, escape: string, keyword: string): KV[] {
  const words = splitQuotedWords(args, escape).map((w) => w.text);
  if (words.length === 0) throw new CommandError(`${keyword} requires at least one argument`);
  if (!words[0].includes('=')) {
    const parts = args.split(WHITESPACE);
    if (parts.length < 2) throw new CommandError(`${keyword} must have two arguments`);
    return [{ key: parts[0], value: args.slice(args.search(WHITESPACE)).replace(/^[\t\v\f\r ]+/, '') }];
  }
  return words.map((w) => {
    const eq = w.indexOf('=');
    if (eq < 0) throw new CommandError(`Syntax error - can't find = in "${w}". Must be of the form: name=value`);
    if (eq === 0) throw new CommandError(`${keyword} names can not be blank`);
    return { key: w.slice(0, eq), value: w.slice(eq + 1) };
  });
}

function inlineFiles(inst: Instruction): InlineFile[] {
  return inst.heredocs.map((h) => ({ name: h.name, data: h.body, chomp: h.chomp, expand: h.expand }));
}

/** One instruction (not FROM) as a typed command, or a CommandError with BuildKit's message. */
export function parseCommand(inst: Instruction, escape: string): Command {
  const keyword = inst.keyword.toUpperCase();
  const base: Base = { inst, code: inst.original.trim() };
  const flags = readFlags(keyword, inst.flags);
  const flag = (n: string) => flags.get(n)?.[0] ?? '';
  const args = inst.args.trim();
  const list = () => inst.json ?? splitWhitespace(args);
  switch (keyword) {
    case 'ENV':
    case 'LABEL':
      return { ...base, kind: keyword, pairs: keyValues(args, escape, keyword) };
    case 'MAINTAINER':
    case 'USER':
    case 'WORKDIR':
    case 'STOPSIGNAL':
      if (args === '') throw new CommandError(`${keyword} requires exactly one argument`);
      return { ...base, kind: keyword, value: args };
    case 'COPY':
    case 'ADD': {
      const words = list();
      if (words.length < 2) {
        throw new CommandError(`${keyword} requires at least two arguments, but only one was provided. Destination could not be determined`);
      }
      const dest = words[words.length - 1];
      if (heredocName(dest)) throw new CommandError(`${keyword} cannot accept a heredoc as a destination`);
      const files = new Map(inlineFiles(inst).map((f) => [f.name, f]));
      const sources: string[] = [];
      const contents: InlineFile[] = [];
      for (const w of words.slice(0, -1)) {
        const name = inst.json ? null : heredocName(w);
        if (name !== null) contents.push(files.get(name) ?? { name, data: '', chomp: false, expand: true });
        else sources.push(w);
      }
      return {
        ...base, kind: keyword, sources, contents, dest, from: flag('from'), chown: flag('chown'), chmod: flag('chmod'),
        link: flag('link') === 'true', checksum: flag('checksum'),
      };
    }
    case 'ONBUILD': {
      if (args === '') throw new CommandError('ONBUILD requires at least one argument');
      const trigger = args.split(WHITESPACE)[0].toUpperCase();
      if (trigger === 'ONBUILD') throw new CommandError('Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed');
      if (trigger === 'MAINTAINER' || trigger === 'FROM') throw new CommandError(`${trigger} isn't allowed as an ONBUILD trigger`);
      let expression = inst.original.replace(/^\s*ONBUILD\s*/i, '');
      for (const h of inst.heredocs) expression += '\n' + h.body + h.name;
      return { ...base, kind: 'ONBUILD', expression };
    }
    case 'RUN':
      return {
        ...base, kind: 'RUN', cmdLine: inst.json ?? (args === '' ? [] : [args]), files: inlineFiles(inst),
        prependShell: inst.json === null, mounts: flags.get('mount') ?? [], network: flag('network') || 'default',
        security: flag('security') || 'sandbox',
      };
    case 'CMD':
    case 'ENTRYPOINT': {
      const cmdLine = inst.json ?? (args === '' ? [] : [args]);
      return { ...base, kind: keyword, cmdLine: keyword === 'ENTRYPOINT' && cmdLine.length === 0 ? null : cmdLine, prependShell: inst.json === null };
    }
    case 'HEALTHCHECK':
      return { ...base, kind: 'HEALTHCHECK', ...healthcheck(args, flag) };
    case 'EXPOSE':
    case 'VOLUME': {
      const values = keyword === 'EXPOSE' ? splitWhitespace(args).sort() : list().map((v) => v.trim());
      if (values.length === 0) throw new CommandError(`${keyword} requires at least one argument`);
      if (keyword === 'VOLUME' && values.includes('')) throw new CommandError('VOLUME specified can not be an empty string');
      return { ...base, kind: keyword, values };
    }
    case 'ARG': {
      const words = splitQuotedWords(args, escape).map((w) => w.text);
      if (words.length === 0) throw new CommandError('ARG requires at least one argument');
      return {
        ...base, kind: 'ARG',
        args: words.map((w) => {
          const eq = w.indexOf('=');
          if (eq === 0) throw new CommandError('ARG names can not be blank');
          return eq < 0 ? { key: w } : { key: w.slice(0, eq), value: w.slice(eq + 1) };
        }),
      };
    }
    case 'SHELL':
      if (inst.json === null) {
        if (args === '') throw new CommandError('SHELL requires at least one argument');
        throw new CommandError(`SHELL requires the arguments to be in JSON form`);
      }
      if (inst.json.length === 0) throw new CommandError('SHELL requires at least one argument');
      return { ...base, kind: 'SHELL', shell: inst.json };
    default:
      throw new CommandError(`unknown instruction: ${inst.keywordText}`);
  }
}

function healthcheck(args: string, flag: (n: string) => string) {
  const sep = args.search(/\s/);
  const typ = (sep < 0 ? args : args.slice(0, sep)).toUpperCase();
  const rest = sep < 0 ? '' : args.slice(sep).trim();
  if (typ === '') throw new CommandError('HEALTHCHECK requires at least one argument');
  if (typ === 'NONE') {
    if (rest !== '') throw new CommandError('HEALTHCHECK NONE takes no arguments');
    return { test: ['NONE'], interval: 0, timeout: 0, startPeriod: 0, retries: 0 };
  }
  if (typ !== 'CMD') throw new CommandError(`Unknown type "${typ}" in HEALTHCHECK (try CMD)`);
  const json = parseJSONArray(rest);
  const cmd = json ?? (rest === '' ? [] : [rest]);
  if (cmd.length === 0) throw new CommandError('Missing command after HEALTHCHECK CMD');
  const interval = (name: string) => {
    const v = flag(name);
    if (v === '') return 0;
    const d = parseDuration(v);
    if (d === null) throw new CommandError(`time: invalid duration "${v}"`);
    if (d !== 0 && d < 1e6) throw new CommandError(`Interval "${name}" cannot be less than 1ms`);
    return d;
  };
  const retriesText = flag('retries');
  const retries = retriesText === '' ? 0 : Number.parseInt(retriesText, 10);
  if (Number.isNaN(retries)) throw new CommandError(`strconv.ParseInt: parsing "${retriesText}": invalid syntax`);
  if (retries < 0) throw new CommandError(`--retries cannot be negative (${retries})`);
  return {
    test: [json ? 'CMD' : 'CMD-SHELL', ...cmd], interval: interval('interval'), timeout: interval('timeout'),
    startPeriod: interval('start-period'), retries,
  };
}
