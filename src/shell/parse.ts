// Splits a RUN script into simple commands: one linear pass, no regexes, never throws (problems go to `errors`).
import { CLOSERS, SHELLS, basename, isBlank, isDigit, isMeta, isNameChar, isNameStart } from './chars.js';
import { commandWordIndex } from './query.js';
import type { Assignment, ShellScript, ShellWord, SimpleCommand } from './types.js';
import { unquoteWithMap } from './unquote.js';

type Joiner = SimpleCommand['joinedBy'];

/** Recursion budget; deeper input is reported, not followed, so the JS stack can never overflow. */
const MAX_NEST = 240;
/** Past this many errors the rest would be noise (and unbounded memory on garbage input). */
const MAX_ERRORS = 100;

interface PendingHeredoc {
  delim: string;
  strip: boolean;
  offset: number;
}

export function parseShell(source: string): ShellScript {
  const src = typeof source === 'string' ? source : String(source ?? '');
  const p = new Parser(src);
  try {
    p.parseTop();
  } catch (e) {
    // last-resort guard: the contract is "never throw", even on a bug here
    p.err(`internal error: ${e instanceof Error ? e.message : String(e)}`, p.pos, true);
  }
  return { source: src, commands: p.finish(), errors: p.errors };
}

class Parser {
  pos = 0;
  end: number;
  readonly commands: SimpleCommand[] = [];
  /** Substitution level of each command (parallel to `commands`): pipelines only mark their own level. */
  readonly levels: number[] = [];
  readonly errors: { message: string; offset: number }[] = [];
  level = 0;
  nest = 0;
  aborted = false;
  /** Reserved words closing some enclosing list, so an inner list returns instead of eating them. */
  active = new Map<string, number>();
  heredocs: PendingHeredoc[] = [];
  /** Joiner for the next command created; lets `a && (b)` give b '&&'. */
  nextJoiner: Joiner = null;

  constructor(readonly src: string) {
    this.end = src.length;
  }

  err(message: string, offset = this.pos, force = false): void {
    if (this.aborted && !force) return;
    if (this.errors.length < MAX_ERRORS) this.errors.push({ message, offset });
    else if (this.errors.length === MAX_ERRORS) this.errors.push({ message: 'too many errors', offset });
  }

  enter(): boolean {
    if (this.nest >= MAX_NEST) {
      this.err('nesting too deep; rest of input skipped');
      this.aborted = true;
      this.pos = this.end;
      return false;
    }
    this.nest++;
    return true;
  }

  parseTop(): void {
    this.parseList(0, []);
    this.flushHeredocsAtEnd();
  }

  finish(): SimpleCommand[] {
    const c = this.commands;
    for (let i = 1; i < c.length; i++) {
      // `sh -c` re-parses can append out of order; stable sort restores source order
      if (c[i].start < c[i - 1].start) return c.sort((a, b) => a.start - b.start);
    }
    return c;
  }

  // ---- lists -------------------------------------------------------------------------------

