// dockerfile-ast's parser without the typed instruction objects it builds for every instruction (twice for
// RUN/COPY/ADD, each computing its arguments eagerly): parseDockerfile reads only each instruction's keyword and
// ranges, so a light record stands in for it. Splitting, comments, directives and heredoc skipping are
// dockerfile-ast's own code, unchanged; this is most of the parse time saved.
import { Parser } from 'dockerfile-ast/lib/parser.js';
import type { Dockerfile } from 'dockerfile-ast/lib/dockerfile.js';
import type { Instruction } from 'dockerfile-ast/lib/instruction.js';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Range } from 'vscode-languageserver-types';

/** The parts of dockerfile-ast's Parser (0.7.x, lib/parser.js) this file overrides or reads; private in its typings. */
interface ParserInternals {
  document: TextDocument;
  buffer: string;
  escapeChar: string;
  parse(buffer: string): Dockerfile;
  createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): Instruction | LightInstruction;
  processHeredocs(instruction: Instruction | LightInstruction, offset: number): number;
}

/** What parseDockerfile (and dockerfile-ast's Dockerfile bookkeeping) asks of an instruction; the rest on demand. */
export class LightInstruction {
  private readonly range: Range;
  private readonly instructionRange: Range;
  constructor(
    private readonly document: TextDocument, private readonly dockerfile: Dockerfile, private readonly escapeChar: string,
    private readonly instruction: string, readonly start: number, instructionEnd: number, readonly end: number,
  ) {
    // the same positions dockerfile-ast's createInstruction computes
    const startPosition = document.positionAt(start);
    this.instructionRange = { start: startPosition, end: document.positionAt(instructionEnd) };
    this.range = { start: startPosition, end: document.positionAt(end) };
  }
  getInstruction(): string { return this.instruction; }
  getKeyword(): string { return this.instruction.toUpperCase(); }
  getRange(): Range { return this.range; }
  getInstructionRange(): Range { return this.instructionRange; }
  /** The typed instruction dockerfile-ast would have built here. */
  full(): Instruction {
    return Parser.createInstruction(this.document, this.dockerfile, this.escapeChar, this.range, this.instruction, this.instructionRange);
  }
}

export interface LightDockerfile {
  getDirectives(): ReturnType<Dockerfile['getDirectives']>;
  getComments(): ReturnType<Dockerfile['getComments']>;
  getInstructions(): LightInstruction[];
}

const base = Parser.prototype as unknown as ParserInternals;

class LightParser extends (Parser as unknown as new () => ParserInternals) {
  override createInstruction(dockerfile: Dockerfile, instruction: string, start: number, instructionEnd: number, end: number): LightInstruction {
    return new LightInstruction(this.document, dockerfile, this.escapeChar, instruction, start, instructionEnd, end);
  }
  override processHeredocs(instruction: LightInstruction, offset: number): number {
    // A heredoc needs an argument starting with `<<`; arguments are made of the instruction's own characters.
    for (let i = instruction.start; i < instruction.end; i++) {
      if (this.buffer.charCodeAt(i) === 0x3c) return base.processHeredocs.call(this, instruction.full(), offset);
    }
    return offset;
  }
}

/** dockerfile-ast's parse, with light instruction records. */
export function parseAst(text: string): LightDockerfile {
  return new LightParser().parse(text) as unknown as LightDockerfile;
}
