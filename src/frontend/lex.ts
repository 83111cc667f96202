// Word expansion exactly as BuildKit v0.11.6's shell.Lex does it (frontend/dockerfile/shell/lex.go):
// the frontend's digests depend on every quirk, e.g. `${A/x/y}` and `${A#p}` are errors in v0.11.

import { goQuote } from '../llb/dump.js';
export interface LexOptions {
  escape?: string;
  /** Keep quote characters in the result (customnames). */
  rawQuotes?: boolean;
  /** Keep escape characters in the result. */
  rawEscapes?: boolean;
  /** Treat quotes as plain characters (heredoc bodies). */
  skipProcessQuotes?: boolean;
  /** Leave `$UNSET` as written instead of expanding it to "". */
  skipUnsetEnv?: boolean;
}

/** A lexer error; `message` is BuildKit's wording ("failed to process …: …"). */
export class LexError extends Error {}

const isSpace = (c: string) => /\s/u.test(c);
const isDigit = (c: string) => /\p{Nd}/u.test(c);
const isLetter = (c: string) => /\p{L}/u.test(c);
const SPECIAL = new Set(['@', '*', '#', '?', '-', '$', '!', '0']);

class Words {
  word = '';
  words: string[] = [];
  inWord = false;
  addChar(ch: string) {
    if (isSpace(ch) && this.inWord) {
      if (this.word.length !== 0) {
        this.words.push(this.word);
        this.word = '';
        this.inWord = false;
      }
    } else if (!isSpace(ch)) this.addRawChar(ch);
  }
  addRawChar(ch: string) {
    this.word += ch;
    this.inWord = true;
  }
  addString(s: string) {
    for (const ch of s) this.addChar(ch);
  }
  addRawString(s: string) {
    this.word += s;
    this.inWord = true;
  }
  get(): string[] {
    if (this.word.length > 0) {
      this.words.push(this.word);
      this.word = '';
      this.inWord = false;
    }
    return this.words;
  }
}

class ShellWord {
  private readonly chars: string[];
  private pos = 0;
  private readonly esc: string;

  constructor(
    source: string,
    private readonly env: ReadonlyMap<string, string>,
    private readonly o: LexOptions,
  ) {
    this.chars = [...source];
    this.esc = o.escape ?? '\\';
  }

  private peek(): string | undefined {
    return this.chars[this.pos];
  }
  private next(): string | undefined {
    return this.chars[this.pos++];
  }

  processStopOn(stop: string | undefined): [string, string[]] {
    let result = '';
    const words = new Words();
    while (this.peek() !== undefined) {
      const ch = this.peek()!;
      if (stop !== undefined && ch === stop) {
        this.next();
        return [result, words.get()];
      }
      if (ch === '$' || (!this.o.skipProcessQuotes && (ch === "'" || ch === '"'))) {
        const tmp = ch === '$' ? this.processDollar() : ch === "'" ? this.processSingleQuote() : this.processDoubleQuote();
        result += tmp;
        if (ch === '$') words.addString(tmp);
        else words.addRawString(tmp);
        continue;
      }
      let c = this.next()!;
      if (c === this.esc) {
        if (this.o.rawEscapes) {
          words.addRawChar(c);
          result += c;
        }
        const n = this.next();
        if (n === undefined) break;
        c = n;
        words.addRawChar(c);
      } else words.addChar(c);
      result += c;
    }
    if (stop !== undefined) throw new LexError(`unexpected end of statement while looking for matching ${stop}`);
    return [result, words.get()];
  }

  private processSingleQuote(): string {
    let result = '';
    let ch = this.next()!;
    if (this.o.rawQuotes) result += ch;
    for (;;) {
      ch = this.next()!;
      if (ch === undefined) throw new LexError('unexpected end of statement while looking for matching single-quote');
      if (ch === "'") {
        if (this.o.rawQuotes) result += ch;
        return result;
      }
      result += ch;
    }
  }

