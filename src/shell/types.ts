// A shell script as rules need it: simple commands made of words, plus how they are joined.

export interface ShellWord {
  /** The word with quotes and escapes removed; `$VAR` and `$(..)` kept literally. */
  value: string;
  /** The word exactly as written. */
  raw: string;
  /** Offsets into the script text. */
  start: number;
  end: number;
  /** Some part of the word was quoted. */
  quoted: boolean;
}

export interface Assignment {
  name: string;
  value: string; // unquoted
  start: number;
  end: number;
}

export interface SimpleCommand {
  /** `CGO_ENABLED=0 go build` → assignments [CGO_ENABLED=0], words [go, build]. */
  assignments: Assignment[];
  words: ShellWord[];
  start: number;
  end: number;
  /** The operator that joined this command to the previous one: ';', '&&', '||', '|', '&', or null for the first. */
  joinedBy: ';' | '&&' | '||' | '|' | '&' | '\n' | null;
  /** Part of a pipeline with more than one command. */
  inPipeline: boolean;
  /** Nesting: 0 at top level; inside $(..), (..), {..}, if/for/while bodies it is deeper. */
  depth: number;
}

export interface ShellScript {
  source: string;
  /** Every simple command, in source order, including nested ones (flattened). */
  commands: SimpleCommand[];
  /** Problems the splitter noticed (unterminated quote…); never thrown. */
  errors: { message: string; offset: number }[];
}