  /** Parses commands until EOF or one of `terms` (consumed and returned); null if stopped otherwise. */
  parseList(depth: number, terms: readonly string[]): string | null {
    if (!this.enter()) return null;
    for (const t of terms) this.active.set(t, (this.active.get(t) ?? 0) + 1);
    let op = null as Joiner; // `as`: TS cannot see the closure below assign it
    let afterCmd = false;
    let first = true;
    let pipeStart = this.commands.length;
    let pipeLen = 0;
    let result: string | null = null;
    const sep = (o: Exclude<Joiner, null>, len: number): void => {
      if (!afterCmd) this.err(`unexpected '${o}'`);
      else {
        op = o;
        afterCmd = false;
      }
      this.pos += len;
    };
    const finishPipe = (): void => {
      if (pipeLen === 0) return;
      for (let i = pipeStart; i < this.commands.length; i++) {
        if (this.levels[i] === this.level) this.commands[i].inPipeline = true;
      }
    };
    const src = this.src;
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.end) break;
      const c = src[this.pos];
      const n = this.pos + 1 < this.end ? src[this.pos + 1] : '';
      if (c === '#') { this.skipComment(); continue; }
      if (c === '\n') {
        this.newline();
        if (afterCmd) { op = '\n'; afterCmd = false; }
        continue;
      }
      if (c === ';') {
        if (n === ';' || n === '&') {
          const len = n === ';' && this.pos + 2 < this.end && src[this.pos + 2] === '&' ? 3 : 2;
          if (terms.includes(';;')) { this.pos += len; result = ';;'; break; }
          if (this.active.has(';;')) break;
          this.err(`unexpected '${src.slice(this.pos, this.pos + len)}'`);
          this.pos += len;
          continue;
        }
        sep(';', 1);
        continue;
      }
      if (c === '&' && n !== '>') { if (n === '&') sep('&&', 2); else sep('&', 1); continue; }
      if (c === '|') {
        if (n === '|') sep('||', 2);
        else sep('|', n === '&' ? 2 : 1);
        continue;
      }
      if (c === ')') {
        if (terms.includes(')')) { this.pos++; result = ')'; break; }
        if (this.active.has(')')) break;
        this.err("unexpected ')'");
        this.pos++;
        continue;
      }
      const kw = this.peekWord();
      if (kw !== null && CLOSERS.has(kw)) {
        if (terms.includes(kw)) { this.pos += kw.length; result = kw; break; }
        if (this.active.has(kw)) break;
        this.err(`unexpected '${kw}'`);
        this.pos += kw.length;
        continue;
      }
      if (afterCmd) this.err('expected an operator or newline between commands');
      if (op === '|') pipeLen++;
      else {
        finishPipe();
        pipeStart = this.commands.length;
        pipeLen = 0;
      }
      if (!first) this.nextJoiner = op;
      const before = this.pos;
      this.parseCommand(depth);
      first = false;
      afterCmd = true;
      op = null;
      if (this.pos === before) {
        this.err(`unexpected '${src[this.pos]}'`);
        this.pos++;
      }
    }
    finishPipe();
    if (!afterCmd && (op === '&&' || op === '||' || op === '|') && !this.aborted) {
      this.err(`expected a command after '${op}'`);
    }
    for (const t of terms) {
      const k = (this.active.get(t) ?? 1) - 1;
      if (k === 0) this.active.delete(t);
      else this.active.set(t, k);
    }
    this.nest--;
    return result;
  }

  /** One command: compound (if/for/while/until/case/{ }/( )/(( ))/function) or simple. */
  parseCommand(depth: number): void {
    if (!this.enter()) return;
    let kw = this.peekWord();
    while (kw === '!') {
      this.pos++;
      this.skipBlanks();
      kw = this.peekWord();
    }
    const src = this.src;
    if (kw === 'if') this.parseIf(depth);
    else if (kw === 'while' || kw === 'until') this.parseLoop(depth, kw.length);
    else if (kw === 'for' || kw === 'select') this.parseFor(depth, kw.length);
    else if (kw === 'case') this.parseCase(depth);
    else if (kw === 'function') this.parseFunction(depth);
    else if (kw === '{') {
      this.pos++;
      if (this.parseList(depth + 1, ['}']) !== '}') this.err("expected '}'");
      this.trailingRedirects(depth);
    } else if (this.pos < this.end && src[this.pos] === '(') {
      if (this.pos + 1 < this.end && src[this.pos + 1] === '(') {
        this.pos += 2;
        this.skipArith(depth); // `(( i++ ))` is arithmetic, not a command
      } else {
        this.pos++;
        if (this.parseList(depth + 1, [')']) !== ')') this.err("expected ')'");
      }
      this.trailingRedirects(depth);
    } else if (kw === null || !CLOSERS.has(kw)) this.parseSimple(depth);
    this.nest--;
  }

  parseIf(depth: number): void {
    this.pos += 2;
    if (this.parseList(depth + 1, ['then']) !== 'then') return this.err("expected 'then'");
    for (;;) {
      const r = this.parseList(depth + 1, ['elif', 'else', 'fi']);
      if (r === 'fi') break;
      if (r === 'elif') {
        if (this.parseList(depth + 1, ['then']) !== 'then') return this.err("expected 'then'");
        continue;
      }
      if (r === 'else' && this.parseList(depth + 1, ['fi']) === 'fi') break;
      return this.err("expected 'fi'");
    }
    this.trailingRedirects(depth);
  }

  parseLoop(depth: number, kwLen: number): void {
    this.pos += kwLen;
    if (this.parseList(depth + 1, ['do']) !== 'do') return this.err("expected 'do'");
    this.parseDoBody(depth);
  }

  parseDoBody(depth: number): void {
    if (this.parseList(depth + 1, ['done']) !== 'done') return this.err("expected 'done'");
    this.trailingRedirects(depth);
  }

  /** `for x in words; do …; done`: the word list is not a command, but its $(…) are. */
  parseFor(depth: number, kwLen: number): void {
    const src = this.src;
    this.pos += kwLen;
    this.skipBlanks();
    if (src.startsWith('((', this.pos)) {
      this.pos += 2;
      this.skipArith(depth);
    } else if (this.pos < this.end && !isMeta(src[this.pos])) this.scanWord(depth);
    this.skipLinebreaks();
    if (this.peekWord() === 'in') {
      this.pos += 2;
      for (;;) {
        this.skipBlanks();
        if (this.pos >= this.end) break;
        const c = src[this.pos];
        if (c === ';' || c === '\n') break;
        if (c === '#') { this.skipComment(); continue; }
        if (isMeta(c)) { this.err(`unexpected '${c}' in for list`); break; }
        this.scanWord(depth);
      }
    }
    if (this.pos < this.end && src[this.pos] === ';') this.pos++;
    this.skipLinebreaks();
    if (this.peekWord() !== 'do') return this.err("expected 'do'");
    this.pos += 2;
    this.parseDoBody(depth);
  }

  /** `case w in pat|pat) list ;; … esac`: patterns are words, bodies are lists. */
  parseCase(depth: number): void {
    const src = this.src;
    const joiner = this.nextJoiner; // every arm is an alternative, so each inherits the case's joiner
    this.pos += 4;
    this.skipBlanks();
    if (this.pos < this.end && !isMeta(src[this.pos])) this.scanWord(depth);
    this.skipLinebreaks();
    if (this.peekWord() !== 'in') return this.err("expected 'in'");
    this.pos += 2;
    for (;;) {
      this.skipLinebreaks();
      if (this.pos >= this.end) return this.err("expected 'esac'");
      if (this.peekWord() === 'esac') { this.pos += 4; break; }
      if (src[this.pos] === '(') this.pos++;
      for (;;) {
        this.skipBlanks();
        if (this.pos >= this.end) return this.err("expected ')' after case pattern");
        const c = src[this.pos];
        if (c === ')') { this.pos++; break; }
        if (c === '|') { this.pos++; continue; }
        if (isMeta(c)) return this.err("expected ')' after case pattern");
        this.scanWord(depth);
      }
      this.nextJoiner = joiner;
      const r = this.parseList(depth + 1, [';;', 'esac']);
      if (r === 'esac') break;
      if (r !== ';;') return this.err("expected 'esac'");
    }
    this.trailingRedirects(depth);
  }

  /** `function name [()] body`: the definition is not a command; its body's commands are. */
  parseFunction(depth: number): void {
    this.pos += 8;
    this.skipBlanks();
    if (this.pos < this.end && !isMeta(this.src[this.pos])) this.scanWord(depth);
    this.skipBlanks();
    const close = this.emptyParens();
    if (close >= 0) this.pos = close;
    this.skipLinebreaks();
    this.parseCommand(depth);
  }

  /** If `(` `)` (blanks allowed) is at pos, the offset after `)`; else -1. */
  emptyParens(): number {
    const src = this.src;
    if (this.pos >= this.end || src[this.pos] !== '(') return -1;
    let j = this.pos + 1;
    while (j < this.end && isBlank(src[j])) j++;
    return j < this.end && src[j] === ')' ? j + 1 : -1;
  }

  // ---- simple commands ---------------------------------------------------------------------

  parseSimple(depth: number): void {
    const src = this.src;
    const cmd: SimpleCommand = {
      assignments: [], words: [], start: this.pos, end: this.pos,
      joinedBy: this.nextJoiner, inPipeline: false, depth,
    };
    this.nextJoiner = null;
    // pushed before its words so $(…) inside them land after it, in source order
    const idx = this.commands.length;
    this.commands.push(cmd);
    this.levels.push(this.level);
    let tokens = 0;
    let inCond = false; // inside [[ … ]] operators are just words
    while (this.pos < this.end) {
      this.skipBlanks();
      if (this.pos >= this.end) break;
      const c = src[this.pos];
      if (c === '#') { this.skipComment(); continue; }
      if (inCond && (c === '\n' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')')) {
        if (c === '\n') { this.newline(); continue; }
        const len = (c === '&' || c === '|') && src[this.pos + 1] === c ? 2 : 1;
        const s = this.pos;
        this.pos += len;
        const op = src.slice(s, this.pos);
        cmd.words.push({ value: op, raw: op, start: s, end: this.pos, quoted: false });
        cmd.end = this.pos;
        continue;
      }
      const rlen = this.redirectAt(this.pos);
      if (rlen > 0) {
        if (tokens++ === 0) cmd.start = this.pos;
        this.parseRedirect(depth, rlen);
        cmd.end = this.pos;
        continue;
      }
      if (c === '(' && cmd.words.length === 1 && cmd.assignments.length === 0) {
        const close = this.emptyParens();
        if (close >= 0) {
          // `name() body`: a function definition, not a command
          this.commands.splice(idx, 1);
          this.levels.splice(idx, 1);
          this.pos = close;
          this.skipLinebreaks();
          this.parseCommand(depth);
          return;
        }
      }
      const procSub = (c === '<' || c === '>') && this.pos + 1 < this.end && src[this.pos + 1] === '(';
      if (isMeta(c) && !procSub) break;
      const w = this.scanWord(depth);
      if (tokens++ === 0) cmd.start = w.start;
      cmd.end = w.end;
      if (cmd.words.length === 0) {
        const a = asAssignment(w);
        if (a !== null) { cmd.assignments.push(a); continue; }
      }
      cmd.words.push(w);
      if (inCond && w.raw === ']]') inCond = false;
      else if (cmd.words.length === 1 && w.raw === '[[') inCond = true;
    }
    if (inCond) this.err("expected ']]'");
    if (tokens === 0) {
      const at = this.commands.indexOf(cmd, idx);
      if (at >= 0) { this.commands.splice(at, 1); this.levels.splice(at, 1); }
      return;
    }
    this.expandShellC(cmd, idx);
  }

  /** `sh -c '…'`: also split the script argument, one level deeper, with offsets into it. */
  expandShellC(cmd: SimpleCommand, idx: number): void {
    const ci = commandWordIndex(cmd);
    if (ci < 0 || !SHELLS.has(basename(cmd.words[ci].value))) return;
    const words = cmd.words;
    let k = ci + 1;
    let hasC = false;
    for (; k < words.length; k++) {
      const v = words[k].value;
      if (v === '--' || v === '-') { k++; break; }
      if (v.length < 2 || (v[0] !== '-' && v[0] !== '+')) break;
      if (v.startsWith('--')) continue; // --login, --noprofile
      if (v[0] === '-' && v.includes('c')) hasC = true;
      if (v.endsWith('o')) k++; // -o pipefail
    }
    if (!hasC || k >= words.length) return;
    const w = words[k];
    // drop what the outer scan found inside the argument: the re-parse finds it again, one level deeper
    for (let i = this.commands.length - 1; i > idx; i--) {
      const s = this.commands[i].start;
      if (s >= w.start && s < w.end) { this.commands.splice(i, 1); this.levels.splice(i, 1); }
    }
    const raw = w.raw;
    const q = raw[0];
    if (raw.length >= 2 && (q === "'" || q === '"') && raw[raw.length - 1] === q && w.value === raw.slice(1, -1)) {
      this.parseRegion(w.start + 1, w.end - 1, cmd.depth + 1);
    } else if (!w.quoted && w.value === raw) {
      this.parseRegion(w.start, w.end, cmd.depth + 1);
    } else {
      this.parseMapped(w, cmd.depth + 1);
    }
  }

  /** Parses `[from, to)` of this source as a self-contained script (backticks, `sh -c '…'`). */
  parseRegion(from: number, to: number, depth: number): void {
    const saved = { pos: this.pos, end: this.end, active: this.active, nj: this.nextJoiner, hd: this.heredocs };
    this.pos = from;
    this.end = to;
    this.active = new Map();
    this.nextJoiner = null;
    this.heredocs = [];
    this.level++;
    this.parseList(depth, []);
    this.flushHeredocsAtEnd();
    this.level--;
    this.pos = saved.pos;
    this.end = saved.end;
    this.active = saved.active;
    this.nextJoiner = saved.nj;
    this.heredocs = saved.hd;
  }

  /** An argument with escapes inside quotes: parse its unquoted text, then map offsets back to the word. */
  parseMapped(w: ShellWord, depth: number): void {
    const m = unquoteWithMap(w.raw);
    const exact = m.value === w.value;
    const child = new Parser(w.value);
    child.nest = this.nest + 1;
    child.parseList(depth, []);
    child.flushHeredocsAtEnd();
    const len = w.value.length;
    const at = (i: number, endSide: boolean): number => {
      if (!exact || len === 0) return endSide ? w.end : w.start;
      if (endSide) return w.start + (i <= 0 ? m.from[0] : m.to[Math.min(i, len) - 1]);
      return w.start + (i >= len ? m.to[len - 1] : m.from[i]);
    };
    const remapWord = (x: ShellWord): ShellWord => {
      const start = at(x.start, false);
      const end = Math.max(start, at(x.end, true));
      return { value: x.value, raw: this.src.slice(start, end), start, end, quoted: x.quoted };
    };
    for (const c of child.commands) {
      const start = at(c.start, false);
      this.commands.push({
        ...c,
        assignments: c.assignments.map((a) => ({ ...a, start: at(a.start, false), end: at(a.end, true) })),
        words: c.words.map(remapWord),
        start,
        end: Math.max(start, at(c.end, true)),
      });
      this.levels.push(this.level + 1);
    }
    for (const e of child.errors) this.err(e.message, at(e.offset, false));
    if (child.aborted) this.aborted = true;
  }

  trailingRedirects(depth: number): void {
    for (;;) {
      this.skipBlanks();
      const len = this.redirectAt(this.pos);
      if (len === 0) return;
      this.parseRedirect(depth, len);
    }
  }

  /** Length of the redirection operator at i (with its fd number), or 0. */
  redirectAt(i: number): number {
    const src = this.src;
    const end = this.end;
    let j = i;
    while (j < end && isDigit(src[j])) j++;
    if (j >= end) return 0;
    const c = src[j];
    const n = j + 1 < end ? src[j + 1] : '';
    const n2 = j + 2 < end ? src[j + 2] : '';
    if (c === '&' && j === i) return n === '>' ? (n2 === '>' ? 3 : 2) : 0;
    if (c === '<') {
      if (n === '(' && j === i) return 0; // <(…) process substitution is a word
      if (n === '<') return j - i + (n2 === '<' || n2 === '-' ? 3 : 2);
      return j - i + (n === '&' || n === '>' ? 2 : 1);
    }
    if (c === '>') {
      if (n === '(' && j === i) return 0;
      return j - i + (n === '>' || n === '&' || n === '|' ? 2 : 1);
    }
    return 0;
  }

  /** Skips a redirection and its target (not words of the command); `<<` queues a heredoc body. */
  parseRedirect(depth: number, len: number): void {
    const src = this.src;
    const opStart = this.pos;
    this.pos += len;
    const op = src.slice(opStart, this.pos);
    this.skipBlanks();
    const c = this.pos < this.end ? src[this.pos] : '';
    const procSub = (c === '<' || c === '>') && this.pos + 1 < this.end && src[this.pos + 1] === '(';
    if (c === '' || (isMeta(c) && !procSub)) return this.err(`missing target for '${op}'`, opStart);
    const w = this.scanWord(depth);
    if ((op.endsWith('<<') && !op.endsWith('<<<')) || op.endsWith('<<-')) {
      this.heredocs.push({ delim: w.value, strip: op.endsWith('-'), offset: opStart });
    }
  }

  // ---- words -------------------------------------------------------------------------------

  scanWord(depth: number): ShellWord {
    const src = this.src;
    const start = this.pos;
    let value = '';
    let quoted = false;
    let lit = this.pos; // start of the pending literal run
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (c === '\\') {
        value += src.slice(lit, this.pos);
        if (this.pos + 1 >= this.end) {
          value += '\\';
          this.pos++;
        } else {
          const n = src[this.pos + 1];
          if (n === '\n') this.pos += 2; // line continuation joins
          else if (n === '\r' && this.pos + 2 < this.end && src[this.pos + 2] === '\n') this.pos += 3;
          else {
            value += n;
            quoted = true;
            this.pos += 2;
          }
        }
        lit = this.pos;
      } else if (c === "'") {
        value += src.slice(lit, this.pos);
        quoted = true;
        const s = this.pos;
        const close = this.find("'", s + 1);
        if (close < 0) {
          this.err('unterminated single quote', s);
          value += src.slice(s + 1, this.end);
          this.pos = this.end;
        } else {
          value += src.slice(s + 1, close);
          this.pos = close + 1;
        }
        lit = this.pos;
      } else if (c === '"') {
        value += src.slice(lit, this.pos);
        quoted = true;
        value += this.scanDouble(depth);
        lit = this.pos;
      } else if (c === '$') {
        const n = this.pos + 1 < this.end ? src[this.pos + 1] : '';
        if (n === "'" || n === '"') {
          value += src.slice(lit, this.pos);
          quoted = true;
          this.pos++;
          value += n === "'" ? this.scanAnsi() : this.scanDouble(depth);
          lit = this.pos;
        } else this.scanDollar(depth, false); // kept literally: stays in the run
      } else if (c === '`') {
        this.scanBacktick(depth);
      } else if ((c === '<' || c === '>') && this.pos === start && src[this.pos + 1] === '(' && this.pos + 1 < this.end) {
        // <(…) / >(…) process substitution: a word whose inside is a script
        this.pos += 2;
        this.substList(depth, start);
      } else if (c === '(' && this.pos > start && this.opensGroupInWord(start)) {
        this.skipParens(depth);
      } else if (isMeta(c)) {
        break;
      } else this.pos++;
    }
    value += src.slice(lit, this.pos);
    return { value, raw: src.slice(start, this.pos), start, end: this.pos, quoted };
  }

  /** `a=(1 2)` arrays and `@(x|y)` extglobs keep their parentheses inside the word. */
  opensGroupInWord(start: number): boolean {
    const src = this.src;
    const prev = src[this.pos - 1];
    if (prev === '@' || prev === '!' || prev === '+' || prev === '*' || prev === '?') return true;
    if (prev !== '=') return false;
    let j = start;
    if (!isNameStart(src[j])) return false;
    while (isNameChar(src[j])) j++;
    if (src[j] === '+') j++;
    return j === this.pos - 1;
  }

  /** Skips balanced parentheses inside a word (quotes and substitutions honoured). */
  skipParens(depth: number): void {
    const src = this.src;
    const open = this.pos;
    let d = 0;
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (c === '(') { d++; this.pos++; }
      else if (c === ')') { this.pos++; if (--d === 0) return; }
      else if (c === '\\') this.pos = Math.min(this.end, this.pos + 2);
      else if (c === "'") this.skipSingle();
      else if (c === '"') this.scanDouble(depth);
      else if (c === '$') this.scanDollar(depth, false);
      else if (c === '`') this.scanBacktick(depth);
      else this.pos++;
    }
    this.err("unterminated '('", open);
  }

  /** Index of ch at or after i, before `end`; -1 if absent. */
  find(ch: string, i: number): number {
    const src = this.src;
    for (; i < this.end; i++) if (src[i] === ch) return i;
    return -1;
  }

  skipSingle(): void {
    const close = this.find("'", this.pos + 1);
    if (close < 0) {
      this.err('unterminated single quote');
      this.pos = this.end;
    } else this.pos = close + 1;
  }

  /** At `"`: returns the unquoted content; `$…` and backticks inside are kept literally (and parsed). */
  scanDouble(depth: number): string {
    const src = this.src;
    const open = this.pos;
    this.pos++;
    let value = '';
    let lit = this.pos;
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (c === '"') {
        value += src.slice(lit, this.pos);
        this.pos++;
        return value;
      }
      if (c === '\\') {
        const n = this.pos + 1 < this.end ? src[this.pos + 1] : '';
        if (n === '$' || n === '`' || n === '"' || n === '\\' || n === '\n') {
          value += src.slice(lit, this.pos) + (n === '\n' ? '' : n);
          this.pos += 2;
          lit = this.pos;
        } else this.pos += n === '' ? 1 : 2; // other backslashes are literal inside "…"
      } else if (c === '$') this.scanDollar(depth, true);
      else if (c === '`') this.scanBacktick(depth);
      else this.pos++;
    }
    this.err('unterminated double quote', open);
    return value + src.slice(lit, this.pos);
  }

  /** At `'` after `$`: ANSI-C string, common escapes decoded. */
  scanAnsi(): string {
    const src = this.src;
    const open = this.pos;
    this.pos++;
    let value = '';
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (c === "'") { this.pos++; return value; }
      if (c === '\\' && this.pos + 1 < this.end) {
        const n = src[this.pos + 1];
        const map: Record<string, string> = { n: '\n', t: '\t', r: '\r', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v' };
        value += map[n] ?? (n === '\\' || n === "'" || n === '"' || n === '?' ? n : '\\' + n);
        this.pos += 2;
      } else {
        value += c;
        this.pos++;
      }
    }
    this.err('unterminated $\'…\' string', open);
    return value;
  }

  /** At `$`: `$(…)`, `$((…))`, `${…}` are skipped with their inner commands parsed; else just the `$`. */
  scanDollar(depth: number, inDouble: boolean): void {
    const src = this.src;
    const n = this.pos + 1 < this.end ? src[this.pos + 1] : '';
    if (n !== '(' && n !== '{') { this.pos++; return; }
    if (!this.enter()) return;
    const open = this.pos;
    if (n === '(' && this.pos + 2 < this.end && src[this.pos + 2] === '(') {
      this.pos += 3;
      this.skipArith(depth);
    } else if (n === '(') {
      this.pos += 2;
      this.substList(depth, open);
    } else {
      this.pos += 2;
      this.scanBrace(depth, inDouble, open);
    }
    this.nest--;
  }

  /** After `$(` (or `<(`): a nested script up to the matching `)`, one level deeper. */
  substList(depth: number, open: number): void {
    const saved = { active: this.active, nj: this.nextJoiner };
    this.active = new Map();
    this.nextJoiner = null;
    this.level++;
    if (this.parseList(depth + 1, [')']) !== ')') this.err("unterminated '$('", open);
    this.level--;
    this.active = saved.active;
    this.nextJoiner = saved.nj;
  }

  /** After `${`: up to the first unquoted `}`; nested `${`/`$(` are handled by recursion. */
  scanBrace(depth: number, inDouble: boolean, open: number): void {
    const src = this.src;
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (c === '}') { this.pos++; return; }
      if (c === '\\') this.pos = Math.min(this.end, this.pos + 2);
      else if (c === "'" && !inDouble) this.skipSingle();
      else if (c === '"') this.scanDouble(depth);
      else if (c === '$') this.scanDollar(depth, inDouble);
      else if (c === '`') this.scanBacktick(depth);
      else this.pos++;
    }
    this.err("unterminated '${'", open);
  }

  /** After `((` or `$((`: up to the matching `))`; `$(…)` inside still yields commands. */
  skipArith(depth: number): void {
    const src = this.src;
    const open = this.pos;
    let d = 0;
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (c === '(') { d++; this.pos++; }
      else if (c === ')') {
        this.pos++;
        if (d > 0) { d--; continue; }
        if (this.pos < this.end && src[this.pos] === ')') this.pos++;
        return;
      } else if (c === '\\') this.pos = Math.min(this.end, this.pos + 2);
      else if (c === "'") this.skipSingle();
      else if (c === '"') this.scanDouble(depth);
      else if (c === '$') this.scanDollar(depth, false);
      else if (c === '`') this.scanBacktick(depth);
      else this.pos++;
    }
    this.err("unterminated '(('", open);
  }

  /** At a backquote: find the closing one, then parse what is between as a nested script. */
  scanBacktick(depth: number): void {
    const src = this.src;
    const open = this.pos;
    let j = open + 1;
    while (j < this.end && src[j] !== '`') j += src[j] === '\\' ? 2 : 1;
    let close = Math.min(j, this.end);
    if (close >= this.end) {
      this.err('unterminated backquote', open);
      close = this.end;
    }
    if (!this.enter()) return;
    this.parseRegion(open + 1, close, depth + 1);
    this.nest--;
    this.pos = close < this.end ? close + 1 : this.end;
  }

  // ---- blanks, comments, newlines, heredocs -------------------------------------------------

  /** Blanks and `\`-newline continuations. */
  skipBlanks(): void {
    const src = this.src;
    while (this.pos < this.end) {
      const c = src[this.pos];
      if (isBlank(c)) this.pos++;
      else if (c === '\\' && this.pos + 1 < this.end && src[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '\\' && this.pos + 2 < this.end && src[this.pos + 1] === '\r' && src[this.pos + 2] === '\n') this.pos += 3;
      else return;
    }
  }

  skipComment(): void {
    const src = this.src;
    while (this.pos < this.end && src[this.pos] !== '\n') this.pos++;
  }

  /** Blanks, comments and newlines (where a list may continue on the next line). */
  skipLinebreaks(): void {
    for (;;) {
      this.skipBlanks();
      if (this.pos >= this.end) return;
      const c = this.src[this.pos];
      if (c === '#') this.skipComment();
      else if (c === '\n') this.newline();
      else return;
    }
  }

  /** Consumes a newline token; queued heredoc bodies start right after it and are skipped whole. */
  newline(): void {
    this.pos++;
    if (this.heredocs.length === 0) return;
    const queued = this.heredocs;
    this.heredocs = [];
    for (const h of queued) this.skipHeredoc(h);
  }

  skipHeredoc(h: PendingHeredoc): void {
    const src = this.src;
    while (this.pos < this.end) {
      let eol = this.pos;
      while (eol < this.end && src[eol] !== '\n') eol++;
      let ls = this.pos;
      if (h.strip) while (ls < eol && src[ls] === '\t') ls++;
      const le = eol > ls && src[eol - 1] === '\r' ? eol - 1 : eol;
      this.pos = eol < this.end ? eol + 1 : this.end;
      if (le - ls === h.delim.length && src.startsWith(h.delim, ls)) return;
    }
    this.err(`unterminated heredoc (expected '${h.delim}')`, h.offset);
  }

  flushHeredocsAtEnd(): void {
    for (const h of this.heredocs) this.err(`unterminated heredoc (expected '${h.delim}')`, h.offset);
    this.heredocs = [];
  }

  /** The plain literal word at pos (for reserved-word checks), or null if quoted, long or absent. */
  peekWord(): string | null {
    const src = this.src;
    let j = this.pos;
    const stop = Math.min(this.end, this.pos + 10);
    while (j < stop) {
      const c = src[j];
      if (isMeta(c)) break;
      if (c === '"' || c === "'" || c === '\\' || c === '$' || c === '`') return null;
      j++;
    }
    if (j === this.pos || (j < this.end && !isMeta(src[j]))) return null;
    return src.slice(this.pos, j);
  }
}

/** `NAME=value` / `NAME+=value` with an unquoted name; the value is the unquoted rest. */
function asAssignment(w: ShellWord): Assignment | null {
  const raw = w.raw;
  if (!isNameStart(raw[0])) return null;
  let i = 1;
  while (i < raw.length && isNameChar(raw[i])) i++;
  const eq = raw[i] === '+' && raw[i + 1] === '=' ? 2 : raw[i] === '=' ? 1 : 0;
  if (eq === 0) return null;
  return { name: raw.slice(0, i), value: w.value.slice(i + eq), start: w.start, end: w.end };
}