  private processDoubleQuote(): string {
    let result = '';
    const open = this.next()!;
    if (this.o.rawQuotes) result += open;
    for (;;) {
      const p = this.peek();
      if (p === undefined) throw new LexError('unexpected end of statement while looking for matching double-quote');
      if (p === '"') {
        const ch = this.next()!;
        if (this.o.rawQuotes) result += ch;
        return result;
      }
      if (p === '$') {
        result += this.processDollar();
        continue;
      }
      let ch = this.next()!;
      if (ch === this.esc) {
        if (this.o.rawEscapes) result += ch;
        const n = this.peek();
        if (n === undefined) continue;
        if (n === '"' || n === '$' || n === this.esc) ch = this.next()!;
      }
      result += ch;
    }
  }

  private processDollar(): string {
    this.next();
    if (this.peek() !== '{') {
      const name = this.processName();
      if (name === '') return '$';
      const v = this.env.get(name);
      if (v === undefined && this.o.skipUnsetEnv) return '$' + name;
      return v ?? '';
    }
    this.next();
    const first = this.peek();
    if (first === undefined) throw new LexError("syntax error: missing '}'");
    if (first === '{' || first === '}' || first === ':') throw new LexError('syntax error: bad substitution');
    const name = this.processName();
    const ch = this.next();
    const value = this.env.get(name);
    const found = value !== undefined;
    if (ch === '}') {
      if (!found && this.o.skipUnsetEnv) return '${' + name + '}';
      return value ?? '';
    }
    if (ch === '?') {
      const word = this.wordUntilBrace();
      if (!found) {
        if (this.o.skipUnsetEnv) return '${' + name + '?' + word + '}';
        throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
      }
      return value;
    }
    if (ch === ':') {
      const modifier = this.next() ?? '';
      const word = this.wordUntilBrace();
      const skipped = '${' + name + ':' + modifier + word + '}';
      switch (modifier) {
        case '+':
          if (!found && this.o.skipUnsetEnv) return skipped;
          return value ? word : value ?? '';
        case '-':
          if (!found && this.o.skipUnsetEnv) return skipped;
          return value ? value : word;
        case '?':
          if (!found) {
            if (this.o.skipUnsetEnv) return skipped;
            throw new LexError(`${name}: ${word || 'is not allowed to be unset'}`);
          }
          if (value === '') throw new LexError(`${name}: ${word || 'is not allowed to be empty'}`);
          return value;
        default:
          throw new LexError(`unsupported modifier (${modifier}) in substitution`);
      }
    }
    throw new LexError("missing ':' in substitution");
  }

  private wordUntilBrace(): string {
    try {
      return this.processStopOn('}')[0];
    } catch (e) {
      if (this.peek() === undefined) throw new LexError("syntax error: missing '}'");
      throw e;
    }
  }

  private processName(): string {
    let name = '';
    while (this.peek() !== undefined) {
      const ch = this.peek()!;
      if (name.length === 0 && isDigit(ch)) {
        while (this.peek() !== undefined && isDigit(this.peek()!)) name += this.next();
        return name;
      }
      if (name.length === 0 && SPECIAL.has(ch)) return this.next()!;
      if (!isLetter(ch) && !isDigit(ch) && ch !== '_') break;
      name += this.next();
    }
    return name;
  }
}

function run(word: string, env: ReadonlyMap<string, string>, o: LexOptions): [string, string[]] {
  try {
    return new ShellWord(word, env, o).processStopOn(undefined);
  } catch (e) {
    if (e instanceof LexError) throw new LexError(`failed to process ${goQuote(word)}: ${e.message}`);
    throw e;
  }
}

/** ProcessWord: one word, quotes removed (unless rawQuotes), variables expanded. */
export function processWord(word: string, env: ReadonlyMap<string, string>, o: LexOptions = {}): string {
  return run(word, env, o)[0];
}

/** ProcessWords: like processWord, then split on unquoted whitespace. */
export function processWords(word: string, env: ReadonlyMap<string, string>, o: LexOptions = {}): string[] {
  return run(word, env, o)[1];
}

/** Go's %q for the strings BuildKit quotes in messages and history (one implementation, in the LLB layer). */
export { goQuote };
